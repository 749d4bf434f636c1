"""Reading a page's head the way crawlers and share previews do."""

import json
from html.parser import HTMLParser


class PageParts(HTMLParser):
    """Collects <meta>, <link>, <a> attributes and the JSON-LD blocks of a page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.meta: list[dict] = []
        self.links: list[dict] = []
        self.anchors: list[dict] = []
        self.scripts: list[dict] = []
        self.json_ld: list[dict] = []
        self._in_json_ld = False
        self._buffer: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "a":
            self.anchors.append(attrs)
        elif tag == "script":
            self.scripts.append(attrs)
            self._in_json_ld = attrs.get("type") == "application/ld+json"
            self._buffer = []

    def handle_data(self, data):
        if self._in_json_ld:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_json_ld:
            self.json_ld.append(json.loads("".join(self._buffer)))
            self._in_json_ld = False

    def properties(self, name: str) -> list[str]:
        """Every ``content`` of <meta property=name> or <meta name=name>, in page order."""
        return [m["content"] for m in self.meta if name in (m.get("property"), m.get("name"))]

    def prop(self, name: str) -> str:
        values = self.properties(name)
        assert len(values) == 1, (name, values)
        return values[0]

    def schema(self, type_: str) -> dict:
        found = [data for data in self.json_ld if data.get("@type") == type_]
        assert len(found) == 1, (type_, self.json_ld)
        return found[0]

    def alternates(self) -> dict[str, str]:
        return {
            link["type"]: link["href"]
            for link in self.links
            if link.get("rel") == "alternate" and "type" in link
        }
