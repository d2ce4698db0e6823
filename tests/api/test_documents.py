"""POST /v1/documents and GET /v1/documents/{id}."""
from tests.conftest import AUTH

ARTICLE = ("Kiew: Nordkorea hat 12.000 Soldaten nach Russland geschickt. Das Wetter war schön. "
           "Die US-Regierung spricht von 10.000 Soldaten. Ende")
META = {"title": "Soldaten", "publisher": "Wire", "url": "https://example.org/a", "published": "2024-10-28",
        "language": "de"}


def test_ingest_then_same_text_again_answers_the_stored_document(client, figure_sentences):
    first = client.post("/v1/documents", json={"text": ARTICLE, **META}, headers=AUTH)
    assert first.status_code == 201
    body = first.get_json()
    assert body["id"].startswith("d_") and body["created"] is True
    assert len(body["claims"]) == 2
    for claim in body["claims"]:
        assert claim["id"].startswith("c_")
        assert isinstance(claim["relations"], list)
        cite = claim["citation"]
        assert ARTICLE[cite["start"]:cite["end"]] == cite["quote"] == claim["text"]
        assert (cite["document_id"], cite["publisher"], cite["title"], cite["published"]) == \
            (body["id"], "Wire", "Soldaten", "2024-10-28")

    again = client.post("/v1/documents", json={"text": ARTICLE}, headers=AUTH)
    assert again.status_code == 200
    assert again.get_json()["created"] is False and again.get_json()["id"] == body["id"]
    assert [c["id"] for c in again.get_json()["claims"]] == [c["id"] for c in body["claims"]]
    assert client.get("/health").get_json()["claims"] == 2


def test_get_document_with_its_claims(client, figure_sentences):
    created = client.post("/v1/documents", json={"text": ARTICLE, **META}, headers=AUTH).get_json()
    document = client.get(f"/v1/documents/{created['id']}").get_json()
    assert document["text"] == ARTICLE and document["publisher"] == "Wire"
    assert [c["id"] for c in document["claims"]] == [c["id"] for c in created["claims"]]


def test_real_pipeline_citations_point_into_the_stored_text(client):
    text = "Nach Angaben der US-Regierung sind rund 10.000 nordkoreanische Soldaten in Russland. Mehr zum Thema"
    body = client.post("/v1/documents", json={"text": text, "published": "2024-10-28"}, headers=AUTH).get_json()
    for claim in body["claims"]:
        assert text[claim["citation"]["start"]:claim["citation"]["end"]] == claim["citation"]["quote"]


def test_published_defaults_to_today(client, figure_sentences):
    from datetime import date

    body = client.post("/v1/documents", json={"text": "Es sind 5 Soldaten."}, headers=AUTH).get_json()
    assert body["published"] == date.today().isoformat()


def test_unknown_document_is_404(client):
    answer = client.get("/v1/documents/d_nothing")
    assert answer.status_code == 404
    assert answer.get_json()["error"]["code"] == "not_found"


def test_text_is_required_and_bounded(client):
    for body in ({}, {"text": ""}, {"text": "x" * 200_001}):
        answer = client.post("/v1/documents", json=body, headers=AUTH)
        assert answer.status_code == 422 and "text" in answer.get_json()["error"]["details"]
    assert client.get("/health").get_json()["claims"] == 0


def test_a_failure_while_relating_stores_nothing(client, figure_sentences, monkeypatch):
    import service.checker

    def broken(*args, **kwargs):
        raise RuntimeError("relation engine down")

    monkeypatch.setattr(service.checker, "relations_for", broken)
    answer = client.post("/v1/documents", json={"text": ARTICLE, **META}, headers=AUTH)
    assert answer.status_code == 500
    assert client.get("/health").get_json()["claims"] == 0
    monkeypatch.undo()
    assert client.post("/v1/documents", json={"text": ARTICLE, **META}, headers=AUTH).status_code == 201
