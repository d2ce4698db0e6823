"""The service's errors as exceptions: each carries the HTTP status and the body's code, message and details."""
from __future__ import annotations

from typing import Optional


class ClaimcheckError(Exception):
    """Anything that kept a call from getting an answer."""


class ConnectionFailed(ClaimcheckError):
    """The service could not be reached, or did not answer in time, after `attempts` tries."""

    def __init__(self, message: str, *, attempts: int = 1):
        super().__init__(message)
        self.attempts = attempts


class ApiError(ClaimcheckError):
    """The service answered an error: {"error": {"code", "message", "details"}} with `status`."""

    def __init__(self, status: int, code: str, message: str, details: Optional[dict] = None, *,
                 retry_after: Optional[float] = None, attempts: int = 1):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}
        self.retry_after = retry_after
        self.attempts = attempts


class BadRequest(ApiError):
    """400, 413, 415: the request itself was unreadable."""


class Unauthorized(ApiError):
    """401: the call needs an API key."""


class Forbidden(ApiError):
    """403: the key is wrong, or the service takes no writes."""


class NotFound(ApiError):
    """404: nothing is stored under this id."""


class ValidationFailed(ApiError):
    """422: invalid fields; `details` names each of them."""


class RateLimited(ApiError):
    """429 after the retries; `retry_after` says how long the service asks to wait."""


class ServerError(ApiError):
    """5xx: the service failed or is unavailable."""


_BY_STATUS = {400: BadRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 413: BadRequest,
              415: BadRequest, 422: ValidationFailed, 429: RateLimited}


def error_for(status: int, body: Optional[dict], retry_after: Optional[float], attempts: int) -> ApiError:
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        # Not the service's own answer (a proxy's error page, say): keep the status, name the shape.
        error = {"code": "http_error", "message": f"The server answered {status} without an error body."}
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else ApiError)
    return cls(status, str(error.get("code", "error")), str(error.get("message", "")), error.get("details"),
               retry_after=retry_after, attempts=attempts)
