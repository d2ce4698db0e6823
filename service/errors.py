"""Every error leaves as {"error": {"code", "message", "details"}}, whatever raised it."""
from __future__ import annotations

import logging

import flask_smorest
from flask import Flask
from werkzeug.exceptions import HTTPException, InternalServerError

from schemas.common import ErrorSchema

log = logging.getLogger("claimcheck")

CODES = {
    400: "malformed_json",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
}
MESSAGES = {
    400: "The body is not valid JSON.",
    404: "Nothing is stored under this address.",
    413: "The body is larger than the limit of 1 MiB.",
    415: "Send the body as JSON with Content-Type: application/json.",
    422: "Some fields are invalid; details name each of them.",
    500: "Something went wrong on our side; the request changed nothing.",
}


def error_body(status: int, message: str, details: dict | None = None) -> dict:
    return {"error": {"code": CODES.get(status, "error"), "message": message, "details": details or {}}}


def _field_messages(messages: dict) -> dict:
    """webargs nests messages by location ({"json": {...}, "query": {...}}); clients want the fields."""
    fields: dict = {}
    for location, per_field in messages.items():
        if isinstance(per_field, dict):
            fields.update(per_field)
        else:
            fields[location] = per_field
    return fields


class Api(flask_smorest.Api):
    """flask-smorest's Api with the contract's error shape, in answers and in the OpenAPI document."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        status = error.code or 500
        if status >= 500:
            return error_body(500, MESSAGES[500]), 500
        details = _field_messages(data.get("messages") or {}) if status == 422 else data.get("details", {})
        message = data.get("message") or MESSAGES.get(status) or error.description
        headers = dict(error.get_headers())
        headers.pop("Content-Type", None)
        headers.update(data.get("headers") or {})
        return error_body(status, message, details), status, headers


def register(app: Flask, api: Api) -> None:
    """Errors that are not HTTP errors become a 500 without internals; the trace goes to the log only."""

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return api.handle_http_exception(error)
        log.exception("unhandled error", exc_info=error)
        return api.handle_http_exception(InternalServerError())
