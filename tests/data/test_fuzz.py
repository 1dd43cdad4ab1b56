"""Bad edits nobody listed: Hypothesis mutates the data files and every result is a Swedish refusal naming the
file, or a site where every number shown and every tel: link is one written in data/contacts.yml.

In make test it runs a fixed, small set (derandomized). To search longer:
    FUZZ_EXAMPLES=500 .venv/bin/python -m pytest tests/data/test_fuzz.py
"""
import os
import re
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lifecare_site import phones, yamlfile
from lifecare_site.errors import DataError
from tests.conftest import build, copy_project
from tests.data import ENGLISH
from tests.htmltext import read

FILES = ["contacts.yml", "checklists.yml", "forms.yml", "decisions.yml", "document.yml", "routine.yml"]
CHARACTERS = list("aOo0123456789 :-–\"'#&*{}[]<>|\n\t,.") + ["å", "\u200b", "\u3164", "phone: ", "  ", "- "]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))


@st.composite
def mutations(draw):
    name = draw(st.sampled_from(FILES))
    kind = draw(st.sampled_from(["character", "cut", "key", "swap", "indent"]))
    return name, kind, draw(st.integers(min_value=0, max_value=10**6)), draw(st.sampled_from(CHARACTERS))


def _mutate(text, kind, seed, char):
    lines = text.splitlines(keepends=True)
    if kind == "character":
        at = seed % max(1, len(text))
        return text[:at] + char + text[at + 1:]
    if kind == "cut":  # an interrupted save: the file ends at a line boundary
        return "".join(lines[: seed % max(1, len(lines))])
    if kind == "key":  # a key renamed
        keys = [i for i, line in enumerate(lines) if re.match(r"\s*(- )?[a-z_]+:", line)]
        i = keys[seed % len(keys)]
        lines[i] = re.sub(r"[a-z_]+:", "phnoe:" if "phone" in lines[i] else "text:", lines[i], count=1)
        return "".join(lines)
    if kind == "swap":  # two values swapped
        i, j = seed % len(lines), (seed // 7) % len(lines)
        lines[i], lines[j] = lines[j], lines[i]
        return "".join(lines)
    i = seed % len(lines)  # indentation moved
    lines[i] = ("  " + lines[i]) if seed % 2 else lines[i][2:] if lines[i].startswith("  ") else lines[i]
    return "".join(lines)


def _written_numbers(contacts_text):
    """(tel: links, shown forms) of every number written in a contacts file's number fields."""
    try:
        data = yamlfile.loads(contacts_text.encode("utf-8"), "data/contacts.yml")
    except DataError:
        return set(), set()
    links, shown = set(), set()
    for group in data.get("groups") or []:
        for entry in (group.get("entries") or []) if isinstance(group, dict) else []:
            for key in ("phone", "it_phone"):
                if isinstance(entry, dict) and isinstance(entry.get(key), str):
                    try:
                        display, href = phones.parse(entry[key], short=entry.get("short_number") is True)
                    except phones.PhoneError:
                        continue
                    links.add(href)
                    shown.add(display)
    return links, shown


@settings(max_examples=EXAMPLES, derandomize=EXAMPLES <= 50, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutation=mutations())
def test_a_mutated_data_file_is_refused_in_swedish_or_publishes_only_numbers_from_contacts(tmp_path_factory, mutation):
    name, kind, seed, char = mutation
    project = copy_project(tmp_path_factory.mktemp("fuzz") / "project")
    path = project / "data" / name
    path.write_text(_mutate(path.read_text(encoding="utf-8"), kind, seed, char), encoding="utf-8")
    result = build(project)
    assert "Traceback" not in result.output, (mutation, result.output[-3000:])
    if result.returncode != 0:
        above = result.output.split("Aborted with a BuildError!")[-1]
        assert "data/" in above or "docs/" in above, (mutation, result.output[-2000:])
        assert not any(word in above for word in ENGLISH), (mutation, above[-2000:])
        assert not (result.site / "index.html").exists()
    else:
        links, shown = _written_numbers((project / "data" / "contacts.yml").read_text(encoding="utf-8"))
        for page in result.site.rglob("*.html"):
            # (The list of the scan's corrections on Om rutinen quotes the scan, numbers included, as text.)
            html = re.sub(r'<div class="lc-corrections.*?</div>', "", page.read_text(encoding="utf-8"), flags=re.S)
            assert set(re.findall(r'href="(tel:[^"]*)"', html)) <= links, (mutation, page)
            for number in phones.numbers_in_text(read(html)[0]):
                assert number in shown, (mutation, page, number)
    shutil.rmtree(project.parent, ignore_errors=True)
