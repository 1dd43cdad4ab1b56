"""What the phone list looks like compared with the last commit, and when it last changed.

Both read git when the project is a checkout. Without history the report says nothing and the date is
unknown: a file's own date says when it was copied, not when it changed."""
import datetime
import functools
import shutil
import subprocess
from pathlib import Path

from . import model, phones, routine, yamlfile
from .errors import DataError

CONTACTS = "data/contacts.yml"


def _in_checkout(root: Path) -> bool:
    """True when `root` is in a git checkout: its top, or a folder of a larger one (paths are given relative
    to `root`, "HEAD:./data/…", so both work)."""
    return _asked_git_if_checkout(str(root), _git_folder_state(root))


def _git_folder_state(root: Path):
    # What would change the answer while a process runs (make serve): a .git made or removed here or above.
    return tuple((folder / ".git").exists() for folder in (root, *root.resolve().parents))


@functools.lru_cache(maxsize=16)
def _asked_git_if_checkout(root: str, _state) -> bool:
    inside = _git(Path(root), "rev-parse", "--is-inside-work-tree", check_checkout=False)
    return inside is not None and inside.returncode == 0 and inside.stdout.decode().strip() == "true"


def _git(root: Path, *args, check_checkout=True):
    # Outside a checkout, "git diff" silently compares files instead; so ask only inside one.
    if check_checkout and not _in_checkout(root):
        return None
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return result if result.returncode in (0, 1) else None


def _shown(entry):
    """What the directory shows for one entry: number as written on the site, e-mail, address."""
    parts = []
    if "phone" in entry:
        try:
            parts.append(phones.parse(str(entry["phone"]), short=entry.get("short_number") is True)[0])
        except phones.PhoneError:
            parts.append(str(entry["phone"]))
    if "email" in entry:
        parts.append(str(entry["email"]))
    if "address" in entry:
        parts.append(", ".join(str(line) for line in entry["address"]))
    return " · ".join(parts)


def _entries(data):
    return {entry["id"]: entry for group in data.get("groups", []) for entry in group.get("entries", [])
            if isinstance(entry, dict) and "id" in entry}


def contact_changes(root: Path, current: dict):
    """Lines "name: old → new" for every entry whose number, e-mail or address differs from the last commit."""
    committed = _committed(root, base(root, CONTACTS)[0], CONTACTS)
    if not isinstance(committed, dict):
        return []
    old = _entries(committed)
    new = _entries(current)
    lines = []
    for ident, entry in new.items():
        if ident not in old:
            lines.append(f"{entry['name']}: ny post, {_shown(entry) or 'utan nummer'}")
        elif _shown(old[ident]) != _shown(entry):
            lines.append(f"{entry['name']}: {_shown(old[ident]) or '–'} → {_shown(entry) or '–'}")
    lines += [f"{entry['name']}: borttagen ({_shown(entry)})" for ident, entry in old.items() if ident not in new]
    return lines


ROUTINE = "data/routine.yml"


def passage_changes(root: Path, data):
    """[(passage id, [what cites it], what it said → what it says)] for every passage whose words differ from the
    last commit."""
    committed = _committed(root, base(root, ROUTINE)[0], ROUTINE)
    if committed is None:
        return []
    try:
        old = routine.raw_words(committed)
    except DataError:
        return []
    out = []
    for ident, unit in data.units.items():
        now = " ".join(unit.words().split())
        if ident in old and old[ident] != now:
            citing = [f"{element.entry} ({element.label})" for element, _ in data.elements
                      if ident in element.source and not element.label.startswith("docs/")]
            out.append((ident, citing, _worded(old[ident], now)))
    return out


def phone_list_date(root: Path, not_before: str = ""):
    """(date, None) with the date (ÅÅÅÅ-MM-DD) the phone list last changed, or (None, why) when it cannot be known.

    Today if the list has uncommitted changes, else the date of the last commit that changed it. Unknown
    without git history (a file's own date says when it was copied, not changed), in a shallow clone whose
    oldest commit is the one found, and for a date in the future or before the routine's own date."""
    today = datetime.date.today().isoformat()
    if CONTACTS in untracked(root):
        return None, "data/contacts.yml är inte incheckad i git, så ingen incheckning säger när den ändrades"
    changed = _git(root, "diff", "--quiet", "HEAD", "--", CONTACTS)
    # A change in how the file is written only (line endings, spacing, a comment) does not change the phone list.
    same = changed is not None and changed.returncode == 1 and _on_disk(root, CONTACTS) is not None and \
        _on_disk(root, CONTACTS) == _committed(root, "HEAD", CONTACTS)
    if changed is not None and changed.returncode == 1 and not same:
        if not_before and today < not_before:
            return None, f"dagens datum enligt datorn ({today}) är före rutinens eget datum {not_before}; kontrollera datorns klocka"
        return today, None
    last = _git(root, "log", "-1", "--format=%H %cs", "--", CONTACTS)
    if last is None or last.returncode != 0 or not last.stdout.strip():
        return None, "det finns ingen git-historik för data/contacts.yml (en kopia utan .git, eller git saknas)"
    commit, date = last.stdout.decode().split()
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is not None and shallow.stdout.decode().strip() == "true":
        boundary = _git(root, "rev-parse", "--git-path", "shallow")
        path = Path(boundary.stdout.decode().strip()) if boundary is not None else None
        if path is not None and not path.is_absolute():
            path = root / path
        if path is None or not path.is_file() or commit in path.read_text().split():
            return None, ("historiken är grund (shallow clone): den äldsta incheckningen är inte säkert den som "
                          "ändrade telefonlistan. Klona med hela historiken (utan --depth)")
    if date > today:
        return None, f"incheckningen är daterad {date}, efter dagens datum {today}; kontrollera datorns klocka"
    if not_before and date < not_before:
        return None, f"incheckningen är daterad {date}, före rutinens eget datum {not_before}"
    return date, None


CHECKLISTS = "data/checklists.yml"
# How far back the history is read for ids that were used before (each is one "git show").
_HISTORY = 200


def _items(data):
    """{id: item} for every checklist item (boxes, per-patient tasks and rules) in a checklists file."""
    if not isinstance(data, dict):
        return {}
    items = list(data.get("shared_items") or [])
    for role in data.get("roles") or []:
        for phase in (role.get("phases") or []) if isinstance(role, dict) else []:
            items += list((phase.get("items") or []) if isinstance(phase, dict) else [])
    return {str(item["id"]): item for item in items if isinstance(item, dict) and "id" in item}


def _placements(data):
    """{(role id, phase id): [item ids]}: where each item stands (a shared item stands in several roles)."""
    out = {}
    for role in (data.get("roles") or []) if isinstance(data, dict) else []:
        for phase in (role.get("phases") or []) if isinstance(role, dict) else []:
            if isinstance(phase, dict):
                out[(str(role.get("id")), str(phase.get("id")))] = [
                    str(item.get("use", item.get("id"))) for item in phase.get("items") or [] if isinstance(item, dict)]
    return out


def _text(item):
    return " ".join(str(item.get("text", "")).split())


def _steps(data):
    """{id: text} for every step with a box (kind action) in a checklists file."""
    return {ident: _text(item) for ident, item in _items(data).items() if item.get("kind", "action") == "action"}


def _changed_fields(old, new, leave_out=()):
    """The names of the fields that differ between two entries, in the order they are written."""
    keys = list(new) + [key for key in old if key not in new]
    return [str(key) for key in keys if key not in leave_out and old.get(key) != new.get(key)]


@functools.lru_cache(maxsize=32)
def _parsed(content: bytes, path: str):
    """A data file's text, parsed; None when it cannot be. The same text (the file on disk, a commit's version) is
    read by several reports: parsed once. Only read, never changed, by the reports."""
    try:
        return yamlfile.loads(content, path)
    except DataError:
        return None


def _on_disk(root: Path, path: str):
    """A data file as the editor wrote it (the loaded data carries fields the site derives, such as phone_href)."""
    try:
        return _parsed((root / path).read_bytes(), path)
    except OSError:
        return None


def _committed(root: Path, revision: str, path: str):
    """A data file as committed in `revision`; None when it is not there or cannot be read (then the reports leave it
    out, and unreadable_bases says so)."""
    shown = _git(root, "show", f"{revision}:./{path}")
    if shown is None or shown.returncode != 0:
        return None
    return _parsed(shown.stdout, path)


def unreadable_bases(root: Path):
    """[(path, revision)] for every data file whose version the reports compare with is there but cannot be read."""
    out = []
    for path in DATA_FILES:
        revision = base(root, path)[0]
        there = _git(root, "cat-file", "-e", f"{revision}:./{path}")
        if there is not None and there.returncode == 0 and _committed(root, revision, path) is None:
            out.append((path, revision))
    return out


def base(root: Path, path: str):
    """(revision, older revisions, words): what a data file is compared with. The last commit; or, when the
    file is as committed (an editor who commits first, a fresh checkout), the version before its last change,
    so that a change that is already committed is still checked and reported."""
    # Along the first parent: after a merge, the version before it on this branch, so what the merge brought is seen.
    versions = _git(root, "log", "--first-parent", f"-{_HISTORY}", "--format=%H", "--", path)
    commits = versions.stdout.decode().split() if versions is not None else []
    unchanged = _git(root, "diff", "--quiet", "HEAD", "--", path)
    if unchanged is not None and unchanged.returncode == 0 and len(commits) >= 2:
        return commits[1], commits[2:], f"versionen före den senaste incheckade ändringen ({commits[0][:7]})"
    return "HEAD", commits[1:], "senaste incheckningen"


def step_base(root: Path):
    """What the checklists are compared with (see base)."""
    return base(root, CHECKLISTS)


def _role_and_phase_changes(old, new):
    """Lines for the fields of roles and phases (not their items) that differ, with what they were and are."""
    def parts(data):
        out = {}
        for role in (data.get("roles") or []) if isinstance(data, dict) else []:
            if isinstance(role, dict):
                out[f'rollen "{role.get("id")}"'] = (role, ("phases",))
                for phase in role.get("phases") or []:
                    if isinstance(phase, dict):
                        out[f'fasen "{role.get("id")}/{phase.get("id")}"'] = (phase, ("items",))
        return out
    before, after = parts(old), parts(new)
    lines = []
    for name, (part, leave_out) in after.items():
        if name in before and (fields := _changed_fields(before[name][0], part, leave_out)):
            lines.append(f"ändrade fält i {name}: {', '.join(fields)}")
            lines += _field_details(before[name][0], part, fields)
    return lines


def step_changes(root: Path, current: dict):
    """(problems, report) for the checklists' boxes against git: the browsers keep ticks under each step's id.

    A problem: an id that an earlier commit used for a step with other words, no longer in the last
    commit, given to a step now (browsers that ticked the old step would show the new one as done).
    The report: steps added, removed (their stored ticks are forgotten) and reworded since the last commit."""
    from .errors import Problem
    revision, older, _ = step_base(root)
    head = _committed(root, revision, CHECKLISTS)
    if head is None:
        there = _git(root, "cat-file", "-e", f"{revision}:./{CHECKLISTS}")
        if there is not None and there.returncode == 0:
            return [], ["data/checklists.yml i den incheckning bygget jämför med går inte att läsa, så bygget kan inte "
                        "se om bockarna glöms eller flyttas: kontrollera ändringarna av punkternas id själv"]
        return [], []
    before, now = _steps(head), _steps(current)
    report = [f'ny punkt "{ident}": {text}' for ident, text in now.items() if ident not in before]
    report += [f'borttagen punkt "{ident}" ({text}): webbläsare som har bockat av den glömmer bocken'
               for ident, text in before.items() if ident not in now]
    report += [f'ändrad text i punkt "{ident}": {before[ident]} → {text}'
               for ident, text in now.items() if ident in before and before[ident] != text]
    # The other items (per-patient tasks and rules, which have no box) and every other field.
    old_items, new_items = _items(head), _items(_on_disk(root, CHECKLISTS))
    report += [f'ny punkt "{ident}": {_text(item)}' for ident, item in new_items.items()
               if ident not in old_items and ident not in now]
    report += [f'borttagen punkt "{ident}" ({_text(item)})' for ident, item in old_items.items()
               if ident not in new_items and ident not in before]
    report += [f'ändrad text i punkt "{ident}": {_text(old_items[ident])} → {_text(item)}'
               for ident, item in new_items.items() if ident in old_items and ident not in now
               and _text(old_items[ident]) != _text(item)]
    for ident, item in new_items.items():
        if ident in old_items and (fields := _changed_fields(old_items[ident], item, ("text",))):
            report.append(f'ändrade fält i punkt "{ident}": {", ".join(fields)}')
            report += _field_details(old_items[ident], item, fields)
    # Browsers keep ticks per role too: a role renamed or removed forgets all of them.
    old_roles = {str(r.get("id")) for r in head.get("roles") or [] if isinstance(r, dict)}
    new_roles = {str(r.get("id")) for r in (_on_disk(root, CHECKLISTS) or {}).get("roles") or [] if isinstance(r, dict)}
    report += [f'borttagen roll "{ident}": webbläsare som har bockat av i rollens checklista glömmer alla bockarna'
               for ident in sorted(old_roles - new_roles)]
    report += [f'ny roll "{ident}"' for ident in sorted(new_roles - old_roles)]
    # Every other word of a role or phase (titles, introductions, notes, the site's additions).
    report += _role_and_phase_changes(head, _on_disk(root, CHECKLISTS))
    # A step that leaves one role but stays in another (a shared one) is a lost step too.
    old_places, new_places = _placements(head), _placements(_on_disk(root, CHECKLISTS))
    for place, idents in old_places.items():
        gone = [i for i in idents if i not in new_places.get(place, [])]
        report += [f'punkten "{i}" står inte längre i rollen "{place[0]}", fasen "{place[1]}": webbläsare som har '
                   "bockat av den där glömmer bocken" for i in gone if i in new_items]
    for place, idents in new_places.items():
        report += [f'punkten "{i}" står nu i rollen "{place[0]}", fasen "{place[1]}"'
                   for i in idents if i not in old_places.get(place, []) and i in old_items]
    problems = []
    # Words moved from one id to another (two texts swapped, say): a tick on the old step would show on the new.
    for ident, text in now.items():
        if ident not in before or before[ident] == text:
            continue
        took = [other for other, old in before.items() if other != ident and old == text]
        if took:
            problems.append(Problem(CHECKLISTS, f'punkten "{ident}" har fått texten som punkten "{took[0]}" hade ("{text}"). '
                                                f'Webbläsare som bockade av "{ident}" skulle visa den här texten som klar. '
                                                "Flytta inte text mellan id: låt punkterna behålla sina texter, eller ge "
                                                "dem nya id."))
    # The same, reworded a little on the way: a step whose words changed and whose passages (source) are now
    # exactly those another step had.
    sources = {ident: tuple(map(str, item.get("source") or ())) for ident, item in old_items.items()}
    for ident, text in now.items():
        if ident not in before or before[ident] == text or any(ident in p.message for p in problems):
            continue
        mine = tuple(map(str, (new_items.get(ident) or {}).get("source") or ()))
        took = [other for other in before if other != ident and mine and sources.get(other) == mine
                and sources.get(ident) != mine]
        if took:
            problems.append(Problem(CHECKLISTS, f'punkten "{ident}" har fått både ny text och de stycken i rutinen '
                                                f'(source) som punkten "{took[0]}" hade: den har troligen bytt plats med '
                                                f'den. Webbläsare som bockade av "{ident}" skulle visa den här texten som '
                                                "klar. Låt punkterna behålla sina texter, eller ge dem nya id."))
    old_sources = sources
    new_sources = {ident: tuple(map(str, item.get("source") or ())) for ident, item in new_items.items()}
    problems += [_moved_problem(new, old, now[new]) for new, old in _moved_to_new(before, now, old_sources, new_sources)]
    # A step given other words and other passages under its old id is another step: the old one's ticks show on it.
    report += [f'punkten "{ident}" har fått nya ord och andra stycken i rutinen (source): är det ett nytt steg, ge det ett '
               f'nytt id: bockarna följer id:t, så webbläsare som bockade av "{before[ident]}" visar det nya steget som klart'
               for ident, text in now.items() if ident in before and before[ident] != text
               and not set(old_sources.get(ident, ())) & set(new_sources.get(ident, ()))
               and not any(f'"{ident}"' in p.message for p in problems)]
    new = {ident: text for ident, text in now.items() if ident not in before}
    if new:
        seen = {}
        for commit in older:
            for ident, text in _steps(_committed(root, commit, CHECKLISTS)).items():
                seen.setdefault(ident, text)
        for ident, text in new.items():
            if ident in seen and seen[ident] != text:
                problems.append(Problem(CHECKLISTS, f'punkten "{ident}" får ett id som en tidigare punkt hade '
                                                    f'("{seen[ident]}"). Webbläsare som bockade av den gamla punkten '
                                                    "skulle visa den nya som klar. Ge den nya punkten ett nytt id."))
    return problems, report


FORMS = "data/forms.yml"


def form_changes(root: Path):
    """Lines for every blankett added, removed or changed since the last commit, and the parts all share."""
    head, current = _committed(root, base(root, FORMS)[0], FORMS), _on_disk(root, FORMS)
    if not isinstance(head, dict) or not isinstance(current, dict):
        return []

    def forms(data):
        return {str(form["id"]): form for form in data.get("forms") or [] if isinstance(form, dict) and "id" in form}
    before, now = forms(head), forms(current)
    lines = [f'ny blankett "{ident}": {form.get("title", "")}' for ident, form in now.items() if ident not in before]
    lines += [f'borttagen blankett "{ident}" ({form.get("title", "")})' for ident, form in before.items() if ident not in now]
    for ident, form in now.items():
        if ident in before and (fields := _changed_fields(before[ident], form)):
            lines.append(f'ändrade fält i blankett "{ident}": {", ".join(fields)}')
            lines += _field_details(before[ident], form, fields)
    shared = _changed_fields(head, current, ("forms",))
    if shared:
        lines.append(f"ändrat i det som alla blanketter delar: {', '.join(shared)}")
        lines += _field_details(head, current, shared)
    return lines


def contact_field_changes(root: Path):
    """Lines for every contact whose other fields (name, note, "Fråga efter", …) differ from the last commit.

    Numbers, e-mail and addresses are in contact_changes, as they will be shown."""
    head, current = _committed(root, base(root, CONTACTS)[0], CONTACTS), _on_disk(root, CONTACTS)
    if not isinstance(head, dict) or not isinstance(current, dict):
        return []
    before, now = _entries(head), _entries(current)
    lines = []
    for ident, entry in now.items():
        if ident in before and (fields := _changed_fields(before[ident], entry, ("phone", "email", "address"))):
            lines.append(f'ändrade fält i post "{ident}" ({entry.get("name", "")}): {", ".join(fields)}')
            lines += _field_details(before[ident], entry, fields)
    groups = lambda data: {str(g.get("id", g.get("title", ""))): g for g in data.get("groups") or [] if isinstance(g, dict)}
    old_groups, new_groups = groups(head), groups(current)
    # An entry pasted into another group is shown there, and no longer where its group is shown (the
    # municipalities' list under "Ring kommunens växel", say).
    def member_of(grouped):
        return {str(e.get("id")): ident for ident, g in grouped.items() for e in g.get("entries") or [] if isinstance(e, dict)}
    was, now = member_of(old_groups), member_of(new_groups)
    lines += [f'posten "{ident}" har flyttats från gruppen "{was[ident]}" till gruppen "{group}": den visas nu där '
              f'gruppen "{group}" visas, och inte längre där "{was[ident]}" visas'
              for ident, group in now.items() if ident in was and was[ident] != group]
    lines += [f'ny grupp "{ident}"' for ident in new_groups if ident not in old_groups]
    lines += [f'borttagen grupp "{ident}"' for ident in old_groups if ident not in new_groups]
    for ident, group in new_groups.items():
        if ident in old_groups and (fields := _changed_fields(old_groups[ident], group, ("entries",))):
            lines.append(f'ändrade fält i grupp "{ident}": {", ".join(fields)}')
            lines += _field_details(old_groups[ident], group, fields)
    return lines


def git_state(root: Path) -> str:
    """What git says of `root`, in one call, as a key: the commit and whether the history is shallow, or why it
    cannot say (no checkout, no git program, a folder it refuses). The same answer, the same history."""
    try:
        result = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD", "--is-shallow-repository"],
                                capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError) as error:
        return f"git: {type(error).__name__}"
    return f"{result.returncode} {result.stdout!r} {result.stderr!r} {shutil.which('git')}"


# The data files, as model.py reads them.
DATA_FILES = tuple(f"data/{name}.yml" for name in model.DATA_FILES)


def untracked(root: Path):
    """The data files that are not in the last commit (never added, or taken out with git rm --cached), in a checkout
    with a history; nothing without one (history_problem says so)."""
    listed = _git(root, "ls-tree", "-r", "--name-only", "HEAD", "--", "data")
    if listed is None or listed.returncode != 0:
        return []
    there = set(listed.stdout.decode(errors="replace").split("\n"))
    return [path for path in DATA_FILES if path not in there and (root / path).exists()]


def history_problem(root: Path):
    """None when the build can compare with git history; else what is missing: "none", "no-git" (a history, but
    no git program to read it), "unreadable" (git is there but refuses the folder, as for one owned by another
    user), "empty" (git init, and nothing committed yet) or "shallow"."""
    head = _git(root, "rev-parse", "--verify", "-q", "HEAD")
    if head is None or head.returncode != 0:
        if head is not None and _git(root, "rev-parse", "--git-dir").returncode == 0:
            return "empty"
        if any((folder / ".git").exists() for folder in (root, *root.resolve().parents)):
            return "unreadable" if shutil.which("git") else "no-git"
        return "none"
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is not None and shallow.stdout.decode().strip() == "true":
        return "shallow"
    return None


def _brief(value) -> str:
    """A list item or value in a few words, for the report."""
    if isinstance(value, dict):
        shown = [f"{key}: {_brief(value[key])}" for key in list(value)[:3] if not isinstance(value[key], (dict, list))]
        return "{" + ", ".join(shown) + (", …" if len(value) > 3 else "") + "}"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57] + "…"


def _worded(old: str, new: str):
    """Two texts shown where they differ, with a few words either side: a sentence cut short (a line lost, a
    comment line that ended a folded text) is seen in the report, not only that the text changed."""
    before, after = old.split(), new.split()
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1

    def part(words):
        first, last = max(start - 3, 0), len(words) - max(end - 3, 0)
        shown = " ".join(words[first:last])
        shown = shown if len(shown) <= 120 else shown[:117] + "…"
        return f'"{"…" if first else ""}{shown}{"…" if last < len(words) else ""}"'
    return f"{part(before)} → {part(after)}"


def _field_details(old, new, fields):
    """Indented lines for each changed field: what it was and what it is now."""
    return [f"  {line}" for field in fields for line in _structure(old.get(field), new.get(field), field)]


def _structure(old, new, path):
    """Lines for what differs between two values of a data file: items added and removed, values changed."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(new) + [key for key in old if key not in new]:
            if old.get(key) != new.get(key):
                yield from _structure(old.get(key), new.get(key), f"{path}.{key}" if path else str(key))
    elif isinstance(old, list) and isinstance(new, list):
        by_id = all(isinstance(item, dict) and "id" in item for item in old + new)
        if by_id:
            before, after = {str(i["id"]): i for i in old}, {str(i["id"]): i for i in new}
            yield from (f'{path}: ny "{ident}"' for ident in after if ident not in before)
            yield from (f'{path}: borttagen "{ident}"' for ident in before if ident not in after)
            for ident in after:
                if ident in before and before[ident] != after[ident]:
                    yield from _structure(before[ident], after[ident], f'{path} "{ident}"')
        else:
            remaining = list(new)
            for item in old:
                if item in remaining:
                    remaining.remove(item)
                else:
                    yield f"{path}: borttaget {_brief(item)}"
            left = list(old)
            for item in new:
                if item in left:
                    left.remove(item)
                else:
                    yield f"{path}: nytt {_brief(item)}"
    elif isinstance(old, str) and isinstance(new, str) and old != new:
        yield f"{path}: {_worded(old, new)}"
    elif old != new:
        yield f"{path}: {_brief(old) if old is not None else '–'} → {_brief(new) if new is not None else '–'}"


def file_changes(root: Path, path: str):
    """Lines for everything that differs in one data file from the last commit (empty without history)."""
    head, current = _committed(root, base(root, path)[0], path), _on_disk(root, path)
    if head is None or current is None:
        return []
    return list(_structure(head, current, ""))


# What the last build published of the checklists, written into the site: the steps the browsers hold ticks for.
PUBLISHED = "lc-bockar.json"


def _boxes_by_role(data):
    """{role id: [the ids of its steps with a box]}: browsers keep ticks per role (…:checklista:<role>)."""
    steps = _steps(data)
    out = {}
    for (role, _), idents in _placements(data).items():
        out.setdefault(role, []).extend(i for i in idents if i in steps)
    return out


def published_steps(data: dict) -> str:
    """The record of the checklists' boxes a build publishes (its site's lc-bockar.json): each step's words, and
    which role's checklist holds it."""
    import json
    return json.dumps({"steps": _steps(data), "roles": _boxes_by_role(data)}, ensure_ascii=False, sort_keys=True, indent=0)


def _moved_to_new(before: dict, now: dict, old_sources=None, new_sources=None):
    """[(new id, old id)]: a step given new words whose old words (or, reworded, its passages) now stand on a new
    id, as when a step is "inserted" above another by rewriting it. A tick on the old step would show on it."""
    moved = []
    for ident, text in now.items():
        if ident in before:
            continue
        for other, old in before.items():
            if other not in now or now[other] == old:
                continue
            same_sources = bool(old_sources and new_sources and new_sources.get(ident)
                                and new_sources.get(ident) == old_sources.get(other) != new_sources.get(other))
            if old == text or same_sources:
                moved.append((ident, other))
                break
    return moved


def _moved_problem(new, old, text, where=""):
    from .errors import Problem
    return Problem(CHECKLISTS, f'punkten "{old}" har fått nya ord, och orden den hade{where} står nu på den nya punkten '
                               f'"{new}" ("{text}"). Webbläsare som bockade av "{old}" skulle visa de nya orden som klara. '
                               f'Låt "{old}" behålla sina ord och ge den nya texten ett nytt id.')


def published_record(folders):
    """The record of the boxes the last build published (site/lc-bockar.json), or None when there is none."""
    return next((folder / PUBLISHED for folder in folders if (folder / PUBLISHED).is_file()), None)


def against_published(folders, current: dict):
    """(problems, lines) for the boxes against what the last build published (lc-bockar.json in the last site/):
    a change git no longer shows (committed, and another commit after it) is still seen here."""
    import json
    from .errors import Problem
    record = published_record(folders)
    if record is None:
        return [], []
    try:
        recorded = json.loads(record.read_text(encoding="utf-8"))
        before = {str(k): str(v) for k, v in recorded["steps"].items()}
        # Which role held each step (recorded since the record has it; an older record has only the steps).
        roles = {str(role): [str(i) for i in idents] for role, idents in (recorded.get("roles") or {}).items()}
    except (ValueError, KeyError, AttributeError, OSError, TypeError):
        return [], [f"{record.name} i den senast byggda webbplatsen går inte att läsa, så bygget kan inte jämföra "
                    "bockarna med den"]
    now = _steps(current)
    problems = []
    ids_by_text = {}
    for other, old in before.items():
        ids_by_text.setdefault(old, []).append(other)
    for ident, text in now.items():
        took = [other for other in ids_by_text.get(text, ()) if other != ident]
        if ident in before and before[ident] != text and took:
            problems.append(Problem(CHECKLISTS, f'punkten "{ident}" har fått texten som punkten "{took[0]}" hade på den '
                                                f'senast byggda webbplatsen ("{text}"). Webbläsare som bockade av '
                                                f'"{ident}" skulle visa den här texten som klar. Låt punkterna behålla '
                                                "sina texter, eller ge dem nya id."))
    problems += [_moved_problem(new, old, now[new], " på den senast byggda webbplatsen") for new, old in _moved_to_new(before, now)]
    lines = [f'punkten "{ident}" ({text}) fanns på den senast byggda webbplatsen men inte nu: webbläsare som har '
             "bockat av den glömmer bocken" for ident, text in before.items() if ident not in now]
    holds = _boxes_by_role(current)
    for role, idents in sorted(roles.items()):
        if role not in holds:
            lines.append(f'rollen "{role}" fanns på den senast byggda webbplatsen men inte nu: webbläsare som har bockat '
                         "av i rollens checklista glömmer alla bockarna")
            continue
        lines += [f'punkten "{ident}" stod i rollen "{role}" på den senast byggda webbplatsen men inte nu: webbläsare '
                  "som har bockat av den där glömmer bocken" for ident in idents if ident in now and ident not in holds[role]]
    return problems, lines
