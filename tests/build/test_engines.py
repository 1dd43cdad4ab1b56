"""One content layer, two engines: finished HTML reaches the page as Markdown itself keeps it, and Zensical builds
the same site as MkDocs (scripts/parity.py)."""
import markdown
import pytest

from lifecare_site.render import FinishedBlocksExtension, block, relative_url, with_markdown_headings
from scripts import parity

EXTENSIONS = ["attr_list", "md_in_html", "toc"]
CHECKLIST = """<div class="lc-checklist" data-module="lc-checklist" data-lc-storage-key="k:checklista:kommun">
<section class="lc-checklist__phase lc-checklist__phase--first" data-lc-phase aria-labelledby="lc-kommun-a lc-kommun-a-roll">
<h2 class="lc-checklist__title lc-checklist__title--first" id="lc-kommun-a">Gör &#42;först&#42;</h2>
<div id="lc-kommun-a-roll" hidden>Kommun</div>
<ul class="lc-checklist__items">
<li class="lc-checklist__item" data-lc-item data-lc-step="a"><input type="checkbox" id="lc-kommun-a1">
<label for="lc-kommun-a1">Ring &#60;växeln&#62; <a href="../rutinen/#x">Rutinens text</a></label></li>
</ul>
<div class="lc-checklist__rules">
<p>Regel</p>
</div>
</section>
<section class="lc-checklist__phase" data-lc-phase aria-labelledby="lc-kommun-b lc-kommun-b-roll">
<h2 class="lc-checklist__title" id="lc-kommun-b">Efter</h2>
<p>Text</p>
</section>
<div class="lc-checklist__toolbar" data-lc-toolbar hidden>
<button type="button">Rensa</button>
</div>
</div>"""


def _convert(source, fast):
    md = markdown.Markdown(extensions=EXTENSIONS + ([FinishedBlocksExtension()] if fast else []))
    return md.convert(source), md


def _words(html):
    from tests.htmltext import read
    return read(html)[0]


@pytest.mark.parametrize("fast", [True, False], ids=["with-the-fast-path", "markdown-alone"])
def test_a_finished_block_reaches_the_page_as_it_was_written(fast):
    html = '<div class="lc-form" data-x>\n<p>Skriv &#42;inte&#42; här</p>\n\n<table><tr><td>1</td></tr></table>\n</div>'
    out, _ = _convert("# Sida\n\nText före." + block(html) + "Text efter.", fast)
    assert html.replace("\n\n", "\n") in out.replace("\n\n", "\n")
    assert "<p>Text före.</p>" in out and "<p>Text efter.</p>" in out
    assert "lc:html" not in out if fast else "<!-- lc:html -->" in out


@pytest.mark.parametrize("fast", [True, False], ids=["with-the-fast-path", "markdown-alone"])
def test_a_checklists_phase_headings_are_markdown_headings_in_the_table_of_contents(fast):
    out, md = _convert("# Kommun\n" + with_markdown_headings(CHECKLIST), fast)
    assert [(t["id"], t["name"]) for t in md.toc_tokens[0]["children"]] == [("lc-kommun-a", "Gör &#42;först&#42;"),
                                                                          ("lc-kommun-b", "Efter")]
    assert '<h2 class="lc-checklist__title lc-checklist__title--first" id="lc-kommun-a">' in out
    # Nothing lost, nothing added, nothing taken for Markdown: the same words, the same elements in the same order.
    assert _words(out) == "Kommun " + _words(CHECKLIST)
    for marker in ('data-module="lc-checklist"', 'data-lc-storage-key="k:checklista:kommun"', 'id="lc-kommun-a1"',
                   'href="../rutinen/#x"', "&#60;växeln&#62;", 'class="lc-checklist__toolbar"'):
        assert marker in out, marker
    assert out.count("<section") == out.count("</section>") == 2
    assert out.index('id="lc-kommun-a"') < out.index('id="lc-kommun-a1"') < out.index('id="lc-kommun-b"')
    assert "<p><div" not in out and "markdown=" not in out


def test_links_are_relative_to_the_page_whichever_way_the_engine_writes_its_address():
    for page in ("slutenvard/", "/slutenvard/"):
        assert relative_url("blanketter/kommun/", page) == "../blanketter/kommun/"
        assert relative_url("rutinen.html", page.replace("/", "") + ".html") == "rutinen.html"
    assert relative_url("blanketter/sip/", "blanketter/kommun/") == "../sip/"
    assert relative_url("kommun/", ".") == "kommun/"


def _site(folder, pages, extra=()):
    for name, body in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body><nav>Meny</nav><article>{body}</article>"
                        '<div class="md-copyright">Region</div></body></html>', encoding="utf-8")
    for name in extra:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x", encoding="utf-8")
    return folder


def test_the_parity_check_finds_every_kind_of_difference(tmp_path):
    pages = {"index.html": '<h1>Start</h1><a href="kommun/">Kommun</a>', "kommun/index.html": "<p>Ring växeln</p>"}
    ours = _site(tmp_path / "mkdocs", pages, ["assets/stylesheets/lc.min.css", "assets/javascripts/bundle.1.min.js"])
    same = _site(tmp_path / "same", pages, ["assets/stylesheets/lc.min.css", "assets/javascripts/bundle.2.min.js",
                                           "search.json"])
    assert parity.differences(ours, same) == []
    other = _site(tmp_path / "other", {"index.html": '<h1>Start</h1><a href="../kommun/">Kommun</a>',
                                       "kommun/index.html": "<p>Ring växeln nu</p>"},
                  ["fragments/checklist.html", "data/contacts.yml", "slutenvard.md"])
    found = parity.differences(ours, other)
    assert "Zensical publicerar projektets egen fil fragments/checklist.html" in found
    assert "Zensical publicerar projektets egen fil data/contacts.yml" in found
    assert "Zensical publicerar projektets egen fil slutenvard.md" in found
    assert "bara MkDocs publicerar assets/stylesheets/lc.min.css" in found
    assert "index.html: länkarna skiljer sig (kommun/)" in found
    assert any(line.startswith("kommun/index.html: texten skiljer sig") and "Ring växeln nu" in line for line in found)
    # The menu and the theme's own files are not compared; the footer text is.
    footer = _site(tmp_path / "footer", pages, ["assets/stylesheets/lc.min.css"])
    (footer / "index.html").write_text((footer / "index.html").read_text(encoding="utf-8").replace("Region", ""),
                                       encoding="utf-8")
    assert [line for line in parity.differences(ours, footer) if line.startswith("index.html")]


def test_zensical_builds_the_same_site_as_mkdocs(tmp_path):
    try:
        mkdocs_site, zensical_site, said = parity.build_both(tmp_path)
    except parity.Skipped as skipped:
        pytest.skip(str(skipped))
    assert parity.differences(mkdocs_site, zensical_site) == []
    # A strict build, with nothing to warn about.
    assert "No issues found" in said, said
    assert sum(1 for _ in zensical_site.rglob("*.html")) == sum(1 for _ in mkdocs_site.rglob("*.html")) > 15


def test_a_data_error_under_zensical_is_one_swedish_message_without_a_traceback(tmp_path):
    import subprocess
    try:
        command = parity.zensical()
    except parity.Skipped as skipped:
        pytest.skip(str(skipped))
    project = parity.copy_project(tmp_path / "project")
    contacts = project / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("phone: 060-16 31 00", "phone: 060-16 31 0O", 1),
                        encoding="utf-8")
    result = subprocess.run([str(command), "build", "--strict", "--config-file", "mkdocs.yml"], cwd=project,
                            env=parity._environment(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert 'Fel: data/contacts.yml, rad 97, post "timra": telefonnumret "060-16 31 0O" innehåller bokstaven "O"' in result.stderr
    assert "Traceback" not in result.stdout + result.stderr and "RuntimeError" not in result.stderr
    assert result.stderr.count("Fel: ") == 1
