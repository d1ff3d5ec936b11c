"""The site's view model: what the pages, the feed and the report show of each channel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .paths import channel_page
from .register.catalog import Catalog, Listed
from .register.models import STATUS_LABELS, KnownFake, Unit
from .register.platforms import Platform


@dataclass(frozen=True)
class ChannelView:
    """What the templates show of a channel, with every derived value computed once."""

    item: Listed
    platform: Platform | None
    unit: Unit | None
    topics: list[tuple[str, str]]
    page: str

    @property
    def channel(self) -> Any:
        """The validated channel model."""
        return self.item.channel

    @property
    def status_label(self) -> str:
        """The status in German."""
        return STATUS_LABELS[self.item.channel.status]

    @property
    def handle(self) -> str:
        """The account as citizens recognise it (``@name`` where the platform uses that)."""
        account = self.item.account
        if account is None:
            return self.item.channel.url
        text = account.account
        if self.platform and self.platform.handle and not text.startswith("@"):
            return "@" + text
        if self.item.channel.platform == "mastodon":
            return "@" + text
        return text


def listing_order(view: ChannelView) -> tuple[str, str]:
    """Channels are listed by name, then by page (which is unique)."""
    return (view.channel.name.casefold(), view.item.slug)


def channel_views(catalog: Catalog) -> list[ChannelView]:
    """A view of every public channel, in listing order."""
    org = catalog.organisation
    topics = dict(org.topics) if org else {}
    views = [
        ChannelView(
            item=item,
            platform=catalog.platform(item),
            unit=catalog.units.get(item.channel.unit),
            topics=[(t, topics.get(t, t)) for t in item.channel.topics],
            page=channel_page(item),
        )
        for item in catalog.public()
    ]
    views.sort(key=listing_order)
    return views


@dataclass(frozen=True)
class FakeView:
    """What the pages show of a known fake: facts and dates only."""

    fake: KnownFake
    platform: Platform | None
    url: str

    @property
    def platform_name(self) -> str:
        """The platform's name (its id when unknown)."""
        return self.platform.name if self.platform else self.fake.platform
