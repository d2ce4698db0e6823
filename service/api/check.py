"""POST /v1/check: what the claim base says about a statement."""
from flask import request
from flask_smorest import Blueprint

from schemas.check import CheckRequestSchema, CheckResponseSchema
from schemas.claimreview import ClaimReviewGraphSchema, FormatQuerySchema
from service import checker, claimreview

from . import repository

blp = Blueprint("check", __name__, url_prefix="/v1", description="Check a statement against the claim base")


@blp.route("/check", methods=["POST"])
@blp.arguments(CheckRequestSchema)
@blp.arguments(FormatQuerySchema, location="query")
@blp.response(200, CheckResponseSchema)
@blp.alt_response(200, schema=ClaimReviewGraphSchema, content_type=claimreview.MEDIA_TYPE, success=True,
                  description="With `?format=claimreview` or `Accept: application/ld+json`: schema.org "
                              "ClaimReviews, one per conflicting or corroborating claim")
def check(args, query):
    """Check a statement

    The stored claims that match it (same source), corroborate it (another source), conflict
    with it, or concern the same frame, each with a score, an explanation and a citation.
    With `?format=claimreview` or `Accept: application/ld+json`, the conflicting and
    corroborating ones as schema.org `ClaimReview` JSON-LD (`reviewRating` names the relation
    and explains it; `isBasedOn` is the stored claim).
    """
    answer = checker.check(repository(), args["statement"], language=args["language"],
                           as_of=args["as_of"], limit=args["limit"])
    if claimreview.wants_jsonld(request, query.get("format")):
        return claimreview.response(claimreview.check_claimreviews(answer, request.url_root))
    return answer, 200, {"Vary": "Accept"}
