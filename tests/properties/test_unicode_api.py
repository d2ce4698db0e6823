"""Arbitrary Unicode through the API, on SQLite and PostgreSQL: control characters, RTL text, emoji,
NUL bytes and 100,000-character sentences never crash ingestion or checking. Text with a NUL is a
clear 422 naming the field; any other text is stored verbatim and read back the same."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import AUTH

# Pieces a wire can carry: control and format characters (bidi overrides, zero-width joiners, BOM),
# right-to-left scripts, emoji sequences, digits of other scripts, and the figures a claim is made of.
PIECES = st.sampled_from([
    "\x00", "\x01", "\x07", "\x1b[2J", "\x7f", "\x85", "\r", "\n\n", "\t", "\u2028", "\u2029",
    "\u200b", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\ufffd",
    "قالت الشرطة إن ١٢٣ شخصا", "המשטרה אמרה ש-45", "👩‍👩‍👧‍👦", "🇺🇦", "🏳️‍🌈", "９９９", "Ⅻ", "𝟏𝟐𝟑",
    "Die Polizei zählte 500 Demonstranten in Berlin.", "Kiew meldet rund 12.000 Soldaten in Kursk.",
    "US says 10,000 troops.", " ", ".", "„", "“", "«", "»", "'", '"', "<script>alert(1)</script>", "%s", "{0}",
])
TEXTS = st.one_of(st.lists(PIECES, min_size=1, max_size=40).map("".join),
                  st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300))
API = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
ARTICLES = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))


def _refused_for_nul(answer, field):
    assert answer.status_code == 422, answer.get_data(as_text=True)[:300]
    assert "NUL" in answer.get_json()["error"]["details"][field][0]


@API
@given(text=TEXTS)
def test_any_text_checks_or_is_a_clear_422(backend_app, text):
    client = backend_app.test_client()
    answer = client.post("/v1/check", json={"statement": text[:2000]})
    if "\x00" in text[:2000]:
        _refused_for_nul(answer, "statement")
        return
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    assert answer.get_json()["statement"]["text"] == text[:2000]


@ARTICLES
@given(text=TEXTS, title=TEXTS)
def test_any_article_is_stored_verbatim_or_is_a_clear_422(backend_app, text, title):
    client = backend_app.test_client()
    before = client.get("/health").get_json()["claims"]
    answer = client.post("/v1/documents", json={"text": text, "title": title[:1000]}, headers=AUTH)
    if "\x00" in text or "\x00" in title[:1000]:
        _refused_for_nul(answer, "text" if "\x00" in text else "title")
        assert client.get("/health").get_json()["claims"] == before
        return
    assert answer.status_code in (200, 201), answer.get_data(as_text=True)[:300]
    stored = client.get(f"/v1/documents/{answer.get_json()['id']}").get_json()
    assert stored["text"] == text
    if answer.status_code == 201:   # the same text again answers the document stored first (its title)
        assert stored["title"] == title[:1000]
    for claim in stored["claims"]:
        quote = claim["citation"]["quote"]
        assert text[claim["citation"]["start"]:claim["citation"]["end"]] == quote


@API
@given(text=TEXTS)
def test_any_claim_sentence_is_stored_verbatim_or_is_a_clear_422(backend_app, text):
    client = backend_app.test_client()
    answer = client.post("/v1/claims", json={"text": text[:2000], "publisher": text[:500]}, headers=AUTH)
    if "\x00" in text[:2000]:
        _refused_for_nul(answer, "text")
        return
    assert answer.status_code == 201, answer.get_data(as_text=True)[:300]
    stored = client.get(f"/v1/claims/{answer.get_json()['id']}").get_json()
    assert stored["text"] == text[:2000] and stored["citation"]["publisher"] == text[:500]


def test_a_100k_character_sentence_is_ingested_and_checked(backend_app):
    client = backend_app.test_client()
    # One sentence without a full stop, a figure at each end, RTL text, emoji and controls between.
    unit = "und dann kamen viele Leute 👩‍👩‍👧 nach Berlin \u202eرقم\u202c \u200f\x07, "
    sentence = "Die Polizei zählte 500 Demonstranten " + unit * (100_000 // len(unit)) + "und 700 Gegner"
    assert len(sentence) >= 100_000
    answer = client.post("/v1/documents", json={"text": sentence}, headers=AUTH)
    assert answer.status_code == 201, answer.get_data(as_text=True)[:300]
    assert client.get(f"/v1/documents/{answer.get_json()['id']}").get_json()["text"] == sentence
    again = client.post("/v1/documents", json={"text": sentence}, headers=AUTH)
    assert again.status_code == 200 and again.get_json()["created"] is False
    assert client.post("/v1/check", json={"statement": sentence[:2000]}).status_code == 200
    assert client.post("/v1/claims", json={"text": sentence[:2000]}, headers=AUTH).status_code == 201
    searched = client.get("/v1/claims", query_string={"q": sentence[:2000]})
    assert searched.status_code == 200
