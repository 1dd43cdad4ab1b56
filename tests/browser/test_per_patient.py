"""One patient, one sheet; one role, one list: the blanketter and checklists in a real browser, on a ward PC,
on a 390 px phone and without JavaScript."""
import re

import pytest
import yaml

from tests.browser.conftest import PHONE
from tests.conftest import ROOT

ROLES = ["slutenvard", "kommun", "primarvard"]
REGISTER_FORMS = ["slutenvard", "kommun", "primarvard"]
DESKTOP = {"width": 1366, "height": 768}
# A box is for something the role does: never a prohibition, a rule or something that is not needed.
NOT_AN_ACTION = re.compile(r"\b(inte|ej|får inte|behöver inte|ska inte)\b", re.I)


@pytest.mark.parametrize("form", REGISTER_FORMS)
def test_a_registration_blankett_is_for_one_patient_and_asks_the_helpers_questions(watched, base_url, form):
    page = watched.page
    page.goto(base_url + f"blanketter/{form}/")
    patient = page.locator(".lc-form__table--patient")
    assert patient.locator("tbody tr").count() == 1
    assert "Patientens namn" in patient.inner_text() and "Personnummer" in patient.inner_text()
    headers = [h.inner_text() for h in page.locator(".lc-form__table--register thead th").all()]
    assert not any("patient" in h.lower() for h in headers), headers
    page.emulate_media(media="print")
    questions = [q.inner_text() for q in page.locator(".lc-form__question").all()]
    assert [q.split("?")[0] for q in questions] == ["Skrevs patienten in under driftstoppet",
                                                    "Skrevs patienten ut under driftstoppet"]
    assert all(page.locator(".lc-form__question").nth(i).locator(".lc-form__box").count() == 2 for i in range(2))
    assert page.locator(".lc-form__done").is_visible()


@pytest.mark.parametrize("role", ROLES)
def test_boxes_are_only_for_what_the_role_does_and_no_phase_repeats_the_first_step(watched, base_url, role):
    page = watched.page
    page.goto(base_url + f"{role}/")
    labels = [label.inner_text() for label in page.locator(".lc-checklist__label").all()]
    assert labels
    assert [label for label in labels if NOT_AN_ACTION.search(label)] == []
    phases = page.locator("[data-lc-phase]")
    assert phases.first.locator(".lc-checklist__title--first").inner_text() == "Gör först"
    first = {step.get_attribute("data-lc-step") for step in phases.first.locator("[data-lc-step]").all()}
    later = [step.get_attribute("data-lc-step") for step in page.locator("[data-lc-phase]:not(.lc-checklist__phase--first) [data-lc-step]").all()]
    assert first and not first & set(later)
    for count in [phases.nth(i).locator("input[type=checkbox]").count() for i in range(phases.count())]:
        assert count <= 9


@pytest.mark.parametrize("role", ROLES)
def test_the_helper_is_reached_from_the_role_page_and_starts_over_for_the_next_patient(watched, base_url, role):
    page = watched.page
    page.goto(base_url + f"{role}/")
    page.locator(f"#lc-{role}-efter").locator("xpath=..").get_by_role("link", name=re.compile("Ska patienten efterregistreras")).click()
    assert page.url.endswith("/i-drift-igen/")
    page.locator(f"#lc-registration-helper-roll-{role}").check()
    page.locator("#lc-registration-helper-admitted-ja").check()
    page.locator("#lc-registration-helper-discharged-nej").check()
    assert page.locator("[data-lc-verdict]").inner_text().startswith("Patient som skrevs in men inte ut under driftstoppet: Ja.")
    page.get_by_role("button", name="Ny patient").click()
    assert not page.locator("#lc-registration-helper-admitted-ja").is_checked()
    assert not page.locator("#lc-registration-helper-discharged-nej").is_checked()
    assert page.locator("[data-lc-verdict]").count() == 0
    stored = page.evaluate("() => JSON.stringify([{...localStorage}, {...sessionStorage}])")
    assert "helper" not in stored and "ja" not in stored.lower().replace("javascript", "")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366x768", "390x844"])
def test_focus_moved_back_with_shift_tab_is_never_under_the_header(browser, base_url, viewport):
    # Without smooth scrolling, so each position is read where the browser leaves it.
    context = browser.new_context(viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    page.goto(base_url + "slutenvard/")
    header = page.locator(".md-header").bounding_box()
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.locator("[data-lc-reset], .lc-print-button button").last.focus()
    hidden = []
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        box = page.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
                                        return {top: r.top, height: r.height, tag: document.activeElement.tagName}; }""")
        if box["height"] and box["top"] < header["y"] + header["height"]:
            hidden.append(box)
    context.close()
    assert hidden == []


@pytest.mark.parametrize("role", ROLES)
def test_the_table_of_contents_lists_every_section_of_the_role_page(watched, base_url, role):
    page = watched.page
    page.goto(base_url + f"{role}/")
    headings = [(h.get_attribute("id"), h.inner_text().strip()) for h in page.locator("article h2").all()]
    toc = page.locator('.md-sidebar--secondary [data-md-component="toc"] > li > a')
    entries = [(a.get_attribute("href").lstrip("#"), a.inner_text().strip()) for a in toc.all()]
    assert [h[0] for h in headings] == [e[0] for e in entries]
    assert [h[1] for h in headings] == [e[1] for e in entries]
    assert len(entries) >= 4


def test_on_a_phone_no_number_wraps_and_no_space_stands_before_a_full_stop(phone, base_url):
    for path in ["slutenvard/", "kommun/", "primarvard/", "telefonnummer/", "gemensamt/", "index.html"]:
        phone.goto(base_url + path)
        lines = phone.evaluate("() => [...document.querySelectorAll('.lc-phone')].map(a => a.getClientRects().length)")
        assert lines and set(lines) == {1}, path
        text = phone.locator("article").inner_text()
        assert not re.search(r"\d \.", text), (path, re.search(r".{20}\d \..{10}", text))
    # The theme's "Tillbaka till toppen" button, which floated over the text, is not used.
    phone.goto(base_url + "nodparm/")
    phone.mouse.wheel(0, 3000)
    phone.mouse.wheel(0, -600)
    assert phone.get_by_role("button", name="Tillbaka till toppen").count() == 0


def test_on_a_phone_the_step_text_keeps_the_whole_width(phone, base_url):
    phone.goto(base_url + "slutenvard/")
    item = phone.locator(".lc-checklist__item").first
    label, box = item.locator(".lc-checklist__label").bounding_box(), item.bounding_box()
    # The label runs to the item's right edge: no column is kept beside it for the time it was ticked.
    assert box["x"] + box["width"] - (label["x"] + label["width"]) < 2


def test_the_whole_role_box_on_the_start_page_is_the_link(phone, base_url):
    phone.goto(base_url)
    role_box = phone.locator(".lc-roles li").nth(1)
    role_box.scroll_into_view_if_needed()
    box = role_box.bounding_box()
    # A point on the box's description, away from the title.
    phone.mouse.click(box["x"] + box["width"] - 8, box["y"] + box["height"] - 8)
    phone.wait_for_url("**/kommun/")


@pytest.mark.parametrize("width", [320, 390])
def test_blankett_tables_never_break_a_word_in_the_middle(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    forms = [form["id"] for form in yaml.safe_load((ROOT / "data" / "forms.yml").read_text(encoding="utf-8"))["forms"]]
    for form in forms:
        page.goto(base_url + f"blanketter/{form}/")
        broken = page.evaluate("""() => {
            const out = [];
            for (const cell of document.querySelectorAll('.lc-form__table th, .lc-form__table td')) {
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    for (const match of node.textContent.matchAll(/\\S+/g)) {
                        const range = document.createRange();
                        range.setStart(node, match.index);
                        range.setEnd(node, match.index + match[0].length);
                        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                        if (tops.size > 1) out.push(match[0]);
                    }
                }
            }
            return out;
        }""")
        assert broken == [], (form, broken)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    context.close()


def test_without_javascript_the_role_page_says_how_to_print_and_that_ticks_are_not_kept(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "slutenvard/")
    # (Playwright's text search skips <noscript>, where the hint stands: find it by its class.)
    hint = page.locator(".lc-print-button .lc-print-button__hint")
    assert hint.is_visible() and hint.inner_text() == "Skriv ut med Ctrl+P (Cmd+P på Mac)."
    assert not page.get_by_role("button", name="Skriv ut checklistan").is_visible()
    assert "bockarna sparas inte" in page.locator(".lc-checklist__nojs").inner_text()
    # No empty room kept for the script's counts.
    heights = page.evaluate("() => [...document.querySelectorAll('.lc-checklist__progress')].map(p => p.getBoundingClientRect().height)")
    assert heights and set(heights) == {0}
    assert page.locator(".lc-checklist__nojs").is_visible()
    context.close()


def test_with_javascript_the_role_page_prints_from_its_button(watched, base_url):
    page = watched.page
    page.goto(base_url + "kommun/")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="Skriv ut checklistan").click()
    assert page.evaluate("() => window.__printed") == 1
    assert not page.locator(".lc-print-button__hint").is_visible()
