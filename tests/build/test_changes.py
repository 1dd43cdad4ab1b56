"""The build says which numbers changed since the last commit, and printouts show when the phone list changed."""
import datetime
import os
import subprocess

import pytest

from tests.conftest import build
from tests.htmltext import read

COMMITTED = "2026-01-15T10:00:00"


def _git(project, *args):
    env = dict(os.environ, GIT_AUTHOR_DATE=COMMITTED, GIT_COMMITTER_DATE=COMMITTED,
               GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.se",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.se")
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


@pytest.fixture
def checkout(project):
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "Rutinen")
    return project


def _set_phone(project, old, new):
    path = project / "data" / "contacts.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_number_is_reported_as_it_will_be_shown(checkout):
    _set_phone(checkout, "phone: 060-16 31 00", "phone: 060 16 32 00")
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert "Telefonlistan skiljer sig från senaste incheckningen" in result.output
    assert "Timrå kommun: 060-16 31 00 → 060-16 32 00" in result.output
    assert result.output.count(" → ") == 1
    today = datetime.date.today().isoformat()
    assert f"Telefonlistan ändrad {today}" in read(result.page("telefonnummer/index.html"))[0]


def test_nothing_changed_nothing_said_and_the_date_is_the_commit(checkout):
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert "Telefonlistan skiljer sig" not in result.output
    for path in ("telefonnummer/index.html", "nodparm/index.html"):
        assert "Telefonlistan ändrad 2026-01-15" in read(result.page(path))[0], path
    # Every page's printed footer carries it too.
    assert "Telefonlistan ändrad 2026-01-15" in result.page("kommun/index.html")


def test_outside_a_git_checkout_the_date_is_unknown_and_the_build_says_why_once(project):
    _set_phone(project, "phone: 060-16 31 00", "phone: 060-16 32 00")
    # A copy's file date says when it was copied, not when the list changed: it is not used.
    stamp = datetime.datetime(2026, 2, 3, 12, 0).timestamp()
    os.utime(project / "data" / "contacts.yml", (stamp, stamp))
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Telefonlistan skiljer sig" not in result.output
    # One line says what is off without history, the date included.
    assert result.output.count("Ingen git-historik") == 1 and "ändringsdatum" not in result.output.split("Ingen git-historik")[0]
    assert "ändringsrapporten för checklistor, blanketter och telefonlista" in result.output
    assert "Telefonlistans ändringsdatum är okänt" not in result.output
    for path in ("telefonnummer/index.html", "nodparm/index.html"):
        text = read(result.page(path))[0]
        assert "Telefonlistan: ändringsdatum okänt" in text and "2026-02-03" not in text, path
    assert "Telefonlistan: ändringsdatum okänt" in result.page("kommun/index.html")  # the printed footer


def test_a_history_without_the_git_program_is_said_as_such(checkout, monkeypatch):
    # git missing from PATH (a build server without it): the history is there, only unread. Said as that, not as
    # git refusing the folder.
    monkeypatch.setenv("PATH", "/nonexistent")
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert result.output.count("programmet git finns inte på den här datorn") == 1, result.output
    assert "vägrar" not in result.output and "Telefonlistans ändringsdatum är okänt" not in result.output
    assert "Telefonlistan: ändringsdatum okänt" in read(result.page("telefonnummer/index.html"))[0]


def test_a_shallow_clone_does_not_pass_its_oldest_commit_off_as_the_date(checkout, tmp_path):
    _set_phone(checkout, "phone: 060-16 31 00", "phone: 060-16 32 00")
    _git(checkout, "commit", "-qam", "Nytt nummer")
    (checkout / "docs" / "gemensamt.md").write_text((checkout / "docs" / "gemensamt.md").read_text(encoding="utf-8") + "\n",
                                                     encoding="utf-8")
    _git(checkout, "commit", "-qam", "Något annat")
    shallow = tmp_path / "shallow"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{checkout}", str(shallow))
    result = build(shallow)
    assert result.returncode == 0, result.output
    assert "historiken är grund (shallow clone)" in result.output
    assert result.output.count("Historiken är grund (shallow clone). Ändringsrapporten jämför") == 1
    assert "Telefonlistan: ändringsdatum okänt" in read(result.page("telefonnummer/index.html"))[0]
    # With the whole history the same commit gives its date.
    assert "Telefonlistan ändrad 2026-01-15" in read(build(checkout).page("telefonnummer/index.html"))[0]


@pytest.mark.parametrize("when,words", [("2038-01-19T10:00:00", "efter dagens datum"), ("2020-05-01T10:00:00", "före rutinens eget datum")])
def test_a_commit_date_that_cannot_be_true_is_not_printed(project, when, words):
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when, GIT_AUTHOR_NAME="Test",
               GIT_AUTHOR_EMAIL="test@example.se", GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.se")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "Rutinen"]):
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)
    result = build(project)
    assert result.returncode == 0, result.output
    assert words in result.output
    text = read(result.page("telefonnummer/index.html"))[0]
    assert "Telefonlistan: ändringsdatum okänt" in text and when[:10] not in text

def _edit(project, old, new):
    path = project / "data" / "checklists.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


MARKNING = "          - id: sv-markning\n            text: Skriv ”Lifecare SP” på kuvertet.\n"
KVITTERA = ("          - id: sv-kvittera\n            text: >-\n              Kontrollera inkomna meddelanden i Lifecare SP "
            "efter driftstoppet och\n              kvittera dem enligt rutin.\n            source: [sv-kvittera]\n")


def test_a_step_rewritten_under_its_id_is_said_even_with_q(checkout):
    # Its ticks stay with the id: every browser that ticked "Skriv … på kuvertet" shows the new step as done.
    _edit(checkout, MARKNING, "          - id: sv-markning\n            text: Lämna blanketterna till avdelningschefen.\n")
    result = build(checkout, "-q")
    assert result.returncode == 0, result.output
    assert ('OBS     -  Checklistornas bockar: ändrad text i punkt "sv-markning": Skriv ”Lifecare SP” på kuvertet. → '
            "Lämna blanketterna till avdelningschefen. (webbläsare som bockat av punkten visar den nya texten som gjord; "
            "är det ett annat steg, ge det ett nytt id)") in result.output, result.output


def test_the_build_reports_steps_added_removed_and_reworded(checkout):
    _edit(checkout, MARKNING, "          - id: sv-markning\n            text: Skriv ”Lifecare SP” tydligt på kuvertet.\n")
    _edit(checkout, "          - use: kvittera-nya\n", "")
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert "Checklistorna skiljer sig från senaste incheckningen" in result.output
    assert 'ändrad text i punkt "sv-markning": Skriv ”Lifecare SP” på kuvertet. → Skriv ”Lifecare SP” tydligt på kuvertet.' in result.output
    # (kvittera-nya is still used by another role, so it is not gone.)
    _edit(checkout, "          - id: sv-kvittera\n", "          - id: sv-kvittera-ny\n")
    result = build(checkout)
    assert 'borttagen punkt "sv-kvittera"' in result.output and "glömmer bocken" in result.output
    assert 'ny punkt "sv-kvittera-ny"' in result.output


def test_an_id_used_before_for_another_step_is_refused(checkout):
    from tests.data import build_fails
    _edit(checkout, KVITTERA, "")
    _git(checkout, "commit", "-qam", "Punkten om kvittens tas bort")
    # Later someone gives the old id to a new step.
    _edit(checkout, "          - id: sv-internpost\n", "          - id: sv-kvittera\n            text: Ring Servicedesk igen.\n"
          "            source: [sv-kvittera]\n          - id: sv-internpost\n")
    output = build_fails(checkout, 'punkten "sv-kvittera" får ett id som en tidigare punkt hade', "Ge den nya punkten ett nytt id")
    assert "Kontrollera inkomna meddelanden i Lifecare SP efter driftstoppet och kvittera dem enligt rutin." in output


def _edit_file(project, name, old, new):
    path = project / "data" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_build_reports_forms_contacts_and_items_without_a_box(checkout):
    _edit_file(checkout, "forms.yml", "  - label: Personnummer\n", "  - label: Personnummer (12 siffror)\n")
    _edit_file(checkout, "forms.yml", "    proposal_of: blanketten för registrering vid driftstopp\n", "")
    _edit_file(checkout, "contacts.yml", "        ask_for: Säg att Lifecare SP har driftstopp\n", "")
    _edit_file(checkout, "checklists.yml", "kommunicerad information behöver inte föras in retroaktivt.",
               "kommunicerad information behöver inte föras in.")
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert "Blanketterna skiljer sig från senaste incheckningen (data/forms.yml):" in result.output
    assert 'ändrade fält i blankett "slutenvard": proposal_of' in result.output
    assert "ändrat i det som alla blanketter delar: register_header" in result.output
    assert 'ändrade fält i post "servicedesk" (Servicedesk, Region Västernorrland): ask_for' in result.output
    # What the field said is shown, not only its name.
    assert "ask_for: Säg att Lifecare SP har driftstopp → –" in result.output
    # A rule has no box, but a change to its words is reported all the same.
    assert "behöver inte föras in retroaktivt. → " in result.output
    assert "glömmer bocken" not in result.output


def test_a_comment_line_that_ends_a_folded_text_shows_what_was_cut(checkout):
    # A line commented out inside a folded text (>-) ends the text there: YAML reads it as a comment.
    _edit_file(checkout, "checklists.yml", "          och därefter kasseras. Dokumentägaren har fått frågan om vilket som\n",
               "        # och därefter kasseras. Dokumentägaren har fått frågan om vilket som\n")
    _edit_file(checkout, "checklists.yml", "\n          gäller.\n", "\n        # gäller.\n")
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert 'ändrade fält i fasen "slutenvard/skicka": note' in result.output
    assert 'note: "…i patientens journal och därefter kasseras. Dokumentägaren har fått frågan om vilket som gäller." → "…i patientens journal"' in result.output


def test_a_cut_off_file_is_seen_in_the_report(checkout):
    # An interrupted save: the checklists file loses its last line and still reads as YAML. The step it
    # drops is a shared one, still in other roles, so only the report can tell.
    path = checkout / "data" / "checklists.yml"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("          - use: kvittera-nya\n")
    path.write_text(text[: -len("          - use: kvittera-nya\n")], encoding="utf-8")
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert "Checklistorna skiljer sig från senaste incheckningen" in result.output
    assert 'punkten "kvittera-nya" står inte längre i rollen "primarvard", fasen "efter"' in result.output


def test_two_steps_that_swap_their_words_are_refused(checkout):
    from tests.data import build_fails
    markning = "Skriv ”Lifecare SP” på kuvertet."
    internpost = "Lägg kuvertet i ett internkuvert och skicka det via internposten till ansvarig systemförvaltare."
    _edit(checkout, f"text: {markning}\n", "text: PLACEHOLDER\n")
    _edit(checkout, f"text: {internpost}\n", f"text: {markning}\n")
    _edit(checkout, "text: PLACEHOLDER\n", f"text: {internpost}\n")
    build_fails(checkout, 'punkten "sv-markning" har fått texten som punkten "sv-internpost" hade', "Flytta inte text mellan id")


def test_a_renamed_role_is_reported_with_its_lost_ticks(checkout):
    # (Renaming a role means renaming its page, forms and tables too; the report is what tells of the ticks.)
    from lifecare_site import changes, yamlfile
    path = checkout / "data" / "checklists.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - id: primarvard\n", "  - id: oppenvard\n", 1),
                    encoding="utf-8")
    problems, report = changes.step_changes(checkout, yamlfile.loads(path.read_bytes(), "data/checklists.yml"))
    assert not problems
    assert 'borttagen roll "primarvard": webbläsare som har bockat av i rollens checklista glömmer alla bockarna' in report
    assert 'ny roll "oppenvard"' in report


def test_renaming_the_site_keeps_the_browsers_ticks(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: Avbrottsrutin Lifecare SP",
                                                                 "site_name: Avbrottsrutin för Lifecare SP"), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    assert 'data-lc-storage-key="avbrottsrutin-lifecare-sp:checklista:kommun"' in result.page("kommun/index.html")


def test_a_row_gone_from_a_table_or_a_blankett_is_reported_by_name(checkout):
    _edit_file(checkout, "decisions.yml", "  - from: slutenvard\n    to: primarvard\n"
               "    items: [sv-ring-primarvard, sv-ring-psykiatri]\n    source: [sv-kontakta-primarvard, sv-kontakta-psykiatri]\n", "")
    _edit_file(checkout, "forms.yml", "      - sv-beraknat-utskrivningsdatum\n", "")
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert "Tabellerna och hjälpen skiljer sig från senaste incheckningen (data/decisions.yml):" in result.output
    assert "communication: borttaget {from: slutenvard, to: primarvard" in result.output
    assert 'ändrade fält i blankett "slutenvard": information' in result.output
    assert "information: borttaget sv-beraknat-utskrivningsdatum" in result.output


def test_a_step_moved_out_of_a_role_says_its_ticks_are_lost(checkout):
    _edit(checkout, "          - use: kvittera-alla\n", "")
    result = build(checkout)
    assert 'punkten "kvittera-alla" står inte längre i rollen' in result.output
    assert "där glömmer bocken" in result.output


def test_ticks_that_will_be_forgotten_are_said_even_with_q(checkout):
    _edit(checkout, "          - id: sv-kvittera\n", "          - id: sv-kvittera-ny\n")
    result = build(checkout, "-q")
    assert result.returncode == 0, result.output
    assert 'OBS     -  Checklistornas bockar: borttagen punkt "sv-kvittera"' in result.output


def _swap_markning_and_internpost(checkout):
    markning = "Skriv ”Lifecare SP” på kuvertet."
    internpost = "Lägg kuvertet i ett internkuvert och skicka det via internposten till ansvarig systemförvaltare."
    _edit(checkout, f"text: {markning}\n", "text: PLACEHOLDER\n")
    _edit(checkout, f"text: {internpost}\n", f"text: {markning}\n")
    _edit(checkout, "text: PLACEHOLDER\n", f"text: {internpost}\n")


def test_a_swap_that_is_already_committed_is_refused_too(checkout):
    # The editor commits first, or IT builds a fresh checkout: the last change of the file is what is checked.
    from tests.data import build_fails
    _swap_markning_and_internpost(checkout)
    _git(checkout, "commit", "-qam", "Byt plats")
    build_fails(checkout, 'punkten "sv-markning" har fått texten som punkten "sv-internpost" hade')


def test_a_committed_file_that_cannot_be_read_is_said_instead_of_comparing_nothing(checkout):
    path = checkout / "data" / "checklists.yml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("  - id: slutenvard\n", "  - id: slutenvard\n\tbroken: x\n", 1), encoding="utf-8")
    _git(checkout, "commit", "-qam", "Trasig")
    path.write_text(good, encoding="utf-8")
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert "OBS     -  Checklistornas bockar: data/checklists.yml i den incheckning bygget jämför med går inte att läsa" in result.output


def test_a_project_in_a_folder_of_a_larger_repository_is_compared_with_its_history(tmp_path):
    from tests.conftest import copy_project
    outer = tmp_path / "intranat"
    project = copy_project(outer / "avbrottsrutin")
    _git(outer, "init", "-q")
    _git(outer, "add", "-A")
    _git(outer, "commit", "-qm", "Rutinen")
    _set_phone(project, "phone: 060-16 31 00", "phone: 060-16 32 00")
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Timrå kommun: 060-16 31 00 → 060-16 32 00" in result.output
    assert "Ingen git-historik" not in result.output


def test_a_swap_reworded_on_the_way_is_refused_by_its_passages(checkout):
    from tests.data import build_fails
    path = checkout / "data" / "checklists.yml"
    text = path.read_text(encoding="utf-8")
    old = ("          - id: sv-kuvert\n            text: >-\n              Stoppa ner blanketterna i ett kuvert och förslut det, eftersom\n"
           "              blanketterna innehåller känslig information.\n            source: [sv-kuvert-1]\n"
           "          - id: sv-markning\n            text: Skriv ”Lifecare SP” på kuvertet.\n            form: kuvertetikett\n"
           "            source: [sv-kuvert-2]\n")
    new = ("          - id: sv-kuvert\n            text: Skriv \"Lifecare SP\" på kuvertet.\n            form: kuvertetikett\n"
           "            source: [sv-kuvert-2]\n"
           "          - id: sv-markning\n            text: >-\n              Stoppa ner blanketterna i ett kuvert och förslut det, eftersom\n"
           "              de innehåller känslig information.\n            source: [sv-kuvert-1]\n")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    build_fails(checkout, 'punkten "sv-kuvert" har fått både ny text och de stycken i rutinen (source) som punkten "sv-markning" hade')


def test_a_swap_hidden_by_a_later_commit_is_refused_against_the_last_built_site(checkout):
    first = build(checkout)
    assert first.returncode == 0, first.output
    assert '"sv-markning": "Skriv ”Lifecare SP” på kuvertet."' in (first.site / "lc-bockar.json").read_text(encoding="utf-8")
    _swap_markning_and_internpost(checkout)
    _git(checkout, "commit", "-qam", "Byt plats")
    _edit(checkout, "Kvittera alla meddelanden", "Kvittera alla meddelanden, ett i taget,")
    _git(checkout, "commit", "-qam", "Något annat")
    # Git compares only with the version before the last commit; the site built before the swap still knows.
    # (The earlier site is left as it was: make build publishes only a build that passes.)
    refused = build(checkout)
    assert refused.returncode != 0
    assert 'punkten "sv-markning" har fått texten som punkten "sv-internpost" hade på den senast byggda webbplatsen' \
        in refused.output
    assert "Traceback" not in refused.output


def test_a_step_gone_since_the_last_built_site_is_said(checkout):
    assert build(checkout).returncode == 0
    _edit(checkout, KVITTERA, "")
    _git(checkout, "commit", "-qam", "Bort")
    _edit(checkout, "Kvittera alla meddelanden", "Kvittera alla meddelanden, ett i taget,")
    _git(checkout, "commit", "-qam", "Något annat")
    result = build(checkout, "-q")
    assert result.returncode == 0, result.output
    assert 'OBS     -  Checklistornas bockar: punkten "sv-kvittera"' in result.output
    assert "fanns på den senast byggda webbplatsen men inte nu" in result.output


KUVERT = ("          - id: sv-kuvert\n            text: >-\n              Stoppa ner blanketterna i ett kuvert och förslut det, "
          "eftersom\n              blanketterna innehåller känslig information.\n            source: [sv-kuvert-1]\n")


def test_a_step_inserted_by_rewriting_the_one_below_is_refused(checkout):
    # The editor "inserts a step above": the old id gets the new words, the old words move to a new id.
    _edit(checkout, KUVERT, "          - id: sv-kuvert\n            text: Samla ihop avdelningens alla blanketter.\n"
                            "            source: [sv-skicka-nar]\n" + KUVERT.replace("id: sv-kuvert\n", "id: sv-kuvert-forslut\n"))
    result = build(checkout, "-q")
    assert result.returncode != 0
    assert 'punkten "sv-kuvert" har fått nya ord, och orden den hade står nu på den nya punkten "sv-kuvert-forslut"' \
        in result.output
    assert "Traceback" not in result.output


def test_a_step_inserted_so_is_refused_against_the_last_built_site_too(checkout):
    assert build(checkout).returncode == 0
    _edit(checkout, KUVERT, "          - id: sv-kuvert\n            text: Samla ihop avdelningens alla blanketter.\n"
                            "            source: [sv-skicka-nar]\n" + KUVERT.replace("id: sv-kuvert\n", "id: sv-kuvert-forslut\n"))
    _git(checkout, "commit", "-qam", "Nytt steg")
    _edit(checkout, "Kvittera alla meddelanden", "Kvittera alla meddelanden, ett i taget,")
    _git(checkout, "commit", "-qam", "Något annat")
    result = build(checkout, "-q")
    assert result.returncode != 0
    assert 'orden den hade på den senast byggda webbplatsen står nu på den nya punkten "sv-kuvert-forslut"' in result.output


def test_a_step_taken_out_of_one_role_is_said_against_the_last_built_site(checkout):
    first = build(checkout)
    assert first.returncode == 0, first.output
    assert '"kommun": [' in (first.site / "lc-bockar.json").read_text(encoding="utf-8")
    # kvittera-alla leaves kommun's checklist but stays in primärvård's; a later commit hides it from git.
    path = checkout / "data" / "checklists.yml"
    text = path.read_text(encoding="utf-8")
    at = text.index("          - use: kvittera-alla\n")
    path.write_text(text[:at] + text[at:].replace("          - use: kvittera-alla\n", "", 1), encoding="utf-8")
    _git(checkout, "commit", "-qam", "Bort ur kommunens lista")
    _edit(checkout, "Kvittera alla meddelanden", "Kvittera alla meddelanden, ett i taget,")
    _git(checkout, "commit", "-qam", "Något annat")
    result = build(checkout, "-q")
    assert result.returncode == 0, result.output
    # Said once that its ticks in kommun's list are forgotten (and, apart, that its words changed).
    roles = [line for line in result.output.splitlines() if "kvittera-alla" in line and "OBS" in line and "glömmer" in line]
    assert len(roles) == 1 and "glömmer bocken" in roles[0] and "senast byggda webbplatsen" in roles[0], result.output


def test_a_routine_passage_that_names_one_municipality_and_gives_anothers_number_is_refused(checkout):
    _edit_file(checkout, "routine.yml", "text: Ånge {phone:ange}", "text: Ånge {phone:timra}")
    result = build(checkout)
    assert result.returncode != 0
    assert 'punkt "tel-ange": texten nämner Ånge kommun men "{phone:timra}" är posten "timra" (Timrå kommun). ' \
           "Skriv {phone:ange}" in result.output


def test_a_changed_routine_passage_is_shown_as_it_was_and_is(checkout):
    _edit_file(checkout, "routine.yml", "text: Ånge {phone:ange}", "text: Ånge kommun {phone:ange}")
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert 'Rutinens stycke "tel-ange" har ändrats sedan senaste incheckningen (data/routine.yml): ' \
           '"Ånge {phone:ange}" → "Ånge kommun {phone:ange}"' in result.output


def test_a_contact_moved_to_another_group_is_said(checkout):
    entry = "      - id: ornskoldsvik\n        name: Örnsköldsviks kommun\n        phone: 0660-880 00\n"
    _edit_file(checkout, "contacts.yml", entry, "")
    _edit_file(checkout, "contacts.yml", "      - id: region-vaxel\n", entry + "      - id: region-vaxel\n")
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert 'posten "ornskoldsvik" har flyttats från gruppen "kommuner" till gruppen "region"' in result.output


def test_a_step_given_other_words_and_other_passages_under_its_id_is_said_even_with_q(checkout):
    _edit(checkout, KVITTERA, "          - id: sv-kvittera\n            text: Meddela avdelningschefen att driftstoppet är över.\n"
                              "            added: Webbplatsens förslag.\n")
    result = build(checkout, "-q")
    assert result.returncode == 0, result.output
    assert 'OBS     -  Checklistornas bockar: punkten "sv-kvittera" har fått nya ord och andra stycken i rutinen' in result.output


def test_without_a_last_built_site_the_build_says_that_older_removals_are_not_seen(checkout):
    # A fresh clone, or after make clean: no site/lc-bockar.json to compare with, said even with -q.
    result = build(checkout, "-q")
    assert result.returncode == 0, result.output
    assert result.output.count("ingen tidigare byggd webbplats att jämföra med (lc-bockar.json i site/)") == 1
    (checkout / "site").mkdir()
    (checkout / "site" / "lc-bockar.json").write_bytes((result.site / "lc-bockar.json").read_bytes())
    assert "ingen tidigare byggd webbplats" not in build(checkout, "-q").output


def test_a_routine_passage_that_shows_another_contacts_number_is_said_even_with_q(checkout):
    _edit_file(checkout, "routine.yml", "{phone:servicedesk} eller ärendeportal", "{phone:region-vaxel} eller ärendeportal")
    result = build(checkout, "-q")
    assert 'OBS     -  Rutinens stycke "it-region" visar nu andra nummer eller adresser' in result.output, result.output
    assert "{phone:servicedesk}" in result.output and "{phone:region-vaxel}" in result.output
    # And here the words name the first contact ("kontaktar Servicedesk via telefonnummer"): the finished site shows
    # the switchboard's number beside Servicedesk's name, which is refused.
    assert result.returncode != 0
    assert ('visar numret 0611-800 00, som är numret till Region Västernorrlands växel, närmast vid namnet '
            '"Servicedesk"') in result.output
    # Words changed around the same number: no such line.
    _edit_file(checkout, "routine.yml", "{phone:region-vaxel} eller ärendeportal", "{phone:servicedesk} eller ärendeportalen")
    assert "visar nu andra nummer" not in build(checkout, "-q").output


def test_an_earlier_builds_findings_are_used_again_only_for_exactly_the_same_inputs(checkout, tmp_path, monkeypatch):
    # What a build finds before its first page is kept between builds (cache.py), under a key of everything it was
    # found from: the project's files, git's commit, the date, the code and libraries.
    from lifecare_site import cache, prepare
    from lifecare_site.errors import DataError
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    loads = []
    real_load = prepare.load
    monkeypatch.setattr(prepare, "load", lambda *a, **k: loads.append(1) or real_load(*a, **k))
    args = (checkout, checkout / "docs", checkout / "mkdocs.yml", "", [checkout / "site"])

    def build():
        prepare._last.clear()  # as a new build process starts
        return prepare.load_once(*args)[0]

    _set_phone(checkout, "060-19 10 00", "060-19 10 01")
    first = build()
    assert len(loads) == 1 and any("060-19 10 01" in line for line in first.infos)
    again = build()
    assert len(loads) == 1 and again.infos == first.infos and again.notices == first.notices
    assert again.phone_list_changed == first.phone_list_changed
    # A commit (the change report now compares with the version before it), another day, other code or libraries:
    # found anew.
    _git(checkout, "commit", "-qam", "Nytt nummer")
    committed = build()
    assert len(loads) == 2 and committed.infos != first.infos
    assert any("060-19 10 01" in line for line in committed.infos)
    assert any("versionen före den senaste incheckade ändringen" in line for line in committed.infos)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(prepare, "datetime", type("clock", (), {"date": type("d", (), {"today": staticmethod(lambda: tomorrow)})}))
    build()
    assert len(loads) == 3
    monkeypatch.setattr(cache, "code_key", lambda: "other code")
    build()
    assert len(loads) == 4
    # A load that is refused is not kept: the next build checks again, and says it again.
    _set_phone(checkout, "060-19 10 01", "060-19 10 0O")
    for _ in range(2):
        with pytest.raises(DataError):
            build()
    assert len(loads) == 6


def test_a_contact_gone_from_the_phone_list_is_said_even_with_q(checkout):
    # An entry deleted (or a file cut off after it): not only an INFO line that -q hides.
    extra = "      - id: extra\n        name: Extra kommun\n        phone: 08-500 10 00\n"
    _edit_file(checkout, "contacts.yml", "      - id: ornskoldsvik\n", extra + "      - id: ornskoldsvik\n")
    _git(checkout, "commit", "-qam", "En post till")
    _edit_file(checkout, "contacts.yml", extra, "")
    result = build(checkout, "-q")
    assert result.returncode == 0, result.output
    assert ("OBS     -  Telefonlistan: Extra kommun: borttagen (08-500 10 00). Den finns inte längre på webbplatsen; "
            "är det meningen?") in result.output
    # A number changed, not removed: the report as before, hidden by -q.
    _edit_file(checkout, "contacts.yml", "      - id: ornskoldsvik\n", extra + "      - id: ornskoldsvik\n")
    _set_phone(checkout, "08-500 10 00", "08-500 10 01")
    changed = build(checkout, "-q")
    assert changed.returncode == 0 and "Telefonlistan:" not in changed.output, changed.output


def test_a_passage_or_correction_taken_out_of_the_routine_is_said_even_with_q(checkout):
    # Its words are gone from "Hela rutinen" and "Om rutinen": not a change of words, so said on its own.
    _edit_file(checkout, "routine.yml", "          - id: tillamplighet-psykiatrisk\n            text: Psykiatrisk slutenvård\n", "")
    _edit_file(checkout, "routine.yml", "  - scan: samlar ithop\n    text: samlar ihop\n", "")
    result = build(checkout, "-q")
    assert result.returncode == 0, result.output
    assert ('OBS     -  Rutinen (data/routine.yml): sections "tillamplighet".passages "tillamplighet".items: borttagen '
            '"tillamplighet-psykiatrisk". Det syns inte längre på webbplatsen; är det meningen?') in result.output
    assert "OBS     -  Rutinen (data/routine.yml): corrections: borttaget {scan: samlar ithop, text: samlar ihop}" in result.output


def test_changes_committed_before_the_build_are_still_reported(checkout):
    # An editor who commits first and builds after: each file is compared with its version before that commit.
    _set_phone(checkout, "phone: 060-16 31 00", "phone: 060-16 32 00")
    _edit_file(checkout, "forms.yml", "  - label: Personnummer\n", "  - label: Personnummer (12 siffror)\n")
    _edit_file(checkout, "routine.yml", "text: Ånge {phone:ange}", "text: Ånge kommun {phone:ange}")
    _git(checkout, "commit", "-qam", "Nytt nummer till Timrå")
    result = build(checkout)
    assert result.returncode == 0, result.output
    before = "versionen före den senaste incheckade ändringen"
    assert f"Telefonlistan skiljer sig från {before} (" in result.output, result.output
    assert "Timrå kommun: 060-16 31 00 → 060-16 32 00" in result.output
    assert f"Blanketterna skiljer sig från {before} (" in result.output
    assert f'Rutinens stycke "tel-ange" har ändrats sedan {before} (' in result.output
    # Files the commit did not change are as they were: nothing is said of them.
    assert "Checklistorna skiljer sig" not in result.output
    assert "Tabellerna och hjälpen skiljer sig" not in result.output


def test_a_data_file_taken_out_of_git_is_said_even_with_q_and_its_date_is_unknown(checkout):
    # git rm --cached and a commit: the file is still here, but no commit says what changed in it, or when.
    _git(checkout, "rm", "-q", "--cached", "data/contacts.yml")
    _git(checkout, "commit", "-qm", "Telefonlistan ur git")
    _set_phone(checkout, "phone: 060-16 31 00", "phone: 060-16 32 00")
    result = build(checkout, "-q")
    assert result.returncode == 0, result.output
    assert "OBS     -  data/contacts.yml är inte incheckad i git (aldrig tillagd, eller borttagen ur git med git rm " \
           "--cached)" in result.output, result.output
    assert "Telefonlistan: ändringsdatum okänt" in read(result.page("telefonnummer/index.html"))[0]


def test_an_empty_history_is_said_as_such(project):
    # git init and nothing committed: not a folder git refuses ("dubious ownership").
    _git(project, "init", "-q")
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Git-historiken är tom: mappen är en git-mapp (git init) men inget är incheckat än" in result.output
    assert "dubious ownership" not in result.output and "Ingen git-historik" not in result.output


def test_an_uncommitted_change_on_a_clock_before_the_routines_date_gives_no_date(checkout, monkeypatch):
    from lifecare_site import changes
    _set_phone(checkout, "phone: 060-16 31 00", "phone: 060-16 32 00")
    monkeypatch.setattr(changes, "datetime", type("clock", (), {"date": type("d", (), {
        "today": staticmethod(lambda: datetime.date(2019, 3, 1))})}))
    date, why = changes.phone_list_date(checkout, "2024-05-01")
    assert date is None and "dagens datum enligt datorn (2019-03-01) är före rutinens eget datum 2024-05-01" in why


def test_after_a_merge_the_change_it_brought_is_reported(checkout):
    # A change made on a branch, committed later in the day than one on main, then merged: compared in date order,
    # the merge's own change would be left out.
    _git(checkout, "checkout", "-qb", "timra")
    _set_phone(checkout, "phone: 060-16 31 00", "phone: 060-16 32 00")
    subprocess.run(["git", "commit", "-qam", "Timrå"], cwd=checkout, check=True, capture_output=True,
                   env=dict(os.environ, GIT_AUTHOR_DATE="2026-01-16T12:00:00", GIT_COMMITTER_DATE="2026-01-16T12:00:00",
                            GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="t@example.se", GIT_COMMITTER_NAME="Test",
                            GIT_COMMITTER_EMAIL="t@example.se"))
    _git(checkout, "checkout", "-q", "-")
    _set_phone(checkout, "phone: 0612-800 00", "phone: 0612-800 01")
    _git(checkout, "commit", "-qam", "Kramfors")
    _git(checkout, "merge", "-q", "--no-edit", "timra")
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert "Timrå kommun: 060-16 31 00 → 060-16 32 00" in result.output, result.output


@pytest.mark.parametrize("committed,words", [
    # A version the report compares with that has another shape, or is not YAML at all: said, and the build goes on.
    (lambda text: text.replace("      - id: timra\n", "      - id: [timra]\n", 1), "har en form som ändringsrapporten inte kan läsa"),
    (lambda text: "groups: [\n", "går inte att läsa (som YAML)"),
], ids=["other-shape", "broken-yaml"])
def test_a_broken_committed_version_is_said_and_does_not_stop_the_build(checkout, committed, words):
    path = checkout / "data" / "contacts.yml"
    good = path.read_text(encoding="utf-8")
    path.write_text(committed(good), encoding="utf-8")
    _git(checkout, "commit", "-qam", "Trasig telefonlista")
    path.write_text(good, encoding="utf-8")
    _set_phone(checkout, "phone: 060-16 31 00", "phone: 060-16 32 00")
    result = build(checkout, "-q")
    assert result.returncode == 0, result.output
    assert f"OBS     -  data/contacts.yml i den incheckning bygget jämför med (HEAD) {words}" in result.output, result.output
    assert "Traceback" not in result.output and "lifecare_site/changes.py" not in result.output


def test_a_change_of_line_endings_only_keeps_the_commits_date(checkout):
    # Saved with Windows line endings and nothing else: the phone list is the same, and so is its date.
    path = checkout / "data" / "contacts.yml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert "Telefonlistan ändrad 2026-01-15" in read(result.page("telefonnummer/index.html"))[0]


def test_a_change_in_what_all_forms_share_is_shown_as_it_was_and_is(checkout):
    _edit_file(checkout, "forms.yml", "  - label: Personnummer\n", "  - label: Personnr\n")
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert "ändrat i det som alla blanketter delar: register_header" in result.output
    assert "register_header: borttaget {label: Personnummer, width: 25}" in result.output
    assert "register_header: nytt {label: Personnr, width: 25}" in result.output
