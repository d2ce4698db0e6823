"""POST /v1/documents and GET /v1/documents/{id}: an article and the claims taken from it."""
from marshmallow import EXCLUDE, Schema, fields, validate

from .common import LANGUAGES, IsoDate, ResultSchema, StoredClaimSchema


class DocumentRequestSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    text = fields.String(required=True, validate=validate.Length(1, 200_000))
    title = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))
    publisher = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))
    url = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))
    published = fields.Date(load_default=None, allow_none=True, metadata={"description": "defaults to today"})
    language = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(LANGUAGES),
                             metadata={"description": "detected when absent"})


class DocumentClaimSchema(StoredClaimSchema):
    relations = fields.List(fields.Nested(ResultSchema),
                            metadata={"description": "stored claims this one matches, corroborates or conflicts with"})


class DocumentSchema(Schema):
    id = fields.String()
    created = fields.Boolean(metadata={"description": "false when the same text was ingested before"})
    title = fields.String(allow_none=True)
    publisher = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    published = IsoDate()
    language = fields.String()
    content_hash = fields.String(metadata={"description": "sha256 of the text"})
    text = fields.String()
    claims = fields.List(fields.Nested(DocumentClaimSchema))
