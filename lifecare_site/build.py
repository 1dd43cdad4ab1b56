"""make build: MkDocs' build, with anything that stops it said in Swedish instead of a traceback.

Errors in data/ and in the pages are said by the macros (macros.py) with file and line. What is left, a
template in overrides/ that fails, a setting MkDocs refuses, a file in docs/ that cannot be read, ends here:
one Swedish line with the file and, where there is one, the line.

    python -m lifecare_site.build [mkdocs build options]"""
import sys

from .failure import Collected, describe


def main(argv=None):
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
