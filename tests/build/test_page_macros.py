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
])
def test_a_wrong_macro_call_in_a_page_is_refused_in_swedish(project, call, words):
    page = project / "docs" / "gemensamt.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(4, call)
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = build_fails(project, "docs/gemensamt.md, rad " + ("" if words.startswith("rad ") else "5: "), words)
    assert "Traceback" not in output and "TypeError" not in output and "expected" not in output
