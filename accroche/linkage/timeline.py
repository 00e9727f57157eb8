"""Merges appear on the kept file's timeline."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.linkage.models import Merge
from accroche.youth.models import Youth
from accroche.youth.timeline import TimelineEntry, timeline_provider


@timeline_provider
def merges(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    entries = []
    for merge in Merge.objects.filter(keep=youth).select_related("merged_by_structure"):
        entries.append(
            TimelineEntry(
                at=merge.merged_at,
                kind="merge",
                title=_("Fiche en double fusionnée dans celle-ci"),
                detail=_("Fusion annulée") if merge.undone_at else "",
                structure=merge.merged_by_structure.name,
            )
        )
    return entries
