"""The Content-Security-Policy is made from each finished page; what no hash can allow stops the build."""
import base64
import hashlib

from lifecare_site import csp
from tests.data import build_fails


def test_each_inline_script_and_style_is_allowed_by_its_hash_and_nothing_else():
    html = ('<html><head><meta charset="utf-8"><style media="print">@page{}</style></head><body>'
            '<script>var a=1</script><script src="x.js"></script><script id="__config" type="application/json">{}</script>'
            "</body></html>")
    policy = csp.policy(html)
    digest = "'sha256-" + base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode() + "'"
    assert f"script-src 'self' {digest}" in policy
    assert policy.count("sha256-") == 2  # the script and the style, not the JSON block or the file
    assert "unsafe-inline" not in policy
    once = csp.add_policy(html)
    assert csp.add_policy(once) == once  # made again, not added twice


def test_a_style_or_event_attribute_in_a_page_is_refused_in_swedish(project):
    page = project / "docs" / "om-rutinen.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<p style="color: red" onclick="x()">Obs</p>\n', encoding="utf-8")
    build_fails(project, "docs/om-rutinen.md", "ett style=-attribut", "ett on…=-attribut", "säkerhetspolicy (CSP)")
