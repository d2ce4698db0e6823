"""`flask --app service` commands: init-db with seeding, seed, ingest, import-claims, check, stats; local and remote."""
import json

import click
import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo

from claimcheck_client import Client
from service import cli
from tests.client.conftest import serve
from tests.conftest import KEY

from service.store.repository import ClaimFilter


def write_seeds(folder):
    folder.mkdir()
    (folder / "000_a.txt").write_text("Kiew meldet 12.000 Soldaten. Das Wetter war schön. Seoul sagt 3000", "utf-8")
    (folder / "001_b.txt").write_text("Washington spricht von 10.000 Soldaten. Ende", "utf-8")
    (folder / "manifest.json").write_text(json.dumps({"documents": [
        {"file": "000_a.txt", "publisher": "A", "title": "Eins", "published": "2024-10-23", "language": "de",
         "url": None},
        {"file": "001_b.txt", "publisher": "B", "title": "Zwei", "published": "2024-10-28", "language": "de",
         "url": "https://example.org/b"},
    ]}), "utf-8")
    return folder


def test_init_db_seeds_an_empty_base_once(make_app, tmp_path, figure_sentences):
    app = make_app(SEED=True, SEEDS_DIR=str(write_seeds(tmp_path / "seeds")))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    repo = app.extensions["claimcheck.repo"]
    assert repo.stats()["documents"] == 2 and repo.count() == 3
    runner.invoke(args=["init-db"])
    assert repo.stats()["documents"] == 2 and repo.count() == 3
    claim = repo.list(ClaimFilter())[0][-1]   # the oldest: the first sentence of the first seed
    assert (claim.citation.publisher, claim.citation.title, claim.citation.published) == ("A", "Eins", "2024-10-23")


def test_init_db_without_seed_flag_leaves_the_base_empty(make_app, tmp_path):
    app = make_app(SEED=False, SEEDS_DIR=str(write_seeds(tmp_path / "seeds")))
    assert app.test_cli_runner().invoke(args=["init-db"]).exit_code == 0
    assert app.extensions["claimcheck.repo"].count() == 0


def test_ingest_file_and_directory_then_stats_and_check(make_app, tmp_path, figure_sentences):
    app = make_app()
    runner = app.test_cli_runner()
    seeds = write_seeds(tmp_path / "seeds")
    single = runner.invoke(args=["ingest", str(seeds / "001_b.txt"), "--publisher", "B", "--published", "2024-10-28"])
    assert single.exit_code == 0 and "ingested d_" in single.output
    folder = runner.invoke(args=["ingest", str(seeds)])
    assert folder.exit_code == 0 and "ingested 1 new of 2 documents (1 already stored, 0 failed)" in folder.output
    assert "2/2" in folder.stderr   # the progress bar
    assert "claims: 3" in runner.invoke(args=["stats"]).output
    readable = runner.invoke(args=["check", "Washington sagt 10.000 Soldaten"])
    assert readable.exit_code == 0 and "statement" in readable.output
    raw = runner.invoke(args=["check", "Washington sagt 10.000 Soldaten", "--json"])
    assert set(json.loads(raw.output)) >= {"statement", "matching", "corroborating", "conflicting", "related"}


def write_jsonl(path, *lines):
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n", "utf-8")
    return path


ARTICLES = [{"text": "Kiew meldet 12.000 Soldaten. Ende", "publisher": "A", "published": "2024-10-23"},
            {"text": "Washington spricht von 10.000 Soldaten. Ende", "publisher": "B", "title": "Zwei"},
            {"text": "Seoul sagt 3000 Soldaten. Ende", "language": "de", "url": "https://example.org/c"}]


def test_ingest_jsonl_shows_progress_and_a_summary(make_app, tmp_path, figure_sentences):
    app = make_app()
    result = app.test_cli_runner().invoke(args=["ingest", str(write_jsonl(tmp_path / "a.jsonl", *ARTICLES))])
    assert result.exit_code == 0, result.output
    assert "ingested 3 new of 3 documents (0 already stored, 0 failed); 3 claims" in result.stdout
    assert "ingesting" in result.stderr and "3/3" in result.stderr
    repo = app.extensions["claimcheck.repo"]
    assert repo.stats()["documents"] == 3
    assert {c.citation.publisher for c in repo.list(ClaimFilter())[0]} == {"A", "B", None}


def test_ingest_reports_bad_lines_by_number_and_ingests_nothing(make_app, tmp_path, figure_sentences):
    app = make_app()
    path = write_jsonl(tmp_path / "a.jsonl", ARTICLES[0], "{not json", {"title": "no text"}, ARTICLES[1],
                       {"text": "x", "published": "yesterday"}, "[1]")
    result = app.test_cli_runner().invoke(args=["ingest", str(path)])
    assert result.exit_code == 1
    for number, why in ((2, "not JSON"), (3, "text"), (5, "published"), (6, "not a JSON object")):
        assert f"a.jsonl:{number}: {why}" in result.stderr
    assert "a.jsonl:1:" not in result.stderr and "4 bad entries" in result.stderr and "nothing was ingested" in result.stderr
    assert app.extensions["claimcheck.repo"].stats()["documents"] == 0


CSV = """text,publisher,published,attributor
Kiew meldet 12.000 Soldaten,A,2024-10-23,
"Washington spricht von
10.000 Soldaten",B,2024-10-28,US government
Seoul sagt 3000 Soldaten,C,,
"""


def test_import_claims_from_csv(make_app, tmp_path):
    app = make_app()
    (tmp_path / "c.csv").write_text(CSV, "utf-8")
    result = app.test_cli_runner().invoke(args=["import-claims", str(tmp_path / "c.csv"), "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    assert "imported 3 claims from c.csv" in result.stdout and "3/3" in result.stderr
    claims = {c.text: c for c in app.extensions["claimcheck.repo"].list(ClaimFilter())[0]}
    assert claims["Kiew meldet 12.000 Soldaten"].citation.published == "2024-10-23"
    assert claims["Washington spricht von\n10.000 Soldaten"].attributor.canonical == "US government"


def test_import_claims_reports_bad_lines_and_stores_nothing(make_app, tmp_path):
    app = make_app()
    bad = CSV.replace("C,,", "C,31.12.2024,").replace("B,2024-10-28,US", "B,2024-10-28,US,extra")
    (tmp_path / "c.csv").write_text(bad, "utf-8")
    result = app.test_cli_runner().invoke(args=["import-claims", str(tmp_path / "c.csv")])
    assert result.exit_code == 1
    assert "c.csv:4: more cells" in result.stderr and "c.csv:5: published" in result.stderr
    assert "2 bad lines" in result.stderr and "c.csv:2" not in result.stderr
    assert app.extensions["claimcheck.repo"].count() == 0
    (tmp_path / "h.csv").write_text("sentence,publisher\nKiew meldet 12.000 Soldaten,A\n", "utf-8")
    header = app.test_cli_runner().invoke(args=["import-claims", str(tmp_path / "h.csv")])
    assert header.exit_code == 1 and "h.csv:1: the header row must name a 'text' column" in header.stderr


def test_a_failed_batch_is_stored_not_at_all_and_the_earlier_ones_stay(make_app, tmp_path, monkeypatch):
    app = make_app()
    path = write_jsonl(tmp_path / "c.jsonl", *[{"text": f"Kiew meldet {n}.000 Soldaten"} for n in range(1, 6)])
    real, calls = cli.add_claims, []

    def add_then_fail(repo, inputs):   # the store refuses the second batch (add_claims is one transaction)
        calls.append(len(inputs))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(repo, inputs)
    monkeypatch.setattr(cli, "add_claims", add_then_fail)
    result = app.test_cli_runner().invoke(args=["import-claims", str(path), "--batch-size", "2"])
    assert result.exit_code == 1 and calls == [2, 2]
    assert "the batch of lines 3-4 failed, none of it was stored: disk full" in result.stderr
    assert "stored 2 of 5 claims (the batches before lines 3-4)" in result.stderr
    texts = sorted(c.text for c in app.extensions["claimcheck.repo"].list(ClaimFilter())[0])
    assert texts == ["Kiew meldet 1.000 Soldaten", "Kiew meldet 2.000 Soldaten"]


@pytest.fixture(scope="module")
def live(tmp_path_factory, warm_encoder):
    server = serve(tmp_path_factory)
    yield server
    server.stop()


def standalone(*args, env=None):
    """The `claimcheck` command as installed: the app is never built when --url names the service."""
    def no_app():
        raise AssertionError("a remote command built the local app")
    group = click.Group("claimcheck", commands=cli.COMMANDS)
    return CliRunner(env=env).invoke(group, list(args), obj=ScriptInfo(create_app=no_app))


def test_remote_ingest_import_and_check(live, tmp_path):
    articles = write_jsonl(tmp_path / "a.jsonl", {
        "text": "Seoul meldet neue Zahlen. Südkorea zufolge sind 10.000 nordkoreanische Soldaten in Russland.",
        "publisher": "Yonhap", "published": "2024-10-30"})
    done = standalone("ingest", str(articles), "--url", live.url, "--api-key", KEY)
    assert done.exit_code == 0, done.output
    assert "ingested 1 new of 1 documents" not in done.stdout and "ingested d_" in done.stdout
    claims = write_jsonl(tmp_path / "c.jsonl",
                         {"text": "US-Regierung spricht von 10.000 nordkoreanischen Soldaten in Russland",
                          "publisher": "AFP", "published": "2024-10-28"},
                         json.dumps("Die ukrainische Regierung spricht von rund 3.000 nordkoreanischen Soldaten in Russland"))
    imported = standalone("import-claims", str(claims), env={"CLAIMCHECK_URL": live.url, "CLAIMCHECK_API_KEY": KEY})
    assert imported.exit_code == 0 and "imported 2 claims from c.jsonl" in imported.stdout, imported.output
    raw = standalone("check", "US says 10,000 North Korean troops in Russia", "--json", "--url", live.url)
    assert raw.exit_code == 0, raw.output
    answer = json.loads(raw.stdout)
    assert answer == Client(live.url).check("US says 10,000 North Korean troops in Russia", limit=5).raw
    assert [item["citation"]["publisher"] for item in answer["matching"]] == ["AFP"]
    assert [item["citation"]["publisher"] for item in answer["corroborating"]] == ["Yonhap"]
    readable = standalone("check", "US says 10,000 North Korean troops in Russia", env={"CLAIMCHECK_URL": live.url})
    assert "MATCHING" in readable.stdout and "CONFLICTING" in readable.stdout and "Yonhap" in readable.stdout
    reviews = json.loads(standalone("check", "US says 10,000 North Korean troops", "--claimreview",
                                    "--url", live.url).stdout)
    assert {r["reviewRating"]["alternateName"] for r in reviews["@graph"]} == {"conflicting", "corroborating"}


def test_remote_errors_carry_the_servers_code(live, tmp_path):
    claims = write_jsonl(tmp_path / "c.jsonl", {"text": "Kiew meldet 12.000 Soldaten"})
    refused = standalone("import-claims", str(claims), "--url", live.url)
    assert refused.exit_code == 1 and "unauthorized:" in refused.stderr and "none of it was stored" in refused.stderr
    articles = write_jsonl(tmp_path / "a.jsonl", {"text": "Kiew meldet 12.000 Soldaten."}, {"text": "Seoul: 3000."})
    failed = standalone("ingest", str(articles), "--url", live.url, "--api-key", "wrong")
    assert failed.exit_code == 1 and failed.stderr.count("forbidden:") == 2 and "a.jsonl:2" in failed.stderr
    assert all(claim.text != "Kiew meldet 12.000 Soldaten" for claim in Client(live.url).iter_claims())


def test_the_local_check_exports_claimreviews(make_app, tmp_path):
    app = make_app()
    (tmp_path / "c.csv").write_text(CSV, "utf-8")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["import-claims", str(tmp_path / "c.csv")]).exit_code == 0
    result = runner.invoke(args=["check", "Kiew meldet 3.000 Soldaten", "--claimreview"])
    document = json.loads(result.stdout)
    assert document["@context"] == "https://schema.org" and isinstance(document["@graph"], list)
