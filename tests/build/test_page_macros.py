"""A macro called wrongly in a page is said in Swedish, with page and line, before anything is rendered."""
import pytest

from tests.data import build_fails


@pytest.mark.parametrize("call,words", [
    ("{{ phone() }}", "makrot phone() anropas med fel argument. Det tar argumenten ident"),
    ('{{ phone("timra", "x") }}', "makrot phone() anropas med fel argument"),
    ('{{ phonee("timra") }}', 'makrot "phonee" finns inte. Makron som sidorna kan använda: '),
    ('{{ phone("timra" }}', "sidan har ett trasigt makroanrop"),
    # (An unclosed call is noticed on the line after it.)
    ('{{ phone("timra") ', "rad 6: sidan har ett trasigt makroanrop"),
    ('{% if %}', "sidan har ett trasigt makroanrop"),
    ("{{ contact(123) }}", "ett argument till contact() är 123, inte text"),
    ("{{ contact(servicedesk) }}", '"servicedesk" är inget makro och ingen uppgift som sidorna känner till'),
    ("Se {{ servicedesk }} här.", '"servicedesk" är inget makro och ingen uppgift'),
    ('{{ contact("servicedesk"|upper) }}', "går genom ett filter"),
    ('{% include "extra.md" %}', "sidan försöker hämta in en annan fil"),
])
def test_a_wrong_macro_call_in_a_page_is_refused_in_swedish(project, call, words):
    page = project / "docs" / "gemensamt.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(4, call)
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = build_fails(project, "docs/gemensamt.md, rad " + ("" if words.startswith("rad ") else "5: "), words)
    assert "Traceback" not in output and "TypeError" not in output and "expected" not in output


def test_a_page_saved_as_latin_1_is_said_in_swedish(project):
    page = project / "docs" / "gemensamt.md"
    page.write_bytes(page.read_text(encoding="utf-8").encode("cp1252"))
    build_fails(project, "docs/gemensamt.md, rad ", "sidan är inte sparad som UTF-8")


@pytest.mark.parametrize("written", ["Ring växeln på 0611-\n800 00 om inget annat fungerar.", "Ring **0611**-800 00."])
def test_a_number_split_over_lines_or_marked_up_in_a_page_is_refused(project, written):
    page = project / "docs" / "om-rutinen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + written + "\n", encoding="utf-8")
    build_fails(project, "docs/om-rutinen.md, rad ", 'telefonnumret "0611', "data/contacts.yml")


def test_a_page_the_menu_names_that_is_gone_is_said_in_swedish(project):
    (project / "docs" / "nodparm.md").unlink()
    build_fails(project, "mkdocs.yml: menyn (nav) pekar på docs/nodparm.md, som inte finns")



def test_a_number_put_together_by_a_macro_expression_is_refused(project):
    page = project / "docs" / "om-rutinen.md"
    page.write_text(page.read_text(encoding="utf-8") + '\nRing {{ "0611" ~ "-800 01" }} vid behov.\n', encoding="utf-8")
    # Found only once the page is rendered, so MkDocs puts its own line ("Error reading page …") above it.
    from tests.conftest import build
    result = build(project)
    assert result.returncode != 0
    assert 'docs/om-rutinen.md: sidan visar telefonnumret "0611-800 01"' in result.output
    assert "Traceback" not in result.output
    assert not (result.site / "om-rutinen" / "index.html").exists()
