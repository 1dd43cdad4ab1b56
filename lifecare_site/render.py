"""Turn data into HTML through the template fragments in overrides/fragments/."""
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup


class Fragments:
    """A Jinja environment that escapes every value; fragments are never pages."""

    def __init__(self, folder: Path, **globals_):
        self.env = Environment(
            loader=FileSystemLoader(folder),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(globals_)

    def render(self, name: str, **context) -> Markup:
        html = self.env.get_template(name).render(**context)
        # Markdown ends a raw HTML block at a blank line; fragments never need one.
        return Markup("\n".join(line for line in html.splitlines() if line.strip()))
