"""Rate limits are counted across gunicorn workers and across replicas on one database: a client gets the
limit once, not once per worker or replica."""
from __future__ import annotations

import threading

import requests

LIMIT = 12


def _burst(urls: list[str], count: int) -> list[int]:
    """`count` checks over fresh connections from 4 threads, spread round-robin over the urls."""
    statuses, lock = [], threading.Lock()
    jobs = list(range(count))

    def run():
        while True:
            with lock:
                if not jobs:
                    return
                n = jobs.pop()
            answer = requests.post(urls[n % len(urls)] + "/v1/check", json={"statement": f"{n} Soldaten"},
                                   headers={"Connection": "close"}, timeout=60)
            with lock:
                statuses.append(answer.status_code)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_two_workers_share_one_count(workdir, start_server):
    server = start_server(f"sqlite:///{workdir / 'claims.db'}", workers=2,
                          env={"CLAIMCHECK_RATE_LIMIT_CHECKS": str(LIMIT), "CLAIMCHECK_RATE_LIMIT_WINDOW": "300"})
    statuses = _burst([server.url], 3 * LIMIT)
    assert statuses.count(200) == LIMIT and statuses.count(429) == 2 * LIMIT, statuses


def test_two_replicas_share_one_count(store_url, workdir, start_server):
    env = {"CLAIMCHECK_RATE_LIMIT_CHECKS": str(LIMIT), "CLAIMCHECK_RATE_LIMIT_WINDOW": "300"}
    first = start_server(store_url, workers=1, env=env)
    second = start_server(store_url, workers=1, env=env)
    statuses = _burst([first.url, second.url], 3 * LIMIT)
    assert statuses.count(200) == LIMIT and statuses.count(429) == 2 * LIMIT, statuses
