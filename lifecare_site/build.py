"""make build: MkDocs' build, with anything that stops it said in Swedish instead of a traceback.

Errors in data/ and in the pages are said by the macros (macros.py) with file and line. What is left, a
template in overrides/ that fails, a setting MkDocs refuses, a file in docs/ that cannot be read, ends here:
one Swedish line with the file and, where there is one, the line.

    python -m lifecare_site.build [mkdocs build options]"""
import compileall
import importlib.util
import sys
import types
from pathlib import Path

from .failure import Collected, describe


def defer_import(name):
    """Import `name` only when something first uses one of its attributes.

    mkdocs-macros imports requests, and with it urllib3 and its patterns, for one function that fetches a file from
    a web address; this site fetches nothing, and the import was a twentieth of every build. A stand-in module
    answers the import statement and imports the real module on first use (importlib's LazyLoader does not help
    here: on Python 3.11 the import statement itself makes it load)."""
    if name in sys.modules or importlib.util.find_spec(name) is None:
        return
    stand_in = types.ModuleType(name, f"Stand-in for {name}, imported on first use (lifecare_site.build.defer_import).")

    def load(attribute):
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    stand_in.__getattr__ = load
    sys.modules[name] = stand_in


def compile_own_code(root: Path = Path(__file__).resolve().parent.parent):
    """Our modules compiled once into __pycache__, not on every build: a machine that sets PYTHONDONTWRITEBYTECODE
    (as this project's test machines do) would otherwise compile them in every build, a tenth of its time. Python reads the
    compiled files whatever that setting says, and compiles again only what has changed since."""
    try:
        compileall.compile_dir(root / "lifecare_site", quiet=2, maxlevels=0)
        if (root / "macros.py").is_file():
            compileall.compile_file(root / "macros.py", quiet=2)
    except OSError:
        pass  # a folder that cannot be written to: compiled on every build, as before


def main(argv=None):
    compile_own_code()
    defer_import("requests")
    from mkdocs.__main__ import cli

    args = ["build", *(sys.argv[1:] if argv is None else argv)]
    with Collected() as errors:
        try:
            cli(args=args, prog_name="mkdocs", standalone_mode=False)
        except KeyboardInterrupt:
            return 130
        except BaseException as error:  # noqa: BLE001 - every failure is said once, in Swedish
            said = [line for line in errors.messages if not line.startswith(("Config value", "Error reading page"))]
            # What the macros said (data, pages) is on the screen already; anything else is said here.
            if not said or describe(error, errors.messages) != " ".join(said):
                print(f"ERROR   -  {describe(error, errors.messages)}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
