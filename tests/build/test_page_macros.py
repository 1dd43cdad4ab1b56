"""A macro called wrongly in a page is said in Swedish, with page and line, before anything is rendered."""
import pytest

from tests.conftest import build
from tests.data import build_fails


@pytest.mark.parametrize("call,words", [
    ("{{ phone() }}", "makrot phone() anropas med fel argument. Det tar argumenten ident"),
    ('{{ phone("timra", "x") }}', "makrot phone() anropas med fel argument"),
    ('{{ phonee("timra") }}', 'makrot "phonee" finns inte. Makron som sidorna kan använda: '),
    ('{{ phone("timra" }}', "sidan har ett trasigt makroanrop"),
    # (An unclosed call is noticed on the line after it.)
    ('{{ phone("timra") ', "rad 6: sidan har ett trasigt makroanrop"),
    ('{% if %}', "sidan har ett trasigt makroanrop"),
    ("{{ contact(123) }}", "ett argument till contact() är 123, inte text"),
    ("{{ contact(servicedesk) }}", '"servicedesk" är inget makro och ingen uppgift som sidorna känner till'),
    ("Se {{ servicedesk }} här.", '"servicedesk" är inget makro och ingen uppgift'),
    ('{{ contact("servicedesk"|upper) }}', "går genom ett filter"),
    ('{% include "extra.md" %}', "sidan försöker hämta in en annan fil"),
    ('{{ discharge_rule("nej") }}', "argumentet on_paper till discharge_rule() ska vara true eller false"),
    # Without parentheses the page would show "<function …>", which the browser hides as a tag.
    ("Ring {{ contact }} om något krånglar.", 'makrot contact står utan parenteser, så sidan skulle visa makrot självt i '
                                              'stället för det det ger. Skriv {{ contact("id") }}.'),
    ("{{ phone_directory }}", "makrot phone_directory står utan parenteser"),
])
def test_a_wrong_macro_call_in_a_page_is_refused_in_swedish(project, call, words):
    page = project / "docs" / "gemensamt.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(4, call)
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = build_fails(project, "docs/gemensamt.md, rad " + ("" if words.startswith("rad ") else "5: "), words)
    assert "Traceback" not in output and "TypeError" not in output and "expected" not in output


def test_a_page_saved_as_latin_1_is_said_in_swedish(project):
    page = project / "docs" / "gemensamt.md"
    page.write_bytes(page.read_text(encoding="utf-8").encode("cp1252"))
    build_fails(project, "docs/gemensamt.md, rad ", "sidan är inte sparad som UTF-8")


@pytest.mark.parametrize("written", ["Ring växeln på 0611-\n800 00 om inget annat fungerar.", "Ring **0611**-800 00."])
def test_a_number_split_over_lines_or_marked_up_in_a_page_is_refused(project, written):
    page = project / "docs" / "om-rutinen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + written + "\n", encoding="utf-8")
    build_fails(project, "docs/om-rutinen.md, rad ", 'telefonnumret "0611', "data/contacts.yml")


def test_a_page_the_menu_names_that_is_gone_is_said_in_swedish(project):
    (project / "docs" / "nodparm.md").unlink()
    build_fails(project, "mkdocs.yml: menyn (nav) pekar på docs/nodparm.md, som inte finns")



def test_a_number_put_together_by_a_macro_expression_is_refused(project):
    page = project / "docs" / "om-rutinen.md"
    page.write_text(page.read_text(encoding="utf-8") + '\nRing {{ "0611" ~ "-800 01" }} vid behov.\n', encoding="utf-8")
    output = build_fails(project, 'docs/om-rutinen.md (eller mkdocs.yml eller en mall i overrides/): den publicerade sidan '
                                  'visar telefonnumret "0611-800 01"')
    assert "Error reading page" not in output


def _add_to_nav_title(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - nodparm.md", "  - Nödpärm, ring 0611-800 01: nodparm.md"),
                      encoding="utf-8")


def _add_to_description(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_description: Vad", "site_description: Ring 060-12 34 56. Vad"), encoding="utf-8")


def _add_to_template(project):
    template = project / "overrides" / "partials" / "copyright.html"
    template.write_text(template.read_text(encoding="utf-8") + '\n<p>Jour: <a href="tel:+4660123456">060-12 34 56</a></p>\n',
                        encoding="utf-8")


def _add_html_file(project):
    (project / "docs" / "jour.html").write_text("<p>Jour 070-123 45 67</p>\n", encoding="utf-8")


@pytest.mark.parametrize("edit,where,number", [
    (_add_to_nav_title, "site/", "0611-800 01"),
    # On every page: said once, for all of them.
    (_add_to_description, "sidor till (samma fel på alla: det kommer troligen från en mall i overrides/ eller från mkdocs.yml)",
     "060-12 34 56"),
    (_add_to_template, "sidor till (samma fel på alla: det kommer troligen från en mall i overrides/ eller från mkdocs.yml)",
     "060-12 34 56"),
    (_add_html_file, "docs/jour.html", "070-123 45 67"),
], ids=["menu-title", "site-description", "template", "html-file-in-docs"])
def test_a_number_outside_the_pages_is_refused_where_it_is_published(project, edit, where, number):
    edit(project)
    build_fails(project, where, f'den publicerade sidan visar telefonnumret "{number}"')


def test_a_tel_link_that_is_no_contacts_is_refused(project):
    _add_to_template(project)
    build_fails(project, 'den publicerade sidan har länken "tel:+4660123456"')


@pytest.mark.parametrize("page,old,new,words", [
    ("telefonnummer.md", "  boost: 3\n---\n", "  boost: 3\n\n", "rad 1: sidinställningarna överst (efter ---) avslutas aldrig"),
    ("index.md", "title: Start\n", "title: Start\nhide: [navigation\n", "sidinställningarna mellan raderna --- går inte att läsa"),
    ("index.md", "  - toc\n", "  - tco\n", 'rad 3: "hide" ska vara en lista med något av'),
    ("index.md", "title: Start\n", "title: Start\ntitel: Start\n", 'rad 3: sidinställningen "titel" finns inte'),
    ("checklistor.md", "  exclude: true\n", "exclude: true\n", 'sidinställningen "exclude" finns inte'),
    ("gemensamt.md", "# Gemensamt", "Obs: ring växeln först.\n\n# Gemensamt", 'rad 1: första raden, "Obs: ring växeln först.", läses som en sidinställning'),
], ids=["not-closed", "broken-yaml", "hide-typo", "unknown-setting", "lost-indent", "first-line-eaten"])
def test_page_settings_mkdocs_would_drop_without_a_word_are_refused(project, page, old, new, words):
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    build_fails(project, f"docs/{page}, ", words)


@pytest.mark.parametrize("link", ["[Telefonnummer](telefonummer.md)", "[Blanketter](blanketter/kommunen.md#blankett)",
                                  "[Telefonnummer]: telefon.md"])
def test_a_link_to_a_page_that_is_not_there_is_said_in_swedish(project, link):
    page = project / "docs" / "om-rutinen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + link + "\n", encoding="utf-8")
    output = build_fails(project, "docs/om-rutinen.md, rad ", "pekar på en fil som inte finns i docs/")
    assert "contains a link" not in output


@pytest.mark.parametrize("link,page", [
    ("[telefonlistan](telefonnummer.md#kommunerna)", "docs/telefonnummer.md"),  # the heading's id is #kommuner
    ("[rutan nedan](#finns-inte)", "docs/om-rutinen.md"),
    ('<a href="../blanketter/kommun/#blanketten">blanketten</a>', "docs/blanketter/kommun.md"),
], ids=["other-page", "same-page", "html-link"])
def test_a_link_to_a_place_that_is_not_on_its_page_is_refused_in_swedish(project, link, page):
    # MkDocs says so only as an English INFO line and publishes a link that opens the page at its top.
    source = project / "docs" / "om-rutinen.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n" + link + "\n", encoding="utf-8")
    fragment = link.split("#")[1].split(")")[0].split('"')[0]
    build_fails(project, f'docs/om-rutinen.md: länken "', f"#{fragment}\" pekar på ett ställe som inte finns på sidan "
                f"{page} (ingen rubrik eller del där har ankaret #{fragment})")


def test_a_readme_beside_index_md_is_refused_with_why_it_is_not_published(project):
    (project / "docs" / "README.md").write_text("# Läs mig\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - tillganglighet.md\n",
                                                                 "  - tillganglighet.md\n  - README.md\n"), encoding="utf-8")
    output = build_fails(project, "docs/README.md: sidan skulle inte publiceras: MkDocs gör README.md till mappens "
                                  "startsida, och mappen har redan en (index.md)")
    assert "draft_docs" not in output and "Excluding" not in output


def test_a_page_named_twice_in_the_menu_is_refused_on_the_menu(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - kommun.md\n", "  - kommun.md\n  - Kommun igen: kommun.md\n"),
                      encoding="utf-8")
    output = build_fails(project, "mkdocs.yml: menyn (nav) nämner docs/kommun.md två gånger")
    assert "samma id två gånger" not in output


def test_links_to_places_that_are_there_pass(project):
    source = project / "docs" / "om-rutinen.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n[Kommunerna](telefonnummer.md#kommuner)\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    assert 'href="../telefonnummer/#kommuner"' in result.page("om-rutinen/index.html")


@pytest.mark.parametrize("call,words", [
    ('{{ decision_table("patient") }}', 'sidan hänvisar till beslutstabellen "patient"'),
    ('{{ phase_list("slutenvard", "skickaa") }}', 'sidan hänvisar till fasen "skickaa"'),
    ('{{ pdf_link("nodparmm") }}', 'sidan hänvisar till PDF-filen "nodparmm"'),
    ("{{ routine_text() }}", "routine_text() behöver id för minst ett stycke"),
    ("{{ page.nothing.here }}", "sidan kunde inte byggas: ett uttryck inom {{ }} eller {% %} gick fel"),
])
def test_a_call_that_fails_while_the_page_renders_is_said_in_swedish_and_publishes_nothing(project, call, words):
    page = project / "docs" / "i-drift-igen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + call + "\n", encoding="utf-8")
    output = build_fails(project, f"docs/i-drift-igen.md: {words}" if "sidan hänvisar" not in words else words)
    assert "Macro Rendering Error" not in output and "Traceback" not in output


def test_a_typo_in_a_fragment_names_the_fragment_and_its_line(project):
    fragment = project / "lifecare_site" / "fragments" / "phone.html"
    fragment.write_text(fragment.read_text(encoding="utf-8").replace("entry.phone_display", "entry.phone_dispaly"),
                        encoding="utf-8")
    output = build_fails(project, "makrot contact() kunde inte byggas: ett fel i mallen lifecare_site/fragments/phone.html, rad ")
    assert "Traceback" not in output


@pytest.mark.parametrize("page,old,new,words", [
    ("telefonnummer.md", "{{ phone_directory() }}", "Listan kommer.", "telefonlistan visar inte alla nummer"),
    ("kommun.md", '{{ checklist("kommun") }}', "", 'sidan visar inte rollens checklista ({{ checklist("kommun") }})'),
    ("blanketter/sip.md", '{{ blankett("sip") }}', "Blanketten kommer.", "sidan visar inte blanketten"),
], ids=["directory-deleted", "checklist-deleted", "blankett-deleted"])
def test_a_page_published_without_what_it_is_for_is_refused(project, page, old, new, words):
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    build_fails(project, f"docs/{page}: {words}")


@pytest.mark.parametrize("page,old,new,words", [
    ("index.md", '{{ contact("servicedesk") }}', '{% raw %}{{ contact("servicedesk") }}{% endraw %}', "inom {% raw %}"),
    ("index.md", '{{ contact("servicedesk") }}', '<!-- {{ contact("servicedesk") }} -->', "inom <!-- -->"),
    ("blanketter/kommun.md", 'blankett("kommun")', 'blankett("primarvard")',
     'blankett("primarvard") på sidan för blanketten "kommun"'),
    ("primarvard.md", 'role_title("primarvard")', 'role_title("kommun")', 'role_title("kommun") på sidan för rollen "primarvard"'),
    ("index.md", '{{ contact("servicedesk") }}', '{{ phone("lifecare-forvaltningen") }}',
     'phone("lifecare-forvaltningen"): posten "lifecare-forvaltningen" i data/contacts.yml har inget telefonnummer'),
], ids=["raw", "comment", "other-blankett", "other-role", "phone-without-number"])
def test_a_call_that_shows_the_wrong_thing_or_nothing_is_refused(project, page, old, new, words):
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    build_fails(project, f"docs/{page}, rad ", words)


@pytest.mark.parametrize("old,new", [("{phone:servicedesk} eller", "{phone:servicedesk eller"),
                                     ("{phone:servicedesk} eller", "phone:servicedesk} eller"),
                                     ("{phone:servicedesk} eller", "{{phone:servicedesk}} eller")])
def test_a_fact_in_the_routine_with_a_brace_missing_is_refused(project, old, new):
    from tests.data import edit_data
    edit_data(project, "routine.yml", old, new)
    build_fails(project, "data/routine.yml, rad ", "utan sin del av ett par { }")


def test_a_link_that_shows_one_number_and_rings_another_is_refused(project):
    template = project / "overrides" / "partials" / "copyright.html"
    template.write_text(template.read_text(encoding="utf-8") +
                        '\n<p>Timrå kommun: <a href="tel:+4660191000">060-16 31 00</a></p>\n', encoding="utf-8")
    build_fails(project, 'den publicerade sidan visar "060-16 31 00" men länken ringer 060-19 10 00')


def test_a_number_in_a_drawing_is_read_too(project):
    template = project / "overrides" / "partials" / "copyright.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n<svg><text>Jour 060-12 34 56</text></svg>\n",
                        encoding="utf-8")
    build_fails(project, 'den publicerade sidan visar telefonnumret "060-12 34 56"')


@pytest.mark.parametrize("setting", ["draft_docs: |\n  telefonnummer.md\n", "exclude_docs: |\n  telefonnummer.md\n"])
def test_a_page_left_out_of_the_build_is_refused(project, setting):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # exclude_docs is there already (what editors' programs leave): the page is added to it.
    text = text.replace("exclude_docs: |\n", setting, 1) if setting.startswith("exclude_docs") else text + setting
    config.write_text(text, encoding="utf-8")
    build_fails(project, "docs/telefonnummer.md: sidan publicerades inte", "draft_docs, exclude_docs eller not_in_nav")


def test_the_offline_packs_page_names_are_checked_too(tmp_path):
    # The offline pack writes kommun.html, not kommun/index.html: a role page there without its checklist is found.
    from lifecare_site import pages
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "kommun.md").write_text("# Kommun\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "kommun.html").write_text('<div class="lc-banner" role="note"></div><main><h1>Kommun</h1></main>'
                                      '<aside class="lc-doc-control"></aside><style media="print" data-lc-print-footer>'
                                      "</style>", encoding="utf-8")
    problems = [str(p) for p in pages.published_content_problems(site, ["kommun"], [], {}, docs)]
    assert problems == ['docs/kommun.md: sidan visar inte rollens checklista ({{ checklist("kommun") }}). '
                        "Lägg tillbaka anropet, utanför <!-- -->."]


@pytest.mark.parametrize("page,old,new,words", [
    ("gemensamt.md", "# Gemensamt", "---\ntemplate: 404.html\n---\n\n# Gemensamt", 'sidinställningen "template" finns inte'),
    ("gemensamt.md", "# Gemensamt", "<<<<<<< HEAD\nRing aldrig först.\n=======\nRing alltid först.\n>>>>>>> other\n\n# Gemensamt",
     "markering från en git-sammanslagning"),
    ("slutenvard.md", '{{ checklist("slutenvard") }}', '<!-- TODO: kolla\n\n{{ checklist("slutenvard") }}',
     "en kommentar <!-- som aldrig stängs"),
    ("gemensamt.md", "# Gemensamt", "[README](../README.md)\n\n# Gemensamt", 'länken "../README.md" pekar på en fil som inte finns i docs/'),
], ids=["template", "merge-markers", "unclosed-comment", "link-outside-docs"])
def test_what_a_page_would_lose_or_show_by_mistake_is_refused(project, page, old, new, words):
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    build_fails(project, f"docs/{page}, rad ", words)


def test_the_same_checklist_twice_on_a_page_is_refused(project):
    path = project / "docs" / "slutenvard.md"
    path.write_text(path.read_text(encoding="utf-8") + '\n{{ checklist("slutenvard") }}\n', encoding="utf-8")
    build_fails(project, "docs/slutenvard.md", "sidan har samma id två gånger")


def test_merge_markers_in_a_data_file_are_named(project):
    from tests.data import edit_data
    edit_data(project, "contacts.yml", "        name: Kramfors kommun\n",
              "<<<<<<< HEAD\n        name: Kramfors kommun\n=======\n        name: Kramfors\n>>>>>>> other\n")
    build_fails(project, "data/contacts.yml, rad ", "markering från en git-sammanslagning")


def test_an_empty_page_is_refused(project):
    (project / "docs" / "gemensamt.md").write_text("\n", encoding="utf-8")
    build_fails(project, "docs/gemensamt.md: sidan är tom")


def test_renaming_the_accessibility_statement_is_refused_as_the_footer_would_lose_its_link(project):
    docs = project / "docs"
    (docs / "tillganglighet.md").rename(docs / "tillganglighetsredogorelse.md")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - tillganglighet.md", "  - tillganglighetsredogorelse.md"),
                      encoding="utf-8")
    build_fails(project, "docs/tillganglighet.md: sidfoten saknar länken till tillgänglighetsredogörelsen",
                "ge den tillbaka det namnet")


def test_a_call_indented_into_a_code_block_is_said_as_such_not_as_a_strange_number(project):
    path = project / "docs" / "gemensamt.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("# Gemensamt", '# Gemensamt\n\nText.\n\n    Ring {{ phone("region-vaxel") }} först.\n', 1),
                    encoding="utf-8")
    output = build_fails(project, "docs/gemensamt.md", "visar HTML från ett anrop som kod", "Ta bort indraget")
    assert "+46" not in output


def test_a_call_with_one_opening_brace_is_refused(project):
    path = project / "docs" / "index.md"
    text = path.read_text(encoding="utf-8")
    assert '{{ contact("servicedesk") }}' in text
    path.write_text(text.replace('{{ contact("servicedesk") }}', '{ contact("servicedesk") }}', 1), encoding="utf-8")
    build_fails(project, "docs/index.md, rad ", '"{ contact("servicedesk") }}" har bara en { i början')


def test_the_list_of_macros_that_take_an_id_follows_the_renderer():
    # pages.ID_MACROS says which page macros take an id, so a page naming an unknown one is refused with its line
    # before anything renders. A macro added to the renderer with an id and left out of the list would be missed.
    import inspect

    from lifecare_site import pages
    from lifecare_site.renderer import Renderer
    macros = {name: list(inspect.signature(getattr(Renderer, name)).parameters)[1:] for name in Renderer.MACROS}
    with_an_id = {name for name, args in macros.items() if args and args[0].endswith("ident")}
    # Checked where they render instead (an unknown id is said with the page and line by the macro itself), or by
    # pages.passage_uses (the routine's passages).
    checked_elsewhere = {"decision_table", "pdf_link", "routine_section"}
    assert with_an_id - checked_elsewhere == set(pages.ID_MACROS)
    assert set(pages.ID_MACROS) <= set(macros)


def test_words_in_angle_brackets_on_a_page_are_refused(project):
    path = project / "docs" / "kommun.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSkriv <avdelningens namn> och <datum> på kuvertet.\n",
                    encoding="utf-8")
    output = build_fails(project, "docs/kommun.md, rad ", '"<avdelningens namn>" läses av webbläsaren som en HTML-tagg')
    assert '"<datum>"' in output


@pytest.mark.parametrize("make", [lambda docs: __import__("os").mkfifo(docs / "anteckning.md"),
                                  lambda docs: (docs / "gammalt").symlink_to("..")], ids=["named-pipe", "link-to-folder-above"])
def test_what_would_hang_mkdocs_in_docs_is_refused_at_once(project, make):
    make(project / "docs")
    output = build_fails(project, "docs/")
    assert "för alltid" in output and "not included" not in output


def test_the_finished_site_is_checked_again_whenever_anything_the_checks_read_is_different(tmp_path):
    # A site that passed the last checks is not checked again byte for byte (macros.on_post_build): the key must
    # change with every file they read, every page in docs/ and everything they compare with.
    from lifecare_site import pages
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    (site / "assets" / "javascripts" / "bundle.js").parent.mkdir(parents=True)
    (site / "index.html").write_text("<p>Ring 060-19 10 00</p>", encoding="utf-8")
    (site / "assets" / "javascripts" / "bundle.js").write_text("x", encoding="utf-8")
    numbers, hrefs = {"060-19 10 00"}, {"tel:+46601910000": "060-19 10 00"}
    key = pages.published_key(site, docs, numbers, hrefs.items(), ["kommun"], ["kommun"])
    assert key == pages.published_key(site, docs, set(numbers), dict(hrefs).items(), ["kommun"], ["kommun"])
    others = []
    (site / "index.html").write_text("<p>Ring 060-19 10 01</p>", encoding="utf-8")
    others.append(pages.published_key(site, docs, numbers, hrefs.items(), ["kommun"], ["kommun"]))
    (site / "index.html").write_text("<p>Ring 060-19 10 00</p>", encoding="utf-8")
    (site / "extra.txt").write_text("", encoding="utf-8")
    others.append(pages.published_key(site, docs, numbers, hrefs.items(), ["kommun"], ["kommun"]))
    (site / "extra.txt").unlink()
    others.append(pages.published_key(site, docs, {"060-19 10 01"}, hrefs.items(), ["kommun"], ["kommun"]))
    others.append(pages.published_key(site, docs, numbers, {"tel:+46601910001": "060-19 10 00"}.items(), ["kommun"], ["kommun"]))
    others.append(pages.published_key(site, docs, numbers, hrefs.items(), ["kommun", "timra"], ["kommun"]))
    others.append(pages.published_key(site, docs, numbers, hrefs.items(), ["kommun"], []))
    (docs / "ny.md").write_text("# Ny\n", encoding="utf-8")
    others.append(pages.published_key(site, docs, numbers, hrefs.items(), ["kommun"], ["kommun"]))
    (docs / "ny.md").unlink()
    assert key not in others and len(set(others)) == len(others)
    # The theme's own files are not read by the checks, so they are not part of the key.
    (site / "assets" / "javascripts" / "bundle.js").write_text("y", encoding="utf-8")
    assert pages.published_key(site, docs, numbers, hrefs.items(), ["kommun"], ["kommun"]) == key


_OWNERS = {"060-19 10 00": "Sundsvalls kommun", "060-16 31 00": "Timrå kommun", "0612-800 00": "Kramfors kommun",
           "0660-890 70": "Servicedesk, Region Västernorrland", "0611-800 00": "Region Västernorrlands växel"}
_SUNDSVALL = '<a class="lc-phone" href="tel:+4660191000" aria-label="Sundsvalls kommun: 060-19 10 00">060-19 10 00</a>'


@pytest.mark.parametrize("html,misnamed", [
    # One contact's number beside another's name: typed in a page, a template, a menu title, a table, a label.
    (f"<p>Ring Timrå på {_SUNDSVALL}.</p>", [("060-19 10 00", "Sundsvalls kommun", "Timrå")]),
    ('<nav><ul><li><a href="kommun/">Timrå 060-19 10 00</a></li></ul></nav>', [("060-19 10 00", "Sundsvalls kommun", "Timrå")]),
    ("<table><tr><th>Timrå kommun</th><td>060-19 10 00</td></tr></table>", [("060-19 10 00", "Sundsvalls kommun", "Timrå kommun")]),
    ('<a href="tel:+4660191000" aria-label="Timrå kommun: 060-19 10 00">060-19 10 00</a>',
     [("060-19 10 00", "Sundsvalls kommun", "Timrå kommun")]),
    ("<p>Kramfors: 060-19 10 00</p>", [("060-19 10 00", "Sundsvalls kommun", "Kramfors")]),
    ("<p>Servicedesk 0611-800 00</p>", [("0611-800 00", "Region Västernorrlands växel", "Servicedesk")]),
    ("<p>060-19 10 00 (Timrå)</p>", [("060-19 10 00", "Sundsvalls kommun", "Timrå")]),
    ("<p>Ring Timrå på 060-19 10 00 eller Sundsvall på 060-16 31 00.</p>",
     [("060-19 10 00", "Sundsvalls kommun", "Timrå"), ("060-16 31 00", "Timrå kommun", "Sundsvall")]),
    # Each number beside its own name, or beside no name: as the site writes them.
    (f'<li><span class="lc-contact__name">Sundsvalls kommun</span> {_SUNDSVALL}</li>', []),
    ("<table><tr><th>Sundsvalls kommun</th><td>060-19 10 00</td></tr><tr><th>Timrå kommun</th><td>060-16 31 00</td></tr></table>", []),
    ("<p>Ring Sundsvall på 060-19 10 00 eller Timrå på 060-16 31 00.</p>", []),
    ("<p>Kontaktar Servicedesk, Region Västernorrland via 0660-890 70.</p>", []),
    ("<p>Kramfors kommun 0612-800 00</p>", []),
    ("<p>060-19 10 00 (Sundsvall), sedan Timrå.</p>", []),
    # A name in the next clause is not the number's: "… och be om Timrå kommuns handläggare".
    ("<p>Ring växeln på 0611-800 00 och be om Timrå kommuns biståndshandläggare.</p>", []),
    ("<p>Ring 0611-800 00. Timrå kommun ringer du sedan.</p>", []),
    (f"<p>Ring {_SUNDSVALL}.</p>", []),
    # What a reader does not see is not read: a script, the scan's quoted corrections.
    ("<script>var t = 'Timrå 060-19 10 00';</script><p>Ring 060-19 10 00</p>", []),
], ids=lambda value: value if isinstance(value, str) and len(value) < 30 else None)
def test_a_contacts_number_beside_another_contacts_name_is_found(html, misnamed):
    from lifecare_site import pages
    reader = pages._Statements()
    reader.feed(pages._UNSEEN.sub(" ", html))
    assert pages.misnamed_numbers(reader.statements(), _OWNERS) == misnamed


def test_a_page_that_names_one_contact_with_anothers_number_is_refused(project):
    page = project / "docs" / "gemensamt.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\n", '\n\nRing Timrå på {{ phone("sundsvall") }}.\n', 1), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert ('docs/gemensamt.md (eller mkdocs.yml eller en mall i overrides/): den publicerade sidan visar numret '
            '060-19 10 00, som är numret till Sundsvalls kommun, närmast vid namnet "Timrå".') in result.output


def test_a_file_of_contacts_with_one_number_under_the_wrong_name_is_refused(project):
    (project / "docs" / "kontakter.vcf").write_text(
        "BEGIN:VCARD\nFN:Sundsvalls kommun\nTEL:060-19 10 00\nEND:VCARD\n"
        "BEGIN:VCARD\nFN:Kramfors kommun\nTEL:060-16 31 00\nEND:VCARD\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert 'numret 060-16 31 00, som är numret till Timrå kommun, närmast vid namnet "Kramfors kommun"' in result.output
    assert "numret 060-19 10 00" not in result.output


def test_names_are_found_among_many_contacts_each_looked_up_once():
    # One look-up per word, whatever the number of contacts (a pattern per contact made a large site's first build
    # take 20 s); the answer is the same as with few.
    from lifecare_site import pages
    owners = dict(_OWNERS)
    owners.update({f"08-{500 + n // 100:03d} {n % 100:02d} 00": f"Ort{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}s kommun"
                   for n in range(600)})
    reader = pages._Statements()
    reader.feed("<ul><li>Ortbas kommun 08-500 01 00</li><li>Ortaas 08-500 00 00</li><li>Ring Ortca på 060-19 10 00</li>"
                "<li>Timrå: 08-500 01 00</li></ul>")
    assert pages.misnamed_numbers(reader.statements(), owners) == [
        ("060-19 10 00", "Sundsvalls kommun", "Ortca"), ("08-500 01 00", "Ortbas kommun", "Timrå")]


def _insert_after_heading(project, page, text):
    path = project / "docs" / page
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("\n", f"\n\n{text}\n", 1), encoding="utf-8")


def _replace(project, name, old, new):
    path = project / name
    source = path.read_text(encoding="utf-8")
    assert old in source, old
    path.write_text(source.replace(old, new, 1), encoding="utf-8")


def _write(project, name, text, encoding="utf-8"):
    (project / name).parent.mkdir(parents=True, exist_ok=True)
    (project / name).write_text(text, encoding=encoding)


@pytest.mark.parametrize("edit,words", [
    # A digit typed against a number: "0611-800 001" is another number.
    (lambda p: _insert_after_heading(p, "gemensamt.md", 'Ring växeln på {{ phone("region-vaxel") }}1.'),
     "docs/gemensamt.md (eller mkdocs.yml eller en mall i overrides/): den publicerade sidan visar en siffra direkt "
     "intill numret 0611-800 00"),
    (lambda p: _replace(p, "data/routine.yml", "{phone:servicedesk}", "{phone:servicedesk}1"),
     "visar en siffra direkt intill numret 0660-890 70"),
    # A call hidden in a Jinja comment disappears from the page without a word.
    (lambda p: _insert_after_heading(p, "gemensamt.md", '{# {{ contact("servicedesk") }} #}'),
     "docs/gemensamt.md, rad 3: sidan har en kommentar {# … #}"),
    # The template's lines for the document control and the printout's header and footer.
    (lambda p: _replace(p, "overrides/main.html", "{{ page.meta.lc_footer_html | safe }}", ""),
     "sidan visar inte dokumentinformationen (status, version, datum, Utskriven)"),
    (lambda p: _replace(p, "overrides/main.html", "{{ page.meta.lc_print_footer_html | safe }}", ""),
     "sidan visar inte utskriftens sidhuvud och sidfot"),
    # Where the theme's own files go, which the last check of numbers does not read.
    (lambda p: _write(p, "docs/search/lista.html", "<p>Timrå kommun: 060-16 31 99</p>"),
     "docs/search/lista.html: ligger där temat har sina egna filer"),
    # A style sheet saved in Windows-1252: the minify plugin would stop with an English line naming no file.
    (lambda p: _write(p, "docs/assets/stylesheets/lc-checklist.css",
                      (p / "docs/assets/stylesheets/lc-checklist.css").read_text(encoding="utf-8") + "/* större */\n",
                      encoding="cp1252"),
     "docs/assets/stylesheets/lc-checklist.css, rad "),
    # What a merge left in a template would be shown on every page.
    (lambda p: _replace(p, "overrides/main.html", "{% block content %}", "<<<<<<< HEAD\n{% block content %}"),
     "overrides/main.html, rad 49: mallen har kvar en markering från en git-sammanslagning"),
], ids=["digit-after-phone", "digit-after-routine-number", "jinja-comment", "no-doc-control", "no-print-footer",
        "file-in-search", "css-in-cp1252", "merge-marker-in-template"])
def test_what_would_hide_or_change_a_number_or_the_document_is_refused(project, edit, words):
    edit(project)
    build_fails(project, words)


def test_a_checklist_moved_into_a_part_that_is_not_printed_is_refused(project):
    # "Skriv ut checklistan" would print the page without its checklist.
    page = project / "docs" / "kommun.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace('{{ checklist("kommun") }}\n', "", 1)
    text = text.replace("## Om ansvaret\n", '## Om ansvaret\n\n{{ checklist("kommun") }}\n', 1)
    page.write_text(text, encoding="utf-8")
    build_fails(project, 'docs/kommun.md: sidans checklista står inuti en del som inte skrivs ut (class "lc-no-print")')


@pytest.mark.parametrize("tag", ['<script src="https://unpkg.com/iframe-worker/shim.js"></script>',
                                 '<link rel="stylesheet" href="//fonts.example.com/x.css">'])
def test_a_page_that_fetches_from_another_host_is_refused(project, tag):
    # Material's offline plugin, added to mkdocs.yml, puts a script from unpkg.com on every page.
    _replace(project, "overrides/main.html", "{% block content %}", "{% block content %}" + tag)
    build_fails(project, "sidan hämtar", "från en annan webbplats")
