"""POST /v1/documents and GET /v1/documents/{id}: articles and the claims taken from them."""
from flask_smorest import Blueprint, abort

from schemas.common import claim_json
from schemas.documents import DocumentRequestSchema, DocumentSchema
from service.auth import require_key
from service.checker import with_also
from service.ingest import LimitExceeded, ingest_document
from service.store.models import Document

from . import repository

blp = Blueprint("documents", __name__, url_prefix="/v1/documents", description="Ingest and read articles")


def _document(document: Document, claims: list[dict]) -> dict:
    return {
        "id": document.id, "title": document.title, "publisher": document.publisher, "url": document.url,
        "published": document.published.isoformat() if document.published else None,
        "language": document.language, "content_hash": document.content_hash, "text": document.text,
        "claims": claims,
    }


@blp.route("", methods=["POST"])
@blp.doc(security=[{"bearer": []}, {"apiKey": []}])
@require_key
@blp.arguments(DocumentRequestSchema)
@blp.response(201, DocumentSchema)
@blp.alt_response(200, schema=DocumentSchema, description="The same text was ingested before: the stored document")
def ingest(args):
    """Ingest an article

    Extracts its claims and stores both. Idempotent by content: the same text again answers
    200 with the stored document and `"created": false`. Each claim carries `relations`: the
    stored claims it matches, corroborates or conflicts with. An article that would take more
    than the claims-per-article cap or the time budget answers 422 naming the limit; nothing is stored.
    """
    try:
        ingested = ingest_document(repository(), **args)
    except LimitExceeded as error:
        abort(422, message=error.message, messages={"json": {"text": [error.message]}})
    claims = [{**claim_json(claim), "relations": with_also(ingested.relations.get(claim.id, []))}
              for claim in ingested.claims]
    return {**_document(ingested.document, claims), "created": ingested.created}, 201 if ingested.created else 200


@blp.route("/<document_id>", methods=["GET"])
@blp.response(200, DocumentSchema)
def get(document_id):
    """A document with its claims"""
    repo = repository()
    document = repo.document(document_id)
    if document is None:
        abort(404, message=f"No document with id {document_id!r}.")
    return _document(document, [claim_json(claim) for claim in repo.claims_of(document.id)])
