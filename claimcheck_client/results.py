"""Typed answers of the claimcheck API. Fields the server adds later are kept in `raw`, never an error."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Iterator, Optional


def _known(cls, data: dict) -> dict:
    names = {f.name for f in fields(cls)}
    return {key: value for key, value in data.items() if key in names}


@dataclass
class Attributor:
    text: str
    canonical: str


@dataclass
class Quantity:
    text: str
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    qualifier: str
    unit: Optional[str] = None


@dataclass
class TimeSpan:
    start: Optional[str]
    end: Optional[str]


@dataclass
class Citation:
    document_id: Optional[str] = None
    publisher: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    quote: str = ""
    start: int = 0
    end: int = 0

    @classmethod
    def from_json(cls, data: Optional[dict]) -> Optional["Citation"]:
        return cls(**_known(cls, data)) if data else None


@dataclass
class Claim:
    text: str
    id: Optional[str] = None
    language: Optional[str] = None
    attributor: Optional[Attributor] = None
    quantity: Optional[Quantity] = None
    subject: Optional[str] = None
    location: Optional[str] = None
    time: Optional[TimeSpan] = None
    forecast: bool = False
    negated: bool = False
    citation: Optional[Citation] = None
    relations: list["Result"] = field(default_factory=list)   # only in a POST /v1/documents answer
    rating: Optional[dict] = None    # an imported fact-check's verdict: name, value, best, worst, reviewer, url
    raw: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: dict) -> "Claim":
        return cls(
            text=data["text"], id=data.get("id"), language=data.get("language"),
            attributor=Attributor(**_known(Attributor, data["attributor"])) if data.get("attributor") else None,
            quantity=Quantity(**_known(Quantity, data["quantity"])) if data.get("quantity") else None,
            subject=data.get("subject"), location=data.get("location"),
            time=TimeSpan(**_known(TimeSpan, data["time"])) if data.get("time") else None,
            forecast=bool(data.get("forecast")), negated=bool(data.get("negated")),
            citation=Citation.from_json(data.get("citation")),
            relations=[Result.from_json(item) for item in data.get("relations") or []],
            rating=data.get("rating"),
            raw=data,
        )


@dataclass
class Quote:
    """Another sentence of the cited document with the same figure from the same source (a headline, a teaser)."""
    quote: str
    start: int
    end: int


@dataclass
class Result:
    relation: str
    score: float
    explanation: str
    claim: Claim
    citation: Optional[Citation]
    also: list[Quote] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict) -> "Result":
        return cls(relation=data["relation"], score=data["score"], explanation=data.get("explanation", ""),
                   claim=Claim.from_json(data["claim"]), citation=Citation.from_json(data.get("citation")),
                   also=[Quote(**_known(Quote, item)) for item in data.get("also") or []])


@dataclass
class Statement:
    text: str
    language: str
    claims: list[Claim]


@dataclass
class CheckAnswer:
    statement: Statement
    matching: list[Result]
    corroborating: list[Result]
    conflicting: list[Result]
    related: list[Result]
    raw: dict = field(default_factory=dict, repr=False)
    notice: Optional[str] = None    # for a statement in another language than German and English

    RELATIONS = ("matching", "corroborating", "conflicting", "related")

    @classmethod
    def from_json(cls, data: dict) -> "CheckAnswer":
        statement = data["statement"]
        return cls(
            statement=Statement(statement["text"], statement["language"],
                                [Claim.from_json(claim) for claim in statement.get("claims", [])]),
            **{name: [Result.from_json(item) for item in data.get(name, [])] for name in cls.RELATIONS},
            raw=data, notice=data.get("notice"),
        )

    def results(self) -> Iterator[Result]:
        """Every result, matching first, related last."""
        for name in self.RELATIONS:
            yield from getattr(self, name)


@dataclass
class DraftClaim:
    """One claim of a checked draft: how it was read, where it stands in the draft, and its four lists."""
    claim: Claim
    start: int
    end: int
    matching: list[Result]
    corroborating: list[Result]
    conflicting: list[Result]
    related: list[Result]

    @classmethod
    def from_json(cls, data: dict) -> "DraftClaim":
        return cls(claim=Claim.from_json(data["claim"]), start=data["start"], end=data["end"],
                   **{name: [Result.from_json(item) for item in data.get(name, [])] for name in CheckAnswer.RELATIONS})

    def results(self) -> Iterator[Result]:
        for name in CheckAnswer.RELATIONS:
            yield from getattr(self, name)

    @property
    def supported(self) -> bool:
        return bool(self.matching or self.corroborating)


@dataclass
class DraftSummary:
    claims: int
    conflicting: int
    unsupported: int


@dataclass
class DraftAnswer:
    language: str
    claims: list[DraftClaim]
    summary: DraftSummary
    raw: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: dict) -> "DraftAnswer":
        return cls(language=data["language"], claims=[DraftClaim.from_json(item) for item in data.get("claims", [])],
                   summary=DraftSummary(**_known(DraftSummary, data["summary"])), raw=data)


@dataclass
class Document:
    id: str
    created: bool
    claims: list[Claim]
    title: Optional[str] = None
    publisher: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    language: Optional[str] = None
    text: Optional[str] = None
    raw: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: dict) -> "Document":
        simple = {key: data.get(key) for key in ("title", "publisher", "url", "published", "language", "text")}
        return cls(id=data["id"], created=bool(data.get("created", False)),
                   claims=[Claim.from_json(claim) for claim in data.get("claims", [])], raw=data, **simple)


@dataclass
class SearchHit:
    score: float
    claim: Claim
    citation: Optional[Citation]


@dataclass
class Page:
    """One page of a listing; `next` is the cursor of the following page, None on the last."""
    items: list[Any]
    next: Optional[str]
