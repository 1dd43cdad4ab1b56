"""Turn data into HTML through the template fragments in lifecare_site/fragments/ (outside the theme's folder, so
that no engine publishes them as files)."""
import html as html_module
import posixpath
import re
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

# Characters that start markup inside a line of Markdown (emphasis, code, links, attribute lists,
# HTML and entities) or of HTML. Data text is written out with these as numeric character references,
# which both Markdown and HTML show as the character itself.
_INLINE = set("\\`*_{}[]<>&\"'")
# At the start of a line these begin a block: heading, quote, list, admonition; "1." a numbered list.
_LINE_START = re.compile(r"\s*([#>\-+*=!]|\d(?=\d*\.))")
_SPACE = re.compile(r"\s+")
_BYTECODE_CACHE = FileSystemBytecodeCache()
FRAGMENTS = Path(__file__).resolve().parent / "fragments"


def relative_url(target: str, page_url: str) -> str:
    """`target` (a site path such as "blanketter/kommun/") as a link from the page at `page_url`, as MkDocs'
    get_relative_url makes it, without depending on MkDocs."""
    if page_url != ".":
        head, tail = posixpath.split(page_url)
        page_url = head if "." in tail else page_url
    relative = posixpath.relpath("/" + target, "/" + page_url)
    return relative + "/" if target.endswith("/") else relative


def text(value) -> Markup:
    """Data text, shown literally wherever it lands: in HTML, in Markdown, in a heading or a table cell.

    Line breaks become spaces, so text can never start a Markdown block of its own."""
    if isinstance(value, Markup):
        return value
    flat = _SPACE.sub(" ", str(value))
    out = [f"&#{ord(char)};" if char in _INLINE else char for char in flat]
    block = _LINE_START.match(flat)
    if block:
        out[block.start(1)] = f"&#{ord(block.group(1))};"
    return Markup("".join(out))


class Fragments:
    """A Jinja environment where every value is data text (see `text`) unless it is already Markup."""

    def __init__(self, folder: Path, **globals_):
        self.env = Environment(
            loader=FileSystemLoader(folder),
            # Escaping is done by `finalize`, for Markdown and HTML at once; autoescape would stop at HTML.
            autoescape=False,
            finalize=text,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # Compiled fragments are kept between builds; the key includes each fragment's source.
            bytecode_cache=_BYTECODE_CACHE,
        )
        self.env.globals.update(globals_)
        self.env.globals["heading_marks"] = lambda level: Markup("#" * level)
        self.env.filters["css_string"] = css_string
        self.env.filters["first_lower"] = first_lower
        self.env.filters["swedish_list"] = swedish_list

    def render(self, name: str, **context) -> Markup:
        text_ = self.env.get_template(name).render(**context)
        if name.endswith(".html"):
            # Markdown ends a raw HTML block at a blank line; HTML fragments never need one.
            text_ = "\n".join(line for line in text_.splitlines() if line.strip())
        return Markup(text_)


class Slots:
    """Rendered HTML blocks kept aside while Markdown converts the page around a short placeholder.

    Checklists, blanketter and the binder are finished HTML; sending them through Markdown's HTML
    parser costs most of a large build and changes nothing. A page gets a placeholder line, and the
    hook on_page_content (lifecare_site/hooks.py) puts the HTML back."""

    def __init__(self):
        self.blocks = {}

    def put(self, html: Markup) -> Markup:
        token = f'<div data-lc-slot="{len(self.blocks)}"></div>'
        self.blocks[token] = html
        # Blank lines around it: a raw HTML block of its own, never part of a paragraph.
        return Markup(f"\n\n{token}\n\n")

    def fill(self, html: str) -> str:
        if "data-lc-slot" not in html:
            return html
        return re.sub(r'<div data-lc-slot="\d+"></div>', lambda m: self.blocks[m.group(0)], html)

    def clear(self):
        self.blocks.clear()


SLOTS = Slots()

_SLOT_HEADING = re.compile(r'<h([2-6]) class="([^"]*\blc-checklist__title\b[^"]*)" id="([^"]+)">(.*?)</h\1>', re.S)


def with_markdown_headings(html: str, slots: Slots) -> Markup:
    """A finished HTML block whose phase headings Markdown sees, so they are in the page's table of contents.

    The block is cut at each heading: the pieces between go aside as slots (they need not be balanced,
    since Markdown sees only their placeholders), and each heading becomes a Markdown heading with the same
    id and classes. Its text is already escaped for Markdown and HTML (Fragments' finalize)."""
    parts, last = [], 0
    for match in _SLOT_HEADING.finditer(html):
        level, classes, ident, title = match.groups()
        parts.append(slots.put(Markup(html[last:match.start()])))
        attributes = " ".join([f"#{html_module.unescape(ident)}"] + [f".{name}" for name in html_module.unescape(classes).split()])
        parts.append(Markup(f"\n\n{'#' * int(level)} {title.strip()} {{ {attributes} }}\n\n"))
        last = match.end()
    parts.append(slots.put(Markup(html[last:])))
    return Markup("").join(parts)


def css_string(value) -> Markup:
    """A CSS string literal: quotes, backslashes, line breaks and "<" escaped."""
    escaped = "".join(f"\\{ord(char):x} " if char in '"\\<>\n\r' else char for char in str(value))
    return Markup(f'"{escaped}"')


def swedish_list(values) -> str:
    """Names in a sentence, the Swedish way: "A, B och C"."""
    values = [str(value) for value in values]
    return " och ".join([", ".join(values[:-1]), values[-1]] if len(values) > 1 else values)


def first_lower(value) -> str:
    """The text with its first letter in lower case, for a phrase that continues a sentence."""
    value = str(value)
    return value[:1].lower() + value[1:]
