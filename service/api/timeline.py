"""GET /v1/timeline: the stored figures of a statement's frame over time (the page draws the same)."""
from flask_smorest import Blueprint

from schemas.timeline import TimelineQuerySchema, TimelineSchema
from service import timeline as timelines

from . import repository

blp = Blueprint("timeline", __name__, url_prefix="/v1", description="Figures of a frame over time")


@blp.route("/timeline", methods=["GET"])
@blp.arguments(TimelineQuerySchema, location="query")
@blp.response(200, TimelineSchema)
def timeline(args):
    """Timeline of a statement's figures

    For each figure of the statement, every stored figure of the same frame (what is counted,
    where) as a point: the day it holds, value and interval, source, and its relation to the
    statement, oldest first. Changes ("1,500 more") and undated figures are counted, not placed.
    """
    return timelines.timeline(repository(), args["statement"], language=args["language"],
                              as_of=args["as_of"], limit=args["limit"])
