"""What a build does before its first page, under either engine: check and load data/ and the pages, compare with
git and with the last published site, and say what changed.

Nothing here logs or depends on an engine: each step returns what it found (problems, or lines to say), and
macros.py, the adapter, says them the engine's way."""
import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import cache, changes, model, pages, pdfs, preflight, routine, siteurl
from .errors import DataError, Problem
from .render import FRAGMENTS
from .renderer import Pdfs


@dataclass
class Prepared:
    """One build's loaded data and what the build says about it."""
    data: model.SiteData
    phone_list_changed: str
    pdfs: Pdfs
    # Said as INFO lines (hidden by -q), and as OBS lines that even -q shows (ticks the browsers will forget).
    infos: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    # Whatever the adapter makes from this once (its renderer), kept with it.
    kept: dict = field(default_factory=dict)


# The last load, for an engine that sets up the macros again for every page (see load_once).
_last = {}


def load_once(root: Path, docs_dir: Path, config_file: Path, site_url: str, site_dirs, nav=None, serving=False):
    """`load`, done again only when something it reads has changed: Zensical sets up the macros once for every page,
    and a build should check and load its data once. (prepared, True the first time it is returned)."""
    key = _inputs_key(root, docs_dir, config_file, site_url, site_dirs, nav, serving)
    if _last.get("key") == key:
        return _last["prepared"], False
    _last.clear()
    # And across builds: what an earlier build found from exactly these inputs, in this git state, today, with these
    # libraries. Only a load that passed is kept; the infos and notices in it are said again.
    kept_as = hashlib.sha256(repr((key, changes.git_state(root), cache.code_key(), datetime.date.today().isoformat()))
                             .encode()).hexdigest()
    prepared = cache.recall(kept_as, "prepared")
    if not isinstance(prepared, Prepared):
        prepared = load(root, docs_dir, config_file, site_url, site_dirs, nav, serving)
        cache.remember(kept_as, "prepared", prepared)
    _last.update(key=key, prepared=prepared)
    return prepared, True


def _inputs_key(root, docs_dir, config_file, site_url, site_dirs, nav, serving):
    """What `load` reads, in one value: the sources, the PDFs' state, the last published record and git's commit."""
    def read(path):
        try:
            return path.read_bytes() if path.is_file() else b""
        except OSError:
            return b"?"
    git = root / ".git"
    head = read(git / "HEAD")
    ref = head[len(b"ref: "):].strip().decode(errors="replace") if head.startswith(b"ref: ") else ""
    pdf_folder = root / pdfs.FOLDER
    pdf_state = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in pdf_folder.glob("*")) \
        if pdf_folder.is_dir() else []
    return (cache.source_key(root), str(docs_dir), str(config_file), read(Path(config_file)), site_url, repr(nav), serving,
            head, read(git / ref) if ref else b"", tuple(read(Path(d) / changes.PUBLISHED) for d in site_dirs), repr(pdf_state))


def load(root: Path, docs_dir: Path, config_file: Path, site_url: str, site_dirs, nav=None, serving=False) -> Prepared:
    """Check and load everything the pages are made from. Raise DataError with every problem found."""
    notices = []
    written = preflight.written_config(config_file) or {}
    # The address as IT sets it (site_url: !ENV SITE_URL, whose tag the written configuration keeps as its value),
    # or written into mkdocs.yml itself: each named where it is written.
    in_config = isinstance(written.get("site_url"), str) and written["site_url"] != siteurl.VARIABLE
    address_problem = siteurl.problem(site_url or "", written_in_config=in_config)
    if address_problem:
        raise DataError([Problem(config_file.name if in_config else "SITE_URL", address_problem)])
    if not serving and siteurl.own_computer(site_url or ""):
        where = f"site_url i {config_file.name}" if in_config else "SITE_URL"
        notices.append(f"{where} är den egna datorns adress ({site_url}): blanketterna och QR-koderna pekar dit. "
                       "Bra för att prova, men publicera inte det här bygget.")
    # A page the menu names that is gone is said together with what the pages' checks find (its links, say).
    menu = pages.nav_problems(docs_dir, written.get("nav", nav))
    # The same checks as make's, for a build or serve without make ("mkdocs build"): a doubled key, a missing hook, an
    # unminified script the pages would load as ….min.js.
    menu += preflight.config_problems(config_file, serving=serving)
    menu += pages.template_problems(root / "overrides") + pages.template_problems(FRAGMENTS, "lifecare_site/fragments")
    try:
        data = model.load_all(root / "data", docs_dir)
    except DataError as error:
        raise DataError(menu + error.problems) from None
    if menu:
        raise DataError(menu)
    reused, step_report = _compared(notices, root, changes.CHECKLISTS, ([], []), changes.step_changes, root, data.checklists)
    # And against what the last build published (its record in site/), which git may no longer show.
    moved, published_report = changes.against_published(site_dirs, data.checklists)
    if reused or moved:
        raise DataError(reused + moved)
    if changes.published_record(site_dirs) is None and changes.history_problem(root) in (None, "shallow"):
        # A fresh clone, or after make clean: an id removed in an older commit than the one compared with is not seen.
        notices.append(f"Checklistornas bockar: ingen tidigare byggd webbplats att jämföra med ({changes.PUBLISHED} i "
                       f"site/), så bygget jämför punkternas id bara med {changes.step_base(root)[2]}. Ett id som togs "
                       "bort i en äldre incheckning syns inte här, och bocken för den punkten försvinner i webbläsarna utan att bygget "
                       "säger det.")
    # A date of the routine's that has not come yet is printed on every page and form as if it had.
    today = datetime.date.today().isoformat()
    for key, title in (("date", "Rutinens datum"), ("approved_date", "Fastställd datum")):
        if data.document.get(key) and str(data.document[key]) > today:
            notices.append(f'data/document.yml: {title} ({key}: {data.document[key]}) är efter dagens datum {today}, och '
                           "skrivs så på varje sida och blankett. Stämmer det? Annars skriv rätt datum.")
    prepared = Prepared(data, *_phone_list_and_pdfs(root, data, site_url, notices), notices=notices)
    _report(root, data, step_report, published_report, prepared)
    return prepared


def _phone_list_and_pdfs(root, data, site_url, notices):
    site_url = (site_url or "").rstrip("/")
    infos = []
    if not site_url:
        infos.append("Webbplatsens adress är inte satt (SITE_URL): blanketterna och nödpärmen visar ingen adress och "
                     "ingen QR-kod förrän IT sätter den, och 404-sidans länkar fungerar bara när webbplatsen ligger i "
                     "webbserverns rot.")
    # The PDFs (make pdf) are linked where they exist; the build says when they are missing or old. PDFs older than
    # the sources may show an old number: not linked, and taken out of the site (macros.on_post_build).
    _, pdf_problem = pdfs.status(root, data.document["version"], list(data.form_index), site_url)
    if pdf_problem:
        infos.append(pdf_problem)
    found = Pdfs(root / pdfs.FOLDER, pdfs.stale(root, site_url))
    # Printouts carry the date the phone list changed, so a binder on the shelf can be compared with the site.
    phone_list_date, unknown = changes.phone_list_date(root, str(data.document["date"]))
    history = changes.history_problem(root)
    if history == "none":
        infos.append("Ingen git-historik (en kopia utan .git, eller git saknas), så bygget kan inte jämföra med senaste "
                     "incheckningen. Det som inte görs: ändringsrapporten för checklistor, blanketter och telefonlista, "
                     "kontrollen av id som tidigare punkter haft (bockarna i webbläsarna) och telefonlistans ändringsdatum: "
                     "telefonlistan och utskrifterna skriver \"ändringsdatum okänt\".")
    elif history == "no-git":
        infos.append("Git-historiken finns, men programmet git finns inte på den här datorn (eller inte i PATH), så "
                     "bygget kan inte läsa den. Installera git, till exempel med apt-get install git. Tills dess görs "
                     "ingen ändringsrapport, ingen kontroll av id som tidigare punkter haft och inget ändringsdatum "
                     "för telefonlistan: telefonlistan och utskrifterna skriver \"ändringsdatum okänt\".")
    elif history == "unreadable":
        infos.append("Git-historiken finns men git vägrar läsa den (till exempel \"dubious ownership\" när mappen ägs av "
                     "en annan användare; rätta med git config --global --add safe.directory och mappens sökväg). Tills "
                     "dess görs ingen ändringsrapport, ingen kontroll av id som tidigare punkter haft och inget "
                     "ändringsdatum för telefonlistan.")
    elif history == "empty":
        infos.append("Git-historiken är tom: mappen är en git-mapp (git init) men inget är incheckat än. Tills något är "
                     "incheckat görs ingen ändringsrapport, ingen kontroll av id som tidigare punkter haft och inget "
                     "ändringsdatum för telefonlistan. Checka in filerna, till exempel med git add -A och git commit.")
    elif history == "shallow":
        infos.append("Historiken är grund (shallow clone). Ändringsrapporten jämför med senaste incheckningen som vanligt, "
                     "men kontrollen av id som tidigare punkter haft ser bara de incheckningar som finns här. Klona med "
                     "hela historiken (utan --depth) före publicering.")
    for path, revision in changes.unreadable_bases(root) if history in (None, "shallow") else []:
        notices.append(f"{path} i den incheckning bygget jämför med ({revision[:7]}) går inte att läsa (som YAML), "
                       "så ändringsrapporten säger inget om den filen. Kontrollera ändringarna "
                       f"själv, till exempel med git diff {revision[:7]} -- {path}.")
    for path in changes.untracked(root) if history in (None, "shallow") else []:
        notices.append(f"{path} är inte incheckad i git (aldrig tillagd, eller borttagen ur git med git rm --cached), så "
                       "ändringsrapporten säger inget om ändringar i den. Checka in den: git add "
                       f"{path} och git commit.")
    if unknown and history not in ("none", "no-git", "empty"):
        infos.append(f"Telefonlistans ändringsdatum är okänt: {unknown}. Telefonlistan och utskrifterna skriver "
                     "\"ändringsdatum okänt\" i stället för ett datum.")
    changed = f"Telefonlistan ändrad {phone_list_date}" if phone_list_date else "Telefonlistan: ändringsdatum okänt"
    return changed, found, infos


def _compared(notices, root, path, nothing, report, *args):
    """A report against git, or `nothing` when the version it compares with has a shape the report cannot read (a
    committed "- id: [timra]", say): said once, even with -q, instead of stopping the build."""
    try:
        return report(*args)
    except (TypeError, AttributeError, KeyError, ValueError, IndexError):
        revision = changes.base(root, path)[0][:7]
        said = (f"{path} i den incheckning bygget jämför med ({revision}) har en form som ändringsrapporten inte kan "
                f"läsa, så rapporten säger inget om den filen. Kontrollera ändringarna själv, till exempel med git diff "
                f"{revision} -- {path}.")
        if said not in notices:
            notices.append(said)
        return nothing


def _report(root, data, step_report, published_report, prepared):
    """What changed since the last commit, file by file, so a cut-off file or a lost step is seen before publishing."""
    infos, notices = prepared.infos, prepared.notices
    if data.uncovered:
        infos.append("Stycken i rutinen (data/routine.yml) som inget steg, ingen blankett och ingen sida bär: "
                     + ", ".join(data.uncovered) + ". Hänvisa till dem med source:, eller markera dem context: true.")
    for ident, citing, worded in _compared(notices, root, changes.ROUTINE, [], changes.passage_changes, root, data):
        infos.append(f'Rutinens stycke "{ident}" har ändrats sedan {changes.base(root, changes.ROUTINE)[2]} (data/routine.yml): {worded}. '
                     f"Kontrollera det som hänvisar till det: {', '.join(citing) or 'inget'}.")
        # A number or address the routine's words show is another contact's now: said even with -q, since the words
        # around it may still name the first one ("kontaktar Servicedesk via {phone:region-vaxel}").
        old_facts, new_facts = (sorted(routine.PLACEHOLDER.findall(side)) for side in worded.split(" → ", 1)) if " → " in worded \
            else ([], [])
        if old_facts != new_facts:
            notices.append(f'Rutinens stycke "{ident}" visar nu andra nummer eller adresser: {worded}. Kontrollera att '
                           "orden runt dem namnger rätt kontakt.")
    if step_report:
        infos.append(f"Checklistorna skiljer sig från {changes.step_base(root)[2]} (data/checklists.yml):")
        infos += [f"  {line}" for line in step_report]
        # Ticks the browsers will forget are said even with -q (which hides INFO); not as a warning MkDocs would
        # count, since removing a step is a change an editor may mean.
        notices += [f"Checklistornas bockar: {line}" for line in step_report if "glömmer" in line or "bockarna" in line]
        # A box keeps its ticks under its id whatever its words: a step rewritten into another one is shown as done
        # in every browser that ticked the old one. Said even with -q; a new step wants a new id.
        notices += [f"Checklistornas bockar: {line} (webbläsare som bockat av punkten visar den nya texten som gjord; "
                    "är det ett annat steg, ge det ett nytt id)" for line in step_report if line.startswith("ändrad text i punkt")]
    for line in published_report:
        # Said once: not again when the comparison with git already says the same ids lose their ticks.
        named = re.findall(r'"[^"]+"', line.split(" (")[0])
        if not any("glömmer" in said and all(name in said for name in named) for said in step_report):
            notices.append(f"Checklistornas bockar: {line}")
    # Passages, list items and corrections added to or taken out of the routine (their words are said above).
    parts = [line for line in _compared(notices, root, changes.ROUTINE, [], changes.file_changes, root, changes.ROUTINE)
             if any(f": {word}" in line for word in ("borttagen ", "borttaget ", "ny ", "nytt "))]
    if parts:
        infos.append(f"Rutinens delar skiljer sig från {changes.base(root, changes.ROUTINE)[2]} (data/routine.yml):")
        infos += [f"  {line}" for line in parts]
        notices += [f"Rutinen (data/routine.yml): {line}. Det syns inte längre på webbplatsen; är det meningen?"
                    for line in parts if ": borttagen " in line or ": borttaget " in line]
    for name, title in (("decisions", "Tabellerna och hjälpen"), ("document", "Rutinens dokumentuppgifter"),
                        ("accessibility", "Tillgänglighetsredogörelsen")):
        lines = _compared(notices, root, f"data/{name}.yml", [], changes.file_changes, root, f"data/{name}.yml")
        if lines:
            infos.append(f"{title} skiljer sig från {changes.base(root, f'data/{name}.yml')[2]} (data/{name}.yml):")
            infos += [f"  {line}" for line in lines]
    formed = _compared(notices, root, changes.FORMS, [], changes.form_changes, root)
    if formed:
        infos.append(f"Blanketterna skiljer sig från {changes.base(root, changes.FORMS)[2]} (data/forms.yml):")
        infos += [f"  {line}" for line in formed]
    entries = _compared(notices, root, changes.CONTACTS, [], changes.contact_changes, root, data.contacts)
    fields = _compared(notices, root, changes.CONTACTS, [], changes.contact_field_changes, root)
    if entries or fields:
        infos.append(f"Telefonlistan skiljer sig från {changes.base(root, changes.CONTACTS)[2]} (data/contacts.yml). Så här "
                     "visas den nu:")
        infos += [f"  {line}" for line in entries + fields]
        # A contact or group gone from the list (an entry deleted, a cut-off file) is said even with -q.
        notices += [f"Telefonlistan: {line}. Den finns inte längre på webbplatsen; är det meningen?"
                    for line in entries + fields if ": borttagen (" in line or line.startswith("borttagen grupp")]


def shown_numbers(data):
    """Every number the pages may show, as the site writes it, and tel: link → that number: the contacts' own."""
    shown = set(number_owners(data))
    hrefs = {entry[f"{kind}_href"]: entry[f"{kind}_display"] for entry in data.contact_index.values()
             for kind in ("phone", "it_phone") if f"{kind}_href" in entry}
    return shown, hrefs


def number_owners(data):
    """Each number the pages may show, as the site writes it → the name of the contact it belongs to."""
    return {" ".join(entry[key].split()): str(entry.get("name") or ident) for ident, entry in data.contact_index.items()
            for key in ("phone_display", "it_phone_display") if key in entry}
