"""POST /v1/check: what the claim base says about a statement."""
from flask_smorest import Blueprint

from schemas.check import CheckRequestSchema, CheckResponseSchema
from service import checker

from . import repository

blp = Blueprint("check", __name__, url_prefix="/v1", description="Check a statement against the claim base")


@blp.route("/check", methods=["POST"])
@blp.arguments(CheckRequestSchema)
@blp.response(200, CheckResponseSchema)
def check(args):
    """Check a statement

    The stored claims that match it (same source), corroborate it (another source), conflict
    with it, or concern the same frame, each with a score, an explanation and a citation.
    """
    return checker.check(repository(), args["statement"], language=args["language"],
                         as_of=args["as_of"], limit=args["limit"])
