"""The "Check a draft" view in a real browser (Debian's chromium): paste a draft, submit, click a marked figure,
read its cards; the same without JavaScript."""
import re

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_browser_page import _no_policy_violations

DRAFT = ("Nordkoreas Truppen in Russland\n\n"
         "Die US-Regierung spricht von 10.000 nordkoreanischen Soldaten in Russland. "
         "Der Bürgermeister sagte, 7 Katzen seien in Paris gerettet worden.")


def _submit_draft(page, site):
    page.goto(site + "/draft")
    page.get_by_label("Draft").fill(DRAFT)
    page.get_by_label("As of").fill("2024-11-05")
    with page.expect_navigation():
        page.get_by_role("button", name="Check draft").click()
    page.locator("#draft-answer").wait_for()


def test_check_a_draft_and_click_a_marked_figure(site, page):
    _submit_draft(page, site)
    summary = page.locator("#draft-summary").inner_text()
    assert re.search(r"2 claims · ◆ \d+ with a conflict · ○ 1 without support", summary), summary
    marks = page.locator(".draft-text a.draft-mark")
    assert marks.count() == 2
    figure = marks.first
    assert "10.000" in figure.inner_text() and "(conflicting)" in figure.inner_text()
    assert "◆" in figure.inner_text()
    colour = figure.evaluate("mark => getComputedStyle(mark).borderBottomColor")
    assert colour == "rgb(207, 34, 46)"          # --conflicting
    # the draft text stays the text sent: marks add symbol and word, nothing else is changed
    assert page.locator(".draft-text").inner_text().replace("◆", "").replace(" (conflicting)", "") \
        .replace("○", "").replace(" (nothing stored)", "").strip() == DRAFT.strip()

    cards = page.locator("#dc-1")
    assert not cards.is_visible()                # each claim's cards wait for their figure
    figure.click()
    page.wait_for_url(re.compile(r"#dc-1$"))
    assert cards.is_visible()
    conflicting = cards.locator("li.result.conflicting")
    assert conflicting.count() >= 1 and conflicting.first.locator(".publisher").inner_text().strip()
    assert cards.locator("li.result.matching").count() >= 1
    # one card per stored claim: the seed article repeating 10.000 shows it once, with its other quotes
    assert cards.locator(".also").count() >= 1 and "Also quoted in this article" in cards.inner_text()
    assert not page.locator("#dc-2").is_visible()
    page.screenshot(path=str(ARTIFACTS / "draft.png"), full_page=True)

    marks.nth(1).click()
    page.wait_for_url(re.compile(r"#dc-2$"))
    assert page.locator("#dc-2").is_visible() and not cards.is_visible()
    assert "Nothing in the claim base concerns this claim" in page.locator("#dc-2").inner_text()
    page.locator("#dc-2").get_by_role("link", name="back to the draft").click()
    page.wait_for_url(re.compile(r"#m-2$"))
    _no_policy_violations(page)


def test_the_draft_view_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        _submit_draft(page, site)
        page.locator(".draft-text a.draft-mark").first.click()
        page.wait_for_url(re.compile(r"#dc-1$"))
        assert page.locator("#dc-1 li.result").count() >= 1 and page.locator("#dc-1").is_visible()
    finally:
        context.close()
