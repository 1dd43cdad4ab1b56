"""make serve: MkDocs' development server, which never hangs and never stops on an editor's mistake.

MkDocs' own server keeps every request waiting while a rebuild fails (a broken mkdocs.yml, say), prints
an English traceback, and stops for good if the first build fails. Here every failed build instead puts a
Swedish error page in place of every page, so the browser shows what is wrong, and the next save that
fixes it brings the site back by itself (the pages reload).

    python -m lifecare_site.serve [mkdocs serve options]"""
import html
import logging
import shutil
import sys
from pathlib import Path

import yaml
from mkdocs import exceptions
from mkdocs.commands import serve as mkdocs_serve
from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.lifecare")

_PAGE = """<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fel: webbplatsen kan inte byggas</title></head>
<body>
<main>
<h1>Fel: webbplatsen kan inte byggas</h1>
<p>{message}</p>
<p>Rätta felet och spara filen. Sidan laddas om av sig själv när bygget lyckas.
Webbplatsen publiceras inte med ett fel: <code>make build</code> stoppar.</p>
</main>
</body>
</html>
"""


def describe(error: BaseException, logged=()) -> str:
    """What went wrong, in Swedish, for the error page and the terminal; `logged`: MkDocs' error lines."""
    cause = error.__cause__ or error.__context__
    if isinstance(cause, yaml.YAMLError) or isinstance(error, yaml.YAMLError):
        mark = getattr(cause if isinstance(cause, yaml.YAMLError) else error, "problem_mark", None)
        where = f"mkdocs.yml, rad {mark.line + 1}" if mark is not None else "mkdocs.yml"
        return (f"{where}: filen går inte att läsa. Kontrollera indrag (mellanslag, inte tabb), kolon och "
                "citattecken på raden och raden ovanför.")
    if isinstance(error, exceptions.ConfigurationError):
        # MkDocs' own validation message is English; it names the setting, so it is quoted after ours.
        detail = " ".join(str(error).split())
        return f"mkdocs.yml: en inställning är fel och MkDocs kan inte använda filen. MkDocs säger: {detail}"
    settings = [line for line in logged if line.startswith("Config value")]
    if settings:
        # MkDocs names the setting in English ("Config value 'nav': …"); it is quoted after ours.
        return ("mkdocs.yml: en inställning är fel och MkDocs kan inte använda filen. MkDocs säger: "
                + " ".join(" ".join(line.split()) for line in settings))
    ours = [line for line in logged if not line.startswith(("Config value", "Error reading page"))]
    if ours:
        return " ".join(ours)
    if isinstance(error, exceptions.MkDocsException) and not isinstance(error, exceptions.Abort):
        return f"bygget stoppades: {' '.join(str(error).split())}"
    return (f"bygget stoppades av ett oväntat fel ({type(error).__name__}). Se terminalen där make serve körs, "
            "och ångra den senaste ändringen om du inte hittar felet.")


def show_error(root: Path, message: str):
    """Put the error page in place of every page of the last site, and as the page for any other address."""
    pages = [path.relative_to(root) for path in root.rglob("*.html")] if root.is_dir() else []
    if root.is_dir():
        for child in root.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    root.mkdir(parents=True, exist_ok=True)
    page = _PAGE.format(message=html.escape(message))
    for relative in set(pages) | {Path("index.html"), Path("404.html")}:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(page, encoding="utf-8")


class _Errors(logging.Handler):
    """Collects what MkDocs logs as errors during one build (its reasons for an Abort)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class _Server(LiveReloadServer):
    """MkDocs' server with a builder that never raises: a failed build shows its error page instead."""

    def __init__(self, builder, *args, **kwargs):
        def safe_builder():
            errors = _Errors()
            logging.getLogger("mkdocs").addHandler(errors)
            try:
                builder()
            except KeyboardInterrupt:
                raise
            except BaseException as error:  # noqa: BLE001 - every failure (an Abort too) becomes the error page
                message = describe(error, errors.messages)
                log.error(message)
                show_error(Path(self.root), message)
            finally:
                logging.getLogger("mkdocs").removeHandler(errors)
        super().__init__(safe_builder, *args, **kwargs)


def main(argv=None):
    mkdocs_serve.LiveReloadServer = _Server
    from mkdocs.__main__ import cli

    # macros.py knows it is serving by "serve" in sys.argv[1], as under "mkdocs serve".
    sys.argv = ["mkdocs", "serve", *(sys.argv[1:] if argv is None else argv)]
    try:
        cli(args=sys.argv[1:], prog_name="mkdocs", standalone_mode=False)
    except KeyboardInterrupt:
        return 0
    except BaseException as error:  # noqa: BLE001 - the first build, before there is a page to show it on
        print(f"Servern startade inte. {describe(error)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
