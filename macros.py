"""Macros for the pages: every number, checklist and document fact comes from data/."""
import sys
from pathlib import Path

# mkdocs-macros loads this file by path without putting its folder on sys.path.
sys.path.insert(0, str(Path(__file__).parent))

from lifecare_site import model, pages  # noqa: E402
from lifecare_site.errors import DataError, Problem  # noqa: E402
from lifecare_site.render import Fragments  # noqa: E402

ROOT = Path(__file__).parent


def define_env(env):
    """Load and check data/, then register the macros the pages use."""
    data = model.load_all(ROOT / "data")
    pages.check_references(Path(env.conf["docs_dir"]), data.contact_index, data.role_index)
    # Browser storage keys start with the site's name, so two sites on one host never mix.
    storage_prefix = "-".join(env.conf["site_name"].lower().split())
    fragments = Fragments(ROOT / "overrides" / "fragments", document=data.document, storage_prefix=storage_prefix)

    def _page_label():
        page = env.page
        return f"docs/{page.file.src_uri}" if page else "en sida"

    def _contact(ident):
        if ident not in data.contact_index:
            raise DataError([Problem(_page_label(), f'sidan hänvisar till kontakten "{ident}", som inte finns i data/contacts.yml')])
        return data.contact_index[ident]

    def _role(ident):
        if ident not in data.role_index:
            raise DataError([Problem(_page_label(), f'sidan hänvisar till rollen "{ident}", som inte finns i data/checklists.yml')])
        return data.role_index[ident]

    fragments.env.globals["contact_by_id"] = _contact

    env.variables["document"] = data.document
    env.conf["extra"]["lc_header_html"] = fragments.render("document-banner.html")
    env.conf["extra"]["lc_footer_html"] = fragments.render("document-control.html")

    @env.macro
    def phone(ident):
        """A contact's number as a clickable tel: link."""
        return fragments.render("phone.html", entry=_contact(ident))

    @env.macro
    def contact(ident):
        """A contact or a group of contacts: name, what to ask for, number."""
        return fragments.render("contact.html", item=_contact(ident))

    @env.macro
    def phone_directory():
        """The whole phone directory, one table per group."""
        return fragments.render("phone-directory.md", groups=data.contacts["groups"])

    @env.macro
    def role_title(ident):
        """A role's name, as written in data/checklists.yml."""
        return _role(ident)["title"]

    @env.macro
    def role_applies_to(ident):
        """Who a role's part of the routine applies to."""
        return _role(ident)["applies_to"]

    def _phase(role_ident, phase_ident):
        for phase in _role(role_ident)["phases"]:
            if phase["id"] == phase_ident:
                return phase
        raise DataError([Problem(_page_label(), f'sidan hänvisar till fasen "{phase_ident}", som inte finns i rollen "{role_ident}" i data/checklists.yml')])

    @env.macro
    def phase_list(role_ident, phase_ident):
        """One phase of a role's checklist as a plain list."""
        return fragments.render("item-list.html", items=_phase(role_ident, phase_ident)["resolved_items"])

    @env.macro
    def registration_rules():
        """Which patients are registered afterwards, from the items that carry a rule."""
        return fragments.render("item-list.html", items=[i for i in data.checklists["shared_items"] if "when" in i])

    @env.macro
    def afterwards_by_role():
        """What each role registers afterwards: its phase "efter" without the patient rules."""
        roles = [(role, [i for i in _phase(role["id"], "efter")["resolved_items"] if "when" not in i])
                 for role in data.checklists["roles"]]
        return fragments.render("afterwards-by-role.html", roles=roles)

    @env.macro
    def document_control():
        """Title, status, version, date and owner of the routine."""
        return fragments.render("document-control.html")

    @env.macro
    def checklist(ident):
        """A role's checklist, phase by phase."""
        return fragments.render("checklist.html", role=_role(ident))

    @env.macro
    def all_checklists():
        """Every role's checklist, each under its role's heading."""
        return fragments.render("all-checklists.html", roles=data.checklists["roles"])

    @env.macro
    def role_links():
        """One link per role, to the role's page, with whom it applies to."""
        return fragments.render("role-links.md", roles=data.checklists["roles"])
