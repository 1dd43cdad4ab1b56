"""The built site: every page of the routine, its numbers, and nothing fetched from elsewhere."""
import json
import re

import pytest
import yaml

from lifecare_site import phones
from tests.conftest import ROOT, SITE_URL, build
from tests.data import edit_data
from tests.htmltext import read

PAGES = {
    "index.html": "Lifecare SP fungerar inte – vad gör jag?",
    "gemensamt/index.html": "Gemensamt för alla vid driftstopp",
    "slutenvard/index.html": "Slutenvård",
    "kommun/index.html": "Kommunal vård och omsorg",
    "primarvard/index.html": "Primärvård/öppenvård",
    "i-drift-igen/index.html": "När Lifecare SP är i drift igen",
    "telefonnummer/index.html": "Telefonnummer vid driftstopp",
    "om-rutinen/index.html": "Om rutinen",
}

# Words as the scan mangled them (Swedish letters lost, and its own typos).
SCAN_ARTEFACTS = [
    "Visternorrland", "Viisternorrland", "Vésternorrland", "Visternorriands", "lénets", "ldnet",
    "géller", "giller", "Faststilld", "Sédkerstilla", "nddvandig", "drendeportal", "Tillimplighet",
    "Tilldmpningen", "Primirvard", "Primérvard", "Oppenvard", "Oppenvérd", "6ppenvard", "Lingre",
    "kriver", "sdrskilt", "underriattade", "sikerstillt", "bistandshandläggare", "bistindshandldggare",
    "hilsocentral", "Slutenvirden", "slutenvérd", "patenten", "Kommunenens", "Akesdotter", "Biicklund",
    "Ornskoldsviks", "Ornskéldsvik", "Hiirnésand", "Timrd", "Solleftea", "vdxeln", "Vixeltelefonnummer",
    "intranditet", "fordréjda", "f6lja", "i1", "pabdorjats", "stodblankett",
]


def _contact_entries():
    data = yaml.safe_load((ROOT / "data" / "contacts.yml").read_text(encoding="utf-8"))
    return [entry for group in data["groups"] for entry in group["entries"]]


def _all_pages(site):
    return sorted(path.relative_to(site.site).as_posix() for path in site.site.rglob("*.html"))


@pytest.mark.parametrize("path,heading", PAGES.items())
def test_each_page_of_the_routine_is_built_with_its_heading(site, path, heading):
    html = site.page(path)
    assert f">{heading}</h1>" in html


def test_every_page_says_the_routine_is_a_draft_and_shows_its_version(site):
    for path in PAGES:
        text, _, _ = read(site.page(path))
        assert "Utkast – ej fastställd" in text, path
        assert "Version: 1.0" in text.replace(" :", ":") or "Version 1.0" in text, path


def test_every_number_in_the_data_is_in_the_directory_as_text_and_tel_link(site):
    text, links, _ = read(site.page("telefonnummer/index.html"))
    entries = [e for e in _contact_entries() if "phone" in e]
    assert len(entries) >= 9
    for entry in entries:
        display, href = phones.parse(entry["phone"])
        assert display in text, entry["id"]
        assert href in links, entry["id"]
        assert href.startswith("tel:+46")


def test_numbers_are_written_in_the_swedish_style(site):
    text, _, _ = read(site.page("telefonnummer/index.html"))
    for written in ["0611-800 00", "060-16 31 00", "0690-25 01 00", "0620-68 20 00", "0660-890 70"]:
        assert written in text


def test_recipient_address_and_email_come_from_the_directory(site):
    text, links, _ = read(site.page("telefonnummer/index.html"))
    assert "Victoria Åkesdotter Bäcklund" in text
    assert "mailto:support.it@rvn.se" in links


def test_a_changed_number_follows_on_every_page_and_the_old_one_is_gone(site, project):
    old_display, old_href = "060-16 31 00", "tel:+4660163100"
    before = {p for p in _all_pages(site) if old_display in site.page(p)}
    assert {"telefonnummer/index.html", "slutenvard/index.html", "primarvard/index.html"} <= before

    contacts = project / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("phone: 060-16 31 00", "phone: 060-17 00 00"), encoding="utf-8")
    changed = build(project)
    assert changed.returncode == 0, changed.output

    for path in _all_pages(changed):
        html = changed.page(path)
        assert old_display not in html and old_href not in html, path
    for path in before:
        html = changed.page(path)
        assert "060-17 00 00" in html and "tel:+4660170000" in html, path


def test_no_file_under_docs_or_overrides_contains_a_phone_number():
    files = [p for folder in ("docs", "overrides", "lifecare_site/fragments") for p in (ROOT / folder).rglob("*") if p.is_file()]
    assert files
    found = {str(p.relative_to(ROOT)): phones.find_numbers(p.read_text(encoding="utf-8"))
             for p in files if p.suffix in {".md", ".html", ".js", ".css", ".yml", ".txt"}}
    assert {path: numbers for path, numbers in found.items() if numbers} == {}


def test_the_phone_number_finder_would_catch_a_typed_number():
    assert phones.find_numbers("Ring växeln på 0611-800 00 direkt.") == ["0611-800 00"]


def test_the_built_site_has_no_scan_artefacts(site):
    for path in _all_pages(site):
        # Om rutinen lists the scan's typos beside their corrections, for the owner.
        # Om rutinen lists the scan's typos beside their corrections, and the data entries of each addition.
        html = re.sub(r'<div class="lc-corrections.*?</div>', "", site.page(path), flags=re.S)
        text, _, _ = read(re.sub(r'<span class="lc-additions__where">.*?</span>', "", html))
        words = set(re.findall(r"[\wåäöéÅÄÖÉ]+", text))
        for artefact in SCAN_ARTEFACTS:
            if " " in artefact:
                assert artefact not in text, (path, artefact)
            else:
                assert artefact not in words, (path, artefact)


def test_the_routine_is_spelled_right_where_the_scan_was_wrong(site):
    text = " ".join(read(site.page(p))[0] for p in _all_pages(site))
    for word in ["Västernorrland", "Örnsköldsviks sjukhus", "Åkesdotter Bäcklund", "biståndshandläggare",
                 "Härnösand", "Sollefteå", "Ånge", "Prator", "ärendeportalen"]:
        assert word in text, word


def test_no_page_fetches_anything_from_another_host(site):
    for path in _all_pages(site):
        _, _, fetches = read(site.page(path))
        external = [url for url in fetches if re.match(r"^(https?:)?//", url)]
        assert external == [], path
    for path in site.site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            content = path.read_text(encoding="utf-8", errors="replace")
            assert "fonts.googleapis" not in content and "fonts.gstatic" not in content, path
        if path.suffix == ".css":
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", content), path
            assert "@import" not in content, path


def test_the_site_is_in_swedish(site):
    assert '<html lang="sv"' in site.page("index.html")


def _call_items(html, role):
    """(item id, tel: links in the item) for each checklist item of `role` that names a contact."""
    found = {}
    for part in html.split('<li class="lc-checklist__')[1:]:
        ident = re.match(r'[a-z]+"[^>]*data-lc-step="([a-z0-9-]+)"', part)
        body = part.split("</section>")[0]
        if ident and "lc-checklist__contact" in body:
            found[ident.group(1)] = re.findall(r'href="(tel:[^"]+)"', body)
    return found


def test_call_items_show_the_directory_numbers(site):
    directory = {phones.parse(e["phone"])[1] for e in _contact_entries() if "phone" in e}
    items = _call_items(site.page("slutenvard/index.html"), "slutenvard")
    assert set(items) >= {"ring-servicedesk", "sv-ring-kommun", "sv-ring-primarvard"}
    assert "tel:+4666089070" in items["ring-servicedesk"]
    assert len(items["sv-ring-kommun"]) == 7
    for links in items.values():
        assert set(links) <= directory


def test_a_changed_number_follows_into_the_checklist_items(project):
    contacts = project / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("phone: 0611-800 00", "phone: 0611-80 00 01"), encoding="utf-8")
    changed = build(project)
    assert changed.returncode == 0, changed.output
    items = _call_items(changed.page("kommun/index.html"), "kommun")
    assert items["km-ring"] == ["tel:+46611800001"]
    assert "0611-80 00 01" in changed.page("kommun/index.html")


def _decision_tables(html):
    return dict(re.findall(r'<table class="lc-table lc-decision__table" data-lc-table="([a-z]+)">(.*?)</table>', html, re.S))


def test_decision_tables_render_every_row_with_row_headers_and_a_caption(site):
    decisions = yaml.safe_load((ROOT / "data" / "decisions.yml").read_text(encoding="utf-8"))
    checklists = yaml.safe_load((ROOT / "data" / "checklists.yml").read_text(encoding="utf-8"))
    expected = {
        "patienter": 4,
        "registrering": len(checklists["roles"]),
        "avbrott": len(decisions["outage_lengths"]),
        "kontakter": len(decisions["communication"]) + 1,
    }
    tables = {**_decision_tables(site.page("i-drift-igen/index.html")), **_decision_tables(site.page("gemensamt/index.html"))}
    assert set(tables) == set(expected)
    for name, rows in expected.items():
        body = tables[name]
        assert re.search(r"<caption[^>]*>[^<]+</caption>", body), name
        assert body.count("<tr data-lc-row=") == rows, name
        assert body.count('<th scope="row">') == rows, name
        assert '<th scope="col">' in body, name
    for outage in decisions["outage_lengths"]:
        assert outage["title"] in tables["avbrott"]


def test_the_helper_rules_are_embedded_from_the_same_data(site):
    html = site.page("i-drift-igen/index.html")
    embedded = re.search(r'<script type="application/json" data-lc-rules>(.*?)</script>', html, re.S).group(1)
    rules = json.loads(embedded)
    assert sorted(rules["patients"]) == ["00", "01", "10", "11"]
    assert [r["id"] for r in rules["roles"]] == ["slutenvard", "kommun", "primarvard"]
    js = (ROOT / "docs" / "assets" / "javascripts" / "lc-registration-helper.js").read_text(encoding="utf-8")
    assert "retroaktivt" not in js and "Efterregistrera" not in js


def test_each_form_has_a_qr_code_for_its_own_address(site):
    for form in ["slutenvard", "kommun", "primarvard", "sip", "kuvertetikett"]:
        html = site.page(f"blanketter/{form}/index.html")
        url = f"{SITE_URL}blanketter/{form}/"
        # An image with alternative text (a tagged PDF keeps it as a Figure), drawn by segno for this address.
        image = re.search(r'<img class="lc-form__qr" src="([^"]+)" alt="QR-kod till ([^"]+)">', html)
        assert image and image.group(2) == url, form
        import html as html_module
        import segno
        assert html_module.unescape(image.group(1)) == segno.make(url, error="m").svg_data_uri(scale=2, omitsize=False)
        assert image.group(1).startswith("data:image/svg+xml")


def test_the_accessibility_statement_has_its_eleven_parts(site):
    html = site.page("tillganglighet/index.html")
    parts = re.findall(r'<h2 class="lc-statement__part" id="([a-z-]+)"', html)
    assert parts == ["organisation", "tjansten", "forenlighet", "brister", "bedomning", "uppdaterad",
                     "metod", "synpunkter", "tillsyn", "oskaligt-betungande", "utanfor-lagen"]
    data = yaml.safe_load((ROOT / "data" / "accessibility.yml").read_text(encoding="utf-8"))
    text, links, _ = read(html)
    assert f"Bedömningen gjordes den {data['assessed']}" in text
    assert data["digg_complaint_url"] in links
    assert "delvis förenlig" in text


def test_the_statement_names_the_pdf_files_only_when_they_are_published(site):
    # The site under test is built without "make pdf": no PDF is published, so none is described.
    text = read(site.page("tillganglighet/index.html"))[0]
    assert "PDF" not in text
    # (tests/browser/test_pdfs.py builds with the PDFs and finds them described.)


def test_one_owner_in_the_footer_and_the_statement_marked_until_confirmed(site, project):
    data = yaml.safe_load((ROOT / "data" / "accessibility.yml").read_text(encoding="utf-8"))
    html = site.page("tillganglighet/index.html")
    owner = re.search(r'<p class="md-copyright__highlight lc-footer__owner">([^<]*)</p>', html).group(1)
    assert owner == data["organisation"]
    assert re.search(r'<p class="md-copyright__highlight lc-footer__owner">([^<]*)</p>', site.page("index.html")).group(1) == owner
    text = read(html)[0]
    assert f"{owner} står bakom" in text
    assert data["confirmed"] is False
    unconfirmed = r"inte bekräfta[dt] av dokumentägaren"
    assert len(re.findall(unconfirmed, text)) == 2  # the organisation and the feedback contact
    edit_data(project, "accessibility.yml", "confirmed: false", "confirmed: true")
    result = build(project)
    assert result.returncode == 0, result.output
    assert not re.findall(unconfirmed, read(result.page("tillganglighet/index.html"))[0])


def test_every_page_links_to_the_accessibility_statement(site):
    for path in _all_pages(site):
        if path == "404.html":
            continue
        assert 'class="lc-footer__link"' in site.page(path), path


def test_the_binder_holds_every_form_checklist_and_table(site):
    html = site.page("nodparm/index.html")
    forms = yaml.safe_load((ROOT / "data" / "forms.yml").read_text(encoding="utf-8"))["forms"]
    for form in forms:
        assert f'id="blankett-{form["id"]}"' in html
    # The binder is a master copy on paper: every role's checklist, with boxes for a pen and no browser memory.
    assert html.count('class="lc-checklist lc-checklist--paper"') == 3
    assert "data-lc-storage-key" not in html and 'class="lc-checklist__input"' not in html
    for role in ["slutenvard", "kommun", "primarvard"]:
        assert f'id="checklista-{role}"' in html
    assert html.count('class="lc-table lc-decision__table"') == 4
    assert len(re.findall(r'id="(lc-form-[a-z-]+)"', html)) == len(set(re.findall(r'id="(lc-form-[a-z-]+)"', html)))


def test_the_draft_banner_goes_when_the_routine_is_decided(project):
    document = project / "data" / "document.yml"
    text = document.read_text(encoding="utf-8").replace("status: utkast", "status: faststalld")
    text = text.replace("approved_by: null", "approved_by: Hälso- och sjukvårdsdirektören")
    document.write_text(text.replace("approved_date: null", "approved_date: 2026-01-15"), encoding="utf-8")
    decided = build(project)
    assert decided.returncode == 0, decided.output
    page, _, _ = read(decided.page("index.html"))
    assert "Utkast – ej fastställd" not in page
    assert "Fastställd 2026-01-15 av Hälso- och sjukvårdsdirektören." in page
    assert "Fastställd av Hälso- och sjukvårdsdirektören" in page
    about, _, _ = read(decided.page("om-rutinen/index.html"))
    assert "Öppna frågor till dokumentägaren" not in about


def test_no_english_is_left_in_the_interface(site):
    english = ["Not found", "Made with", "Skip to content", "Back to top", "Table of contents", "Search",
               "Initializing search", "Print", "Page "]
    for path in _all_pages(site):
        text, _, _ = read(site.page(path))
        assert [word for word in english if word in text] == [], path


def test_no_stray_space_before_punctuation_after_a_link_or_name(site):
    for path in _all_pages(site):
        stray = re.findall(r"</(?:span|a)>\s+[.:,;][^.]{0,30}", site.page(path))
        assert stray == [], (path, stray[:3])


def test_every_finished_block_reaches_the_page_untouched(site):
    for path in _all_pages(site):
        # The fast path (render.FinishedBlocksExtension) ran: no block was left to Markdown's HTML parser.
        assert "lc:html" not in site.page(path), path
    assert 'class="lc-checklist"' in site.page("slutenvard/index.html")
    assert 'class="lc-binder__contents"' in site.page("nodparm/index.html")


def test_the_readme_names_every_module_and_script():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    structure = readme[readme.index("## Struktur"):]
    files = [p for p in (ROOT / "lifecare_site").glob("*.py") if p.name != "__init__.py"] + [
        p for p in (ROOT / "scripts").iterdir() if p.name not in ("__init__.py", "__pycache__")]
    assert [p.name for p in files if f"`{p.name}`" not in structure] == []


def test_no_page_has_an_id_twice(site):
    # (A passage that shares its section's id, "syfte", once gave "Hela rutinen" two elements with one id.)
    for path in sorted(site.site.rglob("*.html")):
        ids = re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8"))
        assert sorted({i for i in ids if ids.count(i) > 1}) == [], path


def test_links_between_pages_are_made_as_mkdocs_makes_them():
    from mkdocs.utils import get_relative_url

    from lifecare_site.render import relative_url
    for target, page in [("blanketter/kommun/", "kommun/"), ("blanketter/kommun/", ""), ("pdf/x.pdf", "blanketter/kommun/"),
                         ("kommun.html", "blanketter/sip.html"), ("index.html", "index.html"), ("", "kommun/"), ("x/", ".")]:
        assert relative_url(target, page) == get_relative_url(target, page), (target, page)


def test_each_component_has_one_name_in_its_fragment_python_css_and_js():
    # GOV.UK Frontend's habit: a component is lc-<name> in its fragment (<name>.html), its class, its style sheet
    # (lc-<name>.css), its script (lc-<name>.js, data-module="lc-<name>") and its macro (<name with _>()).
    fragments = ROOT / "lifecare_site" / "fragments"
    scripts = ROOT / "docs" / "assets" / "javascripts"
    styles = ROOT / "docs" / "assets" / "stylesheets"
    from lifecare_site.renderer import Renderer
    modules = {m for f in fragments.glob("*.html") for m in re.findall(r'data-module="(lc-[a-z-]+)"', f.read_text(encoding="utf-8"))}
    assert modules == {"lc-checklist", "lc-print-button", "lc-registration-helper"}
    for module in modules:
        name = module[len("lc-"):]
        script = (scripts / f"{module}.js").read_text(encoding="utf-8")
        assert f'"{module}"' in script, module
        # The fragment that starts the module carries its name, and so does the macro that shows it.
        assert (fragments / f"{name}.html").is_file(), name
        assert f'data-module="{module}"' in (fragments / f"{name}.html").read_text(encoding="utf-8")
        assert name.replace("-", "_") in Renderer.MACROS, name
    components = sorted(p.stem[len("lc-"):] for p in styles.glob("lc-*.css") if p.stem != "lc-nojs")
    for name in components:
        homes = [f for f in fragments.glob("*.html") if f.stem == name or f.stem.endswith(f"-{name}")]
        assert homes and any(f'class="lc-{name}' in f.read_text(encoding="utf-8") for f in homes), name
    # The page template loads each component's sheet by that name, and only those.
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    listed = re.search(r'for component in \[([^\]]*)\]', main).group(1)
    assert sorted(re.findall(r'"([a-z-]+)"', listed)) == components
