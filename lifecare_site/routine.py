"""The routine's own text (data/routine.yml) and the traceability between it and the site.

Every passage and list point has an id. Elements staff act on (checklist items, form fields,
contacts, table rows) name the ids they come from in `source`, or say in `added` why the site adds
them. This module indexes the text, resolves the facts in it ({phone:id} and the like), checks every
`source`, lists the additions and the passages no element carries."""
import re
from dataclasses import dataclass, field

# Facts inside the routine's text come from data/contacts.yml: {phone:servicedesk}.
PLACEHOLDER = re.compile(r"\{(phone|email|address|name):([a-z0-9-]+)\}")
_ANY_BRACE = re.compile(r"\{[^{}]*\}")
_FACT_FIELD = {"phone": "phone", "email": "email", "address": "address", "name": "name"}


@dataclass
class Unit:
    """A passage or a list point: something an element can cite."""

    ident: str
    section: dict
    text: str = ""
    detail: str = ""
    lead: str = ""
    node: dict = None
    parent: "Unit" = None
    children: list = field(default_factory=list)
    context: bool = False
    path: tuple = ()

    def is_context(self):
        return self.context or (self.parent is not None and self.parent.is_context())

    def words(self):
        """The unit's own words, for comparisons and the change report."""
        return " ".join(part for part in (self.lead, self.text, self.detail) if part)


def index(data, file):
    """{id: Unit} for every passage and list point, in the routine's order; problems go to `file`."""
    units = {}

    def add(unit):
        if unit.ident in units:
            first = units[unit.ident]
            file.add(unit.path + ("id",), f'id "{unit.ident}" används redan (i avsnittet "{first.section["title"]}"). Varje id måste vara unikt.')
            return
        units[unit.ident] = unit

    def points(items, section, parent, path):
        for i, item in enumerate(items):
            unit = Unit(item["id"], section, text=item["text"], detail=item.get("detail", ""), node=item, parent=parent,
                        context=item.get("context", False), path=path + (i,))
            parent.children.append(unit)
            add(unit)
            points(item.get("items", []), section, unit, path + (i, "items"))

    section_ids = []
    for s, section in enumerate(data["sections"]):
        section_ids.append((("sections", s), section["id"]))
        for p, passage in enumerate(section["passages"]):
            path = ("sections", s, "passages", p)
            kinds = [key for key in ("text", "items") if key in passage]
            if len(kinds) != 1:
                file.add(path, 'ett stycke har antingen "text" (ett stycke text) eller "items" (en lista), inte '
                               + ("båda" if kinds else "inget av dem"))
                continue
            if "lead" in passage and "items" not in passage:
                file.add(path + ("lead",), '"lead" är texten före en lista och behöver "items"')
            unit = Unit(passage["id"], section, text=passage.get("text", ""), lead=passage.get("lead", ""), node=passage,
                        context=passage.get("context", False), path=path)
            add(unit)
            points(passage.get("items", []), section, unit, path + ("items",))
    file.unique_ids(section_ids)
    return units


def section_family(sections, ident):
    """The section `ident` and the sections under it (until the next one at its level or higher)."""
    ordered = list(sections.values())
    start = next(i for i, section in enumerate(ordered) if section["id"] == ident)
    family = [ident]
    for section in ordered[start + 1:]:
        if section["level"] <= ordered[start]["level"]:
            break
        family.append(section["id"])
    return family


def name_keys(name: str):
    """The ways a text names a contact: its whole name, a municipality's own name ("Ånge" for "Ånge kommun"),
    and what comes before a comma ("Servicedesk" for "Servicedesk, Region Västernorrland")."""
    whole = " ".join(re.findall(r"[^\W\d_][\w-]*", name)).casefold()
    keys = {whole} if whole else set()
    if whole.endswith(" kommun"):
        keys.add(whole[: -len(" kommun")])
    if "," in name:
        keys.add(" ".join(re.findall(r"[^\W\d_][\w-]*", name.split(",")[0])).casefold())
    return {key for key in keys if key}


def named_other(text, entry, contact_index):
    """The other contact a text names when it does not name its own (a step "Kontakta Servicedesk" whose contact is
    the switchboard), else None."""
    words = " " + " ".join(re.findall(r"[^\W\d_][\w-]*", text)).casefold() + " "
    if entry is None or "entries" in entry or any(f" {key} " in words for key in name_keys(str(entry.get("name", "")))):
        return None
    for ident, other in contact_index.items():
        if "entries" in other or other is entry or not other.get("name"):
            continue
        if any(f" {key} " in words for key in name_keys(str(other["name"]))):
            return {"id": ident, "name": other["name"]}
    return None


def named_before(before, entry, contact_index):
    """The other contact the words just before a number name, else None: its whole name ("Härnösands kommun:
    {{ phone("kramfors") }}"), or the first word of it standing right before ("Ånge {phone:timra}")."""
    words = re.findall(r"[^\W\d_][\w-]*", before)
    if not words or entry is None:
        return None
    tail = " ".join(words).casefold()
    last = words[-1].casefold()
    own = str(entry.get("name", "")).casefold()
    for ident, other in contact_index.items():
        name = str(other.get("name", ""))
        if "entries" in other or not name or other is entry or name.casefold() == own:
            continue
        whole = " ".join(re.findall(r"[^\W\d_][\w-]*", name)).casefold()
        first = whole.split()[0]
        if (tail.endswith(whole) or last == first) and first not in own.split():
            return {"id": ident, "name": name}
    return None


def check_facts(units, file, contact_index):
    """Every {kind:id} in the text must name an entry that has that fact; other braces are refused."""
    for unit in units.values():
        for key in ("lead", "text", "detail"):
            value = unit.node.get(key) if unit.node else None
            if not value:
                continue
            for brace in _ANY_BRACE.finditer(value):
                match = PLACEHOLDER.fullmatch(brace.group(0))
                path = unit.path + (key,)
                if not match:
                    file.add(path, f'"{brace.group(0)}" är ingen uppgift webbplatsen kan hämta. Skriv {{phone:id}}, '
                                   "{email:id}, {address:id} eller {name:id} med id för en post i data/contacts.yml.")
                    continue
                kind, ident = match.groups()
                entry = contact_index.get(ident)
                named = named_before(value[:brace.start()], entry, contact_index)
                if entry is None or "entries" in entry:
                    file.add(path, f'"{brace.group(0)}": posten "{ident}" finns inte i data/contacts.yml')
                elif named:
                    file.add(path, f'texten nämner {named["name"]} men "{brace.group(0)}" är posten "{ident}" '
                                   f'({entry.get("name", "")}). Skriv {{{kind}:{named["id"]}}}, eller rätta texten.')
                elif _FACT_FIELD[kind] not in entry:
                    file.add(path, f'"{brace.group(0)}": posten "{ident}" i data/contacts.yml har inget fält "{_FACT_FIELD[kind]}"')
                # (A number that is there but wrong is already said at its entry in data/contacts.yml.)
            # A brace left over once the whole ones are taken out: "{phone:servicedesk eller", "phone:x}".
            rest = _ANY_BRACE.sub("", value)
            stray = re.search(r"[{}]|\b(?:phone|email|address|name):[a-z0-9-]+", rest)
            if stray:
                file.add(unit.path + (key,), f'texten har "{stray.group(0)}" utan sin del av ett par {{ }}: en uppgift '
                                             "skrivs hel, till exempel {phone:servicedesk}, med en { före och en } efter.")


def plain(text, contact_index):
    """The text with its facts written out, as words (for search, tests and the change report)."""
    def fact(match):
        kind, ident = match.groups()
        entry = contact_index[ident]
        if kind == "phone":
            return entry["phone_display"]
        if kind == "address":
            return ", ".join(entry["address"])
        return str(entry[_FACT_FIELD[kind]])
    return PLACEHOLDER.sub(fact, text)


@dataclass
class Element:
    """Something staff act on, with where it is defined, the page it shows on and its marks."""

    label: str        # "data/checklists.yml"
    entry: str        # 'punkt "sv-ring-kommun"'
    pages: tuple      # page titles where it appears
    what: str         # the text shown, for the list of additions
    source: list
    added: str = None


def check_marks(elements, units, file_by_label):
    """Refuse an element with neither source nor added mark, or a source that does not exist."""
    for element, path in elements:
        file = file_by_label[element.label]
        if not element.source and not element.added:
            file.add(path, 'saknar källa: skriv "source:" med id för stycket i rutinen (data/routine.yml) som det kommer '
                           'från, eller "added:" med en mening om varför webbplatsen lägger till det.')
        for i, ident in enumerate(element.source):
            if ident not in units:
                close = [u for u in units if u.startswith(ident.split("-")[0])][:3]
                hint = f" (finns till exempel: {', '.join(close)})" if close else ""
                file.add(path + ("source", i), f'stycket "{ident}" finns inte i data/routine.yml{hint}')


def uncovered(units, elements):
    """Ids of passages and points that no element cites (directly or through a cited ancestor), context excluded."""
    cited = {ident for element, _ in elements for ident in element.source}

    def covered(unit):
        node = unit
        while node is not None:
            if node.ident in cited:
                return True
            node = node.parent
        return bool(unit.children) and all(covered(child) or child.is_context() for child in unit.children)

    return [ident for ident, unit in units.items() if not unit.is_context() and not covered(unit)]


def raw_words(data):
    """{id: words} straight from loaded YAML, for a committed version that is not validated again."""
    words = {}

    def walk(items):
        for item in items or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                words[item["id"]] = " ".join(" ".join(str(item.get(k, "")) for k in ("lead", "text", "detail") if item.get(k)).split())
                walk(item.get("items"))

    for section in data.get("sections", []) if isinstance(data, dict) else []:
        if isinstance(section, dict):
            walk(section.get("passages"))
    return words
