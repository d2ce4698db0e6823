"""/v1/subscriptions: webhooks that are told when an ingested article conflicts with stored claims."""
from flask_smorest import Blueprint, abort

from schemas.subscriptions import SubscriptionCreatedSchema, SubscriptionPageSchema, SubscriptionRequestSchema
from service.auth import require_key

from . import repository

blp = Blueprint("subscriptions", __name__, url_prefix="/v1/subscriptions", description="Alerts to webhooks")
SECURITY = [{"bearer": []}, {"apiKey": []}]


@blp.route("", methods=["POST"])
@blp.doc(security=SECURITY)
@require_key
@blp.arguments(SubscriptionRequestSchema)
@blp.response(201, SubscriptionCreatedSchema)
def create(args):
    """Subscribe a URL to alerts

    When an ingested article (POST /v1/documents, or the CLI's ingest) has claims that conflict
    with stored ones, the URL receives a POST `{"event": "conflict", "text": "one line for chat",
    "document": {…}, "claims": [{"claim": Claim, "conflicting": [Result]}]}` with the header
    `X-Claimcheck-Signature: sha256=HEX`, the HMAC-SHA256 of the exact body bytes with `secret`.
    Any 2xx answer delivers it; anything else (a redirect too, which is not followed), a timeout
    or a refused connection is retried with exponential backoff from a queue in the database.
    """
    subscription = repository().add_subscription(args["url"], args["secret"], args["events"])
    return {"id": subscription.id}


@blp.route("", methods=["GET"])
@blp.doc(security=SECURITY)
@require_key
@blp.response(200, SubscriptionPageSchema)
def listing():
    """List the subscriptions (never their secrets)"""
    return {"items": repository().list_subscriptions(), "next": None}


@blp.route("/<subscription_id>", methods=["DELETE"])
@blp.doc(security=SECURITY)
@require_key
@blp.response(204)
def remove(subscription_id):
    """Remove a subscription and the alerts still queued for it"""
    if not repository().delete_subscription(subscription_id):
        abort(404, message=f"No subscription with id {subscription_id!r}.")
