"""MkDocs hooks (mkdocs.yml: hooks): keep the theme's compiled templates between builds, and put
the finished HTML blocks back into each page after Markdown (see render.Slots).

Compiling Material's templates is a third of a build. Jinja's bytecode cache keeps them, keyed by
each template's source, in a folder of the user's own (Jinja checks its permissions), so every
"make build" and every "mkdocs serve" rebuild after the first skips the compiling."""
import sys
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lifecare_site.render import SLOTS  # noqa: E402

BYTECODE_CACHE = FileSystemBytecodeCache()


def on_env(env, config, files):
    env.bytecode_cache = BYTECODE_CACHE
    return env


def on_page_content(html, page, config, files):
    return SLOTS.fill(html)
