"""claimcheck: checks a statement against a base of sourced claims. `create_app` builds the Flask app."""
from __future__ import annotations

from flask import Flask, request
from flask_smorest import abort

from . import errors, inputs, ratelimit, telemetry
from .config import from_environment
from .store import Repository, make_engine, migrate

WRITE_METHODS = ("POST", "PUT", "PATCH")


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.json.sort_keys = False   # answers keep the contract's field order
    app.config.from_mapping(from_environment())
    if test_config:
        app.config.from_mapping(test_config)

    engine = make_engine(app.config["DATABASE_URL"])
    migrate(engine)
    repo = Repository(engine)
    app.extensions["claimcheck.repo"] = repo

    telemetry.init_app(app, repo)
    ratelimit.init_app(app)

    @app.before_request
    def _refuse_bodies_early():
        # Size and type are known from the headers: refuse before anything parses the body.
        if request.method not in WRITE_METHODS:
            return
        limit = app.config["MAX_CONTENT_LENGTH"]
        if request.content_length is not None and request.content_length > limit:
            abort(413)
        if request.path.startswith("/v1/") and not request.is_json:
            abort(415)

    inputs.init_app(app)

    api = errors.Api(app, spec_kwargs={"info": {"description": "Check statements against sourced claims."}})
    api.spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    api.spec.components.security_scheme("apiKey", {"type": "apiKey", "in": "header", "name": "X-API-Key"})
    errors.register(app, api)

    from .api import register_blueprints

    register_blueprints(app, api)

    from .cli import COMMANDS

    for command in COMMANDS:
        app.cli.add_command(command)
    from . import alerts

    alerts.init_app(app)
    from .backup import init_app as init_backup

    init_backup(app)
    return app
