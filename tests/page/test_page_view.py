"""GET /, /documents/<id>, /timeline.svg and GET /v1/timeline, through the test client."""
import re
from html import unescape as html_unescape
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import quote

from service.api.page import figure_ranges, marked_text, parts

STATEMENT = "US says 10,000 North Korean troops are in Russia"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside elements carrying an id."""

    def __init__(self, html):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag=None, **wanted):
        return [attrs for name, attrs in self.tags if (tag is None or name == tag)
                and all(wanted_value in (attrs.get(key.rstrip("_")) or "").split() or attrs.get(key.rstrip("_")) == wanted_value
                        for key, wanted_value in wanted.items())]


def _check_page(page, statement=STATEMENT, **params):
    query = "&".join(f"{k}={quote(v)}" for k, v in {"statement": statement, **params}.items())
    answer = page.get(f"/?{query}")
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def test_empty_page_has_labelled_forms(page):
    html = page.get("/").get_data(as_text=True)
    doc = Elements(html)
    labels = {attrs["for"] for attrs in doc.find("label")}
    for control in ("statement", "as_of", "doc-text", "doc-title", "doc-publisher", "doc-published", "doc-url", "doc-key"):
        assert doc.find(id=control), control
        assert control in labels, f"{control} has no label"
    assert doc.find("form", id="check")[0]["method"] == "get"
    assert doc.find("input", id="doc-key")[0]["type"] == "password"
    assert 'id="answer"' not in html


def test_answer_is_grouped_with_labels_citations_and_marked_figures(page, ingested):
    html = _check_page(page)
    doc = Elements(html)
    pentagon, kyiv = ingested[0], ingested[1]
    matching = [a for a in doc.find("li", class_="result") if "matching" in a["class"].split()]
    conflicting = [a for a in doc.find("li", class_="result") if "conflicting" in a["class"].split()]
    assert [a["id"] for a in matching] == [f"r-{pentagon['claims'][0]['id']}"]
    assert f"r-{kyiv['claims'][0]['id']}" in [a["id"] for a in conflicting]
    # every group says its name in words, not only in colour
    assert re.search(r"</span> Matching <span class=\"n\">\(1\)", html)
    assert re.search(r"</span> Conflicting <span class=\"n\">", html)
    # the figure (and the qualifier apart) marked inside the quote
    assert '<mark class="figure">10,000</mark>' in html
    assert '<mark class="qualifier">about </mark><mark class="figure">3,000</mark>' in html
    # citation: publisher, date, title linked to the url, and the place in the stored document
    assert '<a class="title" href="https://example.org/pentagon"' in html
    claim_id = pentagon["claims"][0]["id"]
    assert f'href="/documents/{pentagon["id"]}#q-{claim_id}">show in document</a>' in html
    assert '<time datetime="2024-10-28">2024-10-28</time>' in html


def test_how_the_statement_was_read(page):
    html = _check_page(page)
    read = re.sub(r"<[^>]+>", "", html[html.index('id="read-heading"'):html.index('class="frame"')])
    assert "US government" in read and "(“US”)" in read
    assert "10,000 · exact · interval [10,000, 10,000]" in read
    assert "Russia" in read
    assert "not stated: compared as current" in read


def test_timeline_has_one_mark_per_stored_figure_and_the_statement_line(page):
    html = _check_page(page)
    timeline = page.get(f"/v1/timeline?statement={quote(STATEMENT)}").get_json()
    points = timeline["frames"][0]["points"]
    assert len(points) >= 3
    svg = html[html.index("<svg"):html.index("</svg>")]
    marks = re.findall(r'<a href="#r-(c_[0-9a-f]+)" class="mark (\w+)', svg)
    assert sorted(marks) == sorted((p["claim_id"], p["relation"]) for p in points)
    assert "statement: 10,000" in svg
    # each mark leads to a card on the page
    cards = {a["id"] for a in Elements(html).find("li", class_="result")}
    assert {f"r-{claim_id}" for claim_id, _ in marks} <= cards


def test_as_of_leaves_later_claims_out(page, ingested):
    html = _check_page(page, as_of="2024-10-29")
    assert f"r-{ingested[0]['claims'][0]['id']}" in html
    assert f"r-{ingested[1]['claims'][0]['id']}" not in html     # published 2024-10-31


def test_bad_input_is_said_on_the_page(page):
    html = _check_page(page, as_of="yesterday")
    assert 'role="alert"' in html and "2024-10-30" in html and 'id="answer"' not in html
    html = _check_page(page, statement="x" * 2001)
    assert 'role="alert"' in html and "2,001 characters" in html


def test_nothing_found_says_so(page):
    html = _check_page(page, statement="Die Bahn meldet 40 Minuten Verspätung in Hamburg")
    assert "Nothing in the claim base concerns this statement." in html


def _quote_mark_text(html, claim_id):
    """The text inside <mark class="quote" id="q-ID">, figure marks and anchors nested in it included."""
    opening = f'<mark class="quote" id="q-{claim_id}">'
    start = html.index(opening) + len(opening)
    depth, position = 1, start
    for tag in re.finditer(r"<(/?)mark\b[^>]*>", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            position = start + tag.start()
            break
    return html_unescape(re.sub(r"<[^>]+>", "", html[start:position]))


def test_document_page_marks_every_quote_with_its_anchor(page, ingested):
    document = ingested[0]
    html = page.get(f"/documents/{document['id']}").get_data(as_text=True)
    for claim in document["claims"]:
        cite = claim["citation"]
        assert _quote_mark_text(html, claim["id"]) == cite["quote"]
    assert page.get("/documents/d_nothing").status_code == 404
    assert page.get("/documents/d_nothing").get_json()["error"]["code"] == "not_found"


def test_timeline_svg_is_a_standalone_image(page):
    answer = page.get(f"/timeline.svg?statement={quote(STATEMENT)}")
    assert answer.status_code == 200 and answer.content_type.startswith("image/svg+xml")
    root = ET.fromstring(answer.get_data())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert page.get("/timeline.svg").status_code == 422
    assert page.get("/timeline.svg").get_json()["error"]["code"] == "validation_error"
    assert page.get(f"/timeline.svg?statement={quote('NATO has evidence')}").status_code == 404


def test_timeline_api_and_its_openapi(page):
    body = page.get(f"/v1/timeline?statement={quote(STATEMENT)}&as_of=2024-10-30").get_json()
    [frame] = body["frames"]
    assert frame["statement_figure"]["value"] == 10000
    days = [p["date"] for p in frame["points"]]
    assert days == sorted(days) and max(days) <= "2024-10-30"
    assert page.get("/v1/timeline").status_code == 422
    assert "statement" in page.get("/v1/timeline").get_json()["error"]["details"]
    spec = page.get("/openapi.json").get_json()
    assert "/v1/timeline" in spec["paths"]
    assert "TimelinePoint" in spec["components"]["schemas"]


def test_parts_and_figure_ranges():
    sentence = "Nordkorea hat rund 10.000 Soldaten geschickt"
    quantity = {"text": "rund 10.000", "start": 14, "end": 25, "qualifier": "approx"}
    pieces = parts(sentence, figure_ranges(sentence, quantity))
    assert pieces == [("", "Nordkorea hat "), ("qualifier", "rund "), ("figure", "10.000"), ("", " Soldaten geschickt")]
    # offsets that do not fit the sentence: the figure is found by its text
    assert parts(sentence, figure_ranges(sentence, {**quantity, "start": 0, "end": 11}))[1] == ("qualifier", "rund ")
    assert parts("abc", [(0, 2, "x"), (1, 3, "y")]) == [("x", "ab"), ("", "c")]     # overlaps dropped
    assert parts("abc", []) == [("", "abc")]


def test_marked_text_keeps_the_text_whole():
    from service.nlp.model import Citation, Claim, Quantity

    text = "Intro. The US says 10,000 troops. Outro."
    start = text.index("The US")
    end = text.index(" Outro")
    quote_text = text[start:end]
    claims = []
    for claim_id in ("c_1", "c_2"):
        claim = Claim(text=quote_text, language="en", start=start, end=end, id=claim_id,
                      quantity=Quantity("10,000", 10000, 10000, 10000, "exact", start=11, end=17))
        claim.citation = Citation("d_1", None, None, None, None, quote_text, start, end)
        claims.append(claim)
    pieces = marked_text(text, claims)
    assert "".join(p.get("text") or "".join(piece for _, piece in p["parts"]) for p in pieces) == text
    [quoted] = [p for p in pieces if "ids" in p]
    assert quoted["ids"] == ["c_1", "c_2"] and ("figure", "10,000") in quoted["parts"]
