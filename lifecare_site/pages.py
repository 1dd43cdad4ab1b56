"""Check, before anything is built, that every id a page names exists in data/, and every macro call fits."""
import inspect
import re
from pathlib import Path

import jinja2
import jinja2.nodes

from . import phones
from .errors import Problem

# Macros whose first argument is an id, and where that id must exist.
_CALL = re.compile(r"""\b(phone|contact|item_text|role_title|role_applies_to|checklist|phase_list|form_title|blankett)\(\s*["']([^"']*)["']""")


def reference_problems(docs_dir: Path, contact_ids, role_ids, form_ids, item_ids):
    """Every page line that names an unknown contact, role, item or form."""
    known = {
        "phone": (contact_ids, "kontakten", "data/contacts.yml"),
        "contact": (contact_ids, "kontakten", "data/contacts.yml"),
    }
    for name in ("role_title", "role_applies_to", "checklist", "phase_list"):
        known[name] = (role_ids, "rollen", "data/checklists.yml")
    known["item_text"] = (item_ids, "punkten", "data/checklists.yml")
    for name in ("form_title", "blankett"):
        known[name] = (form_ids, "blanketten", "data/forms.yml")
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        label = f"docs/{page.relative_to(docs_dir).as_posix()}"
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for call in _CALL.finditer(line):
                ids, word, home = known[call.group(1)]
                if call.group(2) not in ids:
                    problems.append(Problem(label, f'sidan hänvisar till {word} "{call.group(2)}", som inte finns i {home}', line=number))
    return problems


def missing_pages(docs_dir: Path, role_ids, form_ids):
    """Every role has its page docs/<id>.md and every blankett docs/blanketter/<id>.md (the start page and
    the list of blanketter link to them)."""
    problems = []
    for ident in role_ids:
        if not (docs_dir / f"{ident}.md").is_file():
            problems.append(Problem("data/checklists.yml", f'rollen "{ident}" har ingen sida. Skapa docs/{ident}.md '
                                    f'(kopiera en annan rollsida och byt id), och lägg till den i nav i mkdocs.yml.'))
    for ident in form_ids:
        if not (docs_dir / "blanketter" / f"{ident}.md").is_file():
            problems.append(Problem("data/forms.yml", f'blanketten "{ident}" har ingen sida. Skapa docs/blanketter/{ident}.md '
                                    f'(kopiera en annan blankettsida och byt id), och lägg till den i nav i mkdocs.yml.'))
    return problems


# routine_text("id", ...) and routine_section("id"): the routine's own words on a page.
_ROUTINE_CALL = re.compile(r"""\b(routine_text|routine_section)\(([^)]*)\)""")
_STRING = re.compile(r"""["']([^"']*)["']""")


def passage_uses(docs_dir: Path):
    """[(page label, line, macro, [ids])] for every call that shows the routine's words on a page."""
    uses = []
    for page in sorted(docs_dir.rglob("*.md")):
        label = f"docs/{page.relative_to(docs_dir).as_posix()}"
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for call in _ROUTINE_CALL.finditer(line):
                uses.append((label, number, call.group(1), _STRING.findall(call.group(2))))
    return uses


def number_problems(docs_dir: Path):
    """Every page line with a phone number typed into it: a number reaches a page only through a contact."""
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        label = f"docs/{page.relative_to(docs_dir).as_posix()}"
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for found in phones.numbers_in_text(line):
                problems.append(Problem(label, f'sidan innehåller telefonnumret "{found}". Skriv numret på en post i '
                                               'data/contacts.yml och visa det med {{ phone("id") }} eller '
                                               '{{ contact("id") }}, så att det går att ringa och ändras på ett ställe.',
                                        line=number))
    return problems



# Names a page may call besides our macros: mkdocs-macros' own and Jinja's.
_OTHER_CALLABLES = {"context", "macros_info", "now", "fix_url", "range", "dict", "lipsum", "cycler", "joiner",
                    "namespace", "super", "caller"}


def _describe(function) -> str:
    parameters = list(inspect.signature(function).parameters.values())
    if not parameters:
        return "inga argument"
    return "argumenten " + ", ".join(p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}"
                                      for p in parameters)


def macro_call_problems(docs_dir: Path, macros: dict):
    """Every macro call in a page that would fail: a Jinja syntax error, an unknown macro, or wrong arguments.

    Said before anything is rendered, in Swedish with page and line, instead of mkdocs-macros' English traceback."""
    environment = jinja2.Environment()
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        label = f"docs/{page.relative_to(docs_dir).as_posix()}"
        try:
            tree = environment.parse(page.read_text(encoding="utf-8"))
        except jinja2.TemplateSyntaxError as error:
            # (Jinja's own message is English, so it is not passed on.)
            problems.append(Problem(label, "sidan har ett trasigt makroanrop: ett {{ eller {% som inte stängs rätt, "
                                           "en parentes eller ett citattecken som saknas, eller ett tecken som inte "
                                           'hör hemma i anropet. Skriv anropet som {{ phone("id") }}.', line=error.lineno))
            continue
        for call in tree.find_all(jinja2.nodes.Call):
            if not isinstance(call.node, jinja2.nodes.Name):
                continue
            name = call.node.name
            if name in _OTHER_CALLABLES:
                continue
            if name not in macros:
                known = ", ".join(sorted(n for n in macros if n not in _OTHER_CALLABLES))
                problems.append(Problem(label, f'makrot "{name}" finns inte. Makron som sidorna kan använda: {known}.',
                                        line=call.lineno))
                continue
            if call.dyn_args is not None or call.dyn_kwargs is not None:
                continue
            try:
                inspect.signature(macros[name]).bind(*call.args, **{kw.key: kw.value for kw in call.kwargs})
            except TypeError:
                problems.append(Problem(label, f"makrot {name}() anropas med fel argument. Det tar "
                                               f"{_describe(macros[name])}; till exempel {name}(\"id\").", line=call.lineno))
    return problems
