"""A strict Content-Security-Policy on every page, and nothing on any page that it refuses."""
import datetime
import io
import re

from pypdf import PdfReader

from lifecare_site import csp

# Every violation, as the browser reports it, from the first script on.
_LISTEN = """document.addEventListener("securitypolicyviolation", function (e) {
  console.log("LC-CSP " + e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});"""


def _watch(page):
    violations = []
    page.on("console", lambda msg: msg.text.startswith("LC-CSP") and violations.append(msg.text))
    page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
    page.add_init_script(_LISTEN)
    return violations


def test_every_page_carries_a_strict_policy(site):
    for path in sorted(site.site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert meta, path
        policy = meta.group(1)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "unsafe-hashes" not in policy
        for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"):
            assert directive in policy, (path, directive)
        # Before any script or style, so it governs them all.
        assert html.index("Content-Security-Policy") < min(html.index(tag) for tag in ("<script", "<link") if tag in html)
        assert csp.problems(html) == [], path


def test_every_page_loads_without_a_violation(site, context, base_url):
    page = context.new_page()
    violations = _watch(page)
    for path in sorted(p.relative_to(site.site).as_posix() for p in site.site.rglob("*.html")):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="screen")
    assert violations == []


def tick_search_and_answer(page, base_url):
    """A box ticked (and still ticked after a reload), a search, and the helper answered: the site in use."""
    page.goto(base_url + "kommun/")
    box = page.locator(".lc-checklist__item input[type=checkbox]").first
    box.check()
    page.reload()
    assert box.is_checked()
    page.locator(".md-search__input").click()
    page.keyboard.type("biståndshandläggare")
    page.locator(".md-search-result__item").first.wait_for()
    page.goto(base_url + "i-drift-igen/")
    page.locator("#lc-registration-helper-roll-kommun").check()
    page.locator("#lc-registration-helper-admitted-ja").check()
    page.locator("#lc-registration-helper-discharged-nej").check()
    assert page.locator("[data-lc-answer] [data-lc-verdict]").inner_text().strip()


def test_ticking_answering_searching_and_printing_cause_no_violation(context, base_url):
    page = context.new_page()
    violations = _watch(page)
    tick_search_and_answer(page, base_url)
    page.goto(base_url + "blanketter/kommun/")
    text = re.sub(r"\s+", " ", PdfReader(io.BytesIO(page.pdf(format="A4"))).pages[0].extract_text())
    # The print date in the running footer is added through the CSSOM, which the policy allows.
    today = datetime.date.today().isoformat()
    assert f"Utskriven: {today}" in text
    assert violations == []


def test_the_watch_sees_a_violation(context, base_url):
    # Control: a page whose policy leaves out one inline script is reported.
    page = context.new_page()
    violations = _watch(page)
    page.goto(base_url + "kommun/")
    page.set_content(csp.add_policy("<html><head><meta charset=\"utf-8\"></head><body><p>x</p></body></html>")
                     .replace("<p>x</p>", "<p>x</p><script>document.title='y'</script>"))
    page.wait_for_timeout(200)
    assert violations


def test_the_offline_pack_carries_the_policy_and_searches_without_a_violation(context, offline_pack):
    page = context.new_page()
    violations = _watch(page)
    for path in sorted(offline_pack.rglob("*.html")):
        assert 'http-equiv="Content-Security-Policy"' in path.read_text(encoding="utf-8"), path
    # A page in a folder too: the search worker's address, and so the shim's script, differs with the depth.
    for start in ("kommun.html", "blanketter/kommun.html"):
        page.goto((offline_pack / start).as_uri())
        page.locator(".md-search__input").click()
        page.keyboard.type("Timrå")
        page.locator(".md-search-result__item").first.wait_for()
    assert violations == []
