"""The offline pack: opened as files in Chromium, it works and asks for nothing outside its folder."""
import re

import pytest
import yaml

from tests.browser.conftest import Watched
from tests.conftest import ROOT


def _outside(watched, folder):
    return [url for url in watched.requests if not url.startswith(folder.as_uri() + "/") and not url.startswith("data:")]


def test_the_pack_is_named_after_the_routine_version(offline_pack):
    version = yaml.safe_load((ROOT / "data" / "document.yml").read_text(encoding="utf-8"))["version"]
    assert offline_pack.name == f"avbrottsrutin-lifecare-sp-{version}"
    assert (offline_pack / "assets" / "vendor" / "iframe-worker" / "LICENSE").is_file()
    assert not list(offline_pack.rglob("*.map"))


def test_no_page_of_the_pack_names_a_cdn(offline_pack):
    for page in offline_pack.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<script[^>]+src="(https?:)?//', html), page
        assert "unpkg.com" not in html, page


def test_start_page_role_page_and_checklist_work_from_files(context, offline_pack):
    watched = Watched(context.new_page())
    page = watched.page
    page.goto((offline_pack / "index.html").as_uri())
    page.get_by_role("link", name="Slutenvård").first.click()
    assert page.url.endswith("/slutenvard.html")
    assert page.locator("h1").inner_text() == "Slutenvård"
    page.get_by_label("Kontrollera inkomna meddelanden i Lifecare SP").check()
    page.reload()
    assert page.get_by_label("Kontrollera inkomna meddelanden i Lifecare SP").is_checked()
    assert watched.errors == []
    assert _outside(watched, offline_pack) == []


@pytest.mark.parametrize("word,expected_page", [("utskrivningsmeddelande", "slutenvard.html"), ("Sollefteå", "telefonnummer.html")])
def test_search_in_swedish_works_from_files(context, offline_pack, word, expected_page):
    watched = Watched(context.new_page())
    page = watched.page
    page.goto((offline_pack / "kommun.html").as_uri())
    page.locator(".md-search__input").click()
    page.keyboard.type(word)
    # The results are drawn again as the word is typed: wait for the expected one, then read them all at once.
    page.wait_for_function("page => [...document.querySelectorAll('.md-search-result__link')]"
                           ".some(a => (a.getAttribute('href') || '').includes(page))", arg=expected_page)
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.getAttribute('href'))")
    assert any(expected_page in (link or "") for link in links), links
    assert watched.errors == []
    assert _outside(watched, offline_pack) == []


def test_every_page_of_the_pack_requests_nothing_outside_it_and_sets_no_cookie(context, offline_pack):
    watched = Watched(context.new_page())
    pages = sorted(offline_pack.rglob("*.html"))
    assert len(pages) >= 17
    for path in pages:
        watched.page.goto(path.as_uri())
    assert _outside(watched, offline_pack) == []
    assert context.cookies() == []
