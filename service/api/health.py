"""GET /health and GET /metrics: for load balancers and Prometheus."""
from flask import current_app
from flask_smorest import Blueprint

from schemas.health import HealthSchema

from . import repository

blp = Blueprint("health", __name__, description="Service state")


@blp.route("/health", methods=["GET"])
@blp.response(200, HealthSchema)
def health():
    """Ready, and how many claims are stored"""
    return {"status": "ok", "claims": repository().count()}


@blp.route("/metrics", methods=["GET"])
@blp.doc(responses={"200": {"description": "Prometheus text format",
                            "content": {"text/plain": {"schema": {"type": "string"}}}}})
def metrics():
    """Request counts and latencies per endpoint, and the claims stored"""
    return current_app.extensions["claimcheck.metrics"]()
