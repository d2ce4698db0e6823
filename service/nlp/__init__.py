"""Claim understanding: from text to normalised claims (language, numbers, sources, subject, place, time)."""
from __future__ import annotations

from datetime import date
from typing import Optional

from .attributors import Attribution, attribute, canonical_for
from .entities import actor, generic_role_name, headed_by
from .extract import analyse, extract, locate
from .language import detect_language
from .model import Attributor, Citation, Claim, Quantity, TimeSpan  # noqa: F401
from .places import gazetteer
from .times import is_forecast, is_negated, resolve_time


def extract_claims(text: str, *, language: Optional[str] = None, published: Optional[date] = None,
                   publisher: Optional[str] = None) -> list[Claim]:
    """Claims of an article: furniture dropped, one Claim per asserted figure or sourced fact,
    each with `start`/`end` offsets into `text` such that text[start:end] == claim.text."""
    return extract(text, language or detect_language(text), published, publisher)


def claim_from_sentence(text: str, *, language: Optional[str] = None, published: Optional[date] = None,
                        publisher: Optional[str] = None, attributor: Optional[str] = None) -> Claim:
    """One claim sentence (POST /v1/claims); `attributor` names the source when the text does not."""
    language = language or detect_language(text)
    given = Attributor(attributor, canonical_for(attributor)) if attributor else None
    fallback = given or (Attributor(publisher, publisher) if publisher else None)
    claims = analyse(text, language, published, attributor=fallback)
    claim = claims[0] if claims else _plain_claim(text, language, published, fallback)
    if given is not None:
        claim.attributor = given
    claim.start, claim.end = 0, len(text)
    return claim


def parse_statement(text: str, *, language: Optional[str] = None,
                    as_of: Optional[date] = None) -> tuple[str, list[Claim]]:
    """A statement to check: its language and the claims it makes (at least one, even without a figure)."""
    language = language or detect_language(text)
    # "am Montag" in a statement is only a date when the caller says as of when it is said
    reference = as_of
    attribution = attribute(text, language)
    if attribution.attributor is None and attribution.how == "none":
        acting = actor(text, language, statement=True) or headed_by(text, language)
        if acting is not None:
            attribution = Attribution(Attributor(acting.text, generic_role_name(acting.name) or canonical_for(acting.name)), "actor",
                                      (acting.start, acting.end))
    if attribution.attributor is not None:
        from .extract import _official_of

        official = _official_of(attribution, text)
        if official is not None:
            # "Verdi spokeswoman Lena Roth says …": an official speaks for the body the title names
            attribution = Attribution(Attributor(attribution.attributor.text, official), attribution.how,
                                      attribution.span)
    claims = analyse(text, language, reference, explicit_time_only=True, attribution=attribution)
    if not claims:
        claims = [_plain_claim(text, language, None, None)]
        time, ahead = resolve_time(text, reference)
        claims[0].time, claims[0].forecast = time, ahead or claims[0].forecast
    for claim in claims:
        claim.start, claim.end = 0, len(text)
    return language, claims


def figures_only(text: str) -> list[Claim]:
    """A statement in a language no reader here understands: its figures (digits read in either locale)
    and nothing that word lists would make of its words; at least one claim, figure or not."""
    from .numbers import find_quantities

    claims = [Claim(text=text, language="und", start=0, end=len(text), quantity=q, extra={"time_explicit": False})
              for q in find_quantities(text, "en")]
    return claims or [Claim(text=text, language="und", start=0, end=len(text), extra={"time_explicit": False})]


def _plain_claim(text: str, language: str, published: Optional[date], fallback: Optional[Attributor]) -> Claim:
    attribution = attribute(text)
    time, ahead = resolve_time(text, published)
    if time is None and published is not None:
        time = TimeSpan(published.isoformat(), published.isoformat())
    location = locate(text, 0, len(text), attribution.span)
    return Claim(text=text, language=language, start=0, end=len(text),
                 attributor=attribution.attributor or fallback, time=time,
                 forecast=ahead or is_forecast(text), negated=is_negated(text),
                 location_key=location, location=gazetteer().label(location, "en"),
                 extra={"attribution": attribution.how})


def warm_up() -> None:
    """Load the word lists, the language detector and the number recognizer before the first request."""
    parse_statement("Warm-up: rund 3.000 Menschen laut Polizei am Montag in Berlin.", as_of=date(2024, 1, 1))
    parse_statement("Police said about 3,000 people were in Berlin on Monday.", as_of=date(2024, 1, 1))
