"""Turn data into HTML through the template fragments in lifecare_site/fragments/ (outside the theme's folder, so
that no engine publishes them as files)."""
import html as html_module
import posixpath
import re
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
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
    get_relative_url makes it, without depending on MkDocs. The page's own URL may start with "/" (Zensical's do)."""
    target, page_url = target.lstrip("/"), page_url.lstrip("/") or "."
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


# A finished HTML block in a page's Markdown is written between these two comments. Markdown (either engine)
# passes it through as a raw HTML block, untouched; the extension below only makes that faster.
BLOCK_START, BLOCK_END = "<!-- lc:html -->", "<!-- /lc:html -->"
_BLOCK = re.compile(re.escape(BLOCK_START) + r"\n(.*?)\n" + re.escape(BLOCK_END), re.S)


def block(html: str) -> Markup:
    """A finished HTML block (checklist, blankett, binder, table) for a page's Markdown: a raw HTML block of its
    own, with blank lines around it, so it never becomes part of a paragraph. Its text is data text (see `text`),
    so nothing in it can end the block early."""
    return Markup(f"\n\n{BLOCK_START}\n{html}\n{BLOCK_END}\n\n")


class FinishedBlocks(Preprocessor):
    """Hands each finished HTML block to Markdown's own store for raw HTML, as Markdown does with any raw HTML
    block, but without reading it through Markdown's HTML parser first (most of a large build). Without this
    extension the page is the same, only slower to build."""

    def run(self, lines):
        source = "\n".join(lines)
        if BLOCK_START not in source:
            return lines
        stored = _BLOCK.sub(lambda m: "\n\n" + self.md.htmlStash.store(m.group(1)) + "\n\n", source)
        return stored.split("\n")


class FinishedBlocksExtension(Extension):
    def extendMarkdown(self, md):
        # After the macros (Zensical runs them as a preprocessor at 35), before the raw HTML parser (20) and the
        # code fences (25).
        md.preprocessors.register(FinishedBlocks(md), "lc_finished_blocks", 30)


_HEADING = re.compile(r'<h([2-6]) class="([^"]*\blc-checklist__title\b[^"]*)" id="([^"]+)">(.*?)</h\1>', re.S)
_OPENS = re.compile(r'<(?:div|section) class="lc-checklist(?:__phase)?\b[^>]*>$')


def with_markdown_headings(html: str) -> Markup:
    """A checklist whose phase headings Markdown sees, so they are in the page's table of contents.

    The checklist's own element and its phases become Markdown-in-HTML blocks (md_in_html), each phase heading a
    Markdown heading with the same id and classes, and everything between a finished block. Its text is already
    escaped for Markdown and HTML (Fragments' finalize)."""
    out, run = [], []

    def flush():
        if run:
            out.append(block("\n".join(run)))
            run.clear()
    lines = html.splitlines()
    for number, line in enumerate(lines):
        heading = _HEADING.fullmatch(line)
        if heading:
            flush()
            level, classes, ident, title = heading.groups()
            attributes = " ".join([f"#{html_module.unescape(ident)}"] + [f".{name}" for name in html_module.unescape(classes).split()])
            out.append(Markup(f"\n\n{'#' * int(level)} {title.strip()} {{ {attributes} }}\n\n"))
        elif _OPENS.match(line):
            flush()
            out.append(Markup(f"\n\n{line[:-1]} markdown=\"1\">\n\n"))
        elif line == "</section>" or (number == len(lines) - 1 and line == "</div>"):
            flush()
            out.append(Markup(f"\n\n{line}\n\n"))
        else:
            run.append(line)
    flush()
    return Markup("").join(out)


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
