"""The normalised claim: what one sentence asserts, who says it, about what, where and when."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Optional


@dataclass
class Quantity:
    text: str                      # verbatim, qualifier included ("rund 10.000")
    value: Optional[float]         # headline figure; None for vague amounts without one
    low: Optional[float]           # interval the figure allows; None = unbounded on that side
    high: Optional[float]
    qualifier: str                 # exact | approx | min | gt | max | lt | range | vague
    unit: Optional[str] = None     # the counted thing as written ("nordkoreanische Soldaten", "%")
    start: int = 0                 # offsets of `text` inside the sentence
    end: int = 0
    increment: bool = False        # "1500 weitere", "another 500": a change, not a total

    def to_dict(self) -> dict:
        data = asdict(self)
        for key in ("value", "low", "high"):
            if data[key] is not None and float(data[key]).is_integer():
                data[key] = int(data[key])
        return data


@dataclass
class Attributor:
    text: str                      # as written ("Pentagon-Sprecherin Sabrina Singh")
    canonical: str                 # resolved source ("US government")


@dataclass
class TimeSpan:
    start: Optional[str]           # ISO dates
    end: Optional[str]


@dataclass
class Citation:
    document_id: Optional[str]
    publisher: Optional[str]
    title: Optional[str]
    url: Optional[str]
    published: Optional[str]       # ISO date
    quote: str
    start: int
    end: int


@dataclass
class Claim:
    text: str                                  # the source sentence, verbatim
    language: str
    start: int = 0                             # offsets of `text` in the document
    end: int = 0
    attributor: Optional[Attributor] = None
    quantity: Optional[Quantity] = None
    subject: Optional[str] = None              # display label ("North Korean soldiers")
    subject_key: Optional[str] = None          # frame key: claims comparable only when equal
    location: Optional[str] = None             # display label ("Russia")
    location_key: Optional[str] = None         # gazetteer id, for containment
    time: Optional[TimeSpan] = None
    forecast: bool = False
    negated: bool = False
    id: Optional[str] = None                   # set once stored
    citation: Optional[Citation] = None        # set once stored
    extra: dict = field(default_factory=dict)  # parser details kept for explanations

    def to_dict(self) -> dict:
        """The contract's Claim object (with `rating` for an imported fact-check)."""
        data = {
            "id": self.id,
            "text": self.text,
            "language": self.language,
            "attributor": asdict(self.attributor) if self.attributor else None,
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "subject": self.subject,
            "subject_key": self.subject_key,
            "location": self.location,
            "location_key": self.location_key,
            "time": asdict(self.time) if self.time else None,
            "forecast": self.forecast,
            "negated": self.negated,
        }
        if self.extra.get("rating"):
            data["rating"] = self.extra["rating"]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Claim":
        """Inverse of to_dict (plus `start`, `end`, `extra`, `citation` when present)."""
        citation = data.get("citation")
        return cls(
            text=data["text"],
            language=data.get("language") or "de",
            start=data.get("start", 0),
            end=data.get("end", 0),
            attributor=Attributor(**data["attributor"]) if data.get("attributor") else None,
            quantity=Quantity(**data["quantity"]) if data.get("quantity") else None,
            subject=data.get("subject"),
            subject_key=data.get("subject_key"),
            location=data.get("location"),
            location_key=data.get("location_key"),
            time=TimeSpan(**data["time"]) if data.get("time") else None,
            forecast=bool(data.get("forecast")),
            negated=bool(data.get("negated")),
            id=data.get("id"),
            citation=Citation(**citation) if citation else None,
            extra=data.get("extra") or {},
        )
