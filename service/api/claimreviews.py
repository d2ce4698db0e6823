"""POST /v1/claimreviews: fact-checks published as schema.org ClaimReview become claims with their rating."""
from flask import request
from flask_smorest import Blueprint, abort

from schemas.claimreviews import REQUEST_BODY, ClaimReviewsCreatedSchema
from service.auth import require_key
from service.claimreview import ReviewError, import_reviews

from . import repository

blp = Blueprint("claimreviews", __name__, url_prefix="/v1/claimreviews", description="Import fact-checks")


@blp.route("", methods=["POST"])
@blp.doc(security=[{"bearer": []}, {"apiKey": []}], requestBody=REQUEST_BODY)
@require_key
@blp.response(201, ClaimReviewsCreatedSchema)
def create():
    """Import ClaimReview fact-checks

    Each review becomes a stored claim: `claimReviewed` is read like the text of POST /v1/claims
    (so it is found and related like any claim), `author` is its source and publisher, and
    `rating` holds `{"name", "value", "best", "worst", "reviewer", "url"}`. Idempotent by the
    review's `url`. Reviews that cannot be stored are named in `errors` by position while the
    others are stored (together, in one transaction); when none can be, the answer is 422.
    """
    body = request.get_json(silent=True)
    if body is None:
        abort(400)
    if not isinstance(body, (dict, list)):
        abort(422, messages={"json": {"_schema": ["Send a ClaimReview object, a list of them, or a DataFeed."]}})
    try:
        imported = import_reviews(repository(), body)
    except ReviewError as error:
        abort(422, messages={"json": {"_schema": [str(error)]}})
    if not imported.ids:
        if not imported.errors:
            abort(422, messages={"json": {"_schema": ["No ClaimReview found in the body."]}})
        abort(422, message="No review could be stored; details name each by its position.",
              messages={"json": {str(error["index"]): [error["message"]] for error in imported.errors}})
    return {"ids": imported.ids, "errors": imported.errors}
