"""Check, before anything is built, that every id a page names exists in data/."""
import re
from pathlib import Path

from .errors import Problem

# Macros whose first argument is an id, and where that id must exist.
_CALL = re.compile(r"""\b(phone|contact|contact_intro|item_text|role_title|role_applies_to|checklist|phase_list|first_steps|form_title|blankett)\(\s*["']([^"']*)["']""")


def reference_problems(docs_dir: Path, contact_ids, role_ids, form_ids, item_ids):
    """Every page line that names an unknown contact, role, item or form."""
    known = {
        "phone": (contact_ids, "kontakten", "data/contacts.yml"),
        "contact": (contact_ids, "kontakten", "data/contacts.yml"),
        "contact_intro": (contact_ids, "kontakten", "data/contacts.yml"),
    }
    for name in ("role_title", "role_applies_to", "checklist", "phase_list", "first_steps"):
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


# part("page.md", start="Rubrik", until="Rubrik"): another page's content, taken from heading to heading.
_PART = re.compile(r"""\bpart\(\s*["']([^"']+)["']([^)]*)\)""")
_HEADING_ARG = re.compile(r"""\b(start|until)\s*=\s*["']([^"']*)["']""")


def part_problems(docs_dir: Path):
    """Every part(...) call on a page must name a page and headings that exist (checked before the build)."""
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        label = f"docs/{page.relative_to(docs_dir).as_posix()}"
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for call in _PART.finditer(line):
                source = docs_dir / call.group(1)
                if not source.is_file():
                    problems.append(Problem(label, f'sidan tar med docs/{call.group(1)}, som inte finns', line=number))
                    continue
                headings = {text.lstrip("# ") for text in source.read_text(encoding="utf-8").splitlines() if text.startswith("#")}
                for _, wanted in _HEADING_ARG.findall(call.group(2)):
                    if wanted not in headings:
                        problems.append(Problem(label, f'sidan tar med docs/{call.group(1)} från rubriken "{wanted}", men den '
                                                       "rubriken finns inte där. Rätta rubriken på sidan eller i anropet.", line=number))
    return problems
