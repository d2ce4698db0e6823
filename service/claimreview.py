"""schema.org JSON-LD for fact-check tools: a stored claim as `Claim`, a check answer as `ClaimReview`s."""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Optional

from flask import Request, Response, jsonify

from .nlp.lexicon import fold, load
from .nlp.model import Claim

CONTEXT = "https://schema.org"
MEDIA_TYPE = "application/ld+json"
FORMATS = ("json", "claimreview", "jsonld")
# Only these relations say something about the statement's truth; matching and related do not travel.
REVIEWED = ("conflicting", "corroborating")
LABELS = {"conflicting": "Conflicting", "corroborating": "Corroborated"}
REVIEWER = {"@type": "Organization", "name": "claimcheck"}


def wants_jsonld(request: Request, format_: Optional[str]) -> bool:
    """`?format=claimreview` (or `jsonld`), or an Accept header that prefers application/ld+json to JSON."""
    if format_:
        return format_ != "json"
    return request.accept_mimetypes.best_match(["application/json", MEDIA_TYPE]) == MEDIA_TYPE


@lru_cache(maxsize=1)
def _people() -> dict[str, str]:
    """Folded name of a known spokesperson or official -> the canonical source they speak for."""
    return {fold(person): source["canonical"]
            for source in load("attributors").get("sources", []) for person in source.get("people", [])}


def author(claim: Claim) -> Optional[dict]:
    """Who makes the claim: a known official as a Person of their Organization, else the source as an Organization.

    A sentence without an attributor is the publisher's own assertion.
    """
    if claim.attributor is None:
        publisher = claim.citation.publisher if claim.citation else None
        return {"@type": "Organization", "name": publisher} if publisher else None
    canonical, written = claim.attributor.canonical, claim.attributor.text
    organization = {"@type": "Organization", "name": canonical}
    folded = fold(written)
    for person, source in _people().items():
        if source == canonical and (folded == person or folded.endswith(" " + person)):
            return {"@type": "Person", "name": written, "affiliation": organization}
    if fold(canonical) != folded:
        organization["alternateName"] = written
    return organization


def appearance(claim: Claim) -> Optional[dict]:
    """The article (or the record a claim sentence was added with) the claim was published in."""
    cite = claim.citation
    if cite is None:
        return None
    work = {"@type": "NewsArticle" if cite.document_id else "CreativeWork"}
    optional = {"url": cite.url, "headline": cite.title, "datePublished": cite.published,
                "publisher": {"@type": "Organization", "name": cite.publisher} if cite.publisher else None,
                "identifier": cite.document_id}
    work.update({key: value for key, value in optional.items() if value is not None})
    return work


def claim_jsonld(claim: Claim, base_url: str, *, context: bool = True) -> dict:
    """A stored claim as a schema.org Claim; `@id` is its address in this service."""
    node: dict = {"@context": CONTEXT} if context else {}
    node.update({"@type": "Claim", "@id": f"{base_url.rstrip('/')}/v1/claims/{claim.id}",
                 "identifier": claim.id, "text": claim.text, "inLanguage": claim.language})
    work = appearance(claim)
    optional = {
        "author": author(claim),
        "datePublished": claim.citation.published if claim.citation else None,
        # One citation per stored claim: where it appeared is also where it first appeared.
        "appearance": [work] if work else None,
        "firstAppearance": work,
        "about": {"@type": "Thing", "name": claim.subject} if claim.subject else None,
        "spatialCoverage": {"@type": "Place", "name": claim.location} if claim.location else None,
        "temporalCoverage": _interval(claim),
    }
    node.update({key: value for key, value in optional.items() if value is not None})
    return node


def _interval(claim: Claim) -> Optional[str]:
    if claim.time is None or not (claim.time.start or claim.time.end):
        return None
    return f"{claim.time.start or '..'}/{claim.time.end or '..'}"


def check_claimreviews(answer: dict, base_url: str, *, reviewed_on: Optional[date] = None) -> dict:
    """A POST /v1/check answer as one ClaimReview per conflicting or corroborating stored claim.

    The reviewed item is the statement; the stored claim the verdict rests on is `isBasedOn`,
    and `reviewRating` carries the relation (`alternateName`) and the explanation.
    """
    statement = answer["statement"]
    reviewed = {"@type": "Claim", "text": statement["text"], "inLanguage": statement["language"]}
    speakers = [c["attributor"] for c in statement.get("claims", []) if c.get("attributor")]
    if speakers:
        reviewed["author"] = {"@type": "Organization", "name": speakers[0]["canonical"],
                              "alternateName": speakers[0]["text"]}
    day = (reviewed_on or date.today()).isoformat()
    reviews = []
    for relation in REVIEWED:
        for item in answer.get(relation, []):
            stored = Claim.from_dict({**item["claim"], "citation": item.get("citation")})
            reviews.append({
                "@type": "ClaimReview",
                "claimReviewed": statement["text"],
                "itemReviewed": reviewed,
                "isBasedOn": claim_jsonld(stored, base_url, context=False),
                "reviewRating": {"@type": "Rating", "name": LABELS[relation], "alternateName": relation,
                                 "ratingExplanation": item.get("explanation", "")},
                "author": REVIEWER,
                "datePublished": day,
                "inLanguage": statement["language"],
            })
    return {"@context": CONTEXT, "@graph": reviews}


def response(document: dict) -> Response:
    answer = jsonify(document)
    answer.mimetype = MEDIA_TYPE
    answer.vary.add("Accept")
    return answer
