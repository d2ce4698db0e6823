"""Alerts to subscriptions: signed, retried with backoff, never redirected, sent once, surviving a restart,
and never in the way of an ingest. The worker is driven by hand (run_once) unless a test is about its thread."""
import hashlib
import hmac
import json
import threading
import time

import pytest

from service.alerts import SIGNATURE_HEADER, Worker
from tests.alerts.conftest import ARTICLE, STORED, conflicting_ingest, parsed, subscribe
from tests.conftest import AUTH

SECRET = "s3cret-for-tests"


@pytest.fixture
def app(make_app, database_url):
    """On SQLite, and on PostgreSQL when CLAIMCHECK_TEST_POSTGRES_URL is set (the queue's locking differs)."""
    built = make_app(DATABASE_URL=database_url, ALERT_WORKER=False, ALERT_BACKOFF=60.0, ALERT_ATTEMPTS=3,
                     ALERT_TIMEOUT=2.0)
    yield built
    built.extensions["claimcheck.repo"].engine.dispose()


def worker(app) -> Worker:
    return app.extensions["claimcheck.alerts"]


def repo(app):
    return app.extensions["claimcheck.repo"]


def drain(app, rounds=10):
    """Run the worker until nothing is due, moving the clock past each backoff."""
    for round_ in range(rounds):
        if not worker(app).run_once(now=time.time() + 3600 * (round_ + 1)):
            return


def test_a_conflicting_ingest_sends_a_signed_alert_with_the_claims_and_the_conflicts(app, client, receiver):
    subscribe(client, receiver.url())
    document = conflicting_ingest(client)
    assert worker(app).run_once() == 1
    [request] = receiver.requests
    expected = "sha256=" + hmac.new(SECRET.encode(), request["body"], hashlib.sha256).hexdigest()
    assert request["headers"][SIGNATURE_HEADER] == expected
    assert request["headers"]["Content-Type"] == "application/json"
    alert = parsed(request)
    assert alert["event"] == "conflict"
    assert alert["document"]["id"] == document["id"] and alert["document"]["title"] == ARTICLE["title"]
    assert "text" not in alert["document"]
    [item] = alert["claims"]
    assert "12,000" in item["claim"]["text"]
    assert [c["claim"]["text"] for c in item["conflicting"]] == [STORED["text"]]
    assert item["conflicting"][0]["explanation"]
    assert "12,000" in alert["text"] and "10,000" in alert["text"] and "\n" not in alert["text"]
    [row] = repo(app).deliveries()
    assert (row.state, row.attempts, row.last_status) == ("delivered", 1, 200)


def test_a_wrong_secret_does_not_verify(app, client, receiver):
    subscribe(client, receiver.url(), secret="another-secret")
    conflicting_ingest(client)
    worker(app).run_once()
    request = receiver.requests[0]
    wrong = "sha256=" + hmac.new(SECRET.encode(), request["body"], hashlib.sha256).hexdigest()
    assert request["headers"][SIGNATURE_HEADER] != wrong


def test_an_article_without_conflicts_alerts_nobody(app, client, receiver):
    subscribe(client, receiver.url())
    client.post("/v1/claims", headers=AUTH, json=STORED)
    same = {**ARTICLE, "text": ARTICLE["text"].replace("12,000", "10,000")}
    assert client.post("/v1/documents", headers=AUTH, json=same).status_code == 201
    assert repo(app).deliveries() == []


def test_a_500_is_retried_with_backoff_until_delivered(app, client, receiver):
    receiver.answers = [(500, {}), (503, {})]
    subscribe(client, receiver.url())
    conflicting_ingest(client)
    assert worker(app).run_once() == 1
    [row] = repo(app).deliveries()
    assert (row.state, row.attempts, row.last_status) == ("pending", 1, 500)
    assert worker(app).run_once() == 0          # not due yet: the backoff
    first_due = row.due
    assert worker(app).run_once(now=first_due + 0.001) == 1
    [row] = repo(app).deliveries()
    assert (row.state, row.attempts, row.last_status) == ("pending", 2, 503)
    assert row.due - time.time() > first_due - time.time()   # the delay doubled
    drain(app)
    [row] = repo(app).deliveries()
    assert (row.state, row.attempts, row.last_status) == ("delivered", 3, 200)
    assert len(receiver.requests) == 3
    assert len({r["body"] for r in receiver.requests}) == 1    # the same bytes each time


def test_redirects_are_not_followed_and_count_as_failures(app, client, receiver):
    receiver.answers = [(302, {"Location": receiver.url("/elsewhere")})] * 5
    subscribe(client, receiver.url())
    conflicting_ingest(client)
    drain(app)
    assert [r["path"] for r in receiver.requests] == ["/hook"] * 3
    [row] = repo(app).deliveries()
    assert (row.state, row.attempts, row.last_status) == ("failed", 3, 302)
    assert "redirect" in row.last_error


def test_a_receiver_that_is_down_fails_no_ingest_and_is_given_up_after_the_attempts(app, client, closed_port):
    subscribe(client, f"http://127.0.0.1:{closed_port}/hook")
    conflicting_ingest(client)             # answered 201 although nobody listens
    drain(app)
    [row] = repo(app).deliveries()
    assert (row.state, row.attempts) == ("failed", 3)
    assert "Connection" in row.last_error or "refused" in row.last_error.lower()


def test_a_slow_receiver_never_holds_up_the_ingest(make_app, database_url, receiver):
    app = make_app(DATABASE_URL=database_url, ALERT_WORKER=True, ALERT_POLL=0.05, ALERT_TIMEOUT=10.0)
    client = app.test_client()
    receiver.hold.clear()                  # the receiver takes the request and does not answer
    subscribe(client, receiver.url())
    conflicting_ingest(client)
    assert receiver.arrived.wait(10), "the worker thread sent nothing"
    second = client.post("/v1/documents", headers=AUTH,
                         json={**ARTICLE, "text": ARTICLE["text"].replace("12,000", "14,000")})
    assert second.status_code == 201       # answered while the receiver still holds the first alert
    assert not receiver.hold.is_set()
    receiver.hold.set()
    worker(app).stop()


def test_a_pending_alert_is_sent_by_the_next_process(make_app, database_url, receiver):
    first = make_app(DATABASE_URL=database_url, ALERT_WORKER=False)
    client = first.test_client()
    subscribe(client, receiver.url())
    conflicting_ingest(client)
    assert [row.state for row in repo(first).deliveries()] == ["pending"]
    first.extensions["claimcheck.repo"].engine.dispose()

    second = make_app(DATABASE_URL=database_url, ALERT_WORKER=True, ALERT_POLL=0.05)     # a restart: a new app on the same base
    second.test_client().get("/health")                        # its first request starts the worker
    deadline = time.time() + 20
    while time.time() < deadline and [row.state for row in repo(second).deliveries()] != ["delivered"]:
        time.sleep(0.05)
    worker(second).stop()
    assert [row.state for row in repo(second).deliveries()] == ["delivered"]
    assert len(receiver.requests) == 1


def test_two_workers_never_send_the_same_alert(app, client, receiver):
    first = subscribe(client, receiver.url())
    conflicting_ingest(client)
    with repo(app).transaction() as tx:      # more rows to race for
        body = repo(app).deliveries()[0].body
        for n in range(19):
            tx.enqueue(first, "conflict", body.replace('"event":"conflict"', f'"event":"conflict","n":{n}'),
                       time.time())
    workers = [Worker(repo(app), timeout=2.0, batch=3) for _ in range(3)]
    start = threading.Barrier(len(workers))

    def run(one):
        start.wait()
        while one.run_once():
            pass

    threads = [threading.Thread(target=run, args=(one,)) for one in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    bodies = [r["body"] for r in receiver.requests]
    assert len(bodies) == 20 and len(set(bodies)) == 20
    assert {row.state for row in repo(app).deliveries()} == {"delivered"}


def test_a_delivery_held_by_a_worker_that_died_is_taken_over_after_its_lease(app, client, receiver):
    subscribe(client, receiver.url())
    conflicting_ingest(client)
    now = time.time()
    [held] = repo(app).claim_deliveries(now, lease=30, limit=5)      # taken, then the worker "dies"
    assert repo(app).claim_deliveries(now + 1, lease=30, limit=5) == []
    [again] = repo(app).claim_deliveries(now + 31, lease=30, limit=5)
    assert again.seq == held.seq and again.attempts == 2
    # the dead worker's late report does not overwrite the new holder's
    assert not repo(app).finish_delivery(held, state="failed")
    assert repo(app).finish_delivery(again, state="delivered", status=200)


def test_removing_a_subscription_drops_its_queued_alerts(app, client, receiver):
    subscription = subscribe(client, receiver.url())
    conflicting_ingest(client)
    assert client.delete(f"/v1/subscriptions/{subscription}", headers=AUTH).status_code == 204
    assert repo(app).deliveries() == []
    assert worker(app).run_once() == 0
