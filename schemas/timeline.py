"""GET /v1/timeline: every stored figure of a statement's frame over time, and the statement's own figure."""
from marshmallow import Schema, fields, validate

from .check import CheckRequestSchema, StatementSchema
from .common import Figure, IsoDate, QuantitySchema


class TimelineQuerySchema(CheckRequestSchema):
    """The fields of a check, read from the query string; the timeline is drawn from up to 100 of each relation."""

    limit = fields.Integer(load_default=100, validate=validate.Range(1, 100),
                           metadata={"description": "cap of each relation's results the timeline is drawn from"})


class TimelinePointSchema(Schema):
    claim_id = fields.String()
    date = IsoDate()
    value = Figure()
    low = Figure()
    high = Figure()
    qualifier = fields.String()
    text = fields.String(metadata={"description": "the figure as written"})
    figure = fields.String(metadata={"description": "the figure in short English ('about 3,000')"})
    forecast = fields.Boolean()
    attributor = fields.String(allow_none=True, metadata={"description": "canonical source"})
    publisher = fields.String(allow_none=True)
    published = IsoDate()
    document_id = fields.String(allow_none=True)
    relation = fields.String(metadata={"description": "how it relates to the statement: matching | corroborating | "
                                                      "conflicting | related"})
    score = fields.Float()


class LeftOutSchema(Schema):
    changes = fields.Integer(metadata={"description": "figures that are changes ('1,500 more'), not totals"})
    undated = fields.Integer(metadata={"description": "figures without a day or a value to place"})


class FrameTimelineSchema(Schema):
    subject = fields.String(allow_none=True)
    subject_key = fields.String(allow_none=True)
    location = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    statement_figure = fields.Nested(QuantitySchema)
    statement_label = fields.String()
    points = fields.List(fields.Nested(TimelinePointSchema),
                         metadata={"description": "oldest first; the day is when the figure holds (the end of a "
                                                  "reported span, the day a forecast was made, else publication)"})
    left_out = fields.Nested(LeftOutSchema)


class TimelineSchema(Schema):
    statement = fields.Nested(StatementSchema)
    frames = fields.List(fields.Nested(FrameTimelineSchema), metadata={"description": "one per figure of the statement"})
