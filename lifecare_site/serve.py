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

from . import preflight
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
            # mkdocs.yml as make checks it: what MkDocs would say in English, or not at all (an INHERIT that goes
            # round for ever ends in Python's RecursionError).
            problems = preflight.config_problems(_config_file(sys.argv[2:]))
            if problems:
                message = " ".join(str(problem) for problem in problems)
                log.error(message)
                show_error(Path(self.root), message)
                return
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


def _option(args, names, default):
    for index, arg in enumerate(args):
        for name in names:
            if arg == name and index + 1 < len(args):
                return args[index + 1]
            if arg.startswith(name + "="):
                return arg[len(name) + 1:]
    return default


def _config_file(args) -> Path:
    return Path(_option(args, ("-f", "--config-file"), "mkdocs.yml"))


def _inputs_state(config: Path):
    """What the first build reads, by the files' dates and sizes: mkdocs.yml, and docs/, data/ and overrides/ beside
    it (links to folders are not followed)."""
    def state(path):
        try:
            info = os.lstat(path)
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size
    paths = [config]
    for folder in ("docs", "data", "overrides"):
        for parent, folders, files in os.walk(config.parent / folder):
            paths += [Path(parent) / name for name in folders + files]
    return tuple((str(path), state(path)) for path in paths)


def _show_until_changed(message: str, args) -> bool:
    """When the server cannot start (mkdocs.yml broken before the first build, say): a stand-in on the same address
    shows the error page, reloading itself, until a file changes; then the real server is tried again. False if the
    address cannot be served either."""
    import http.server

    address = _option(args, ("-a", "--dev-addr"), "127.0.0.1:8000")
    host, _, port = address.rpartition(":")
    page = _PAGE.format(message=html.escape(message)).replace(
        "<head>", '<head><meta http-equiv="refresh" content="2">', 1).encode("utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    try:
        stand_in = http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port)), Handler)
    except (OSError, ValueError) as error:
        print(f"Adressen {address} går inte att använda ({getattr(error, 'strerror', None) or error}).", file=sys.stderr)
        return False
    threading.Thread(target=stand_in.serve_forever, daemon=True).start()
    config = _config_file(args)
    seen = _inputs_state(config)
    print(f"Felet visas på http://{address}/ tills du rättar det; servern startar då av sig själv.", file=sys.stderr)
    try:
        while _inputs_state(config) == seen:
            time.sleep(1)
    finally:
        stand_in.shutdown()
        stand_in.server_close()
    return True


def main(argv=None):
    mkdocs_serve.LiveReloadServer = _Server
    from mkdocs.__main__ import cli

    args = list(sys.argv[1:] if argv is None else argv)
    # macros.py knows it is serving by "serve" in sys.argv[1], as under "mkdocs serve".
    sys.argv = ["mkdocs", "serve", *args]
    while True:
        try:
            cli(args=sys.argv[1:], prog_name="mkdocs", standalone_mode=False)
        except KeyboardInterrupt:
            return 0
        except BaseException as error:  # noqa: BLE001 - the first build, before there is a page to show it on
            message = describe(error)
            print(f"Servern startade inte. {message}", file=sys.stderr)
            try:
                if _show_until_changed(message, args):
                    continue
            except KeyboardInterrupt:
                return 0
            return 1
        return 0


if __name__ == "__main__":
    sys.exit(main())
