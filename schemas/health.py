"""GET /health."""
from marshmallow import Schema, fields


class HealthSchema(Schema):
    status = fields.String(metadata={"example": "ok"})
    claims = fields.Integer(metadata={"description": "claims stored"})
