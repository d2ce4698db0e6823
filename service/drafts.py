"""Check a draft article: its claims read as ingestion reads them, each checked against the base; nothing stored."""
from __future__ import annotations

from datetime import date
from typing import Optional

from . import checker, nlp


def check_draft(repo, text: str, *, publisher: Optional[str] = None, published: Optional[date] = None,
                language: Optional[str] = None, as_of: Optional[date] = None, limit: int = 20) -> dict:
    """The body of a POST /v1/check/document answer (see API.md).

    The draft is read with the ingestion pipeline (furniture dropped, offsets into `text` as given);
    its weekdays and "yesterday" resolve against `published`, else `as_of`, else today; `publisher` is
    the source of its unattributed sentences, as for a stored article."""
    language = language or nlp.detect_language(text)
    claims = nlp.extract_claims(text, language=language, published=published or as_of or date.today(),
                                publisher=publisher)
    answers = checker.check_claims(repo, claims, as_of=as_of, limit=limit)
    checked = [{"claim": claim.to_dict(), "start": claim.start, "end": claim.end, **lists}
               for claim, lists in zip(claims, answers)]
    return {"language": language, "claims": checked, "summary": summary(checked)}


def summary(checked: list[dict]) -> dict:
    """Claims in all, claims something stored conflicts with, claims nothing stored matches or corroborates."""
    return {
        "claims": len(checked),
        "conflicting": sum(1 for item in checked if item["conflicting"]),
        "unsupported": sum(1 for item in checked if not item["matching"] and not item["corroborating"]),
    }


def strongest(item: dict) -> Optional[str]:
    """The relation a draft's figure is marked with: conflicting over agreement over related; None without any."""
    for relation in ("conflicting", "matching", "corroborating", "related"):
        if item.get(relation):
            return relation
    return None

