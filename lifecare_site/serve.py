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

from mkdocs.commands import serve as mkdocs_serve
from mkdocs.livereload import LiveReloadServer

from .failure import Collected, describe

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


class _Server(LiveReloadServer):
    """MkDocs' server with a builder that never raises: a failed build shows its error page instead."""

    def __init__(self, builder, *args, **kwargs):
        def safe_builder():
            with Collected() as errors:
                try:
                    builder()
                except KeyboardInterrupt:
                    raise
                except BaseException as error:  # noqa: BLE001 - every failure (an Abort too) becomes the error page
                    message = describe(error, errors.messages)
                    log.error(message)
                    show_error(Path(self.root), message)
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
