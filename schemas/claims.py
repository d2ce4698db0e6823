"""POST /v1/claims, GET /v1/claims (list, filters, search), GET and DELETE /v1/claims/{id}."""
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from .common import LANGUAGES, CitationSchema, StoredClaimSchema

MAX_BATCH = 1000


class ClaimRequestSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    text = fields.String(required=True, validate=validate.Length(1, 2000),
                         metadata={"description": "one claim sentence; it is also the citation quote"})
    publisher = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))
    title = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))
    url = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))
    published = fields.Date(load_default=None, allow_none=True, metadata={"description": "defaults to today"})
    language = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(LANGUAGES))
    attributor = fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 200),
                               metadata={"description": "the source, when the sentence does not name it"})


class ClaimsRequestSchema(ClaimRequestSchema):
    """One claim (the fields of a claim) or a batch `{"claims": [...]}`, stored whole or not at all."""

    text = fields.String(validate=validate.Length(1, 2000))
    claims = fields.List(fields.Nested(ClaimRequestSchema), validate=validate.Length(1, MAX_BATCH),
                         metadata={"description": f"a batch of up to {MAX_BATCH} claims"})

    @validates_schema
    def _one_or_batch(self, data, **kwargs):
        if "claims" in data and "text" in data:
            raise ValidationError("Send one claim or a batch {\"claims\": [...]}, not both.", "claims")
        if "claims" not in data and "text" not in data:
            raise ValidationError("Missing data for required field.", "text")


class ClaimsCreatedSchema(StoredClaimSchema):
    ids = fields.List(fields.String(), metadata={"description": "the new ids in request order"})


class ClaimQuerySchema(Schema):
    class Meta:
        unknown = EXCLUDE

    q = fields.String(validate=validate.Length(1, 2000),
                      metadata={"description": "rank claims by how closely they state the same thing"})
    attributor = fields.String(metadata={"description": "canonical source, e.g. 'US government'"})
    subject = fields.String()
    since = fields.Date(metadata={"description": "published on or after"})
    until = fields.Date(metadata={"description": "published on or before"})
    mode = fields.String(load_default="hybrid", validate=validate.OneOf(("hybrid", "vector", "lexical")),
                         metadata={"description": "with q: rank by meaning and words (default), "
                                                  "by meaning alone, or by words alone"})
    limit = fields.Integer(load_default=20, validate=validate.Range(1, 100))
    cursor = fields.String(metadata={"description": "the `next` of the previous page"})


class ScoredClaimSchema(Schema):
    score = fields.Float()
    claim = fields.Nested(StoredClaimSchema)
    citation = fields.Nested(CitationSchema)


class ClaimPageSchema(Schema):
    items = fields.List(fields.Raw(), metadata={"description": "claims, or {score, claim, citation} with q"})
    next = fields.String(allow_none=True, metadata={"description": "cursor of the next page, null on the last"})
