"""The anchor gate: every internal link of the built site reaches a file and, with a
``#fragment``, an element with that id — checked from the files, deterministically.

LinkChecker's ``[AnchorCheck]`` is not reliable enough to be a gate: it checks a fragment only
while it parses the target page in one of its worker threads, and on fresh machines it let a
link to a missing anchor pass in some runs and not in others (and it never looks at links to
``#fragment`` on the same page). This gate reads the built HTML files with the standard
library's parser, in a fixed order, so the same site always gives the same answer. LinkChecker
stays the gate for links over HTTP (link_gate.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

# The attribute that points at another resource, per element.
LINK_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "img": "src",
                   "script": "src", "source": "src", "iframe": "src", "use": "href"}
# Elements whose fragment must name an element of the target: links a visitor follows, and
# SVG <use> references into the page's icon sprite.
WITH_FRAGMENT = frozenset({"a", "area", "use"})
# Any absolute origin works: links are resolved against it and it is never contacted.
ORIGIN = "http://site.invalid"


@dataclass(frozen=True)
class BrokenLink:
    """A link on ``page`` (site path) at ``line`` whose target or fragment does not exist."""

    page: str
    line: int
    href: str
    problem: str

    def describe(self) -> str:
        """``page:line: href – problem``."""
        return f"  {self.page}:{self.line}: {self.href} – {self.problem}"


@dataclass
class AnchorReport:
    """What one pass over the built site found."""

    pages: int = 0
    links: int = 0
    fragments: int = 0
    broken: list[BrokenLink] = field(default_factory=list)

    def describe(self) -> str:
        """A failure message naming every broken link with its page and line."""
        return (f"{len(self.broken)} broken internal link(s) or anchor(s) among {self.links} "
                f"links ({self.fragments} with a fragment) on {self.pages} pages:\n"
                + "\n".join(link.describe() for link in self.broken))


class _PageParser(HTMLParser):
    """Collects the ids (and legacy ``<a name>``) of one page and its outgoing links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, int]] = []  # (tag, url, line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and attribute in values:
            self.links.append((tag, values[attribute], self.getpos()[0]))

    handle_startendtag = handle_starttag


def _site_path(site: Path, file: Path) -> str:
    """The URL path under which ``file`` is served: ``a/index.html`` → ``/a/``."""
    relative = file.relative_to(site).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative.removesuffix("index.html")
    return "/" + relative


def _target_file(site: Path, path: str) -> Path | None:
    """The file a server would answer ``path`` with (``/a/`` → ``a/index.html``), if any."""
    parts = PurePosixPath(unquote(path)).parts[1:]
    if ".." in parts:
        return None
    candidate = site.joinpath(*parts)
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _fragment_exists(fragment: str, ids: set[str]) -> bool:
    # HTML's rule: an empty fragment and "top" scroll to the top; otherwise the raw fragment,
    # then its percent-decoded form, names an element's id.
    return fragment in ("", "top") or fragment in ids or unquote(fragment) in ids


def check_anchors(site: Path) -> AnchorReport:
    """Check every internal link and fragment of the built site in ``site``."""
    site = site.resolve()
    parsed: dict[Path, _PageParser] = {}

    def page_of(file: Path) -> _PageParser:
        if file not in parsed:
            parser = _PageParser()
            parser.feed(file.read_text(encoding="utf-8", errors="replace"))
            parser.close()
            parsed[file] = parser
        return parsed[file]

    report = AnchorReport()
    for file in sorted(site.rglob("*.html")):
        report.pages += 1
        page_path = _site_path(site, file)
        for tag, href, line in page_of(file).links:
            url = urljoin(ORIGIN + page_path, href.strip())
            parts = urlsplit(url)
            if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
                continue  # external, mailto:, data: – not this gate's business
            report.links += 1
            target = _target_file(site, parts.path)
            if target is None:
                report.broken.append(BrokenLink(page_path, line, href, "no such file (404)"))
                continue
            if tag not in WITH_FRAGMENT or "#" not in href or target.suffix != ".html":
                continue
            report.fragments += 1
            if not _fragment_exists(parts.fragment, page_of(target).ids):
                report.broken.append(BrokenLink(
                    page_path, line, href,
                    f"no element with id {parts.fragment!r} on {_site_path(site, target)}"))
    return report
