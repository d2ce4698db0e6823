"""`flask --app service` commands: init-db with seeding, seed, ingest, check, stats."""
import json

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
    assert folder.exit_code == 0 and "seeded 1 new of 2 documents" in folder.output
    assert "claims: 3" in runner.invoke(args=["stats"]).output
    readable = runner.invoke(args=["check", "Washington sagt 10.000 Soldaten"])
    assert readable.exit_code == 0 and "statement" in readable.output
    raw = runner.invoke(args=["check", "Washington sagt 10.000 Soldaten", "--json"])
    assert set(json.loads(raw.output)) >= {"statement", "matching", "corroborating", "conflicting", "related"}
