"""POST /v1/check/document: check a whole draft article; nothing is stored."""
from flask_smorest import Blueprint

from schemas.drafts import DraftRequestSchema, DraftResponseSchema
from service.drafts import check_draft

from . import repository

blp = Blueprint("drafts", __name__, url_prefix="/v1", description="Check a draft article against the claim base")


@blp.route("/check/document", methods=["POST"])
@blp.arguments(DraftRequestSchema)
@blp.response(200, DraftResponseSchema)
def check_document(args):
    """Check a draft

    The body of `POST /v1/documents` plus an optional `as_of`. Every claim the draft makes, read as
    ingestion reads an article, with its offsets into the draft as sent and the stored claims it
    matches, corroborates, conflicts with or relates to. `summary` counts the claims, those with a
    conflict, and those nothing stored matches or corroborates. Nothing is stored.
    """
    return check_draft(repository(), args["text"], publisher=args["publisher"], published=args["published"],
                       language=args["language"], as_of=args["as_of"])
