"""schema.org JSON-LD answers (application/ld+json): a Claim, and ClaimReviews of a check. Documents the shapes."""
from marshmallow import EXCLUDE, Schema, fields, validate

from service.claimreview import FORMATS


class FormatQuerySchema(Schema):
    class Meta:
        unknown = EXCLUDE

    format = fields.String(validate=validate.OneOf(FORMATS), metadata={
        "description": "`claimreview` (or `jsonld`): answer schema.org JSON-LD as application/ld+json; "
                       "the same as sending `Accept: application/ld+json`. `json` (default): the plain answer."})


def _typed(name: str) -> fields.Field:
    return fields.String(data_key="@type", metadata={"example": name})


class ThingSchema(Schema):
    type_ = _typed("Organization")
    name = fields.String()
    alternateName = fields.String(metadata={"description": "the source as written in the sentence"})
    affiliation = fields.Dict(metadata={"description": "for a Person: the Organization they speak for"})


class CreativeWorkSchema(Schema):
    type_ = _typed("NewsArticle")
    url = fields.String()
    headline = fields.String()
    datePublished = fields.String(metadata={"format": "date"})
    publisher = fields.Nested(ThingSchema)
    identifier = fields.String(metadata={"description": "the document id"})


class ClaimLdSchema(Schema):
    context = fields.String(data_key="@context", metadata={"example": "https://schema.org"})
    type_ = _typed("Claim")
    id = fields.String(data_key="@id", metadata={"description": "this claim's URL in the service"})
    identifier = fields.String()
    text = fields.String(metadata={"description": "the source sentence, verbatim"})
    inLanguage = fields.String()
    author = fields.Nested(ThingSchema, metadata={"description": "the attributor: Organization, or Person with "
                                                                 "affiliation; the publisher when none is named"})
    datePublished = fields.String(metadata={"format": "date"})
    appearance = fields.List(fields.Nested(CreativeWorkSchema))
    firstAppearance = fields.Nested(CreativeWorkSchema)
    about = fields.Nested(ThingSchema, metadata={"description": "what is counted"})
    spatialCoverage = fields.Nested(ThingSchema)
    temporalCoverage = fields.String(metadata={"description": "ISO 8601 interval START/END"})


class RatingSchema(Schema):
    type_ = _typed("Rating")
    name = fields.String(metadata={"example": "Conflicting"})
    alternateName = fields.String(metadata={"description": "the relation: conflicting | corroborating"})
    ratingExplanation = fields.String()


class ClaimReviewSchema(Schema):
    type_ = _typed("ClaimReview")
    claimReviewed = fields.String(metadata={"description": "the checked statement"})
    itemReviewed = fields.Dict(metadata={"description": "the statement as a Claim"})
    isBasedOn = fields.Nested(ClaimLdSchema, metadata={"description": "the stored claim the rating rests on"})
    reviewRating = fields.Nested(RatingSchema)
    author = fields.Nested(ThingSchema)
    datePublished = fields.String(metadata={"format": "date"})
    inLanguage = fields.String()


class ClaimReviewGraphSchema(Schema):
    context = fields.String(data_key="@context", metadata={"example": "https://schema.org"})
    graph = fields.List(fields.Nested(ClaimReviewSchema), data_key="@graph",
                        metadata={"description": "one ClaimReview per conflicting or corroborating claim"})
