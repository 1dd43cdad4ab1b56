"""A second accessibility engine beside axe: IBM's Equal Access rules (npm accessibility-checker-engine, rules
bundled, no network), on every page, failing on any violation in our own markup (the page's content).

What it reports in Material's templates (header, navigation, search) is Material's and listed in the README."""
import base64
import hashlib
import shutil
import subprocess
import tarfile

import pytest

from tests.conftest import ROOT

PACKAGE = "accessibility-checker-engine@4.0.34"
INTEGRITY = "sha512-nGE7j5gI/914QLgt1tFcjM9kCr4EKx3HxctsZE8BobObYmQr+UoYsKdWVLowG4QHCB7G/F0Prr3kTwKENPHrcA=="
FOLDER = ROOT / ".a11y-check"
# One rule we do not follow, on purpose: a table or blankett that may scroll sideways is a focusable region
# (tabindex="0", role="region", a name), so that it can be scrolled from the keyboard (WCAG 2.1.1, axe's
# scrollable-region-focusable). IBM's rule asks every focusable element to be a widget.
ACCEPTED = {("element_tabbable_role_valid", 'role="region" tabindex="0"')}


@pytest.fixture(scope="session")
def ace_js():
    script = FOLDER / "ace.js"
    if not script.is_file():
        if not shutil.which("npm"):
            pytest.skip("npm saknas: den andra tillgänglighetsmotorn hämtas med npm (.ci/run installerar npm)")
        FOLDER.mkdir(exist_ok=True)
        subprocess.run(["npm", "pack", PACKAGE, "--silent", "--pack-destination", str(FOLDER)], check=True,
                       cwd=FOLDER, stdout=subprocess.DEVNULL, timeout=300)
        tarball = next(FOLDER.glob("accessibility-checker-engine-*.tgz"))
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode("ascii")
        assert digest == INTEGRITY, f"{PACKAGE} från npm stämmer inte med kontrollsumman i testet"
        with tarfile.open(tarball) as archive:
            script.write_bytes(archive.extractfile("package/ace.js").read())
        tarball.unlink()
    return script


def _violations(page, ace_js):
    page.add_script_tag(path=str(ace_js))
    return page.evaluate("""async () => {
      const report = await new ace.Checker().check(document, ["IBM_Accessibility"]);
      return report.results.filter(r => r.value[0] === "VIOLATION" && r.value[1] === "FAIL")
        .map(r => ({rule: r.ruleId, path: r.path.dom, snippet: r.snippet, message: r.message}));
    }""")


def _ours(found):
    # Our markup is the page's content (inside the article), where every fragment of ours lands.
    return [v for v in found if "/article[1]" in v["path"]
            and not any(v["rule"] == rule and words in v["snippet"] for rule, words in ACCEPTED)]


def test_no_page_has_a_violation_in_our_markup(site, browser, base_url, ace_js):
    # (The engine is injected as a script of its own: the page's policy would refuse it, so it is bypassed here.)
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    failures = {}
    for path in sorted(p.relative_to(site.site).as_posix() for p in site.site.rglob("*.html")):
        page.goto(base_url + path)
        ours = _ours(_violations(page, ace_js))
        if ours:
            failures[path] = [(v["rule"], v["message"], v["snippet"][:120]) for v in ours]
    context.close()
    assert failures == {}


def test_the_engine_finds_a_violation_we_make(browser, base_url, ace_js):
    # Control: two document-control regions with one name, as "Hela rutinen" once had, are reported.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + "om-rutinen/")
    page.evaluate("""() => { const article = document.querySelector("article");
      for (const i of [1, 2]) { const a = document.createElement("aside"); a.setAttribute("aria-label", "Dokumentinformation");
        a.textContent = "x"; article.appendChild(a); } }""")
    rules = {v["rule"] for v in _ours(_violations(page, ace_js))}
    context.close()
    assert "aria_complementary_label_unique" in rules
