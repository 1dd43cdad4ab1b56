"""Data tests: edit a copy of data/ and expect a Swedish message, never a traceback."""
from tests.conftest import build

# Words of Python's or PyYAML's own messages; none may reach an editor above mkdocs' closing line.
ENGLISH = ["Traceback", "Error:", "expected", "found", "while parsing", "codec", "unhashable"]


def edit_data(project, name, old, new, count=1):
    """Replace `old` with `new` in data/<name> of a project copy; `old` must be there."""
    path = project / "data" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def build_fails(project, *expected):
    """Build, expect failure with every text in `expected`, no English above mkdocs' last line, and no pages."""
    result = build(project)
    assert result.returncode != 0, result.output
    # (mkdocs-macros' own INFO lines, such as "Functions found: …", say what it loaded, not what is wrong.)
    above = "\n".join(line for line in result.output.split("Aborted with a BuildError!")[-1].splitlines()
                      if not line.startswith("INFO    -  [macros]"))
    for text in expected:
        assert text in result.output, result.output
    for word in ENGLISH:
        assert word not in above, (word, result.output)
    assert not (result.site / "index.html").exists(), "a failed build must not publish pages"
    return result.output
