"""The routine's PDFs: made from the same data, one A4 page per blankett, tagged and in Swedish."""
import os
import re
import subprocess
import sys

import pikepdf
import pytest
from pypdf import PdfReader

from lifecare_site import pdfua

from tests.conftest import SITE_URL, build, copy_project
from tests.htmltext import read

VERSION = "1.0"
BASE = f"avbrottsrutin-lifecare-sp-{VERSION}"
FORMS = ["slutenvard", "kommun", "primarvard", "sip", "kuvertetikett"]


def _make_pdfs(project):
    env = dict(os.environ, SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "scripts.pdf"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "docs" / "pdf"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("pdf") / "project")
    folder = _make_pdfs(project)
    site = build(project, site_url=SITE_URL)
    assert site.returncode == 0, site.output
    return project, folder, site


def _text(path):
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_every_document_is_made_with_the_version_in_its_name(made):
    _, folder, _ = made
    names = sorted(p.name for p in folder.glob("*.pdf"))
    assert names == sorted([f"{BASE}.pdf", f"{BASE}-nodparm.pdf", f"{BASE}-checklistor.pdf"]
                           + [f"{BASE}-blankett-{form}.pdf" for form in FORMS])


@pytest.mark.parametrize("form", FORMS)
def test_each_blankett_is_exactly_one_a4_page(made, form):
    reader = PdfReader(made[1] / f"{BASE}-blankett-{form}.pdf")
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_the_routine_opens_with_its_document_control_and_numbers_its_pages(made):
    reader = PdfReader(made[1] / f"{BASE}.pdf")
    first = reader.pages[0].extract_text()
    for fact in ("Dokumenttyp", "Rutin", "System", "Lifecare SP", "Fastställd av", "Ej beslutad",
                 "2025-10-02", "Version", VERSION, "Utkast – ej fastställd"):
        assert fact in first, fact
    pages = len(reader.pages)
    assert pages > 3
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Sida {number} av {pages}" in text
        assert f"version {VERSION}" in text and "Utkast – ej fastställd" in text  # header on every page
    whole = _text(made[1] / f"{BASE}.pdf")
    # The routine's own order: each heading is found after the one before it.
    order = ["Omfattning", "Bakgrund", "Syfte", "Ansvar och befogenheter", "Genomförande vid driftstopp",
             "Slutenvårdens ansvar vid driftstopp i Lifecare SP", "Kommunens ansvar vid driftstopp i Lifecare SP",
             "Öppenvårdens/primärvårdens ansvar vid driftstopp", "När Lifecare SP är i drift igen",
             "Viktiga telefonnummer vid driftstopp"]
    position = 0
    for heading in order:
        position = whole.index(heading, position) + 1
    # (Made from a copy without git history, so the date is said to be unknown.)
    assert re.search(r"Telefonlistan ändrad \d{4}-\d{2}-\d{2}|Telefonlistan: ändringsdatum okänt", whole)
    # Printed later from the file: the date of printing is left to be written in by hand.
    assert "Utskriven: ____" in whole and not re.search(r"Utskriven: ?\d", whole)


@pytest.mark.parametrize("name", [f"{BASE}.pdf", f"{BASE}-nodparm.pdf", f"{BASE}-blankett-sip.pdf"])
def test_the_pdfs_are_tagged_swedish_titled_and_embed_their_fonts(made, name):
    reader = PdfReader(made[1] / name)
    root = reader.trailer["/Root"]
    assert root.get("/Lang") == "sv"
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "Avbrottsrutin Lifecare SP" in reader.metadata.title or "Lifecare" in reader.metadata.title
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
            assert any(key.startswith("/FontFile") for key in descriptor.get_object()), font.get("/BaseFont")


def _structure_types(path):
    reader = PdfReader(path)
    roles = set()

    def walk(node, depth=0):
        node = node.get_object()
        if isinstance(node, dict):
            if "/S" in node:
                roles.add(str(node["/S"]))
            kids = node.get("/K")
            if kids is not None and depth < 60:
                for kid in (kids if isinstance(kids, list) else [kids]):
                    walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return roles


def test_the_structure_has_headings_and_tables(made):
    # The routine is text and lists under headings; the blanketter and the binder are tables.
    assert {"/H1", "/H2", "/P", "/L", "/LI"} <= _structure_types(made[1] / f"{BASE}.pdf")
    # (Chromium tags no TD for an empty cell, and a blankett's cells are empty: the PDF/UA work mends that.)
    assert {"/H1", "/Table", "/TH", "/P"} <= _structure_types(made[1] / f"{BASE}-blankett-slutenvard.pdf")
    assert {"/H1", "/H2", "/Table", "/TH", "/TD"} <= _structure_types(made[1] / f"{BASE}-nodparm.pdf")


def test_once_the_pdfs_are_published_the_statement_describes_them(made):
    text = read(made[2].page("tillganglighet/index.html"))[0]
    assert "Redogörelsen omfattar också PDF-filerna" in text and "PDF/UA" in text


def test_every_phone_number_of_the_routine_is_text_in_the_routine_pdf(made):
    whole = _text(made[1] / f"{BASE}.pdf")
    for number in ["0660-890 70", "0611-800 00", "0611-34 80 00", "0612-800 00", "0620-68 20 00", "060-19 10 00",
                   "060-16 31 00", "0690-25 01 00", "0660-880 00"]:
        assert number in whole, number


def test_the_pages_link_the_pdfs_and_the_files_exist(made):
    _, _, site = made
    for page in ["om-rutinen/index.html", "rutinen/index.html", "nodparm/index.html", "checklistor/index.html"] + \
            [f"blanketter/{form}/index.html" for form in FORMS]:
        links = re.findall(r'<a class="lc-pdf__link" href="([^"]+)"', site.page(page))
        assert len(links) == 1, page
        target = (site.site / page).parent / links[0]
        assert target.resolve().is_file(), (page, links[0])
    assert "PDF-filerna" not in site.output  # current: the build says nothing about them


def test_a_changed_number_is_in_the_next_pdfs_and_the_build_says_when_they_are_old(made, tmp_path):
    project = copy_project(tmp_path / "project")
    contacts = project / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("phone: 060-16 31 00", "phone: 060-16 32 00"),
                        encoding="utf-8")
    stale = build(project, site_url=SITE_URL)
    assert "PDF-filerna saknas i docs/pdf/" in stale.output
    folder = _make_pdfs(project)
    whole = _text(folder / f"{BASE}.pdf")
    assert "060-16 32 00" in whole and "060-16 31 00" not in whole
    assert "060-16 32 00" in _text(folder / f"{BASE}-nodparm.pdf")
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("060-16 32 00", "060-16 33 00"), encoding="utf-8")
    older = build(project, site_url=SITE_URL)
    assert "PDF-filerna i docs/pdf/ är äldre än data" in older.output
    # They may show the old number: not linked from any page, and not published.
    assert not (older.site / "pdf").exists()
    assert not any('class="lc-pdf__link"' in p.read_text(encoding="utf-8") for p in older.site.rglob("*.html"))
    assert "publiceras inte" in older.output


# --- PDF/UA-1: page-validation finds nothing, and each point Chromium leaves out is checked with pikepdf on its
# own (lifecare_site/pdfua.py adds them).
page_validation = pytest.importorskip("page", reason="page-validation saknas (requirements.txt)")

# The structure types of PDF 1.7 (ISO 32000-1, 14.8.4).
STANDARD = {"/Document", "/Part", "/Art", "/Sect", "/Div", "/BlockQuote", "/Caption", "/TOC", "/TOCI", "/Index",
            "/NonStruct", "/Private", "/P", "/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/L", "/LI", "/Lbl",
            "/LBody", "/Table", "/TR", "/TH", "/TD", "/THead", "/TBody", "/TFoot", "/Span", "/Quote", "/Note",
            "/Reference", "/BibEntry", "/Code", "/Link", "/Annot", "/Ruby", "/RB", "/RT", "/RP", "/Warichu", "/WT",
            "/WP", "/Figure", "/Formula", "/Form"}


def _pdfs(made):
    return sorted(made[1].glob("*.pdf"))


def _elements(node):
    kids = node.get("/K")
    for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def test_every_pdf_passes_page_validation(made):
    failures = {}
    for path in _pdfs(made):
        report = page_validation.validate_pdf(str(path), profile="ua1")
        if not report.is_compliant:
            failures[path.name] = [(f.rule_id, f.message) for f in report.failures]
    assert failures == {}


def test_nothing_is_painted_outside_tagged_content_or_an_artifact(made):
    painting = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Tj", "TJ", "'", '"', "Do", "sh", "BI"}
    for path in _pdfs(made):
        with pikepdf.open(path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                depth = 0
                for _, operator in pikepdf.parse_content_stream(page):
                    name = str(operator)
                    depth += name in ("BMC", "BDC")
                    depth -= name == "EMC"
                    assert not (depth == 0 and name in painting), (path.name, number, name)


def test_metadata_title_language_and_the_pdfua_identifier(made):
    for path in _pdfs(made):
        with pikepdf.open(path) as pdf:
            metadata = pdf.open_metadata()
            assert metadata.get("pdfuaid:part") == "1", path.name
            assert metadata.get("dc:title") and "Avbrottsrutin Lifecare SP" in metadata["dc:title"], path.name
            assert str(pdf.Root.Lang).startswith("sv")
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
            assert pdf.Root.MarkInfo.Marked is True


def test_structure_types_lists_links_and_tables(made):
    for path in _pdfs(made):
        with pikepdf.open(path) as pdf:
            root = pdf.Root.StructTreeRoot
            role_map = {str(k): str(v) for k, v in root.get("/RoleMap", {}).items()}
            for element in _elements(root):
                kind = str(element.S)
                assert kind in STANDARD or role_map.get(kind) in STANDARD, (path.name, kind)
                if kind == "/LI":
                    direct = element.get("/K")
                    direct = list(direct) if isinstance(direct, pikepdf.Array) else [direct]
                    assert all(isinstance(k, pikepdf.Dictionary) and k.get("/S") in ("/Lbl", "/LBody") for k in direct), path.name
                if kind == "/Table":
                    rows = [e for e in _elements(element) if e.S == "/TR"]
                    widths = {sum(1 for c in (list(r.K) if isinstance(r.get("/K"), pikepdf.Array) else [r.get("/K")])
                                  if isinstance(c, pikepdf.Dictionary) and c.get("/S") in ("/TH", "/TD")) for r in rows}
                    assert len(widths) <= 1, (path.name, widths)
            for page in pdf.pages:
                for annotation in page.get("/Annots", []):
                    if annotation.get("/Subtype") == "/Link":
                        assert str(annotation.get("/Contents", "")).strip(), path.name


def test_the_qr_code_is_a_figure_with_the_address_as_its_alternative_text(made):
    from tests.conftest import SITE_URL
    with pikepdf.open(made[1] / "avbrottsrutin-lifecare-sp-1.0-blankett-kommun.pdf") as pdf:
        figures = [e for e in _elements(pdf.Root.StructTreeRoot) if e.S == "/Figure"]
        assert [str(f.get("/Alt")) for f in figures] == [f"QR-kod till {SITE_URL}blanketter/kommun/"]


def test_the_role_map_names_only_what_pdf_1_7_lacks():
    assert set(pdfua.ROLE_MAP) & STANDARD == set() and set(pdfua.ROLE_MAP.values()) <= STANDARD
