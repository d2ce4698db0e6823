"""schema.org JSON-LD for fact-check tools: a stored claim as `Claim`, a check answer as `ClaimReview`s,
and fact-checkers' `ClaimReview`s imported as stored claims with their rating."""
from __future__ import annotations

from dataclasses import dataclass
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


# Import: fact-checks published as schema.org ClaimReview become stored claims carrying their rating.

MAX_REVIEWED = 2000      # characters of claimReviewed, as for POST /v1/claims text
MAX_REVIEWS = 1000       # reviews per call, as for a claim batch


class ReviewError(ValueError):
    """A ClaimReview that cannot be stored; the message says why."""


@dataclass
class Review:
    text: str
    url: str
    rating: dict
    author: Optional[str]
    published: Optional[date]
    language: Optional[str]
    title: Optional[str]


def review_items(body) -> list:
    """The ClaimReviews of a body: one object, a list, a DataFeed (its dataFeedElement, each the review
    itself or a DataFeedItem holding it under `item`), or a JSON-LD `@graph`, in the order given."""
    if isinstance(body, list):
        return [item for element in body for item in _unwrapped(element)]
    if isinstance(body, dict) and ("dataFeedElement" in body or _is_type(body, "DataFeed")):
        elements = body.get("dataFeedElement")
        if not isinstance(elements, list):
            elements = [elements] if elements else []
        return [item for element in elements for item in _unwrapped(element)]
    if isinstance(body, dict) and isinstance(body.get("@graph"), list):
        return list(body["@graph"])
    return [body]


def _unwrapped(element) -> list:
    # A DataFeedItem holds its review under `item` (one, or a list of them).
    if isinstance(element, dict) and "item" in element and not _is_type(element, "ClaimReview"):
        inner = element["item"]
        return list(inner) if isinstance(inner, list) else [inner]
    return [element]


def _is_type(node: dict, name: str) -> bool:
    kind = node.get("@type")
    return name in kind if isinstance(kind, list) else kind == name


def _name(node) -> Optional[str]:
    """The name of an author or publisher: a string, a Thing with `name`, or the first of a list."""
    if isinstance(node, list):
        node = next((item for item in node if _name(item)), None)
    if isinstance(node, str):
        return node.strip() or None
    if isinstance(node, dict) and isinstance(node.get("name"), str):
        return node["name"].strip() or None
    return None


def _number(value, field_name: str):
    """A rating figure as a number (schema.org allows "1" as well as 1); None when not given."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ReviewError(f"reviewRating.{field_name} must be a number.")
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            raise ReviewError(f"reviewRating.{field_name} must be a number, not {value!r}.") from None
    else:
        raise ReviewError(f"reviewRating.{field_name} must be a number.")
    if number != number or number in (float("inf"), float("-inf")):
        raise ReviewError(f"reviewRating.{field_name} must be a finite number.")
    return int(number) if number.is_integer() else number


def _day(value) -> Optional[date]:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ReviewError("datePublished must be an ISO 8601 date.")
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ReviewError(f"datePublished must be an ISO 8601 date, not {value!r}.") from None


def parse_review(node) -> Review:
    """One ClaimReview as what is stored of it; ReviewError names what is missing or wrong."""
    if not isinstance(node, dict):
        raise ReviewError("Must be a ClaimReview object.")
    if "@type" in node and not _is_type(node, "ClaimReview"):
        raise ReviewError(f"@type must be ClaimReview, not {node['@type']!r}.")
    text = node.get("claimReviewed")
    if not isinstance(text, str) or not text.strip():
        raise ReviewError("claimReviewed is required: the text of the claim that was checked.")
    text = text.strip()
    if len(text) > MAX_REVIEWED:
        raise ReviewError(f"claimReviewed is longer than {MAX_REVIEWED} characters.")
    url = node.get("url")
    if not isinstance(url, str) or not url.strip().lower().startswith(("http://", "https://")):
        raise ReviewError("url is required: the review's http(s) address, which identifies it on a second import.")
    rating_node = node.get("reviewRating")
    if not isinstance(rating_node, dict):
        raise ReviewError("reviewRating is required: the verdict, with alternateName (e.g. \"False\").")
    name = rating_node.get("alternateName") or rating_node.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ReviewError("reviewRating.alternateName is required: the verdict in words, e.g. \"False\".")
    author = _name(node.get("author"))
    rating = {"name": name.strip(), "value": _number(rating_node.get("ratingValue"), "ratingValue"),
              "best": _number(rating_node.get("bestRating"), "bestRating"),
              "worst": _number(rating_node.get("worstRating"), "worstRating"),
              "reviewer": author, "url": url.strip()}
    language = node.get("inLanguage")
    language = language.lower()[:2] if isinstance(language, str) and language.lower()[:2] in ("de", "en") else None
    title = node.get("headline") or node.get("name")
    return Review(text=text, url=url.strip(), rating=rating, author=author, published=_day(node.get("datePublished")),
                  language=language, title=title if isinstance(title, str) else None)


@dataclass
class Imported:
    ids: list[str]
    errors: list[dict]


def import_reviews(repo, body) -> Imported:
    """Store the good ClaimReviews of `body` as claims in one transaction; name the bad ones by position.

    Idempotent by review url: a review imported before (or twice in one body) answers the id of the
    claim it is stored as, and stores nothing new.
    """
    from sqlalchemy.exc import IntegrityError

    from . import encoder, nlp
    from .nlp.model import Citation

    items = review_items(body)
    if len(items) > MAX_REVIEWS:
        raise ReviewError(f"At most {MAX_REVIEWS} reviews per call; send the rest in another.")
    reviews: list[tuple[int, Review]] = []
    errors: list[dict] = []
    for index, node in enumerate(items):
        try:
            reviews.append((index, parse_review(node)))
        except ReviewError as error:
            errors.append({"index": index, "message": str(error)})
    for attempt in range(2):
        known = repo.reviewed([review.url for _, review in reviews])
        new: dict[str, Claim] = {}
        for _, review in reviews:
            if review.url in known or review.url in new:
                continue
            published = review.published or date.today()
            claim = nlp.claim_from_sentence(review.text, language=review.language, published=published,
                                            publisher=review.author, attributor=review.author)
            claim.extra = {**claim.extra, "rating": review.rating}
            claim.citation = Citation(None, review.author, review.title, review.url, published.isoformat(),
                                      quote=review.text, start=0, end=len(review.text))
            new[review.url] = claim
        claims = list(new.values())
        try:
            if claims:
                with repo.transaction() as tx:
                    tx.add_claims(claims, encoder.embed([claim.text for claim in claims]))
                    for url, claim in new.items():
                        tx.add_review(url, claim.id, claim.extra["rating"])
            break
        except IntegrityError:
            if attempt:   # the same url arrived through another request meanwhile: read it again, once
                raise
    ids = {**known, **{url: claim.id for url, claim in new.items()}}
    return Imported([ids[review.url] for _, review in reviews], errors)
