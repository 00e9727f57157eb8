"""One timeline per young person, fed by every domain.

A domain registers a provider with ``@timeline_provider``; the provider returns the entries
it owns for a young person *already obtained through the access layer*, and must itself
show only what the actor may see (e.g. restricted notes). Providers are imported at start-up
by their app's ``AppConfig.ready``. Each provider should cost a constant number of queries.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from accroche.access.actor import Actor
from accroche.youth.models import Youth


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    kind: str  # a stable code: "consent", "contact", "referral", "diagnostic"…
    title: str  # French, short: "Rencontre en maraude"
    detail: str = ""  # French, one line
    structure: str = ""  # the structure that did it
    author: str = ""  # the professional, if any
    url_name: str = ""  # a page about it, reversed by the web layer with url_args
    url_args: tuple[object, ...] = ()


Provider = Callable[[Actor, Youth], Iterable[TimelineEntry]]
PROVIDERS: list[Provider] = []


def timeline_provider(func: Provider) -> Provider:
    PROVIDERS.append(func)
    return func


def timeline_for(actor: Actor, youth: Youth) -> list[TimelineEntry]:
    """Newest first."""
    entries = [entry for provider in PROVIDERS for entry in provider(actor, youth)]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)
