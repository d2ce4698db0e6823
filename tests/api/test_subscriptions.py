"""POST, GET /v1/subscriptions and DELETE /v1/subscriptions/{id}: keys, validation, and no secret listed back."""
import pytest

from tests.conftest import AUTH

HOOK = {"url": "https://desk.example/hook", "secret": "a-long-secret", "events": ["conflict"]}


def test_create_list_and_delete(client):
    created = client.post("/v1/subscriptions", headers=AUTH, json=HOOK)
    assert created.status_code == 201
    subscription = created.get_json()["id"]
    assert subscription.startswith("s_") and set(created.get_json()) == {"id"}
    listed = client.get("/v1/subscriptions", headers=AUTH)
    assert listed.status_code == 200
    [item] = listed.get_json()["items"]
    assert item["id"] == subscription and item["url"] == HOOK["url"] and item["events"] == ["conflict"]
    assert "secret" not in item and HOOK["secret"] not in listed.get_data(as_text=True)
    assert client.delete(f"/v1/subscriptions/{subscription}", headers=AUTH).status_code == 204
    assert client.get("/v1/subscriptions", headers=AUTH).get_json()["items"] == []
    missing = client.delete(f"/v1/subscriptions/{subscription}", headers=AUTH)
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"


def test_events_default_to_conflict(client):
    client.post("/v1/subscriptions", headers=AUTH, json={"url": HOOK["url"], "secret": HOOK["secret"]})
    assert client.get("/v1/subscriptions", headers=AUTH).get_json()["items"][0]["events"] == ["conflict"]


@pytest.mark.parametrize("method, path", [("post", "/v1/subscriptions"), ("get", "/v1/subscriptions"),
                                          ("delete", "/v1/subscriptions/s_x")])
def test_every_call_needs_a_key(client, method, path):
    answer = getattr(client, method)(path, json=HOOK if method == "post" else None)
    assert answer.status_code == 401
    assert answer.get_json()["error"]["code"] == "unauthorized"
    wrong = getattr(client, method)(path, json=HOOK if method == "post" else None,
                                    headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403


@pytest.mark.parametrize("body, field", [
    ({**HOOK, "url": "ftp://desk.example/hook"}, "url"),
    ({**HOOK, "url": "file:///etc/passwd"}, "url"),
    ({**HOOK, "url": "javascript:alert(1)"}, "url"),
    ({**HOOK, "url": "https://"}, "url"),
    ({**HOOK, "url": "https://user:pw@desk.example/hook"}, "url"),
    ({**HOOK, "url": "http://desk.example:99999/hook"}, "url"),
    ({**HOOK, "secret": "short"}, "secret"),
    ({"url": HOOK["url"]}, "secret"),
    ({"secret": HOOK["secret"]}, "url"),
    ({**HOOK, "events": ["everything"]}, "events"),
    ({**HOOK, "events": []}, "events"),
])
def test_invalid_subscriptions_answer_422_naming_the_field_and_store_nothing(client, body, field):
    answer = client.post("/v1/subscriptions", headers=AUTH, json=body)
    assert answer.status_code == 422
    assert field in answer.get_json()["error"]["details"]
    assert client.get("/v1/subscriptions", headers=AUTH).get_json()["items"] == []


def test_the_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/openapi.json").get_json()["paths"]
    assert {"post", "get"} <= set(paths["/v1/subscriptions"])
    assert "delete" in paths["/v1/subscriptions/{subscription_id}"]
    assert "post" in paths["/v1/claimreviews"]
