"""Built for the moment of need: fresh checklists for each outage, a clean binder, action first on a phone."""
import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser.conftest import PHONE

KEY = "avbrottsrutin-lifecare-sp:checklista:slutenvard"
OLD = "2026-10-19T12:02:00.000Z"  # 19 okt. kl. 14.02 in Stockholm


def _store(page, base_url, value):
    page.goto(base_url + "slutenvard/")
    page.evaluate("([key, value]) => window.localStorage.setItem(key, value)", [KEY, json.dumps(value)])
    page.reload()


def test_ticks_from_an_earlier_outage_are_not_shown_as_done_but_asked_about(watched, base_url):
    page = watched.page
    _store(page, base_url, {"sv-kvittera": OLD, "sv-kuvert": "2026-10-19T11:30:00.000Z"})
    question = page.locator("[data-lc-stale]")
    assert question.is_visible()
    assert question.locator("[data-lc-stale-text]").inner_text() == "Bockarna är från 19 okt. kl. 14.02 – börja om?"
    assert page.locator(".lc-checklist input:checked").count() == 0
    assert page.locator("#lc-slutenvard-sv-kvittera-tid").inner_text() == ""
    # Nothing is lost by just looking: the old ticks are still stored until the user answers.
    assert json.loads(page.evaluate(f"() => window.localStorage.getItem('{KEY}')"))["sv-kvittera"] == OLD
    assert watched.errors == []


def test_starting_over_clears_the_old_ticks(watched, base_url):
    page = watched.page
    _store(page, base_url, {"sv-kvittera": OLD})
    page.get_by_role("button", name="Börja om").click()
    assert not page.locator("[data-lc-stale]").is_visible()
    assert page.locator(".lc-checklist input:checked").count() == 0
    assert page.evaluate(f"() => window.localStorage.getItem('{KEY}')") is None
    page.reload()
    assert not page.locator("[data-lc-stale]").is_visible()


def test_continuing_keeps_the_old_ticks_with_their_date(watched, base_url):
    page = watched.page
    _store(page, base_url, {"sv-kvittera": OLD})
    page.get_by_role("button", name="Fortsätt med bockarna").click()
    assert not page.locator("[data-lc-stale]").is_visible()
    assert page.locator("#lc-slutenvard-sv-kvittera").is_checked()
    assert page.locator("#lc-slutenvard-sv-kvittera-tid").inner_text() == "Klar 19 okt. 14.02"


def test_ticks_from_this_shift_load_without_a_question(watched, base_url):
    page = watched.page
    page.goto(base_url + "slutenvard/")
    recent = page.evaluate("() => new Date(Date.now() - 3 * 3600 * 1000).toISOString()")
    _store(page, base_url, {"sv-kvittera": recent})
    assert not page.locator("[data-lc-stale]").is_visible()
    assert page.locator("#lc-slutenvard-sv-kvittera").is_checked()


@pytest.mark.parametrize("ages,text", [
    # A clock that is or was wrong: a tick whose time has not come is no fresher than an old one.
    ((365 * 24,), "Bockarna har en tid som inte har kommit än ("),
    # One tick from this shift beside one from a year ago: the old one is not shown as done without a question.
    ((-1, -365 * 24), "Några av bockarna är från "),
], ids=["ahead-of-the-clock", "mixed-ages"])
def test_ticks_from_the_future_or_beside_old_ones_are_asked_about(watched, base_url, ages, text):
    page = watched.page
    page.goto(base_url + "slutenvard/")
    stamps = [page.evaluate(f"() => new Date(Date.now() + {hours} * 3600 * 1000).toISOString()") for hours in ages]
    _store(page, base_url, dict(zip(["sv-kvittera", "sv-kuvert"], stamps)))
    question = page.locator("[data-lc-stale]")
    assert question.is_visible()
    shown = question.locator("[data-lc-stale-text]").inner_text()
    assert shown.startswith(text) and shown.endswith("– börja om?"), shown
    # Another year is said with its year.
    assert re.search(r"\b20\d\d kl\. ", shown), shown
    assert page.locator(".lc-checklist input:checked").count() == 0
    # Kept, a tick from another year says its year beside it too.
    page.get_by_role("button", name="Fortsätt med bockarna").click()
    times = " ".join(page.locator("[data-lc-time]").all_inner_texts())
    assert re.search(r"Klar \d+ [a-zé]+\.? 20\d\d \d\d\.\d\d", times), times
    assert watched.errors == []


@pytest.mark.parametrize("stored,said", [
    ('{"sv-kvittera": "2026-10-19T12:02:00.000Z", "sv-kuvert": 1760000000, "sv-x": "igår"}', "2 sparade bockar gick inte att läsa"),
    ('{"sv-kvittera": "2026-10-19T12:0', "En sparad bock gick inte att läsa"),
], ids=["values", "cut-off"])
def test_stored_ticks_that_cannot_be_read_are_said_when_dropped(watched, base_url, stored, said):
    page = watched.page
    page.goto(base_url + "slutenvard/")
    page.evaluate("([key, value]) => window.localStorage.setItem(key, value)", [KEY, stored])
    page.reload()
    if page.locator("[data-lc-stale]").is_visible():
        page.get_by_role("button", name="Fortsätt med bockarna").click()
    notice = page.locator("[data-lc-notice]").inner_text()
    assert notice.startswith(said) and "har tagits bort" in notice, notice
    # Said once: the next page load finds nothing to drop.
    page.reload()
    assert "gick inte att läsa" not in page.locator("[data-lc-notice]").inner_text()
    assert watched.errors == []


def test_the_binder_prints_as_a_clean_master_with_one_print_button(watched, base_url):
    page = watched.page
    page.goto(base_url + "slutenvard/")
    page.get_by_label("Kontrollera inkomna meddelanden i Lifecare SP").check()
    page.goto(base_url + "nodparm/")
    assert page.locator('[data-module="lc-print-button"]').count() == 1
    assert page.locator(".md-content input[type=checkbox]").count() == 0
    page.emulate_media(media="print")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True))).pages)
    assert "Inskrivning" in text
    assert "Klar " not in text and not re.search(r"\b\d+ av \d+ klara\b", text)
    assert "✓" not in text


ROLES = ["slutenvard", "kommun", "primarvard"]
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"
MM = 96 / 25.4  # CSS pixels per millimetre


def _all_pages(site):
    return sorted(str(p.parent.relative_to(site.site).as_posix()) + "/" for p in site.site.rglob("index.html"))


@pytest.mark.parametrize("role", ROLES)
def test_on_a_phone_the_first_step_and_the_first_number_are_on_the_first_screen(phone, base_url, role):
    phone.goto(base_url + f"{role}/")
    OUTPUT.mkdir(exist_ok=True)
    phone.screenshot(path=str(OUTPUT / f"mobil-{role}.png"))
    first_box = phone.locator(".lc-checklist input[type=checkbox]").first.bounding_box()
    # Whom to call first: its number, or (for the municipalities' own IT support, which the routine gives no
    # number for) the words saying so, on the first screen.
    first_contact = phone.locator(".lc-checklist__phase--first .lc-checklist__contact").first
    assert first_box["y"] + first_box["height"] <= PHONE["height"]
    contact_box = first_contact.bounding_box()
    assert contact_box["y"] + contact_box["height"] <= PHONE["height"]
    if role != "kommun":
        first_number = first_contact.locator("a[href^='tel:']").first.bounding_box()
        assert first_number["y"] + first_number["height"] <= PHONE["height"]
    assert phone.locator(".lc-checklist__phase--first").get_by_text("Gör först").is_visible()
    # The reset control comes after the list, not above it.
    last_box = phone.locator(".lc-checklist input[type=checkbox]").last.bounding_box()
    assert phone.get_by_role("button", name="Rensa checklistan").bounding_box()["y"] > last_box["y"]


def test_the_draft_banner_is_one_line_on_a_phone_and_whole_on_paper(phone, base_url):
    phone.goto(base_url + "kommun/")
    banner = phone.locator(".lc-banner")
    assert banner.bounding_box()["height"] <= 48
    assert not phone.locator(".lc-banner__detail").is_visible()
    assert phone.locator(".lc-banner").get_by_role("link", name="Om rutinen").is_visible()
    phone.emulate_media(media="print")
    assert phone.locator(".lc-banner__detail").is_visible()
    assert not phone.locator(".lc-banner__more").is_visible()


def test_no_page_scrolls_sideways_at_320_px(browser, base_url, site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in _all_pages(site):
        page.goto(base_url + path)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320, path
    # Wide tables scroll inside a box that the keyboard can reach and that has a name.
    page.goto(base_url + "i-drift-igen/")
    box = page.locator(".lc-table-scroll").first
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    context.close()


def test_numbers_and_helper_choices_are_44_px_targets_on_a_phone(phone, base_url):
    phone.goto(base_url + "telefonnummer/")
    heights = [link.bounding_box()["height"] for link in phone.locator(".md-content a.lc-phone").all()]
    assert len(heights) >= 9 and min(heights) >= 44
    phone.goto(base_url + "i-drift-igen/")
    labels = [label.bounding_box()["height"] for label in phone.locator(".lc-registration-helper__choice label").all()]
    assert len(labels) == 7 and min(labels) >= 44


def _pages_printed(page):
    page.emulate_media(media="print")
    return len(PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True))).pages)


def test_the_phone_directory_prints_on_one_readable_page(watched, base_url):
    page = watched.page
    page.goto(base_url + "telefonnummer/")
    assert _pages_printed(page) == 1
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.lc-table td')).fontSize)")
    assert size >= 8 * 96 / 72  # at least 8 pt


def test_register_blanketter_have_room_to_write_by_hand(browser, base_url):
    # The printable width of an A4 page with the site's 14 mm margins.
    context = browser.new_context(viewport={"width": round(182 * MM), "height": round(269 * MM)})
    page = context.new_page()
    page.goto(base_url + "blanketter/slutenvard/")
    page.emulate_media(media="print")
    headers = page.locator(".lc-form__table--register th")
    widths = {h.inner_text(): h.bounding_box()["width"] / MM for h in headers.all()}
    assert widths["Kommentar – namnet på den du haft kontakt med"] >= 50
    assert widths["L/M"] <= 15
    # Every line to write on is at least 8 mm high, and the blankett's text at least 10 pt.
    rows = [row.bounding_box()["height"] / MM for row in page.locator(".lc-form__table tbody tr").all()]
    assert rows and min(rows) >= 8
    sizes = page.evaluate("""() => [...document.querySelectorAll('.lc-form *')]
        .filter(e => e.offsetParent !== null && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes and min(sizes) >= 10 * 96 / 72 - 0.01
    page.goto(base_url + "blanketter/sip/")
    page.emulate_media(media="print")
    lines = [line.bounding_box()["height"] / MM for line in page.locator(".lc-form__line").all()]
    assert lines and min(lines) >= 7.9
    context.close()


def _search(page, base_url, query):
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item a")
    # The results update as each letter arrives: read them until two reads in a row agree.
    previous = None
    for _ in range(40):
        current = [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]
        if current and current == previous:
            return current
        previous = current
        page.wait_for_timeout(150)
    return previous


def test_search_goes_to_the_source(watched, base_url):
    page = watched.page
    results = _search(page, base_url, "Sollefteå")
    assert "telefonnummer/" in results[0]
    for query in ("Sollefteå", "utskrivning"):
        results = _search(page, base_url, query)
        assert not [r for r in results if "nodparm" in r or "checklistor" in r], (query, results)


def test_without_javascript_no_text_points_to_the_hidden_helper(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "i-drift-igen/")
    assert not page.get_by_text("så visas vad som ska registreras").is_visible()
    context.close()


def test_the_helper_choices_carry_no_autocomplete_attribute(site):
    html = site.page("i-drift-igen/index.html")
    radios = re.findall(r'<input type="radio"[^>]*>', html)
    assert len(radios) == 7 and not [r for r in radios if "autocomplete" in r]


def test_the_binder_lists_nest_properly(site):
    from html.parser import HTMLParser

    class Nesting(HTMLParser):
        def __init__(self):
            super().__init__()
            self.open, self.wrong = [], []

        def handle_starttag(self, tag, attrs):
            if tag in ("ul", "ol", "li", "div", "section", "table", "td", "tr"):
                self.open.append(tag)

        def handle_endtag(self, tag):
            if tag in ("ul", "ol", "li", "div", "section", "table", "td", "tr"):
                if self.open and self.open[-1] == tag:
                    self.open.pop()
                else:
                    self.wrong.append((tag, self.getpos()))

    checker = Nesting()
    checker.feed(site.page("nodparm/index.html"))
    assert checker.wrong == []


CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1000);
})"""


@pytest.mark.parametrize("role", ROLES)
def test_nothing_moves_after_the_page_has_loaded(phone, base_url, role):
    phone.goto(base_url + f"{role}/")
    assert phone.evaluate(CLS) == 0
    phone.locator(".lc-checklist input[type=checkbox]").first.check()
    phone.reload()
    assert phone.evaluate(CLS) == 0


def test_no_style_element_inside_the_page_content(site):
    for path in _all_pages(site):
        html = site.page(path + "index.html")
        article = html[html.find("<article"):html.find("</article>")]
        assert "<style" not in article, path


@pytest.mark.parametrize("role,forms", [("slutenvard", ["slutenvard", "kuvertetikett"]), ("kommun", ["kommun"]),
                                        ("primarvard", ["primarvard", "sip"])])
def test_role_pages_link_their_blanketter_where_the_items_mention_them(watched, base_url, role, forms):
    page = watched.page
    page.goto(base_url + f"{role}/")
    links = page.locator(".lc-checklist a.lc-item__form")
    found = {a.get_attribute("href"): a.inner_text() for a in links.all()}
    assert {f"../blanketter/{form}/" for form in forms} == set(found), found
    assert all(text.startswith("Skriv ut blanketten: ") for text in found.values())
    first = links.first
    first.click()
    page.get_by_role("button", name=re.compile("Skriv ut (blanketten|etiketten)")).wait_for(state="visible", timeout=5000)
