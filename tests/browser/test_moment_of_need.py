"""Built for the moment of need: fresh checklists for each outage, a clean binder, action first on a phone."""
import io
import json
import re

import pytest
from pypdf import PdfReader

KEY = "avbrottsrutin-lifecare-sp:checklista:slutenvard"
OLD = "2026-10-19T12:02:00.000Z"  # 19 okt. kl. 14.02 in Stockholm


def _store(page, base_url, value):
    page.goto(base_url + "slutenvard/")
    page.evaluate("([key, value]) => window.localStorage.setItem(key, value)", [KEY, json.dumps(value)])
    page.reload()


def test_ticks_from_an_earlier_outage_are_not_shown_as_done_but_asked_about(watched, base_url):
    page = watched.page
    _store(page, base_url, {"sv-inskrivning": OLD, "sv-planeringsunderlag": "2026-10-19T11:30:00.000Z"})
    question = page.locator("[data-lc-stale]")
    assert question.is_visible()
    assert question.locator("[data-lc-stale-text]").inner_text() == "Bockarna är från 19 okt. kl. 14.02 – börja om?"
    assert page.locator(".lc-checklist input:checked").count() == 0
    assert page.locator("#lc-slutenvard-sv-inskrivning-tid").inner_text() == ""
    # Nothing is lost by just looking: the old ticks are still stored until the user answers.
    assert json.loads(page.evaluate(f"() => window.localStorage.getItem('{KEY}')"))["sv-inskrivning"] == OLD
    assert watched.errors == []


def test_starting_over_clears_the_old_ticks(watched, base_url):
    page = watched.page
    _store(page, base_url, {"sv-inskrivning": OLD})
    page.get_by_role("button", name="Börja om").click()
    assert not page.locator("[data-lc-stale]").is_visible()
    assert page.locator(".lc-checklist input:checked").count() == 0
    assert page.evaluate(f"() => window.localStorage.getItem('{KEY}')") is None
    page.reload()
    assert not page.locator("[data-lc-stale]").is_visible()


def test_continuing_keeps_the_old_ticks_with_their_date(watched, base_url):
    page = watched.page
    _store(page, base_url, {"sv-inskrivning": OLD})
    page.get_by_role("button", name="Fortsätt med bockarna").click()
    assert not page.locator("[data-lc-stale]").is_visible()
    assert page.locator("#lc-slutenvard-sv-inskrivning").is_checked()
    assert page.locator("#lc-slutenvard-sv-inskrivning-tid").inner_text() == "Klar 19 okt. 14.02"


def test_ticks_from_this_shift_load_without_a_question(watched, base_url):
    page = watched.page
    page.goto(base_url + "slutenvard/")
    recent = page.evaluate("() => new Date(Date.now() - 3 * 3600 * 1000).toISOString()")
    _store(page, base_url, {"sv-inskrivning": recent})
    assert not page.locator("[data-lc-stale]").is_visible()
    assert page.locator("#lc-slutenvard-sv-inskrivning").is_checked()


def test_the_binder_prints_as_a_clean_master_with_one_print_button(watched, base_url):
    page = watched.page
    page.goto(base_url + "slutenvard/")
    page.get_by_label("Inskrivning", exact=True).check()
    page.goto(base_url + "nodparm/")
    assert page.locator('[data-module="lc-print-button"]').count() == 1
    assert page.locator(".md-content input[type=checkbox]").count() == 0
    page.emulate_media(media="print")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True))).pages)
    assert "Inskrivning" in text
    assert "Klar " not in text and not re.search(r"\b\d+ av \d+ klara\b", text)
    assert "✓" not in text
