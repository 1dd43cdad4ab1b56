"""SITE_URL, set by IT, is printed on every blankett and coded into every QR code: checked in Swedish."""
import os
import subprocess
import sys

import pytest

from lifecare_site import siteurl
from tests.conftest import ROOT, build
from tests.data import ENGLISH

BAD = {
    "https://vardgivarwebben.example.se/lifecare?x=1": "fråga",
    "https://vardgivarwebben.example.se/lifecare#topp": "#-tillägg",
    "https://vardgivarwebben.example.se/life care/": "mellanslag",
    'https://vardgivarwebben.example.se/"><script>': "tecknet",
    "vardgivarwebben.example.se/lifecare/": "börjar med https://",
    "ftp://vardgivarwebben.example.se/": "börjar med https://",
    "https://[din-adress]/": "inte en giltig adress",
    "https://[::1/": "inte en giltig adress",
    "https://x.se:99999/": "inte en giltig adress",
    "https://.../": "inget giltigt namn på värddatorn",
    # Pasted from Word or a chat: a hyphen that only looks like one, and a space nobody sees.
    "https://vardgivarwebben.example.se/avbrottsrutin\u2011lifecare/": "tecknet U+2011",
    "https://vardgivarwebben.example.se/lifecare\u200b/": "tecknet U+200B",
    # A page's address instead of the folder's: every blankett would point below it.
    "https://www.rvn.se/avbrott/index.html": 'slutar med filnamnet "index.html"',
    "https://www.rvn.se/avbrott/index.html/": 'slutar med filnamnet "index.html"',
    # Two addresses joined by hand: every blankett and QR code would carry the double slash.
    "https://vardgivarwebben.example.se//avbrottsrutin-lifecare-sp/": "två snedstreck i rad",
    "https://vardgivarwebben.example.se/a/../avbrottsrutin-lifecare-sp/": '"." eller ".."',
}


@pytest.mark.parametrize("value,words", BAD.items())
def test_a_wrong_address_is_refused_in_swedish_before_mkdocs(value, words):
    result = subprocess.run([sys.executable, "-m", "lifecare_site.siteurl"], cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, SITE_URL=value))
    assert result.returncode == 1
    assert result.stderr.startswith("Fel: SITE_URL") and words in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["https://vardgivarwebben.example.se/lifecare?x=1",
                                   'https://vardgivarwebben.example.se/a"b/'])
def test_an_address_mkdocs_accepts_but_a_blankett_cannot_carry_stops_the_build_in_swedish(project, value):
    result = build(project, site_url=value)
    assert result.returncode != 0
    assert "SITE_URL" in result.output and "Skriv till exempel SITE_URL=" in result.output
    above = result.output.split("Aborted with a BuildError!")[-1]
    assert not any(word in above for word in ENGLISH)
    assert not (result.site / "index.html").exists()


def test_good_addresses_pass():
    for value in ("", "https://vardgivarwebben.rvn.se/avbrottsrutin-lifecare-sp/", "http://intranat.rvn.se/lifecare",
                  "https://vardgivarwebben.rvn.se/v1.2/"):
        assert siteurl.problem(value) is None, value


def test_the_own_computers_address_is_built_with_a_warning_not_to_publish(project):
    result = build(project, "-q", site_url="http://127.0.0.1:8000/avbrottsrutin-lifecare-sp/")
    assert result.returncode == 0, result.output
    assert "OBS" in result.output and "SITE_URL är den egna datorns adress" in result.output


def test_an_address_written_into_mkdocs_yml_is_named_there_not_as_site_url(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "site_url: !ENV SITE_URL" in text
    config.write_text(text.replace("site_url: !ENV SITE_URL", "site_url: https://vardgivarwebben.example.se/x?y=1"),
                      encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert ('mkdocs.yml: site_url i mkdocs.yml "https://vardgivarwebben.example.se/x/?y=1" har en fråga' in result.output
            and "site_url: !ENV SITE_URL" in result.output), result.output
    assert "Skriv till exempel SITE_URL=" not in result.output
