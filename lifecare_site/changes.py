"""What the phone list looks like compared with the last commit, and when it last changed.

Both read git when the project is a checkout, and say nothing (or fall back to the file's date)
when it is not, e.g. a copy without history."""
import datetime
import subprocess
from pathlib import Path

from . import phones, routine, yamlfile
from .errors import DataError

CONTACTS = "data/contacts.yml"


def _in_checkout(root: Path) -> bool:
    """True when `root` itself is the top of a git checkout (not a folder inside some other one)."""
    top = _git(root, "rev-parse", "--show-toplevel", check_checkout=False)
    return top is not None and top.returncode == 0 and Path(top.stdout.decode().strip()).resolve() == root.resolve()


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
            parts.append(phones.parse(entry["phone"], short=entry.get("short_number", False))[0])
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
    committed = _git(root, "show", f"HEAD:{CONTACTS}")
    if committed is None or committed.returncode != 0:
        return []
    try:
        old = _entries(yamlfile.loads(committed.stdout, CONTACTS))
    except DataError:
        return []
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
    """[(passage id, [what cites it])] for every passage whose words differ from the last commit."""
    committed = _git(root, "show", f"HEAD:{ROUTINE}")
    if committed is None or committed.returncode != 0:
        return []
    try:
        old = routine.raw_words(yamlfile.loads(committed.stdout, ROUTINE))
    except DataError:
        return []
    out = []
    for ident, unit in data.units.items():
        now = " ".join(unit.words().split())
        if ident in old and old[ident] != now:
            citing = [f"{element.entry} ({element.label})" for element, _ in data.elements
                      if ident in element.source and not element.label.startswith("docs/")]
            out.append((ident, citing))
    return out


def phone_list_date(root: Path) -> str:
    """The date (ÅÅÅÅ-MM-DD) the phone list last changed: today if it has uncommitted changes,
    else its last commit; the file's own date in a copy without history."""
    changed = _git(root, "diff", "--quiet", "HEAD", "--", CONTACTS)
    if changed is not None and changed.returncode == 1:
        return datetime.date.today().isoformat()
    last = _git(root, "log", "-1", "--format=%cs", "--", CONTACTS)
    if last is not None and last.returncode == 0 and last.stdout.strip():
        return last.stdout.decode().strip()
    return datetime.date.fromtimestamp((root / CONTACTS).stat().st_mtime).isoformat()
