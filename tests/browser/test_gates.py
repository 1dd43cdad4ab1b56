"""Site-wide gates: WCAG 2.1 AA on every page, keyboard-only use, privacy, and the binder."""
import io
import re

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from tests.browser.conftest import WCAG_21_AA, Watched
from tests.conftest import ROOT


def _pages(site):
    return sorted(p.relative_to(site.site).as_posix() for p in site.site.rglob("*.html"))


def test_every_page_has_no_wcag_21_aa_violations(site, watched, base_url):
    pages = _pages(site)
    assert len(pages) == len(list((ROOT / "docs").rglob("*.md"))) + 1  # every page, and the 404 page
    failures = {}
    for path in pages:
        watched.page.goto(base_url + path)
        results = Axe().run(watched.page, options=WCAG_21_AA)
        if results.violations_count:
            failures[path] = results.generate_report()
    assert failures == {}


def test_the_open_search_dialog_is_named_and_has_no_violations(watched, base_url):
    page = watched.page
    page.goto(base_url + "kommun/")
    page.locator(".md-search__input").click()
    page.keyboard.type("biståndshandläggare")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.get_by_role("dialog", name="Sök").count() == 1
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    assert [v["id"] for v in results.response["violations"] if v["id"] == "aria-dialog-name"] == []
    assert Axe().run(page, options=WCAG_21_AA).violations_count == 0


def test_the_navigation_drawer_on_a_phone_has_no_violations(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "slutenvard/")
    page.locator('.md-header label[for="__drawer"]').click()
    page.locator(".md-nav--primary").first.wait_for(state="visible")
    assert Axe().run(page, options=WCAG_21_AA).violations_count == 0
    context.close()


def _tab_to(page, selector, key="Tab", limit=250):
    """Press Tab (or Shift+Tab) until `selector` has focus; fails if it is never reached."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never got keyboard focus")


def _focus_is_visible(page):
    return page.evaluate("""() => {
        const style = getComputedStyle(document.activeElement);
        return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    }""")


@pytest.mark.parametrize("role,item", [("slutenvard", "sv-kvittera"), ("kommun", "kvittera-alla"), ("primarvard", "kvittera-alla")])
def test_each_checklist_is_used_with_the_keyboard_alone(watched, base_url, role, item):
    page = watched.page
    page.goto(base_url + f"{role}/")
    box = f"#lc-{role}-{item}"
    _tab_to(page, box)
    assert _focus_is_visible(page)
    page.keyboard.press("Space")
    assert page.locator(box).is_checked()
    page.once("dialog", lambda dialog: dialog.accept())
    _tab_to(page, "[data-lc-reset]", key="Shift+Tab")  # the reset button comes before the list
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    assert not page.locator(box).is_checked()


def test_the_helper_is_used_with_the_keyboard_alone(watched, base_url):
    page = watched.page
    page.goto(base_url + "i-drift-igen/")
    _tab_to(page, 'input[name="lc-registration-helper-roll"]')
    assert _focus_is_visible(page)
    page.keyboard.press("ArrowRight")  # moves to and selects "Kommunal vård och omsorg"
    _tab_to(page, 'input[name="lc-registration-helper-admitted"]')
    page.keyboard.press("Space")
    _tab_to(page, 'input[name="lc-registration-helper-discharged"]')
    page.keyboard.press("ArrowRight")
    verdict = page.locator("[data-lc-verdict]").inner_text()
    assert "skrevs in men inte ut under driftstoppet: Ja." in verdict
    assert page.locator("#lc-registration-helper-roll-kommun").is_checked()


@pytest.mark.parametrize("path,label", [("blanketter/sip/", "Skriv ut blanketten"), ("nodparm/", "Skriv ut nödpärmen")])
def test_print_buttons_work_from_the_keyboard(watched, base_url, path, label):
    page = watched.page
    page.goto(base_url + path)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    _tab_to(page, '[data-module="lc-print-button"]')
    assert page.evaluate("() => document.activeElement.textContent.trim()") == label
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.__printed") == 1


def test_no_page_requests_another_host_or_sets_a_cookie(site, context, base_url):
    watched = Watched(context.new_page())
    for path in _pages(site):
        watched.page.goto(base_url + path)
        watched.page.wait_for_load_state("networkidle")
    assert len(watched.requests) > 50
    assert watched.foreign_requests(base_url) == []
    assert context.cookies() == []


def test_the_binder_prints_every_section_from_a_new_page(watched, base_url):
    page = watched.page
    page.goto(base_url + "nodparm/")
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Skriv ut nödpärmen").is_visible()
    sections = [h.inner_text() for h in page.locator(".lc-binder__section > h2").all()]
    forms = [f["title"] for f in yaml.safe_load((ROOT / "data" / "forms.yml").read_text(encoding="utf-8"))["forms"]]
    roles = [r["title"] for r in yaml.safe_load((ROOT / "data" / "checklists.yml").read_text(encoding="utf-8"))["roles"]]
    assert sections[:2] == ["Telefonnummer", "Rutinen: gemensamt för alla"]
    assert set(forms) <= set(sections)
    assert {f"Checklista: {role}" for role in roles} <= set(sections)
    assert "Beslutstabeller" in sections

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    firsts = []
    for printed in pdf.pages:
        lines = [line.strip() for line in printed.extract_text().splitlines() if line.strip()]
        body = [line for line in lines if not re.search(r"Utskriven:|· version ", line)]
        firsts.append(body[0] if body else "")
        assert any("version 1.0" in line for line in lines), "every printed page names the version"
    for section in sections:
        assert section in firsts, f"{section} does not start a printed page"
