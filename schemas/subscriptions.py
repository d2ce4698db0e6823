"""POST, GET /v1/subscriptions and DELETE /v1/subscriptions/{id}: webhooks for alerts."""
from urllib.parse import urlsplit

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates

from service.alerts import EVENTS, SCHEMES


class SubscriptionRequestSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    url = fields.String(required=True, validate=validate.Length(1, 2000),
                        metadata={"description": "where alerts are POSTed; http or https only. Redirects are "
                                                 "not followed", "example": "https://desk.example/hook"})
    secret = fields.String(required=True, load_only=True, validate=validate.Length(8, 500),
                           metadata={"description": "signs each alert: X-Claimcheck-Signature: sha256=HEX is the "
                                                    "HMAC-SHA256 of the body with it. Never answered back"})
    events = fields.List(fields.String(validate=validate.OneOf(EVENTS)), load_default=list(EVENTS),
                         validate=validate.Length(1, len(EVENTS)),
                         metadata={"description": "what to be told of; `conflict`: an ingested article has "
                                                  "claims that conflict with stored ones"})

    @validates("url")
    def _http_url(self, value, **kwargs):
        parts = urlsplit(value)
        if parts.scheme.lower() not in SCHEMES or not parts.hostname:
            raise ValidationError("Must be an http:// or https:// URL with a host.")
        if parts.username or parts.password:
            raise ValidationError("Must not carry credentials; authenticate the alerts by their signature.")
        try:
            parts.port
        except ValueError:
            raise ValidationError("The port is not a number from 0 to 65535.") from None


class SubscriptionSchema(Schema):
    id = fields.String(metadata={"example": "s_3f2a…"})
    url = fields.String()
    events = fields.List(fields.String())
    created_at = fields.DateTime()


class SubscriptionCreatedSchema(Schema):
    id = fields.String(metadata={"example": "s_3f2a…"})


class SubscriptionPageSchema(Schema):
    items = fields.List(fields.Nested(SubscriptionSchema), metadata={"description": "without their secrets"})
    next = fields.String(allow_none=True, metadata={"description": "always null: every subscription is listed"})
