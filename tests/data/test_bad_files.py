"""Every bad data file gets a Swedish message naming the file (and line), never a Python traceback."""
import json
import shutil
import time

import pytest

from tests.conftest import ROOT, build
from tests.data import build_fails as _fails
from tests.data import edit_data as _edit

def _write(project, name, text, encoding="utf-8"):
    (project / "data" / name).write_bytes(text.encode(encoding))


def _original(project, name):
    return (project / "data" / name).read_text(encoding="utf-8")


def test_a_file_saved_as_latin_1_asks_for_utf_8(project):
    _write(project, "contacts.yml", _original(project, "contacts.yml"), encoding="cp1252")
    _fails(project, "data/contacts.yml, rad ", "inte sparad som UTF-8", "Spara filen som UTF-8")


def test_a_tab_in_the_indentation_asks_for_spaces(project):
    text = _original(project, "contacts.yml").replace("        phone: 060-16 31 00", "\tphone: 060-16 31 00")
    _write(project, "contacts.yml", text)
    _fails(project, "data/contacts.yml, rad ", "tabbtecken: använd mellanslag")


def test_an_alias_bomb_is_refused_in_seconds(project):
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    _write(project, "decisions.yml", bomb)
    started = time.monotonic()
    _fails(project, "data/decisions.yml, rad 1: ankare och alias (& och *) används inte")
    assert time.monotonic() - started < 30


def test_an_alias_anywhere_is_refused_with_its_line(project):
    text = _original(project, "contacts.yml").replace("        phone: 0612-800 00", "        phone: &nr 0612-800 00")
    _write(project, "contacts.yml", text)
    _fails(project, "data/contacts.yml, rad ", "ankare och alias")


@pytest.mark.parametrize("key,shown", [("? [a, b]\n: x", "en lista eller samling"), ("1: x", '"1"'), ("yes: x", '"yes"')])
def test_a_key_that_is_not_a_field_name_is_refused(project, key, shown):
    _write(project, "decisions.yml", key + "\n" + _original(project, "decisions.yml"))
    _fails(project, "data/decisions.yml, rad 1", f"nyckeln {shown}" if shown.startswith('"') else shown, "ska vara ett fältnamn i text")


@pytest.mark.parametrize("depth", [20, 5000])
def test_nesting_deeper_than_any_schema_is_refused(project, depth):
    _write(project, "decisions.yml", "no_patient_rule: " + "[" * depth + "]" * depth + "\n")
    _fails(project, "data/decisions.yml, rad 1", "fälten är nästlade djupare än")


def test_a_second_document_is_refused(project):
    _write(project, "document.yml", _original(project, "document.yml") + "---\ntitle: Annan\n")
    _fails(project, "data/document.yml, rad ", "mer än ett dokument")


@pytest.mark.parametrize("line,swedish", [
    ('title: "Avbrottsrutin \\q"', "omvänt snedstreck"),
    ("title: Avbrottsrutin: Lifecare: SP\n  fel: x", "kolon"),
    ("title: !!python/object:os.system x", "utropstecken"),
    ('title: "Avbrottsrutin', "citattecken är inte stängt"),
])
def test_yaml_syntax_errors_are_explained_in_swedish(project, line, swedish):
    text = _original(project, "document.yml").replace("title: Avbrottsrutin Lifecare Samordnad Planering (SP)", line)
    _write(project, "document.yml", text)
    _fails(project, "data/document.yml", "YAML-fel", swedish)


def test_a_data_file_that_is_a_link_to_another_file_is_refused(project, tmp_path):
    # Git would see only the link: no change in the file it points to is reported, and the phone list's date is wrong.
    target = tmp_path / "contacts.yml"
    target.write_text(_original(project, "contacts.yml"), encoding="utf-8")
    (project / "data" / "contacts.yml").unlink()
    (project / "data" / "contacts.yml").symlink_to(target)
    _fails(project, "data/contacts.yml: filen är en länk till en annan fil. Git ser bara länken")


def test_a_routine_date_that_has_not_come_is_said_even_with_q(project):
    _write(project, "document.yml", _original(project, "document.yml").replace("date: 2025-10-02", "date: 2031-01-01"))
    result = build(project, "-q")
    assert result.returncode == 0, result.output
    assert "OBS     -  data/document.yml: Rutinens datum (date: 2031-01-01) är efter dagens datum" in result.output, result.output


def test_a_file_that_is_a_list_is_refused(project):
    _write(project, "decisions.yml", "- a\n- b\n")
    _fails(project, "data/decisions.yml, rad 1: filen ska börja med fält")


@pytest.mark.parametrize("field,value,message", [
    ("name: Timrå kommun", "name: \"Timrå\\u0007 kommun\"", "osynligt styrtecken (U+0007"),
    ("name: Timrå kommun", 'name: "   "', "bara mellanslag"),
    # Characters that look blank or cannot be seen at all pass for text nowhere.
    ("name: Timrå kommun", "name: \"Timrå\u3164kommun\"", "ser tomt ut men inte är ett mellanslag (U+3164"),
    ("name: Timrå kommun", "name: \"Timrå\u2800kommun\"", "ser tomt ut men inte är ett mellanslag (U+2800"),
    ("name: Timrå kommun", "name: \"\u061cTimrå kommun\"", "osynligt styrtecken (U+061C"),
    ("name: Timrå kommun", "name: " + "Timrå" * 1000, "är för långt (5000 tecken; högst 200)"),
    ("email: support.it@rvn.se", "email: support.it@rvn.se?body=hej", "vanlig e-postadress"),
    ("email: support.it@rvn.se", 'email: "Servicedesk <support.it@rvn.se>"', "e-postadress"),
])
def test_text_values_are_real_text(project, field, value, message):
    text = _original(project, "contacts.yml")
    assert field in text
    _write(project, "contacts.yml", text.replace(field, value, 1))
    _fails(project, "data/contacts.yml, rad ", message)


@pytest.mark.parametrize("name,old,new,code", [
    # Filled in only in the routine's words and on the pages: anywhere else shown as it stands.
    ("checklists.yml", "text: Bekräfta fast vårdkontakt.", "text: Bekräfta fast vårdkontakt på {phone:timra}.", "{phone:timra}"),
    ("contacts.yml", "name: Timrå kommun", 'name: "Timrå kommun {name:servicedesk}"', "{name:servicedesk}"),
    ("checklists.yml", "text: Bekräfta fast vårdkontakt.", "text: 'Ring {{ phone(\"timra\") }}.'", '{{ phone("timra") }}'),
], ids=["placeholder-in-a-step", "placeholder-in-a-contact", "macro-in-a-step"])
def test_a_placeholder_or_macro_outside_the_routine_and_the_pages_is_refused(project, name, old, new, code):
    text = _original(project, name)
    assert old in text
    _write(project, name, text.replace(old, new, 1))
    _fails(project, f"data/{name}, rad ", f'innehåller "{code}", som här visas som det står')


def test_a_complaint_address_must_be_https(project):
    text = _original(project, "accessibility.yml").replace("digg_complaint_url: https://", "digg_complaint_url: http://")
    _write(project, "accessibility.yml", text)
    _fails(project, "data/accessibility.yml, rad ", "ska vara en adress på www.digg.se")


def test_make_offline_validates_first_and_speaks_swedish(project):
    import subprocess
    import sys
    text = _original(project, "document.yml").replace('version: "1.0"', "version: 1.0")
    _write(project, "document.yml", text)
    result = subprocess.run([sys.executable, "-m", "scripts.offline", str(project / "dist")], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert 'FEL: data/document.yml, rad ' in result.stderr and "ska vara text" in result.stderr
    assert "Offlinepaketet byggdes inte" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "dist").exists()


def test_the_offline_shim_is_checked_against_its_recorded_hash():
    from scripts import offline
    assert offline.integrity(b"") == "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="
    assert offline.SHIM_INTEGRITY.startswith("sha512-") and len(offline.SHIM_INTEGRITY) == 95


def test_the_accessibility_statement_dates_are_calendar_dates(project):
    text = _original(project, "accessibility.yml").replace("assessed: 2026-11-26", "assessed: 2026-02-30")
    _write(project, "accessibility.yml", text)
    _fails(project, 'data/accessibility.yml, rad ', 'fältet "assessed" har datumet "2026-02-30", som inte finns i kalendern')


def test_a_number_with_too_many_digits_gets_a_swedish_message(project):
    _edit(project, "contacts.yml", "phone: 0612-800 00", "phone: 0612-800 00 12 34 56 78 90 12")
    _fails(project, 'post "kramfors"', "har 21 siffror; ett telefonnummer har högst 15")


def test_the_envelope_recipient_must_be_an_entry_with_an_address(project):
    _edit(project, "forms.yml", "recipient: lifecare-forvaltningen", "recipient: kommuner")
    _fails(project, "data/forms.yml, rad ", 'kontakten "kommuner" har ingen postadress')


def test_the_feedback_contact_must_be_a_single_entry(project):
    _edit(project, "accessibility.yml", "feedback_contact: servicedesk", "feedback_contact: kommuner")
    _fails(project, "data/accessibility.yml, rad ", '"kommuner" är en grupp')


def test_a_feedback_contact_whose_note_ends_its_sentence_gets_one_full_stop(project):
    from tests.htmltext import read
    _edit(project, "accessibility.yml", "feedback_contact: servicedesk", "feedback_contact: lifecare-forvaltningen")
    result = build(project)
    assert result.returncode == 0, result.output
    text = read(result.page("tillganglighet/index.html"))[0]
    assert "Skickas via internposten. Webbplatsens förslag" in text and ". ." not in text, text


def test_a_role_needs_its_phase_for_afterwards(project):
    _edit(project, "checklists.yml", "      - id: efter\n", "      - id: efterat\n")
    _fails(project, "data/checklists.yml, rad ", 'rollen saknar fasen "efter"')


def test_two_rules_for_the_same_patients_are_refused(project):
    _edit(project, "checklists.yml", "when: {admitted: false, discharged: true}", "when: {admitted: true, discharged: false}")
    _fails(project, "data/checklists.yml, rad ", 'samma "when" som punkten "efter-inskrivna"')


def test_first_steps_come_from_the_roles_own_checklist(project):
    _edit(project, "checklists.yml", "first_steps: [km-it-support]", "first_steps: [km-it-support, sv-ring-kommun]")
    _fails(project, "data/checklists.yml, rad ", 'punkten "sv-ring-kommun" står inte i rollens egen checklista')


def test_a_new_role_without_its_page_is_named_in_swedish(project):
    text = _original(project, "checklists.yml")
    role = text[text.index("  - id: kommun\n"):text.index("  - id: primarvard\n")]
    new = role.replace("  - id: kommun\n", "  - id: tandvard\n").replace("id: km-", "id: tv-").replace("[km-", "[tv-").replace(", km-", ", tv-")
    _write(project, "checklists.yml", text + new)
    _fails(project, 'rollen "tandvard" har ingen sida. Skapa docs/tandvard.md')


@pytest.mark.parametrize("invisible", ["\\u200b", "\\u202e", "\\ufeff", "\\u00ad"])
def test_invisible_characters_are_refused(project, invisible):
    _edit(project, "contacts.yml", "name: Kramfors kommun", f'name: "Kramfors{invisible} kommun"')
    _fails(project, 'post "kramfors"', "osynligt")


def test_a_boolean_written_as_ja_gets_a_hint(project):
    _edit(project, "checklists.yml", "when: {admitted: true, discharged: true, register: false}",
          "when: {admitted: ja, discharged: ja, register: false}")
    _fails(project, "Skriv true (ja) eller false (nej)")


def test_every_missing_field_is_named(project):
    _write(project, "decisions.yml", "{}\n")
    out = _fails(project, 'fältet "outage_lengths"', 'fältet "communication"', 'fältet "transferred_by"')
    assert out.count('"outage_lengths" (') <= 1


def test_rows_written_with_a_decimal_point_still_build(project):
    _edit(project, "forms.yml", "extra_rows: 1", "extra_rows: 1.0")
    assert build(project).returncode == 0


def test_a_partly_compliant_site_lists_its_shortcomings(project):
    text = _original(project, "accessibility.yml")
    start = text.index("shortcomings:")
    end = text.index("disproportionate_burden:")
    _write(project, "accessibility.yml", text[:start] + "shortcomings: []\n" + text[end:])
    _fails(project, "data/accessibility.yml, rad ", "men inga brister står listade")


def test_a_hash_after_a_value_is_not_silently_dropped(project):
    _edit(project, "contacts.yml", "note: Skickas via internposten.", "note: Skickas via internposten till rum #4 på plan 2.")
    _fails(project, "data/contacts.yml, rad ", '" #" efter ett värde gör resten av raden till en kommentar')


def test_a_hash_inside_quotes_or_a_folded_text_is_text(project):
    _edit(project, "contacts.yml", "note: Skickas via internposten.", 'note: "Skickas via internposten till rum #4."')
    result = build(project)
    assert result.returncode == 0, result.output
    assert "rum #4." in result.page("telefonnummer/index.html").replace("&#35;", "#")


def test_case_outside_the_phase_for_afterwards_is_refused(project):
    _edit(project, "checklists.yml", "            text: Bekräfta fast vårdkontakt.\n", "            text: Bekräfta fast vårdkontakt.\n            case: admitted\n")
    _edit(project, "checklists.yml", "          - id: pv-svara\n", "          - id: pv-svara\n            not_registered: true\n")
    _fails(project, "data/checklists.yml, rad ", '"not_registered" gäller bara punkter i fasen "efter"')


def _not_a_file(project, name, how):
    path = project / "data" / name
    path.unlink()
    if how == "folder":
        path.mkdir()
    else:
        path.symlink_to(project / "data" / "finns-inte.yml")


@pytest.mark.parametrize("how,words", [("folder", "är en mapp, inte en fil"), ("link", "är en länk till en fil som inte finns")])
def test_a_data_file_that_is_not_a_file_is_said_in_swedish(project, how, words):
    _not_a_file(project, "routine.yml", how)
    _fails(project, "data/routine.yml: ", words, "git checkout")


def test_what_an_editors_program_leaves_is_ignored_and_a_stray_copy_is_refused(project):
    for name in (".#contacts.yml", "contacts.yml~", ".contacts.yml.swp", "contacts.yml.bak"):
        _write(project, name, "x: [\n")
    result = build(project)
    assert result.returncode == 0, result.output
    shutil.rmtree(result.site)
    _write(project, "contacts (1).yml", _original(project, "contacts.yml"))
    _fails(project, "data/contacts (1).yml: webbplatsen läser inte den här filen", "Flytta ändringen till rätt fil")


@pytest.mark.parametrize("name,edits,words", [
    # The statement would say "helt förenlig" and list its shortcomings below.
    ("accessibility.yml", [("compliance: delvis", "compliance: helt")],
     "webbplatsen sägs vara helt förenlig med lagen, men redogörelsen listar kända brister"),
    ("accessibility.yml", [("updated: 2026-11-26", "updated: 2026-11-20")],
     "redogörelsen sägs vara uppdaterad 2026-11-20, före bedömningen den bygger på (2026-11-26)"),
    ("document.yml", [("status: utkast", "status: faststalld"), ("approved_by: null", "approved_by: Regional samverkansgrupp"),
                      ("approved_date: null", "approved_date: 2024-01-15")],
     "rutinen sägs vara fastställd 2024-01-15, före sitt eget datum (2025-10-02)"),
    # "Vem kontaktar vem": a role calling itself, and one row twice.
    ("decisions.yml", [("  - from: slutenvard\n    to: kommun\n", "  - from: slutenvard\n    to: slutenvard\n")],
     'raden gäller rollen "slutenvard" och samma roll (from och to)'),
    ("decisions.yml", [("communication:\n", "communication:\n  - from: slutenvard\n    to: primarvard\n    items: "
                                            "[sv-ring-primarvard]\n    source: [sv-kontakta-primarvard]\n")],
     "raden slutenvard → primarvard står redan (rad 35)"),
], ids=["compliant-with-shortcomings", "updated-before-assessed", "approved-before-its-date", "role-calls-itself",
        "row-twice"])
def test_facts_that_contradict_each_other_are_refused(project, name, edits, words):
    text = _original(project, name)
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    _write(project, name, text)
    _fails(project, f"data/{name}, rad ", words)


def test_an_item_with_the_id_of_a_phase_is_refused(project):
    # On the page both become the anchor lc-kommun-efter: the build named the page, not the data.
    text = _original(project, "checklists.yml")
    assert "- id: km-it-support\n" in text
    _write(project, "checklists.yml", text.replace("- id: km-it-support\n", "- id: efter\n", 1)
           .replace("- use: km-it-support\n", "- use: efter\n"))
    _fails(project, "data/checklists.yml, rad ", 'punkten "efter" har samma id som en fas i rollen "kommun"')


@pytest.mark.parametrize("name", ["contacts.yml.txt", "contacts.txt", "checklists.yaml"])
def test_a_data_file_saved_under_another_ending_is_refused(project, name):
    # Notepad's "Spara som" adds .txt: the edit would be in a file the site does not read.
    _write(project, name, _original(project, "contacts.yml"))
    _fails(project, f"data/{name}: webbplatsen läser inte den här filen")


@pytest.mark.parametrize("content,words", [(None, "filen saknas"), ("{", "schemat är inte giltig JSON (rad 1)"),
                                           ('{"type": 5}', "inte ett giltigt JSON-schema")])
def test_a_missing_or_broken_schema_is_said_in_swedish(project, content, words):
    schema = project / "data" / "schemas" / "forms.schema.json"
    schema.unlink()
    if content is not None:
        schema.write_text(content, encoding="utf-8")
    # (Data that passed its schemas before is not checked again; a changed schema makes a new key.)
    _fails(project, "data/schemas/forms.schema.json: ", words)


@pytest.mark.parametrize("number", ['"+4"', '"+"', '"0"', '"()"'])
def test_a_number_too_short_to_be_one_is_refused_in_swedish(project, number):
    _edit(project, "contacts.yml", "phone: 060-16 31 00", f"phone: {number}")
    _fails(project, 'post "timra"', "är inte ett giltigt svenskt nummer")


def test_a_who_calls_whom_row_with_another_roles_step_is_refused(project):
    # A slutenvård step copied into the municipalities' row would show the municipal switchboards under "Kommunal
    # vård och omsorg → Slutenvård".
    _edit(project, "decisions.yml", "items: [km-ring, km-svara, km-aterkoppla]", "items: [sv-ring-kommun, km-svara, km-aterkoppla]")
    _fails(project, "data/decisions.yml, rad ", 'punkten "sv-ring-kommun" står inte i checklistan för rollen "kommun"',
           "välj rollens egna steg")


@pytest.mark.parametrize("loosened", ['"additionalProperties": true', '"additionalProperties": {}'])
def test_a_schema_loosened_to_let_unnamed_fields_through_is_refused(project, loosened):
    # With it, a misspelt field ("phnoe") in data/contacts.yml would be published without a word.
    schema = project / "data" / "schemas" / "contacts.schema.json"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(text.replace('"additionalProperties": false', loosened), encoding="utf-8")
    _edit(project, "contacts.yml", "phone: 060-16 31 00", "phnoe: 060-16 31 00")
    _fails(project, 'data/schemas/contacts.schema.json: schemat släpper igenom fält som det inte namnger',
           "Återställ filen")


def test_every_schema_of_the_project_names_every_field_it_lets_through():
    from lifecare_site.schema import open_objects
    for path in sorted((ROOT / "data" / "schemas").glob("*.json")):
        assert open_objects(json.loads(path.read_text(encoding="utf-8"))) == [], path.name
