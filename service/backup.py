"""Back up and restore the claim base: SQLite through its online backup API, PostgreSQL through pg_dump/pg_restore."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import URL, make_url

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why."""


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite base has nothing on disk to back up or restore.")
    return Path(url.database)


def _copy_sqlite(source: Path | str, target: Path | str) -> None:
    # The backup API copies a consistent snapshot page by page, even while the service writes;
    # a plain file copy of a WAL database can miss committed pages or catch half a transaction.
    with closing(sqlite3.connect(source, timeout=30)) as src, closing(sqlite3.connect(target, timeout=30)) as dst:
        src.backup(dst)


def _libpq(url: URL) -> tuple[str, dict]:
    """A libpq connection URI for the pg_* tools, and an environment that carries the password."""
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return found


def _run(argv: list[str], env: dict) -> None:
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{Path(argv[0]).name} failed: {done.stderr.strip() or done.returncode}")


def backup(database_url: str, target: Path) -> None:
    """Write a consistent copy of the claim base at `database_url` to the file `target`."""
    url = make_url(database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        _copy_sqlite(_sqlite_path(url), partial)
        partial.replace(target)   # a file named `target` is always a whole backup
        return
    if url.get_backend_name() == "postgresql":
        dsn, env = _libpq(url)
        _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              f"--file={target}", f"--dbname={dsn}"], env)
        return
    raise BackupError(f"No backup for {url.get_backend_name()} databases.")


def restore(database_url: str, source: Path) -> None:
    """Replace the claim base at `database_url` by the backup in `source`, all at once or not at all."""
    url = make_url(database_url)
    with open(source, "rb") as file:
        head = file.read(16)
    if url.get_backend_name() == "sqlite":
        if head != SQLITE_MAGIC:
            raise BackupError(f"{source} is not a SQLite backup.")
        path = _sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        _copy_sqlite(source, path)
        return
    if url.get_backend_name() == "postgresql":
        if not head.startswith(PG_DUMP_MAGIC):
            raise BackupError(f"{source} is not a pg_dump custom-format backup.")
        dsn, env = _libpq(url)
        _run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "--exit-on-error", f"--dbname={dsn}", str(source)], env)
        return
    raise BackupError(f"No restore for {url.get_backend_name()} databases.")


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(target: Path):
    """Write a consistent copy of the claim base to TARGET while the service runs."""
    try:
        backup(current_app.config["DATABASE_URL"], target)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"backed up the claim base to {target} ({target.stat().st_size} bytes)")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.confirmation_option(prompt="Replace the claim base by the backup?")
@with_appcontext
def restore_command(source: Path):
    """Replace the claim base by the backup in SOURCE (stop the service first, start it after)."""
    current_app.extensions["claimcheck.repo"].engine.dispose()   # hold no connection while tables are replaced
    try:
        restore(current_app.config["DATABASE_URL"], source)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"restored the claim base from {source}")


def init_app(app: Flask) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
