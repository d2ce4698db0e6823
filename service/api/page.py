"""GET /: the page for people, a statement box that asks POST /v1/check."""
from flask import Blueprint, render_template

bp = Blueprint("page", __name__)

# The page loads its script and style from /static; nothing inline may run.
POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'"


@bp.route("/", methods=["GET"])
def index():
    return render_template("index.html"), 200, {"Content-Security-Policy": POLICY}
