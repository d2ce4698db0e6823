"""Command line: `flask --app service init-db | seed | ingest PATH | check "statement" | stats`."""
from __future__ import annotations

import json
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from tqdm import tqdm

from . import checker
from .checker import RELATIONS
from .ingest import ingest_document
from .seed import load_seeds
from .store import Repository


def _repo() -> Repository:
    return current_app.extensions["claimcheck.repo"]


def _seed(repo: Repository, seeds_dir: Path) -> None:
    if not (seeds_dir / "manifest.json").exists() and not any(seeds_dir.glob("*.txt")):
        click.echo(f"no seed articles in {seeds_dir}", err=True)
        return
    done = load_seeds(repo, seeds_dir, progress=lambda items: tqdm(items, desc="seeding", unit="doc"))
    added = sum(1 for item in done if item.created)
    click.echo(f"seeded {added} new of {len(done)} documents; {repo.count()} claims stored")


@click.command("init-db")
@with_appcontext
def init_db():
    """Create or upgrade the claim base; load seeds/ when it is empty and CLAIMCHECK_SEED is on."""
    repo = _repo()   # creating the app ran the migrations
    click.echo(f"claim base ready at {repo.engine.url.render_as_string(hide_password=True)}")
    if current_app.config["SEED"] and repo.count() == 0:
        _seed(repo, Path(current_app.config["SEEDS_DIR"]))


@click.command("seed")
@with_appcontext
def seed():
    """Load the seed articles of seeds/manifest.json (those stored already are skipped)."""
    _seed(_repo(), Path(current_app.config["SEEDS_DIR"]))


@click.command("ingest")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--title")
@click.option("--publisher")
@click.option("--url")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), help="YYYY-MM-DD, default today")
@click.option("--language", type=click.Choice(["de", "en"]))
@with_appcontext
def ingest(path: Path, title, publisher, url, published, language):
    """Ingest an article (a UTF-8 text file), or every article of a directory (its manifest.json or *.txt)."""
    repo = _repo()
    if path.is_dir():
        _seed(repo, path)
        return
    done = ingest_document(repo, path.read_text(encoding="utf-8"), title=title, publisher=publisher, url=url,
                           published=published.date() if published else None, language=language)
    state = "ingested" if done.created else "already stored as"
    click.echo(f"{state} {done.document.id}: {len(done.claims)} claims")


@click.command("check")
@click.argument("statement")
@click.option("--language", type=click.Choice(["de", "en"]))
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="only what was published by then")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="print the raw API answer")
@with_appcontext
def check(statement, language, as_of, limit, as_json):
    """Check a statement against the claim base."""
    answer = checker.check(_repo(), statement, language=language, as_of=as_of.date() if as_of else None,
                           limit=limit)
    if as_json:
        click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    click.echo(f"statement ({answer['statement']['language']}): {statement}")
    if not any(answer[relation] for relation in RELATIONS):
        click.echo("nothing in the claim base concerns this statement")
    for relation in RELATIONS:
        for item in answer[relation]:
            cite = item.get("citation") or {}
            click.echo(f"\n{relation.upper()} {item.get('score', 0):.2f}  {item.get('explanation', '')}")
            click.echo(f"  \u201c{cite.get('quote', '')}\u201d")
            click.echo(f"  {cite.get('publisher') or '?'}, {cite.get('title') or '?'}, {cite.get('published') or '?'}")


@click.command("stats")
@with_appcontext
def stats():
    """How much the claim base holds."""
    for key, value in _repo().stats().items():
        click.echo(f"{key}: {value}")


COMMANDS = (init_db, seed, ingest, check, stats)
