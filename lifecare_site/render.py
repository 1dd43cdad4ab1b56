"""Turn data into HTML through the template fragments in overrides/fragments/."""
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup


class Fragments:
    """A Jinja environment that escapes every value (Markdown passes the escaped text through)."""

    def __init__(self, folder: Path, **globals_):
        self.env = Environment(
            loader=FileSystemLoader(folder),
            autoescape=select_autoescape(["html", "md"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(globals_)
        self.env.filters["css_string"] = css_string
        self.env.filters["first_lower"] = first_lower

    def render(self, name: str, **context) -> Markup:
        text = self.env.get_template(name).render(**context)
        if name.endswith(".html"):
            # Markdown ends a raw HTML block at a blank line; HTML fragments never need one.
            text = "\n".join(line for line in text.splitlines() if line.strip())
        return Markup(text)


def css_string(value) -> Markup:
    """A CSS string literal: quotes, backslashes, line breaks and "<" escaped."""
    escaped = "".join(f"\\{ord(char):x} " if char in '"\\<>\n\r' else char for char in str(value))
    return Markup(f'"{escaped}"')


def first_lower(value) -> str:
    """The text with its first letter in lower case, for a phrase that continues a sentence."""
    text = str(value)
    return text[:1].lower() + text[1:]
