"""Macros for the pages: every number, checklist and document fact comes from data/.

Every macro returns Markup: fragments rendered with escaping, or data text through render.text,
so that nothing from data/ can become Markdown or HTML on a page."""
import functools
import logging
import os
import posixpath
import re
import shutil
import sys
from pathlib import Path

# mkdocs-macros loads this file by path without putting its folder on sys.path.
sys.path.insert(0, str(Path(__file__).parent))


from lifecare_site import changes, csp, decisions, failure, model, pages, pdfs, phones, preflight, routine, siteurl  # noqa: E402
from lifecare_site.errors import DataError, Problem  # noqa: E402
from lifecare_site.render import FRAGMENTS, FinishedBlocksExtension, Fragments, block, relative_url, text, with_markdown_headings  # noqa: E402
from markupsafe import Markup  # noqa: E402

ROOT = Path(__file__).parent
log = logging.getLogger("mkdocs.plugins.lifecare")
# While "mkdocs serve" runs with bad data, the error page every page shows instead of its content.
_serve_error = None
# The facts every page carries (see _set_page_facts), rendered once per build.
_page_facts = {}
# The numbers and tel: links the pages may show (data/contacts.yml), set by define_env.
_shown_numbers = set()
_tel_hrefs = {}
# (role ids, blankett ids) whose pages must show their checklist or blankett.
_published_ids = ((), ())
# True when docs/pdf/ holds PDFs made from older sources: they are neither linked nor published.
_stale_pdfs = False
# The checklists as loaded, for the record of published boxes (on_post_build).
_checklists_data = {}
# Said even under "mkdocs build -q": ticks the browsers will forget (outside MkDocs' loggers, so -q does not hide
# them and --strict does not count them).
_TICKS = logging.getLogger("lifecare.ticks")
if not _TICKS.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("OBS     -  %(message)s"))
    _TICKS.addHandler(_handler)
    _TICKS.propagate = False
# Browsers keep the ticks under keys that start with this, so two sites on one host never mix. Fixed, not
# taken from site_name: renaming the site must not make every browser forget its ticks.
STORAGE_PREFIX = "avbrottsrutin-lifecare-sp"
# What went wrong while the pages were rendered: said, and the build refused, once every page is done.
_render_problems = []
# The macros plugin prints an English traceback (and then stops the whole process) when a page fails to
# render; here the Swedish problem is said instead, so its own message is left out.
logging.getLogger("mkdocs.plugins.mkdocs_macros.util").addFilter(
    lambda record: "_Macro Rendering Error_" not in str(record.msg) and "_Macro Syntax Error_" not in str(record.msg))


def _origin(error):
    """Where an unexpected error comes from: the template of ours it was raised in (else our module), and its line."""
    found = failure.origin(error)
    if found:
        kind, path, line = found
        return f"ett fel i {kind} {path}, rad {line} ({failure.what(error)})"
    return f"ett oväntat fel ({failure.what(error)})"


def _failed(problems):
    """Record problems met while a page rendered; what the page shows in their place."""
    _render_problems.extend(problems)
    if not _serving():
        return Markup("")
    for problem in problems:
        log.error(str(problem))
    return Fragments(FRAGMENTS).render("data-error.html", problems=[str(p) for p in problems])


def _safe(name, function, page_label):
    """A macro that never stops the build halfway: what goes wrong is recorded and said in Swedish."""
    @functools.wraps(function)
    def call(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except DataError as error:
            return _failed(error.problems)
        except Exception as error:  # noqa: BLE001 - a template or code error, said with where it comes from
            return _failed([Problem(page_label(), f"makrot {name}() kunde inte byggas: {_origin(error)}. Ångra den "
                                                  "senaste ändringen där, till exempel med git diff och git checkout.")])
    return call


@functools.lru_cache(maxsize=None)
def _qr_uri(url):
    # Each blankett's code appears on its page and in the binder: made once. segno is imported only when there
    # is an address to encode. An image with alternative text, which a tagged PDF keeps as a Figure.
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=2, omitsize=False)


def _serving():
    # mkdocs-macros does not pass the command on; "mkdocs serve" and "python -m mkdocs serve" both put it here.
    return len(sys.argv) > 1 and sys.argv[1] == "serve"


def on_post_page_macros(env):
    """While serving, a page that shows a number not from data/contacts.yml (one put together with Jinja, say)
    shows the Swedish error instead; a build is stopped by on_post_build, which reads the finished site."""
    if _serve_error is not None or not _shown_numbers or not _serving():
        return
    for written in pages.unknown_numbers(pages.without_emphasis(env.markdown), _shown_numbers)[:1]:
        env.markdown = _failed([Problem(f"docs/{env.page.file.src_uri}", f'sidan visar telefonnumret "{written}", som '
                                        "inte står på någon post i data/contacts.yml. Skriv numret på en post där och visa "
                                        'det med {{ phone("id") }} eller {{ contact("id") }}.')])


def _source_label_for(env, relative):
    return pages.source_label(Path(env.conf["docs_dir"]), relative)


def on_post_build(env):
    """The last check before publishing: every number and tel: link in the finished site is a contact's."""
    if _serve_error is not None or not _shown_numbers:
        return
    site_dir = Path(env.conf["site_dir"])
    if _stale_pdfs:
        shutil.rmtree(site_dir / "pdf", ignore_errors=True)
    problems = list(_render_problems) if not _serving() else []
    problems += pages.published_number_problems(Path(env.conf["site_dir"]), Path(env.conf["docs_dir"]),
                                               _shown_numbers, _tel_hrefs)
    problems += pages.published_content_problems(Path(env.conf["site_dir"]), *_published_ids, _tel_hrefs,
                                                 Path(env.conf["docs_dir"]))
    if not problems and not _serving():
        # What the browsers will hold ticks for, so that the next build can compare with it.
        (site_dir / changes.PUBLISHED).write_text(changes.published_steps(_checklists_data) + "\n",
                                                   encoding="utf-8")
        # Last: the Content-Security-Policy, made from each finished page (not while serving: MkDocs' server
        # adds an inline reload script of its own).
        problems += [Problem(_source_label_for(env, page), f"sidan har {what}, som webbplatsens säkerhetspolicy (CSP) "
                                                           "inte tillåter.") for page, what in csp.add_to_site(site_dir)]
    if problems and not _serving():
        # The pages are written by now: empty the folder (MkDocs emptied it before building), so that a refused
        # build leaves nothing that could be published.
        for child in site_dir.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        raise DataError(problems)
    for problem in problems:
        log.error(str(problem))


def _set_page_facts(env):
    """The page-wide facts on the page itself (page.meta), where the templates of both engines read them; the
    banner's link to "Om rutinen" made relative to the page."""
    page = getattr(env, "page", None)
    if page is None or not _page_facts or not isinstance(getattr(page, "meta", None), dict):
        return
    about = "om-rutinen/" if env.conf.get("use_directory_urls", True) else "om-rutinen.html"
    statement = "tillganglighet/" if env.conf.get("use_directory_urls", True) else "tillganglighet.html"
    page.meta.update(_page_facts)
    page.meta["lc_header_html"] = _page_facts["lc_header_html"].replace("__LC_ABOUT_URL__", relative_url(about, page.url))
    # The footer's link to the accessibility statement (docs/tillganglighet.md; the build refuses a site without it).
    if (Path(env.conf["docs_dir"]) / "tillganglighet.md").is_file():
        page.meta["lc_statement_url"] = relative_url(statement, page.url)


def on_pre_page_macros(env):
    """The page's facts (banner, document control); while serving with bad data, the Swedish error on every page
    instead (make build still fails)."""
    _set_page_facts(env)
    if _serve_error is not None:
        env.markdown = _serve_error
        # The title would otherwise be rendered from the page's own first heading, which calls macros.
        env.page.title = "Fel i data"


def _stop_zensical(problems):
    """Under Zensical, which shows an error from a macros module as a Python traceback: the problems once, in
    Swedish, and the build stops with an error code (each page would only say the same again)."""
    print("\n".join(f"Fel: {problem}" for problem in problems)
          + "\nBygget avbröts: rätta felet ovan och bygg igen.", file=sys.stderr, flush=True)
    sys.stdout.flush()
    os._exit(1)


def define_env(env):
    """Load and check data/, then register the macros the pages use."""
    global _serve_error, _shown_numbers, _tel_hrefs, _published_ids, _stale_pdfs, _checklists_data
    _serve_error = None
    _render_problems.clear()
    _shown_numbers = set()
    _tel_hrefs = {}
    # Finished HTML blocks go to Markdown's raw HTML store without being parsed again (render.block): faster, and
    # the same page without it. Both engines build each page's Markdown from this list.
    extensions = env.conf.get("markdown_extensions")
    if isinstance(extensions, list) and not any(isinstance(e, FinishedBlocksExtension) for e in extensions):
        extensions.append(FinishedBlocksExtension())
    # Before anything reads docs/: what would make MkDocs (and every check here) hang. Raised under make serve too,
    # where the failed build shows its error page, since MkDocs would read docs/ after this.
    stuck = pages.file_system_problems(Path(env.conf["docs_dir"]))
    if stuck:
        if type(env).__module__.startswith("zensical"):
            _stop_zensical(stuck)
        raise DataError(stuck)
    try:
        address_problem = siteurl.problem(env.conf.get("site_url") or "")
        if address_problem:
            raise DataError([Problem("SITE_URL", address_problem)])
        if not _serving() and siteurl.own_computer(env.conf.get("site_url") or ""):
            _TICKS.warning(f'SITE_URL är den egna datorns adress ({env.conf["site_url"]}): blanketterna och QR-koderna '
                           "pekar dit. Bra för att prova, men publicera inte det här bygget.")
        # A page the menu names that is gone is said together with what the pages' checks find (its links, say).
        config_file = Path(env.conf.get("config_file_path") or ROOT / "mkdocs.yml")
        written = preflight.written_config(config_file) or {}
        menu = pages.nav_problems(Path(env.conf["docs_dir"]), written.get("nav", env.conf.get("nav")))
        menu += [problem for problem in preflight.config_problems(config_file)
                 if "hooks" in problem.message or "står två gånger" in problem.message]
        menu += pages.template_problems(ROOT / "overrides") + pages.template_problems(FRAGMENTS, "lifecare_site/fragments")
        try:
            data = model.load_all(ROOT / "data", Path(env.conf["docs_dir"]))
        except DataError as error:
            raise DataError(menu + error.problems) from None
        if menu:
            raise DataError(menu)
        reused, step_report = changes.step_changes(ROOT, data.checklists)
        # And against what the last build published (its record in site/), which git may no longer show.
        moved, published_report = changes.against_published([Path(env.conf["site_dir"]), ROOT / "site"], data.checklists)
        if reused or moved:
            raise DataError(reused + moved)
    except DataError as error:
        if type(env).__module__.startswith("zensical"):
            _stop_zensical(error.problems)
        if not _serving():
            raise
        for problem in error.problems:
            log.error(str(problem))
        _serve_error = Fragments(FRAGMENTS).render(
            "data-error.html", problems=[str(problem) for problem in error.problems])
        _page_facts.clear()
        return
    # Every number the pages may show: the contacts' own, as written on the site.
    _shown_numbers = {entry[key] for entry in data.contact_index.values()
                      for key in ("phone_display", "it_phone_display") if key in entry}
    _published_ids = (list(data.role_index), list(data.form_index))
    _checklists_data = data.checklists
    # tel: link → the number as the site writes it.
    _tel_hrefs = {entry[f"{kind}_href"]: entry[f"{kind}_display"] for entry in data.contact_index.values()
                  for kind in ("phone", "it_phone") if f"{kind}_href" in entry}
    # Browser storage keys start with the site's name, so two sites on one host never mix.
    storage_prefix = STORAGE_PREFIX
    fragments = Fragments(FRAGMENTS, document=data.document, storage_prefix=storage_prefix,
                          site_name=env.conf["site_name"])

    def _page_label():
        page = env.page
        return f"docs/{page.file.src_uri}" if page else "en sida"

    def _lookup(index, ident, what, home):
        # model.load_all checks the pages' ids before the build; this names the page if one slips through.
        if ident not in index:
            raise DataError([Problem(_page_label(), f'sidan hänvisar till {what} "{ident}", som inte finns i {home}')])
        return index[ident]

    def _contact(ident):
        return _lookup(data.contact_index, ident, "kontakten", "data/contacts.yml")

    def _role(ident):
        return _lookup(data.role_index, ident, "rollen", "data/checklists.yml")

    def _form(ident):
        return _lookup(data.form_index, ident, "blanketten", "data/forms.yml")

    fragments.env.globals["contact_by_id"] = _contact

    def _routine_words(value):
        # The routine's text with its facts ({phone:id} …) from data/contacts.yml; everything else stays text.
        out, last = [], 0
        for match in routine.PLACEHOLDER.finditer(value):
            out.append(text(value[last:match.start()]))
            kind, ident = match.groups()
            entry = data.contact_index[ident]
            if kind == "phone":
                out.append(fragments.render("phone.html", entry=entry))
            elif kind == "email":
                out.append(Markup('<a href="mailto:{0}">{0}</a>').format(text(entry["email"])))
            else:
                out.append(text(routine.plain(match.group(0), data.contact_index)))
            last = match.end()
        out.append(text(value[last:]))
        return Markup("").join(out)

    fragments.env.filters["routine_words"] = _routine_words
    fragments.env.globals["attr_id"] = lambda ident: Markup(f"{{ #{ident} }}") if ident else Markup("")
    sections = sections_by_id = {section["id"]: section for section in data.routine["sections"]}
    part_of = {}
    for section in data.routine["sections"]:
        top = section if section["level"] == 2 else top
        part_of[section["id"]] = top

    def _routine_href(ident):
        return _doc_link("rutinen", f"rutin-{ident}")

    fragments.env.globals["routine_href"] = _routine_href
    # A passage with its section's id needs no anchor of its own: the section's heading, just above, has it.
    fragments.env.globals["routine_section_ids"] = {section["id"] for section in data.routine["sections"]}

    def _quotes(element, role_section=None):
        """The passages an element cites, as quotes; a role page quotes its own part of the routine first."""
        units = [data.units[i] for i in element.get("source", [])]
        if role_section:
            own = [u for u in units if part_of[u.section["id"]]["id"] == role_section]
            units = own or units
        cited = {u.ident for u in units}
        quotes = []
        for unit in units:
            if unit.parent is not None and unit.parent.ident in cited:
                continue
            where = unit.section["title"]
            top = part_of[unit.section["id"]]
            if top is not unit.section:
                where = f"{top['title']} › {where}"
            children = [c for c in unit.children if c.ident in cited] or unit.children
            quotes.append({"ident": unit.ident, "where": where, "lead": unit.lead, "text": unit.text, "detail": unit.detail,
                           "points": [c.text + (" " + c.detail if c.detail else "") for c in children]})
        return quotes

    fragments.env.globals["quotes_for"] = _quotes

    @functools.lru_cache(maxsize=None)
    def _contact_html(ident, said=""):
        # A group such as the municipalities is listed under many items on many pages: rendered once a build.
        # `said`: the step's own text. When the step already says what to ask for ("… och fråga efter …"),
        # the contact's own "Fråga efter" is not shown beside it, as the same or a different request.
        item = _contact(ident)
        ask = item.get("ask_for") or ""
        ask_said = bool(ask) and (ask.casefold() in said.casefold() or "fråga efter" in said.casefold())
        return fragments.render("contact.html", item=item, ask_said=ask_said)

    fragments.env.globals["contact_html"] = _contact_html

    # Links in fragments (raw HTML). MkDocs publishes raw HTML as it is: a link is written relative to the page's
    # address. Zensical rewrites every link in a page as it does Markdown's, from the page's source file: a link is
    # written to the source file (blanketter/kommun.md), which it checks and turns into the address.
    links_from_source = type(env).__module__.startswith("zensical")

    def _link_base():
        """The folder this page's links are written from."""
        if env.page is None:
            return ""
        return posixpath.dirname(env.page.path) if links_from_source else env.page.url

    def _doc_link(name, anchor=""):
        """A link from this page to the page made from docs/<name>.md, or to the file docs/<name> (a PDF)."""
        is_file = "." in posixpath.basename(name)
        if links_from_source:
            link = posixpath.relpath(name if is_file else f"{name}.md", _link_base() or ".")
        else:
            folder = name[: -len("index")] if name == "index" or name.endswith("/index") else f"{name}/"
            target = name if is_file else (folder if env.conf["use_directory_urls"] else f"{name}.html")
            link = relative_url(target, env.page.url) if env.page else target
        return link + (f"#{anchor}" if anchor else "")

    @functools.lru_cache(maxsize=None)
    def _checklist_cached(ident, level, paper, base):
        return fragments.render("checklist.html", role=data.role_index[ident], heading_level=level, paper=paper)

    def _checklist_html(ident, level, paper=False):
        # A role's checklist stands on its page, on the checklists page and in the whole routine: rendered once
        # for each heading level and each folder links are written from (its links to blanketter are relative).
        return _checklist_cached(ident, level, paper, _link_base())

    fragments.env.globals["checklist_html"] = _checklist_html
    fragments.env.filters["item_by_id"] = data.item_index.__getitem__
    fragments.env.globals["outage_lengths"] = data.decisions["outage_lengths"]
    fragments.env.globals["after_phase"] = model.AFTER_PHASE
    fragments.env.globals["form_title"] = lambda ident: _form(ident)["title"]

    def _form_href(ident):
        _form(ident)
        return _doc_link(f"blanketter/{ident}")

    fragments.env.globals["form_href"] = _form_href
    fragments.env.globals["page_href"] = _doc_link
    register_forms = {form["role"]: form for form in data.forms["forms"] if form["kind"] == "register"}
    fragments.env.globals["register_form"] = register_forms.get
    fragments.env.globals["blankett_line"] = data.checklists["blankett_line"]
    fragments.env.globals["patient_questions"] = decisions.QUESTIONS

    tables = decisions.tables(data)

    # No address is printed that IT has not set: without SITE_URL the forms name vårdgivarwebben in words.
    site_url = (env.conf.get("site_url") or "").rstrip("/")
    if not site_url:
        log.info("Webbplatsens adress är inte satt (SITE_URL): blanketterna och nödpärmen visar ingen "
                 "adress och ingen QR-kod förrän IT sätter den, och 404-sidans länkar fungerar bara när "
                 "webbplatsen ligger i webbserverns rot.")

    # The PDFs (make pdf) are linked where they exist; the build says when they are missing or old.
    pdf_documents, pdf_problem = pdfs.status(ROOT, data.document["version"], list(data.form_index), site_url)
    if pdf_problem:
        log.info(pdf_problem)
    pdf_index = {doc.ident: doc for doc in pdf_documents}
    # PDFs older than the sources may show an old number: not linked, and taken out of the site (on_post_build).
    _stale_pdfs = pdfs.stale(ROOT, site_url)

    def _pdf_link(ident):
        doc = _lookup(pdf_index, ident, "PDF-filen", "lifecare_site/pdfs.py")
        path = ROOT / pdfs.FOLDER / doc.file
        if not path.is_file() or _stale_pdfs:
            return Markup("")
        return fragments.render("pdf-link.html", doc=doc, href=_doc_link(f"pdf/{doc.file}"), size_kb=max(1, round(path.stat().st_size / 1024)))

    fragments.env.globals["pdf_link"] = _pdf_link

    def _online_url(src_uri):
        # The published site uses directory URLs, also when this build is the offline pack.
        if not site_url:
            return None
        path = src_uri[: -len(".md")]
        path = path[: -len("index")] if path.endswith("index") else path + "/"
        return site_url + "/" + path

    # Printouts carry the date the phone list changed, so a binder on the shelf can be compared with the site.
    phone_list_date, unknown = changes.phone_list_date(ROOT, str(data.document["date"]))
    history = changes.history_problem(ROOT)
    if history == "none":
        log.info("Ingen git-historik (en kopia utan .git, eller git saknas), så bygget kan inte jämföra med senaste "
                 "incheckningen. Det som inte görs: ändringsrapporten för checklistor, blanketter och telefonlista, "
                 "kontrollen av id som tidigare punkter haft (bockarna i webbläsarna) och telefonlistans ändringsdatum: "
                 "telefonlistan och utskrifterna skriver \"ändringsdatum okänt\".")
    elif history == "unreadable":
        log.info("Git-historiken finns men git vägrar läsa den (till exempel \"dubious ownership\" när mappen ägs av en "
                 "annan användare; rätta med git config --global --add safe.directory och mappens sökväg). Tills dess "
                 "görs ingen ändringsrapport, ingen kontroll av id som tidigare punkter haft och inget ändringsdatum "
                 "för telefonlistan.")
    elif history == "shallow":
        log.info("Historiken är grund (shallow clone). Ändringsrapporten jämför med senaste incheckningen som vanligt, "
                 "men kontrollen av id som tidigare punkter haft ser bara de incheckningar som finns här. Klona med hela "
                 "historiken (utan --depth) före publicering.")
    if unknown and history != "none":
        log.info(f"Telefonlistans ändringsdatum är okänt: {unknown}. Telefonlistan och utskrifterna skriver "
                 "\"ändringsdatum okänt\" i stället för ett datum.")
    fragments.env.globals["phone_list_changed"] = (f"Telefonlistan ändrad {phone_list_date}" if phone_list_date
                                                   else "Telefonlistan: ändringsdatum okänt")
    if data.uncovered:
        log.info("Stycken i rutinen (data/routine.yml) som inget steg, ingen blankett och ingen sida bär: "
                 + ", ".join(data.uncovered) + ". Hänvisa till dem med source:, eller markera dem context: true.")
    for ident, citing, worded in changes.passage_changes(ROOT, data):
        log.info(f'Rutinens stycke "{ident}" har ändrats sedan senaste incheckningen (data/routine.yml): {worded}. '
                 f"Kontrollera det som hänvisar till det: {', '.join(citing) or 'inget'}.")
    if step_report:
        log.info(f"Checklistorna skiljer sig från {changes.step_base(ROOT)[2]} (data/checklists.yml):")
        for line in step_report:
            log.info(f"  {line}")
        # Ticks the browsers will forget are said even with -q (which hides INFO); not as a warning MkDocs would
        # count, since removing a step is a change an editor may mean.
        for line in step_report:
            if "glömmer" in line or "bockarna" in line:
                _TICKS.warning(f"Checklistornas bockar: {line}")
    for line in published_report:
        # Said once: not again when the comparison with git already says the same ids lose their ticks.
        named = re.findall(r'"[^"]+"', line.split(" (")[0])
        if not any("glömmer" in said and all(name in said for name in named) for said in step_report):
            _TICKS.warning(f"Checklistornas bockar: {line}")
    for name, title in (("decisions", "Tabellerna och hjälpen"), ("document", "Rutinens dokumentuppgifter"),
                        ("accessibility", "Tillgänglighetsredogörelsen")):
        lines = changes.file_changes(ROOT, f"data/{name}.yml")
        if lines:
            log.info(f"{title} skiljer sig från senaste incheckningen (data/{name}.yml):")
            for line in lines:
                log.info(f"  {line}")
    formed = changes.form_changes(ROOT)
    if formed:
        log.info("Blanketterna skiljer sig från senaste incheckningen (data/forms.yml):")
        for line in formed:
            log.info(f"  {line}")
    changed = changes.contact_changes(ROOT, data.contacts) + changes.contact_field_changes(ROOT)
    if changed:
        log.info("Telefonlistan skiljer sig från senaste incheckningen (data/contacts.yml). Så här visas den nu:")
        for line in changed:
            log.info(f"  {line}")
    # What every page carries: the document's status, its document control, the running print footer, and who
    # is behind the site (one home, data/accessibility.yml, in the statement and the footer alike).
    _page_facts.update(lc_owner=str(data.accessibility["organisation"]),
                       lc_header_html=str(fragments.render("document-banner.html")),
                       lc_footer_html=str(fragments.render("document-control.html")),
                       lc_print_footer_html=str(fragments.render("print-footer.html")))
    # Zensical runs define_env once for each page, with the page: its facts are set here. MkDocs runs it once
    # per build, and on_pre_page_macros sets them.
    _set_page_facts(env)

    @env.macro
    def phone(ident):
        """A contact's number as a clickable tel: link."""
        return fragments.render("phone.html", entry=_contact(ident))

    @env.macro
    def contact(ident):
        """A contact or a group of contacts: name, what to ask for, number."""
        return fragments.render("contact.html", item=_contact(ident))

    @env.macro
    def phone_directory():
        """The whole phone directory, one table per group."""
        return fragments.render("phone-directory.md", groups=data.contacts["groups"], level=2)

    @env.macro
    def role_title(ident):
        """A role's name, as written in data/checklists.yml."""
        return text(_role(ident)["title"])

    @env.macro
    def role_applies_to(ident):
        """Who a role's part of the routine applies to."""
        return text(_role(ident)["applies_to"])

    @env.macro
    def item_text(ident):
        """The text of one checklist item, for a page that states the same rule."""
        return text(_lookup(data.item_index, ident, "punkten", "data/checklists.yml")["text"])

    @env.macro
    def discharge_rule(on_paper=True):
        """The routine's rule for discharge from hospital, which applies to every party.

        on_paper=False leaves it out of the printout, where the page's checklist already holds it."""
        return fragments.render("discharge-rule.html", item=data.item_index[model.DISCHARGE_RULE],
                                on_paper=on_paper)

    @env.macro
    def phase_list(role_ident, phase_ident):
        """One phase of a role's checklist as a plain list."""
        phase = _lookup(_role(role_ident)["phase_index"], phase_ident, "fasen", f'rollen "{role_ident}" i data/checklists.yml')
        return fragments.render("item-list.html", phase=phase)

    @env.macro
    def checklist(ident):
        """A role's checklist, phase by phase; its phase headings are in the page's table of contents."""
        return with_markdown_headings(_checklist_html(_role(ident)["id"], 2))

    @env.macro
    def all_checklists():
        """Every role's checklist, each under its role's heading."""
        return block(fragments.render("all-checklists.html", roles=data.checklists["roles"]))

    @env.macro
    def role_links():
        """One link per role, to the role's page, with whom it applies to."""
        return fragments.render("role-links.md", roles=data.checklists["roles"])

    @env.macro
    def form_title(ident):
        """A blankett's name, as written in data/forms.yml."""
        return text(_form(ident)["title"])

    def _form_html(form, in_binder=False):
        page_url = _online_url(f"blanketter/{form['id']}.md")
        qr = page_url and _qr_uri(page_url)
        role = data.role_index[form["role"]]
        return fragments.render("form.html", form=form, page_url=page_url, qr_uri=qr or "", role=role, in_binder=in_binder,
                                register_columns=data.forms["register_columns"], register_header=data.forms["register_header"],
                                patient_rules=decisions.patient_cases(data, role))

    @env.macro
    def blankett(ident):
        """A printable blankett with its instructions, address and QR code."""
        return block(_form_html(_form(ident)))

    @env.macro
    def binder():
        """The emergency binder: phone list, checklists, decision tables and every blankett."""
        def routine_html(ident):
            family = routine.section_family(sections_by_id, ident)
            return fragments.render("routine.md", sections=[sections_by_id[i] for i in family], shift=1, anchors=False, html=True)

        # The numbers first: in an outage they are what the binder is opened for.
        sections = [{"id": "telefonnummer", "title": "Telefonnummer",
                     "body": fragments.render("phone-directory.md", groups=data.contacts["groups"], level=3, html=True)
                     + routine_html("tel-region")},
                    {"id": "rutinen-gemensamt", "title": "Rutinen: gemensamt för alla", "body": routine_html("genomforande")}]
        for role in data.checklists["roles"]:
            sections.append({"id": f"checklista-{role['id']}", "title": f"Checklista: {role['title']}",
                             "body": _checklist_html(role["id"], 3, paper=True)})
        sections.append({"id": "beslutstabeller", "title": "Beslutstabeller", "body": Markup("\n").join(
            fragments.render("decision-table.html", table=table, table_id=ident) for ident, table in tables.items())})
        for form in data.forms["forms"]:
            sections.append({"id": f"blankett-{form['id']}", "title": form["title"], "body": _form_html(form, in_binder=True)})
        return block(fragments.render("binder.html", sections=sections))

    @env.macro
    def form_links():
        """One link per blankett, with when to use it."""
        return fragments.render("form-links.md", forms=data.forms["forms"])

    @env.macro
    def decision_table(ident):
        """One decision table (patienter, registrering, avbrott or kontakter) from data."""
        table = _lookup(tables, ident, "beslutstabellen", f'lifecare_site/decisions.py (det finns {", ".join(tables)})')
        return block(fragments.render("decision-table.html", table=table, table_id=ident))

    @env.macro
    def registration_helper():
        """The "Ska patienten efterregistreras?" helper, with its rules embedded as JSON."""
        return block(fragments.render("registration-helper.html", rules=decisions.helper_rules(data)))

    @env.macro
    def accessibility_statement():
        """The accessibility statement, in Digg's eleven parts, from data/accessibility.yml."""
        feedback = fragments.render("contact-entry.html", entry=_contact(data.accessibility["feedback_contact"]), hide_ask=True)
        # The PDF files are named only when they are published (made by "make pdf" before the build).
        published = not _stale_pdfs and any((ROOT / pdfs.FOLDER / doc.file).is_file() for doc in pdf_documents)
        return fragments.render("accessibility-statement.md", accessibility=data.accessibility, feedback=feedback,
                                pdfs_published=published)

    @env.macro
    def open_questions():
        """The owner's open questions from data/document.yml, shown only while the routine is a draft."""
        # The municipalities whose IT-support number nobody has given (data/contacts.yml, it_phone).
        it_missing = [name for group in data.contacts["groups"] for entry in group["entries"]
                      for name in entry.get("it_missing", [])]
        return fragments.render("open-questions.html", document=data.document, it_missing=it_missing)

    @env.macro
    def pdf_link(ident):
        """"Ladda ner som PDF" for one of the routine's PDFs (lifecare_site/pdfs.py), when it has been made."""
        return _pdf_link(ident)

    @env.macro
    def routine_document():
        """The routine as written (data/routine.yml) with its document control: the page Hela rutinen and its PDF."""
        return fragments.render("routine.md", sections=data.routine["sections"], shift=0, anchors=True)

    @env.macro
    def routine_section(ident):
        """One section of the routine, with the sections under it, in the routine's words."""
        family = routine.section_family(sections, _lookup(sections, ident, "avsnittet", "data/routine.yml")["id"])
        return fragments.render("routine.md", sections=[sections[i] for i in family], shift=0, anchors=False)

    @env.macro
    def routine_text(*idents):
        """Passages of the routine, in its words, for a page that states them (for example "Om ansvaret")."""
        if not idents:
            raise DataError([Problem(_page_label(), 'routine_text() behöver id för minst ett stycke i data/routine.yml, '
                                                    'till exempel routine_text("it-kontakt").')])
        nodes = [_lookup(data.units, ident, "stycket", "data/routine.yml").node for ident in idents]
        return fragments.render("routine-text.html", nodes=nodes)

    @env.macro
    def corrections():
        """The scan's own typos that the site's copy of the routine corrects (data/routine.yml)."""
        return fragments.render("corrections.html", corrections=data.routine["corrections"])

    @env.macro
    def additions():
        """Everything the site adds to the routine, grouped by page, from the "added" marks in data/."""
        groups = {}
        for element, _ in data.elements:
            if element.added:
                for page in element.pages or ("Hela webbplatsen",):
                    groups.setdefault(page, []).append(element)
        return fragments.render("additions.html", groups=groups)

    @env.macro
    def document_title():
        """The routine's title, as written in data/document.yml."""
        return text(data.document["title"])

    @env.macro
    def document_control():
        """The routine's document control, for the first page of the whole routine."""
        return fragments.render("document-start.html")

    @env.macro
    def print_button(label):
        """A button that prints the page; shown only when JavaScript runs."""
        return fragments.render("print-button.html", label=label)

    for name in [name for name in env.macros if name not in ("context", "macros_info", "now", "fix_url")]:
        env.macros[name] = _safe(name, env.macros[name], _page_label)
    # (Zensical's macro environment has no render to wrap: its own errors are its own.)
    if hasattr(env, "render") and not getattr(env, "_lc_safe_render", False):
        # Anything else a page's {{ }} does that fails (an attribute of something that is not there, say).
        render = env.render

        def safe_render(markdown, force_rendering=False):
            try:
                return render(markdown, force_rendering)
            except SystemExit:
                return _failed([Problem(_page_label(), "sidan kunde inte byggas: ett uttryck inom {{ }} eller {% %} gick "
                                                       "fel. Kontrollera det du senast ändrade på sidan; ett id skrivs "
                                                       'inom citattecken, till exempel {{ contact("servicedesk") }}.')])
        env.render = safe_render
        env._lc_safe_render = True

    # Last, once every macro is known: each call in the pages fits its macro, said in Swedish before rendering.
    call_problems = pages.macro_call_problems(Path(env.conf["docs_dir"]), env.macros, env.variables)
    if call_problems:
        if not _serving():
            raise DataError(call_problems)
        for problem in call_problems:
            log.error(str(problem))
        _serve_error = Fragments(FRAGMENTS).render(
            "data-error.html", problems=[str(problem) for problem in call_problems])

