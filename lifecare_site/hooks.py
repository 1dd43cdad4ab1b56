"""MkDocs hooks (mkdocs.yml: hooks): keep the theme's compiled templates between builds. Only for speed:
no page depends on a hook to be right (Zensical runs no MkDocs hooks).

Compiling Material's templates is a third of a build. Jinja's bytecode cache keeps them, keyed by
each template's source, in a folder of the user's own (Jinja checks its permissions), so every
"make build" and every "mkdocs serve" rebuild after the first skips the compiling."""
from jinja2 import FileSystemBytecodeCache

BYTECODE_CACHE = FileSystemBytecodeCache()


def on_env(env, config, files):
    env.bytecode_cache = BYTECODE_CACHE
    return env

