"""make serve: MkDocs' development server, which never hangs and never stops on an editor's mistake.

MkDocs' own server keeps every request waiting while a rebuild fails (a broken mkdocs.yml, say), prints
an English traceback, and stops for good if the first build fails. Here every failed build instead puts a
Swedish error page in place of every page, so the browser shows what is wrong, and the next save that
fixes it brings the site back by itself (the pages reload).

    python -m lifecare_site.serve [mkdocs serve options]"""
import html
import logging
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import watchdog.events
import watchdog.observers.polling

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


def _stat_not_into_linked_folders(path):
    """os.stat, except that a link to a folder is seen as the link itself: the watcher then does not walk into it. A
    link in docs/ to a folder above it (ln -s .. docs/upp) would otherwise have it walk the same folders for ever,
    and the server stop answering while its memory grows (the build refuses such a link, in Swedish)."""
    if os.path.islink(path) and os.path.isdir(path):
        return os.lstat(path)
    return os.stat(path)


def _identity(path):
    """What a watched folder or file is on disk (None when it is gone): a folder removed and put back, or moved away
    and back, is another folder, which the watcher no longer sees."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


class _Server(LiveReloadServer):
    """MkDocs' server with a builder that never raises: a failed build shows its error page instead. A watched
    folder that is removed and put back (docs/ restored from a copy, say) is watched again, and rebuilt."""

    def watch(self, path, func=None, *, recursive=True):
        super().watch(path, func, recursive=recursive)
        path = os.path.abspath(path)
        self._lc_watched[path] = (recursive, _identity(path))

    def unwatch(self, path):
        super().unwatch(path)
        if os.path.abspath(path) not in self._watched_paths:
            self._lc_watched.pop(os.path.abspath(path), None)

    def _rebuild_soon(self, event=None):
        if event is not None and event.is_directory:
            return
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def _rewatch(self):
        while not self._shutdown:
            time.sleep(1)
            for path, (recursive, seen) in list(self._lc_watched.items()):
                now = _identity(path)
                if now == seen:
                    continue
                self._lc_watched[path] = (recursive, now)
                ref = self._watch_refs.pop(path, None)
                try:
                    if ref is not None:
                        self.observer.unschedule(ref)
                    if now is not None:
                        handler = watchdog.events.FileSystemEventHandler()
                        handler.on_any_event = self._rebuild_soon
                        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)
                except (OSError, KeyError, RuntimeError) as error:
                    log.warning(f"{path} kan inte bevakas ({error}); starta om make serve om ändringar inte syns.")
                # Gone: the build shows its error page; back: the site as it is now.
                self._rebuild_soon()

    def serve(self, *args, **kwargs):
        threading.Thread(target=self._rewatch, name="lc-rewatch", daemon=True).start()
        return super().serve(*args, **kwargs)

    def __init__(self, builder, *args, **kwargs):
        self._lc_watched = {}
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
        self.observer = watchdog.observers.polling.PollingObserverVFS(
            _stat_not_into_linked_folders, os.scandir, polling_interval=self.observer.timeout)


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
