"""Text no claim base can hold is refused up front, the same on SQLite and PostgreSQL: NUL characters
and unpaired surrogates.

PostgreSQL cannot store U+0000 in text and SQLite can, so without this one back end would store
what the other fails on; a JSON escape such as "\\ud800" decodes to a lone surrogate that no UTF-8
encoder accepts (a 500 on both). Any string of a JSON body or the query with either answers 422
naming the field; an address with a NUL answers 404 (nothing is stored there). Writes check the
key first, so an anonymous request learns nothing about how its body would have been judged.
"""
from __future__ import annotations

import re

from flask import Flask, request
from flask_smorest import abort

from .auth import check_key

NUL = "\x00"
MESSAGE = "Must not contain NUL characters (U+0000)."
SURROGATE = re.compile("[\ud800-\udfff]")
SURROGATE_MESSAGE = "Must be valid Unicode: no unpaired surrogates (U+D800 to U+DFFF)."


def _flaw(text: str) -> list[str] | None:
    if NUL in text:
        return [MESSAGE]
    if SURROGATE.search(text):
        return [SURROGATE_MESSAGE]
    return None


def _flawed_fields(value):
    """The fields of a JSON value holding a NUL or a lone surrogate, nested like marshmallow's messages; None when clean."""
    if isinstance(value, str):
        return _flaw(value)
    if isinstance(value, dict):
        found = {key: _flawed_fields(item) for key, item in value.items()}
    elif isinstance(value, list):
        found = {index: _flawed_fields(item) for index, item in enumerate(value)}
    else:
        return None
    found = {key: messages for key, messages in found.items() if messages}
    return found or None


def init_app(app: Flask) -> None:
    @app.before_request
    def _refuse_unstorable_text():
        if not request.path.startswith("/v1/"):
            return
        view = app.view_functions.get(request.endpoint)
        if getattr(view, "requires_key", False):
            check_key()
        if NUL in request.path:
            abort(404)
        messages = {}
        query = {name: _flaw(name + value) for name, value in request.args.items(multi=True) if _flaw(name + value)}
        if query:
            messages["query"] = query
        if request.is_json and request.content_length != 0:
            try:
                body = _flawed_fields(request.get_json(silent=True))
            except RecursionError:
                abort(400, message="The body is not valid JSON: it is nested too deeply.")
            if body:
                messages["json"] = body if isinstance(body, dict) else {"_schema": body}
        if messages:
            abort(422, messages=messages)
