"""Command line: `flask --app service init-db | seed | ingest PATH | import-claims FILE | import-claimreview FILE |
subscriptions add|list|remove |
check "statement" | check-draft FILE | stats`.

`check`, `check-draft`, `ingest`, `import-claims` and `import-claimreview` work on the local claim base, or on a running service with
`--url` (or CLAIMCHECK_URL) and `--api-key` (or CLAIMCHECK_API_KEY) through claimcheck_client.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Callable, Optional

import click
from flask import current_app, has_app_context
from flask.cli import ScriptInfo, with_appcontext
from marshmallow import ValidationError
from tqdm import tqdm

from . import checker, claimreview
from .checker import RELATIONS
from .ingest import ClaimInput, add_claims, ingest_document, parallel
from .seed import load_seeds, manifest
from .store import Repository

JSONL = (".jsonl", ".ndjson")
DOCUMENT_FIELDS = ("text", "title", "publisher", "url", "published", "language")


def _repo() -> Repository:
    return current_app.extensions["claimcheck.repo"]


def _seed(repo: Repository, seeds_dir: Path) -> None:
    if not (seeds_dir / "manifest.json").exists() and not any(seeds_dir.glob("*.txt")):
        click.echo(f"no seed articles in {seeds_dir}", err=True)
        return
    done = load_seeds(repo, seeds_dir, progress=lambda items: tqdm(items, desc="seeding", unit="doc"))
    added = sum(1 for item in done if item.created)
    click.echo(f"seeded {added} new of {len(done)} documents; {repo.count()} claims stored")


def _remote_options(command: Callable) -> Callable:
    command = click.option("--api-key", envvar="CLAIMCHECK_API_KEY", metavar="KEY",
                           help="key for writes to the service [env CLAIMCHECK_API_KEY]")(command)
    return click.option("--url", envvar="CLAIMCHECK_URL", metavar="URL",
                        help="a running claimcheck service instead of the local base [env CLAIMCHECK_URL]")(command)


def _local_unless_remote(view: Callable) -> Callable:
    """Run inside the app's context only when the command works on the local base (no --url)."""

    @click.pass_context
    @wraps(view)
    def run(ctx: click.Context, **kwargs):
        if kwargs.get("url") or has_app_context():
            return view(**kwargs)
        with ctx.ensure_object(ScriptInfo).load_app().app_context():
            return view(**kwargs)

    return run


def _client(url: str, api_key: Optional[str]):
    from claimcheck_client import Client

    return Client(url, api_key)


def _fail(message: str) -> None:
    raise click.ClickException(message)


def _api_failure(error: Exception) -> str:
    """One line for an error of the client: the server's code and message, or why it was not reached."""
    code = getattr(error, "code", None)
    return f"{code}: {error.message}" if code else str(error)


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


# -- ingest ------------------------------------------------------------------------------------

@dataclass
class Article:
    where: str                       # "file.txt", "articles.jsonl:3": what a report names
    text: str
    meta: dict = field(default_factory=dict)


def _document_fields(data: dict) -> dict:
    """Validate an article's fields like POST /v1/documents does; raises ValidationError."""
    from schemas.documents import DocumentRequestSchema

    return DocumentRequestSchema().load(data)


def _messages(error: ValidationError) -> str:
    messages = error.messages if isinstance(error.messages, dict) else {"_": error.messages}
    return "; ".join(f"{name}: {' '.join(map(str, text)) if isinstance(text, list) else text}"
                     for name, text in messages.items())


def _articles(path: Path, options: dict) -> tuple[list[Article], list[str]]:
    """The articles a path holds, and what is wrong with the input (each bad line by its number)."""
    if path.is_dir():
        entries = manifest(path)
        rows = [(entry.get("file", "?"), {**{k: entry.get(k) for k in DOCUMENT_FIELDS if k != "text"},
                                          "text": (path / entry["file"]).read_text(encoding="utf-8")
                                          if (path / entry.get("file", "")).is_file() else None})
                for entry in entries]
    elif path.suffix.lower() in JSONL:
        rows, problems = _json_lines(path, lambda text: None)
        articles, bad = _validated([(f"{path.name}:{number}", data) for number, data in rows])
        return articles, [f"{path.name}:{number}: {problem}" for number, problem in problems] + bad
    else:
        rows = [(path.name, {**options, "text": path.read_text(encoding="utf-8")})]
    return _validated(rows)


def _validated(rows: list[tuple[str, dict]]) -> tuple[list[Article], list[str]]:
    articles, problems = [], []
    for where, data in rows:
        try:
            loaded = _document_fields({k: v for k, v in data.items() if v is not None or k == "text"})
        except ValidationError as error:
            problems.append(f"{where}: {_messages(error)}")
            continue
        text = loaded.pop("text")
        articles.append(Article(where, text, {k: v for k, v in loaded.items() if v is not None}))
    return articles, problems


@click.command("ingest")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--title")
@click.option("--publisher")
@click.option("--article-url", help="the article's own address, kept in its citations")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), help="YYYY-MM-DD, default today")
@click.option("--language", type=click.Choice(["de", "en"]))
@_remote_options
@_local_unless_remote
def ingest(path: Path, title, publisher, article_url, published, language, url, api_key):
    """Ingest an article (a UTF-8 text file), every article of a directory (its manifest.json or *.txt),
    or a JSONL file of {"text", "title", "publisher", "url", "published", "language"} objects.

    The input is checked first: a bad line or entry is reported with its number and nothing is
    ingested. Then each article is stored on its own (again ingesting the same text changes nothing).
    """
    options = {"title": title, "publisher": publisher, "url": article_url, "language": language,
               "published": published.date().isoformat() if published else None}
    articles, problems = _articles(path, options)
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        _fail(f"{len(problems)} bad entr{'y' if len(problems) == 1 else 'ies'} in {path}; nothing was ingested")
    if not articles:
        _fail(f"no articles in {path}")
    store = _remote_ingest(url, api_key) if url else _local_ingest()
    new = stored = claims = 0
    failed = []
    many = len(articles) > 1
    for article in tqdm(articles, desc="ingesting", unit="doc", file=sys.stderr, disable=not many):
        try:
            document_id, created, count = store(article)
        except Exception as error:   # one article's failure must not stop the rest
            failed.append(f"{article.where}: {_api_failure(error)}")
            continue
        new, stored, claims = new + created, stored + (not created), claims + count
        if not many:
            click.echo(f"{'ingested' if created else 'already stored as'} {document_id}: {count} claims")
    if many:
        click.echo(f"ingested {new} new of {len(articles)} documents ({stored} already stored, {len(failed)} failed);"
                   f" {claims} claims in the new ones")
    for failure in failed:
        click.echo(f"failed {failure}", err=True)
    if failed:
        sys.exit(1)


def _local_ingest():
    repo = _repo()

    def store(article: Article):
        # The command prints counts, not relations: skip finding them.
        done = ingest_document(repo, article.text, relations=False, **article.meta)
        return done.document.id, done.created, len(done.claims) if done.created else 0
    return store


def _remote_ingest(url: str, api_key: Optional[str]):
    client = _client(url, api_key)

    def store(article: Article):
        meta = {k: v.isoformat() if isinstance(v, date) else v for k, v in article.meta.items()}
        document = client.ingest(article.text, **meta)
        return document.id, document.created, len(document.claims) if document.created else 0
    return store


# -- import-claims -----------------------------------------------------------------------------

Numbered = list[tuple[int, dict]]


def _json_lines(path: Path, from_string: Callable[[str], Optional[dict]]) -> tuple[Numbered, list[tuple[int, str]]]:
    """(line number, object) of each line of a JSONL file, and (line number, what is wrong) of the others.

    A line that is a JSON string becomes `from_string(it)` when that gives an object.
    """
    rows, problems = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as error:
            problems.append((number, f"not JSON ({error.msg})"))
            continue
        if isinstance(data, str) and from_string(data) is not None:
            data = from_string(data)
        if not isinstance(data, dict):
            problems.append((number, "not a JSON object"))
            continue
        rows.append((number, data))
    return rows, problems


def _csv_rows(path: Path) -> tuple[Numbered, list[tuple[int, str]]]:
    """(line number, fields) of each row of a CSV file with a header row; empty cells are absent fields."""
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        return [], [(1, "the header row must name a 'text' column")]
    rows, problems = [], []
    for row in reader:
        if None in row:
            problems.append((reader.line_num, "more cells than the header names"))
            continue
        rows.append((reader.line_num, {k: v for k, v in row.items() if v not in ("", None)}))
    return rows, problems


@click.command("import-claims")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]),
              help="default: from the file name (.csv, else JSONL)")
@click.option("--batch-size", type=click.IntRange(1, 100_000),
              help="claims per transaction: 20,000 on the local base, 1,000 (at most) per POST /v1/claims with --url")
@click.option("--processes", type=click.IntRange(1, 64),
              help="local base: processes that parse and encode (default: one per core)")
@_remote_options
@_local_unless_remote
def import_claims(path: Path, fmt, batch_size, processes, url, api_key):
    """Add claim sentences from a JSONL or CSV file: fields text (required), publisher, title, url,
    published (YYYY-MM-DD), language, attributor, like POST /v1/claims.

    Every line is checked first; bad lines are reported with their numbers and nothing is stored.
    Each batch is stored whole or not at all; after a failed batch the ones before it stay stored.
    On the local base the sentences are parsed and encoded in a pool of processes and written in large
    transactions; then the vector index file is brought up to date, so a server starts ready from it.
    """
    from schemas.claims import ClaimRequestSchema

    fmt = fmt or ("csv" if path.suffix.lower() == ".csv" else "jsonl")
    rows, problems = _csv_rows(path) if fmt == "csv" else _json_lines(path, lambda text: {"text": text})
    schema, claims = ClaimRequestSchema(), []
    for number, data in rows:
        try:
            claims.append((number, schema.load(data)))
        except ValidationError as error:
            problems.append((number, _messages(error)))
    if problems:
        for number, problem in sorted(problems):
            click.echo(f"{path.name}:{number}: {problem}", err=True)
        _fail(f"{len(problems)} bad line{'s' if len(problems) != 1 else ''} in {path}; nothing was stored")
    if not claims:
        _fail(f"no claims in {path}")
    batch_size = min(batch_size or 1000, 1000) if url else (batch_size or 20_000)
    store = _remote_claims(url, api_key) if url else _local_claims()
    done = 0
    with tqdm(total=len(claims), desc="importing", unit="claim", file=sys.stderr) as progress, \
            (nullcontext() if url or len(claims) < 2000 else parallel(processes)):
        for first in range(0, len(claims), batch_size):
            batch = claims[first:first + batch_size]
            try:
                store([fields for _, fields in batch])
            except Exception as error:
                progress.close()
                lines = f"lines {batch[0][0]}-{batch[-1][0]}"
                click.echo(f"{path.name}: the batch of {lines} failed, none of it was stored: "
                           f"{_batch_failure(error, batch)}", err=True)
                _fail(f"stored {done} of {len(claims)} claims (the batches before {lines})")
            done += len(batch)
            progress.update(len(batch))
    if not url:
        from .store.index import build

        build(_repo().engine)       # the index file beside the base, when the base is large enough for one
    click.echo(f"imported {done} claims from {path.name}")


def _batch_failure(error: Exception, batch: list[tuple[int, dict]]) -> str:
    """The server names bad claims by their index in the batch; the user knows them by line."""
    details = getattr(error, "details", None) or {}
    per_claim = details.get("claims") if isinstance(details, dict) else None
    if isinstance(per_claim, dict):
        named = [f"line {batch[int(i)][0]}: {messages}" for i, messages in per_claim.items()
                 if str(i).isdigit() and int(i) < len(batch)]
        if named:
            return "; ".join(named)
    return _api_failure(error)


def _local_claims():
    repo = _repo()
    return lambda items: add_claims(repo, [ClaimInput(**item) for item in items])


def _remote_claims(url: str, api_key: Optional[str]):
    client = _client(url, api_key)
    return lambda items: client.add_claims(items)


# -- check -------------------------------------------------------------------------------------

@click.command("check")
@click.argument("statement")
@click.option("--language", type=click.Choice(["de", "en"]))
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="only what was published by then")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="print the raw API answer")
@click.option("--claimreview", "as_claimreview", is_flag=True, help="print schema.org ClaimReview JSON-LD of the conflicting and "
                                                   "corroborating claims")
@_remote_options
@_local_unless_remote
def check(statement, language, as_of, limit, as_json, as_claimreview, url, api_key):
    """Check a statement against the claim base (or a service's with --url)."""
    as_of = as_of.date() if as_of else None
    if url:
        from claimcheck_client import ClaimcheckError

        client = _client(url, api_key)
        try:
            answer = (client.check_claimreview if as_claimreview else client.check)(
                statement, as_of, language=language, limit=limit)
        except ClaimcheckError as error:
            _fail(_api_failure(error))
        if as_claimreview:
            click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
            return
        answer = answer.raw
    else:
        answer = checker.check(_repo(), statement, language=language, as_of=as_of, limit=limit)
        if as_claimreview:
            # No request to take the address from: claim ids are made absolute against `make serve`'s.
            base = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
            click.echo(json.dumps(claimreview.check_claimreviews(answer, base), ensure_ascii=False, indent=2))
            return
    if as_json:
        click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    _print_answer(statement, answer)


def _print_answer(statement: str, answer: dict) -> None:
    click.echo(f"statement ({answer['statement']['language']}): {statement}")
    if answer.get("notice"):
        click.echo(answer["notice"])
    if not any(answer[relation] for relation in RELATIONS):
        click.echo("nothing in the claim base concerns this statement")
    for relation in RELATIONS:
        for item in answer[relation]:
            cite = item.get("citation") or {}
            click.echo(f"\n{relation.upper()} {item.get('score', 0):.2f}  {item.get('explanation', '')}")
            click.echo(f"  \u201c{cite.get('quote', '')}\u201d")
            click.echo(f"  {cite.get('publisher') or '?'}, {cite.get('title') or '?'}, {cite.get('published') or '?'}")
            rating = (item.get("claim") or {}).get("rating")
            if rating:
                click.echo(f"  rated {rating['name']} by {rating.get('reviewer') or 'a fact-checker'}: {rating.get('url')}")


# -- fact-checks -------------------------------------------------------------------------------

@click.command("import-claimreview")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_remote_options
@_local_unless_remote
def import_claimreview(path: Path, url, api_key):
    """Import schema.org ClaimReview fact-checks from a JSON(-LD) file: one review, a list, or a DataFeed,
    like POST /v1/claimreviews. Reviews imported before (by url) are not stored again; bad ones are
    reported by their position and the rest is stored, in transactions of up to 1,000 reviews."""
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        _fail(f"{path} is not JSON: {error}")
    items = claimreview.review_items(body)
    if not items:
        _fail(f"no ClaimReview in {path}")
    if url:
        client = _client(url, api_key)
        store = client.import_claimreviews
    else:
        repo = _repo()
        store = lambda chunk: vars(claimreview.import_reviews(repo, chunk))   # noqa: E731
    ids, errors = [], []
    for first in range(0, len(items), claimreview.MAX_REVIEWS):
        chunk = items[first:first + claimreview.MAX_REVIEWS]
        try:
            done = store(chunk)
        except Exception as error:
            details = getattr(error, "details", None) or {}
            if getattr(error, "status", None) == 422 and isinstance(details, dict):
                # nothing of this chunk was storable: the server named each review by its position
                done = {"ids": [], "errors": [{"index": int(i), "message": "; ".join(m) if isinstance(m, list) else str(m)}
                                              for i, m in details.items() if str(i).isdigit()]}
            else:
                _fail(f"stored {len(ids)} reviews before item {first}: {_api_failure(error)}")
        ids += done["ids"]
        errors += [{**error, "index": error["index"] + first} for error in done["errors"]]
    for error in errors:
        click.echo(f"{path.name}: item {error['index']}: {error['message']}", err=True)
    click.echo(f"{len(ids)} reviews stored as claims (or found stored by url), {len(errors)} left out")
    if not ids:
        _fail(f"no review of {path} could be stored")


@click.command("check-draft")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="only what was published by then")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="the draft's date, for its weekdays (default: --as-of, else today)")
@click.option("--publisher", help="the source of the draft's unattributed sentences")
@click.option("--language", type=click.Choice(["de", "en"]))
@click.option("--limit", default=3, show_default=True, type=click.IntRange(1, 100), help="cards shown per list")
@click.option("--json", "as_json", is_flag=True, help="print the raw API answer")
@_remote_options
@_local_unless_remote
def check_draft(path: Path, as_of, published, publisher, language, limit, as_json, url, api_key):
    """Check every claim of a draft article (a text file) against the claim base; nothing is stored."""
    from service.drafts import check_draft as check_locally

    draft = {"text": path.read_text(encoding="utf-8"), "publisher": publisher, "language": language,
             "as_of": as_of.date() if as_of else None, "published": published.date() if published else None}
    if url:
        from claimcheck_client import ClaimcheckError

        try:
            answer = _client(url, api_key).check_draft(**draft).raw
        except ClaimcheckError as error:
            _fail(_api_failure(error))
    else:
        from schemas.drafts import DraftRequestSchema

        try:
            draft = DraftRequestSchema().load({key: value.isoformat() if isinstance(value, date) else value
                                               for key, value in draft.items() if value is not None})
        except ValidationError as error:
            _fail(f"{path.name}: {_messages(error)}")
        answer = check_locally(_repo(), draft["text"], publisher=draft["publisher"], published=draft["published"],
                               language=draft["language"], as_of=draft["as_of"])
    if as_json:
        click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    _print_draft(path.name, answer, limit)


def _print_draft(name: str, answer: dict, limit: int) -> None:
    from service.drafts import strongest

    summary = answer["summary"]
    click.echo(f"{name} ({answer['language']}): {summary['claims']} claims, {summary['conflicting']} conflicting, "
               f"{summary['unsupported']} without support")
    for item in answer["claims"]:
        mark = strongest(item) or "unchecked"
        counts = ", ".join(f"{len(item[relation])} {relation}" for relation in RELATIONS if item[relation])
        click.echo(f"\n[{item['start']}:{item['end']}] {mark.upper()}  \u201c{item['claim']['text']}\u201d")
        click.echo(f"  {counts or 'nothing stored concerns it'}")
        for relation in RELATIONS:
            for result in item[relation][:limit]:
                cite = result.get("citation") or {}
                also = f" (also quoted {len(result['also'])}\u00d7 more there)" if result.get("also") else ""
                click.echo(f"  {relation}: {result.get('explanation', '')}")
                click.echo(f"    {cite.get('publisher') or '?'}, {cite.get('published') or '?'}: "
                           f"\u201c{cite.get('quote', '')}\u201d{also}")


@click.command("stats")
@with_appcontext
def stats():
    """How much the claim base holds."""
    for key, value in _repo().stats().items():
        click.echo(f"{key}: {value}")


@click.group("subscriptions")
def subscriptions():
    """Webhooks told when an ingested article conflicts with stored claims (like /v1/subscriptions)."""


@subscriptions.command("add")
@click.argument("target_url", metavar="URL")
@click.option("--secret", required=True, help="the HMAC-SHA256 key the receiver checks X-Claimcheck-Signature with")
@click.option("--event", "events", multiple=True, default=("conflict",), show_default=True)
@_remote_options
@_local_unless_remote
def subscriptions_add(target_url: str, secret: str, events, url, api_key):
    """Subscribe URL (http or https) to alerts; prints the subscription's id."""
    from schemas.subscriptions import SubscriptionRequestSchema

    try:
        args = SubscriptionRequestSchema().load({"url": target_url, "secret": secret, "events": list(events)})
    except ValidationError as error:
        _fail("; ".join(f"{field}: {' '.join(map(str, messages))}" for field, messages in error.messages.items()))
    if url:
        try:
            click.echo(_client(url, api_key).subscribe(args["url"], args["secret"], args["events"]))
        except Exception as error:
            _fail(_api_failure(error))
        return
    click.echo(_repo().add_subscription(args["url"], args["secret"], args["events"]).id)


@subscriptions.command("list")
@_remote_options
@_local_unless_remote
def subscriptions_list(url, api_key):
    """The subscriptions, one a line (id, url, events); secrets are never shown."""
    if url:
        try:
            items = _client(url, api_key).list_subscriptions()
        except Exception as error:
            _fail(_api_failure(error))
    else:
        items = [{"id": s.id, "url": s.url, "events": s.events} for s in _repo().list_subscriptions()]
    for item in items:
        events = item["events"] if isinstance(item["events"], list) else str(item["events"]).split(",")
        click.echo(f"{item['id']}\t{item['url']}\t{','.join(events)}")


@subscriptions.command("remove")
@click.argument("subscription_id")
@_remote_options
@_local_unless_remote
def subscriptions_remove(subscription_id: str, url, api_key):
    """Remove a subscription and the alerts still queued for it."""
    if url:
        try:
            _client(url, api_key).unsubscribe(subscription_id)
        except Exception as error:
            _fail(_api_failure(error))
    elif not _repo().delete_subscription(subscription_id):
        _fail(f"no subscription with id {subscription_id!r}")
    click.echo(f"removed {subscription_id}")


COMMANDS = (init_db, seed, ingest, import_claims, import_claimreview, check, check_draft, subscriptions, stats)


def main() -> None:
    """The `claimcheck` command: the same commands without `flask --app service`; the app is built only
    for commands that work on the local base."""
    from . import create_app

    group = click.Group("claimcheck", help=__doc__, commands=COMMANDS)
    group(obj=ScriptInfo(create_app=create_app))


if __name__ == "__main__":
    main()
