"""The frame's stored figures over time: one point per stored claim, the statement's figure across them."""
from __future__ import annotations

import math
from datetime import date
from typing import Optional

from . import checker
from .nlp.model import Quantity
from .nlp.numbers import format_quantity

# The chart's drawing area, in SVG user units; the page scales it to its width.
WIDTH, HEIGHT = 640, 300
MARGIN = {"left": 64, "right": 120, "top": 16, "bottom": 40}
# Marks closer than this (in user units) are spread sideways, so every source stays visible.
DODGE = 11
OPEN_ARROW = 28
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _when(claim: dict, citation: Optional[dict]) -> Optional[str]:
    """The day a figure holds: the end of a reported span, the day a forecast was made, else publication."""
    time = claim.get("time") or {}
    if claim.get("forecast") and time.get("start"):
        return time["start"]
    if time.get("end") or time.get("start"):
        return time.get("end") or time.get("start")
    return (citation or {}).get("published")


def _point(result: dict) -> dict:
    claim, citation = result["claim"], result.get("citation") or {}
    quantity = claim["quantity"]
    return {
        "claim_id": claim.get("id"),
        "date": _when(claim, citation),
        "value": quantity.get("value"),
        "low": quantity.get("low"),
        "high": quantity.get("high"),
        "qualifier": quantity.get("qualifier"),
        "text": quantity.get("text"),
        "figure": format_quantity(Quantity(**quantity), "en"),
        "forecast": bool(claim.get("forecast")),
        "attributor": (claim.get("attributor") or {}).get("canonical"),
        "publisher": citation.get("publisher"),
        "published": citation.get("published"),
        "document_id": citation.get("document_id"),
        "relation": result["relation"],
        "score": result["score"],
    }


def frames(answer: dict) -> list[dict]:
    """The timelines of a POST /v1/check answer: one per figure of the statement.

    Every related result with a figure is a point of its frame (the checker already left out
    other frames). Changes ("1,500 more") are not totals and claims without a day cannot be
    placed; both are counted, not drawn.
    """
    quantified = [c for c in answer["statement"]["claims"] if c.get("quantity")]
    built = [{"subject": c.get("subject"), "subject_key": c.get("subject_key"), "location": c.get("location"),
              "unit": c["quantity"].get("unit"), "statement_figure": c["quantity"],
              "statement_label": format_quantity(Quantity(**c["quantity"]), "en"),
              "points": [], "left_out": {"changes": 0, "undated": 0}} for c in quantified]
    if not built:
        return []
    for relation in checker.RELATIONS:
        for result in answer[relation]:
            quantity = result["claim"].get("quantity")
            if not quantity:
                continue
            frame = next((f for f in built if f["subject_key"] and f["subject_key"] == result["claim"].get("subject_key")),
                         built[0])
            point = _point(result)
            if quantity.get("increment"):
                frame["left_out"]["changes"] += 1
            elif point["date"] is None or (point["value"] is None and (point["low"] is None or point["high"] is None)):
                frame["left_out"]["undated"] += 1
            else:
                frame["points"].append(point)
    for frame in built:
        frame["points"].sort(key=lambda p: (p["date"], p["value"] if p["value"] is not None else p["low"]))
    return built


def timeline(repo, statement: str, *, language: Optional[str] = None, as_of: Optional[date] = None,
             limit: int = 100) -> dict:
    """The body of GET /v1/timeline: the statement as read and the timeline of each of its figures."""
    answer = checker.check(repo, statement, language=language, as_of=as_of, limit=limit)
    return {"statement": answer["statement"], "frames": frames(answer)}


# drawing


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / max(1, ticks)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def format_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.2g}"


def _day_label(day: date, with_year: bool) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if with_year else "")


def _headline(point: dict) -> float:
    if point["value"] is not None:
        return float(point["value"])
    return (float(point["low"]) + float(point["high"])) / 2


def chart(frame: dict, width: int = WIDTH, height: int = HEIGHT) -> dict:
    """Where to draw each mark of a frame: linear value axis from 0, days across; pure arithmetic."""
    left, right = MARGIN["left"], width - MARGIN["right"]
    top, bottom = MARGIN["top"], height - MARGIN["bottom"]
    points = frame["points"]
    figure = frame["statement_figure"]
    days = [date.fromisoformat(p["date"]) for p in points]

    candidates = [_headline(p) for p in points] + [float(p["low"]) for p in points if p["low"] is not None]
    candidates += [float(p["high"]) for p in points if p["high"] is not None]
    for key in ("value", "low", "high"):
        if figure.get(key) is not None:
            candidates.append(float(figure[key]))
    top_value = max([c for c in candidates if math.isfinite(c)] + [1.0]) * 1.1
    step = _nice_step(top_value)
    top_value = math.ceil(top_value / step) * step

    def y(value: Optional[float]) -> float:
        if value is None:
            return top
        return bottom - (bottom - top) * max(0.0, min(float(value), top_value)) / top_value

    first, last = (min(days), max(days)) if days else (date.today(), date.today())
    span = max(1, (last - first).days)
    pad = max(1, round(span * 0.06)) if last != first else 3

    def x(day: date) -> float:
        lo = first.toordinal() - pad
        hi = last.toordinal() + pad if last != first else first.toordinal() + pad
        return left + (right - left) * (day.toordinal() - lo) / max(1, hi - lo)

    marks, taken = [], {}
    for point, day in zip(points, days):
        cx, cy = x(day), y(_headline(point))
        slot = (round(cx / DODGE), round(cy / DODGE))
        n = taken.get(slot, 0)
        taken[slot] = n + 1
        # 0, +1, -1, +2, -2 ... steps to the side of the day
        offset = ((n + 1) // 2) * DODGE * (1 if n % 2 else -1)
        low = point["low"] if point["low"] is not None else 0
        open_top = point["high"] is None or float(point["high"]) > top_value
        # an open upper bound is a short arrow up, not a bar to the edge that would hide its neighbours
        y_high = max(top, min(cy, y(low)) - OPEN_ARROW) if open_top else y(point["high"])
        marks.append({
            **point,
            "x": round(cx + offset, 1), "y": round(cy, 1),
            "y_low": round(y(low), 1), "y_high": round(y_high, 1),
            "open_top": open_top,
            "interval": point["low"] != point["high"] or point["value"] is None,
            "label": f"{point['figure']} — {point['attributor'] or 'unattributed'} "
                     f"({point['publisher'] or 'unknown publisher'}, {point['date']}); {point['relation']}"
                     + ("; forecast" if point["forecast"] else ""),
        })

    with_year = first.year != last.year
    tick_days = sorted({first, last} | {date.fromordinal(first.toordinal() + round(span * i / 4)) for i in range(1, 4)}) \
        if last != first else [first]
    x_ticks, used = [], []
    for i, day in enumerate(tick_days):
        position = x(day)
        if any(abs(position - u) < 56 for u in used):
            continue
        used.append(position)
        x_ticks.append({"x": round(position, 1), "label": _day_label(day, with_year or i == 0)})
    y_ticks = [{"y": round(y(v), 1), "label": format_number(v)}
               for v in (step * i for i in range(int(round(top_value / step)) + 1))]

    line = None
    if figure.get("value") is not None or figure.get("low") is not None:
        headline = figure.get("value") if figure.get("value") is not None else figure.get("low")
        band_low = figure.get("low") if figure.get("low") is not None else 0
        band_high = figure.get("high")
        line = {"y": round(y(headline), 1), "band_top": round(y(band_high), 1), "band_bottom": round(y(band_low), 1),
                "label": frame["statement_label"]}
    return {"width": width, "height": height, "left": left, "right": right, "top": top, "bottom": bottom,
            "marks": marks, "x_ticks": x_ticks, "y_ticks": y_ticks, "statement": line,
            "first": first.isoformat() if days else None, "last": last.isoformat() if days else None}
