"""Helpers to read built pages the way a person or a browser does."""
from html.parser import HTMLParser

_SKIP = {"script", "style", "svg"}
# Elements whose URL attributes make the browser fetch something.
_FETCHING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
             "video": "src", "embed": "src", "object": "data", "input": "src"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.links, self.fetches, self._skipping = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _SKIP:
            self._skipping += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in _FETCHING and attrs.get(_FETCHING[tag]):
            self.fetches.append(attrs[_FETCHING[tag]])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate"):
            self.fetches.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in _SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.text.append(data)


def read(html: str):
    """(visible text, link targets, URLs the page fetches) of one HTML page."""
    reader = _Reader()
    reader.feed(html)
    return " ".join(" ".join(reader.text).split()), reader.links, reader.fetches
