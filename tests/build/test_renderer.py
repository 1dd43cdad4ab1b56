"""The renderer (lifecare_site/renderer.py) on its own: the pages' macros as plain methods over the loaded data,
called here without MkDocs, Zensical or mkdocs-macros."""
import inspect
import re
import subprocess
import sys

import pytest
from markupsafe import Markup

from lifecare_site import model
from lifecare_site.errors import DataError
from lifecare_site.renderer import Page, Pdfs, Renderer
from tests.conftest import ROOT, copy_project


@pytest.fixture(scope="module")
def data():
    return model.load_all(ROOT / "data", ROOT / "docs")


def _renderer(data, page=Page("kommun.md", "kommun/"), **kwargs):
    renderer = Renderer(data, site_name="Avbrottsrutin", **kwargs)
    renderer.page = page
    return renderer


def _calls(data):
    """One call of every macro, with ids from the data."""
    role = data.checklists["roles"][0]
    form = data.forms["forms"][0]
    section = data.routine["sections"][0]["id"]
    passage = next(iter(data.units))
    return {"phone": ("servicedesk",), "contact": ("kommuner",), "phone_directory": (), "role_title": (role["id"],),
            "role_applies_to": (role["id"],), "item_text": (model.DISCHARGE_RULE,), "discharge_rule": (),
            "phase_list": (role["id"], role["phases"][0]["id"]), "checklist": (role["id"],), "all_checklists": (),
            "role_links": (), "form_title": (form["id"],), "blankett": (form["id"],), "binder": (), "form_links": (),
            "decision_table": ("kontakter",), "registration_helper": (), "accessibility_statement": (),
            "open_questions": (), "pdf_link": ("rutinen",), "routine_document": (), "routine_section": (section,),
            "routine_text": (passage,), "corrections": (), "additions": (), "document_title": (),
            "document_control": (), "print_button": ("Skriv ut",)}


def test_every_macro_is_a_method_listed_once_and_each_returns_markup(data):
    renderer = _renderer(data)
    public = {name for name, _ in inspect.getmembers(Renderer, inspect.isfunction) if not name.startswith("_")}
    assert set(Renderer.MACROS) == public - {"macros", "page_facts"}
    assert len(Renderer.MACROS) == len(set(Renderer.MACROS))
    calls = _calls(data)
    assert set(calls) == set(Renderer.MACROS)
    for name, args in calls.items():
        out = renderer.macros()[name](*args)
        assert isinstance(out, Markup), name
        # Every macro but the PDF link (no PDFs here) shows something.
        assert str(out).strip() or name == "pdf_link", name


def test_the_renderer_runs_with_no_engine_installed():
    # MkDocs, Zensical and mkdocs-macros made impossible to import: every macro still renders.
    program = f"""
import sys
for engine in ("mkdocs", "zensical", "mkdocs_macros", "material"):
    sys.modules[engine] = None
from pathlib import Path
from lifecare_site import model
from lifecare_site.renderer import Page, Renderer
from tests.build.test_renderer import _calls
data = model.load_all(Path({str(ROOT)!r}) / "data", Path({str(ROOT)!r}) / "docs")
renderer = Renderer(data, site_name="Avbrottsrutin", site_url="https://example.se/rutin/")
renderer.page = Page("nodparm.md", "nodparm/")
sizes = [len(renderer.macros()[name](*args)) for name, args in _calls(data).items()]
facts = renderer.page_facts()
print(sum(sizes), sorted(facts), sorted(m for m, v in sys.modules.items() if v is not None and m.split(".")[0] in ("mkdocs", "zensical", "material")))
"""
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    total, rest = result.stdout.split(" ", 1)
    assert int(total) > 100_000
    assert rest.strip() == "['lc_footer_html', 'lc_header_html', 'lc_owner', 'lc_print_footer_html'] []"


def test_a_contacts_number_comes_from_its_entry_as_a_tel_link(data):
    renderer = _renderer(data)
    entry = data.contact_index["servicedesk"]
    html = str(renderer.phone("servicedesk"))
    assert f'href="{entry["phone_href"]}"' in html and entry["phone_display"] in html
    # A group shows each entry's number, whether or not the group says what to ask for (region does not).
    for group in data.contacts["groups"]:
        shown = str(renderer.contact(group["id"]))
        for member in group["entries"]:
            if "phone_display" in member:
                assert member["phone_display"] in shown, (group["id"], member["id"])


def test_data_text_is_shown_as_text_never_as_markup(tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / "data" / "document.yml"
    source = path.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", source, re.M).group(1)
    # ({{ … }} in a data text is refused before it is rendered: tests/data/test_bad_files.py; one brace is text.)
    path.write_text(source.replace(f"title: {title}", 'title: "<script>x</script> *fet* [länk](x) { 1 }"', 1),
                    encoding="utf-8")
    data = model.load_all(project / "data", project / "docs")
    out = str(_renderer(data).document_title())
    assert "<script>" not in out and "*fet*" not in out and "[länk]" not in out and "{" not in out
    assert out == "&#60;script&#62;x&#60;/script&#62; &#42;fet&#42; &#91;länk&#93;(x) &#123; 1 &#125;"


def test_an_unknown_id_names_the_page_that_asked(data):
    renderer = _renderer(data, Page("blanketter/sip.md", "blanketter/sip/"))
    with pytest.raises(DataError) as error:
        renderer.contact("finns-inte")
    assert str(error.value) == ('docs/blanketter/sip.md: sidan hänvisar till kontakten "finns-inte", som inte finns i '
                                "data/contacts.yml")
    with pytest.raises(DataError, match="routine_text\\(\\) behöver id"):
        renderer.routine_text()


@pytest.mark.parametrize("page, expected", [
    (Page("blanketter/kommun.md", "blanketter/kommun/"), "../../rutinen/#rutin-x"),
    (Page("index.md", ""), "rutinen/#rutin-x"),
    (Page("blanketter/kommun.md", "blanketter/kommun.html", directory_urls=False), "../rutinen.html#rutin-x"),
    (Page("blanketter/kommun.md", "/blanketter/kommun/", links_from_source=True), "../rutinen.md#rutin-x"),
    (Page("index.md", "/", links_from_source=True), "rutinen.md#rutin-x"),
], ids=["mkdocs-folder", "mkdocs-home", "mkdocs-files", "zensical-folder", "zensical-home"])
def test_links_are_written_the_way_each_engine_publishes_raw_html(page, expected):
    assert page.link("rutinen", "rutin-x") == expected


def test_a_checklist_on_pages_at_different_depths_links_from_each(data):
    renderer = _renderer(data)
    role = data.checklists["roles"][0]["id"]
    renderer.page = Page("kommun.md", "kommun/")
    shallow = str(renderer.checklist(role))
    renderer.page = Page("blanketter/kommun.md", "blanketter/kommun/")
    deep = str(renderer.checklist(role))
    assert 'href="../rutinen/' in shallow and 'href="../../rutinen/' not in shallow
    assert 'href="../../rutinen/' in deep


def test_the_address_and_qr_code_are_printed_only_when_it_is_set(data):
    without = str(_renderer(data).blankett("kommun"))
    with_url = str(_renderer(data, site_url="https://example.se/rutin/").blankett("kommun"))
    assert "https://example.se/rutin/blanketter/kommun/" not in without and "data:image/svg+xml" not in without
    assert "https://example.se/rutin/blanketter/kommun/" in with_url and "data:image/svg+xml" in with_url


def test_a_pdf_is_linked_only_when_it_is_there_and_current(data, tmp_path):
    from lifecare_site import pdfs
    documents = tuple(pdfs.documents(data.document["version"], list(data.form_index)))
    (tmp_path / documents[0].file).write_bytes(b"%PDF-1.7\n" + b"x" * 4000)
    current = _renderer(data, pdfs=Pdfs(tmp_path, stale=False))
    assert f'href="../pdf/{documents[0].file}"' in str(current.pdf_link("rutinen"))
    assert str(current.pdf_link("nodparm")) == ""
    assert str(_renderer(data, pdfs=Pdfs(tmp_path, stale=True)).pdf_link("rutinen")) == ""


def test_the_data_is_loaded_once_while_nothing_it_is_made_from_changes(tmp_path):
    # Zensical sets up the macros again for every page; the data is checked and loaded once, and again only when a
    # file it is made from (or the PDFs, the published record, the commit) changes.
    from lifecare_site import prepare
    project = copy_project(tmp_path / "p")
    args = (project, project / "docs", project / "mkdocs.yml", "", [project / "site"])
    first, new = prepare.load_once(*args)
    again, new_again = prepare.load_once(*args)
    assert new and not new_again and again is first
    contacts = project / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("060-19 10 00", "060-19 10 01"), encoding="utf-8")
    changed, new_changed = prepare.load_once(*args)
    assert new_changed and changed is not first
    assert "060-19 10 01" in {entry.get("phone_display") for entry in changed.data.contact_index.values()}
    (project / "site").mkdir()
    (project / "site" / "lc-bockar.json").write_text("{}", encoding="utf-8")
    assert prepare.load_once(*args)[1]


def test_a_contact_reads_as_sentences_without_a_double_full_stop(data):
    # "Eller ring direktnumret till aktuell avdelning/enhet." then "Fråga efter …": one full stop between, not two.
    renderer = _renderer(data)
    for ident in data.contact_index:
        words = re.sub(r"<[^>]+>", "", str(renderer.contact(ident)))
        assert ".." not in words and ". ." not in words, (ident, words)
