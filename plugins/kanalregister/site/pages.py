"""Turn the register into page specs: which page, which template, which data.

Nothing here renders or knows MkDocs; ``render.py`` fills the templates and the plugin hands
the results to MkDocs as generated files.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from ..finding_codes import catalogue
from ..paths import (
    ARCHIVE_PAGE,
    CHECKS_PAGE,
    FAKES_PAGE,
    FIELDS_PAGE,
    OVERVIEW_PAGE,
    PLATFORMS_PAGE,
    REPORT_PAGE,
    UNITS_PAGE,
    VERIFY_PAGE,
    imprint_page,
    platform_page,
    platform_profile,
    unit_page,
)
from ..register.catalog import Catalog, Listed
from ..register.models import STATUS_LABELS, Channel, Organisation, Status, Unit
from ..register.platforms import Platform
from ..register.schema import field_rows
from ..register.successors import accounts as successor_accounts
from ..register.successors import running_successors
from ..report.charts import report_charts
from ..report.figures import build_report, reviews_due
from ..variables import variables
from ..views import ChannelView, FakeView, channel_views, listing_order


@dataclass(frozen=True)
class PageSpec:
    """One page to generate: its source URI, template, title and template context."""

    src_uri: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)


@cache
def language_names() -> dict[str, str]:
    """German names of language codes (data/languages.yml)."""
    text = resources.files("kanalregister").joinpath("data/languages.yml").read_text("utf-8")
    names: dict[str, str] = yaml.safe_load(text)
    return names


class PageBuilder:
    """Builds every page spec of the register from one catalog."""

    def __init__(
        self,
        catalog: Catalog,
        *,
        today: date,
        docs: Iterable[str] = (),
        severities: dict[str, Any] | None = None,
        histories: dict[str, list[Any]] | None = None,
        review_warn_months: int = 12,
        review_fail_months: int = 24,
        show_reviews: bool = True,
        variable_values: dict[str, str | None] | None = None,
    ) -> None:
        self.catalog = catalog
        # The values of the {{ org.… }} variables, for the field reference.
        self.variable_values = variable_values or {}
        self.review_warn_months = review_warn_months
        self.review_fail_months = review_fail_months
        # Review lists are internal; a public site may leave them out.
        self.show_reviews = show_reviews
        self.today = today
        self.docs = set(docs)
        self.severities = severities or {}
        self.histories = histories or {}
        org = catalog.organisation
        self.org: Organisation | None = org
        self.units = catalog.units
        self.topics = dict(org.topics) if org else {}
        self.views = channel_views(catalog)
        # The unit tree and the channels per unit, once: a page per unit that searched all
        # units and all channels again would make a large register's build quadratic.
        self._children: dict[str | None, list[Unit]] = defaultdict(list)
        for unit in self.units.values():
            self._children[unit.parent].append(unit)
        self._by_unit: dict[str, list[ChannelView]] = defaultdict(list)
        for view in self.current:
            self._by_unit[view.channel.unit].append(view)

    @cached_property
    def current(self) -> list[ChannelView]:
        """Channels that are operated now (shown in the overview)."""
        return [v for v in self.views if v.channel.status is not Status.ARCHIVED]

    @cached_property
    def archived(self) -> list[ChannelView]:
        """Closed channels, newest closing first."""
        views = [v for v in self.views if v.channel.status is Status.ARCHIVED]
        return sorted(views, key=lambda v: v.channel.archived.date, reverse=True)

    def common(self) -> dict[str, Any]:
        """Context every template receives."""
        return {"org": self.org, "today": self.today, "units": self.units,
                "severities": self.severities, "languages": language_names(),
                "unit_chains": self.unit_chains}

    @cached_property
    def unit_chains(self) -> dict[str, list[str]]:
        """Each unit with its ancestors, nearest first: a channel of the fire brigade's press
        office also counts for the fire brigade, in the overview's filter as on /organisation/."""
        chains: dict[str, list[str]] = {}
        for unit_id in self.units:
            chain, current = [unit_id], self.units[unit_id].parent
            while current is not None and current in self.units and current not in chain:
                chain.append(current)
                current = self.units[current].parent
            chains[unit_id] = chain
        return chains

    def build(self) -> list[PageSpec]:
        """All generated pages."""
        pages = [self.overview(), self.archive(), self.fakes_page(), self.platform_index(),
                 self.unit_index()]
        pages += [self.channel(view) for view in self.views]
        pages += [self.platform(p) for p in self.catalog.platforms.platforms.values()]
        pages += [self.unit(u) for u in self.units.values()]
        pages += [self.checks_reference(), self.fields_reference(), self.verify(), self.report()]
        pages += self.imprints()
        return pages

    def _spec(self, src_uri: str, template: str, title: str, **context: Any) -> PageSpec:
        return PageSpec(src_uri, template, title, {**self.common(), **context})

    def overview(self) -> PageSpec:
        """/kanaele/: every current channel, grouped by platform, with filter data."""
        groups: dict[str, list[ChannelView]] = defaultdict(list)
        for view in self.current:
            groups[view.channel.platform].append(view)
        ordered = [(self.catalog.platforms.get(pid), groups[pid]) for pid in sorted(
            groups, key=lambda pid: (-len(groups[pid]), pid))]
        facets = {
            "platform": Counter(v.channel.platform for v in self.current),
            "unit": Counter(u for v in self.current
                            for u in self.unit_chains.get(v.channel.unit, [v.channel.unit])),
            "topic": Counter(t for v in self.current for t, _ in v.topics),
            "status": Counter(v.channel.status.value for v in self.current),
        }
        return self._spec(OVERVIEW_PAGE, "overview.md.jinja", "Offizielle Kanäle",
                          groups=ordered, channels=self.current, facets=facets,
                          platforms=self.catalog.platforms, topics=self.topics,
                          status_labels={s.value: label for s, label in STATUS_LABELS.items()})

    def archive(self) -> PageSpec:
        """/kanaele/archiv/: closed channels with date and reason."""
        return self._spec(ARCHIVE_PAGE, "archive.md.jinja",
                          "Archiv geschlossener Kanäle", channels=self.archived)

    @cached_property
    def fakes(self) -> list[FakeView]:
        """Known fakes, most recently reported first."""
        views = [FakeView(f.fake, self.catalog.platforms.get(f.fake.platform), f.account.url)
                 for f in self.catalog.fakes]
        return sorted(views, key=lambda v: (v.fake.reported, v.url), reverse=True)

    def fakes_page(self) -> PageSpec:
        """/kanaele/archiv/faelschungen/: accounts reported as impersonations (noindex)."""
        return self._spec(FAKES_PAGE, "fakes.md.jinja", "Gemeldete Fälschungen",
                          fakes=self.fakes)

    def channel(self, view: ChannelView) -> PageSpec:
        """/kanaele/<slug>/: one channel with every public field."""
        platform = view.platform.name if view.platform else view.channel.platform
        following = running_successors(view.item, self.catalog, self._accounts)
        return self._spec(view.page, "channel.md.jinja", f"{view.channel.name} auf {platform}",
                          view=view, history=self.histories.get(view.item.path, []),
                          successors=[self._view_of[id(item)] for item in following
                                      if id(item) in self._view_of])

    @cached_property
    def _accounts(self) -> dict[tuple[str, str], Listed]:
        return successor_accounts(self.catalog)

    @cached_property
    def _view_of(self) -> dict[int, ChannelView]:
        return {id(view.item): view for view in self.views}

    def platform_index(self) -> PageSpec:
        """/plattformen/: the platforms with their channel counts."""
        counts = Counter(v.channel.platform for v in self.current)
        rows = [(p, counts.get(p.id, 0)) for p in self.catalog.platforms.platforms.values()]
        rows.sort(key=lambda row: row[0].name.casefold())
        return self._spec(PLATFORMS_PAGE, "platforms.md.jinja", "Plattformen", rows=rows)

    def platform(self, platform: Platform) -> PageSpec:
        """/plattformen/<id>/: the channels on one platform and the toolbox's guidance."""
        views = [v for v in self.current if v.channel.platform == platform.id]
        closed = [v for v in self.archived if v.channel.platform == platform.id]
        profile = platform_profile(platform.id)
        return self._spec(platform_page(platform.id), "platform.md.jinja", platform.name,
                          platform=platform, channels=views, closed=closed,
                          profile=profile if profile in self.docs else None)

    def unit_index(self) -> PageSpec:
        """/organisation/: the unit tree with channel counts."""
        return self._spec(UNITS_PAGE, "units.md.jinja", "Organisation",
                          tree=self._tree(None), counts=self._unit_counts())

    def unit(self, unit: Unit) -> PageSpec:
        """/organisation/<id>/: the channels of a unit and of its sub-units."""
        views = sorted((v for uid in self._descendants(unit.id) for v in self._by_unit[uid]),
                       key=listing_order)
        children = self._children[unit.id]
        reviews = reviews_due(views, today=self.today, warn=self.review_warn_months,
                              fail=self.review_fail_months) if self.show_reviews else []
        return self._spec(unit_page(unit.id), "unit.md.jinja", unit.name, unit=unit,
                          parent=self.units.get(unit.parent or ""), children=children,
                          channels=views, own=[v for v in views if v.channel.unit == unit.id],
                          show_reviews=self.show_reviews, reviews=reviews,
                          review_warn_months=self.review_warn_months)

    def checks_reference(self) -> PageSpec:
        """/mitmachen/pruefungen/: every check code with severity, reason and fix."""
        groups: dict[str, list[Any]] = defaultdict(list)
        for info in catalogue().values():
            groups[info.group].append(info)
        return self._spec(CHECKS_PAGE, "checks.md.jinja", "Prüfungen", groups=groups)

    def fields_reference(self) -> PageSpec:
        """/mitmachen/felder/: the channel fields, statuses, platforms, units and topics."""
        return self._spec(FIELDS_PAGE, "fields.md.jinja", "Feldreferenz",
                          fields=field_rows(Channel), statuses=list(STATUS_LABELS.items()),
                          platforms=list(self.catalog.platforms.platforms.values()),
                          topics=self.topics, variables=variables(),
                          values=self.variable_values)

    def verify(self) -> PageSpec:
        """/pruefen/: "Ist dieser Account echt?"."""
        return self._spec(VERIFY_PAGE, "verify.md.jinja", "Ist dieser Account echt?",
                          fakes=self.fakes)

    def report(self) -> PageSpec:
        """/bericht/: the annual report's figures, charts (SVG) and reviews due per unit."""
        report = build_report(self.views, self.units, self.catalog.platforms, today=self.today,
                              review_warn_months=self.review_warn_months,
                              review_fail_months=self.review_fail_months)
        return self._spec(REPORT_PAGE, "report.md.jinja", "Jahresbericht", report=report,
                          charts=report_charts(report), show_reviews=self.show_reviews)

    def imprints(self) -> list[PageSpec]:
        """/impressum/ from _organisation.yml, and /impressum/<unit>/ for legal persons."""
        if self.org is None:
            return []
        others = [u for u in self.units.values() if u.imprint is not None]
        pages = [self._spec(imprint_page(), "imprint.md.jinja", "Impressum",
                            data=self.org, scope=None, others=others)]
        for unit in others:
            data = unit.imprint
            scope = (data.name if data else None) or unit.name
            pages.append(self._spec(imprint_page(unit.id), "imprint.md.jinja",
                                    f"Impressum: {scope}", data=data, scope=scope, others=[]))
        return pages

    def _descendants(self, unit_id: str) -> set[str]:
        found, todo = {unit_id}, [unit_id]
        while todo:
            current = todo.pop()
            for unit in self._children[current]:
                if unit.id not in found:
                    found.add(unit.id)
                    todo.append(unit.id)
        return found

    def _unit_counts(self) -> dict[str, int]:
        direct = Counter(v.channel.unit for v in self.current)
        return {uid: sum(direct[d] for d in self._descendants(uid)) for uid in self.units}

    def _tree(self, parent: str | None) -> list[tuple[Unit, list[Any]]]:
        children = list(self._children[parent])
        if parent is None:  # units whose parent is unknown (reported by SCH014) are roots too
            children += [u for u in self.units.values()
                         if u.parent is not None and u.parent not in self.units]
        children.sort(key=lambda u: u.name.casefold())
        return [(u, self._tree(u.id)) for u in children if u.id != parent]
