"""Load the seed articles listed in seeds/manifest.json through the same path as POST /v1/documents."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Optional

from .ingest import Ingested, ingest_document
from .store import Repository


def manifest(seeds_dir: Path) -> list[dict]:
    """The manifest's documents; without a manifest, every *.txt file with nothing but its text."""
    path = seeds_dir / "manifest.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))["documents"]
    return [{"file": file.name} for file in sorted(seeds_dir.glob("*.txt"))]


def load_seeds(repo: Repository, seeds_dir: Path,
               progress: Callable[[Iterable], Iterable] = lambda items: items) -> list[Ingested]:
    """Ingest every seed article (already stored ones are left as they are)."""
    done = []
    for entry in progress(manifest(seeds_dir)):
        published: Optional[str] = entry.get("published")
        done.append(ingest_document(
            repo, (seeds_dir / entry["file"]).read_text(encoding="utf-8"),
            title=entry.get("title"), publisher=entry.get("publisher"), url=entry.get("url"),
            published=date.fromisoformat(published) if published else None,
            language=entry.get("language"), relations=False,
        ))
    return done
