"""Check, before anything is built, that every id a page names exists in data/, and every macro call fits."""
import functools
import hashlib
import html as html_module
import inspect
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import jinja2
import jinja2.nodes
import yaml

from . import cache, phones, routine, yamlfile
from .errors import Problem

_TAG = re.compile(r"</?([^\W\d_][\w-]*)(?:\s[^<>]*)?/?>")
_HTML_ELEMENTS = set("""a abbr address article aside audio b bdi bdo blockquote br button caption cite code col colgroup
data datalist dd del details dfn dialog div dl dt em fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr
i iframe img input ins kbd label legend li link main mark meta meter nav noscript object ol optgroup option output p
picture pre progress q s samp script section select small source span strong style sub summary sup table tbody td
template textarea tfoot th thead time tr track u ul var video wbr svg path g circle rect line polyline polygon text
tspan title desc defs use symbol""".split())
# A call written with one opening brace: shown as text.
_ONE_BRACE_CALL = re.compile(r"(?<!\{)\{(?!\{)\s*[a-z_]+\s*\([^{}]*\)\s*\}{1,2}(?!\})")
# The page macros whose first argument is an id, and what it is the id of (a test holds this to renderer.Renderer).
ID_MACROS = {"phone": "contact", "contact": "contact", "role_title": "role", "role_applies_to": "role",
             "checklist": "role", "phase_list": "role", "item_text": "item", "form_title": "form", "blankett": "form"}
_CALL = re.compile(r"\b(" + "|".join(ID_MACROS) + r""")\(\s*["']([^"']*)["']""")


def reference_problems(docs_dir: Path, contact_ids, role_ids, form_ids, item_ids):
    """Every page line that names an unknown contact, role, item or form."""
    kinds = {"contact": (contact_ids, "kontakten", "data/contacts.yml"), "role": (role_ids, "rollen", "data/checklists.yml"),
             "item": (item_ids, "punkten", "data/checklists.yml"), "form": (form_ids, "blanketten", "data/forms.yml")}
    known = {macro: kinds[kind] for macro, kind in ID_MACROS.items()}
    problems = []
    for page in source_pages(docs_dir):
        relative = page.relative_to(docs_dir)
        label = f"docs/{relative.as_posix()}"
        # A role's page shows that role, and a blankett's page that blankett (docs/<id>.md, docs/blanketter/<id>.md).
        own = {}
        if relative.parent == Path(".") and relative.stem in role_ids:
            own = dict.fromkeys(("role_title", "role_applies_to", "checklist"), ("rollen", relative.stem))
        elif relative.parent == Path("blanketter") and relative.stem in form_ids:
            own = dict.fromkeys(("form_title", "blankett"), ("blanketten", relative.stem))
        text = unicodedata.normalize("NFC", page.read_text(encoding="utf-8", errors="replace"))
        for number, line in enumerate(text.splitlines(), start=1):
            for call in _CALL.finditer(line):
                macro, ident = call.groups()
                ids, word, home = known[macro]
                if ident not in ids:
                    problems.append(Problem(label, f'sidan hänvisar till {word} "{ident}", som inte finns i {home}', line=number))
                elif macro == "phone" and "phone_href" not in contact_ids[ident]:
                    problems.append(Problem(label, f'phone("{ident}"): posten "{ident}" i data/contacts.yml har inget '
                                                   f'telefonnummer. Visa den med {{{{ contact("{ident}") }}}}.', line=number))
                elif macro in ("phone", "contact") and (named := routine.named_before(re.sub(r"<[^>]*>", " ", line[:call.start()]).rstrip("{ "),
                                                                                      contact_ids[ident], contact_ids)):
                    problems.append(Problem(label, f'sidan nämner {named["name"]} men {macro}("{ident}") visar posten '
                                                   f'"{ident}" ({contact_ids[ident].get("name", "")}). Skriv '
                                                   f'{macro}("{named["id"]}"), eller rätta texten.', line=number))
                elif macro in own and ident != own[macro][1]:
                    problems.append(Problem(label, f'{macro}("{ident}") på sidan för {own[macro][0]} "{own[macro][1]}": '
                                                   f'sidan visar då fel {own[macro][0]}. Skriv {macro}("{own[macro][1]}").',
                                            line=number))
        if not text.strip():
            problems.append(Problem(label, "sidan är tom (sparades den bara till hälften?). Återställ den, till "
                                           "exempel med git checkout, eller ta bort den ur docs/ och ur nav i mkdocs.yml."))
        # Words in angle brackets ("Skriv <avdelningens namn>") are read by the browser as an unknown tag: not shown.
        for number, line in enumerate(text.splitlines(), start=1):
            for tag in _TAG.finditer(line):
                if tag.group(1).lower() not in _HTML_ELEMENTS:
                    problems.append(Problem(label, f'"{tag.group(0)}" läses av webbläsaren som en HTML-tagg och visas inte. '
                                                   "Skriv orden utan < >, till exempel inom [ ] eller ( ).", line=number))
        # A call with one opening brace is shown as it is written, and shows nothing of what it calls.
        for number, line in enumerate(text.splitlines(), start=1):
            for call in _ONE_BRACE_CALL.finditer(line):
                problems.append(Problem(label, f'"{call.group(0).strip()}" har bara en {{ i början, så sidan visar anropet '
                                               "som text och inte det det hämtar. Skriv två: {{ … }}.", line=number))
        # What a merge left behind, and a comment never closed (all below it would be hidden or shown as text).
        for number, line in enumerate(text.splitlines(), start=1):
            if yamlfile.MERGE_MARKER.match(line):
                problems.append(Problem(label, "sidan har kvar en markering från en git-sammanslagning (<<<<<<<, ======= "
                                               "eller >>>>>>>). Välj vilken text som gäller och ta bort markeringarna.",
                                        line=number))
        unclosed = text.rfind("<!--")
        if unclosed > text.rfind("-->"):
            problems.append(Problem(label, "sidan har en kommentar <!-- som aldrig stängs med -->, så resten av sidan "
                                           "försvinner eller visas som text. Stäng den, eller ta bort den.",
                                    line=text[:unclosed].count("\n") + 1))
        # A Jinja comment hides what is in it from the page without a word, a call included.
        for hidden in re.finditer(r"\{#", text):
            problems.append(Problem(label, "sidan har en kommentar {# … #}: det som står i den visas inte, och ett "
                                           "anrop i den (till exempel ett telefonnummer) försvinner från sidan utan att "
                                           "det märks. Ta bort kommentaren.",
                                    line=text[: hidden.start()].count("\n") + 1))
        # A call that would never be run: inside {% raw %}, or inside an HTML comment.
        for hidden in re.finditer(r"\{%-?\s*raw\s*-?%\}|<!--(?:(?!-->).)*?\{[{%].*?-->", text, re.S):
            where = "inom {% raw %}" if hidden.group(0).startswith("{") else "inom <!-- -->"
            problems.append(Problem(label, f"sidan har ett makroanrop {where}, som aldrig visas (eller visas som text). "
                                           "Ta bort det, eller ta bort det som döljer det.",
                                    line=text[: hidden.start()].count("\n") + 1))
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
    for page in source_pages(docs_dir):
        label = f"docs/{page.relative_to(docs_dir).as_posix()}"
        for number, line in enumerate(page.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            for call in _ROUTINE_CALL.finditer(line):
                uses.append((label, number, call.group(1), _STRING.findall(call.group(2))))
    return uses


# Files published or read as text besides the pages: style sheets, scripts, templates, drawings. (The templates in
# overrides/ are read by template_problems, which says the same of them.)
_TEXT_ASSETS = {"docs": (".css", ".js", ".html", ".htm", ".svg"), "overrides": (".css", ".js", ".svg")}


def encoding_problems(docs_dir: Path, overrides_dir: Path = None):
    """Every page, style sheet, script or template that is not saved as UTF-8 (a style sheet in Windows-1252 stops
    the minify plugin with an English line that names no file)."""
    problems = []
    for folder, name in ((docs_dir, "docs"), (overrides_dir, "overrides")):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if path.suffix.lower() not in _TEXT_ASSETS[name] or not path.is_file() or relative.parts[0] == "pdf" \
                    or any(part.startswith(".") for part in relative.parts):
                continue
            try:
                path.read_bytes().decode("utf-8")
            except UnicodeDecodeError as error:
                problems.append(Problem(f"{name}/{relative.as_posix()}", "filen är inte sparad som UTF-8 (å, ä och ö blir "
                                        "fel, och bygget kan inte läsa den). Spara den som UTF-8 i din editor.",
                                        line=path.read_bytes()[: error.start].count(b"\n") + 1))
    for page in source_pages(docs_dir):
        try:
            page.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            line = page.read_bytes()[: error.start].count(b"\n") + 1
            problems.append(Problem(f"docs/{page.relative_to(docs_dir).as_posix()}",
                                    "sidan är inte sparad som UTF-8 (å, ä och ö blir fel). Spara filen som UTF-8 i din "
                                    "editor, till exempel i Anteckningar: Spara som → Kodning: UTF-8.", line=line))
    return problems


# Pictures, whose text (a photographed phone list) the build cannot read either.
_IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff", ".heic", ".heif", ".ico", ".jxl"}


# Files published as text that a reader may open, whatever their encoding.
_TEXT_FILES = {".txt", ".csv", ".tsv", ".xml", ".html", ".htm", ".svg", ".json", ".md", ".css", ".js", ".ics", ".vcf"}
# Files the build reads for numbers (pages, style sheets, scripts, drawings, text), and fonts, which hold none.
_READ = _TEXT_FILES | {".woff", ".woff2", ".ttf", ".otf"}
# What MkDocs reads as a page besides .md: the build's checks read pages by that one name.
_OTHER_PAGES = {".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext"}
# What an editor's program or git leaves beside a file (kommun.md~, #kommun.md#, kommun.md.orig): ignored in data/
# (model.py), and in docs/ left out of the site by exclude_docs in mkdocs.yml (the same endings) and not refused here
# (it comes and goes while a page is being edited).
LEFT_BY_EDITORS = ("~", ".bak", ".swp", ".swo", ".swx", ".orig", ".tmp", ".rej", ".kate-swp")


def left_behind(name: str) -> bool:
    return name.lower().endswith(LEFT_BY_EDITORS) or (name.startswith("#") and name.endswith("#"))


def document_problems(docs_dir: Path):
    """Every document file or picture in docs/ that is not one of the routine's PDFs made by make pdf (docs/pdf/), and
    every other file the build cannot read (a zip, an e-mail saved from Outlook)."""
    problems = []
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir)
        if any(part.startswith(".") for part in relative.parts) or left_behind(path.name):
            continue
        if not path.is_file():
            continue  # a broken link or a folder: said as what it is, by the build (failure.py)
        if path.suffix.lower() in _OTHER_PAGES or (path.suffix.lower() == ".md" and path.suffix != ".md"):
            problems.append(Problem(f"docs/{relative.as_posix()}", f"sidan har ändelsen {path.suffix}, och bygget läser "
                                    "bara sidor som slutar på .md (med små bokstäver): den skulle publiceras utan "
                                    f"kontrollerna av nummer och länkar. Byt namn till {path.stem}.md och skriv det namnet i nav "
                                    "i mkdocs.yml."))
            continue
        if path.suffix.lower() in _READ:
            continue
        if relative.parts[0] == "pdf" and len(relative.parts) == 2 and path.name.startswith("avbrottsrutin-lifecare-sp-"):
            continue
        if path.suffix.lower() in _IMAGES:
            problems.append(Problem(f"docs/{relative.as_posix()}",
                                    "bilden skulle publiceras som den är, och bygget kan inte läsa text i en bild: en bild av "
                                    "en telefonlista kan visa ett gammalt eller felaktigt nummer, och den som inte ser bilden "
                                    "får inte veta vad den säger. Skriv innehållet som text på en sida i docs/ (nummer med "
                                    '{{ contact("id") }}), eller ta bort filen. Webbplatsens egna bilder är SVG-filer, vars '
                                    "text bygget läser."))
            continue
        problems.append(Problem(f"docs/{relative.as_posix()}",
                                "filen skulle publiceras som den är, och bygget kan inte läsa den: den kan visa ett gammalt "
                                "eller felaktigt nummer. Rutinens PDF-filer görs av make pdf från sidorna (docs/pdf/). "
                                "Skriv innehållet på en sida i docs/ i stället, eller ta bort filen."))
    return problems


def number_problems(docs_dir: Path):
    """Every page line with a phone number typed into it: a number reaches a page only through a contact."""
    problems = []
    for page in source_pages(docs_dir):
        label = f"docs/{page.relative_to(docs_dir).as_posix()}"
        # The whole page at once, without Markdown's emphasis and code marks, so a number split over two lines
        # or written **0611**-800 00 is found too.
        text = page.read_text(encoding="utf-8", errors="replace")
        plain = html_module.unescape(without_emphasis(text))
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
    for page in source_pages(docs_dir):
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
        # A macro named without its parentheses ({{ contact }}): the page would show the function itself, as a tag the
        # browser hides ("Ring  om något krånglar").
        called = {id(call.node) for call in tree.find_all(jinja2.nodes.Call)}
        for name in tree.find_all(jinja2.nodes.Name):
            if name.ctx == "load" and name.name in macros and name.name not in _OTHER_CALLABLES and id(name) not in called:
                needs_id = any(parameter.default is inspect.Parameter.empty
                               for parameter in inspect.signature(macros[name.name]).parameters.values())
                example = f'{name.name}("id")' if needs_id else f"{name.name}()"
                problems.append(Problem(label, f"makrot {name.name} står utan parenteser, så sidan skulle visa makrot självt "
                                               f"i stället för det det ger. Skriv {{{{ {example} }}}}.", line=name.lineno))
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
                bound = inspect.signature(macros[name]).bind(*call.args, **{kw.key: kw.value for kw in call.kwargs})
            except TypeError:
                problems.append(Problem(label, f"makrot {name}() anropas med fel argument. Det tar "
                                               f"{_describe(macros[name])}; till exempel {name}(\"id\").", line=call.lineno))
                continue
            # A yes/no argument given as text ("nej" would count as yes).
            for parameter in inspect.signature(macros[name]).parameters.values():
                value = bound.arguments.get(parameter.name)
                if (isinstance(parameter.default, bool) and isinstance(value, jinja2.nodes.Const)
                        and not isinstance(value.value, bool)):
                    problems.append(Problem(label, f"argumentet {parameter.name} till {name}() ska vara true eller false "
                                                   f"(utan citattecken), inte {value.value!r}.", line=call.lineno))
    return problems


def file_system_problems(docs_dir: Path):
    """What in docs/ MkDocs would hang on or go round in: a link to a folder (a link to a folder above loops for
    ever), and what is not a file (a named pipe is read for ever)."""
    import os
    import stat
    problems = []
    for folder, dirs, files in os.walk(docs_dir, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            relative = f"docs/{path.relative_to(docs_dir).as_posix()}"
            if name.startswith("."):
                continue
            if path.is_symlink() and path.is_dir():
                problems.append(Problem(relative, "är en länk till en mapp. MkDocs går in i den (en länk till en mapp ovanför "
                                                  "går runt för alltid). Ta bort länken; lägg filerna i docs/ i stället."))
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError:
                continue
            inside = path.relative_to(docs_dir).as_posix()
            if stat.S_ISREG(mode) and inside.startswith(_THEME_FOLDERS):
                problems.append(Problem(relative, "ligger där temat har sina egna filer (sökningen, temats skript och "
                                                  "stilar), som den sista kontrollen av nummer inte läser. Flytta filen till "
                                                  "en annan mapp i docs/, till exempel docs/assets/."))
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                problems.append(Problem(relative, "är ingen vanlig fil (en namngiven rörledning eller liknande), och MkDocs "
                                                  "skulle vänta på den för alltid. Ta bort den."))
        dirs[:] = [d for d in dirs if not d.startswith(".")]
    return problems


def source_pages(docs_dir: Path):
    """The pages MkDocs builds from docs/: the .md files, without the hidden ones an editor's program leaves (an
    Emacs lock file .#kommun.md, a Mac ._kommun.md) or that are not files (a broken link), which MkDocs skips too."""
    return sorted(page for page in docs_dir.rglob("*.md")
                  if page.is_file() and not any(part.startswith(".") for part in page.relative_to(docs_dir).parts))


def nav_problems(docs_dir: Path, nav):
    """Every page the menu (nav in mkdocs.yml) names that is not in docs/: MkDocs would only warn, in English."""
    problems = []

    def walk(node):
        if isinstance(node, str):
            if node.startswith(("http://", "https://", "mailto:")):
                return
            if not node.endswith(".md"):
                problems.append(Problem("mkdocs.yml", f'menyn (nav) har raden "{node}", som inte är en sida: varje rad '
                                                      "i nav pekar på en fil i docs/ med sitt fulla namn, till exempel "
                                                      f'"{node.rstrip("/") or "index"}.md" (eller "{node.rstrip("/")}/index.md" '
                                                      "för en mapp)."))
            elif not (docs_dir / node).is_file():
                problems.append(Problem("mkdocs.yml", f"menyn (nav) pekar på docs/{node}, som inte finns. Återställ "
                                                      "sidan, till exempel med git checkout, eller ta bort raden ur nav."))
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(nav or [])
    # A page named twice: MkDocs builds it once, and its anchors (the headings' ids) are then said twice on it.
    listed = []

    def collect(node):
        if isinstance(node, str):
            listed.append(node)
        for value in (node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()):
            collect(value)
    collect(nav or [])
    for twice in sorted({page for page in listed if listed.count(page) > 1 and page.endswith(".md")}):
        problems.append(Problem("mkdocs.yml", f"menyn (nav) nämner docs/{twice} två gånger. Varje sida står en gång i "
                                              "menyn: ta bort den ena raden."))
    # MkDocs makes README.md a folder's start page, and leaves it out (in English) when the folder has index.md.
    skipped = {page for page in source_pages(docs_dir)
               if page.name.lower() == "readme.md" and (page.parent / "index.md").is_file()}
    for page in sorted(skipped):
        problems.append(Problem(f"docs/{page.relative_to(docs_dir).as_posix()}", "sidan skulle inte publiceras: MkDocs gör "
                                "README.md till mappens startsida, och mappen har redan en (index.md). Ge filen ett annat "
                                "namn, till exempel las-mig.md, och skriv det namnet i nav i mkdocs.yml."))
    if nav:
        named = set(listed)
        for page in source_pages(docs_dir):
            relative = page.relative_to(docs_dir).as_posix()
            if relative not in named and page not in skipped:
                problems.append(Problem(f"docs/{relative}", "sidan finns inte i menyn (nav i mkdocs.yml), men skulle "
                                                            "publiceras ändå. Är den en kopia (”kommun - Kopia.md”), ta bort "
                                                            "den; annars lägg till den i nav."))
    return problems



# What a reader never sees as text: scripts, styles, the QR codes' drawings, and the list of the scan's
# corrections on Om rutinen, which quotes the scan's own numbers as text.
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
_CSS_CONTENT = re.compile(r"content\s*:([^;}]*)", re.I)
_CSS_STRING = re.compile(r'"([^"]*)"|\'([^\']*)\'')
# Not read for numbers: scripts and drawings (their text is read on its own), and the scan's words as the corrections
# table quotes them (its corrected words beside them are read).
_UNSEEN = re.compile(r"<(script|style|svg)\b.*?</\1>|<td class=\"lc-corrections__scan\">.*?</td>", re.S | re.I)
# The attributes a reader meets (a tooltip, alt text, a screen reader's label, the page's description), not the
# numbers of a drawing's geometry (d, viewBox, points).
_ATTRIBUTE = re.compile(r"""\s(?:title|alt|aria-label|aria-description|aria-roledescription|aria-placeholder|placeholder|"""
                        r"""content|value|label|summary|abbr)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_TEL = re.compile(r"""href\s*=\s*["']?(tel:[^"'\s>]*)""", re.I)
_TEL_LINK = re.compile(r"""(<a\b[^>]*href\s*=\s*["']?(tel:[^"'\s>]*)[^>]*>)(.*?)</a>""", re.I | re.S)
_CODE = re.compile(r"<(pre|code)\b[^>]*>(.*?)</\1>", re.S | re.I)
# Text a reader sees inside an SVG drawing (the QR codes' paths are numbers too, and are not read).
_SVG_TEXT = re.compile(r"<(text|title|desc|tspan)\b[^>]*>(.*?)</\1>", re.S | re.I)
# Files the theme ships (its scripts, styles, fonts and search), not written by anyone here.
_THEME_FOLDERS = ("assets/javascripts/bundle", "assets/javascripts/lunr", "assets/javascripts/workers",
                  "assets/stylesheets/main", "assets/stylesheets/palette", "search/")


# Six digits or more with little between them: text that may hold a phone number (dates set aside first).
_ANY_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"[\dOo](?:[\s\-()\u2010-\u2015]{0,5}\d){5,}")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def source_label(docs_dir: Path, relative: str) -> str:
    """The file an editor would open for a published file: its page in docs/, or where else it comes from."""
    if (docs_dir / relative).is_file():
        return f"docs/{relative}"
    if relative.endswith("index.html"):
        folder = relative[: -len("index.html")].rstrip("/")
        for candidate in ([f"{folder}.md", f"{folder}/index.md"] if folder else ["index.md"]):
            if (docs_dir / candidate).is_file():
                return f"docs/{candidate} (eller mkdocs.yml eller en mall i overrides/)"
    return f"site/{relative} (byggs från mkdocs.yml eller från en mall i overrides/)"


@functools.lru_cache(maxsize=8192)
def _numbers_said(text):
    """The numbers a link's words and labels say. The same link (a contact's number) stands on many pages: read once."""
    return tuple(" ".join(n.split()) for n in phones.numbers_in_text(text))


@functools.lru_cache(maxsize=4)
def _known_numbers(numbers):
    return re.compile(r"(?<![\d+])(?:" + "|".join(map(re.escape, numbers)) + r")(?![\d])")


def without_emphasis(markdown: str) -> str:
    """Markdown without its emphasis and code marks (a number written **0611**-800 00 is read whole), leaving the
    HTML in it as it is (a class such as lc-corrections__scan keeps its underscores)."""
    return re.sub(r"<[^>]*>|[*_`]+", lambda m: m.group(0) if m.group(0).startswith("<") else "", markdown)


_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", re.S | re.I)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)


def _css_unescaped(text: str) -> str:
    """A CSS string as it prints: \\30 is 0, \\" is "."""
    def one(match):
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else " "
        return match.group(2)
    return _CSS_ESCAPE.sub(one, text)


def _css_printed(css: str) -> str:
    """What a style sheet prints (content: "…"): each declaration's strings as one (content: "060-" "12 34 56" prints
    one number), escapes decoded."""
    return " ".join(_css_unescaped("".join(a or b for a, b in _CSS_STRING.findall(declaration)))
                    for declaration in _CSS_CONTENT.findall(css))


def unknown_numbers(html: str, numbers, local: bool = True):
    """The phone numbers a reader sees in `html` (text, attribute values, text in drawings; not scripts, styles or
    the scan's quoted corrections) that are not among `numbers`, as written on the site."""
    # Attribute values a reader meets too (a title, a description, alt text); tel: links are checked on their own.
    attributes = " ".join(value for value in (a or b for a, b in _ATTRIBUTE.findall(html))
                          if not value.lower().startswith(("tel:", "data:")))
    # Text a style sheet in the page prints (content: "…", a running header or footer, say), and the attributes it
    # prints (content: attr(data-nummer)).
    styles = " ".join(_STYLE.findall(html))
    attributes += " " + _css_printed(styles)
    for declaration in _CSS_CONTENT.findall(styles):
        for name in re.findall(r"attr\(\s*([\w-]+)", declaration):
            attributes += " " + " ".join(html_module.unescape(a or b) for a, b in re.findall(
                r"\s" + re.escape(name) + r"""\s*=\s*(?:"([^"]*)"|'([^']*)')""", html, re.I))
    # And what the page's own inline scripts write (a text put in place by a script typed into a template).
    attributes += " " + " ".join(_INLINE_SCRIPT.findall(html))
    visible = _UNSEEN.sub(lambda m: " ".join(t for _, t in _SVG_TEXT.findall(m.group(0))) or " ", html)
    # Entities decoded (&nbsp;, &#8209;), as the reader sees them; the contacts' own numbers set aside first,
    # so that the number library (slow on long text) reads only what is left, and only if digits are.
    shown = " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", visible) + " " + attributes).split())
    # Only where the number stands alone: "0611-800 001" is not the switchboard's 0611-800 00 with a 1 after it.
    # One pattern for all of them, made once per set of numbers (a pattern each would be made again on every page).
    if numbers:
        shown = _known_numbers(tuple(sorted(numbers, key=len, reverse=True))).sub(" ", shown)
    if not _DIGITS.search(_ISO_DATE.sub(" ", shown)):
        return []
    return [written for written in (" ".join(found.split()) for found in phones.numbers_in_text(shown, local))
            if written not in numbers]




def _checked_files(site_dir: Path):
    """The finished site's files that the last checks read (not the theme's own files, not PDFs or images)."""
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.is_file() and not relative.startswith(_THEME_FOLDERS) and path.suffix not in (".gz", ".pdf", ".png"):
            yield relative, path


def published_key(site_dir: Path, docs_dir: Path, *expected) -> str:
    """One value for everything the checks of the finished site read: its files, the pages in docs/, what they are
    checked against (`expected`: the contacts' numbers and links, the roles and forms) and this code. A site that
    passed them, byte for byte, passes again (cache.passed)."""
    digest = hashlib.sha256(cache.code_key().encode() + b"\0" + repr([sorted(map(repr, part)) for part in expected]).encode())
    for relative, path in _checked_files(site_dir):
        try:
            digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            digest.update(relative.encode() + b"\0(unreadable)\0")
    for page in source_pages(docs_dir):
        digest.update(page.relative_to(docs_dir).as_posix().encode() + b"\0")
    return digest.hexdigest()


# The elements a reader takes as one statement, where a name and the number beside it go together. A table's row is
# one (its name in one cell, its number in the next), so its cells are not statements of their own.
_STATEMENTS = {"p", "li", "tr", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption",
               "blockquote", "title", "option", "label", "summary", "legend", "pre", "button"}


class _Statements(HTMLParser):
    """A page's text as statements (see _STATEMENTS); a link's or image's label (aria-label, title, alt) is one too.

    Each statement also has what names it when it names no one itself (headings): the text before it in the
    statement around it ("Timrå kommun:" over a nested list), else the last heading, a box's title, a <summary>, a
    <dt> or a paragraph that is all bold ("**Timrå kommun**")."""

    _HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        # Each open statement: [tag, its text, a heading of its own (a box's title), its bold text].
        self.open, self.found, self.unseen, self.bold = [["", [], False, []]], [], 0, 0
        self.heading, self.headings = "", {}

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg", "template"):
            self.unseen += 1
        if tag in ("strong", "b"):
            self.bold += 1
        self.found += [value for name, value in attrs if name in ("aria-label", "title", "alt") and value]
        # Cells and lines apart, as the reader sees them ("Timrå kommun" | "060-16 31 00").
        self.open[-1][1].append(" ")
        in_row = any(entry[0] == "tr" for entry in self.open)
        if tag in _STATEMENTS and not (tag in ("td", "th") and in_row):
            titled = "admonition-title" in (dict(attrs).get("class") or "").split()
            self.open.append([tag, [], titled, []])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg", "template") and self.unseen:
            self.unseen -= 1
        if tag in ("strong", "b") and self.bold:
            self.bold -= 1
        if len(self.open) > 1 and self.open[-1][0] == tag:
            _, parts, titled, bold = self.open.pop()
            text = " ".join("".join(parts).split())
            if tag in self._HEADINGS or titled or (tag == "p" and text and " ".join("".join(bold).split()) == text):
                self.heading = text
            else:
                around = " ".join("".join(self.open[-1][1]).split()) if len(self.open) > 1 else ""
                self.headings.setdefault(text, around or self.heading)
            self.found.append(text)

    def handle_data(self, data):
        if not self.unseen:
            self.open[-1][1].append(data)
            if self.bold:
                self.open[-1][3].append(data)

    def statements(self):
        self.close()
        return [" ".join(text.split()) for text in self.found + ["".join(entry[1]) for entry in self.open]]


def _ways_to_name(name: str):
    """How a text names a contact: its whole name, the part before a comma ("Servicedesk"), and a municipality by
    its place ("Sundsvall"; each also with a genitive s, "Sundsvalls")."""
    name = " ".join(name.split())
    head = name.split(",")[0].strip()
    ways = {name, head}
    place = re.fullmatch(r"(.+?) kommun", head, re.I)
    if place:
        stem = place.group(1)
        ways.add(stem[:-1] if stem.endswith("s") else stem)
    return ways


@functools.lru_cache(maxsize=4)
def _name_index(names: tuple):
    """{first word: [(way, {the contacts it names})]}, longest way first: one look-up per word of a text, however
    many contacts there are (a pattern for each would make the check grow with contacts × text)."""
    index = {}
    for name in names:
        for way in _ways_to_name(name):
            words = way.casefold().split()
            if words:
                index.setdefault(words[0].rstrip(","), {}).setdefault(way.casefold(), set()).add(name)
    return {word: sorted(ways.items(), key=lambda item: -len(item[0])) for word, ways in index.items()}


_WORD = re.compile(r"\w+")


def _names_in(statement: str, index):
    """(start, end, {contacts named}, as written) for each contact a statement names, in order."""
    folded = statement.casefold()
    found, end_of_last = [], 0
    for word in _WORD.finditer(folded):
        # "Kramfors" and "Sundsvalls" are looked up as written and without their last s ("Sundsvall").
        ways = index.get(word.group(0), []) + (index.get(word.group(0)[:-1], []) if word.group(0).endswith("s") else [])
        ways.sort(key=lambda item: -len(item[0]))
        if word.start() < end_of_last or not ways:
            continue
        for way, names in ways:
            if folded.startswith(way, word.start()):
                end = word.start() + len(way)
                end += folded.startswith("s", end) and not folded[end + 1: end + 2].isalnum()
                if not folded[end: end + 1].isalnum():
                    found.append((word.start(), end, names, statement[word.start(): end]))
                    end_of_last = end
                    break
    return found


_CLAUSE_END = re.compile(r"[.;:!?]|\s(?:och|eller|samt|men|sedan|så)\s", re.I)
_AFTER = 40


def misnamed_numbers(statements, owners, headings=None):
    """(number, its contact's name, the other contact's name as written) for every contact's number that a statement
    puts beside another contact's name: the name nearest before it (or, with none before, the first after it in the
    same clause) is not its own; a statement that names no one is named by the heading above it (`headings`:
    {statement: its heading}). `owners`: {number as shown: contact's name}."""
    if not owners:
        return []
    index = _name_index(tuple(sorted(set(owners.values()))))
    number = _known_numbers(tuple(sorted(owners, key=len, reverse=True)))
    found = []
    headings = {unicodedata.normalize("NFC", key): unicodedata.normalize("NFC", value) for key, value in (headings or {}).items()}
    for statement in statements:
        statement = unicodedata.normalize("NFC", statement)
        shown = list(number.finditer(statement))
        if not shown:
            continue
        named = _names_in(statement, index)
        if not named and headings and headings.get(statement):
            # A number that its statement names no one for, under a heading that names another contact.
            above = _names_in(headings[statement], index)
            if above:
                for match in shown:
                    own = owners[" ".join(match.group(0).split())]
                    if own not in above[-1][2]:
                        found.append((" ".join(match.group(0).split()), own, above[-1][3]))
            continue
        for n, match in enumerate(shown):
            start = shown[n - 1].end() if n else 0
            stop = shown[n + 1].start() if n + 1 < len(shown) else len(statement)
            # After the number only what still belongs to it ("060-19 10 00 (Timrå)"), not the next clause ("… och
            # be om Timrå kommuns biståndshandläggare").
            clause = _CLAUSE_END.split(statement[match.end(): stop][:_AFTER], maxsplit=1)[0]
            before = [name for name in named if name[0] >= start and name[1] <= match.start()]
            after = [name for name in named if name[0] >= match.end() and name[1] <= match.end() + len(clause)]
            nearest = before[-1] if before else (after[0] if after else None)
            own = owners[" ".join(match.group(0).split())]
            if nearest and own not in nearest[2]:
                found.append((" ".join(match.group(0).split()), own, nearest[3]))
    return found


# Every link's address as written (quoted or not), and the schemes that dial or text a number.
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_DIALLING = {"tel", "sms", "mms", "callto", "facetime", "facetime-audio", "sip", "sips", "skype", "whatsapp", "viber",
             "wtai", "tg", "signal"}


def markup_file(path: Path) -> bool:
    return path.suffix.lower() in (".html", ".htm", ".svg")


def _href_problems(html: str, hrefs, numbers):
    """Links that dial a number the build cannot see as one: a tel: written with an entity (tel&#58;) or a space
    before it (the browser still dials it), another scheme that calls or texts, or a number inside an address
    (a Teams call, say). Only the site's own links, as {{ phone() }} writes them, may dial."""
    out = []
    for match in _HREF.finditer(html):
        written = next(value for value in match.groups() if value is not None)
        # As the browser reads it: entities decoded, spaces around and tabs and line breaks inside taken out.
        address = re.sub(r"[\t\n\r]", "", html_module.unescape(written)).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08"
                                                                           "\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15"
                                                                           "\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
        scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", address)
        scheme = scheme.group(1).lower() if scheme else ""
        if scheme == "tel":
            if written != address or address not in hrefs:
                if written == address:
                    continue  # said below, with what to do
                out.append(f'den publicerade sidan har en länk som ringer "{unquote(address)}" men är skriven '
                           f'"{written}", så att bygget inte ser numret. Ett nummer kommer till sidorna bara från en post '
                           'i data/contacts.yml: visa det med {{ phone("id") }} eller {{ contact("id") }}.')
        elif scheme in _DIALLING:
            out.append(f'den publicerade sidan har länken "{address}", som ringer eller skickar meddelanden till ett nummer '
                       "utan att gå genom data/contacts.yml. Ta bort länken, och visa numret med {{ phone(\"id\") }}.")
        elif scheme:
            inside = [found for found in phones.numbers_in_text(" ".join(re.split(r"[/?&=:#,;]", unquote(address))),
                                                                local=False)
                      if " ".join(found.split()) not in numbers and len(re.sub(r"\D", "", found)) >= 8]
            if inside:
                out.append(f'den publicerade sidan har länken "{address}", med numret {inside[0]} i adressen (ett samtal '
                           "i Teams, till exempel), som inte står på någon post i data/contacts.yml. Ta bort länken, och "
                           'visa numret med {{ phone("id") }} från en post där.')
    return out


def published_number_problems(site_dir: Path, docs_dir: Path, numbers, hrefs, owners=None):
    """Every phone number or tel: link in the finished site that is not a contact's in data/contacts.yml.

    The last check before publishing: it reads what the reader gets, so a number typed into mkdocs.yml (a menu
    title, the description), a template in overrides/ or a file in docs/ is found as well as one on a page."""
    problems = []
    for relative, path in _checked_files(site_dir):
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        try:
            # A text file saved as "Unicode" (UTF-16, Excel's and Notepad's word for it) starts with its byte order mark.
            html = raw.decode("utf-16") if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else raw.decode("utf-8")
        except UnicodeDecodeError:
            # A text file saved in another encoding (an Excel export in Windows-1252, say) is read all the same.
            if path.suffix.lower() not in _TEXT_FILES:
                continue
            html = raw.decode("cp1252", errors="replace")
        label = source_label(docs_dir, relative)
        for link in _TEL_LINK.finditer(html):
            href, words = link.group(2), " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", link.group(3))).split())
            # What the link says it dials: its text, and its tooltip or screen reader's label (a link of an icon).
            labels = " ".join(html_module.unescape(a or b) for a, b in _ATTRIBUTE.findall(link.group(1)))
            said_text = f"{words} {labels}"
            # What the link says besides its own number; with no digit left, it says no other number.
            said = _numbers_said(said_text) if href in hrefs and _ANY_DIGIT.search(said_text.replace(hrefs[href], " ")) else ()
            words = words or labels
            if href in hrefs and any(number != hrefs[href] for number in said):
                problems.append(Problem(label, f'den publicerade sidan visar "{words}" men länken ringer {hrefs[href]} '
                                               f"({href}). Numret som syns och numret som rings ska vara samma: visa det "
                                               'med {{ phone("id") }}.'))
            # A link that says whom it calls ("Ring Sundsvalls kommun", a button or an icon's label) calls that one.
            own = (owners or {}).get(hrefs.get(href, ""))
            named = _names_in(unicodedata.normalize("NFC", said_text), _name_index(tuple(sorted(set(owners.values()))))) \
                if own else []
            if named and own not in named[-1][2]:
                problems.append(Problem(label, f'den publicerade sidan har en länk som säger "{words}" men ringer '
                                               f"{hrefs[href]}, som är numret till {own}. Den som klickar ringer då fel. "
                                               'Visa kontakten med {{ contact("id") }} eller {{ phone("id") }} från dess '
                                               "egen post, i stället för en länk skriven för hand."))
        # A digit typed against a number's link ({{ phone("x") }}1) reads as one longer, wrong number.
        for link in _TEL_LINK.finditer(html):
            if re.match(r"(?:</[a-z]+>)*[0-9]", html[link.end():]) or re.search(r"[0-9](?:<[^>]+>)*$", html[: link.start()][-200:]):
                problems.append(Problem(label, f'den publicerade sidan visar en siffra direkt intill numret '
                                               f'{hrefs.get(link.group(2), link.group(2))}, så att det läses som ett annat, '
                                               'längre nummer. Ta bort siffran, eller skriv ett mellanslag eller ord emellan.'))
        if markup_file(path):
            problems += [Problem(label, message) for message in _href_problems(html, hrefs, numbers)]
        for href in _TEL.findall(html):
            if href not in hrefs:
                problems.append(Problem(label, f'den publicerade sidan har länken "{href}", som inte är numret på någon post i '
                                               "data/contacts.yml. Skriv numret på en post där och visa det med "
                                               '{{ phone("id") }} eller {{ contact("id") }}.'))
        # A macro's HTML shown as code (its line indented four spaces, or inside `…`): the reader sees markup and a
        # number as the phone dials it. Said as such, and the code left out of the number check below.
        if any("tel:" in code or 'class="lc-' in code for code in
               (html_module.unescape(m.group(2)) for m in _CODE.finditer(html))):
            problems.append(Problem(label, "den publicerade sidan visar HTML från ett anrop som kod, med numret så som "
                                           "telefonen ringer det: raden med anropet är indragen fyra mellanslag (eller "
                                           "står inom `…`), och då visar Markdown den som kod. Ta bort indraget."))
            html = _CODE.sub(" ", html)
        # Pages and drawings as a reader sees them; scripts, style sheets and data files as text, where numbers
        # written without an area code are a program's, not a reader's.
        markup = markup_file(path)
        # A contact's number beside another contact's name (typed in a template, a menu title or a file of its own, or
        # "Ring Timrå på {{ phone("sundsvall") }}"): the number is right, the name says to call someone else.
        if markup:
            reader = _Statements()
            reader.feed(_UNSEEN.sub(" ", html))
            statements, headings = reader.statements(), reader.headings
        else:
            statements, headings = [" ".join(html.split())], {}
        for number, own, written in misnamed_numbers(statements, owners or {}, headings):
            problems.append(Problem(label, f'den publicerade sidan visar numret {number}, som är numret till {own}, '
                                           f'närmast vid namnet "{written}". Den som läser ringer då fel. Visa en kontakt '
                                           'med {{ contact("id") }}, som skriver namn och nummer tillsammans, eller skriv '
                                           'kontaktens eget namn närmast före {{ phone("id") }}.'))
        # A text file is read as a reader reads it (a number without its area code too), and so is what a style sheet
        # prints (content: "…", its escapes decoded).
        reader_text = markup or path.suffix.lower() in (".txt", ".csv", ".tsv")
        if path.suffix.lower() == ".css":
            for written in unknown_numbers(html_module.escape(_css_printed(html)), numbers, local=True):
                problems.append(Problem(label, f'stilmallen skriver ut telefonnumret "{written}" på sidorna (content: …), '
                                               "men det står inte på någon post i data/contacts.yml. Ta bort det ur "
                                               "stilmallen; ett nummer kommer till sidorna bara från en post där."))
        for written in unknown_numbers(html if markup else html_module.escape(html), numbers, local=reader_text):
            problems.append(Problem(label, f'den publicerade sidan visar telefonnumret "{written}", som inte står på någon '
                                           "post i data/contacts.yml. Ett nummer kommer till sidorna bara från en post "
                                           'där: skriv det på en post och visa det med {{ phone("id") }} eller '
                                           '{{ contact("id") }}. Står numret i mkdocs.yml eller i overrides/, ta bort det därifrån.'))
    return collapsed(problems)


def collapsed(problems):
    """The same problem on many pages (a number in a template or in mkdocs.yml is on every page) said once, with the
    first pages it is on and how many more."""
    by_message = {}
    for problem in problems:
        by_message.setdefault(problem.message, []).append(problem)
    out = []
    for message, same in by_message.items():
        if len(same) <= 3:
            out += same
            continue
        files = list(dict.fromkeys(problem.file.split(" (")[0] for problem in same))
        out.append(Problem(f"{', '.join(files[:2])} och {len(files) - 2} sidor till (samma fel på alla: det kommer troligen "
                           "från en mall i overrides/ eller från mkdocs.yml)", message))
    return out


# Page settings (front matter) that this site's pages use or Material reads, and the values `hide` takes.
# (Not "template": a page with another page's template, 404.html say, loses its content without a word.)
_SETTINGS = {"title", "description", "hide", "search", "icon", "status", "subtitle"}
_HIDE = {"navigation", "toc", "footer", "path", "tags", "feedback"}
_SEARCH = {"exclude", "boost"}
# MkDocs reads a first line such as "Obs: …" as a page setting and leaves it off the page, without a word.
_SETTING_LINE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")


def front_matter_problems(docs_dir: Path):
    """Every page whose settings between its two --- lines MkDocs would drop or misread without a word."""
    problems = []
    for page in source_pages(docs_dir):
        label = f"docs/{page.relative_to(docs_dir).as_posix()}"
        text = page.read_text(encoding="utf-8-sig", errors="replace")
        lines = text.splitlines()
        if not lines:
            continue
        if _SETTING_LINE.match(lines[0]):
            problems.append(Problem(label, f'första raden, "{lines[0][:60]}", läses som en sidinställning och visas '
                                           "inte på sidan. Börja sidan med en rubrik (# Rubrik), eller sätt en tom rad "
                                           "först om raden ska synas.", line=1))
            continue
        if lines[0].rstrip() != "---":
            continue
        end = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "...")), None)
        if end is None:
            problems.append(Problem(label, "sidinställningarna överst (efter ---) avslutas aldrig med en rad med bara ---. "
                                           "Då visas de som text och sidan får fel rubrik. Lägg till raden ---, eller ta "
                                           "bort den första.", line=1))
            continue
        try:
            settings = yaml.safe_load("\n".join(lines[1:end]))
        except yaml.YAMLError as error:
            line = getattr(getattr(error, "problem_mark", None), "line", None)
            problems.append(Problem(label, "sidinställningarna mellan raderna --- går inte att läsa (kontrollera kolon, "
                                           "indrag och citattecken). MkDocs skulle hoppa över dem utan att säga något.",
                                    line=None if line is None else line + 2))
            continue
        if settings is None:
            continue
        if not isinstance(settings, dict):
            problems.append(Problem(label, "sidinställningarna mellan raderna --- ska vara rader som namn: värde.", line=2))
            continue
        for key, value in settings.items():
            where = next((i + 1 for i, line in enumerate(lines[1:end], start=1) if line.startswith(f"{key}:")), 2)
            if key not in _SETTINGS:
                problems.append(Problem(label, f'sidinställningen "{key}" finns inte. Inställningar som går att använda: '
                                               f'{", ".join(sorted(_SETTINGS))}.', line=where))
            elif key == "hide" and not (isinstance(value, list) and all(v in _HIDE for v in value)):
                problems.append(Problem(label, f'"hide" ska vara en lista med något av {", ".join(sorted(_HIDE))}, '
                                               "en per rad med - först.", line=where))
            elif key == "search" and not (isinstance(value, dict) and set(value) <= _SEARCH):
                problems.append(Problem(label, '"search" ska ha "exclude: true" eller "boost: <tal>" på raden under, '
                                               "med två mellanslag först.", line=where))
            elif key in ("title", "description", "subtitle") and not isinstance(value, str):
                problems.append(Problem(label, f'"{key}" ska vara en text.', line=where))
    return problems


_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)


def link_problems(docs_dir: Path):
    """Every link in a page to a file in docs/ that is not there: MkDocs would only warn, in English."""
    problems = []
    for page in source_pages(docs_dir):
        label = f"docs/{page.relative_to(docs_dir).as_posix()}"
        text = page.read_text(encoding="utf-8", errors="replace")
        for match in _LINK.finditer(text):
            target = match.group(1) or match.group(2)
            path = re.split(r"[#?]", target, maxsplit=1)[0]
            if (not path or "{" in path or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", path) or path.startswith("/")
                    or not Path(path).suffix):
                continue
            target_path = (page.parent / path).resolve()
            if not target_path.is_file() or not target_path.is_relative_to(docs_dir.resolve()):
                problems.append(Problem(label, f'länken "{target}" pekar på en fil som inte finns i docs/. Skriv sidans '
                                               "filnamn som det står i docs/, till exempel [Telefonnummer](telefonnummer.md), "
                                               "relativt till den här sidan.", line=text[: match.start()].count("\n") + 1))
    return problems


def template_problems(overrides_dir: Path, name: str = "overrides"):
    """Every template in overrides/ (or the fragments' folder, `name`) that Jinja cannot read: said in Swedish
    before the build, not as a traceback."""
    templates = [t for t in sorted(overrides_dir.rglob("*")) if t.is_file() and t.suffix in (".html", ".md", ".xml", ".txt")]
    # Templates that parsed before, unchanged, parse again: the check is remembered (cache.py) and not made again.
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for template in templates:
        digest.update(template.relative_to(overrides_dir).as_posix().encode() + b"\0" + template.read_bytes() + b"\0")
    key = digest.hexdigest()
    if cache.passed(key, "templates"):
        return []
    environment = jinja2.Environment(extensions=["jinja2.ext.loopcontrols", "jinja2.ext.do"])
    problems = []
    for template in templates:
        label = f"{name}/{template.relative_to(overrides_dir).as_posix()}"
        try:
            source = template.read_text(encoding="utf-8")
            for number, line in enumerate(source.splitlines(), start=1):
                if yamlfile.MERGE_MARKER.match(line):
                    problems.append(Problem(label, "mallen har kvar en markering från en git-sammanslagning (<<<<<<<, "
                                                   "======= eller >>>>>>>), som skulle visas på varje sida. Välj vilken "
                                                   "text som gäller och ta bort markeringarna.", line=number))
            environment.parse(source)
        except UnicodeDecodeError:
            problems.append(Problem(label, "mallen är inte sparad som UTF-8. Spara filen som UTF-8 i din editor."))
        except jinja2.TemplateSyntaxError as error:
            problems.append(Problem(label, "mallen har ett trasigt {% … %} eller {{ … }}: ett block som inte stängs, "
                                           "ett uttryck som saknas eller ett tecken som inte hör hemma där. Ångra den "
                                           "senaste ändringen, till exempel med git diff och git checkout.", line=error.lineno))
    if not problems:
        cache.remember_passed(key, "templates")
    return problems


_COMMENT = re.compile(r"<!--.*?-->", re.S)
# What a page loads (not a link a reader follows, nor the canonical address): from another host, a request leaves.
_FOREIGN = re.compile(r"""<(?:script|img|iframe|source|video|audio|embed|track)\b[^>]*?\bsrc\s*=\s*["']?((?:https?:)?//[^"'\s>]+)"""
                      r"""|<link\b(?=[^>]*\brel\s*=\s*["']?(?:stylesheet|preload|modulepreload|icon|manifest|prefetch)\b)"""
                      r"""[^>]*?\bhref\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.I)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
# What a printout is for: a role's checklist, a blankett, the binder (by their component's class).
_PRINTED = {"lc-checklist": "checklista", "lc-form": "blankett", "lc-binder": "nödpärm"}


class _UnprintedParts(HTMLParser):
    """The printed components (_PRINTED) that stand inside an element left out of print (class lc-no-print)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open, self.found = [], []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        hidden = bool(self.open and self.open[-1][1])
        if hidden and classes & _PRINTED.keys():
            self.found += sorted(classes & _PRINTED.keys())
        if tag not in _VOID:
            self.open.append((tag, hidden or "lc-no-print" in classes))

    def handle_endtag(self, tag):
        for n in range(len(self.open) - 1, -1, -1):
            if self.open[n][0] == tag:
                del self.open[n:]
                break


_FRAGMENT_LINK = re.compile(r'<a\b[^>]*?\shref="([^"#]*)#([^"]+)"')


def _anchor_problems(site_dir: Path, docs_dir, page_ids):
    """Every link to a place on a page (#…) that is not there: MkDocs says so only in English, as INFO, and
    publishes the link, which then opens the page at its top. page_ids: each page (resolved path) → its ids."""
    site = site_dir.resolve()

    def named(path):
        relative = path.relative_to(site).as_posix()
        return source_label(docs_dir, relative).split(" (")[0] if docs_dir else relative
    said = {}
    for path in sorted(page_ids):
        text = _COMMENT.sub("", path.read_text(encoding="utf-8"))
        for match in _FRAGMENT_LINK.finditer(text):
            address, fragment = html_module.unescape(match.group(1)), unquote(html_module.unescape(match.group(2)))
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", address) or address.startswith("/"):
                continue
            target = (path.parent / unquote(address)) if address else path
            if address.endswith("/") or target.is_dir():
                target = target / "index.html"
            target = target.resolve()
            if target not in page_ids or fragment in page_ids[target]:
                continue
            problem = Problem(named(path), f'länken "{address}#{fragment}" pekar på ett ställe som inte finns på sidan '
                                           f"{named(target)} (ingen rubrik eller del där har ankaret #{fragment}), så "
                                           "den öppnar sidan överst. Kontrollera länken och rubriken: ankaret är "
                                           "rubrikens ord med små bokstäver, bindestreck i stället för mellanslag och å, "
                                           "ä, ö som a, a, o (rubriken ”Kontaktuppgifter på intranätet” har "
                                           "#kontaktuppgifter-pa-intranatet).")
            said.setdefault(str(problem), problem)
    return list(said.values())


def published_content_problems(site_dir: Path, role_ids, form_ids, hrefs, docs_dir: Path = None):
    """Every page that is published without what it is for: a role page without its checklist, a blankett page
    without its blankett, the phone list without every number (a macro call deleted, or hidden in a comment)."""
    def shown(relative):
        # A page is folder/index.html, or folder.html in the offline pack (use_directory_urls: false).
        for path in (site_dir / relative, site_dir / relative.replace("/index.html", ".html")):
            if path.is_file():
                return _COMMENT.sub("", path.read_text(encoding="utf-8"))
        return None
    problems = []
    for page in source_pages(docs_dir) if docs_dir else []:
        stem = page.relative_to(docs_dir).with_suffix("").as_posix()
        relative = "index.html" if stem == "index" else (stem[: -len("index")] + "index.html" if stem.endswith("/index")
                                                        else f"{stem}/index.html")
        html = shown(relative)
        label = f"docs/{page.relative_to(docs_dir).as_posix()}"
        if html is None:
            problems.append(Problem(label, "sidan publicerades inte (står den under draft_docs, exclude_docs eller "
                                           "not_in_nav i mkdocs.yml?). Alla sidor i docs/ hör till rutinen; ta bort den raden."))
            continue
        # What the page template (overrides/main.html) gives every page: the document's status at the top, and the
        # script of each component the page holds (without lc-checklist.js no tick is kept or shown again).
        if 'class="lc-banner' not in html:
            problems.append(Problem(label, "sidan visar inte rutinens status överst (Utkast eller Fastställd): raden med "
                                           "page.meta.lc_header_html i overrides/main.html är borttagen eller ändrad. "
                                           "Ångra ändringen, till exempel med git checkout overrides/main.html."))
        # And the document's control block (status, version, date) and the printout's header and footer.
        for marker, what, line in ((r'class="lc-doc-control"', "dokumentinformationen (status, version, datum, "
                                    "Utskriven)", "page.meta.lc_footer_html"),
                                   (r"<style\b[^>]*\bdata-lc-print-footer", "utskriftens sidhuvud och sidfot",
                                    "page.meta.lc_print_footer_html")):
            if not re.search(marker, html):
                problems.append(Problem(label, f"sidan visar inte {what}: raden med {line} i overrides/main.html är "
                                               "borttagen eller ändrad. Ångra ändringen, till exempel med git checkout "
                                               "overrides/main.html."))
        # Nothing is fetched from another host (a script from a CDN, say: Material's offline plugin adds one).
        for fetched in sorted({m.group(1) or m.group(2) for m in _FOREIGN.finditer(html)}):
            problems.append(Problem(label, f'sidan hämtar "{fetched}" från en annan webbplats. Webbplatsen hämtar inget '
                                           "från andra värdar (det som skrivs på sidorna och vad personalen läser "
                                           "stannar här, och sidan ska fungera utan nät). Ta bort det som lade till "
                                           "den (ett plugin eller en mall), till exempel med git diff och git checkout."))
        # A checklist or blankett moved inside a part that is not printed ("Skriv ut checklistan" prints no list).
        unprinted = _UnprintedParts()
        unprinted.feed(html)
        for part in sorted(set(unprinted.found)):
            problems.append(Problem(label, f"sidans {_PRINTED[part]} står inuti en del som inte skrivs ut (class "
                                           '"lc-no-print"), så utskriften blir utan den. Flytta anropet utanför den '
                                           "delen, till exempel till där det stod förut (git diff visar var)."))
        # A call the macros never ran (the plugin left out, a setting written another way): shown as text.
        unrun = re.search(r"\{\{.*?\}\}|\{%.*?%\}", _CODE.sub(" ", _UNSEEN.sub(" ", html)), re.S)
        if unrun:
            problems.append(Problem(label, f'sidan visar anropet "{html_module.unescape(unrun.group(0))[:60]}" som text: '
                                           "makrona kördes inte. Kontrollera plugins i mkdocs.yml och mkdocs.offline.yml "
                                           "(macros ska stå där, skrivet som i git), eller ångra den senaste ändringen."))
        for module in sorted(set(re.findall(r'data-module="(lc-[a-z-]+)"', html))):
            if not re.search(r'<script\b[^>]*\bsrc="[^"]*assets/javascripts/' + re.escape(module) + r'(?:\.min)?\.js"', html):
                ticks = ": bockarna sparas inte och visas inte igen" if module == "lc-checklist" else ""
                problems.append(Problem(label, f"sidan har komponenten {module} men laddar inte dess skript "
                                               f"({module}.js), så den fungerar inte{ticks}. Listan över komponenter i "
                                               "overrides/main.html är ändrad; ångra ändringen, till exempel med git "
                                               "checkout overrides/main.html."))
    expected = [(f"{ident}/index.html", f"docs/{ident}.md", f':checklista:{ident}"', f'rollens checklista ({{{{ checklist("{ident}") }}}})')
                for ident in role_ids]
    expected += [(f"blanketter/{ident}/index.html", f"docs/blanketter/{ident}.md", 'class="lc-form',
                  f'blanketten ({{{{ blankett("{ident}") }}}})') for ident in form_ids]
    expected.append(("nodparm/index.html", "docs/nodparm.md", 'class="lc-binder', "nödpärmen ({{ binder() }})"))
    for relative, label, marker, what in expected:
        page = shown(relative)
        if page is not None and marker not in page:
            problems.append(Problem(label, f"sidan visar inte {what}. Lägg tillbaka anropet, utanför <!-- -->."))
    page_ids = {}
    for path in sorted(site_dir.rglob("*.html")):
        ids = re.findall(r'\sid="([^"]+)"', _COMMENT.sub("", path.read_text(encoding="utf-8")))
        page_ids[path.resolve()] = set(ids)
        twice = sorted({ident for ident in ids if ids.count(ident) > 1})
        if twice:
            relative = path.relative_to(site_dir).as_posix()
            problems.append(Problem(source_label(docs_dir, relative) if docs_dir else relative,
                                    f"sidan har samma id två gånger ({', '.join(twice[:3])}"
                                    f"{' …' if len(twice) > 3 else ''}): en checklista, blankett eller tabell står "
                                    "troligen två gånger på sidan, och då sparas bockar och länkar fel. Ta bort det ena anropet."))
    problems += _anchor_problems(site_dir, docs_dir, page_ids)
    # The law (DOS-lagen) asks for the accessibility statement to be reached from every page: the footer
    # links to it by its file name (overrides/partials/copyright.html).
    footers = [path for path in sorted(site_dir.rglob("*.html")) if "md-copyright" in path.read_text(encoding="utf-8")]
    if footers and not any("lc-footer__link" in path.read_text(encoding="utf-8") for path in footers):
        problems.append(Problem("docs/tillganglighet.md", "sidfoten saknar länken till tillgänglighetsredogörelsen, "
                                                          "som ska nås från varje sida. Sidfoten (overrides/partials/"
                                                          "copyright.html) länkar till sidan docs/tillganglighet.md: "
                                                          "har sidan bytt namn eller flyttats, ge den tillbaka det namnet."))
    directory = shown("telefonnummer/index.html")
    if directory is not None:
        missing = sorted(href for href in hrefs if f'href="{href}"' not in directory)
        if missing:
            problems.append(Problem("docs/telefonnummer.md", "telefonlistan visar inte alla nummer i data/contacts.yml "
                                                             f"(saknas: {', '.join(hrefs[h] for h in missing)}). Sidan ska ha "
                                                             "{{ phone_directory() }}, utanför <!-- -->."))
    return problems
