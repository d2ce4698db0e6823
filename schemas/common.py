"""Shapes shared by several endpoints: the Claim, its citation, a Result, an error."""
from dataclasses import asdict

from marshmallow import Schema, fields, pre_dump

from service.nlp.model import Claim

LANGUAGES = ("de", "en")



def IsoDate() -> fields.Field:  # noqa: N802 (reads like the field classes beside it)
    """A date as the ISO string the model already holds."""
    return fields.String(allow_none=True, metadata={"format": "date"})


def Figure() -> fields.Field:  # noqa: N802
    """A number as the model gives it (10000, not 10000.0)."""
    return fields.Raw(allow_none=True, metadata={"type": "number"})


class AttributorSchema(Schema):
    text = fields.String(metadata={"description": "as written"})
    canonical = fields.String(metadata={"description": "the resolved source, e.g. 'US government'"})


class QuantitySchema(Schema):
    text = fields.String()
    value = Figure()
    low = Figure()
    high = Figure()
    qualifier = fields.String(metadata={"description": "exact | approx | min | gt | max | lt | range | vague"})
    unit = fields.String(allow_none=True)
    start = fields.Integer()
    end = fields.Integer()
    increment = fields.Boolean()


class TimeSpanSchema(Schema):
    start = IsoDate()
    end = IsoDate()


class CitationSchema(Schema):
    document_id = fields.String(allow_none=True)
    publisher = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    published = IsoDate()
    quote = fields.String(metadata={"description": "the source sentence, verbatim"})
    start = fields.Integer(metadata={"description": "offset of the quote in the stored document text"})
    end = fields.Integer()


class FactCheckRatingSchema(Schema):
    name = fields.String(metadata={"description": "the verdict in words (reviewRating.alternateName)",
                                   "example": "False"})
    value = Figure()
    best = Figure()
    worst = Figure()
    reviewer = fields.String(allow_none=True, metadata={"description": "who rated it (the review's author)"})
    url = fields.String(metadata={"description": "the fact-check"})


class ClaimSchema(Schema):
    id = fields.String(allow_none=True)
    text = fields.String()
    language = fields.String()
    attributor = fields.Nested(AttributorSchema, allow_none=True)
    quantity = fields.Nested(QuantitySchema, allow_none=True)
    subject = fields.String(allow_none=True)
    subject_key = fields.String(allow_none=True)
    location = fields.String(allow_none=True)
    location_key = fields.String(allow_none=True)
    time = fields.Nested(TimeSpanSchema, allow_none=True)
    forecast = fields.Boolean()
    negated = fields.Boolean()
    rating = fields.Nested(FactCheckRatingSchema, metadata={"description": "only for a claim imported from a fact-check "
                                                                  "(POST /v1/claimreviews): its verdict"})


def claim_json(claim: Claim) -> dict:
    """The contract's Claim object of a stored claim: Claim.to_dict() and where it came from."""
    return {**claim.to_dict(), "citation": asdict(claim.citation) if claim.citation else None}


class StoredClaimSchema(ClaimSchema):
    citation = fields.Nested(CitationSchema, allow_none=True)

    @pre_dump
    def _from_model(self, obj, **kwargs):
        return claim_json(obj) if isinstance(obj, Claim) else obj


class AlsoQuoteSchema(Schema):
    quote = fields.String(metadata={"description": "another sentence of the same document with the same figure"})
    start = fields.Integer(metadata={"description": "its offset in the stored document text"})
    end = fields.Integer()


class ResultSchema(Schema):
    relation = fields.String(metadata={"description": "matching | corroborating | conflicting | related"})
    score = fields.Float(metadata={"description": "0-1, higher is stronger"})
    explanation = fields.String()
    claim = fields.Nested(ClaimSchema)
    citation = fields.Nested(CitationSchema)
    also = fields.List(fields.Nested(AlsoQuoteSchema), metadata={
        "description": "present when the same source gives the same figure again in the same document "
                       "(headline, teaser, body): the other quotes, instead of repeating the result"})


class ErrorBodySchema(Schema):
    code = fields.String(metadata={"description": "machine-readable, e.g. validation_error"})
    message = fields.String()
    details = fields.Dict(metadata={"description": "for validation errors: the messages per field"})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema)
