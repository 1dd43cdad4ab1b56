"""The routine's own documents as PDFs: which pages, under which file names, and whether they are current.

scripts/pdf.py (make pdf) prints each page below to a tagged PDF in docs/pdf/, and writes the source
key it was made from; the site links a PDF only when it exists, and the build says when they are
missing or older than the data."""
from dataclasses import dataclass
from pathlib import Path

from . import cache

FOLDER = Path("docs") / "pdf"
KEY_FILE = ".kalla"


@dataclass
class Document:
    ident: str      # how pages name it: pdf_link("nodparm")
    page: str       # the page printed, as a source path
    file: str       # the file name, with the version
    label: str      # what the link says


def documents(version: str, form_ids):
    base = f"avbrottsrutin-lifecare-sp-{version}"
    found = [
        Document("rutinen", "rutinen.md", f"{base}.pdf", "Ladda ner hela rutinen som PDF"),
        Document("nodparm", "nodparm.md", f"{base}-nodparm.pdf", "Ladda ner nödpärmen som PDF"),
        Document("checklistor", "checklistor.md", f"{base}-checklistor.pdf", "Ladda ner checklistorna som PDF"),
    ]
    found += [Document(f"blankett-{ident}", f"blanketter/{ident}.md", f"{base}-blankett-{ident}.pdf",
                       "Ladda ner blanketten som PDF") for ident in form_ids]
    return found


def made_from(root: Path, site_url: str) -> str:
    """What a set of PDFs depends on: the sources, and the address printed on the blanketter."""
    return f"{cache.source_key(root)}|{site_url}"


def status(root: Path, version: str, form_ids, site_url: str = ""):
    """(documents, None) when every PDF is there and current, else (documents, a Swedish sentence why not)."""
    docs = documents(version, form_ids)
    folder = root / FOLDER
    missing = [d.file for d in docs if not (folder / d.file).is_file()]
    if missing:
        return docs, (f"PDF-filerna saknas i docs/pdf/ ({len(missing)} av {len(docs)}). Sidorna länkar bara till "
                      "de PDF-filer som finns. Kör make pdf och sedan make build för att få med dem.")
    recorded = (folder / KEY_FILE).read_text(encoding="utf-8").strip() if (folder / KEY_FILE).is_file() else ""
    if recorded != made_from(root, site_url):
        return docs, ("PDF-filerna i docs/pdf/ är äldre än data, sidor eller mallar: de kan visa ett gammalt nummer, "
                      "så de länkas inte och publiceras inte. Kör make pdf och sedan make build, så kommer de med.")
    return docs, None


def stale(root: Path, site_url: str = "") -> bool:
    """True when there are PDFs in docs/pdf/ made from other sources than today's: they must not be published."""
    folder = root / FOLDER
    if not any(folder.glob("*.pdf")):
        return False
    recorded = (folder / KEY_FILE).read_text(encoding="utf-8").strip() if (folder / KEY_FILE).is_file() else ""
    return recorded != made_from(root, site_url)
