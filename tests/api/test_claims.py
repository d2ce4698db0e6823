"""/v1/claims: add one or a batch, list, filter, page, search, read, delete."""
from tests.conftest import AUTH


def add(client, text, **fields):
    answer = client.post("/v1/claims", json={"text": text, **fields}, headers=AUTH)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_single_claim_answers_the_stored_claim(client):
    body = add(client, "Die US-Regierung schätzt die Zahl der Soldaten auf 10.000.", publisher="Wire",
               title="T", published="2024-10-28", attributor="US government")
    assert body["id"].startswith("c_") and body["ids"] == [body["id"]]
    assert body["citation"]["quote"] == body["text"]
    assert (body["citation"]["start"], body["citation"]["end"]) == (0, len(body["text"]))
    assert body["attributor"]["canonical"]
    assert client.get(f"/v1/claims/{body['id']}").get_json()["text"] == body["text"]


def test_batch_answers_ids_in_request_order(client):
    texts = [f"Bericht {n}: {n}000 Soldaten." for n in range(1, 6)]
    answer = client.post("/v1/claims", json={"claims": [{"text": t} for t in texts]}, headers=AUTH)
    assert answer.status_code == 201
    ids = answer.get_json()["ids"]
    assert len(ids) == 5 and len(set(ids)) == 5
    assert [client.get(f"/v1/claims/{i}").get_json()["text"] for i in ids] == texts


def test_batch_with_one_invalid_item_stores_nothing(client):
    answer = client.post("/v1/claims", json={"claims": [{"text": "Gut 1."}, {"text": ""}, {"text": "Gut 2."}]},
                         headers=AUTH)
    assert answer.status_code == 422
    assert "claims" in answer.get_json()["error"]["details"]
    assert client.get("/health").get_json()["claims"] == 0


def test_batch_limits(client):
    too_many = {"claims": [{"text": "x 1"}] * 1001}
    assert client.post("/v1/claims", json=too_many, headers=AUTH).status_code == 422
    assert client.post("/v1/claims", json={"claims": []}, headers=AUTH).status_code == 422
    both = {"text": "a 1", "claims": [{"text": "b 2"}]}
    assert client.post("/v1/claims", json=both, headers=AUTH).status_code == 422
    assert client.get("/health").get_json()["claims"] == 0


def test_list_pages_with_cursor_newest_first(client):
    texts = [f"Meldung {n} mit {n} Zahlen." for n in range(7)]
    client.post("/v1/claims", json={"claims": [{"text": t} for t in texts]}, headers=AUTH)
    seen, cursor = [], None
    while True:
        page = client.get("/v1/claims", query_string={"limit": 3, **({"cursor": cursor} if cursor else {})}).get_json()
        assert set(page) == {"items", "next"}
        seen += [item["text"] for item in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == texts[::-1]


def test_filters(client):
    add(client, "Kiew meldet 12.000 Soldaten.", attributor="Ukraine", published="2024-10-20")
    add(client, "Washington meldet 10.000 Soldaten.", attributor="US government", published="2024-10-28")
    def texts(**query):
        return [item["text"] for item in client.get("/v1/claims", query_string=query).get_json()["items"]]

    assert texts(since="2024-10-25") == ["Washington meldet 10.000 Soldaten."]
    assert texts(until="2024-10-25") == ["Kiew meldet 12.000 Soldaten."]
    assert texts(since="2024-10-21", until="2024-10-22") == []
    ukraine = client.get("/v1/claims/" + client.get("/v1/claims", query_string={"until": "2024-10-25"})
                         .get_json()["items"][0]["id"]).get_json()["attributor"]["canonical"]
    assert texts(attributor=ukraine) == ["Kiew meldet 12.000 Soldaten."]


def test_search_ranks_with_scores_and_pages(client):
    texts = ["North Korea sent 10,000 soldiers to Russia.", "Berlin hatte gestern 30 Grad.",
             "Nordkorea schickte Soldaten nach Russland.", "The central bank raised rates by 0.25 points."]
    client.post("/v1/claims", json={"claims": [{"text": t} for t in texts]}, headers=AUTH)
    page = client.get("/v1/claims", query_string={"q": "North Korean troops in Russia", "limit": 2}).get_json()
    assert len(page["items"]) == 2 and page["next"]
    for item in page["items"]:
        assert set(item) >= {"score", "claim", "citation"} and 0 <= item["score"] <= 1
        assert item["citation"]["quote"] == item["claim"]["text"]
    rest = client.get("/v1/claims", query_string={"q": "North Korean troops in Russia", "limit": 2,
                                                  "cursor": page["next"]}).get_json()
    scores = [item["score"] for item in page["items"] + rest["items"]]
    assert scores == sorted(scores, reverse=True) and len(scores) == 4 and rest["next"] is None
    assert {item["claim"]["text"] for item in page["items"]} == set(texts[0:3:2])


def test_bad_query_parameters_are_422(client):
    for query, field in (({"limit": 0}, "limit"), ({"limit": 101}, "limit"), ({"since": "soon"}, "since"),
                         ({"cursor": "garbage"}, "cursor"), ({"q": "x", "cursor": "garbage"}, "cursor")):
        answer = client.get("/v1/claims", query_string=query)
        assert answer.status_code == 422 and field in answer.get_json()["error"]["details"], query


def test_delete(client):
    claim = add(client, "Es sind 3000 Soldaten.")
    assert client.delete(f"/v1/claims/{claim['id']}").status_code == 401
    assert client.delete(f"/v1/claims/{claim['id']}", headers=AUTH).status_code == 204
    assert client.get(f"/v1/claims/{claim['id']}").status_code == 404
    assert client.delete(f"/v1/claims/{claim['id']}", headers=AUTH).status_code == 404
    assert client.get("/v1/claims", query_string={"q": "Soldaten"}).get_json()["items"] == []


def test_unknown_claim_is_404(client):
    answer = client.get("/v1/claims/c_nothing")
    assert answer.status_code == 404 and answer.get_json()["error"]["code"] == "not_found"
