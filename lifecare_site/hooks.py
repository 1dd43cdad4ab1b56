"""MkDocs hooks (mkdocs.yml: hooks): keep the theme's compiled templates between builds, and refuse a
configuration that lost the macros plugin. Only for speed and that one check: no page depends on a hook to be
right (Zensical runs no MkDocs hooks).

Compiling Material's templates is a third of a build. Jinja's bytecode cache keeps them, keyed by
each template's source, in a folder of the user's own (Jinja checks its permissions), so every
"make build" and every "mkdocs serve" rebuild after the first skips the compiling."""
import sys
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

BYTECODE_CACHE = FileSystemBytecodeCache()


def on_env(env, config, files):
    env.bytecode_cache = BYTECODE_CACHE
    return env



def on_config(config):
    """Without the macros plugin (a second "plugins:" written below the first, say) every page would be published
    with its calls as text, and nothing of ours would run to say so: the checks of mkdocs.yml are said here
    instead, under "mkdocs build" and "mkdocs serve" as under make. With the plugin, it runs them itself."""
    if "macros" in config.plugins:
        return config
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from lifecare_site import preflight
    from lifecare_site.errors import DataError, Problem
    problems = preflight.config_problems(Path(config.config_file_path), serving=len(sys.argv) > 1 and sys.argv[1] == "serve")
    raise DataError(problems or [Problem(Path(config.config_file_path).name, '"macros" saknas under plugins: utan det '
                                         "byggs sidorna utan data. Lägg tillbaka raderna, till exempel med git checkout.")])
