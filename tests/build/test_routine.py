"""The site says what the routine says: no invented address or owner, the routine's own wording on every page."""
import re

import pytest
import yaml

from tests.conftest import ROOT, SITE_URL, build
from tests.htmltext import read

ROLE_PAGES = ["slutenvard/index.html", "kommun/index.html", "primarvard/index.html"]
FORMS = ["slutenvard", "kommun", "primarvard", "sip", "kuvertetikett"]


def _data(name):
    return yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def _text(site, path):
    return read(site.page(path))[0]


def _all_texts(site):
    return {p.relative_to(site.site).as_posix(): read(p.read_text(encoding="utf-8"))[0] for p in site.site.rglob("*.html")}


@pytest.fixture(scope="module")
def unpublished(tmp_path_factory):
    """The site built as the repository ships it: no SITE_URL, no owner."""
    from tests.conftest import copy_project
    result = build(copy_project(tmp_path_factory.mktemp("unpublished") / "project"))
    assert result.returncode == 0, result.output
    return result


def test_without_a_publishing_address_no_page_names_an_address_or_shows_a_qr_code(unpublished):
    for path, text in _all_texts(unpublished).items():
        assert "vardgivarwebben.rvn.se" not in text and "https://vardgivarwebben" not in text, path
        assert "QR-kod" not in unpublished.page(path), path
    for form in FORMS:
        text = _text(unpublished, f"blanketter/{form}/index.html")
        assert "Den senaste versionen av blanketten finns på vårdgivarwebben" in text, form
    binder = _text(unpublished, "nodparm/index.html")
    assert binder.count("Den senaste versionen av blanketten finns på vårdgivarwebben") == len(FORMS)


def test_without_a_publishing_address_the_build_says_so_once_in_swedish(unpublished):
    assert unpublished.output.count("Webbplatsens adress är inte satt (SITE_URL)") == 1


def test_with_a_publishing_address_every_blankett_and_the_binder_carry_it_and_its_qr_code(site):
    binder = site.page("nodparm/index.html")
    for form in FORMS:
        url = f"{SITE_URL}blanketter/{form}/"
        assert url in _text(site, f"blanketter/{form}/index.html"), form
        assert f'alt="QR-kod till {url}"' in binder, form
    assert "Webbplatsens adress är inte satt" not in site.output


def test_no_owner_is_named_while_the_data_names_none(site):
    assert "owner" not in _data("document")
    for path, text in _all_texts(site).items():
        assert "Ägare" not in text, path


def test_the_owner_appears_when_the_data_names_one(project):
    document = project / "data" / "document.yml"
    document.write_text(document.read_text(encoding="utf-8") + "owner: Systemförvaltning Lifecare SP\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Ägare Systemförvaltning Lifecare SP" in _text(result, "om-rutinen/index.html")


def test_the_open_questions_show_on_om_rutinen_while_the_routine_is_a_draft(site):
    text = _text(site, "om-rutinen/index.html")
    assert "Öppna frågor till dokumentägaren" in text
    for question in _data("document")["open_questions"]:
        assert " ".join(question.split()) in text
    assert "Öppna frågor" not in _text(site, "index.html")


def test_the_outage_lengths_read_as_the_routine_on_every_page_that_names_them(site):
    outages = _data("decisions")["outage_lengths"]
    for path in ROLE_PAGES + ["gemensamt/index.html", "checklistor/index.html", "nodparm/index.html"]:
        text = _text(site, path)
        for outage in outages:
            assert outage["duration"][1:] in text, (path, outage["id"])
            assert " ".join(outage["consequence"].split())[1:] in text, (path, outage["id"])
    assert "bedöms inte påverka verksamheten i någon större omfattning" in _text(site, "slutenvard/index.html")
    assert "kräver att avbrottsrutinen tillämpas" in _text(site, "kommun/index.html")
    for path, text in _all_texts(site).items():
        assert "påverkar sällan" not in text and "nämnvärt" not in text, path


def test_the_discharge_rule_is_on_every_role_page_and_the_common_pages(site):
    rule = ("Utskrivning från sjukhus får inte ske utan att det är säkerställt att mottagande enhet "
            "har tagit emot informationen.")
    for path in ROLE_PAGES + ["gemensamt/index.html", "index.html"]:
        assert rule in _text(site, path), path


@pytest.mark.parametrize("path", ["telefonnummer/index.html", "nodparm/index.html", "index.html", "gemensamt/index.html"])
def test_municipal_staff_are_told_to_call_their_own_it_support_next_to_servicedesk(site, path):
    text = _text(site, path)
    servicedesk = text.index("0660-890 70")
    own = text.index("ontaktar respektive kommuns IT-support.")
    assert abs(own - servicedesk) < 400


def test_the_phone_directory_says_what_to_say_not_report_it_inside_lifecare(site):
    text = _text(site, "telefonnummer/index.html")
    assert "Vad du säger" in text and "Säg att Lifecare SP har driftstopp" in text
    assert "Anmäl avbrottet i Lifecare SP" not in text


@pytest.mark.parametrize("path", ["i-drift-igen/index.html", "blanketter/kuvertetikett/index.html"])
def test_the_envelope_steps_say_they_are_for_slutenvarden(site, path):
    assert "Gäller slutenvården" in _text(site, path) or "Det här gäller slutenvården" in _text(site, path)


def test_the_binder_says_the_envelope_is_for_slutenvarden(site):
    html = site.page("nodparm/index.html")
    section = html[html.index('id="blankett-kuvertetikett"'):]
    assert "Gäller: Slutenvård" in read(section)[0]
    assert "Gäller slutenvården" in read(section)[0]


def test_the_pages_say_where_the_material_is_on_vardgivarwebben_with_links(site):
    common = site.page("gemensamt/index.html")
    text, links, _ = read(common)
    assert "vårdgivarwebben" in text
    assert "../checklistor/" in links and "../blanketter/" in links
    primary, links, _ = read(site.page("primarvard/index.html"))
    assert "Checklista SIP" in primary and "../blanketter/sip/" in links


def test_the_sip_form_asks_who_has_the_overall_responsibility(site):
    assert "Vem som har det övergripande ansvaret för planen" in _text(site, "blanketter/sip/index.html")


def test_the_register_forms_list_information_as_nouns(site):
    for form in ["kommun", "primarvard"]:
        html = site.page(f"blanketter/{form}/index.html")
        block = re.search(r'Information som lämnas eller tas emot muntligt</caption>(.*?)</table>', html, re.S).group(1)
        items = [read(th)[0] for th in re.findall(r'<th scope="row">(.*?)</th>', block, re.S) if read(th)[0] != "Annan information"]
        assert items, form
        commands = ("Svara ", "Ange ", "Meddela ", "Återkoppla ")
        assert [i for i in items if i.startswith(commands)] == [], (form, items)


# The routine's rules in its own words: none weakened to a description, none narrowed, none lost a "samtliga".
KEPT = {
    "slutenvard/index.html": ["kontakta samtliga berörda parter i vårdkedjan", "Kontakta samtliga berörda parter i vårdkedjan:"],
    "kommun/index.html": ["Informationsöverföring ska ske manuellt via telefon mellan:"],
    "gemensamt/index.html": ["Kommunerna nås via växel, fråga efter ansvarig biståndshandläggare. Personen har i sin tur "
                             "ansvaret att föra vidare informationen till resterande berörda enheter från kommunens sida."],
}


@pytest.mark.parametrize("path", KEPT)
def test_the_routines_rules_keep_their_words(site, path):
    for words in KEPT[path]:
        assert words in _text(site, path), words


def test_no_page_adds_a_qualifier_the_routine_does_not_give(site):
    for path, text in _all_texts(site).items():
        assert "inte Servicedesk" not in text, path
        assert "ansvarar för att nå" not in text or "via växeln, som i sin tur ansvarar för att nå" in text, path


def test_the_municipalitys_first_step_is_only_its_own_it_support(site):
    html = site.page("kommun/index.html")
    first = read(html.split('class="lc-checklist__phase lc-checklist__phase--first"', 1)[1].split("</section>", 1)[0])[0]
    assert "Kontakta din kommuns egen IT-support omedelbart." in first
    assert "direktnummer" not in first and "växel" not in first


def _first_step(html):
    return html.split('class="lc-checklist__phase lc-checklist__phase--first"', 1)[1].split("</section>", 1)[0]


def test_without_numbers_the_municipalities_it_support_says_the_routine_gives_none(site):
    # No municipality has given a number: the first step says so (never a guessed number), and the open
    # questions list every municipality.
    first = read(_first_step(site.page("kommun/index.html")))[0]
    assert "Webbplatsens upplysning: rutinen anger inte numren till kommunernas IT-support." in first
    assert 'href="tel:' not in _first_step(site.page("kommun/index.html"))
    assert "Webbplatsens upplysning: rutinen anger inte numren till kommunernas IT-support." in _text(site, "telefonnummer/index.html")
    names = [e["name"] for g in _data("contacts")["groups"] if g["id"] == "kommuner" for e in g["entries"]]
    questions = _text(site, "om-rutinen/index.html")
    assert "anger inte numret till IT-supporten i " + ", ".join(names[:-1]) + " och " + names[-1] + "." in questions


def test_a_municipalitys_it_support_number_reaches_its_first_step_and_leaves_the_open_questions(project):
    from tests.data import edit_data
    edit_data(project, "contacts.yml", "        name: Kramfors kommun\n        phone: 0612-800 00\n",
              "        name: Kramfors kommun\n        phone: 0612-800 00\n        it_phone: 0612 801 99\n")
    result = build(project)
    assert result.returncode == 0, result.output
    first = _first_step(result.page("kommun/index.html"))
    assert '<a class="lc-phone" href="tel:+4661280199" aria-label="Kramfors kommun: 0612-801 99">0612-801 99</a>' in first
    text = read(first)[0]
    assert "Kramfors kommun 0612-801 99" in text
    assert "numren kommer från kommunerna, inte från rutinen." in text
    assert "Rutinen anger inte numret till IT-supporten i Härnösands kommun, Sollefteå kommun," in text
    assert "0612-801 99" in read(result.page("telefonnummer/index.html"))[0]
    questions = read(result.page("om-rutinen/index.html"))[0]
    assert "IT-supporten i Härnösands kommun, Sollefteå kommun" in questions and "Kramfors" not in questions.split("IT-supporten i")[1][:200]


def test_a_wrong_it_support_number_or_group_is_refused_in_swedish(project):
    from tests.data import build_fails, edit_data
    edit_data(project, "contacts.yml", "        name: Kramfors kommun\n", "        name: Kramfors kommun\n        it_phone: 0612-8O1 99\n")
    build_fails(project, 'post "kramfors"', "bokstaven")
    edit_data(project, "contacts.yml", "        it_phone: 0612-8O1 99\n", "")
    edit_data(project, "contacts.yml", "it_support_of: kommuner", "it_support_of: kommunerna")
    build_fails(project, 'gruppen "kommunerna" finns inte', "kommunernas-it-support")


def test_text_read_in_a_row_never_runs_together(site):
    for path in ("slutenvard/index.html", "kommun/index.html", "primarvard/index.html", "nodparm/index.html"):
        # Block elements separate text for a reader; inline ones do not.
        blocks = re.sub(r"</?(p|li|ul|ol|div|h\d|td|th|tr|br|section|blockquote|summary|details|table|caption)\b[^>]*>", " ", site.page(path))
        raw = re.sub(r"<[^>]+>", "", blocks)
        assert not re.search(r"[a-zåäö][.:][A-ZÅÄÖ]", raw), (path, re.search(r".{30}[a-zåäö][.:][A-ZÅÄÖ].{30}", raw))


def test_du_throughout_and_the_label_is_printed_as_a_label(site):
    for path, text in _all_texts(site).items():
        assert not re.search(r"\ber (egen|eget|egna)\b", text), path
    assert "Skriv ut etiketten" in site.page("blanketter/kuvertetikett/index.html")
    assert "Laddar sökfunktionen" in site.page("index.html")
