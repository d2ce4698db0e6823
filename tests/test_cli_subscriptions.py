"""`claimcheck subscriptions add|list|remove`: on the local base and on a running service; bad URLs refused."""
import pytest

from tests.client.conftest import serve
from tests.conftest import KEY


def test_local_subscriptions_add_list_remove(make_app):
    app = make_app()
    runner = app.test_cli_runner()
    added = runner.invoke(args=["subscriptions", "add", "https://desk.example/hook", "--secret", "s3cret-s3cret"])
    assert added.exit_code == 0, added.output
    subscription_id = added.output.strip()
    listed = runner.invoke(args=["subscriptions", "list"])
    assert listed.exit_code == 0 and f"{subscription_id}\thttps://desk.example/hook\tconflict" in listed.output
    assert "s3cret-s3cret" not in listed.output
    removed = runner.invoke(args=["subscriptions", "remove", subscription_id])
    assert removed.exit_code == 0 and runner.invoke(args=["subscriptions", "list"]).output.strip() == ""
    again = runner.invoke(args=["subscriptions", "remove", subscription_id])
    assert again.exit_code != 0 and "no subscription" in again.output


@pytest.mark.parametrize("target", ["ftp://desk.example/hook", "not a url", "file:///etc/passwd"])
def test_a_url_that_is_not_http_is_refused_and_nothing_stored(make_app, target):
    app = make_app()
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["subscriptions", "add", target, "--secret", "s"])
    assert refused.exit_code != 0 and "url" in refused.output
    assert app.extensions["claimcheck.repo"].list_subscriptions() == []


def test_remote_subscriptions_through_the_client(tmp_path_factory, warm_encoder, make_app):
    server = serve(tmp_path_factory)
    try:
        runner = make_app().test_cli_runner()
        added = runner.invoke(args=["subscriptions", "add", "http://127.0.0.1:9/hook", "--secret", "another-secret",
                                    "--url", server.url, "--api-key", KEY])
        assert added.exit_code == 0, added.output
        listed = runner.invoke(args=["subscriptions", "list", "--url", server.url, "--api-key", KEY])
        subscription_id = added.output.strip().splitlines()[-1]   # the live server logs into the same output
        assert f"{subscription_id}\thttp://127.0.0.1:9/hook" in listed.output and "another-secret" not in listed.output
        denied = runner.invoke(args=["subscriptions", "list", "--url", server.url, "--api-key", "wrong"])
        assert denied.exit_code != 0
    finally:
        server.stop()
