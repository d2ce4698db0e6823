"""/v1/claims: add claim sentences, list and filter, search by meaning, read and delete one."""
from __future__ import annotations

import base64
import binascii
import json
import re

from flask import request
from flask_smorest import Blueprint, abort

from schemas.claims import ClaimPageSchema, ClaimQuerySchema, ClaimsCreatedSchema, ClaimsRequestSchema, ScoredClaimSchema
from schemas.claimreview import ClaimLdSchema, FormatQuerySchema
from schemas.common import StoredClaimSchema, claim_json
from service import claimreview, encoder
from service.auth import require_key
from service.ingest import ClaimInput, add_claims
from service.store.repository import ClaimFilter

from . import repository

_URL = re.compile(r"\bhttps?://\S+|\bpic\.twitter\.com/\S+|\bwww\.\S+")

blp = Blueprint("claims", __name__, url_prefix="/v1/claims", description="Stored claims")


def _encode_cursor(position: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, key: str) -> int:
    """The position a `next` cursor of the same kind of listing points at; 422 when it is not one."""
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        value = position[key]
        if isinstance(value, int) and value >= 0:
            return value
    except (binascii.Error, ValueError, TypeError, KeyError):
        pass
    abort(422, messages={"query": {"cursor": ["Not a cursor of this listing; use the `next` of the previous page."]}})


@blp.route("", methods=["POST"])
@blp.doc(security=[{"bearer": []}, {"apiKey": []}])
@require_key
@blp.arguments(ClaimsRequestSchema)
@blp.response(201, ClaimsCreatedSchema)
def create(args):
    """Add one claim, or a batch {"claims": [...]}

    Each text is one claim sentence, normalised like a sentence of an ingested article; the
    optional fields take precedence over what is parsed. A batch (up to 1,000) is stored whole
    or not at all. Answers the new ids in request order; a single claim also answers the claim.
    """
    batch = "claims" in args
    claims = add_claims(repository(), [ClaimInput(**item) for item in (args["claims"] if batch else [args])])
    ids = {"ids": [claim.id for claim in claims]}
    return ids if batch else {**claim_json(claims[0]), **ids}


@blp.route("", methods=["GET"])
@blp.arguments(ClaimQuerySchema, location="query")
@blp.response(200, ClaimPageSchema)
def listing(args):
    """List, filter and search claims

    Newest first, filtered by `attributor`, `subject`, `since`, `until`. With `q`, the claims
    ranked by how closely they state the same thing as the text (in either language), each as
    `{"score", "claim", "citation"}`. Continue with `cursor` = the `next` of the previous page.
    """
    repo, limit = repository(), args["limit"]
    where = ClaimFilter(args.get("attributor"), args.get("subject"), args.get("since"), args.get("until"))
    if "q" in args:
        offset = _decode_cursor(args["cursor"], "offset") if "cursor" in args else 0
        query = _URL.sub(" ", args["q"]).strip() or args["q"]   # links say nothing about what a text states
        found, more = repo.search(encoder.embed([query])[0], where, limit=limit, offset=offset,
                                  query=query, mode=args["mode"])
        items = ScoredClaimSchema(many=True).dump(
            [{"score": round(min(1.0, max(0.0, score)), 4), "claim": claim, "citation": claim.citation}
             for claim, score in found])
        return {"items": items, "next": _encode_cursor({"offset": offset + limit}) if more else None}
    before = _decode_cursor(args["cursor"], "before") if "cursor" in args else None
    claims, last = repo.list(where, limit=limit, before=before)
    return {"items": StoredClaimSchema(many=True).dump(claims),
            "next": _encode_cursor({"before": last}) if last is not None else None}


@blp.route("/<claim_id>", methods=["GET"])
@blp.arguments(FormatQuerySchema, location="query")
@blp.response(200, StoredClaimSchema)
@blp.alt_response(200, schema=ClaimLdSchema, content_type=claimreview.MEDIA_TYPE, success=True,
                  description="With `?format=claimreview` or `Accept: application/ld+json`: a schema.org Claim")
def get(args, claim_id):
    """One claim

    As schema.org `Claim` JSON-LD (`application/ld+json`) with `?format=claimreview` or
    `Accept: application/ld+json`: `author` (the attributor), `appearance` and `firstAppearance`
    (the article), `datePublished`, `text`.
    """
    claim = repository().get(claim_id)
    if claim is None:
        abort(404, message=f"No claim with id {claim_id!r}.")
    if claimreview.wants_jsonld(request, args.get("format")):
        return claimreview.response(claimreview.claim_jsonld(claim, request.url_root))
    return claim, 200, {"Vary": "Accept"}


@blp.route("/<claim_id>", methods=["DELETE"])
@blp.doc(security=[{"bearer": []}, {"apiKey": []}])
@require_key
@blp.response(204)
def remove(claim_id):
    """Remove a claim"""
    if not repository().delete(claim_id):
        abort(404, message=f"No claim with id {claim_id!r}.")
