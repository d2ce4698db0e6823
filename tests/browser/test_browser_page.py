"""The page in a real browser (Debian's chromium, headless): check a statement, read the answer and
its timeline, open a quote in its document, add an article through the form, and markup that stays text."""
import re

from tests.browser.conftest import ARTIFACTS
from tests.conftest import KEY

STATEMENT = "US says 10,000 troops"


def _no_policy_violations(page):
    problems = [m for m in page.console_messages_seen if "Content Security Policy" in m or m.startswith("pageerror")]
    assert not problems, problems


def test_check_a_statement_with_the_keyboard(site, page):
    page.goto(site + "/")
    box = page.get_by_label("Statement")
    box.fill(STATEMENT)
    with page.expect_navigation():
        box.press("Enter")
    assert "statement=US+says+10%2C000+troops" in page.url

    answer = page.locator("#answer")
    answer.wait_for()
    for label in ("Matching", "Conflicting", "Related"):
        heading = page.locator(f"#group-{label.lower()}")
        assert heading.is_visible() and label in heading.inner_text()
    first = page.locator("li.result.matching").first
    assert first.locator(".tag").inner_text().strip().lower().endswith("matching")
    assert first.locator("mark.figure").inner_text() in ("10.000", "10,000")
    assert first.locator(".publisher").inner_text().strip()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", first.locator("time").inner_text())
    assert first.get_by_role("link", name="show in document").count() == 1

    read = page.locator(".read")
    assert "US government" in read.inner_text() and "interval [10,000, 10,000]" in read.inner_text()

    # the timeline: as many marks as the API's timeline has points, and the statement's line
    points = page.request.get(f"{site}/v1/timeline?statement=US%20says%2010%2C000%20troops").json()["frames"][0]["points"]
    marks = page.locator("svg.timeline a.mark")
    assert marks.count() == len(points) > 10
    assert "statement: 10,000" in page.locator("svg.timeline").inner_html()
    box_size = page.locator("svg.timeline").bounding_box()
    assert box_size["width"] > 500 and box_size["height"] > 200

    # the statement, how it was read, the timeline and the first cards: the README's picture
    page.evaluate("() => window.scrollTo(0, 0)")
    first_group = page.locator("section.group").first.locator("li.result").nth(1).bounding_box()
    page.screenshot(path=str(ARTIFACTS / "check.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1100, "height": first_group["y"] + first_group["height"] + 16})
    page.screenshot(path=str(ARTIFACTS / "check-full.png"), full_page=True)

    # a mark is a link: keyboard focus and Enter land on its source's card
    target = marks.first.get_attribute("href")
    marks.first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    assert page.locator(target).evaluate("card => card.matches(':target')")
    _no_policy_violations(page)


def test_show_in_document_scrolls_to_the_quote(site, page):
    page.goto(site + "/?statement=" + STATEMENT.replace(" ", "+").replace(",", "%2C"))
    card = page.locator("li.result.conflicting").first
    quote = card.locator("blockquote").inner_text()
    with page.expect_navigation():
        card.get_by_role("link", name="show in document").click()
    claim_id = page.url.rsplit("#q-", 1)[1]
    mark = page.locator(f"#q-{claim_id}")
    assert mark.evaluate("node => node.matches(':target')")
    assert mark.inner_text() == quote
    assert mark.evaluate("node => { const r = node.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    page.screenshot(path=str(ARTIFACTS / "document.png"))
    _no_policy_violations(page)


ARTICLE = ("Die US-Regierung sagte am Freitag, inzwischen seien 11.000 nordkoreanische Soldaten in Russland "
           "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">. Das Wetter war gut.")


def _fill_article(page, key):
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_label("Title").fill("Neue Zahl <script>window.__pwned = 3</script>")
    page.get_by_label("Publisher").fill("Testagentur <b>fett</b>")
    page.get_by_label("Date").fill("2024-11-01")
    page.get_by_label("URL").fill("https://example.org/neu")
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Add article").click()


def test_add_an_article_through_the_form_and_markup_stays_text(site, page):
    page.goto(site + "/")
    _fill_article(page, "wrong-key")
    status = page.locator("#ingest-status")
    page.wait_for_function("() => /not valid/.test(document.querySelector('#ingest-status').textContent)")
    assert page.locator("#ingested li").count() == 0

    _fill_article(page, KEY)
    page.wait_for_function("() => /^(Added|Already stored)/.test(document.querySelector('#ingest-status').textContent)")
    assert "claim" in status.inner_text()
    claims = page.locator("#ingested li.ingested-claim")
    assert claims.count() >= 1
    card = claims.filter(has_text="11.000").first
    assert card.locator("mark.figure").inner_text() == "11.000"
    assert "US government" in card.locator("dl.reading").inner_text()
    assert card.get_by_role("link", name="check this sentence").get_attribute("href").startswith("/?statement=Die%20US")
    # it conflicts with the stored 10,000 and says so with a way to the source
    relations = card.locator("ul.relations li")
    assert relations.count() >= 1 and "show in document" in relations.first.inner_text()
    # the markup is shown as text, never run or built into elements
    assert "<script>window.__pwned = 1</script>" in card.locator("blockquote").inner_text()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#ingested script, #ingested img").count() == 0
    page.screenshot(path=str(ARTIFACTS / "ingest.png"), full_page=True)

    # the stored article, on the check page and in its document view: still text
    page.goto(site + "/?statement=" + "US+says+11%2C000+North+Korean+soldiers+in+Russia")
    result = page.locator("li.result", has_text="window.__pwned").first
    assert "<script>window.__pwned = 1</script>" in result.locator("blockquote").inner_text()
    assert page.locator("script").count() == 1 and page.locator("img").count() == 0
    with page.expect_navigation():
        result.get_by_role("link", name="show in document").click()
    assert "Neue Zahl <script>window.__pwned = 3</script>" in page.locator("h1").inner_text()
    assert "Testagentur <b>fett</b>" in page.locator(".citation").first.inner_text()
    assert page.locator("script").count() == 1 and page.locator("img, b").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    _no_policy_violations(page)


def test_readable_on_a_phone(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.goto(site + "/?statement=" + STATEMENT.replace(" ", "+").replace(",", "%2C"))
    # nothing but the chart's own scroller is wider than the screen
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert page.locator("#statement").bounding_box()["width"] > 300
    page.screenshot(path=str(ARTIFACTS / "phone.png"))
    context.close()
