"""What went wrong, in Swedish, when a build or a rebuild stops on something outside data/: a broken mkdocs.yml,
a template in overrides/ that fails, a file in docs/ that cannot be read. Used by make build and make serve
(lifecare_site/build.py, serve.py) instead of MkDocs' English message or Python's traceback."""
import logging
import re
import traceback
from pathlib import Path

import jinja2
import yaml

try:
    from mkdocs import exceptions
except ImportError:  # another engine: only what is not MkDocs' own is said
    exceptions = None

ROOT = Path(__file__).resolve().parent.parent


class Collected(logging.Handler):
    """What MkDocs and the plugins log as errors while it runs (MkDocs' reasons for an Abort among them)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())

    def _english(self, record):
        # MkDocs' own "Config value '…': …" lines are English: kept here, to be quoted after a Swedish sentence.
        if record.getMessage().startswith("Config value"):
            self.messages.append(record.getMessage())
            return False
        return True

    def _page_failed(self, record):
        # MkDocs' "Error building page 'index.md': …" is said again in Swedish, with the template and line (describe).
        if record.getMessage().startswith("Error building page"):
            self.messages.append(record.getMessage())
            return False
        return True

    def __enter__(self):
        logging.getLogger("mkdocs").addHandler(self)
        logging.getLogger("mkdocs.config").addFilter(self._english)
        logging.getLogger("mkdocs.commands.build").addFilter(self._page_failed)
        return self

    def __exit__(self, *exc):
        logging.getLogger("mkdocs").removeHandler(self)
        logging.getLogger("mkdocs.config").removeFilter(self._english)
        logging.getLogger("mkdocs.commands.build").removeFilter(self._page_failed)


def origin(error: BaseException):
    """(kind, file, line) of the innermost template of ours the error passed through, else of our code; or None."""
    frames = [(Path(frame.filename).resolve(), frame.lineno) for frame in traceback.extract_tb(error.__traceback__)]
    # (The wrappers that run MkDocs are not where anything went wrong.)
    wrappers = {ROOT / "lifecare_site" / name for name in ("build.py", "serve.py", "failure.py")}
    ours = [(path, line) for path, line in reversed(frames)
            if path.is_relative_to(ROOT) and ".venv" not in path.relative_to(ROOT).parts and path not in wrappers]
    templates = [(path, line) for path, line in ours
                 if path.is_relative_to(ROOT / "overrides") or path.is_relative_to(ROOT / "lifecare_site" / "fragments")]
    for kind, found in (("mallen", templates), ("koden", ours)):
        if found:
            path, line = found[0]
            return kind, path.relative_to(ROOT).as_posix(), line
    return None


def what(error: BaseException) -> str:
    """An unexpected error in a few Swedish words; Python's own words follow for whoever maintains the code."""
    message = str(error)
    if isinstance(error, jinja2.TemplateNotFound):
        return f'mallen "{error.name}" finns inte'
    attribute = re.search(r"has no attribute '([^']+)'", message)
    if attribute:
        return f'fältet "{attribute.group(1)}" finns inte'
    unknown_filter = re.fullmatch(r"No filter named '([^']+)'(?: found)?\.?", message)
    if unknown_filter:
        return f'filtret "{unknown_filter.group(1)}" finns inte (ett stavfel efter |?)'
    undefined = re.fullmatch(r"'([^']+)' is undefined", message)
    if undefined:
        return f'namnet "{undefined.group(1)}" finns inte'
    if isinstance(error, FileNotFoundError) and error.filename:
        return f'filen "{error.filename}" finns inte (en genväg eller symbolisk länk som pekar fel?)'
    if isinstance(error, OSError) and error.filename:
        return f'filen "{error.filename}" går inte att läsa (en genväg som pekar på sig själv, eller fel behörighet?)'
    return f"Python säger {type(error).__name__} – {message}"


def describe(error: BaseException, logged=()) -> str:
    """What went wrong, in Swedish; `logged`: the error lines MkDocs logged before it stopped."""
    cause = error.__cause__ or error.__context__
    if isinstance(cause, yaml.YAMLError) or isinstance(error, yaml.YAMLError):
        mark = getattr(cause if isinstance(cause, yaml.YAMLError) else error, "problem_mark", None)
        where = f"mkdocs.yml, rad {mark.line + 1}" if mark is not None else "mkdocs.yml"
        return (f"{where}: filen går inte att läsa. Kontrollera indrag (mellanslag, inte tabb), kolon och "
                "citattecken på raden och raden ovanför.")
    settings = [line for line in logged if line.startswith("Config value")]
    if (exceptions and isinstance(error, exceptions.ConfigurationError)) or settings:
        # MkDocs' own validation message is English; it names the setting, so it is quoted after ours.
        detail = " ".join(" ".join(str(text).split()) for text in (settings or [error]))
        return f"mkdocs.yml: en inställning är fel och MkDocs kan inte använda filen. MkDocs säger: {detail}"
    ours = [line for line in logged if not line.startswith(("Config value", "Error reading page"))]
    building = [re.match(r"Error building page '([^']*)'", line) for line in ours]
    if ours and all(building):
        # MkDocs' English "Error building page 'index.md': …": the page is only where a template of ours failed.
        found = origin(error)
        page = building[0].group(1)
        if found:
            kind, path, line = found
            return (f"{path}, rad {line}: ett fel i {kind} när sidan docs/{page} byggdes ({what(error)}). Ångra den "
                    "senaste ändringen där, till exempel med git diff och git checkout.")
        return (f"docs/{page}: sidan kunde inte byggas ({what(error)}). Ångra den senaste ändringen i sidan eller i "
                "overrides/, till exempel med git diff och git checkout.")
    if ours:
        return " ".join(ours)
    if isinstance(error, ImportError) and "macro plugin" in str(error).lower():
        return ("mkdocs.yml: pluginet macros hittar inte sin Python-fil. Under plugins → macros ska det stå "
                "module_name: macros (filen macros.py).")
    if exceptions and isinstance(error, exceptions.MkDocsException) and not isinstance(error, exceptions.Abort):
        return f"bygget stoppades: {' '.join(str(error).split())}"
    if isinstance(error, OSError) and error.errno == 98:
        return ("porten används redan: en annan make serve (eller ett annat program) kör troligen redan på den. "
                "Stäng den, eller starta med en annan port.")
    if isinstance(error, SyntaxError) and error.filename:
        path = Path(error.filename).resolve()
        where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else error.filename
        return (f"{where}, rad {error.lineno}: Python-koden har ett syntaxfel (en parentes, ett citattecken eller ett "
                "indrag). Ångra den senaste ändringen, till exempel med git diff och git checkout.")
    if isinstance(error, jinja2.TemplateNotFound) and error.name.startswith("partials/languages/"):
        return (f'mkdocs.yml: språket under theme → language finns inte ({error.name}). Skriv language: custom '
                "(webbplatsens svenska).")
    found = origin(error)
    if found:
        kind, path, line = found
        return (f"{path}, rad {line}: ett fel i {kind} ({what(error)}). Ångra den senaste ändringen där, till "
                "exempel med git diff och git checkout.")
    if isinstance(error, OSError) and error.filename:
        return f"bygget stoppades: {what(error)}. Ta bort eller rätta filen."
    return (f"bygget stoppades av ett oväntat fel ({what(error)}). Ångra den senaste ändringen om du inte hittar "
            "felet.")
