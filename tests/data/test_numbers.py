"""One rule for numbers: a phone number reaches a page only through a contact in data/contacts.yml."""
import pytest

from lifecare_site import phones
from tests.conftest import build
from tests.data import build_fails, edit_data
from tests.htmltext import read

WHERE = "Ett telefonnummer skrivs bara på en post i data/contacts.yml"


@pytest.mark.parametrize("file,old,new,entry", [
    # A number in a contact's note, even one with a letter O for a zero.
    ("contacts.yml", "        note: Eller ring direktnumret till aktuell avdelning/enhet.",
     "        note: Eller ring direktnumret 0611-80 01 00.", 'post "region-vaxel"'),
    ("contacts.yml", "        note: Eller ring direktnumret till aktuell avdelning/enhet.",
     "        note: Eller ring 0611-80 O1 00.", 'post "region-vaxel"'),
    # A number typed into a checklist step, or into the routine's own text instead of {phone:id}.
    ("checklists.yml", "              Kontrollera inkomna meddelanden i Lifecare SP efter driftstoppet och",
     "              Ring 060-19 10 00 och kontrollera inkomna meddelanden i Lifecare SP efter driftstoppet och",
     "sv-kvittera"),
    ("routine.yml", "{phone:region-vaxel} eller direktnummer", "0611-800 00 eller direktnummer", "tel-region-vaxel"),
    # A local number, without its area code.
    ("contacts.yml", "        note: Eller ring direktnumret till aktuell avdelning/enhet.",
     "        note: Eller ring direktnumret 80 01 00.", 'post "region-vaxel"'),
    # An internal number in two groups, where the words say it is a number.
    ("checklists.yml", "Ring primärvården/hälsocentralen och", "Ring primärvården/hälsocentralen (internt 800 00) och",
     "sv-ring-primarvard"),
])
def test_a_number_written_outside_a_contacts_number_field_is_refused(project, file, old, new, entry):
    edit_data(project, file, old, new)
    output = build_fails(project, f"data/{file}", WHERE)
    line = next(line for line in output.splitlines() if WHERE in line)
    assert entry in line and "rad " in line


def test_a_number_typed_into_a_page_is_refused_with_page_and_line(project):
    page = project / "docs" / "gemensamt.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "Ring Timrå på 060-16 31 00 om inget annat fungerar.")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = build_fails(project, "docs/gemensamt.md, rad 3", 'telefonnumret "060-16 31 00"', "data/contacts.yml")
    assert "{{ phone(" in output


def test_what_is_not_a_number_passes():
    for text in ("Datum 2025-10-02, version 1.0", "kl. 14.02", "19121212-1212", "postnummer 891 89"):
        assert phones.numbers_in_text(text) == [], text
    assert phones.numbers_in_text("ring 060-16 31 0O") == ["060-16 31 0O"]


def test_short_numbers_and_numbers_the_words_call_numbers_are_found():
    assert phones.numbers_in_text("Vid fara för liv, ring 112. Sjukvårdsrådgivning: 1177.") == ["112", "1177"]
    for text, number in (("internt 800 00", "800 00"), ("tel. 80000", "80000"), ("ring 163200", "163200"),
                         ("Ring 1632 00", "1632 00"), ("numret 16.32.00", "16.32.00"), ("ring 114 14", "114 14")):
        assert phones.numbers_in_text(text) == [number], text
    for text in ("(PDF, 112 kB)", "sidan 112", "Ring två gånger", "Ring kommunen 2026-12-01", "nr 12",
                 "Ring ansvarig 3 gånger", "postnummer 891 89"):
        assert phones.numbers_in_text(text) == [], text


def test_a_short_number_typed_into_a_page_is_refused(project):
    page = project / "docs" / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("## Det viktigaste", "Vid fara för liv, ring 112.\n\n## Det viktigaste", 1),
                    encoding="utf-8")
    build_fails(project, "docs/index.md, rad ", 'telefonnumret "112"')


def test_a_local_number_without_its_area_code_is_found():
    for text, number in (("ring 16 32 00", "16 32 00"), ("ring 163 20 00.", "163 20 00"), ("tel 19-10-00", "19-10-00"),
                         ("(16 31 00)", "16 31 00")):
        assert phones.numbers_in_text(text) == [number], text
    # The whole number is found once, not its last part again.
    assert phones.numbers_in_text("ring 060-16 32 00") == ["060-16 32 00"]
    for text in ("1 000 000 kronor", "2026-12-01", "kl. 08 00", "sidan 12 av 14", "version 1.16 32 00"):
        assert phones.numbers_in_text(text) == [], text


def test_a_group_shows_each_entrys_own_note_and_question_wherever_it_is_shown(project):
    edit_data(project, "contacts.yml", "        name: Ånge kommun\n        phone: 0690-25 01 00\n",
              "        name: Ånge kommun\n        phone: 0690-25 01 00\n        note: Växeln är öppen 8–16.\n"
              "        ask_for: Fråga efter bistånd för äldre\n")
    result = build(project)
    assert result.returncode == 0, result.output
    for path in ("slutenvard/index.html", "primarvard/index.html", "telefonnummer/index.html", "nodparm/index.html"):
        text = read(result.page(path))[0]
        assert "Växeln är öppen 8–16." in text, path
        assert "Fråga efter bistånd för äldre" in text, path


def test_a_number_written_with_entities_or_wide_gaps_is_found():
    import html
    assert phones.numbers_in_text(html.unescape("ring jouren: 060&#8209;16&nbsp;31&nbsp;99.")) == ["060\u201116\xa031\xa099"]
    assert phones.numbers_in_text("Frågor: 060  -  16 31 99.") == ["060  -  16 31 99"]


def test_a_number_with_entities_in_a_page_is_refused(project):
    page = project / "docs" / "gemensamt.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nRing jouren: 060&#8209;16&nbsp;31&nbsp;99.\n", encoding="utf-8")
    build_fails(project, "docs/gemensamt.md, rad ", 'telefonnumret "060')


def test_a_number_with_wide_gaps_in_a_data_text_is_blamed_on_the_data_file(project):
    edit_data(project, "checklists.yml", "text: Bekräfta fast vårdkontakt.", "text: Bekräfta fast vårdkontakt, frågor på 060  -  16 31 99.")
    build_fails(project, "data/checklists.yml, rad ", 'telefonnumret "060')


def test_an_it_number_outside_the_municipalities_is_refused_where_it_is_written(project):
    edit_data(project, "contacts.yml", "        phone: 0660-890 70\n", "        phone: 0660-890 70\n        it_phone: 0660-890 71\n")
    build_fails(project, "data/contacts.yml, rad ", 'it_phone visas bara för kommunerna')


def test_a_wrong_number_in_the_corrections_table_is_refused_but_the_scan_is_quoted(project):
    edit_data(project, "routine.yml", "corrections:\n", "corrections:\n  - scan: Timrå O6O-16 31 OO\n    text: Timrå 060-16 32 00\n")
    build_fails(project, "data/routine.yml", 'rättelsen visar telefonnumret "060-16 32 00"')


def test_a_correction_may_show_a_contacts_own_number(project):
    edit_data(project, "routine.yml", "corrections:\n", "corrections:\n  - scan: Timrå O6O-16 31 OO\n    text: Timrå 060-16 31 00\n")
    result = build(project)
    assert result.returncode == 0, result.output


def test_a_document_dropped_into_docs_is_refused(project):
    (project / "docs" / "telefonlista-gammal.pdf").write_bytes(b"%PDF-1.4 Timra kommun 060-16 32 00")
    (project / "docs" / "pdf").mkdir(exist_ok=True)
    (project / "docs" / "pdf" / "gammal.docx").write_bytes(b"PK")
    output = build_fails(project, "docs/telefonlista-gammal.pdf: filen skulle publiceras som den är")
    assert "docs/pdf/gammal.docx" in output


@pytest.mark.parametrize("name", ["telefonlista.png", "bilder/Telefonlista.JPG", "lista.webp"])
def test_a_picture_dropped_into_docs_is_refused(project, name):
    # A photographed phone list: no number in it can be checked, and a reader who cannot see it is not told.
    (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    (project / "docs" / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    build_fails(project, f"docs/{name}: bilden skulle publiceras som den är, och bygget kan inte läsa text i en bild")


def test_a_number_in_a_style_sheet_in_a_template_is_refused(project):
    template = project / "overrides" / "main.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{% block extrahead %}", '{% block extrahead %}\n<style>@media print { .md-content::after '
                                     '{ content: "Vid fel: ring Servicedesk 0660-890 71"; } }</style>', 1), encoding="utf-8")
    build_fails(project, 'den publicerade sidan visar telefonnumret "0660-890 71"')


def test_a_number_with_a_contacts_number_inside_it_is_refused_where_only_the_finished_site_shows_it(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("inte fungerar.\n", "inte fungerar. Växel 0611-800 001.\n", 1), encoding="utf-8")
    build_fails(project, 'den publicerade sidan visar telefonnumret "0611-800 001"')


def test_a_page_that_names_one_municipality_and_shows_anothers_number_is_refused(project):
    page = project / "docs" / "kommun.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n- Härnösands kommun: {{ phone("kramfors") }}\n', encoding="utf-8")
    build_fails(project, "docs/kommun.md, rad ", 'sidan nämner Härnösands kommun men phone("kramfors") visar posten "kramfors"')


def test_two_contacts_with_the_same_number_are_refused(project):
    edit_data(project, "contacts.yml", "        phone: 0612-800 00\n", "        phone: 0611-34 80 00\n")
    build_fails(project, 'post "kramfors"', 'numret 0611-34 80 00 är redan numret till "harnosand"')


def test_a_tel_link_whose_label_names_another_number_is_refused(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nextra:\n" in text
    config.write_text(text.replace("\nextra:\n", '\nextra:\n  social:\n    - icon: material/phone\n      link: "tel:+4661180000"\n'
                                   '      name: "Ring Servicedesk 0660-890 70"\n', 1), encoding="utf-8")
    build_fails(project, "men länken ringer")


def test_a_text_file_in_another_encoding_or_xml_with_a_number_is_refused(project):
    (project / "docs" / "telefonlista.txt").write_bytes("Regionens växel: 0611-800 01\n".encode("cp1252"))
    (project / "docs" / "kontakter.xml").write_text('<k telefon="0611-800 01"/>', encoding="utf-8")
    output = build_fails(project, 'telefonnumret "0611-800 01"')
    assert "telefonlista.txt" in output and "kontakter.xml" in output


def test_a_field_indented_into_the_text_above_is_refused(project):
    edit_data(project, "checklists.yml", "              Västernorrlands växel för kontakt.\n            contact: region-vaxel\n",
              "              Västernorrlands växel för kontakt.\n              contact: region-vaxel\n")
    build_fails(project, "data/checklists.yml", 'texten innehåller "contact:", som är ett fältnamn i filen')


@pytest.mark.parametrize("old,new,words", [
    ("    text: Kontakta Servicedesk omedelbart, på telefon eller via ärendeportalen.\n    contact: servicedesk\n",
     "    text: Kontakta Servicedesk omedelbart, på telefon eller via ärendeportalen.\n    contact: region-vaxel\n",
     'texten nämner Servicedesk, Region Västernorrland men contact: är "region-vaxel"'),
    ("              Västernorrlands växel för kontakt.\n            contact: region-vaxel\n",
     "              Västernorrlands växel för kontakt.\n            contact: ange\n",
     'texten nämner Region Västernorrlands växel men contact: är "ange"'),
], ids=["servicedesk", "switchboard"])
def test_a_step_that_names_one_contact_and_shows_anothers_number_is_refused(project, old, new, words):
    edit_data(project, "checklists.yml", old, new)
    build_fails(project, "data/checklists.yml", words)


def test_two_contacts_with_the_same_name_are_refused(project):
    edit_data(project, "contacts.yml", "        name: Kramfors kommun\n", "        name: Härnösands kommun\n")
    build_fails(project, 'post "kramfors"', 'namnet "Härnösands kommun" har redan posten "harnosand"')


def _add_to_footer(project, html):
    template = project / "overrides" / "partials" / "copyright.html"
    template.write_text(template.read_text(encoding="utf-8") + html + "\n", encoding="utf-8")


@pytest.mark.parametrize("link,words", [
    # The browser dials these all the same: an entity for the colon, a space before tel:, a + written %2B.
    ('<a href="tel&#58;+46601234567">Ring jouren</a>', 'länk som ringer "tel:+46601234567" men är skriven "tel&#58;+46601234567"'),
    ('<a href=" tel:+46601234567">Ring jouren</a>', 'länk som ringer "tel:+46601234567" men är skriven " tel:+46601234567"'),
    ('<a href="tel&colon;%2B46601234567">Ring jouren</a>', 'länk som ringer "tel:+46601234567"'),
    ('<a href="sms:+46601234567">Sms:a jouren</a>', 'länken "sms:+46601234567", som ringer eller skickar meddelanden'),
    ('<a href="https://teams.microsoft.com/l/call/0/0?users=4:+46601234567">Ring i Teams</a>',
     "med numret +46601234567 i adressen"),
], ids=["entity", "space", "percent", "sms", "teams"])
def test_a_link_in_a_template_that_dials_a_number_the_build_cannot_see_is_refused(project, link, words):
    _add_to_footer(project, f"<p>{link}</p>")
    output = build_fails(project, words)
    # On every page, said once.
    assert output.count(words) == 1, output
    assert "sidor till (samma fel på alla" in output


def test_a_number_an_inline_script_in_a_template_writes_is_refused(project):
    _add_to_footer(project, '<p id="lc-jour"></p><script>document.getElementById("lc-jour").textContent = '
                            '"Jourhavande IT: 060-12 34 56";</script>')
    build_fails(project, 'den publicerade sidan visar telefonnumret "060-12 34 56"')


@pytest.mark.parametrize("css,extra,number", [
    (r'content: "Servicedesk \30 660-890 71"', "", "0660-890 71"),  # \30 is a 0
    ('content: "Jour: 060-" "12 34 56"', "", "060-12 34 56"),
    ("content: attr(data-nummer)", ' data-nummer="060-55 44 33"', "060-55 44 33"),
], ids=["escape", "two-strings", "attribute"])
def test_a_number_a_style_sheet_prints_in_pieces_is_refused(project, css, extra, number):
    _add_to_footer(project, f'<style>.lc-jour::after {{ {css} }}</style><p class="lc-jour"{extra}></p>')
    build_fails(project, f'den publicerade sidan visar telefonnumret "{number}"')


def test_a_text_file_saved_as_unicode_is_read_for_numbers(project):
    # Excel's "Unicode text" and Notepad's "Unicode": UTF-16 with a byte order mark.
    (project / "docs" / "telefonlista.csv").write_bytes("Namn\tTelefon\r\nJour\t060-12 34 56\r\n".encode("utf-16"))
    build_fails(project, "docs/telefonlista.csv: ", 'telefonnumret "060-12 34 56"')


@pytest.mark.parametrize("name", ["telefonlistor.zip", "telefonlista.xlsm", "jour.msg"])
def test_any_file_the_build_cannot_read_is_refused(project, name):
    (project / "docs" / name).write_bytes(b"PK\x03\x04 060-12 34 56")
    build_fails(project, f"docs/{name}: filen skulle publiceras som den är, och bygget kan inte läsa den")


@pytest.mark.parametrize("name", ["jour.markdown", "jour.MD", "jour.mkd"])
def test_a_page_with_another_ending_than_md_is_refused(project, name):
    (project / "docs" / name).write_text("# Jour\n\nRing 060-12 34 56.\n", encoding="utf-8")
    build_fails(project, f"docs/{name}: sidan har ändelsen {name.split('.')[1] and '.' + name.split('.')[1]}, och bygget läser "
                         "bara sidor som slutar på .md")


def test_mkdocs_yml_leaves_out_every_ending_the_build_takes_for_an_editors_leftover():
    import yaml

    from lifecare_site import pages
    from tests.conftest import ROOT
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    patterns = yaml.safe_load(text.split("\nexclude_docs:", 1)[1].split("\n\n", 1)[0].join(["x:", ""]))["x"].split()
    assert {f"*{ending}" for ending in pages.LEFT_BY_EDITORS} | {"\\#*#"} == set(patterns), patterns


def test_what_an_editors_program_leaves_beside_a_page_is_not_published(project):
    page = project / "docs" / "kommun.md"
    for name in ("kommun.md~", "#kommun.md#", "kommun.md.orig", "kommun.md.bak", "kommun.md.swp"):
        (project / "docs" / name).write_text(page.read_text(encoding="utf-8") + "\nRing 060-12 34 56.\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    published = {path.name for path in result.site.rglob("*")}
    assert not published & {"kommun.md~", "#kommun.md#", "kommun.md.orig", "kommun.md.bak", "kommun.md.swp"}, published


@pytest.mark.parametrize("written", [
    '## Timrå kommun\n\nRing {{ phone("sundsvall") }}.',
    '!!! note "Timrå kommun"\n    Ring {{ phone("sundsvall") }} och fråga efter biståndshandläggaren.',
    '<details markdown><summary>Timrå kommun</summary>\n\nRing {{ phone("sundsvall") }} nu.\n\n</details>',
    '**Timrå kommun**\n\nRing {{ phone("sundsvall") }} nu.',
    '- Timrå kommun:\n    - {{ phone("sundsvall") }}',
], ids=["heading", "box-title", "summary", "bold-paragraph", "nested-list"])
def test_a_number_under_a_heading_that_names_another_contact_is_refused(project, written):
    # The paragraph names no one; what stands above it does, and the reader calls that one.
    page = project / "docs" / "tillganglighet.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + written + "\n", encoding="utf-8")
    build_fails(project, 'visar numret 060-19 10 00, som är numret till Sundsvalls kommun, närmast vid namnet "Timrå kommun"')


def test_a_number_under_its_own_contacts_heading_passes(project):
    page = project / "docs" / "tillganglighet.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n## Timrå kommun\n\nRing {{ phone("timra") }}.\n', encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output


def test_a_name_written_in_decomposed_form_is_the_same_name(project):
    # "Timrå" as a text copied from a PDF may have it: a and a ring above, two characters that look like one.
    page = project / "docs" / "kommun.md"
    page.write_text(page.read_text(encoding="utf-8") + '\nRing Timra\u030a kommun på {{ phone("sundsvall") }}.\n',
                    encoding="utf-8")
    build_fails(project, 'som är numret till Sundsvalls kommun, närmast vid namnet "Timrå kommun"')


def test_two_contacts_whose_names_differ_only_in_how_å_is_written_are_refused(project):
    edit_data(project, "contacts.yml", "      - id: timra\n",
              "      - id: timra2\n        name: Timra\u030a kommun\n        phone: 060-16 32 00\n      - id: timra\n")
    build_fails(project, 'post "timra": namnet "Timrå kommun" har redan posten "timra2"')


@pytest.mark.parametrize("where", ["template", "mkdocs-social"])
def test_a_hand_written_link_that_names_one_contact_and_dials_another_is_refused(project, where):
    # The number is a contact's (Timrå's), so no unknown number is shown; the words say to call Sundsvall.
    if where == "template":
        _add_to_footer(project, '<p><a class="md-button" href="tel:+4660163100">Ring Sundsvalls kommun</a></p>')
    else:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "\nextra:\n", '\nextra:\n  social:\n    - icon: material/phone\n      link: "tel:+4660163100"\n'
                          '      name: "Ring Sundsvalls kommun"\n', 1), encoding="utf-8")
    build_fails(project, 'har en länk som säger "Ring Sundsvalls kommun" men ringer 060-16 31 00, som är numret till '
                         "Timrå kommun")


def test_a_number_without_its_area_code_in_a_text_file_is_refused(project):
    (project / "docs" / "lasmig.txt").write_text("Vid driftstopp: ring IT-jouren på 16 31 99 (internt).\n", encoding="utf-8")
    build_fails(project, "docs/lasmig.txt: ", 'telefonnumret "16 31 99"')


@pytest.mark.parametrize("css,number", [
    (r'.md-content::before { content: "Driftinfo: ring IT-jouren \30 70-123 45 67"; }', "070-123 45 67"),
    ('.lc-x::after { content: "Ring IT-jouren på 16 31 99"; }', "16 31 99"),
], ids=["escaped", "without-area-code"])
def test_a_number_our_style_sheet_prints_is_refused(project, css, number):
    sheet = project / "docs" / "assets" / "stylesheets" / "lc.css"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\n" + css + "\n", encoding="utf-8")
    build_fails(project, f'docs/assets/stylesheets/lc.css: stilmallen skriver ut telefonnumret "{number}"')
