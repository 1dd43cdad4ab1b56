"""Role checklists in a real browser: memory, no-JS, broken storage, print, accessibility, privacy."""
import io
import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from tests.browser.conftest import WCAG_21_AA, Watched

ROLES = ["slutenvard", "kommun", "primarvard"]
KEY = "avbrottsrutin-lifecare-sp:checklista:slutenvard"


def _box(page, item_id, role="slutenvard"):
    return page.locator(f"#lc-{role}-{item_id}")


def test_ticks_survive_a_reload_and_reset_clears_them(watched, base_url):
    page = watched.page
    page.goto(base_url + "slutenvard/")
    page.get_by_label("Stoppa ner blanketterna i ett kuvert").check()
    page.locator("label[for=lc-slutenvard-sv-markning]").click()  # the whole text is the label
    phase = page.locator("[data-lc-phase]", has=page.locator("#lc-slutenvard-sv-kuvert"))
    assert phase.locator("[data-lc-progress]").inner_text() == "2 av 3 klara"

    page.reload()
    assert _box(page, "sv-kuvert").is_checked()
    assert _box(page, "sv-markning").is_checked()
    assert not _box(page, "sv-internpost").is_checked()
    assert phase.locator("[data-lc-progress]").inner_text() == "2 av 3 klara"
    assert phase.locator("[data-lc-progress]").get_attribute("aria-live") == "polite"
    assert page.locator("#lc-slutenvard-sv-kuvert-tid").inner_text().startswith("Klar ")

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Rensa checklistan").click()
    assert _box(page, "sv-kuvert").is_checked(), "dismissing the question must keep the ticks"

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Rensa checklistan").click()
    assert page.locator(".lc-checklist input:checked").count() == 0
    page.reload()
    assert page.locator(".lc-checklist input:checked").count() == 0
    assert watched.errors == []


def test_after_an_interruption_the_next_step_is_marked_and_linked_from_the_top(watched, base_url):
    page = watched.page
    page.goto(base_url + "slutenvard/")
    link = page.locator("[data-lc-next-link]")
    assert not link.is_visible(), "nothing ticked: no next step to point at"
    _box(page, "ring-servicedesk").check()
    _box(page, "sv-kvittera").check()
    page.reload()
    # The first box not ticked, in the order of the list, is the next step.
    boxes = page.locator(".lc-checklist input[type=checkbox]").all()
    expected = next(box for box in boxes if not box.is_checked())
    next_id = expected.get_attribute("id")
    assert next_id == "lc-slutenvard-sv-kuvert"
    item = page.locator(f"[data-lc-step]:has(> #{next_id})")
    assert "lc-checklist__item--next" in item.get_attribute("class")
    assert item.locator("[data-lc-next-tag]").inner_text() == "Nästa steg"
    assert page.locator("[data-lc-next-tag]").count() == 1
    # The link sits in the first progress line, at the top of the list, and goes to the step.
    assert link.is_visible()
    first_phase = page.locator("[data-lc-phase]").first
    assert first_phase.locator("[data-lc-next-link]").count() == 1
    link.click()
    assert page.evaluate("() => location.hash") == f"#{next_id}"
    # Ticking it moves the mark on; when all is done no step is marked.
    for box in page.locator(".lc-checklist input[type=checkbox]").all():
        box.check()
    assert page.locator("[data-lc-next-tag]").count() == 0
    assert not link.is_visible()
    assert watched.errors == []


def test_only_item_ids_and_times_are_stored(watched, base_url):
    page = watched.page
    page.goto(base_url + "slutenvard/")
    page.get_by_label("Stoppa ner blanketterna i ett kuvert").check()
    stored = page.evaluate("() => ({...window.localStorage})")
    assert list(stored) == [KEY]
    value = json.loads(stored[KEY])
    assert list(value) == ["sv-kuvert"]
    assert value["sv-kuvert"].endswith("Z")


def test_two_tabs_stay_in_step(context, base_url):
    first, second = context.new_page(), context.new_page()
    first.goto(base_url + "slutenvard/")
    second.goto(base_url + "slutenvard/")
    first.get_by_label("Stoppa ner blanketterna i ett kuvert").check()
    second.wait_for_function("() => document.querySelector('#lc-slutenvard-sv-kuvert').checked")


def test_without_javascript_the_checklist_renders_and_can_be_ticked(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "slutenvard/")
    boxes = page.locator(".lc-checklist input[type=checkbox]")
    assert boxes.count() >= 5
    page.locator("label[for=lc-slutenvard-sv-markning]").click()
    assert _box(page, "sv-markning").is_checked()
    assert not page.get_by_role("button", name="Rensa checklistan").is_visible()
    assert [p.inner_text() for p in page.locator("[data-lc-progress]").all()] == [""] * page.locator("[data-lc-progress]").count()
    context.close()


BROKEN_STORAGE = {
    "throws": "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});",
    "garbage": f"window.localStorage.setItem('{KEY}', '{{not json');",
    "wrong shape": f"window.localStorage.setItem('{KEY}', '[1, 2, 3]');",
    "full": "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };",
}


@pytest.mark.parametrize("kind", BROKEN_STORAGE)
def test_broken_storage_never_breaks_the_page(context, base_url, kind):
    context.add_init_script(BROKEN_STORAGE[kind])
    watched = Watched(context.new_page())
    page = watched.page
    page.goto(base_url + "slutenvard/")
    page.get_by_label("Stoppa ner blanketterna i ett kuvert").check()
    assert _box(page, "sv-kuvert").is_checked()
    phase = page.locator("[data-lc-phase]", has=page.locator("#lc-slutenvard-sv-kuvert"))
    assert phase.locator("[data-lc-progress]").inner_text() == "1 av 3 klara"
    assert watched.errors == []
    assert watched.console_errors == []


def test_storage_failure_is_told_in_words(context, base_url):
    context.add_init_script(BROKEN_STORAGE["throws"])
    page = context.new_page()
    page.goto(base_url + "slutenvard/")
    assert "kan inte sparas" in page.locator("[data-lc-notice]").inner_text()


@pytest.mark.parametrize("path", [f"{role}/" for role in ROLES] + ["checklistor/"])
def test_checklist_pages_have_no_wcag_21_aa_violations(watched, base_url, path):
    watched.page.goto(base_url + path)
    watched.page.get_by_role("checkbox").first.check()
    results = Axe().run(watched.page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_checklist_prints_on_one_a4_page(watched, base_url, role):
    page = watched.page
    page.goto(base_url + f"{role}/")
    page.get_by_role("checkbox").first.check()
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Rensa checklistan").is_visible()
    assert page.locator(".md-header").is_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    # The document control is in the running header and footer of the page.
    assert "version 1.0 · 2025-10-02" in text and "Utkast – ej fastställd" in text and "Utskriven" in text


def test_the_all_checklists_page_prints_each_role_on_its_own_page(watched, base_url):
    watched.page.goto(base_url + "checklistor/")
    reader = PdfReader(io.BytesIO(watched.page.pdf(format="A4")))
    assert len(reader.pages) == len(ROLES)


def test_using_the_checklists_requests_nothing_from_another_host(watched, base_url):
    page = watched.page
    for path in [f"{role}/" for role in ROLES] + ["checklistor/"]:
        page.goto(base_url + path)
        page.get_by_role("checkbox").first.check()
        page.reload()
    assert watched.requests
    assert watched.foreign_requests(base_url) == []
