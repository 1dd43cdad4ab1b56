"""mkdocs.yml: what MkDocs would read without a word, or answer in English, is said in Swedish first."""
import os
import subprocess
import sys

import pytest

from tests.conftest import build
from tests.data import build_fails


def _preflight(project):
    env = dict(os.environ)
    env.pop("SITE_URL", None)
    return subprocess.run([sys.executable, "-m", "lifecare_site.preflight"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=60)


def _replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edit(project, old, new):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old,new,words", [
    # Someone adds a plugin at the end, under a second "plugins:": the macros plugin would be gone.
    ("nav:\n", "plugins:\n  - offline\n\nnav:\n", '"plugins" står två gånger (rad '),
    ("hooks:\n  - lifecare_site/hooks.py\n", "", '"lifecare_site/hooks.py" saknas under hooks'),
    ("  macros:\n    module_name: macros\n", "  macro:\n    module_name: macros\n", '"macros" saknas under plugins'),
    ("  - Start: index.md\n", "  -\tStart: index.md\n", "indrag görs med mellanslag, inte med tabb"),
    ("  - Start: index.md\n", "  - Start: index.md: x\n", "mkdocs.yml, rad "),
    ("  - md_in_html\n", "", '"md_in_html" saknas under markdown_extensions'),
    # A line copied from mkdocs.offline.yml: mkdocs.yml would inherit itself, for ever.
    ("site_name:", "INHERIT: mkdocs.yml\nsite_name:", "INHERIT: mkdocs.yml pekar på filen själv"),
    ("site_name:", "INHERIT: bas.yml\nsite_name:", "INHERIT: bas.yml pekar på en fil som inte finns"),
    # The pages load lc-checklist.min.js: not minified, or not listed, it is not published and no tick is kept.
    ("    minify_js: true\n", "    minify_js: false\n", "under plugins → minify: minify_js är inte true"),
    ("      - assets/javascripts/lc-checklist.js\n", "", "js_files saknar assets/javascripts/lc-checklist.js"),
    ("    minify_css: true\n", "", "under plugins → minify: minify_css är inte true"),
    # Without it make serve never shows a change in data/ (nor its error page).
    ("  - data\n  - overrides\n", "  - overrides\n", '"data" saknas under watch'),
    ("    - navigation.sections\n", "    - navigation.sections\n    - navigation.instant.prefetch\n",
     "navigation.instant.prefetch gör att en sida öppnas utan att laddas om"),
], ids=["plugins-twice", "no-hooks", "no-macros", "tab", "two-colons", "no-md-in-html", "inherit-itself", "inherit-missing",
        "minify-js-off", "script-not-minified", "minify-css-off", "no-watch-data", "instant"])
def test_make_checks_mkdocs_yml_before_mkdocs_reads_it(project, old, new, words):
    _edit(project, old, new)
    result = _preflight(project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("Fel: mkdocs.yml") and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_offline_packs_settings_are_checked_too(project):
    # Plugins written as a list there replace mkdocs.yml's: the pack would be built without the macros.
    offline = project / "mkdocs.offline.yml"
    offline.write_text(offline.read_text(encoding="utf-8").replace("  offline: {}\n", "  - offline\n"), encoding="utf-8")
    result = _preflight(project)
    assert result.returncode == 1
    assert 'Fel: mkdocs.offline.yml: "macros" saknas under plugins' in result.stderr, result.stderr
    assert "Fel: mkdocs.yml" not in result.stderr


def test_a_problem_in_mkdocs_yml_is_said_once_not_again_for_the_offline_pack(project):
    _edit(project, "    minify_js: true\n", "    minify_js: false\n")
    result = _preflight(project)
    assert result.stderr.count("minify_js är inte true") == 1, result.stderr


def test_the_real_mkdocs_yml_passes(project):
    result = _preflight(project)
    assert result.returncode == 0 and not result.stderr, result.stderr


@pytest.mark.parametrize("old,new,words", [
    ("hooks:\n  - lifecare_site/hooks.py\n", "", '"lifecare_site/hooks.py" saknas under hooks'),
    ("nav:\n", "extra:\n  generator: true\n\nnav:\n", '"extra" står två gånger'),
    # The pages would load lc-modules.min.js, which is then not published: no box could be ticked.
    ("    minify_js: true\n", "    minify_js: false\n", "under plugins → minify: minify_js är inte true"),
    ("      - assets/stylesheets/lc-form.css\n", "", "css_files saknar assets/stylesheets/lc-form.css"),
    # A plugin added under a second "plugins:": the macros are gone, and with them every check of ours but the hook's.
    ("nav:\n", "plugins:\n  - search\n\nnav:\n", '"plugins" står två gånger (rad '),
    # Pages opened without loading: no page's own script runs, and no tick is kept.
    ("    - navigation.sections\n", "    - navigation.sections\n    - navigation.instant\n",
     "under theme → features: navigation.instant gör att en sida öppnas utan att laddas om"),
    ("site_name: Avbrottsrutin Lifecare SP\n", "site_name: Avbrottsrutin Lifecare SP\ncopyright: © 2026 Region Västernorrland\n",
     "copyright visas inte på någon sida"),
    # The forms' printed addresses and QR codes point to kommun/, which would be kommun.html.
    ("site_name: Avbrottsrutin Lifecare SP\n", "site_name: Avbrottsrutin Lifecare SP\nuse_directory_urls: false\n",
     "use_directory_urls: false gör sidorna till kommun.html"),
    # A script on every page whose text the build cannot read (it could write any number).
    ("nav:\n", "extra_javascript:\n  - assets/javascripts/notis.js\n\nnav:\n", "extra_javascript: våra skript laddas av"),
], ids=["no-hooks", "extra-twice", "minify-js-off", "style-sheet-not-minified", "second-plugins", "instant", "copyright",
        "no-directory-urls", "extra-javascript"])
def test_a_build_without_make_refuses_the_same(project, old, new, words):
    _edit(project, old, new)
    build_fails(project, "mkdocs.yml", words)


def _make_build(project):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    return subprocess.run([sys.executable, "-m", "lifecare_site.build", "--strict", "-q", "--site-dir",
                           str(project / "out")], cwd=project, env=env, capture_output=True, text=True, timeout=120)


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize("edit,words", [
    (lambda p: _append(p / "overrides/partials/copyright.html", '{% include "partials/kontakt.html" %}\n'),
     'overrides/partials/copyright.html, rad 14: ett fel i mallen (mallen "partials/kontakt.html" finns inte)'),
    (lambda p: _append(p / "overrides/partials/copyright.html", "{{ config.site_name.namn.foo }}\n"),
     'overrides/partials/copyright.html, rad 14: ett fel i mallen (fältet "namn" finns inte)'),
    (lambda p: _edit(p, "language: custom", "language: svenska"), "mkdocs.yml: språket under theme → language finns inte"),
    (lambda p: _edit(p, "module_name: macros", "module_name: makros"), "pluginet macros hittar inte sin Python-fil"),
    (lambda p: _edit(p, "name: material", "name: materal"),
     "mkdocs.yml: en inställning är fel och MkDocs kan inte använda filen. MkDocs säger: Config value 'theme'"),
    (lambda p: (p / "docs/assets/images/logga.png").symlink_to("finns-inte.png"), "logga.png\" finns inte"),
    # In the page template itself MkDocs says "Error building page 'index.md': …" in English: said with the template.
    (lambda p: _replace_in(p / "overrides/main.html", "lc_footer_html | safe", "lc_footer_html | safee"),
     'overrides/main.html, rad 52: ett fel i mallen när sidan docs/index.md byggdes (filtret "safee" finns inte'),
    (lambda p: _replace_in(p / "overrides/main.html", "{% block content %}", "{% block content %}{{ lc_notis() }}"),
     'overrides/main.html, rad 49: ett fel i mallen när sidan docs/index.md byggdes (namnet "lc_notis" finns inte)'),
], ids=["include-missing", "undefined-field", "language", "module-name", "theme-name", "broken-symlink",
        "filter-typo-in-page-template", "unknown-name-in-page-template"])
def test_make_build_says_what_stopped_it_in_swedish_without_a_traceback(project, edit, words):
    edit(project)
    result = _make_build(project)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert words in output, output
    assert "Traceback" not in output and "Aborted with" not in output
    # MkDocs' English line is quoted inside the Swedish one, not printed on its own.
    assert not any(line.startswith("ERROR   -  Config value") for line in output.splitlines())
    assert output.count("ERROR") == 1


def test_a_syntax_error_in_macros_py_names_the_file_and_line(project):
    macros = project / "macros.py"
    lines = macros.read_text(encoding="utf-8").splitlines()
    at = lines.index("def define_env(env):")
    lines[at] = lines[at] + ' "'
    macros.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _make_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and f"macros.py, rad {at + 1}: Python-koden har ett syntaxfel" in output, output
    assert "Traceback" not in output


@pytest.mark.parametrize("old,new,words", [
    ("  - tillganglighet.md\n", "  - Tillgänglighet: tillganglighet\n", 'menyn (nav) har raden "tillganglighet", som inte är en sida'),
    ("      - blanketter/sip.md\n", "      - blanketter/\n", 'menyn (nav) har raden "blanketter/", som inte är en sida'),
], ids=["no-suffix", "a-folder"])
def test_a_menu_line_that_is_not_a_page_is_refused_in_swedish(project, old, new, words):
    _edit(project, old, new)
    output = build_fails(project, "mkdocs.yml", words)
    assert "oväntat fel" not in output and "Traceback" not in output


def test_a_copy_of_a_page_left_in_docs_is_refused(project):
    (project / "docs" / "kommun - Kopia.md").write_text((project / "docs" / "kommun.md").read_text(encoding="utf-8"),
                                                       encoding="utf-8")
    build_fails(project, "docs/kommun - Kopia.md: sidan finns inte i menyn")


def test_an_editors_lock_file_in_docs_is_passed_over(project):
    # Emacs leaves .#kommun.md, a link to nowhere, beside the page it edits; MkDocs skips hidden files too.
    (project / "docs" / ".#kommun.md").symlink_to("root@host.1234:1700000000")
    result = build(project)
    assert result.returncode == 0, result.output


@pytest.mark.parametrize("template, label", [
    ("overrides/partials/copyright.html", "overrides/partials/copyright.html"),
    ("lifecare_site/fragments/phone.html", "lifecare_site/fragments/phone.html"),
], ids=["overrides", "fragments"])
def test_a_broken_template_is_refused_even_after_it_parsed_before(project, template, label):
    # The check that the templates parse is remembered while they are unchanged (cache.py); a change is checked again.
    assert _make_build(project).returncode == 0
    path = project / template
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + ["{% if config.site_name %}"]) + "\n", encoding="utf-8")
    result = _make_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and f"{label}, rad {len(lines) + 1}: mallen har ett trasigt" in output, output
    assert "Traceback" not in output


@pytest.mark.parametrize("old, new, words", [
    ('{% if page and page.meta and page.meta.lc_header_html %}{{ page.meta.lc_header_html | safe }}{% endif %}', "",
     "sidan visar inte rutinens status överst (Utkast eller Fastställd)"),
    ('["lc-checklist", "lc-print-button", "lc-registration-helper"]', '["lc-print-button", "lc-registration-helper"]',
     "sidan har komponenten lc-checklist men laddar inte dess skript (lc-checklist.js)"),
], ids=["banner-gone", "checklist-script-gone"])
def test_a_page_template_that_drops_the_status_or_a_components_script_is_refused(project, old, new, words):
    template = project / "overrides" / "main.html"
    text = template.read_text(encoding="utf-8")
    assert old in text
    template.write_text(text.replace(old, new), encoding="utf-8")
    result = _make_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and words in output and "docs/kommun.md" in output, output
    assert "Traceback" not in output
