"""Right to erasure and end of retention: the file is anonymised, not deleted, so that
what funders count (enrolments and their dates, situation at entry, exits, contacts)
stays exactly the same."""

import secrets

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.linkage.models import Merge
from accroche.privacy.models import Erasure
from accroche.privacy.relations import children, free_text_fields, youth_relations
from accroche.youth.fields import ERASED_BLANK
from accroche.youth.models import Youth
from accroche.youth.search import refresh_search_fields

OBJECT_TYPE = "youth"
# Derived from the identity and refreshed when the file is saved, or identifiers only.
_REFRESHED = {"linkage.LinkageKey", "linkage.Encoding", "linkage.NotDuplicate", "linkage.Merge"}
# Direct identifiers of the file itself.
IDENTITY_FIELDS = ERASED_BLANK  # and free texts: accroche.youth.fields decides


def _blank(model: type[Model], condition: Q) -> int:
    names = free_text_fields(model)
    if not names:
        return 0
    return model._default_manager.filter(condition).update(**dict.fromkeys(names, ""))


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
    for relation in youth_relations():
        if relation.label in _REFRESHED:
            continue
        _blank(relation.model, Q(**{relation.field: youth}))
        for child, fk in children(relation.model):
            _blank(child, Q(**{f"{fk}__{relation.field}": youth}))
    # The merge snapshots hold the identity of the files merged into this one.
    Merge.objects.filter(Q(keep=youth) | Q(absorbed=youth)).update(snapshot={}, filled={})


def do_erase_youth(actor: Actor | None, youth: Youth, reason: str) -> Youth:
    """Anonymise a file (``actor`` None: the retention job). Files merged into it go too."""
    with transaction.atomic():
        youth = Youth.objects.select_for_update().get(pk=youth.pk)
        if youth.anonymised_at:
            return youth
        absorbed = list(
            Youth.objects.filter(pk__in=Merge.objects.filter(keep=youth).values("absorbed"))
        )
        for y in [youth, *absorbed]:
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
