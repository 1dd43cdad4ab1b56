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
        for number, line in enumerate(page.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
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
        for number, line in enumerate(page.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            for call in _ROUTINE_CALL.finditer(line):
                uses.append((label, number, call.group(1), _STRING.findall(call.group(2))))
    return uses


def encoding_problems(docs_dir: Path):
    """Every page that is not saved as UTF-8."""
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        try:
            page.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            line = page.read_bytes()[: error.start].count(b"\n") + 1
            problems.append(Problem(f"docs/{page.relative_to(docs_dir).as_posix()}",
                                    "sidan är inte sparad som UTF-8 (å, ä och ö blir fel). Spara filen som UTF-8 i din "
                                    "editor, till exempel i Anteckningar: Spara som → Kodning: UTF-8.", line=line))
    return problems


def number_problems(docs_dir: Path):
    """Every page line with a phone number typed into it: a number reaches a page only through a contact."""
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        label = f"docs/{page.relative_to(docs_dir).as_posix()}"
        # The whole page at once, without Markdown's emphasis and code marks, so a number split over two lines
        # or written **0611**-800 00 is found too.
        text = page.read_text(encoding="utf-8", errors="replace")
        plain = re.sub(r"[*_`]+", "", text)
        for found in phones.numbers_in_text(plain):
            number = plain[: plain.find(found)].count("\n") + 1
            problems.append(Problem(label, f'sidan innehåller telefonnumret "{" ".join(found.split())}". Skriv numret på en post i '
                                               'data/contacts.yml och visa det med {{ phone("id") }} eller '
                                               '{{ contact("id") }}, så att det går att ringa och ändras på ett ställe.',
                                        line=number))
    return problems



# Names a page may call besides our macros: mkdocs-macros' own and Jinja's.
_OTHER_CALLABLES = {"context", "macros_info", "now", "fix_url", "range", "dict", "lipsum", "cycler", "joiner",
                    "namespace", "super", "caller"}
# What mkdocs-macros gives every page besides its variables, and Jinja's own names.
_PAGE_VARIABLES = {"page", "navigation", "files", "loop", "true", "false", "none", "True", "False", "None"}


def _describe(function) -> str:
    parameters = list(inspect.signature(function).parameters.values())
    if not parameters:
        return "inga argument"
    return "argumenten " + ", ".join(p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}"
                                      for p in parameters)


def macro_call_problems(docs_dir: Path, macros: dict, variables=()):
    """Every macro call in a page that would fail: a Jinja syntax error, an unknown macro, or wrong arguments.

    Said before anything is rendered, in Swedish with page and line, instead of mkdocs-macros' English traceback."""
    environment = jinja2.Environment()
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        label = f"docs/{page.relative_to(docs_dir).as_posix()}"
        try:
            tree = environment.parse(page.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(label, "sidan är inte sparad som UTF-8 (å, ä och ö blir fel). Spara filen som UTF-8 "
                                           "i din editor, till exempel i Anteckningar: Spara som → Kodning: UTF-8."))
            continue
        except jinja2.TemplateSyntaxError as error:
            # (Jinja's own message is English, so it is not passed on.)
            problems.append(Problem(label, "sidan har ett trasigt makroanrop: ett {{ eller {% som inte stängs rätt, "
                                           "en parentes eller ett citattecken som saknas, eller ett tecken som inte "
                                           'hör hemma i anropet. Skriv anropet som {{ phone("id") }}.', line=error.lineno))
            continue
        for node in tree.find_all((jinja2.nodes.Include, jinja2.nodes.Import, jinja2.nodes.FromImport, jinja2.nodes.Extends)):
            problems.append(Problem(label, "sidan försöker hämta in en annan fil ({% include %}, {% import %} eller "
                                           "{% extends %}). Sidorna hämtar sitt innehåll från data/ med makron, "
                                           'till exempel {{ contact("servicedesk") }}.', line=node.lineno))
        assigned = {target.name for node in tree.find_all((jinja2.nodes.For, jinja2.nodes.Assign, jinja2.nodes.AssignBlock))
                    for target in ([node.target] if isinstance(node.target, jinja2.nodes.Name)
                                   else node.target.find_all(jinja2.nodes.Name))}
        known = set(macros) | set(variables) | assigned | _OTHER_CALLABLES | _PAGE_VARIABLES
        for name in tree.find_all(jinja2.nodes.Name):
            if name.ctx == "load" and name.name not in known:
                problems.append(Problem(label, f'"{name.name}" är inget makro och ingen uppgift som sidorna känner till. '
                                               f'Ett id skrivs inom citattecken, till exempel {{{{ contact("{name.name}") }}}}.',
                                        line=name.lineno))
        for call in tree.find_all(jinja2.nodes.Call):
            for argument in list(call.args) + [kw.value for kw in call.kwargs]:
                if isinstance(argument, jinja2.nodes.Const) and not isinstance(argument.value, (str, bool)):
                    problems.append(Problem(label, f"ett argument till {getattr(call.node, 'name', 'makrot')}() är "
                                                   f"{argument.value!r}, inte text. Skriv id inom citattecken, till "
                                                   'exempel "servicedesk".', line=call.lineno))
                elif isinstance(argument, jinja2.nodes.Filter):
                    problems.append(Problem(label, f"ett argument till {getattr(call.node, 'name', 'makrot')}() går "
                                                   "genom ett filter (|). Skriv id som det står i data/, inom citattecken.",
                                            line=call.lineno))
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


def nav_problems(docs_dir: Path, nav):
    """Every page the menu (nav in mkdocs.yml) names that is not in docs/: MkDocs would only warn, in English."""
    problems = []

    def walk(node):
        if isinstance(node, str):
            if node.endswith(".md") and not (docs_dir / node).is_file():
                problems.append(Problem("mkdocs.yml", f"menyn (nav) pekar på docs/{node}, som inte finns. Återställ "
                                                      "sidan, till exempel med git checkout, eller ta bort raden ur nav."))
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(nav or [])
    return problems

