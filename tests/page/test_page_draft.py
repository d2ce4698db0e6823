"""GET/POST /draft: the draft with each figure marked by its strongest relation, each mark a link to its cards;
and one card per claim ("also quoted") on the statement page."""
import pytest

from service.api.page import draft_pieces
from tests.conftest import AUTH
from tests.page.test_page_view import Elements

DRAFT = ("Entwurf <b>fett</b>\r\n\r\nThe US government says 10,000 North Korean soldiers are in Russia. "
         "The mayor said 7 cats were rescued in Paris.")
REPEATING = {"title": "Ukraine: about 3,000", "publisher": "Wire Four", "published": "2024-10-31",
             "text": "Kyiv: about 3,000 North Korean soldiers in Russia\n\n"
                     "Ukraine's government said about 3,000 North Korean soldiers are in Russia."}


@pytest.fixture(scope="module")
def repeated(page_app):
    assert page_app.test_client().post("/v1/documents", json=REPEATING, headers=AUTH).status_code == 201


def _draft(page, text=DRAFT, **fields):
    answer = page.post("/draft", data={"text": text, **fields})
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def test_the_empty_view_has_a_labelled_form_that_posts(page):
    answer = page.get("/draft")
    assert answer.status_code == 200 and "script-src 'self'" in answer.headers["Content-Security-Policy"]
    doc = Elements(answer.get_data(as_text=True))
    form, = doc.find("form", id="draft-form")
    assert form["method"] == "post" and form["action"] == "/draft"
    assert {attrs["for"] for attrs in doc.find("label")} >= {"draft-text", "draft-as-of"}
    assert doc.find("textarea", name="text") and doc.find("input", name="as_of")
    assert not doc.find("section", id="draft-answer")
    assert 'href="/draft"' in page.get("/").get_data(as_text=True)


def test_each_figure_links_to_the_cards_of_its_claim(page, ingested):
    html = _draft(page, as_of="2024-11-01")
    api = page.post("/v1/check/document", json={"text": DRAFT, "as_of": "2024-11-01"}).get_json()
    doc = Elements(html)
    marks = doc.find("a", class_="draft-mark")
    assert [mark["href"] for mark in marks] == ["#dc-1", "#dc-2"]
    # conflicting outranks matching: the US figure meets both
    us = api["claims"][0]
    assert us["matching"] and us["conflicting"]
    assert "conflicting" in marks[0]["class"].split() and "none" in marks[1]["class"].split()
    for number, item in enumerate(api["claims"], 1):
        section, = doc.find("section", id=f"dc-{number}")
        cards = [attrs for attrs in doc.find("li", class_="result") if attrs["id"].startswith(f"dc-{number}-r-")]
        assert len(cards) == sum(len(item[relation]) for relation in ("matching", "corroborating", "conflicting",
                                                                        "related"))
    assert "2 claims" in html and "1 with a conflict" in html and "1 without support" in html


def test_the_draft_is_shown_as_text(page):
    html = _draft(page)
    assert "Entwurf &lt;b&gt;fett&lt;/b&gt;" in html and "<b>fett</b>" not in html


@pytest.mark.parametrize("fields, problem", [
    ({"text": "   "}, "Paste the draft"),
    ({"text": "x" * 200_001}, "at most 200,000"),
    ({"text": DRAFT, "as_of": "soon"}, "“As of” must be a date"),
    ({"text": "10.000 Soldaten\x00"}, "NUL"),
])
def test_bad_input_says_what_is_wrong_and_checks_nothing(page, fields, problem):
    html = page.post("/draft", data=fields).get_data(as_text=True)
    assert 'class="problem"' in html and problem in html and 'id="draft-answer"' not in html


def test_pieces_mark_figures_and_sentences_without_one():
    text = "A says 10 cats. B denies it."
    claims = [{"claim": {"text": "A says 10 cats.", "quantity": {"text": "10", "start": 7, "end": 9}},
               "start": 0, "end": 15, "matching": [{}], "conflicting": []},
              {"claim": {"text": "B denies it.", "quantity": None}, "start": 16, "end": 28}]
    pieces = draft_pieces(text, claims)
    assert "".join(piece["text"] for piece in pieces) == text
    assert [(p["text"], p["claim"], p["relation"]) for p in pieces if "claim" in p] == \
        [("10", 1, "matching"), ("B denies it.", 2, "none")]


def test_the_statement_page_shows_one_card_per_claim(page, repeated):
    html = page.get("/?statement=Kyiv+says+about+3,000+North+Korean+troops+in+Russia").get_data(as_text=True)
    doc = Elements(html)
    assert html.count('<span class="publisher">Wire Four</span>') == 1 and "Also quoted in this article (1 more)" in html
    assert "Kyiv: about 3,000 North Korean soldiers in Russia</q>" in html
    assert doc.find("li", class_="result")
