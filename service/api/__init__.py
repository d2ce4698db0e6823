"""HTTP routes, one module per resource; each route validates with a schema, calls the work, answers."""
from __future__ import annotations

from flask import Flask, current_app

from service.store import Repository


def repository() -> Repository:
    return current_app.extensions["claimcheck.repo"]


def register_blueprints(app: Flask, api) -> None:
    from . import check, claimreviews, claims, documents, drafts, health, page, subscriptions, timeline

    for module in (check, drafts, documents, claims, claimreviews, subscriptions, health, timeline):
        api.register_blueprint(module.blp)
    app.register_blueprint(page.bp)
