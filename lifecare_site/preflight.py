"""Checks before MkDocs starts, said in Swedish: SITE_URL, and mkdocs.yml itself.

MkDocs reads mkdocs.yml without a word about a key written twice (the later one wins: a second "plugins:"
drops the macros plugin, and every page is published without its data) and answers a broken file in
English. Run as "python -m lifecare_site.preflight" (make build, serve, pdf and offline do)."""
import sys
from pathlib import Path

import yaml

from . import siteurl
from .errors import Problem

ROOT = Path(__file__).resolve().parent.parent
CONFIG = "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """YAML as MkDocs reads it (tags such as !ENV kept as plain values), refusing a key written twice."""


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("!", _any_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def _mapping(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            continue
        if key in seen:
            raise _Twice(str(key), seen[key], key_node.start_mark.line + 1)
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


class _Twice(Exception):
    def __init__(self, key, first, second):
        super().__init__(key)
        self.key, self.first, self.second = key, first, second


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)

# What the site cannot be right without: (where, what, why).
_REQUIRED = [
    ("plugins", "macros", "utan det byggs sidorna utan data: inga telefonnummer, checklistor eller blanketter"),
    ("plugins", "search", "utan det finns ingen sökning"),
    ("hooks", "lifecare_site/hooks.py", "utan den blir varje bygge långsammare: temats mallar kompileras om varje gång "
                                        "(sidorna blir desamma)"),
    ("watch", "data", "utan det visar make serve inte en ändring i data/ (ett nytt nummer, ett fel) förrän servern "
                      "startas om"),
    ("watch", "overrides", "utan det visar make serve inte en ändring i mallarna förrän servern startas om"),
    ("markdown_extensions", "md_in_html", "utan det visas startsidans rollval och flera rutor som text"),
    ("markdown_extensions", "attr_list", "utan det visas knapparnas klasser, som { .md-button }, som text"),
    ("markdown_extensions", "toc", "utan det får rubrikerna inga ankare, och länkarna till dem slutar fungera"),
]


def _names(value):
    """The names in a plugins or hooks setting, written as a list or as a mapping."""
    if isinstance(value, dict):
        return set(map(str, value))
    if isinstance(value, list):
        return {str(next(iter(item))) if isinstance(item, dict) and item else str(item) for item in value}
    return set()


def _merged(parent, child):
    """A configuration that inherits another (INHERIT:), merged as MkDocs merges it: mappings key by key."""
    out = dict(parent)
    for key, value in child.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def config_problems(path: Path, _seen=(), serving=True):
    """Every problem in mkdocs.yml (or a file that inherits it) that MkDocs would pass over in silence or say
    only in English. Returns the problems; with INHERIT, the file it inherits is read and checked too. Without
    serving, what only "make serve" needs (watch) is left out."""
    problems, config = _read(path, _seen)
    if problems or config is None:
        return problems
    for key, name, why in _REQUIRED:
        if key == "watch" and not serving:
            continue
        if name not in _names(config.get(key)):
            problems.append(Problem(path.name, f'"{name}" saknas under {key}: {why}. Lägg tillbaka raden, till exempel '
                                               f"med git checkout {path.name}."))
    return problems + _minify_problems(path, config) + _setting_problems(path, config)


def _setting_problems(path: Path, config):
    """Settings the site cannot keep its promises with, or that would be dropped without a word."""
    problems = []
    theme = config.get("theme")
    features = theme.get("features") if isinstance(theme, dict) else None
    for feature in features if isinstance(features, list) else []:
        if str(feature).startswith("navigation.instant"):
            problems.append(Problem(path.name, f"under theme → features: {feature} gör att en sida öppnas utan att laddas "
                                               "om, och då körs inte sidans egna skript: bockarna i checklistorna sparas "
                                               "inte och sidans verktyg (som Skriv ut) saknas, utan att någon märker det. Ta bort raden."))
    if config.get("use_directory_urls") is False:
        problems.append(Problem(path.name, "use_directory_urls: false gör sidorna till kommun.html i stället för kommun/, "
                                           "men adressen och QR-koden på blanketterna och i nödpärmen pekar på kommun/, "
                                           "som då inte finns. Ta bort raden (offlinepaketet, make offline, ordnar sina "
                                           "egna adresser)."))
    for key, what in (("extra_javascript", "skript"), ("extra_css", "stilmallar")):
        if config.get(key):
            problems.append(Problem(path.name, f"{key}: våra {what} laddas av overrides/main.html, på de sidor som "
                                               f"behöver dem. Ett {what[:-1] if key == 'extra_css' else what} som läggs "
                                               "till här laddas på varje sida, och bygget kan inte se vad det skriver ut "
                                               f"(ett nummer, till exempel). Ta bort {key}."))
    if "copyright" in config:
        problems.append(Problem(path.name, "copyright visas inte på någon sida: sidfoten skrivs av overrides/partials/"
                                           "copyright.html från data/accessibility.yml (organisation) och rutinens "
                                           "uppgifter. Ta bort raden, och ändra uppgifterna där."))
    return problems


def _minify_problems(path: Path, config):
    """The pages load our scripts and style sheets as the minify plugin publishes them (lc-checklist.min.js): each
    one of docs/assets must be listed there and minified, or the page loads a file that is not published."""
    plugins = config.get("plugins")
    settings = plugins.get("minify") if isinstance(plugins, dict) else next(
        (item["minify"] for item in plugins or [] if isinstance(item, dict) and "minify" in item), None)
    if settings is None and "minify" not in _names(plugins):
        return [Problem(path.name, '"minify" saknas under plugins: sidorna laddar våra skript och stilmallar som '
                                   "lc-….min.js och lc-….min.css, som bara det pluginet publicerar, så bockarna och utseendet "
                                   f"slutar fungera. Lägg tillbaka raderna, till exempel med git checkout {path.name}.")]
    settings = settings if isinstance(settings, dict) else {}
    docs = path.parent / str(config.get("docs_dir") or "docs")
    problems = []
    for switch, key, folder, suffix in (("minify_js", "js_files", "javascripts", ".js"),
                                        ("minify_css", "css_files", "stylesheets", ".css")):
        listed = {str(name) for name in settings.get(key) or []}
        missing = sorted(f"assets/{folder}/{file.name}" for file in (docs / "assets" / folder).glob(f"*{suffix}")
                         if not file.name.endswith(f".min{suffix}") and f"assets/{folder}/{file.name}" not in listed)
        if settings.get(switch) is not True or missing:
            what = f"{switch} är inte true" if settings.get(switch) is not True else \
                f"{key} saknar {', '.join(missing)}"
            problems.append(Problem(path.name, f"under plugins → minify: {what}. Sidorna laddar filerna som "
                                               f"….min{suffix}, som då inte publiceras, så bockarna eller utseendet slutar "
                                               f"fungera. Skriv {switch}: true och lista varje fil i docs/assets/{folder}/ "
                                               f"under {key}, till exempel med git checkout {path.name}."))
    return problems


def written_config(path: Path):
    """mkdocs.yml as written (with what it inherits), or None when it cannot be read: an engine's own view of it
    may differ (Zensical turns nav into its own records)."""
    problems, config = _read(path, ())
    return None if problems else config


def _read(path: Path, seen):
    """(problems, the configuration with what it inherits merged in)."""
    CONFIG = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return [Problem(CONFIG, "filen går inte att läsa som text (UTF-8). Återställ den med git checkout mkdocs.yml.")], None
    try:
        config = yaml.load(text, Loader=_Loader)
    except _Twice as twice:
        return [Problem(CONFIG, f'"{twice.key}" står två gånger (rad {twice.first} och rad {twice.second}). MkDocs '
                                "använder bara den senare och glömmer den första utan att säga något. Slå ihop dem till "
                                "en.", line=twice.second)], None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        tab = "\t" in text
        return [Problem(CONFIG, "filen går inte att läsa. Kontrollera indrag, kolon och citattecken på raden och raden "
                                "ovanför" + (" (indrag görs med mellanslag, inte med tabb)" if tab else "") + ".",
                        line=None if mark is None else mark.line + 1)], None
    if not isinstance(config, dict):
        return [Problem(CONFIG, "filen ska vara inställningar som namn: värde. Återställ den med git checkout mkdocs.yml.")], None
    parent = config.pop("INHERIT", None)
    if parent is not None and not isinstance(parent, str):
        return [Problem(CONFIG, "INHERIT ska vara namnet på en annan inställningsfil, till exempel INHERIT: mkdocs.yml.")], None
    if isinstance(parent, str):
        target = (path.parent / parent).resolve()
        if target == path.resolve() or target in [p.resolve() for p in seen]:
            return [Problem(CONFIG, f"INHERIT: {parent} pekar på {'filen själv' if target == path.resolve() else 'en fil som ärver den här'}, "
                                    "så MkDocs skulle läsa filerna i en oändlig ring. Ta bort raden INHERIT (mkdocs.yml "
                                    "ärver ingenting; mkdocs.offline.yml ärver mkdocs.yml).")], None
        if not target.is_file():
            return [Problem(CONFIG, f"INHERIT: {parent} pekar på en fil som inte finns. Skriv namnet på en fil bredvid "
                                    f"{CONFIG}, eller ta bort raden.")], None
        problems, inherited = _read(path.parent / parent, (*seen, path))
        if problems or inherited is None:
            return problems, None
        config = _merged(inherited, config)
    return [], config


def main():
    problems = []
    address = siteurl.problem(siteurl.os.environ.get(siteurl.VARIABLE, ""))
    if address:
        problems.append(Problem(siteurl.VARIABLE, address))
    problems += config_problems(ROOT / CONFIG)
    # The offline pack's settings inherit these: a plugins setting written as a list in either replaces the other's,
    # and the pack would be built without the macros (every page showing {{ … }} as text).
    offline = ROOT / "mkdocs.offline.yml"
    if offline.is_file():
        said = {problem.message for problem in problems}
        problems += [problem for problem in config_problems(offline)
                     if problem.message.replace(offline.name, CONFIG) not in said]
    for problem in problems:
        print(f"Fel: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
