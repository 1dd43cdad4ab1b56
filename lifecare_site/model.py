"""Load every data file, validate it, and resolve the references between them."""
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from . import cache, pages, phones, routine, schema, yamlfile
from .errors import DataError, Problem

# Text is shown literally (render.text), so "<" and "[" are allowed; characters nobody can see are not:
# control characters, line and paragraph separators, and invisible format characters (zero-width
# spaces, direction overrides, a byte-order mark inside the text).
# Invisible or blank-looking characters: control and format marks (U+061C, U+200B …), and letters that
# look blank (U+3164 Hangul filler, U+2800 Braille blank, U+115F/U+1160, U+FFA0).
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f"
                      r"\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2800\u3164\ufeff\uffa0]")
_BLANK_LOOKING = set("\u115f\u1160\u2800\u3164\uffa0")
# What only a page (or the routine's words) would fill in, shown as it stands in any other data text.
_CODE_IN_TEXT = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{\{|\{%|\{(?:phone|email|address|name|it_phone):[^{}]*\}")


@dataclass
class SiteData:
    document: dict
    contacts: dict
    checklists: dict
    forms: dict
    decisions: dict
    accessibility: dict
    contact_index: dict
    role_index: dict
    item_index: dict
    form_index: dict
    routine: dict = None
    units: dict = None
    elements: list = None
    uncovered: list = None


def _walk_strings(node, path=()):
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _walk_strings(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk_strings(value, path + (index,))


class DataFile:
    """One data file: its content and the problems found in it, each with entry and line."""

    def __init__(self, data_dir: Path, name: str, schema_passed=False):
        self.name, self.label = name, f"data/{name}.yml"
        self.data = yamlfile.load(data_dir / f"{name}.yml", self.label)
        self.problems = [] if schema_passed else schema.validate(
            self.data, data_dir / "schemas" / f"{name}.schema.json", self.label)
        for path, text in _walk_strings(self.data):
            found = _CONTROL.search(text)
            field = f'fältet "{path[-1]}"' if path and isinstance(path[-1], str) else "texten"
            if found:
                kind = "ett tecken som ser tomt ut men inte är ett mellanslag" if found.group(0) in _BLANK_LOOKING \
                    else "ett osynligt styrtecken"
                self.add(path, f"{field} innehåller {kind} (U+{ord(found.group(0)):04X}, "
                               f"tecken nr {found.start() + 1}). Skriv om texten utan det, till exempel genom att skriva in den på nytt.")
            elif not text.strip():
                self.add(path, f"{field} innehåller bara mellanslag. Skriv en text eller ta bort fältet.")
            elif name != "routine" and (code := _CODE_IN_TEXT.search(text)):
                self.add(path, f'{field} innehåller "{code.group(0)}", som här visas som det står: platshållare som '
                               "{phone:id} fungerar bara i data/routine.yml, och {{ … }} bara på sidorna i docs/. Skriv "
                               "texten utan det; ett nummer visas genom att punkten eller posten pekar på en kontakt "
                               "(contact: id).")

    def add(self, path, message):
        self.problems.append(Problem(
            self.label, message,
            entry=schema.describe_entry(self.data, list(path)),
            line=yamlfile.line_of(self.data, list(path)),
        ))

    def unique_ids(self, items):
        """`items` is a list of (path, id); report every id seen twice."""
        seen = {}
        for path, ident in items:
            if ident in seen:
                first = yamlfile.line_of(self.data, list(seen[ident]) + ["id"])
                self.add(tuple(path) + ("id",), f'id "{ident}" används redan (rad {first}). Varje id måste vara unikt.')
            else:
                seen[ident] = path

    def known(self, path, ident, index, what, home):
        """Report `ident` at `path` unless it is a key of `index`."""
        if ident not in index:
            self.add(path, f'{what} "{ident}" finns inte i {home}')
            return False
        return True



def _real_date(file: DataFile, path, value):
    """Report a date written ÅÅÅÅ-MM-DD that is not in the calendar, e.g. 2025-13-45."""
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        file.add(path, f'fältet "{path[-1]}" har datumet "{value}", som inte finns i kalendern. Skriv ett riktigt datum ÅÅÅÅ-MM-DD.')


def _document(file: DataFile):
    data = file.data
    for key in ("date", "approved_date"):
        if isinstance(data.get(key), str):
            _real_date(file, (key,), data[key])
    if data["status"] != "faststalld":
        for key, title in (("approved_by", "Fastställd av"), ("approved_date", "Fastställd datum")):
            if data.get(key):
                file.add((key,), f'status är "{data["status"]}", men fältet "{key}" ({title}) är ifyllt. Ett utkast är '
                                 'inte fastställt: ta bort raden, eller skriv status: faststalld när rutinen är beslutad.')
    if data["status"] == "faststalld":
        for key, title in (("approved_by", "Fastställd av"), ("approved_date", "Fastställd datum")):
            if not data.get(key):
                file.add((key,), f'status är "faststalld", men fältet "{key}" ({title}) är tomt. '
                                 "En fastställd rutin ska ange vem som fastställt den och när.")
    if data.get("approved_date") and data.get("date") and str(data["approved_date"]) < str(data["date"]):
        file.add(("approved_date",), f'rutinen sägs vara fastställd {data["approved_date"]}, före sitt eget datum '
                                     f'({data["date"]}). Varje sida och blankett skulle säga att versionen fastställdes '
                                     "innan den fanns: skriv rätt datum i approved_date eller date.")


# Where a phone number may be written: a contact's own number fields, and the scan's words in the routine's
# list of corrections ("scan:"), which quote the scan as it is (shown as text, never as a number to call). The
# corrected words beside them ("text:") may hold a number only as a contact has it (see _corrected_numbers).
_NUMBER_FIELDS = {"phone", "it_phone"}


def _quotes_the_scan(file, path, key):
    return file.name == "routine" and key == "scan" and path[:1] == ("corrections",)


def _numbers_outside_contacts(file: DataFile):
    """One rule for numbers: a number reaches a page only through a contact in data/contacts.yml."""
    def walk(node, path):
        if path[:1] == ("corrections",) and len(path) == 3 and path[2] == "text" and file.name == "routine":
            return
        if isinstance(node, dict):
            for key, value in node.items():
                if not (file.name == "contacts" and key in _NUMBER_FIELDS) and not _quotes_the_scan(file, path, key):
                    walk(value, path + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, path + (i,))
        elif isinstance(node, str):
            for number in phones.numbers_in_text(node):
                file.add(path, f'texten innehåller telefonnumret "{number}". Ett telefonnummer skrivs bara på en post i '
                               'data/contacts.yml (phone:). Hänvisa till posten i stället: contact: på en punkt, eller '
                               '{phone:id} i data/routine.yml.')
    walk(file.data, ())


def _fields_in_text(file: DataFile):
    """A field pulled into the text above it by its indentation ("contact: region-vaxel" indented as far as the lines
    of a folded text): YAML reads it as words of the text, and the field is gone without a word."""
    keys = set()

    def collect(node):
        if isinstance(node, dict):
            keys.update(str(key) for key in node)
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)
    collect(file.data)
    pattern = re.compile(r"(?:^|\s)(" + "|".join(sorted(map(re.escape, keys), key=len, reverse=True)) + r"):(?:\s|$)") if keys else None

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, path + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, path + (i,))
        elif isinstance(node, str) and pattern and (found := pattern.search(node)):
            file.add(path, f'texten innehåller "{found.group(1)}:", som är ett fältnamn i filen: fältet har troligen fått '
                           "för stort indrag och blivit en del av texten ovanför. Ge det samma indrag som text:.")
    walk(file.data, ())


def _corrected_numbers(file: DataFile, contact_index):
    """A correction's corrected words ("text:") show a number only as a contact in data/contacts.yml has it: the
    corrections table on "Om rutinen" is read by staff too."""
    numbers = {re.sub(r"\D", "", entry[key]) for entry in contact_index.values() for key in _NUMBER_FIELDS if key in entry}
    for c, correction in enumerate(file.data.get("corrections") or []):
        text = correction.get("text") if isinstance(correction, dict) else None
        for number in phones.numbers_in_text(text) if isinstance(text, str) else ():
            if re.sub(r"\D", "", number) not in numbers:
                file.add(("corrections", c, "text"),
                         f'rättelsen visar telefonnumret "{number}", som inte är numret på någon post i data/contacts.yml. '
                         "Skriv numret som det står på posten (phone:), eller ändra numret på posten om det är fel.")


def _contacts(file: DataFile):
    index, ids = {}, []
    for g, group in enumerate(file.data["groups"]):
        ids.append((("groups", g), group["id"]))
        index[group["id"]] = group
        for e, entry in enumerate(group["entries"]):
            path = ("groups", g, "entries", e)
            ids.append((path, entry["id"]))
            index[entry["id"]] = entry
            entry.setdefault("ask_for", group.get("ask_for"))
            if "phone" in entry:
                try:
                    entry["phone_display"], entry["phone_href"] = phones.parse(entry["phone"], short=entry.get("short_number", False))
                except phones.PhoneError as error:
                    file.add(path + ("phone",), str(error))
            if "it_phone" in entry:
                try:
                    entry["it_phone_display"], entry["it_phone_href"] = phones.parse(entry["it_phone"])
                except phones.PhoneError as error:
                    file.add(path + ("it_phone",), str(error))
    file.unique_ids(ids)
    # One number, one contact: a number given to two entries is almost always one copied and left (Kramfors given
    # Härnösand's number from the line above), and then one of them is called at the other's number.
    holders = {}
    for g, group in enumerate(file.data["groups"]):
        for e, entry in enumerate(group["entries"]):
            for key in ("phone", "it_phone"):
                href = entry.get(f"{key}_href")
                if href is None:
                    continue
                if href in holders:
                    other, other_key = holders[href]
                    file.add(("groups", g, "entries", e, key),
                             f'numret {entry[f"{key}_display"]} är redan numret till "{other["id"]}" ({other.get("name", "")}'
                             f'{", IT-support" if other_key == "it_phone" else ""}). Två poster har inte samma nummer: '
                             "kontrollera vilket nummer posten ska ha.")
                else:
                    holders[href] = (entry, key)
    # One name, one contact: two entries under one name are one copied and left, and a reader cannot tell them apart.
    named = {}
    for g, group in enumerate(file.data["groups"]):
        for e, entry in enumerate(group["entries"]):
            key = " ".join(str(entry.get("name", "")).split()).casefold()
            if key in named:
                file.add(("groups", g, "entries", e, "name"), f'namnet "{entry["name"]}" har redan posten "{named[key]}". '
                                                              "Två poster heter inte likadant: kontrollera vilket namn posten ska ha.")
            else:
                named[key] = entry["id"]
    groups = {group["id"]: group for group in file.data["groups"]}
    for g, group in enumerate(file.data["groups"]):
        for e, entry in enumerate(group["entries"]):
            if "it_support_of" in entry:
                _it_support(file, ("groups", g, "entries", e, "it_support_of"), entry, groups)
    # An IT number is shown only for the members of a group that an "it_support_of" entry names (the municipalities).
    supported = {entry["it_support_of"] for group in file.data["groups"] for entry in group["entries"] if "it_support_of" in entry}
    for g, group in enumerate(file.data["groups"]):
        if group["id"] in supported:
            continue
        for e, entry in enumerate(group["entries"]):
            if "it_phone" in entry:
                file.add(("groups", g, "entries", e, "it_phone"),
                         f'it_phone visas bara för kommunerna (gruppen som en post med it_support_of pekar på), inte i '
                         f'gruppen "{group["id"]}". Skriv numret som phone: på en egen post i stället.')
    return index


def _it_support(file: DataFile, path, entry, groups):
    """The municipalities' own IT support: the numbers they have given, and those the routine does not give."""
    target = groups.get(entry["it_support_of"])
    if target is None:
        file.add(path, f'gruppen "{entry["it_support_of"]}" finns inte i filen. '
                       f'Skriv id för gruppen med kommunerna, till exempel "kommuner".')
        return
    entry["it_numbers"] = [{"name": m["name"], "phone_display": m["it_phone_display"], "phone_href": m["it_phone_href"]}
                           for m in target["entries"] if "it_phone_href" in m]
    entry["it_missing"] = [m["name"] for m in target["entries"] if "it_phone" not in m]


def _checklists(file: DataFile, contact_index):
    data = file.data
    shared = {item["id"]: item for item in data["shared_items"]}
    items = dict(shared)
    ids = [(("shared_items", i), item["id"]) for i, item in enumerate(data["shared_items"])]
    roles = {}
    for r, role in enumerate(data["roles"]):
        roles[role["id"]] = role
        file.unique_ids([(("roles", r, "phases", p), phase["id"]) for p, phase in enumerate(role["phases"])])
        in_role = {}
        for p, phase in enumerate(role["phases"]):
            resolved = []
            for i, item in enumerate(phase["items"]):
                path = ("roles", r, "phases", p, "items", i)
                ident = item.get("use", item.get("id"))
                if ident in in_role:
                    file.add(path, f'punkten "{ident}" står redan i rollen "{role["id"]}" (rad {yamlfile.line_of(data, list(in_role[ident]))}). '
                                   "Webbläsaren sparar bockarna under punktens id, så två rutor skulle bockas av "
                                   "tillsammans. Ta bort den ena.")
                in_role.setdefault(ident, path)
                # Items and phases share the page's anchors (lc-<role>-<id>): one id for both is two places in one.
                phase_ids = {other["id"] for other in role["phases"]}
                if ident in phase_ids:
                    file.add(path, f'punkten "{ident}" har samma id som en fas i rollen "{role["id"]}", och på sidan blir '
                                   "de samma ankare, så länkar och bockar hamnar fel. Ge punkten ett annat id.")
                if "use" in item:
                    if item["use"] not in shared:
                        file.add(path + ("use",), f'"{item["use"]}" finns inte bland shared_items')
                        continue
                    item = shared[item["use"]]
                else:
                    ids.append((path, item["id"]))
                    items[item["id"]] = item
                if "contact" in item and file.known(path + ("contact",), item["contact"], contact_index, "kontakten",
                                                    "data/contacts.yml"):
                    # The step names one contact and shows another's number ("Kontakta Servicedesk" with the switchboard).
                    other = routine.named_other(str(item.get("text", "")), contact_index[item["contact"]], contact_index)
                    if other:
                        file.add(path + ("contact",), f'texten nämner {other["name"]} men contact: är "{item["contact"]}" '
                                                      f'({contact_index[item["contact"]].get("name", "")}), vars nummer visas '
                                                      f'under steget. Skriv contact: {other["id"]}, eller rätta texten.')
                resolved.append(item)
            for item in resolved:
                item.setdefault("kind", "action")
            phase["resolved_items"] = resolved
        role["phase_index"] = {phase["id"]: phase for phase in role["phases"]}
    file.unique_ids([(("roles", r), role["id"]) for r, role in enumerate(data["roles"])])
    file.unique_ids(ids)
    for r, role in enumerate(data["roles"]):
        own = {item["id"] for phase in role["phases"] for item in phase.get("resolved_items", []) if "id" in item}
        for i, ident in enumerate(role["first_steps"]):
            if file.known(("roles", r, "first_steps", i), ident, items, "punkten", "data/checklists.yml") and ident not in own:
                file.add(("roles", r, "first_steps", i), f'punkten "{ident}" står inte i rollens egen checklista. '
                                                        "Gör först ska visa rollens egna första steg.")
        if AFTER_PHASE not in role["phase_index"]:
            file.add(("roles", r, "phases"), f'rollen saknar fasen "{AFTER_PHASE}" (När Lifecare SP är i drift igen), '
                                             "som beslutstabellerna och hjälpen för efterregistrering läser.")
    for r, role in enumerate(data["roles"]):
        for p, phase in enumerate(role["phases"]):
            for i, item in enumerate(phase.get("resolved_items", [])):
                used = [key for key in ("case", "not_registered") if key in item]
                if used and phase["id"] != AFTER_PHASE:
                    file.add(("roles", r, "phases", p, "items", i), f'"{used[0]}" gäller bara punkter i fasen "{AFTER_PHASE}" '
                                                                    "(När Lifecare SP är i drift igen); här visas det ingenstans.")
    for r, role in enumerate(data["roles"]):
        for p, phase in enumerate(role["phases"]):
            if "note" in phase and "added" not in phase:
                file.add(("roles", r, "phases", p, "note"), '"note" är webbplatsens egen upplysning: skriv också "added:" med varför den står där.')
            for i, item in enumerate(phase["items"]):
                if "note" in item and "added" not in item:
                    file.add(("roles", r, "phases", p, "items", i, "note"), '"note" är webbplatsens egen upplysning: skriv också "added:" med varför den står där.')
                if "when" in item or "not_registered" in item:
                    if item.get("kind", "action") != "rule":
                        file.add(("roles", r, "phases", p, "items", i), 'en regel för efterregistrering visas som regel: skriv "kind: rule".')
    for i, item in enumerate(data["shared_items"]):
        if "note" in item and "added" not in item:
            file.add(("shared_items", i, "note"), '"note" är webbplatsens egen upplysning: skriv också "added:" med varför den står där.')
        if ("when" in item or "not_registered" in item) and item.get("kind", "action") != "rule":
            file.add(("shared_items", i), 'en regel för efterregistrering visas som regel: skriv "kind: rule".')
    seen_rules = {}
    for i, item in enumerate(data["shared_items"]):
        if "when" in item:
            combination = (item["when"]["admitted"], item["when"]["discharged"])
            if combination in seen_rules:
                file.add(("shared_items", i, "when"), f'samma "when" som punkten "{seen_rules[combination]}". '
                                                      "Varje kombination av inskriven och utskriven har en regel.")
            seen_rules[combination] = item["id"]
    for r, role in enumerate(data["roles"]):
        for p, phase in enumerate(role["phases"]):
            for i, item in enumerate(phase["items"]):
                if "when" in item:
                    file.add(("roles", r, "phases", p, "items", i, "when"),
                             'en regel för efterregistrering ("when") skrivs under shared_items, så att alla roller '
                             "och tabellerna följer samma regel. Flytta punkten dit och använd den med use:.")
    return roles, items


# What still prints on one A4 page (measured in Chromium and Firefox; tests/browser/test_forms.py prints each
# blankett at these limits): rows for information on a registration blankett, and writing lines on the SIP
# stödblankett (its fields' lines and the participant rows together).
MAX_REGISTER_ROWS = 5
MAX_SIP_LINES = 16


def _forms(file: DataFile, roles, items, contact_index):
    forms = {}
    for key in ("register_columns", "register_header"):
        widths = sum(column["width"] for column in file.data[key])
        if widths != 100:
            file.add((key,), f"bredderna (width) i {key} blir tillsammans {widths} procent; de ska bli 100.")
    file.unique_ids([(("forms", f), form["id"]) for f, form in enumerate(file.data["forms"])])
    for f, form in enumerate(file.data["forms"]):
        path = ("forms", f)
        forms[form["id"]] = form
        file.known(path + ("role",), form["role"], roles, "rollen", "data/checklists.yml")
        for key in ("information", "instructions", "checks"):
            for i, ident in enumerate(form.get(key, [])):
                file.known(path + (key, i), ident, items, "punkten", "data/checklists.yml")
        rows = len(form.get("information", [])) + form.get("extra_rows", 0)
        if form["kind"] == "register" and rows > MAX_REGISTER_ROWS:
            file.add(path + ("extra_rows",) if "extra_rows" in form else path, f"blanketten får {rows} rader för information "
                     f"(information och extra_rows); högst {MAX_REGISTER_ROWS} ryms på en A4-sida med rader att skriva på. "
                     "Ta bort tomma rader, eller dela upp informationen.")
        lines = sum(field.get("lines", 1) for field in form.get("fields", [])) + form.get("participant_rows", 0)
        if form["kind"] == "sip" and lines > MAX_SIP_LINES:
            file.add(path, f"blanketten får {lines} skrivrader (lines i fälten och participant_rows); högst "
                           f"{MAX_SIP_LINES} ryms på en A4-sida. Ta bort rader.")
        if "recipient" in form and file.known(path + ("recipient",), form["recipient"], contact_index, "kontakten", "data/contacts.yml"):
            recipient = contact_index[form["recipient"]]
            if "entries" in recipient or "address" not in recipient:
                file.add(path + ("recipient",), f'kontakten "{form["recipient"]}" har ingen postadress (address). '
                                                "Kuvertetiketten behöver en post med en postadress.")
    return forms


def _item_forms(file: DataFile, forms):
    """Every checklist item that links a blankett must name one in data/forms.yml."""
    data = file.data
    places = [(("shared_items", i), item) for i, item in enumerate(data["shared_items"])]
    places += [(("roles", r, "phases", p, "items", i), item)
               for r, role in enumerate(data["roles"]) for p, phase in enumerate(role["phases"])
               for i, item in enumerate(phase["items"])]
    for path, item in places:
        if "form" in item:
            file.known(path + ("form",), item["form"], forms, "blanketten", "data/forms.yml")


def _decisions(file: DataFile, roles, items):
    data = file.data
    file.unique_ids([(("outage_lengths", i), row["id"]) for i, row in enumerate(data["outage_lengths"])])
    rows = {}
    for c, link in enumerate(data["communication"]):
        for key in ("from", "to"):
            file.known(("communication", c, key), link[key], roles, "rollen", "data/checklists.yml")
        if link["from"] == link["to"]:
            file.add(("communication", c, "to"), f'raden gäller rollen "{link["from"]}" och samma roll (from och to): '
                                                 "tabellen visar vem som kontaktar vem. Skriv den roll som kontaktas i to.")
        pair = (link["from"], link["to"])
        if pair in rows:
            file.add(("communication", c), f'raden {link["from"]} → {link["to"]} står redan (rad '
                                           f'{yamlfile.line_of(data, ["communication", rows[pair]])}), och tabellen '
                                           "skulle visa den två gånger. Slå ihop raderna till en.")
        rows.setdefault(pair, c)
        # The row shows what the calling role does: its own steps, never another role's (a step copied from the
        # row below would show that role's numbers under this role's heading).
        own = {item["id"] for phase in roles[link["from"]]["phases"] for item in phase.get("resolved_items", [])
               if "id" in item} if link["from"] in roles else None
        for i, ident in enumerate(link["items"]):
            if file.known(("communication", c, "items", i), ident, items, "punkten", "data/checklists.yml") \
                    and own is not None and ident not in own:
                file.add(("communication", c, "items", i),
                         f'punkten "{ident}" står inte i checklistan för rollen "{link["from"]}", som raden gäller '
                         f'(from: {link["from"]}). Raden visar vad den rollen gör när den kontaktar "{link["to"]}": '
                         "välj rollens egna steg, eller lägg steget i rollens checklista först.")
    source = data["transferred_by"]
    if file.known(("transferred_by", "role"), source["role"], roles, "rollen", "data/checklists.yml"):
        file.known(("transferred_by", "phase"), source["phase"], roles[source["role"]]["phase_index"],
                   "fasen", f'rollen "{source["role"]}" i data/checklists.yml')


# Items the site's own code shows by id, so they must stay in the data.
DISCHARGE_RULE = "regel-utskrivning"  # renderer.Renderer.discharge_rule
# Every role's phase "När Lifecare SP är i drift igen": its items say what is registered afterwards (decisions.py,
# the helper), and its checklist links to the helper.
AFTER_PHASE = "efter"
REQUIRED_ITEMS = {DISCHARGE_RULE: "regeln om utskrivning från sjukhus, som visas på varje rollsida"}


DATA_FILES = ("document", "contacts", "checklists", "forms", "decisions", "accessibility", "routine")


def _stray_files(data_dir: Path):
    """A data file the site does not read, such as "contacts (1).yml": an edit made there would never show."""
    problems = []
    for path in sorted(data_dir.iterdir()):
        name = path.name
        # What an editor's program leaves beside a file it saves: ignored.
        if name.startswith((".", "~$")) or pages.left_behind(name) or name == "schemas":
            continue
        # Also what Notepad saves as "contacts.yml.txt", and a data file's name with another ending ("contacts.txt").
        looks_like_data = (path.suffix.lower() in (".yml", ".yaml", ".json", ".txt") or ".yml" in name.lower()
                           or ".yaml" in name.lower() or name.split(".")[0] in DATA_FILES)
        if looks_like_data and name not in {f"{data}.yml" for data in DATA_FILES}:
            problems.append(Problem(f"data/{name}", "webbplatsen läser inte den här filen, så det som står i den "
                                                    "visas ingenstans. Datafilerna är " + ", ".join(f"{n}.yml" for n in DATA_FILES)
                                    + ". Flytta ändringen till rätt fil och ta bort den här."))
    return problems


def load_all(data_dir: Path, docs_dir: Path = None) -> SiteData:
    """Load and check every data file, and the ids the pages in `docs_dir` name.

    Raise DataError listing every problem found: all broken references in one build, data and pages together."""
    key = cache.data_key(data_dir)
    schema_passed = cache.passed(key)
    files, problems = {}, []
    for name in DATA_FILES:
        try:
            files[name] = DataFile(data_dir, name, schema_passed)
        except DataError as error:
            problems += error.problems
    problems += _stray_files(data_dir)
    if problems:
        raise DataError(problems)
    problems = [problem for file in files.values() for problem in file.problems]
    if problems:
        raise DataError(problems)
    if not schema_passed:
        cache.remember_passed(key)
    for file in files.values():
        _numbers_outside_contacts(file)
        _fields_in_text(file)
    _document(files["document"])
    for key in ("assessed", "updated"):
        _real_date(files["accessibility"], (key,), files["accessibility"].data[key])
    contact_index = _contacts(files["contacts"])
    _corrected_numbers(files["routine"], contact_index)
    roles, items = _checklists(files["checklists"], contact_index)
    forms = _forms(files["forms"], roles, items, contact_index)
    _item_forms(files["checklists"], forms)
    _decisions(files["decisions"], roles, items)
    accessibility = files["accessibility"]
    feedback = accessibility.data["feedback_contact"]
    if accessibility.known(("feedback_contact",), feedback, contact_index, "kontakten", "data/contacts.yml") \
            and "entries" in contact_index[feedback]:
        accessibility.add(("feedback_contact",), f'"{feedback}" är en grupp. Ange en enskild post, till exempel "servicedesk".')
    if accessibility.data["compliance"] != "helt" and not accessibility.data["shortcomings"]:
        accessibility.add(("shortcomings",), f'webbplatsen sägs vara "{accessibility.data["compliance"]}" förenlig, '
                                             "men inga brister står listade. Beskriv bristerna, eller ändra compliance.")
    if accessibility.data["compliance"] == "helt" and accessibility.data["shortcomings"]:
        accessibility.add(("compliance",), "webbplatsen sägs vara helt förenlig med lagen, men redogörelsen listar kända "
                                           "brister (shortcomings). Båda kan inte stämma: skriv compliance: delvis så länge "
                                           "det finns brister, eller ta bort bristerna när de är åtgärdade.")
    assessed, updated = (str(accessibility.data.get(key) or "") for key in ("assessed", "updated"))
    if assessed and updated and updated < assessed:
        accessibility.add(("updated",), f"redogörelsen sägs vara uppdaterad {updated}, före bedömningen den bygger på "
                                        f"({assessed}). Skriv det datum redogörelsen senast ändrades, samma dag som "
                                        "bedömningen eller senare.")
    units = routine.index(files["routine"].data, files["routine"])
    routine.check_facts(units, files["routine"], contact_index)
    sections = {section["id"] for section in files["routine"].data["sections"]}
    for r, role in enumerate(files["checklists"].data["roles"]):
        if role["routine_section"] not in sections:
            files["checklists"].add(("roles", r, "routine_section"), f'avsnittet "{role["routine_section"]}" finns inte i data/routine.yml')
    elements = _elements(files, docs_dir)
    routine.check_marks(elements, units, {file.label: file for file in files.values()})
    if docs_dir is not None:
        encoding = pages.encoding_problems(docs_dir, docs_dir.parent / "overrides")
        if encoding:
            raise DataError(encoding)
        page_elements, page_problems = _page_elements(docs_dir, units, {s["id"]: s for s in files["routine"].data["sections"]})
        elements += page_elements
        files["routine"].problems += page_problems
    for ident, use in REQUIRED_ITEMS.items():
        if ident not in items:
            files["checklists"].problems.append(Problem(
                files["checklists"].label, f'punkten "{ident}" saknas. Webbplatsen visar den som {use}; lägg tillbaka den.'))
    problems = [problem for file in files.values() for problem in file.problems]
    if docs_dir is not None:
        problems += pages.reference_problems(docs_dir, contact_index, roles, forms, items)
        problems += pages.number_problems(docs_dir) + pages.document_problems(docs_dir)
        problems += pages.front_matter_problems(docs_dir)
        problems += pages.link_problems(docs_dir)
        problems += pages.missing_pages(docs_dir, roles, forms)
    if problems:
        raise DataError(problems)
    return SiteData(
        document=files["document"].data, contacts=files["contacts"].data, checklists=files["checklists"].data,
        forms=files["forms"].data, decisions=files["decisions"].data, accessibility=files["accessibility"].data,
        contact_index=contact_index, role_index=roles, item_index=items, form_index=forms,
        routine=files["routine"].data, units=units, elements=elements, uncovered=routine.uncovered(units, elements),
    )


def _marks(node, inherited=None):
    source = list(node.get("source", [])) if isinstance(node.get("source"), list) else []
    added = node.get("added")
    if not source and not added and inherited:
        return inherited
    return source, added


def _elements(files, docs_dir):
    """Every element staff act on, with its marks: [(routine.Element, path in its file)]."""
    out = []

    def add(label, key, path, node, pages, what, entry, inherited=None):
        source, added = _marks(node, inherited)
        out.append((routine.Element(label, entry, tuple(pages), what, source, added), path))
        return source, added

    checklists = files["checklists"].data
    role_pages = {}
    for role in checklists["roles"]:
        for phase in role["phases"]:
            for item in phase["items"]:
                role_pages.setdefault(item.get("use", item.get("id")), []).append(role["title"])
    add("data/checklists.yml", "checklists", ("blankett_line",), checklists["blankett_line"], [r["title"] for r in checklists["roles"]],
        checklists["blankett_line"]["text"], "raden om patientens blankett")
    for i, item in enumerate(checklists["shared_items"]):
        add("data/checklists.yml", "checklists", ("shared_items", i), item, role_pages.get(item["id"], []), item["text"], f'punkt "{item["id"]}"')
    for r, role in enumerate(checklists["roles"]):
        add("data/checklists.yml", "checklists", ("roles", r), role, [role["title"]], role["applies_to"], f'roll "{role["id"]}"')
        for p, phase in enumerate(role["phases"]):
            if "intro" in phase or "note" in phase:
                add("data/checklists.yml", "checklists", ("roles", r, "phases", p), phase, [role["title"]],
                    phase.get("intro") or phase["note"], f'fas "{phase["id"]}" i roll "{role["id"]}"')
            for i, item in enumerate(phase["items"]):
                if "use" not in item:
                    add("data/checklists.yml", "checklists", ("roles", r, "phases", p, "items", i), item, [role["title"]],
                        item["text"], f'punkt "{item["id"]}"')
    for g, group in enumerate(files["contacts"].data["groups"]):
        marks = None
        if "intro" in group or "ask_for" in group or "source" in group or "added" in group:
            marks = add("data/contacts.yml", "contacts", ("groups", g), group, ["Telefonnummer"],
                        group.get("intro") or group.get("ask_for") or group["title"], f'grupp "{group["id"]}"')
        for e, entry in enumerate(group["entries"]):
            add("data/contacts.yml", "contacts", ("groups", g, "entries", e), entry, ["Telefonnummer"],
                " ".join(str(entry.get(k)) for k in ("name", "ask_for", "note") if entry.get(k)), f'post "{entry["id"]}"', marks)
    forms = files["forms"].data
    header = add("data/forms.yml", "forms", ("register_header_source",), forms["register_header_source"], ["Blanketter"],
                 "Blankett per patient: " + ", ".join(h["label"] for h in forms["register_header"]), "uppgifterna om patienten")
    del header
    add("data/forms.yml", "forms", ("register_after_source",), forms["register_after_source"], ["Blanketter"],
        "När Lifecare SP är i drift igen: frågorna och vad som registreras", "frågorna och reglerna på blanketten")
    for c, column in enumerate(forms["register_columns"]):
        add("data/forms.yml", "forms", ("register_columns", c), column, ["Blanketter"], f'Kolumnen "{column["label"]}"', f'kolumn "{column["label"]}"')
    for f, form in enumerate(forms["forms"]):
        marks = add("data/forms.yml", "forms", ("forms", f), form, [form["title"]], form["when"], f'blankett "{form["id"]}"')
        for key, word in (("fields", "fält"), ("participant_columns", "kolumn")):
            for i, field_ in enumerate(form.get(key, [])):
                add("data/forms.yml", "forms", ("forms", f, key, i), field_, [form["title"]], f'{word.capitalize()} "{field_["label"]}"',
                    f'{word} "{field_["label"]}" i blankett "{form["id"]}"', marks)
    decisions = files["decisions"].data
    for i, row in enumerate(decisions["outage_lengths"]):
        add("data/decisions.yml", "decisions", ("outage_lengths", i), row, ["Gemensamt för alla"], f'{row["title"]}: {row["consequence"]}', f'avbrottslängd "{row["id"]}"')
    for i, link in enumerate(decisions["communication"]):
        add("data/decisions.yml", "decisions", ("communication", i), link, ["Gemensamt för alla"], f'{link["from"]} → {link["to"]}', f'kontaktväg nr {i + 1}')
    add("data/decisions.yml", "decisions", ("not_covered",), decisions["not_covered"], ["När Lifecare SP är i drift igen"],
        decisions["not_covered"]["text"], "not_covered")
    add("data/decisions.yml", "decisions", ("communication_note",), decisions["communication_note"], ["Gemensamt för alla vid driftstopp"],
        decisions["communication_note"]["text"], "communication_note")
    return out


def _page_elements(docs_dir, units, sections):
    """The routine's words shown on pages (routine_text, routine_section) count as carried; unknown ids are problems."""
    out, problems = [], []
    for label, line, macro, ids in pages.passage_uses(docs_dir):
        if macro == "routine_section":
            for ident in ids:
                if ident not in sections:
                    problems.append(Problem(label, f'sidan visar avsnittet "{ident}", som inte finns i data/routine.yml', line=line))
                else:
                    ids = [u.ident for u in units.values() if u.section["id"] in routine.section_family(sections, ident)]
        else:
            for ident in ids:
                if ident not in units:
                    problems.append(Problem(label, f'sidan visar stycket "{ident}", som inte finns i data/routine.yml', line=line))
            ids = [i for i in ids if i in units]
        out.append((routine.Element(label, f"rad {line}", (label,), "", ids, None), ()))
    return out, problems
