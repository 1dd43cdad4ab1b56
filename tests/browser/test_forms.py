"""Blanketter, decision tables and the registration helper in a real browser."""
import io
import re

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from tests.browser.conftest import WCAG_21_AA
from tests.conftest import ROOT, SITE_URL

FORMS_DATA = yaml.safe_load((ROOT / "data" / "forms.yml").read_text(encoding="utf-8"))["forms"]
FORMS = [form["id"] for form in FORMS_DATA]


def test_there_are_five_forms():
    assert FORMS == ["slutenvard", "kommun", "primarvard", "sip", "kuvertetikett"]


@pytest.mark.parametrize("form", FORMS)
def test_each_form_prints_on_exactly_one_a4_page_with_version_and_address(watched, base_url, form):
    page = watched.page
    page.goto(base_url + f"blanketter/{form}/")
    assert page.get_by_role("button", name="Skriv ut").is_visible()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    text = re.sub(r"\s+", " ", pdf.pages[0].extract_text())
    # The document control is in the running header of the sheet.
    assert "version 1.0 · 2025-10-02" in text and "Utkast – ej fastställd" in text
    assert re.search(r"Utskriven: \d{4}-\d{2}-\d{2}", text)
    assert f"{SITE_URL}blanketter/{form}/" in text.replace(" ", "")
    assert "Skriv ut" not in text


def test_the_envelope_label_has_the_recipient_from_the_directory(watched, base_url):
    watched.page.goto(base_url + "blanketter/kuvertetikett/")
    label = watched.page.locator(".lc-form-envelope").inner_text()
    assert "Lifecare SP" in label
    assert "Victoria Åkesdotter Bäcklund" in label and "IT-enheten Skeppet" in label and "Örnsköldsviks sjukhus" in label


def test_the_print_button_prints(watched, base_url):
    page = watched.page
    page.goto(base_url + "blanketter/kommun/")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="Skriv ut").click()
    assert page.evaluate("() => window.__printed") == 1


def test_without_javascript_the_print_button_is_not_shown(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "blanketter/kommun/")
    # The blankett is whole without JavaScript: one row for the patient, one for each piece of information.
    kommun = next(form for form in FORMS_DATA if form["id"] == "kommun")
    assert page.locator(".lc-form__table--patient tbody tr").count() == 1
    rows = page.locator(".lc-form__table--register tbody tr").count()
    assert rows == len(kommun["information"]) + kommun["extra_rows"]
    assert not page.get_by_role("button", name="Skriv ut").is_visible()
    context.close()


def test_text_typed_into_a_form_is_kept_nowhere(watched, base_url):
    page = watched.page
    secret = "Avdelning 12 patient Testsson 19121212-1212"
    page.goto(base_url + "blanketter/sip/")
    page.get_by_label("Enhet/avdelning").fill(secret)
    page.get_by_label("Blad nr").fill("7")
    page.get_by_label("Blad nr").press("Tab")
    stored = page.evaluate("() => JSON.stringify([{...localStorage}, {...sessionStorage}, document.cookie])")
    assert "Testsson" not in stored and "19121212" not in stored
    assert page.context.cookies() == []
    page.goto(base_url + "blanketter/kommun/")
    assert all("Testsson" not in url and "19121212" not in url for url in watched.requests)
    page.go_back()
    assert page.get_by_label("Enhet/avdelning").input_value() == ""


def _table_rows(page, table):
    rows = {}
    for row in page.locator(f'[data-lc-table="{table}"] tbody tr').all():
        cells = row.locator("td").all()
        rows[row.get_attribute("data-lc-row")] = [
            [li.inner_text().strip() for li in cell.locator("li").all()] or [cell.inner_text().strip()] for cell in cells
        ]
    return rows


ROLES = ["slutenvard", "kommun", "primarvard"]


INSKRIVNINGSMEDDELANDE = "Efterregistrera inskrivningsmeddelande."
UTSKRIVNINGSMEDDELANDE = "Efterregistrera utskrivningsmeddelande."
PATIENTINFORMATION = "Fyll i patientinformation om det är möjligt."
KVITTERA = "kvittera"
SIP_KALLELSE = "ska en formell kallelse skickas via Lifecare SP"

# What the routine asks for each role and patient: (verdict, tasks for this patient, tasks that must not show).
# The routine says nothing of a patient neither admitted nor discharged: no verdict, its text says so.
# Patient information is for every patient registered afterwards (the routine lists it with both messages).
CASES = {
    ("slutenvard", "ja", "nej"): ("Ja.", [INSKRIVNINGSMEDDELANDE, PATIENTINFORMATION], [UTSKRIVNINGSMEDDELANDE]),
    ("slutenvard", "nej", "ja"): ("Ja.", [PATIENTINFORMATION, UTSKRIVNINGSMEDDELANDE], [INSKRIVNINGSMEDDELANDE]),
    ("slutenvard", "ja", "ja"): ("Nej.", [], [INSKRIVNINGSMEDDELANDE, UTSKRIVNINGSMEDDELANDE, PATIENTINFORMATION]),
    ("slutenvard", "nej", "nej"): (None, [], [INSKRIVNINGSMEDDELANDE, UTSKRIVNINGSMEDDELANDE, PATIENTINFORMATION]),
    ("kommun", "ja", "nej"): ("Ja.", [PATIENTINFORMATION], []),
    ("kommun", "nej", "ja"): ("Ja.", [PATIENTINFORMATION], []),
    ("kommun", "ja", "ja"): ("Nej.", [], [PATIENTINFORMATION]),
    ("kommun", "nej", "nej"): (None, [], [PATIENTINFORMATION]),
    ("primarvard", "ja", "nej"): ("Ja.", [PATIENTINFORMATION], []),
    ("primarvard", "nej", "ja"): ("Ja.", [PATIENTINFORMATION], []),
    ("primarvard", "ja", "ja"): ("Nej.", [], [PATIENTINFORMATION]),
    ("primarvard", "nej", "nej"): (None, [], [PATIENTINFORMATION]),
}
# Whatever the patient: every role acknowledges messages; primary care also sends the SIP summons where agreed.
ALWAYS = {"slutenvard": [KVITTERA], "kommun": [KVITTERA], "primarvard": [KVITTERA, SIP_KALLELSE]}


def _tasks(answer, name):
    tasks = answer.locator(f'[data-lc-tasks="{name}"] li')
    return [li.inner_text() for li in tasks.all()]


@pytest.mark.parametrize("role", ROLES)
def test_the_helper_answers_this_patients_case_for_every_role(watched, base_url, role):
    page = watched.page
    page.goto(base_url + "i-drift-igen/")
    patients = _table_rows(page, "patienter")
    page.locator(f"#lc-registration-helper-roll-{role}").check()
    for admitted in ("ja", "nej"):
        for discharged in ("ja", "nej"):
            page.locator(f"#lc-registration-helper-admitted-{admitted}").check()
            page.locator(f"#lc-registration-helper-discharged-{discharged}").check()
            answer = page.locator("[data-lc-answer]")
            verdict, expected, absent = CASES[(role, admitted, discharged)]
            said = answer.locator("[data-lc-verdict]").inner_text()
            key = f"{int(admitted == 'ja')}{int(discharged == 'ja')}"
            rule = patients[key][2][0]
            label = page.locator(f'[data-lc-table="patienter"] tr[data-lc-row="{key}"] th').inner_text().strip()
            # The answer repeats the case it answers, next to its verdict.
            expected_said = f"{label}: {verdict} {rule}" if verdict else f"{label}: {rule}"
            assert said == expected_said, (admitted, discharged)
            case = _tasks(answer, "case")
            assert len(case) == len(expected), (admitted, discharged, case)
            for text, shown in zip(expected, case, strict=True):
                assert shown.startswith(text), (admitted, discharged, case)
            everything = answer.inner_text()
            for text in absent:
                assert text not in everything, (admitted, discharged, text)
            always = " ".join(_tasks(answer, "always"))
            for text in ALWAYS[role]:
                assert text in always, (admitted, discharged, text)
    assert watched.errors == []


@pytest.mark.parametrize("path", [f"blanketter/{form}/" for form in FORMS] + ["blanketter/", "gemensamt/", "i-drift-igen/"])
def test_forms_tables_and_helper_have_no_wcag_21_aa_violations(watched, base_url, path):
    page = watched.page
    page.goto(base_url + path)
    if path == "i-drift-igen/":
        page.locator("#lc-registration-helper-roll-kommun").check()
        page.locator("#lc-registration-helper-admitted-ja").check()
        page.locator("#lc-registration-helper-discharged-nej").check()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_without_javascript_the_helper_is_hidden_and_the_tables_answer(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "i-drift-igen/")
    assert not page.locator(".lc-registration-helper").is_visible()
    assert page.locator('[data-lc-table="patienter"]').is_visible()
    context.close()


def test_each_blankett_at_the_limits_the_build_allows_still_prints_on_one_a4_page(tmp_path, browser):
    # The most rows the build lets through (lifecare_site/model.py: MAX_REGISTER_ROWS, MAX_SIP_LINES).
    from tests.browser.conftest import serve
    from tests.conftest import build, copy_project
    from tests.data import edit_data
    project = copy_project(tmp_path / "project")
    edit_data(project, "forms.yml", "    extra_rows: 2", "    extra_rows: 3")  # kommun: 2 + 3 = 5 rows
    edit_data(project, "forms.yml", "    extra_rows: 1", "    extra_rows: 2")  # primärvård: 3 + 2 = 5 rows
    edit_data(project, "forms.yml", "    participant_rows: 4", "    participant_rows: 6")  # SIP: 10 + 6 = 16 lines
    result = build(project, site_url=SITE_URL)
    assert result.returncode == 0, result.output
    url, server = serve(result.site)
    try:
        page = browser.new_page()
        for form in ("slutenvard", "kommun", "primarvard", "sip"):
            page.goto(url + f"blanketter/{form}/")
            assert len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages) == 1, form
        page.close()
    finally:
        server.shutdown()
