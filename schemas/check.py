"""POST /v1/check: a statement in, the stored claims it matches, corroborates or conflicts with out."""
from marshmallow import EXCLUDE, Schema, fields, validate

from .common import LANGUAGES, ClaimSchema, ResultSchema


class CheckRequestSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    statement = fields.String(required=True, validate=validate.Length(1, 2000))
    language = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(LANGUAGES),
                             metadata={"description": "detected when absent"})
    as_of = fields.Date(load_default=None, allow_none=True,
                        metadata={"description": "check against what was known then"})
    limit = fields.Integer(load_default=20, validate=validate.Range(1, 100),
                           metadata={"description": "cap of each list"})


class StatementSchema(Schema):
    text = fields.String()
    language = fields.String(metadata={"description": "the detected language: de, en, another ISO 639-1 code, "
                                                      "or und; the given one when the request names it"})
    claims = fields.List(fields.Nested(ClaimSchema))


class CheckResponseSchema(Schema):
    statement = fields.Nested(StatementSchema)
    matching = fields.List(fields.Nested(ResultSchema))
    corroborating = fields.List(fields.Nested(ResultSchema))
    conflicting = fields.List(fields.Nested(ResultSchema))
    related = fields.List(fields.Nested(ResultSchema))
    notice = fields.String(metadata={"description": "only for a statement in a language other than German and "
                                                    "English: that only those two are understood"})
