"""POST /v1/check/document: a draft article in, each of its claims with the stored claims it meets out."""
from marshmallow import Schema, fields

from .common import ClaimSchema, ResultSchema
from .documents import DocumentRequestSchema


class DraftRequestSchema(DocumentRequestSchema):
    as_of = fields.Date(load_default=None, allow_none=True,
                        metadata={"description": "check against what was known then"})


class DraftClaimSchema(Schema):
    claim = fields.Nested(ClaimSchema, metadata={"description": "how the claim was read"})
    start = fields.Integer(metadata={"description": "offset of the claim's sentence in the draft as sent"})
    end = fields.Integer()
    matching = fields.List(fields.Nested(ResultSchema))
    corroborating = fields.List(fields.Nested(ResultSchema))
    conflicting = fields.List(fields.Nested(ResultSchema))
    related = fields.List(fields.Nested(ResultSchema))


class DraftSummarySchema(Schema):
    claims = fields.Integer(metadata={"description": "claims extracted from the draft"})
    conflicting = fields.Integer(metadata={"description": "claims with at least one conflicting result"})
    unsupported = fields.Integer(metadata={"description": "claims nothing stored matches or corroborates"})


class DraftResponseSchema(Schema):
    language = fields.String()
    claims = fields.List(fields.Nested(DraftClaimSchema))
    summary = fields.Nested(DraftSummarySchema)
