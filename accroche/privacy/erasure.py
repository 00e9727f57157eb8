"""Right to erasure and end of retention: the file is anonymised, not deleted, so that
what funders count (enrolments and their dates, situation at entry, exits, contacts)
stays exactly the same."""

import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.linkage.merge import snapshot_after_erasure
from accroche.linkage.models import Merge
from accroche.privacy.models import Erasure
from accroche.youth.fields import ERASED_BLANK
from accroche.youth.models import Youth
from accroche.youth.relations import blank_records
from accroche.youth.search import refresh_search_fields

OBJECT_TYPE = "youth"
# Direct identifiers of the file itself.
IDENTITY_FIELDS = ERASED_BLANK  # and free texts: accroche.youth.fields decides


def _anonymise(youth: Youth) -> None:
    for name in IDENTITY_FIELDS:
        setattr(youth, name, "")
    # Random, so that anonymised files never look like duplicates of one another.
    youth.nickname = secrets.token_hex(6)
    if youth.birth_date:
        youth.birth_year = youth.birth_date.year
    youth.birth_date = None
    youth.anonymised_at = timezone.now()
    refresh_search_fields(youth)
    youth.save()
    youth.frequented_communes.clear()
    youth.frequented_qpvs.clear()
    blank_records(youth)
    # A merge's snapshot holds the absorbed file's identity: it keeps what the erasure
    # keeps, so that the merge can still be undone (accroche/linkage/merge.py); an undone
    # merge's was another person's file and no longer serves.
    for merge in Merge.objects.filter(Q(keep=youth) | Q(absorbed=youth)).select_related("absorbed"):
        if merge.absorbed_id == youth.pk or (
            merge.undone_at is None and merge.absorbed.anonymised_at
        ):
            merge.snapshot = snapshot_after_erasure(merge, merge.absorbed)
        elif merge.undone_at is not None:
            merge.snapshot = {}
        else:
            continue  # the absorbed file is anonymised next (``merged_into``)
        merge.save(update_fields=["snapshot"])


def merged_into(youth: Youth) -> list[Youth]:
    """Files merged into this one, directly or through files merged into it, by merges
    that stand (an undone merge was another person)."""
    found: set[int] = set()
    heads = {youth.pk}
    while heads:
        heads = set(
            Merge.objects.filter(keep_id__in=heads, undone_at__isnull=True).values_list(
                "absorbed_id", flat=True
            )
        ) - (found | {youth.pk})
        found |= heads
    return list(Youth.objects.filter(pk__in=found).order_by("pk"))


def do_erase_youth(actor: Actor | None, youth: Youth, reason: str) -> Youth:
    """Anonymise a file (``actor`` None: the retention job). Files merged into it go too."""
    with transaction.atomic():
        youth = Youth.objects.select_for_update().get(pk=youth.pk)
        if youth.anonymised_at:
            return youth
        for y in [youth, *merged_into(youth)]:
            if not y.anonymised_at:
                _anonymise(y)
        Erasure.objects.create(
            youth=youth,
            reason=reason,
            by=actor.user if actor else None,
            by_structure_id=actor.structure_id if actor else None,
        )
        fields = ["anonymisation", *IDENTITY_FIELDS, "birth_date"]
        if actor is None:
            audit.log_system(AuditEvent.Action.DELETE, OBJECT_TYPE, youth.pk)
        else:
            audit.log(actor, AuditEvent.Action.DELETE, OBJECT_TYPE, youth.pk, fields=fields)
    return youth
