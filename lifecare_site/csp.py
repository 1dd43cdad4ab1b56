"""A strict Content-Security-Policy in every published page: only the site's own files, and the few inline
scripts and styles each page has (two of Material's, the print date's, the print header's) by their hashes.

The policy is a <meta http-equiv> computed from the finished page, so it holds wherever the folder is
published, also opened as files. What a <meta> policy cannot say (frame-ancestors) the web server adds as a
header: see server/nginx.conf."""
import base64
import hashlib
import re
from pathlib import Path

# An inline script that runs (not one with src=, not a JSON data block), and an inline style element.
_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S | re.I)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
_STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
_EVENT_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
_CHARSET = re.compile(r"<meta charset=\"utf-8\">", re.I)
MARK = 'http-equiv="Content-Security-Policy"'


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(html: str, extra_scripts=()) -> str:
    """The page's policy: its own inline scripts and styles allowed by hash, nothing else inline.

    `extra_scripts`: inline scripts a page writes while it runs (the offline pack's worker shim)."""
    scripts = sorted({_hash(body) for body in [*_SCRIPT.findall(html), *extra_scripts]})
    styles = sorted({_hash(body) for body in _STYLE.findall(html)})
    return "; ".join([
        "default-src 'self'",
        " ".join(["script-src 'self'", *scripts]),
        " ".join(["style-src 'self'", *styles]),
        # Material's icons in its stylesheet are data: images.
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def problems(html: str):
    """What in a page a strict policy would refuse and no hash can allow: style= and on…= attributes."""
    found = []
    if _STYLE_ATTRIBUTE.search(html):
        found.append("ett style=-attribut (flytta det till en klass i en CSS-fil)")
    if _EVENT_ATTRIBUTE.search(html):
        found.append("ett on…=-attribut (flytta det till ett skript i en JS-fil)")
    return found


_META = re.compile(r'\n?<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def add_policy(html: str, extra_scripts=()) -> str:
    """The page with its policy as the first thing in <head>, before any script or style; a policy already
    there is made again (the offline plugin adds its own inline scripts after the build's)."""
    html = _META.sub("", html)
    meta = f'<meta {MARK} content="{policy(html, extra_scripts)}">'
    if _CHARSET.search(html):
        return _CHARSET.sub(lambda m: m.group(0) + "\n" + meta, html, count=1)
    return re.sub(r"<head>", lambda m: m.group(0) + "\n" + meta, html, count=1, flags=re.I)


def _function(source: str, name: str) -> str:
    """The text of `function name(…){…}` in a script, as the browser's Function.toString gives it."""
    start = source.index(f"function {name}(")
    depth = 0
    for end in range(source.index("{", start), len(source)):
        depth += {"{": 1, "}": -1}.get(source[end], 0)
        if depth == 0:
            return source[start:end + 1]
    raise ValueError(name)


def shim_script(shim: str, worker_url: str) -> str:
    """The inline script iframe-worker's shim (offline pack, scripts/offline.py) writes into its frame for a
    worker: its two helper functions and the worker's address, exactly as the shim puts them together."""
    return (f"postMessage={_function(shim, 'c')};importScripts={_function(shim, 'd')};"
            'addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:"'
            + worker_url + '",error}))})')


_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def add_to_site(site_dir: Path, shim: str = None):
    """Put the policy in every page of a built site; [(page, problem)] for what it could not allow.

    With `shim` (the text of iframe-worker's shim), each page also allows the script the shim writes for
    its search worker, whose address Material's configuration in the page gives."""
    import json

    found = []
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        found += [(page.relative_to(site_dir).as_posix(), problem) for problem in problems(html)]
        extra = []
        config = _CONFIG.search(html)
        if shim and config:
            extra.append(shim_script(shim, json.loads(config.group(1))["search"]))
        page.write_text(add_policy(html, extra), encoding="utf-8")
    return found
