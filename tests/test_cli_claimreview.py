"""`claimcheck import-claimreview FILE`: on the local base and on a service (--url); bad items by position."""
import json

from tests.client.conftest import LiveServer
from tests.conftest import KEY

REVIEW = {"@type": "ClaimReview", "url": "https://factcheck.example/cli",
          "claimReviewed": "Russia has 100,000 North Korean soldiers at the front.",
          "author": {"name": "Example Check"}, "datePublished": "2024-10-30", "inLanguage": "en",
          "reviewRating": {"ratingValue": 1, "bestRating": 5, "alternateName": "False"}}
FEED = {"@context": "https://schema.org", "@type": "DataFeed",
        "dataFeedElement": [{"@type": "DataFeedItem", "item": REVIEW}, {"@type": "ClaimReview", "url": "x"}]}


def test_import_claimreview_locally_is_idempotent_and_names_bad_items(make_app, tmp_path):
    app = make_app()
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(FEED), encoding="utf-8")
    runner = app.test_cli_runner()
    first = runner.invoke(args=["import-claimreview", str(path)])
    assert first.exit_code == 0, first.output
    assert "1 reviews stored" in first.output and "item 1: claimReviewed is required" in first.output
    again = runner.invoke(args=["import-claimreview", str(path)])
    assert again.exit_code == 0
    assert app.extensions["claimcheck.repo"].count() == 1
    checked = runner.invoke(args=["check", "Russia has 100,000 North Korean soldiers at the front.", "--language", "en"])
    assert "rated False by Example Check: https://factcheck.example/cli" in checked.output


def test_import_claimreview_fails_when_nothing_can_be_stored(make_app, tmp_path):
    app = make_app()
    bad, broken = tmp_path / "bad.json", tmp_path / "broken.json"
    bad.write_text(json.dumps([{"@type": "ClaimReview"}]), encoding="utf-8")
    broken.write_text("{not json", encoding="utf-8")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["import-claimreview", str(bad)]).exit_code == 1
    assert "not JSON" in runner.invoke(args=["import-claimreview", str(broken)]).output
    assert app.extensions["claimcheck.repo"].count() == 0


def test_import_claimreview_to_a_service(make_app, tmp_path):
    served = make_app()
    live = LiveServer(served)
    try:
        path = tmp_path / "feed.json"
        path.write_text(json.dumps(FEED), encoding="utf-8")
        local = make_app(DATABASE_URL=f"sqlite:///{tmp_path / 'other.db'}")
        result = local.test_cli_runner().invoke(args=["import-claimreview", str(path), "--url", live.url,
                                                      "--api-key", KEY])
        assert result.exit_code == 0, result.output
        assert "item 1:" in result.output
        assert served.extensions["claimcheck.repo"].count() == 1
        assert local.extensions["claimcheck.repo"].count() == 0
    finally:
        live.stop()
