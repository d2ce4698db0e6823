"""`Client`: the claimcheck HTTP API over requests, with timeouts, retries and the server's errors as exceptions."""
from __future__ import annotations

import random
import time
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Iterable, Iterator, Optional, Union

import requests

from .errors import ApiError, ConnectionFailed, error_for
from .results import CheckAnswer, Citation, Claim, Document, DraftAnswer, Page, SearchHit

# The server refused before doing any work: safe to send again, whatever the method.
RETRY_STATUSES = (429, 503)
USER_AGENT = "claimcheck-client/1.0"
ClaimItem = Union[str, dict]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _without_none(data: dict) -> dict:
    return {key: _iso(value) for key, value in data.items() if value is not None}


def retry_after(header: Optional[str], now: Optional[datetime] = None) -> Optional[float]:
    """Seconds a Retry-After header asks for: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not header:
        return None
    header = header.strip()
    if header.isdigit():
        return float(header)
    try:
        when = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class Client:
    """A claimcheck service at `base_url`; `api_key` is needed for writes (ingest, add, delete).

    `timeout` is (connect, read) seconds or one number for both. Answers 429 and 503 are retried
    up to `retries` times, after the server's Retry-After or an exponential backoff from `backoff`
    seconds (with jitter); a wait longer than `max_wait` is not taken, the error is raised at once.
    Connection errors and timeouts are retried only for calls that are safe to repeat (reads,
    check, check_draft, ingest, which is idempotent by content, delete). Errors raise `ApiError` subclasses
    carrying the server's `status`, `code`, `message` and `details`.
    """

    def __init__(self, base_url: str, api_key: Optional[str] = None, *,
                 timeout: Union[float, tuple[float, float]] = (5.0, 120.0), retries: int = 3,
                 backoff: float = 0.5, max_wait: float = 60.0, session: Optional[requests.Session] = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self._sleep = sleep
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = USER_AGENT
        self.session = session
        if api_key:
            self.session.headers["Authorization"] = f"Bearer {api_key}"

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    # -- the API ---------------------------------------------------------------------------

    def check(self, statement: str, as_of: Union[date, str, None] = None, *, language: Optional[str] = None,
              limit: Optional[int] = None) -> CheckAnswer:
        """What the claim base says about a statement: matching, corroborating, conflicting, related."""
        return CheckAnswer.from_json(self._request("POST", "/v1/check", idempotent=True, json=_without_none(
            {"statement": statement, "as_of": as_of, "language": language, "limit": limit})))

    def check_claimreview(self, statement: str, as_of: Union[date, str, None] = None, *,
                          language: Optional[str] = None, limit: Optional[int] = None) -> dict:
        """The check answer as schema.org JSON-LD: {"@context", "@graph": [ClaimReview, ...]}."""
        return self._request("POST", "/v1/check", idempotent=True, params={"format": "claimreview"},
                             json=_without_none({"statement": statement, "as_of": as_of, "language": language,
                                                 "limit": limit}))

    def check_draft(self, text: str, as_of: Union[date, str, None] = None, *, title: Optional[str] = None,
                    publisher: Optional[str] = None, url: Optional[str] = None,
                    published: Union[date, str, None] = None, language: Optional[str] = None) -> DraftAnswer:
        """Every claim of a draft article with its offsets and four lists, and a summary; nothing is stored."""
        body = _without_none({"text": text, "as_of": as_of, "title": title, "publisher": publisher, "url": url,
                              "published": published, "language": language})
        return DraftAnswer.from_json(self._request("POST", "/v1/check/document", idempotent=True, json=body))

    def ingest(self, text: str, *, title: Optional[str] = None, publisher: Optional[str] = None,
               url: Optional[str] = None, published: Union[date, str, None] = None,
               language: Optional[str] = None) -> Document:
        """Store an article and its claims; the same text again answers the stored one (`created` False)."""
        body = _without_none({"text": text, "title": title, "publisher": publisher, "url": url,
                              "published": published, "language": language})
        return Document.from_json(self._request("POST", "/v1/documents", idempotent=True, json=body))

    def add_claims(self, claims: Iterable[ClaimItem]) -> list[str]:
        """Store claim sentences (a text, or a dict of text, publisher, title, url, published, language,
        attributor) all together or none; the new ids in order. Not retried after a connection error,
        since the batch may have been stored."""
        items = [_without_none({"text": item} if isinstance(item, str) else dict(item)) for item in claims]
        return self._request("POST", "/v1/claims", idempotent=False, json={"claims": items})["ids"]

    def add_claim(self, text: str, **meta: Any) -> Claim:
        """Store one claim sentence; the stored claim as the server normalised it."""
        return Claim.from_json(self._request("POST", "/v1/claims", idempotent=False,
                                             json=_without_none({"text": text, **meta})))

    def search(self, q: str, *, limit: Optional[int] = None, cursor: Optional[str] = None,
               **filters: Any) -> Page:
        """Stored claims ranked by how closely they state the same thing as `q`; items are `SearchHit`s."""
        page = self._request("GET", "/v1/claims", idempotent=True,
                             params=_without_none({"q": q, "limit": limit, "cursor": cursor, **filters}))
        return Page([SearchHit(item["score"], Claim.from_json(item["claim"]), Citation.from_json(item.get("citation")))
                     for item in page["items"]], page.get("next"))

    def list_claims(self, *, limit: Optional[int] = None, cursor: Optional[str] = None, **filters: Any) -> Page:
        """Stored claims, newest first, filtered by attributor, subject, since, until; items are `Claim`s."""
        page = self._request("GET", "/v1/claims", idempotent=True,
                             params=_without_none({"limit": limit, "cursor": cursor, **filters}))
        return Page([Claim.from_json(item) for item in page["items"]], page.get("next"))

    def iter_claims(self, **filters: Any) -> Iterator[Claim]:
        """Every stored claim matching the filters, following the cursors."""
        cursor = None
        while True:
            page = self.list_claims(cursor=cursor, **filters)
            yield from page.items
            if not page.next:
                return
            cursor = page.next

    def get_claim(self, claim_id: str) -> Claim:
        return Claim.from_json(self._request("GET", f"/v1/claims/{claim_id}", idempotent=True))

    def get_claim_jsonld(self, claim_id: str) -> dict:
        """The claim as a schema.org `Claim` (JSON-LD)."""
        return self._request("GET", f"/v1/claims/{claim_id}", idempotent=True,
                             headers={"Accept": "application/ld+json"})

    def delete_claim(self, claim_id: str) -> None:
        self._request("DELETE", f"/v1/claims/{claim_id}", idempotent=True)

    def get_document(self, document_id: str) -> Document:
        return Document.from_json(self._request("GET", f"/v1/documents/{document_id}", idempotent=True))

    def health(self) -> dict:
        return self._request("GET", "/health", idempotent=True)

    def import_claimreviews(self, reviews: Union[dict, list]) -> dict:
        """Store schema.org ClaimReviews (one, a list, or a DataFeed) as claims with their rating:
        `{"ids": [...], "errors": [{"index", "message"}]}`. Idempotent by review url, so retried."""
        return self._request("POST", "/v1/claimreviews", idempotent=True, json=reviews)

    def subscribe(self, url: str, secret: str, events: Optional[list[str]] = None) -> str:
        """Have alerts POSTed to `url`, signed with `secret`; the subscription's id."""
        body = _without_none({"url": url, "secret": secret, "events": events})
        return self._request("POST", "/v1/subscriptions", idempotent=False, json=body)["id"]

    def list_subscriptions(self) -> list[dict]:
        """Every subscription as {"id", "url", "events", "created_at"} (the secret is never answered)."""
        return self._request("GET", "/v1/subscriptions", idempotent=True)["items"]

    def unsubscribe(self, subscription_id: str) -> None:
        self._request("DELETE", f"/v1/subscriptions/{subscription_id}", idempotent=True)

    # -- transport -------------------------------------------------------------------------

    def _request(self, method: str, path: str, *, idempotent: bool, **kwargs: Any) -> Any:
        url = self.base_url + path
        attempt = 0
        while True:
            try:
                response = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as error:
                # A ConnectTimeout never reached the server; anything else may have been processed.
                safe = idempotent or isinstance(error, requests.ConnectTimeout)
                if not safe or attempt >= self.retries:
                    raise ConnectionFailed(f"{method} {url}: {error}", attempts=attempt + 1) from error
                self._wait(self._backoff(attempt))
                attempt += 1
                continue
            if response.status_code in RETRY_STATUSES and attempt < self.retries:
                wait = retry_after(response.headers.get("Retry-After"))
                wait = self._backoff(attempt) if wait is None else wait
                if wait <= self.max_wait:
                    response.close()
                    self._wait(wait)
                    attempt += 1
                    continue
            return self._answer(response, attempt + 1)

    def _backoff(self, attempt: int) -> float:
        return min(self.max_wait, self.backoff * 2 ** attempt) * random.uniform(0.5, 1.0)

    def _wait(self, seconds: float) -> None:
        self._sleep(seconds)

    @staticmethod
    def _answer(response: requests.Response, attempts: int) -> Any:
        if response.status_code == 204:
            return None
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.ok:
            if body is None:
                raise ApiError(response.status_code, "invalid_response",
                               f"The server answered {response.status_code} without JSON.", attempts=attempts)
            return body
        raise error_for(response.status_code, body, retry_after(response.headers.get("Retry-After")), attempts)
