"""The adapter between the engine (MkDocs with mkdocs-macros, or Zensical) and the site's content.

define_env checks and loads data/ (lifecare_site/prepare.py) and registers the renderer's methods
(lifecare_site/renderer.py) as the pages' macros, each wrapped so that a failure is said in Swedish with its
page. The rest is the engine's side: the page being rendered, the error page under "mkdocs serve", and the
checks of the finished site before it is published (on_post_build)."""
import functools
import logging
import os
import shutil
import sys
from pathlib import Path

# mkdocs-macros loads this file by path without putting its folder on sys.path.
sys.path.insert(0, str(Path(__file__).parent))


from lifecare_site import cache, changes, csp, failure, pages, prepare  # noqa: E402
from lifecare_site.errors import DataError, Problem  # noqa: E402
from lifecare_site.render import FRAGMENTS, FinishedBlocksExtension, Fragments, relative_url  # noqa: E402
from lifecare_site.renderer import Page, Renderer  # noqa: E402
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
_number_owners = {}
# (role ids, blankett ids) whose pages must show their checklist or blankett.
_published_ids = ((), ())
# True when docs/pdf/ holds PDFs made from older sources: they are neither linked nor published.
_stale_pdfs = False
# The checklists as loaded, for the record of published boxes (on_post_build).
_checklists_data = {}
# This build's renderer (lifecare_site/renderer.py), whose methods are the pages' macros.
_renderer = None
# Said even under "mkdocs build -q": ticks the browsers will forget (outside MkDocs' loggers, so -q does not hide
# them and --strict does not count them).
_TICKS = logging.getLogger("lifecare.ticks")
if not _TICKS.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("OBS     -  %(message)s"))
    _TICKS.addHandler(_handler)
    _TICKS.propagate = False
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
    docs_dir = Path(env.conf["docs_dir"])
    # A finished site that passed these checks before, byte for byte, against the same contacts, passes again.
    checked = pages.published_key(site_dir, docs_dir, _shown_numbers, _tel_hrefs.items(), _number_owners.items(),
                                  *_published_ids)
    if not cache.passed(checked, "published"):
        found = pages.published_number_problems(site_dir, docs_dir, _shown_numbers, _tel_hrefs, _number_owners)
        found += pages.published_content_problems(site_dir, *_published_ids, _tel_hrefs, docs_dir)
        if not found:
            cache.remember_passed(checked, "published")
        problems += found
    if not problems and not _serving():
        # What the browsers will hold ticks for, so that the next build can compare with it.
        (site_dir / changes.PUBLISHED).write_text(changes.published_steps(_checklists_data) + "\n",
                                                   encoding="utf-8")
        # Last: the Content-Security-Policy, made from each finished page (not while serving: MkDocs' server
        # adds an inline reload script of its own).
        problems += [Problem(_source_label_for(env, page), f"sidan har {what}, som webbplatsens säkerhetspolicy (CSP) "
                                                           "inte tillåter.") for page, what in csp.add_to_site(site_dir)]
    if problems and _serving() and _render_problems:
        # The pages already show what went wrong where it went wrong (the first thing to fix); the rest is said here.
        for problem in problems:
            log.error(str(problem))
    elif problems:
        if not _serving():
            # The pages are written by now: empty the folder (MkDocs emptied it before building), so that a refused
            # build leaves nothing that could be published.
            for child in site_dir.iterdir():
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        # While serving, the error page (lifecare_site/serve.py) shows them instead of the pages: a wrong number
        # typed into a template or mkdocs.yml is not shown in the browser as if it were right.
        raise DataError(problems)


def _set_page_facts(env):
    """The page-wide facts on the page itself (page.meta), where the templates of both engines read them; the
    banner's link to "Om rutinen" made relative to the page."""
    page = getattr(env, "page", None)
    if page is None:
        return
    if _renderer is not None:
        _renderer.page = _page(env)
    if not _page_facts or not isinstance(getattr(page, "meta", None), dict):
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


def _page(env):
    """The page being rendered, as the renderer needs it."""
    page = getattr(env, "page", None)
    if page is None:
        return Page(links_from_source=_under_zensical(env))
    # MkDocs names the source page.file.src_uri, Zensical page.path.
    source = page.file.src_uri if hasattr(page, "file") else page.path
    return Page(source, page.url, links_from_source=_under_zensical(env),
                directory_urls=env.conf.get("use_directory_urls", True))


def _under_zensical(env):
    return type(env).__module__.startswith("zensical")


def define_env(env):
    """Load and check data/, then register the renderer's methods as the pages' macros."""
    global _serve_error, _shown_numbers, _tel_hrefs, _number_owners, _published_ids, _stale_pdfs, _checklists_data, _renderer
    _serve_error = _renderer = None
    _render_problems.clear()
    _shown_numbers = set()
    _tel_hrefs = {}
    _number_owners = {}
    # Finished HTML blocks go to Markdown's raw HTML store without being parsed again (render.block): faster, and
    # the same page without it. Both engines build each page's Markdown from this list.
    extensions = env.conf.get("markdown_extensions")
    if isinstance(extensions, list) and not any(isinstance(e, FinishedBlocksExtension) for e in extensions):
        extensions.append(FinishedBlocksExtension())
    # Before anything reads docs/: what would make MkDocs (and every check here) hang. Raised under make serve too,
    # where the failed build shows its error page, since MkDocs would read docs/ after this.
    docs_dir = Path(env.conf["docs_dir"])
    stuck = pages.file_system_problems(docs_dir)
    if stuck:
        if _under_zensical(env):
            _stop_zensical(stuck)
        raise DataError(stuck)
    try:
        # Once a build under either engine: MkDocs runs define_env once, Zensical for every page.
        prepared, first = prepare.load_once(
            ROOT, docs_dir, Path(env.conf.get("config_file_path") or ROOT / "mkdocs.yml"), env.conf.get("site_url") or "",
            [Path(env.conf["site_dir"]), ROOT / "site"], nav=env.conf.get("nav"), serving=_serving())
    except DataError as error:
        if _under_zensical(env):
            _stop_zensical(error.problems)
        if not _serving():
            raise
        for problem in error.problems:
            log.error(str(problem))
        _serve_error = Fragments(FRAGMENTS).render(
            "data-error.html", problems=[str(problem) for problem in error.problems])
        _page_facts.clear()
        return
    if first:
        for line in prepared.infos:
            log.info(line)
        for line in prepared.notices:
            _TICKS.warning(line)
    data = prepared.data
    _shown_numbers, _tel_hrefs = prepare.shown_numbers(data)
    _number_owners = prepare.number_owners(data)
    _published_ids = (list(data.role_index), list(data.form_index))
    _checklists_data = data.checklists
    _stale_pdfs = prepared.pdfs.stale
    if "renderer" not in prepared.kept:
        prepared.kept["renderer"] = Renderer(data, site_name=env.conf["site_name"], site_url=env.conf.get("site_url") or "",
                                             phone_list_changed=prepared.phone_list_changed, pdfs=prepared.pdfs)
    _renderer = prepared.kept["renderer"]
    if "page_facts" not in prepared.kept:
        prepared.kept["page_facts"] = _renderer.page_facts()
    _page_facts.update(prepared.kept["page_facts"])
    # Zensical runs define_env once for each page, with the page: its facts are set here. MkDocs runs it once
    # per build, and on_pre_page_macros sets them.
    _set_page_facts(env)

    def _page_label():
        return _renderer.page.label if _renderer else "en sida"

    for name, function in _renderer.macros().items():
        env.macro(_safe(name, function, _page_label), name)
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
    if "call_problems" not in prepared.kept:
        prepared.kept["call_problems"] = pages.macro_call_problems(docs_dir, env.macros, env.variables)
    call_problems = prepared.kept["call_problems"]
    if call_problems:
        if not _serving():
            raise DataError(call_problems)
        for problem in call_problems:
            log.error(str(problem))
        _serve_error = Fragments(FRAGMENTS).render(
            "data-error.html", problems=[str(problem) for problem in call_problems])
