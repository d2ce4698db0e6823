"""service/timeline.py: frames from a check answer, and where the chart puts each mark (no app needed)."""
from service import timeline


def _quantity(value, low=None, high=None, qualifier="exact", text=None, increment=False):
    low = value if low is None and qualifier == "exact" else low
    high = value if high is None and qualifier == "exact" else high
    return {"text": text or f"{value:,}", "value": value, "low": low, "high": high, "qualifier": qualifier,
            "unit": "soldiers", "start": 0, "end": 0, "increment": increment}


def _result(relation, claim_id, quantity, day, *, forecast=False, subject_key="soldiers", time=True):
    return {
        "relation": relation, "score": 0.5, "explanation": "…",
        "claim": {"id": claim_id, "text": "…", "quantity": quantity, "subject_key": subject_key, "forecast": forecast,
                  "attributor": {"text": "X", "canonical": "X"}, "time": {"start": day, "end": day} if time else None},
        "citation": {"document_id": "d_1", "publisher": "Wire", "published": day, "quote": "…", "start": 0, "end": 1},
    }


def _answer(results, statement_quantity=None):
    statement_quantity = statement_quantity or _quantity(10000)
    groups = {name: [] for name in ("matching", "corroborating", "conflicting", "related")}
    for result in results:
        groups[result["relation"]].append(result)
    return {"statement": {"text": "…", "language": "en", "claims": [
        {"quantity": statement_quantity, "subject": "soldiers", "subject_key": "soldiers", "location": None}]},
        **groups}


def test_every_figure_is_a_point_oldest_first_and_changes_are_counted_apart():
    answer = _answer([
        _result("matching", "c_b", _quantity(10000), "2024-10-28"),
        _result("conflicting", "c_a", _quantity(3000, 2700, 3300, "approx"), "2024-10-23"),
        _result("related", "c_c", _quantity(1500, increment=True), "2024-10-24"),
        _result("related", "c_d", _quantity(3000, 3000, None, "min"), "2024-10-25"),
    ])
    [frame] = timeline.frames(answer)
    assert [p["claim_id"] for p in frame["points"]] == ["c_a", "c_d", "c_b"]
    assert frame["left_out"] == {"changes": 1, "undated": 0}
    assert frame["statement_figure"]["value"] == 10000
    assert {p["relation"] for p in frame["points"]} == {"matching", "conflicting", "related"}


def test_a_statement_without_a_figure_has_no_timeline():
    answer = _answer([])
    answer["statement"]["claims"][0]["quantity"] = None
    assert timeline.frames(answer) == []


def test_a_forecast_is_placed_on_the_day_it_was_made_a_span_at_its_end():
    forecast = _result("related", "c_f", _quantity(12000), "2024-10-25", forecast=True)
    forecast["claim"]["time"] = {"start": "2024-10-25", "end": "2024-12-31"}
    span = _result("conflicting", "c_s", _quantity(1500), "2024-10-20")
    span["claim"]["time"] = {"start": "2024-10-10", "end": "2024-10-20"}
    undated = _result("conflicting", "c_u", _quantity(2000), None, time=False)
    undated["citation"]["published"] = None
    [frame] = timeline.frames(_answer([forecast, span, undated]))
    days = {p["claim_id"]: p["date"] for p in frame["points"]}
    assert days == {"c_f": "2024-10-25", "c_s": "2024-10-20"}
    assert frame["left_out"]["undated"] == 1


def test_chart_orders_marks_by_value_and_day_and_draws_the_statement_across():
    answer = _answer([
        _result("conflicting", "c_low", _quantity(3000), "2024-10-20"),
        _result("matching", "c_high", _quantity(10000), "2024-10-28"),
    ])
    chart = timeline.chart(timeline.frames(answer)[0])
    marks = {m["claim_id"]: m for m in chart["marks"]}
    assert marks["c_high"]["y"] < marks["c_low"]["y"]          # larger figure higher up
    assert marks["c_high"]["x"] > marks["c_low"]["x"]          # later day further right
    assert chart["statement"]["y"] == marks["c_high"]["y"]     # the statement's 10,000 on the 10,000 mark
    for mark in chart["marks"]:
        assert chart["left"] <= mark["x"] <= chart["right"] and chart["top"] <= mark["y"] <= chart["bottom"]
    assert chart["y_ticks"][0]["label"] == "0" and chart["y_ticks"][-1]["y"] <= marks["c_high"]["y"]


def test_marks_on_the_same_spot_are_spread_so_each_source_is_seen():
    answer = _answer([_result("matching", f"c_{i}", _quantity(10000), "2024-10-28") for i in range(5)])
    chart = timeline.chart(timeline.frames(answer)[0])
    xs = [m["x"] for m in chart["marks"]]
    assert len(set(xs)) == 5
    assert max(xs) - min(xs) <= 5 * timeline.DODGE


def test_open_and_closed_intervals():
    answer = _answer([
        _result("related", "c_min", _quantity(3000, 3000, None, "min", "at least 3,000"), "2024-10-23"),
        _result("related", "c_vague", {**_quantity(None, 2000, 9999, "vague", "thousands")}, "2024-10-24"),
    ])
    marks = {m["claim_id"]: m for m in timeline.chart(timeline.frames(answer)[0])["marks"]}
    assert marks["c_min"]["open_top"] and marks["c_min"]["y_high"] < marks["c_min"]["y"]
    vague = marks["c_vague"]
    assert not vague["open_top"] and vague["interval"] and vague["y_high"] < vague["y"] < vague["y_low"]


def test_a_single_day_still_gets_an_axis():
    chart = timeline.chart(timeline.frames(_answer([_result("matching", "c_1", _quantity(10000), "2024-10-28")]))[0])
    assert [t["label"] for t in chart["x_ticks"]] == ["28 Oct 2024"]
    assert chart["left"] < chart["marks"][0]["x"] < chart["right"]
