"""Load every data file, validate it, and resolve references between them."""
import re
from dataclasses import dataclass
from pathlib import Path

from . import phones, schema, yamlfile
from .errors import DataError, Problem

DATA_FILES = {
    "document": "document.yml",
    "contacts": "contacts.yml",
    "checklists": "checklists.yml",
}

# Text fields are plain text: markup would be escaped on the page, so refuse it here.
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&[a-zA-Z#0-9]+;")


@dataclass
class SiteData:
    document: dict
    contacts: dict
    checklists: dict
    contact_index: dict
    role_index: dict


def _walk_strings(node, path=()):
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _walk_strings(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk_strings(value, path + (index,))


class _Checker:
    """Collects problems for one file, with entry names and lines."""

    def __init__(self, data, label):
        self.data, self.label, self.problems = data, label, []

    def add(self, path, message):
        self.problems.append(Problem(
            self.label, message,
            entry=schema.describe_entry(self.data, list(path)),
            line=yamlfile.line_of(self.data, list(path)),
        ))

    def no_markup(self):
        for path, text in _walk_strings(self.data):
            found = _MARKUP.search(text)
            if found:
                self.add(path, f'fältet "{path[-1]}" innehåller HTML-kod ("{found.group(0)}…"). Skriv vanlig text utan < > och &-koder.')

    def unique_ids(self, items):
        """`items` is a list of (path, id); report every id seen twice."""
        seen = {}
        for path, ident in items:
            if ident in seen:
                self.add(path + ("id",), f'id "{ident}" används redan (rad {yamlfile.line_of(self.data, list(seen[ident]) + ["id"])}). Varje id måste vara unikt.')
            else:
                seen[ident] = path


def _load(data_dir: Path, key: str):
    label = f"data/{DATA_FILES[key]}"
    data = yamlfile.load(data_dir / DATA_FILES[key], label)
    problems = schema.validate(data, data_dir / "schemas" / DATA_FILES[key].replace(".yml", ".schema.json"), label)
    checker = _Checker(data, label)
    checker.no_markup()
    return data, checker, problems + checker.problems, label


def _contacts(data, checker: _Checker):
    checker.problems = []
    index, ids = {}, []
    for g, group in enumerate(data["groups"]):
        ids.append((("groups", g), group["id"]))
        index[group["id"]] = group
        for e, entry in enumerate(group["entries"]):
            path = ("groups", g, "entries", e)
            ids.append((path, entry["id"]))
            index[entry["id"]] = entry
            entry.setdefault("ask_for", group.get("ask_for"))
            if "phone" in entry:
                try:
                    entry["phone_display"], entry["phone_href"] = phones.parse(entry["phone"])
                except phones.PhoneError:
                    checker.add(path + ("phone",), f'telefonnumret "{entry["phone"]}" är inte ett giltigt svenskt nummer')
    checker.unique_ids(ids)
    return index, checker.problems


def _checklists(data, checker: _Checker, contact_index):
    checker.problems = []
    shared = {item["id"]: item for item in data["shared_items"]}
    ids = [(("shared_items", i), item["id"]) for i, item in enumerate(data["shared_items"])]
    roles = {}
    for r, role in enumerate(data["roles"]):
        roles[role["id"]] = role
        phase_ids = []
        for p, phase in enumerate(role["phases"]):
            phase_ids.append((("roles", r, "phases", p), phase["id"]))
            resolved = []
            for i, item in enumerate(phase["items"]):
                path = ("roles", r, "phases", p, "items", i)
                if "use" in item:
                    if item["use"] not in shared:
                        checker.add(path + ("use",), f'"{item["use"]}" finns inte bland shared_items')
                        continue
                    item = shared[item["use"]]
                else:
                    ids.append((path, item["id"]))
                if "contact" in item and item["contact"] not in contact_index:
                    checker.add(path + ("contact",), f'kontakten "{item["contact"]}" finns inte i data/contacts.yml')
                resolved.append(item)
            phase["resolved_items"] = resolved
        checker.unique_ids(phase_ids)
    checker.unique_ids([(("roles", r), role["id"]) for r, role in enumerate(data["roles"])])
    checker.unique_ids(ids)
    return roles, checker.problems


def load_all(data_dir: Path) -> SiteData:
    """Load and check every data file; raise DataError listing every problem found."""
    document, _, problems, _ = _load(data_dir, "document")
    contacts, contacts_checker, contact_problems, _ = _load(data_dir, "contacts")
    checklists, checklist_checker, checklist_problems, _ = _load(data_dir, "checklists")
    problems += contact_problems + checklist_problems
    if problems:
        raise DataError(problems)
    contact_index, more = _contacts(contacts, contacts_checker)
    if more:
        raise DataError(more)
    role_index, more = _checklists(checklists, checklist_checker, contact_index)
    if more:
        raise DataError(more)
    return SiteData(document, contacts, checklists, contact_index, role_index)
