"""POST /v1/claimreviews: schema.org ClaimReview fact-checks in, stored claims with their rating out."""
from marshmallow import Schema, fields

REQUEST_BODY = {
    "required": True,
    "description": "One schema.org ClaimReview, a list of them, or a DataFeed whose dataFeedElement items "
                   "hold them (directly or under `item`). Each needs `claimReviewed`, `url` and "
                   "`reviewRating.alternateName`; `author`, `datePublished`, `ratingValue`, `bestRating`, "
                   "`worstRating`, `inLanguage` are kept when given.",
    "content": {"application/json": {"schema": {"oneOf": [{"type": "object"}, {"type": "array",
                                                                                "items": {"type": "object"}}]},
                                     "example": {
        "@context": "https://schema.org", "@type": "ClaimReview",
        "url": "https://factcheck.example/2024/10/troops",
        "claimReviewed": "Russia has 100,000 North Korean soldiers at the front.",
        "author": {"@type": "Organization", "name": "Example Check"}, "datePublished": "2024-10-30",
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                         "alternateName": "False"}}}},
}


class ReviewErrorSchema(Schema):
    index = fields.Integer(metadata={"description": "position of the review in the list or feed"})
    message = fields.String()


class ClaimReviewsCreatedSchema(Schema):
    ids = fields.List(fields.String(), metadata={"description": "the claim of each stored review, in order; a "
                                                                "review imported before answers its existing id"})
    errors = fields.List(fields.Nested(ReviewErrorSchema), metadata={"description": "the reviews left out, and why"})
