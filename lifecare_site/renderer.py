"""The site's content as markup: every macro a page calls, as a method over the loaded data (model.SiteData).

Nothing here depends on MkDocs or Zensical: macros.py, the adapter, makes one Renderer a build, tells it which
page is being rendered (Page) and registers its methods as the pages' macros. A test can call the same methods
with no engine at all. Every method returns Markup: fragments rendered with escaping (render.Fragments), or data
text through render.text, so nothing from data/ can become Markdown or HTML on a page."""
import functools
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from . import decisions, model, pdfs as pdf_files, routine
from .errors import DataError, Problem
from .render import FRAGMENTS, Fragments, block, relative_url, text, with_markdown_headings

# Browsers keep the ticks under keys that start with this, so two sites on one host never mix. Fixed, not
# taken from site_name: renaming the site must not make every browser forget its ticks.
STORAGE_PREFIX = "avbrottsrutin-lifecare-sp"


@dataclass(frozen=True)
class Page:
    """The page being rendered: what its errors name, and where its links are written from.

    MkDocs publishes raw HTML as it is, so a link is written relative to the page's address (`url`). Zensical
    rewrites every link in a page from the page's source file, so there (`links_from_source`) a link is written
    to the source file (blanketter/kommun.md), which it checks and turns into the address."""
    source: str = None           # the page's source in docs/, "blanketter/kommun.md"
    url: str = ""                # its address in the site, "blanketter/kommun/"
    links_from_source: bool = False
    directory_urls: bool = True

    @property
    def label(self):
        return f"docs/{self.source}" if self.source else "en sida"

    def base(self):
        """The folder this page's links are written from."""
        if self.source is None:
            return ""
        return posixpath.dirname(self.source) if self.links_from_source else self.url

    def link(self, name, anchor=""):
        """A link from this page to the page made from docs/<name>.md, or to the file docs/<name> (a PDF)."""
        is_file = "." in posixpath.basename(name)
        if self.links_from_source:
            link = posixpath.relpath(name if is_file else f"{name}.md", self.base() or ".")
        else:
            folder = name[: -len("index")] if name == "index" or name.endswith("/index") else f"{name}/"
            target = name if is_file else (folder if self.directory_urls else f"{name}.html")
            link = relative_url(target, self.url) if self.source is not None else target
        return link + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class Pdfs:
    """Where this build finds the routine's PDFs (lifecare_site/pdfs.py, made by make pdf), and whether they are older
    than the sources."""
    folder: Path = None
    stale: bool = False          # made from older sources: neither linked nor published

    def published(self, doc):
        return not self.stale and self.folder is not None and (self.folder / doc.file).is_file()


@functools.lru_cache(maxsize=None)
def qr_uri(url):
    """A QR code for `url` as an image address. Each blankett's code appears on its page and in the binder: made
    once. segno is imported only when there is an address to encode."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=2, omitsize=False)


class Renderer:
    """The pages' macros over one build's data. Set `page` before each page (the adapter does)."""

    # The methods a page may call, by the names the pages use.
    MACROS = ("phone", "contact", "phone_directory", "role_title", "role_applies_to", "item_text", "discharge_rule",
              "phase_list", "checklist", "all_checklists", "role_links", "form_title", "blankett", "binder",
              "form_links", "decision_table", "registration_helper", "accessibility_statement", "open_questions",
              "pdf_link", "routine_document", "routine_section", "routine_text", "corrections", "additions",
              "document_title", "document_control", "print_button")

    def __init__(self, data: model.SiteData, *, site_name: str, site_url: str = "", phone_list_changed: str = "",
                 pdfs: Pdfs = Pdfs()):
        self.data = data
        self.page = Page()
        # No address is printed that IT has not set: without one the forms name vårdgivarwebben in words.
        self.site_url = (site_url or "").rstrip("/")
        self.pdfs = pdfs
        self._pdf_index = {doc.ident: doc for doc in pdf_files.documents(data.document["version"], list(data.form_index))}
        self.tables = decisions.tables(data)
        self._sections = {section["id"]: section for section in data.routine["sections"]}
        self._part_of = {}
        for section in data.routine["sections"]:
            top = section if section["level"] == 2 else top
            self._part_of[section["id"]] = top
        self.fragments = Fragments(FRAGMENTS, document=data.document, storage_prefix=STORAGE_PREFIX, site_name=site_name)
        # A group such as the municipalities is listed under many items on many pages, and a role's checklist
        # stands on its page, on the checklists page and in the whole routine: each rendered once a build (a
        # checklist once for each heading level and each folder its links are written from).
        self._contact_html = functools.lru_cache(maxsize=None)(self._contact_html_uncached)
        self._checklist_cached = functools.lru_cache(maxsize=None)(self._checklist_uncached)
        register_forms = {form["role"]: form for form in data.forms["forms"] if form["kind"] == "register"}
        self.fragments.env.filters.update(routine_words=self._routine_words, item_by_id=data.item_index.__getitem__)
        self.fragments.env.globals.update(
            contact_by_id=self._contact,
            attr_id=lambda ident: Markup(f"{{ #{ident} }}") if ident else Markup(""),
            routine_href=lambda ident: self.page.link("rutinen", f"rutin-{ident}"),
            # A passage with its section's id needs no anchor of its own: the section's heading, just above, has it.
            routine_section_ids=set(self._sections),
            quotes_for=self._quotes,
            contact_html=self._contact_html,
            checklist_html=self._checklist_html,
            outage_lengths=data.decisions["outage_lengths"],
            after_phase=model.AFTER_PHASE,
            form_title=lambda ident: self._form(ident)["title"],
            form_href=self._form_href,
            page_href=lambda name, anchor="": self.page.link(name, anchor),
            register_form=register_forms.get,
            blankett_line=data.checklists["blankett_line"],
            patient_questions=decisions.QUESTIONS,
            pdf_link=self.pdf_link,
            phone_list_changed=phone_list_changed or "Telefonlistan: ändringsdatum okänt",
        )

    def macros(self):
        """name → function, for the adapter to register."""
        return {name: getattr(self, name) for name in self.MACROS}

    def page_facts(self):
        """What every page carries: the document's status, its document control, the running print footer, and who
        is behind the site (one home, data/accessibility.yml, in the statement and the footer alike). The banner's
        link to "Om rutinen" is written __LC_ABOUT_URL__, for the adapter to make relative to each page."""
        return {"lc_owner": str(self.data.accessibility["organisation"]),
                "lc_header_html": str(self.fragments.render("document-banner.html")),
                "lc_footer_html": str(self.fragments.render("document-control.html")),
                "lc_print_footer_html": str(self.fragments.render("print-footer.html"))}

    # Lookups: model.load_all checks the pages' ids before the build; these name the page if one slips through.

    def _lookup(self, index, ident, what, home):
        if ident not in index:
            raise DataError([Problem(self.page.label, f'sidan hänvisar till {what} "{ident}", som inte finns i {home}')])
        return index[ident]

    def _contact(self, ident):
        return self._lookup(self.data.contact_index, ident, "kontakten", "data/contacts.yml")

    def _role(self, ident):
        return self._lookup(self.data.role_index, ident, "rollen", "data/checklists.yml")

    def _form(self, ident):
        return self._lookup(self.data.form_index, ident, "blanketten", "data/forms.yml")

    def _form_href(self, ident):
        self._form(ident)
        return self.page.link(f"blanketter/{ident}")

    # What the fragments call.

    def _routine_words(self, value):
        """The routine's text with its facts ({phone:id} …) from data/contacts.yml; everything else stays text."""
        out, last = [], 0
        for match in routine.PLACEHOLDER.finditer(value):
            out.append(text(value[last:match.start()]))
            kind, ident = match.groups()
            entry = self.data.contact_index[ident]
            if kind == "phone":
                out.append(self.fragments.render("phone.html", entry=entry))
            elif kind == "email":
                out.append(Markup('<a href="mailto:{0}">{0}</a>').format(text(entry["email"])))
            else:
                out.append(text(routine.plain(match.group(0), self.data.contact_index)))
            last = match.end()
        out.append(text(value[last:]))
        return Markup("").join(out)

    def _quotes(self, element, role_section=None):
        """The passages an element cites, as quotes; a role page quotes its own part of the routine first."""
        units = [self.data.units[i] for i in element.get("source", [])]
        if role_section:
            own = [u for u in units if self._part_of[u.section["id"]]["id"] == role_section]
            units = own or units
        cited = {u.ident for u in units}
        quotes = []
        for unit in units:
            if unit.parent is not None and unit.parent.ident in cited:
                continue
            where = unit.section["title"]
            top = self._part_of[unit.section["id"]]
            if top is not unit.section:
                where = f"{top['title']} › {where}"
            children = [c for c in unit.children if c.ident in cited] or unit.children
            quotes.append({"ident": unit.ident, "where": where, "lead": unit.lead, "text": unit.text, "detail": unit.detail,
                           "points": [c.text + (" " + c.detail if c.detail else "") for c in children]})
        return quotes

    def _contact_html_uncached(self, ident, said=""):
        # `said`: the step's own text. When the step already says what to ask for ("… och fråga efter …"),
        # the contact's own "Fråga efter" is not shown beside it, as the same or a different request.
        item = self._contact(ident)
        ask = item.get("ask_for") or ""
        ask_said = bool(ask) and (ask.casefold() in said.casefold() or "fråga efter" in said.casefold())
        return self.fragments.render("contact.html", item=item, ask_said=ask_said)

    def _checklist_uncached(self, ident, level, paper, base):
        return self.fragments.render("checklist.html", role=self.data.role_index[ident], heading_level=level, paper=paper)

    def _checklist_html(self, ident, level, paper=False):
        return self._checklist_cached(ident, level, paper, self.page.base())

    def _online_url(self, src_uri):
        # The published site uses directory URLs, also when this build is the offline pack.
        if not self.site_url:
            return None
        path = src_uri[: -len(".md")]
        path = path[: -len("index")] if path.endswith("index") else path + "/"
        return self.site_url + "/" + path

    def _form_html(self, form, in_binder=False):
        page_url = self._online_url(f"blanketter/{form['id']}.md")
        role = self.data.role_index[form["role"]]
        return self.fragments.render("form.html", form=form, page_url=page_url, qr_uri=(page_url and qr_uri(page_url)) or "",
                                     role=role, in_binder=in_binder, register_columns=self.data.forms["register_columns"],
                                     register_header=self.data.forms["register_header"],
                                     patient_rules=decisions.patient_cases(self.data, role))

    def _routine_family(self, ident, **how):
        family = routine.section_family(self._sections, ident)
        return self.fragments.render("routine.md", sections=[self._sections[i] for i in family], **how)

    # The macros.

    def phone(self, ident):
        """A contact's number as a clickable tel: link."""
        return self.fragments.render("phone.html", entry=self._contact(ident))

    def contact(self, ident):
        """A contact or a group of contacts: name, what to ask for, number."""
        return self.fragments.render("contact.html", item=self._contact(ident))

    def phone_directory(self):
        """The whole phone directory, one table per group."""
        return self.fragments.render("phone-directory.md", groups=self.data.contacts["groups"], level=2)

    def role_title(self, ident):
        """A role's name, as written in data/checklists.yml."""
        return text(self._role(ident)["title"])

    def role_applies_to(self, ident):
        """Who a role's part of the routine applies to."""
        return text(self._role(ident)["applies_to"])

    def item_text(self, ident):
        """The text of one checklist item, for a page that states the same rule."""
        return text(self._lookup(self.data.item_index, ident, "punkten", "data/checklists.yml")["text"])

    def discharge_rule(self, on_paper=True):
        """The routine's rule for discharge from hospital, which applies to every party.

        on_paper=False leaves it out of the printout, where the page's checklist already holds it."""
        return self.fragments.render("discharge-rule.html", item=self.data.item_index[model.DISCHARGE_RULE],
                                     on_paper=on_paper)

    def phase_list(self, role_ident, phase_ident):
        """One phase of a role's checklist as a plain list."""
        phase = self._lookup(self._role(role_ident)["phase_index"], phase_ident, "fasen",
                             f'rollen "{role_ident}" i data/checklists.yml')
        return self.fragments.render("item-list.html", phase=phase)

    def checklist(self, ident):
        """A role's checklist, phase by phase; its phase headings are in the page's table of contents."""
        return with_markdown_headings(self._checklist_html(self._role(ident)["id"], 2))

    def all_checklists(self):
        """Every role's checklist, each under its role's heading."""
        return block(self.fragments.render("all-checklists.html", roles=self.data.checklists["roles"]))

    def role_links(self):
        """One link per role, to the role's page, with whom it applies to."""
        return self.fragments.render("role-links.md", roles=self.data.checklists["roles"])

    def form_title(self, ident):
        """A blankett's name, as written in data/forms.yml."""
        return text(self._form(ident)["title"])

    def blankett(self, ident):
        """A printable blankett with its instructions, address and QR code."""
        return block(self._form_html(self._form(ident)))

    def binder(self):
        """The emergency binder: phone list, checklists, decision tables and every blankett."""
        def routine_html(ident):
            return self._routine_family(ident, shift=1, anchors=False, html=True)

        # The numbers first: in an outage they are what the binder is opened for.
        sections = [{"id": "telefonnummer", "title": "Telefonnummer",
                     "body": self.fragments.render("phone-directory.md", groups=self.data.contacts["groups"], level=3,
                                                   html=True) + routine_html("tel-region")},
                    {"id": "rutinen-gemensamt", "title": "Rutinen: gemensamt för alla", "body": routine_html("genomforande")}]
        for role in self.data.checklists["roles"]:
            sections.append({"id": f"checklista-{role['id']}", "title": f"Checklista: {role['title']}",
                             "body": self._checklist_html(role["id"], 3, paper=True)})
        sections.append({"id": "beslutstabeller", "title": "Beslutstabeller", "body": Markup("\n").join(
            self.fragments.render("decision-table.html", table=table, table_id=ident) for ident, table in self.tables.items())})
        for form in self.data.forms["forms"]:
            sections.append({"id": f"blankett-{form['id']}", "title": form["title"], "body": self._form_html(form, in_binder=True)})
        return block(self.fragments.render("binder.html", sections=sections))

    def form_links(self):
        """One link per blankett, with when to use it."""
        return self.fragments.render("form-links.md", forms=self.data.forms["forms"])

    def decision_table(self, ident):
        """One decision table (patienter, registrering, avbrott or kontakter) from data."""
        table = self._lookup(self.tables, ident, "beslutstabellen", f'lifecare_site/decisions.py (det finns {", ".join(self.tables)})')
        return block(self.fragments.render("decision-table.html", table=table, table_id=ident))

    def registration_helper(self):
        """The "Ska patienten efterregistreras?" helper, with its rules embedded as JSON."""
        return block(self.fragments.render("registration-helper.html", rules=decisions.helper_rules(self.data)))

    def accessibility_statement(self):
        """The accessibility statement, in Digg's eleven parts, from data/accessibility.yml."""
        accessibility = self.data.accessibility
        feedback = self.fragments.render("contact-entry.html", entry=self._contact(accessibility["feedback_contact"]),
                                         hide_ask=True)
        # The PDF files are named only when they are published (made by "make pdf" before the build).
        # A contact whose note ends its own sentence ("Skickas via internposten.") gets no second full stop.
        ends = re.sub(r"<[^>]+>", "", str(feedback)).rstrip()[-1:] in (".", "!", "?")
        return self.fragments.render("accessibility-statement.md", accessibility=accessibility, feedback=feedback,
                                     feedback_ends=ends,
                                     pdfs_published=any(map(self.pdfs.published, self._pdf_index.values())))

    def open_questions(self):
        """The owner's open questions from data/document.yml, shown only while the routine is a draft."""
        # The municipalities whose IT-support number nobody has given (data/contacts.yml, it_phone).
        it_missing = [name for group in self.data.contacts["groups"] for entry in group["entries"]
                      for name in entry.get("it_missing", [])]
        return self.fragments.render("open-questions.html", document=self.data.document, it_missing=it_missing)

    def pdf_link(self, ident):
        """"Ladda ner som PDF" for one of the routine's PDFs (lifecare_site/pdfs.py), when it has been made."""
        doc = self._lookup(self._pdf_index, ident, "PDF-filen", "lifecare_site/pdfs.py")
        if not self.pdfs.published(doc):
            return Markup("")
        size_kb = max(1, round((self.pdfs.folder / doc.file).stat().st_size / 1024))
        return self.fragments.render("pdf-link.html", doc=doc, href=self.page.link(f"pdf/{doc.file}"), size_kb=size_kb)

    def routine_document(self):
        """The routine as written (data/routine.yml) with its document control: the page Hela rutinen and its PDF."""
        return self.fragments.render("routine.md", sections=self.data.routine["sections"], shift=0, anchors=True)

    def routine_section(self, ident):
        """One section of the routine, with the sections under it, in the routine's words."""
        section = self._lookup(self._sections, ident, "avsnittet", "data/routine.yml")
        return self._routine_family(section["id"], shift=0, anchors=False)

    def routine_text(self, *idents):
        """Passages of the routine, in its words, for a page that states them (for example "Om ansvaret")."""
        if not idents:
            raise DataError([Problem(self.page.label, 'routine_text() behöver id för minst ett stycke i data/routine.yml, '
                                                      'till exempel routine_text("it-kontakt").')])
        nodes = [self._lookup(self.data.units, ident, "stycket", "data/routine.yml").node for ident in idents]
        return self.fragments.render("routine-text.html", nodes=nodes)

    def corrections(self):
        """The scan's own typos that the site's copy of the routine corrects (data/routine.yml)."""
        return self.fragments.render("corrections.html", corrections=self.data.routine["corrections"])

    def additions(self):
        """Everything the site adds to the routine, grouped by page, from the "added" marks in data/."""
        groups = {}
        for element, _ in self.data.elements:
            if element.added:
                for page in element.pages or ("Hela webbplatsen",):
                    groups.setdefault(page, []).append(element)
        return self.fragments.render("additions.html", groups=groups)

    def document_title(self):
        """The routine's title, as written in data/document.yml."""
        return text(self.data.document["title"])

    def document_control(self):
        """The routine's document control, for the first page of the whole routine."""
        return self.fragments.render("document-start.html")

    def print_button(self, label):
        """A button that prints the page; shown only when JavaScript runs."""
        return self.fragments.render("print-button.html", label=label)
