"""Text from data/ stays text: no edit can make a link, an attribute list, a heading id, a tag or Jinja."""
import json
import re
from html.parser import HTMLParser

import pytest

from tests.conftest import build, copy_project
from tests.htmltext import read

NAME = "Servicedesk [klicka](javascript:alert(1))"
# ({{ … }} in a data text is refused by the build: tests/data/test_bad_files.py. A Jinja comment is not, and stays text.)
ITEM = "Bekräfta <b>fast</b> vårdkontakt *nu* {#stulen} {# 7 * 7 #} `kod` &amp; svar < 1 timme"
GROUP = "Kommunerna] { #kapad .klass }"
ROLE = "# Primärvård_öppenvård"
TITLE = "Kommunal </title><script>alert(1)</script> &amp; omsorg"
INTRO = "1. Ring [växeln](https://example.org) <img src=x onerror=alert(1)>"
PASSAGE = "# Nås <b>via</b> [fast](javascript:alert(1)) vårdkontakt *nu* `kod` &amp; <script>alert(1)</script>"


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids, self.hrefs = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        for name in ("href", "src", "onerror"):
            if attrs.get(name):
                self.hrefs.append(attrs[name])


def _elements(html):
    parser = _Elements()
    parser.feed(html)
    return parser


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    data = project / "data"
    _replace(data / "contacts.yml", "name: Servicedesk, Region Västernorrland", f"name: {json.dumps(NAME)}")
    _replace(data / "contacts.yml", "title: Kommunerna", f"title: {json.dumps(GROUP)}")
    _replace(data / "contacts.yml", "    intro: >-\n      En väg in: en biståndshandläggare ska kontaktas för respektive kommun via\n"
             "      växeln, som i sin tur ansvarar för att nå berörda enheter som är\n"
             "      involverade i patientens vård.", f"    intro: {json.dumps(INTRO)}")
    _replace(data / "checklists.yml", "text: Bekräfta fast vårdkontakt.", f"text: {json.dumps(ITEM, ensure_ascii=False)}")
    # The routine's own text: its braces are facts ({phone:id}), so the hostile text there has none.
    _replace(data / "routine.yml", "text: Primärvård/öppenvård nås via fast vårdkontakt.", f"text: {json.dumps(PASSAGE, ensure_ascii=False)}")
    _replace(data / "checklists.yml", "title: Primärvård/öppenvård", f"title: {json.dumps(ROLE, ensure_ascii=False)}")
    _replace(data / "checklists.yml", "title: Kommunal vård och omsorg", f"title: {json.dumps(TITLE, ensure_ascii=False)}")
    result = build(project)
    assert result.returncode == 0, result.output
    return result


PAGES = ["index.html", "gemensamt/index.html", "rutinen/index.html", "telefonnummer/index.html", "primarvard/index.html",
         "checklistor/index.html", "nodparm/index.html", "i-drift-igen/index.html"]


@pytest.mark.parametrize("path", PAGES)
def test_no_data_text_becomes_a_link_a_tag_or_an_id(hostile, path):
    html = hostile.page(path)
    found = _elements(html)
    assert not [h for h in found.hrefs if "javascript:" in h or h == "x" or h == "https://example.org"], path
    assert "b" not in found.tags and "code" not in found.tags[found.tags.index("body"):] and "img" not in found.tags, path
    assert "stulen" not in found.ids and "kapad" not in found.ids, path
    assert 'class="klass"' not in html and "onerror" not in found.hrefs


@pytest.mark.parametrize("path,shown", [
    ("index.html", NAME),
    ("telefonnummer/index.html", NAME),
    ("telefonnummer/index.html", GROUP),
    ("telefonnummer/index.html", INTRO),
    ("gemensamt/index.html", PASSAGE),
    ("rutinen/index.html", PASSAGE),
    ("primarvard/index.html", ITEM),
    ("primarvard/index.html", ROLE),
    ("checklistor/index.html", ITEM),
    ("nodparm/index.html", ITEM),
    ("nodparm/index.html", GROUP),
])
def test_data_text_is_shown_literally(hostile, path, shown):
    text, _, _ = read(hostile.page(path))
    assert shown in text, (path, shown)


def test_the_page_title_and_the_search_index_hold_the_literal_text(hostile):
    html = hostile.page("primarvard/index.html")
    assert re.search(r"<title>.*Primärvård_öppenvård", html)
    index = json.loads(hostile.page("search/search_index.json"))
    texts = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    assert "javascript:alert(1)" in texts  # as text, not as a link
    assert "{# 7 * 7 #}" in texts


def test_a_name_with_a_less_than_sign_is_valid(hostile):
    text, _, _ = read(hostile.page("primarvard/index.html"))
    assert "svar < 1 timme" in text


@pytest.mark.parametrize("path", PAGES + ["kommun/index.html", "blanketter/index.html"])
def test_a_title_from_data_is_text_in_the_title_the_navigation_and_the_header(hostile, path):
    html = hostile.page(path)
    assert "<script>alert" not in html, path
    found = _elements(html)
    assert found.tags.count("title") == 1 and found.tags.count("script") == html.count("<script")
    if path == "kommun/index.html":
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert "Kommunal &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; omsorg - " in title
        assert TITLE in read(html)[0]
