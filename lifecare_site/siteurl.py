"""The published address IT sets (SITE_URL): checked in Swedish before anything is built.

It is printed on every blankett and coded into every QR code, so it must be an address a phone can open:
http:// or https://, a host, an optional path, and nothing a reader could not type from paper.
Run as "python -m lifecare_site.siteurl" (make build, serve, pdf and offline do) to check it before MkDocs,
whose own check would answer in English."""
import os
import re
import sys
from urllib.parse import urlsplit

VARIABLE = "SITE_URL"
# A host name (labels of letters, digits and hyphens, separated by dots) or an IPv4 address.
_HOST = re.compile(r"(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*")


def problem(value: str, written_in_config: bool = False):
    """None if `value` can be published, else a Swedish sentence saying what is wrong and how to write it.

    `written_in_config`: the address is written in mkdocs.yml (site_url:), not set by IT as SITE_URL."""
    if not value:
        return None
    VARIABLE = "site_url i mkdocs.yml" if written_in_config else globals()["VARIABLE"]
    example = ("Skriv till exempel site_url: https://vardgivarwebben.rvn.se/avbrottsrutin-lifecare-sp/, eller "
               "site_url: !ENV SITE_URL så att IT sätter adressen" if written_in_config
               else "Skriv till exempel SITE_URL=https://vardgivarwebben.rvn.se/avbrottsrutin-lifecare-sp/")
    if any(char.isspace() for char in value):
        return f'{VARIABLE} "{value}" innehåller mellanslag eller radbrytning. {example}'
    unusual = next((char for char in value if not " " < char <= "~"), None)
    if unusual:
        # Pasted from a word processor or a chat: a hyphen that only looks like one, a space that is not seen.
        return (f'{VARIABLE} "{value}" innehåller tecknet U+{ord(unusual):04X}, som inte är en vanlig bokstav, siffra '
                f"eller ett vanligt skiljetecken (det kan se ut som ett bindestreck eller inte synas alls). Skriv adressen "
                f"för hand med a–z, 0–9 och - . / :. {example}")
    bad = next((char for char in value if char in "\"'<>`\\{}|^"), None)
    if bad:
        return f'{VARIABLE} "{value}" innehåller tecknet {bad}, som inte hör hemma i en adress. {example}'
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return f'{VARIABLE} "{value}" är inte en giltig adress (värddatorns namn eller porten går inte att läsa). {example}'
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return f'{VARIABLE} "{value}" är inte en hel adress som börjar med https:// eller http://. {example}'
    if not _HOST.fullmatch(parts.hostname or ""):
        return f'{VARIABLE} "{value}" har inget giltigt namn på värddatorn (som vardgivarwebben.rvn.se). {example}'
    if port is not None and not 0 < port < 65536:
        return f'{VARIABLE} "{value}" har en port som inte finns. {example}'
    if parts.query or "?" in value:
        return f'{VARIABLE} "{value}" har en fråga (?…). Adressen på blanketterna ska vara utan den. {example}'
    if parts.fragment or "#" in value:
        return f'{VARIABLE} "{value}" har ett #-tillägg. Adressen på blanketterna ska vara utan det. {example}'
    if "@" in parts.netloc:
        return f'{VARIABLE} "{value}" har ett användarnamn före @. {example}'
    if "//" in parts.path:
        return (f'{VARIABLE} "{value}" har två snedstreck i rad (//) i sökvägen. Blanketternas adresser och QR-koder skulle '
                f"få dem också, och alla webbservrar visar inte samma sida då. {example}")
    if any(segment in (".", "..") for segment in parts.path.split("/")):
        return (f'{VARIABLE} "{value}" har "." eller ".." i sökvägen. Skriv mappens hela adress utan dem. {example}')
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    # (MkDocs adds a / to site_url, so a page's address written there ends with one: index.html/.)
    if "." in last and (not parts.path.endswith("/") or re.search(r"\.(?:html?|php|aspx?|jsp)$", last, re.I)):
        return (f'{VARIABLE} "{value}" slutar med filnamnet "{last}": adressen ska vara mappen där webbplatsen ligger, '
                f"så att blanketternas adresser blir rätt. {example}")
    return None


def own_computer(value: str) -> bool:
    """True when the address is this computer's (a test behind a local web server): fine to try, not to publish."""
    try:
        return (urlsplit(value).hostname or "").lower() in ("localhost", "127.0.0.1", "::1", "0.0.0.0")
    except ValueError:
        return False


def main():
    message = problem(os.environ.get(VARIABLE, ""))
    if message:
        print(f"Fel: {message}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
