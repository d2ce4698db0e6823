"""Python client of the claimcheck API: `Client(base_url, api_key).check("US says 10,000 troops")`."""
from .client import Client
from .errors import (ApiError, BadRequest, ClaimcheckError, ConnectionFailed, Forbidden, NotFound, RateLimited,
                     ServerError, Unauthorized, ValidationFailed)
from .results import (Attributor, CheckAnswer, Citation, Claim, Document, DraftAnswer, DraftClaim, DraftSummary, Page,
                      Quantity, Quote, Result, SearchHit, TimeSpan)

__all__ = [
    "Client",
    "ApiError", "BadRequest", "ClaimcheckError", "ConnectionFailed", "Forbidden", "NotFound", "RateLimited",
    "ServerError", "Unauthorized", "ValidationFailed",
    "Attributor", "CheckAnswer", "Citation", "Claim", "Document", "DraftAnswer", "DraftClaim", "DraftSummary", "Page",
    "Quantity", "Quote", "Result", "SearchHit", "TimeSpan",
]
