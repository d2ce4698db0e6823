"""The page's headers (CSP without inline script, nosniff, no framing) and HTML in stored text kept as text."""
import re

from tests.page.test_page_view import Elements, _check_page

STATEMENT = "South Korea says 12,000 North Korean soldiers are in Russia"


def _policy(answer) -> dict:
    return {part.split()[0]: part.split()[1:] for part in answer.headers["Content-Security-Policy"].split(";") if part.strip()}


def test_page_headers(page, ingested):
    for path in ("/", f"/?statement={STATEMENT}", f"/documents/{ingested[0]['id']}", f"/timeline.svg?statement={STATEMENT}"):
        answer = page.get(path)
        assert answer.status_code == 200, path
        policy = _policy(answer)
        assert policy["script-src"] == ["'self'"], path
        assert "'unsafe-inline'" not in answer.headers["Content-Security-Policy"]
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["X-Frame-Options"] == "DENY"
    for asset in ("/static/app.js", "/static/style.css"):
        assert page.get(asset).headers["X-Content-Type-Options"] == "nosniff"


def test_no_inline_script_style_or_handlers(page, ingested):
    for path in ("/", f"/?statement={STATEMENT}", f"/documents/{ingested[2]['id']}"):
        html = page.get(path).get_data(as_text=True)
        doc = Elements(html)
        scripts = doc.find("script")
        assert scripts and all(attrs.get("src", "").startswith("/static/") for attrs in scripts), path
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        for _, attrs in doc.tags:
            assert "style" not in attrs, path
            assert not any(name.startswith("on") for name in attrs), path


def test_html_in_stored_articles_is_shown_as_text(page, ingested):
    seoul = ingested[2]
    assert any("<script>" in claim["text"] for claim in seoul["claims"]), "the test article's claim must carry the markup"
    for path in (f"/?statement={STATEMENT}", f"/documents/{seoul['id']}"):
        html = page.get(path).get_data(as_text=True)
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html, path
        assert "<script>window.__pwned" not in html and "<img" not in html and "<b>Three" not in html, path
        assert "Wire &lt;b&gt;Three&lt;/b&gt;" in html, path
        # a stored url that is not http(s) is never a link
        assert 'href="javascript:' not in html, path
    assert "Seoul &lt;script&gt;" in page.get(f"/documents/{seoul['id']}").get_data(as_text=True)


def test_statement_markup_is_escaped_too(page):
    html = _check_page(page, statement='<script>alert(1)</script> says 12,000 "soldiers"')
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
