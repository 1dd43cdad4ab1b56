"""The routine's words, and ours marked: Hela rutinen is the routine (held against the scan itself), every
element names its passage or says it is the site's addition, and the build checks both."""
import difflib
import re
import subprocess

import pytest
import yaml

from tests.conftest import ROOT, build, copy_project
from tests.data import build_fails, edit_data
from tests.htmltext import read

SCAN = ROOT.parent / "shared" / "seeds" / "000_ec9ce1c9fd652eb1.txt"
VOWELS = set("aeiouyåäöéèáàüëïíóú")


def _skeleton(word):
    # The scan breaks å/ä/ö into a, d, i, é, 4, 6, &: keep only consonants, and drop d, which the scan also
    # writes for ä (Gdller, ldnet). What is left is the same for the scan and for correct Swedish.
    return "".join(c for c in word.lower() if c.isalpha() and c not in VOWELS and c != "d")


def _skeletons(text):
    return [s for s in (_skeleton(w) for w in re.split(r"[\s/–—\-:;,.()”“\"’']+", text)) if len(s) >= 2]


def _main_text(html):
    body = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    return read(body)[0]


@pytest.fixture(scope="module")
def routine_page(site):
    return _main_text(site.page("rutinen/index.html"))


@pytest.mark.skipif(not SCAN.is_file(), reason="the scan of the routine is not beside the project")
def test_hela_rutinen_has_the_routines_words_in_its_order_and_little_else(routine_page):
    scan, page = _skeletons(SCAN.read_text(encoding="utf-8")), _skeletons(routine_page)
    matcher = difflib.SequenceMatcher(None, scan, page, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    assert matched / len(scan) >= 0.9, f"only {matched} of the scan's {len(scan)} words are on the page, in order"
    assert matched / len(page) >= 0.9, f"only {matched} of the page's {len(page)} words are the routine's"


def _words(text):
    return [w for w in re.split(r"[\s/–—\-:;,.()”“\"’']+", text) if len(_skeleton(w)) >= 2]


def _case_changes(scan_text, page_text):
    """Words of the page that match a word of the scan (in order) but not in its capital letters."""
    scan, page = _words(scan_text), _words(page_text)
    matcher = difflib.SequenceMatcher(None, [_skeleton(w) for w in scan], [_skeleton(w) for w in page], autojunk=False)
    return [(scan[block.a + k], page[block.b + k]) for block in matcher.get_matching_blocks() for k in range(block.size)
            if scan[block.a + k][:1].isupper() != page[block.b + k][:1].isupper()]


@pytest.mark.skipif(not SCAN.is_file(), reason="the scan of the routine is not beside the project")
def test_every_change_of_capital_letters_is_a_listed_correction(site):
    html = site.page("rutinen/index.html")
    # The document control is data/document.yml's, not the routine's text (the scan writes "EJ BESLUTAD").
    html = re.sub(r'<aside class="lc-doc-control".*?</aside>', "", html, flags=re.S)
    corrections = yaml.safe_load((ROOT / "data" / "routine.yml").read_text(encoding="utf-8"))["corrections"]
    corrected = {word for correction in corrections for word in _words(correction["text"])}
    unlisted = [pair for pair in _case_changes(SCAN.read_text(encoding="utf-8"), _main_text(html)) if pair[1] not in corrected]
    assert unlisted == []


@pytest.mark.skipif(not SCAN.is_file(), reason="the scan of the routine is not beside the project")
def test_each_correction_is_in_the_scan_and_on_hela_rutinen(routine_page):
    scan = " ".join(_skeletons(SCAN.read_text(encoding="utf-8")))
    page = " ".join(routine_page.split())
    for correction in yaml.safe_load((ROOT / "data" / "routine.yml").read_text(encoding="utf-8"))["corrections"]:
        assert " ".join(_skeletons(correction["scan"])) in scan, correction["scan"]
        assert " ".join(correction["text"].split()) in page, correction["text"]


def test_an_unlisted_change_of_capital_letters_is_found():
    """Negative control for the test above."""
    assert _case_changes("Region Västernorrlands växel", "region Västernorrlands växel") == [("Region", "region")]
    assert _case_changes("Region Västernorrlands växel", "Region Västernorrlands växel") == []


def test_a_page_that_adds_the_sites_help_to_hela_rutinen_fails_the_comparison(site):
    """Negative control: the role page (checklist, Gör först, scripts) is not the routine."""
    scan, page = _skeletons(SCAN.read_text(encoding="utf-8")), _skeletons(_main_text(site.page("slutenvard/index.html")))
    matcher = difflib.SequenceMatcher(None, scan, page, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    assert matched / len(page) < 0.9


def test_hela_rutinen_holds_no_site_help(routine_page):
    for words in ("Gör först", "Rutinens text", "Ska patienten efterregistreras", "Säg att Lifecare SP har driftstopp",
                  "För varje patient", "Webbplatsens"):
        assert words not in routine_page, words
    assert "Fastställd av" in routine_page and "EJ BESLUTAD" in routine_page.upper()


def test_the_routines_facts_come_from_data(project):
    edit_data(project, "contacts.yml", "phone: 060-16 31 00", "phone: 060-16 32 00")
    result = build(project)
    assert result.returncode == 0, result.output
    text = _main_text(result.page("rutinen/index.html"))
    assert "Timrå 060-16 32 00" in text and "060-16 31 00" not in text


def test_every_correction_of_the_scan_is_listed_on_om_rutinen(site):
    text = read(site.page("om-rutinen/index.html"))[0]
    corrections = yaml.safe_load((ROOT / "data" / "routine.yml").read_text(encoding="utf-8"))["corrections"]
    assert corrections
    for correction in corrections:
        assert " ".join(correction["text"].split()) in text


def test_an_element_without_source_or_added_mark_is_refused(project):
    edit_data(project, "checklists.yml", "          - id: sv-kvittera\n            text: >-\n              Kontrollera inkomna meddelanden i Lifecare SP efter driftstoppet och\n              kvittera dem enligt rutin.\n            source: [sv-kvittera]\n",
              "          - id: sv-kvittera\n            text: >-\n              Kontrollera inkomna meddelanden i Lifecare SP efter driftstoppet och\n              kvittera dem enligt rutin.\n")
    build_fails(project, "data/checklists.yml", 'punkt "sv-kvittera"', "saknar källa")


def test_a_source_that_does_not_exist_is_refused(project):
    edit_data(project, "checklists.yml", "source: [sv-kvittera]", "source: [sv-kvitera]")
    build_fails(project, "data/checklists.yml", 'punkt "sv-kvittera"', 'stycket "sv-kvitera" finns inte i data/routine.yml')


def test_a_marked_element_builds(project):
    """Control for the two above: the same item with an added mark instead of a source builds."""
    edit_data(project, "checklists.yml", "source: [sv-kvittera]", "added: Ett test.")
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Ett test." in read(result.page("om-rutinen/index.html"))[0]


def test_a_form_field_and_a_contact_need_marks_too(project):
    edit_data(project, "forms.yml", "    source: [sv-notera-namn, km-kontaktperson, pv-notera]\n", "")
    edit_data(project, "contacts.yml", "        source: [sv-kuvert-3]\n", "")
    edit_data(project, "contacts.yml", "    source: [sv-skicka-nar, sv-kuvert]\n", "")
    build_fails(project, 'kolumn "Kommentar', 'post "lifecare-forvaltningen"', "saknar källa")


def test_a_passage_no_element_carries_is_listed(project):
    edit_data(project, "routine.yml", "      - id: sip-checklista\n", "      - id: sip-ny-mening\n")
    edit_data(project, "checklists.yml", "source: [sv-kvittera]", "added: Ett test.")
    page = project / "docs" / "primarvard.md"
    page.write_text(page.read_text(encoding="utf-8").replace(', "sip-checklista"', ""), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    listed = result.output.split("som inget steg, ingen blankett och ingen sida bär: ", 1)[1].split(". ", 1)[0]
    assert listed.split(", ") == ["sv-kvittera", "sip-ny-mening"]


def test_the_shipped_data_leaves_no_passage_uncovered(site):
    assert "som inget steg, ingen blankett och ingen sida bär" not in site.output


def test_a_page_naming_an_unknown_passage_is_refused(project):
    page = project / "docs" / "kommun.md"
    page.write_text(page.read_text(encoding="utf-8").replace('"km-samtliga"', '"km-samtlig"'), encoding="utf-8")
    build_fails(project, "docs/kommun.md", 'stycket "km-samtlig", som inte finns i data/routine.yml')


def test_a_fact_in_the_routine_must_exist(project):
    edit_data(project, "routine.yml", "{phone:timra}", "{phone:timraa}")
    edit_data(project, "routine.yml", "{phone:ange}", "{fax:ange}")
    build_fails(project, '"{phone:timraa}": posten "timraa" finns inte', '"{fax:ange}" är ingen uppgift')


def test_om_rutinen_lists_every_addition_from_data_grouped_by_page(site):
    html = site.page("om-rutinen/index.html")
    text = read(html)[0]
    added = []
    for name in ("checklists", "contacts", "forms", "decisions"):
        found = re.findall(r"^\s*added: (?:>-\n)?((?:.+\n)+?)(?=\s*[a-z_]+:|\s*- |\Z)", (ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"), re.M)
        added += [" ".join(chunk.split()) for chunk in found]
    assert len(added) >= 8
    for reason in added:
        assert reason in text, reason
    for page in ("Slutenvård", "Telefonnummer", "Stödblankett för SIP under driftstopp"):
        assert f"<h3>{page}</h3>" in html


def test_role_pages_show_the_routines_words_under_each_step_and_printouts_leave_them_out(site):
    html = site.page("kommun/index.html")
    assert html.count('<details class="lc-source">') >= 8
    assert "<details class=\"lc-source\" open" not in html
    first = html.split('<details class="lc-source">', 1)[1].split("</details>", 1)[0]
    assert "Rutinens text" in first and "Kommuner i länet: kontaktar respektive kommuns IT-support." in read(first)[0]
    css = (ROOT / "docs" / "assets" / "stylesheets" / "lc-checklist.css").read_text(encoding="utf-8")
    assert re.search(r"@media print\s*{[^}]*\.lc-source[^{]*{\s*display:\s*none", css)


def _git(project, *args):
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


def test_a_changed_passage_names_the_items_that_cite_it(project):
    _git(project, "init", "-q")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    edit_data(project, "routine.yml", "Blanketten kan skannas in i patientens journal, och därefter kasseras.",
              "Blanketten ska skannas in i patientens journal, och därefter kasseras.")
    result = build(project)
    assert result.returncode == 0, result.output
    line = next(line for line in result.output.splitlines() if 'stycke "sv-skanna" har ändrats' in line)
    assert 'punkt "sv-skanna" (data/checklists.yml)' in line
    assert 'stycke "sv-notera-datum"' not in result.output


@pytest.mark.parametrize("form", ["slutenvard", "kommun", "primarvard", "sip"])
def test_the_sites_own_blanketter_say_they_are_proposals(site, form):
    text = read(site.page(f"blanketter/{form}/index.html"))[0]
    assert "Webbplatsens förslag. Blanketten är inte bekräftad av dokumentägaren." in text
    assert "Rutinen hänvisar till vårdgivarwebben för" in text


def test_a_confirmed_blankett_drops_the_note_and_the_envelope_label_never_had_it(project):
    edit_data(project, "forms.yml", "    proposal_of: blanketten för registrering vid driftstopp\n    information:\n      - km-svara",
              "    proposal_of: blanketten för registrering vid driftstopp\n    confirmed: true\n    information:\n      - km-svara")
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Webbplatsens förslag" not in read(result.page("blanketter/kommun/index.html"))[0]
    assert "Webbplatsens förslag" in read(result.page("blanketter/slutenvard/index.html"))[0]
    assert "Webbplatsens förslag" not in read(result.page("blanketter/kuvertetikett/index.html"))[0]


# Words that set the force or reach of a step. A step that says one of them must have it from its passages.
FORCE_WORDS = ["vid behov", "samtliga", "alla", "ska", "får inte", "måste", "bör", "inte"]


def _passage_texts():
    texts = {}

    def walk(node):
        if isinstance(node, dict):
            if "id" in node and ("text" in node or "lead" in node):
                texts[node["id"]] = " ".join(
                    [str(node.get(k, "")) for k in ("lead", "text", "detail")]
                    + [str(item.get("text", "")) for item in node.get("items", []) or [] if isinstance(item, dict)])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load((ROOT / "data" / "routine.yml").read_text(encoding="utf-8"))["sections"])
    return texts


def _words_added(items, texts):
    found = []
    for item in items:
        cited = " ".join(texts.get(ident, "") for ident in item.get("source", [])).lower()
        for word in FORCE_WORDS:
            pattern = rf"\b{word}\b"
            if re.search(pattern, item["text"].lower()) and not re.search(pattern, cited):
                found.append((item["id"], word))
    return found


def test_no_step_says_vid_behov_samtliga_ska_or_inte_where_its_passages_do_not():
    data = yaml.safe_load((ROOT / "data" / "checklists.yml").read_text(encoding="utf-8"))
    items = list(data["shared_items"]) + [item for role in data["roles"] for phase in role["phases"]
                                          for item in phase["items"] if "id" in item]
    texts = _passage_texts()
    assert _words_added(items, texts) == []
    # Negative control: the wording this test was written against.
    old = {"id": "sv-blankett", "source": ["sv-blankett-stod"],
           "text": "Notera vid behov på blanketten för registrering vid driftstopp den information som hämtats."}
    assert _words_added([old], texts) == [("sv-blankett", "vid behov")]


def test_the_sites_readings_and_proposals_on_a_role_page_are_marked_where_they_stand(site):
    html = site.page("slutenvard/index.html")
    text = read(html)[0]
    # Which patients a task is for is the site's reading, said beside the task, not only in "Rutinens text".
    assert text.count("Webbplatsens upplysning: gäller patienter som") == 3
    # The per-patient blankett is offered, as the site's proposal, where steps are noted on it; not under
    # "dokumentera", whose steps name the blankett themselves.
    assert "Webbplatsens förslag: du kan anteckna det på blanketten för registrering vid driftstopp" in text
    dokumentera = html.split('id="lc-slutenvard-dokumentera"', 1)[1].split("</section>", 1)[0]
    assert "lc-checklist__sheet" not in dokumentera
    # The step says whom to ask for; the switchboard's own "Fråga efter" is not set beside it.
    ring = html.split('data-lc-step="sv-ring-primarvard"', 1)[1].split("</li>", 1)[0]
    assert "Fråga efter aktuell avdelning/enhet" not in read(ring)[0]
    assert "Eller ring direktnumret till aktuell avdelning/enhet." in read(ring)[0]


def test_the_helper_the_blankett_and_the_contacts_table_say_they_are_the_sites(site):
    assert "hjälpen sammanställer rutinens regler" in read(site.page("i-drift-igen/index.html"))[0]
    assert "(webbplatsens sammanställning av rutinens regler)" in read(site.page("blanketter/slutenvard/index.html"))[0]
    gemensamt = read(site.page("gemensamt/index.html"))[0]
    assert "Webbplatsens upplysning: Tabellen samlar stegen ur rollernas checklistor." in gemensamt
    additions = read(site.page("om-rutinen/index.html"))[0]
    for added in ("Tabellen \"Vem kontaktar vem\" är webbplatsens sammanställning",
                  "Frågorna, vad rollen gör i Lifecare SP för varje slags patient",
                  "Att anteckna stegen för varje patient på en egen blankett är webbplatsens förslag",
                  "Att patientinformationen gäller de patienter som registreras i efterhand"):
        assert added in additions, added

