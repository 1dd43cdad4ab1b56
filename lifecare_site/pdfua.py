"""Make Chromium's tagged PDFs (scripts/pdf.py) conform to PDF/UA-1 (ISO 14289-1, Matterhorn Protocol).

Chromium gets most of it right: language, title, headings, tables with scopes, embedded fonts. What it leaves
out is added here with pikepdf, after printing:
- everything painted outside the tagged content (the running header and footer, backgrounds, borders) is
  marked as an artifact (Matterhorn 01-003);
- XMP metadata with the title and the PDF/UA identifier (06-001 to 06-003), and the title shown as the
  window title (07-001);
- a RoleMap for the PDF 2.0 types Chromium writes (Strong, Em, Aside) (02-001);
- list items whose content is not in an LBody get one (09-005);
- link annotations get /Contents, a description of where they lead (28-004);
- table rows get the empty cells Chromium leaves out of the structure (09-004). In this site's tables an
  empty cell is always at the end of its row (the space to write in, or "Vad du säger" left empty), so the
  missing cells are added there."""
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator

# Structure types Chromium uses that PDF 1.7 does not have, and the standard type each stands for.
ROLE_MAP = {"/Strong": "/Span", "/Em": "/Span", "/Aside": "/Div", "/Mark": "/Span", "/Section": "/Sect"}
# Operators that begin or end something marked content must nest with, and the marked-content ones.
_BOUNDARY = {"BT", "ET", "q", "Q", "BMC", "BDC", "EMC", "BX", "EX"}


def _artifacts(pdf: pikepdf.Pdf):
    """Wrap every run of painting outside marked content in /Artifact BMC … EMC, on every page."""
    for page in pdf.pages:
        out, run, depth = [], [], 0

        def close():
            if run:
                out.append(([Name.Artifact], Operator("BMC")))
                out.extend(run)
                out.append(([], Operator("EMC")))
                run.clear()
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if depth == 0 and name not in _BOUNDARY:
                run.append((operands, operator))
                continue
            close()
            if name in ("BMC", "BDC"):
                depth += 1
            elif name == "EMC":
                depth = max(depth - 1, 0)
            out.append((operands, operator))
        close()
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))


def _kids(element):
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _elements(node):
    """Every structure element under `node`, depth first."""
    for kid in _kids(node):
        if isinstance(kid, Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _new_element(pdf, kind, parent, kids=()):
    return pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name(kind), P=parent, K=Array(list(kids))))


def _list_bodies(pdf, root):
    """Every LI holds an optional Lbl and one LBody; other kids move into a new LBody (the ParentTree follows)."""
    moved = {}
    for element in list(_elements(root.K)):
        if element.S != "/LI":
            continue
        kids = _kids(element)
        loose = [kid for kid in kids if not (isinstance(kid, Dictionary) and kid.get("/S") in ("/Lbl", "/LBody"))]
        if not loose:
            continue
        body = _new_element(pdf, "/LBody", element, loose)
        for kid in loose:
            if isinstance(kid, Dictionary) and "/S" in kid:
                kid.P = body
        element.K = Array([kid for kid in kids if kid not in loose] + [body])
        moved[element.objgen] = body
    if moved:
        _repoint_parent_tree(root.get("/ParentTree"), moved)


def _repoint_parent_tree(node, moved):
    """Marked content that belonged to a list item now belongs to its LBody."""
    if node is None:
        return
    numbers = node.get("/Nums")
    if numbers is not None:
        for i in range(1, len(numbers), 2):
            value = numbers[i]
            if isinstance(value, Array):
                for j, owner in enumerate(value):
                    if isinstance(owner, Dictionary) and owner.objgen in moved:
                        value[j] = moved[owner.objgen]
            elif isinstance(value, Dictionary) and value.objgen in moved:
                numbers[i] = moved[value.objgen]
    for kid in node.get("/Kids", []):
        _repoint_parent_tree(kid, moved)


def _span(cell):
    attributes = cell.get("/A")
    for attribute in (attributes if isinstance(attributes, Array) else [attributes] if attributes is not None else []):
        if isinstance(attribute, Dictionary) and "/ColSpan" in attribute:
            return int(attribute.ColSpan)
    return 1


def _table_cells(pdf, root):
    """Every row of a table as wide as its widest: the empty cells Chromium leaves out are added at the end."""
    for table in [e for e in _elements(root.K) if e.S == "/Table"]:
        rows = [e for e in _elements(table) if e.S == "/TR"]
        cells = {row.objgen: [k for k in _kids(row) if isinstance(k, Dictionary) and k.get("/S") in ("/TH", "/TD")]
                 for row in rows}
        width = max((sum(_span(c) for c in cells[row.objgen]) for row in rows), default=0)
        for row in rows:
            missing = width - sum(_span(c) for c in cells[row.objgen])
            if missing > 0:
                row.K = Array(_kids(row) + [_new_element(pdf, "/TD", row) for _ in range(missing)])


def _link_descriptions(pdf):
    """Each link annotation says where it leads (a screen reader reads /Contents)."""
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link" or str(annotation.get("/Contents", "")).strip():
                continue
            uri = str(annotation.get("/A", {}).get("/URI", "")) if "/A" in annotation else ""
            if uri.startswith("tel:"):
                description = f"Ring {uri[4:]}"
            elif uri.startswith("mailto:"):
                description = f"Skicka e-post till {uri[7:]}"
            elif uri:
                description = f"Länk till {uri}"
            else:
                description = "Länk till ett annat ställe i dokumentet"
            annotation.Contents = pikepdf.String(description)


def conform(path: Path, title: str, language: str = "sv-SE"):
    """Rewrite the PDF at `path` so that it conforms to PDF/UA-1."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        root = pdf.Root.StructTreeRoot
        _artifacts(pdf)
        _list_bodies(pdf, root)
        _table_cells(pdf, root)
        _link_descriptions(pdf)
        role_map = root.get("/RoleMap", Dictionary())
        for kind, standard in ROLE_MAP.items():
            if kind not in role_map:
                role_map[kind] = Name(standard)
        root.RoleMap = role_map
        if "/Lang" not in pdf.Root:
            pdf.Root.Lang = pikepdf.String(language)
        pdf.Root.ViewerPreferences = pdf.Root.get("/ViewerPreferences", Dictionary())
        pdf.Root.ViewerPreferences.DisplayDocTitle = True
        pdf.docinfo["/Title"] = pikepdf.String(title)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as metadata:
            metadata["dc:title"] = title
            metadata["dc:language"] = [language]
            metadata["pdfuaid:part"] = "1"
        pdf.save(path)
