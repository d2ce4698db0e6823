"""`claimcheck check-draft FILE`: on the local base and on a running service; nothing is stored."""
import json

import pytest

from claimcheck_client import Client
from tests.client.conftest import serve
from tests.conftest import AUTH, KEY
from tests.test_cli import standalone

STORED = {"text": "Ukraine's government said about 3,000 North Korean soldiers are in Russia.",
          "publisher": "Wire Two", "published": "2024-10-29"}
DRAFT = ("Draft\n\nThe US government says 10,000 North Korean soldiers are in Russia. "
         "The mayor said 7 cats were rescued in Paris.")


@pytest.fixture
def draft_file(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, "utf-8")
    return path


def test_local_check_draft_prints_each_claim_and_the_summary(make_app, draft_file):
    app = make_app()
    app.test_client().post("/v1/documents", json=STORED, headers=AUTH)
    runner = app.test_cli_runner()
    readable = runner.invoke(args=["check-draft", str(draft_file), "--as-of", "2024-10-30"])
    assert readable.exit_code == 0, readable.output
    assert "draft.txt (en): 2 claims, 1 conflicting, 2 without support" in readable.output
    assert "CONFLICTING  \u201cThe US government says" in readable.output and "Wire Two" in readable.output
    assert "UNCHECKED  \u201cThe mayor said" in readable.output
    raw = json.loads(runner.invoke(args=["check-draft", str(draft_file), "--json"]).output)
    assert [DRAFT[item["start"]:item["end"]] for item in raw["claims"]] == [item["claim"]["text"] for item in raw["claims"]]
    assert app.extensions["claimcheck.repo"].stats()["documents"] == 1


def test_local_check_draft_refuses_what_the_api_refuses(make_app, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("x" * 200_001, "utf-8")
    refused = make_app().test_cli_runner().invoke(args=["check-draft", str(path)])
    assert refused.exit_code == 1 and "long.txt: text:" in refused.output


@pytest.fixture(scope="module")
def live(tmp_path_factory, warm_encoder):
    server = serve(tmp_path_factory)
    Client(server.url, KEY).ingest(STORED["text"], publisher=STORED["publisher"], published=STORED["published"])
    yield server
    server.stop()


def test_remote_check_draft_answers_what_the_api_answers(live, draft_file):
    raw = standalone("check-draft", str(draft_file), "--json", "--as-of", "2024-10-30", "--url", live.url)
    assert raw.exit_code == 0, raw.output
    assert json.loads(raw.stdout) == Client(live.url).check_draft(DRAFT, as_of="2024-10-30").raw
    readable = standalone("check-draft", str(draft_file), env={"CLAIMCHECK_URL": live.url})
    assert "2 claims, 1 conflicting" in readable.stdout


def test_remote_check_draft_errors_carry_the_servers_code(live, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("x" * 200_001, "utf-8")
    failed = standalone("check-draft", str(path), "--url", live.url)
    assert failed.exit_code == 1 and "validation_error:" in failed.stderr
