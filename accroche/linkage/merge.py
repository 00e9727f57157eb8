"""Merging two files of the same young person, and undoing it within 30 days.

Everything that points at the absorbed file moves to the kept one *generically*: every
relation in ``Youth._meta.related_objects`` (foreign keys, one-to-one, many-to-many from
other models) and the file's own many-to-many fields, so what other domains add later
(enrolments, diagnostics, contacts, attendances…) moves without a change here. The merge
records exactly which rows moved, so undoing it puts them back; the absorbed file itself
is never changed nor deleted, only hidden by the access layer while the merge stands.
A merge can be undone after an erasure of either file: what the erasure removed stays
removed (``snapshot_after_erasure``, tests/linkage/test_merge_after_erasure.py)."""

import datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm
from accroche.linkage.models import Merge
from accroche.organisations.models import Structure
from accroche.youth.access import structures_seeing, visible_rows, youths_visible_to
from accroche.youth.fields import MERGE_FILLED
from accroche.youth.models import Gender, Youth
from accroche.youth.relations import blank_records
from accroche.youth.search import SEARCH_FIELDS, refresh_search_fields
from accroche.youth.services import name_completeness

UNDO_DAYS = 30
# Identity fields a merge may fill on the kept file when it has no value there; the
# other rules of _fill are declared in accroche.youth.fields too.
FILLABLE = MERGE_FILLED


def undo_deadline(merge: Merge) -> datetime.datetime:
    return merge.merged_at + datetime.timedelta(days=UNDO_DAYS)


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _conflict(model: type[models.Model], pks: list[int], field: str, keep: Youth) -> str:
    """The French message of the constraint a move would break (for a clear refusal)."""
    for obj in model._base_manager.filter(pk__in=pks):
        setattr(obj, field, keep)
        try:
            obj.validate_constraints()
            obj.validate_unique()
        except ValidationError as exc:
            return " ".join(exc.messages)
    return _("%(what)s ne peut pas être rattaché deux fois à la même fiche.") % {
        "what": str(model._meta.verbose_name).capitalize()
    }


def _move(model: type[models.Model], field: str, absorb: Youth, keep: Youth) -> dict[str, Any]:
    pks = list(
        model._base_manager.filter(**{field: absorb.pk}).order_by("pk").values_list("pk", flat=True)
    )
    if pks:
        try:
            with transaction.atomic():
                model._base_manager.filter(pk__in=pks).update(**{field: keep.pk})
        except IntegrityError:
            message = _conflict(model, pks, field, keep)
            raise ValidationError(
                {"__all__": [_("Fusion impossible : %(reason)s") % {"reason": message}]}
            ) from None
    return {"model": model._meta.label_lower, "field": field, "pks": pks}


def _move_relations(absorb: Youth, keep: Youth) -> list[dict[str, Any]]:
    moved = []
    # Youth._meta.related_objects, hidden relations (related_name "+") included.
    for relation in Youth._meta.get_fields(include_hidden=True):
        if not isinstance(relation, models.ForeignObjectRel):
            continue  # the file's own fields
        model: Any = relation.related_model
        if model._meta.app_label == "linkage":
            continue
        if relation.many_to_many:
            through: Any = relation.through  # type: ignore[attr-defined]
            if not through._meta.auto_created:
                continue  # an explicit through model has its own foreign key, moved below
            field = relation.field.m2m_reverse_field_name()  # type: ignore[attr-defined]
            moved.append(_move_links(through, field, absorb, keep))
        elif not model._meta.auto_created:  # automatic m2m tables: handled above and below
            moved.append(_move(model, relation.field.name, absorb, keep))
    for m2m in Youth._meta.many_to_many:
        through = m2m.remote_field.through
        moved.append(_copy_own_links(m2m, through, absorb, keep))
    return [entry for entry in moved if entry["pks"]]


def _move_links(through: Any, field: str, absorb: Youth, keep: Youth) -> dict[str, Any]:
    """Rows of an automatic many-to-many table (another model ↔ Youth): move those the
    kept file does not already have; a link both files had stays, harmlessly, on the
    absorbed one."""
    other = next(
        f.attname
        for f in through._meta.fields
        if f.is_relation and f.name != field and f.name != "id"
    )
    already = through.objects.filter(**{field: keep.pk}).values(other)
    pks = list(
        through.objects.filter(**{field: absorb.pk})
        .exclude(**{f"{other}__in": already})
        .values_list("pk", flat=True)
    )
    through.objects.filter(pk__in=pks).update(**{field: keep.pk})
    return {"model": through._meta.label_lower, "field": field, "pks": pks}


def _copy_own_links(m2m: Any, through: Any, absorb: Youth, keep: Youth) -> dict[str, Any]:
    """The file's own many-to-many (frequented communes…): the kept file gains the
    absorbed file's links; undo deletes exactly those."""
    source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    target_id = through._meta.get_field(target).attname
    source_id = through._meta.get_field(source).attname
    had = set(through.objects.filter(**{source: keep.pk}).values_list(target_id, flat=True))
    wanted = [
        value
        for value in through.objects.filter(**{source: absorb.pk}).values_list(target_id, flat=True)
        if value not in had
    ]
    through.objects.bulk_create(through(**{source_id: keep.pk, target_id: v}) for v in wanted)
    pks = list(
        through.objects.filter(**{source: keep.pk, f"{target_id}__in": wanted}).values_list(
            "pk", flat=True
        )
    )
    return {"model": through._meta.label_lower, "created": True, "pks": pks}


def _fill(keep: Youth, absorb: Youth) -> dict[str, Any]:
    """Empty identity fields of the kept file take the absorbed file's value."""
    filled: dict[str, Any] = {}
    for field in FILLABLE:
        if _empty(getattr(keep, field)) and not _empty(getattr(absorb, field)):
            filled[field] = getattr(keep, field)
            setattr(keep, field, getattr(absorb, field))
    if keep.birth_date is None and keep.birth_year is None and absorb.birth_year:
        filled["birth_year"], keep.birth_year = None, absorb.birth_year
    if keep.gender == Gender.NOT_STATED and absorb.gender != Gender.NOT_STATED:
        filled["gender"], keep.gender = keep.gender, absorb.gender
    if keep.residence_commune_id is None and absorb.residence_commune_id is not None:
        filled["residence_commune_id"] = None
        filled["residence_qpv_id"] = keep.residence_qpv_id
        keep.residence_commune_id = absorb.residence_commune_id
        keep.residence_qpv_id = absorb.residence_qpv_id
    return filled


def _save_identity(youth: Youth, fields: list[str]) -> None:
    youth.name_completeness = name_completeness(youth.first_name, youth.last_name)
    refresh_search_fields(youth)
    youth.save(update_fields=[*fields, "name_completeness", *SEARCH_FIELDS, "updated_at"])


def snapshot(youth: Youth) -> dict[str, Any]:
    return {field.attname: getattr(youth, field.attname) for field in Youth._meta.concrete_fields}


def _same(current: Any, taken: Any) -> bool:
    """A field of the kept file still holds the value taken (the snapshot keeps dates as
    ISO strings)."""
    if isinstance(current, datetime.date) and isinstance(taken, str):
        current = current.isoformat()
    return bool(current == taken)


def snapshot_after_erasure(merge: Merge, absorbed: Youth) -> dict[str, Any]:
    """A merge's snapshot once its absorbed file is anonymised: that file as it now is,
    and, while the merge stands, the values the kept file took from it and still shows
    (on the kept file anyway; undo compares them to give the kept file back its own)."""
    kept = snapshot(absorbed)
    if merge.undone_at is None and merge.filled:
        keep = Youth.objects.get(pk=merge.keep_id)
        for field in merge.filled:
            if _same(getattr(keep, field), merge.snapshot.get(field)):
                kept[field] = merge.snapshot.get(field)
    return kept


@transaction.atomic
def do_merge(actor: Actor, keep_id: int, absorb_id: int) -> Merge:
    """Only someone who sees both files may merge them; anything else is a 404."""
    actor.require(Perm.EDIT_YOUTH)
    if keep_id == absorb_id:
        raise ValidationError({"absorb": [_("Choisissez deux fiches différentes.")]})
    youths = {
        youth.pk: youth
        for youth in youths_visible_to(actor)
        .select_for_update()
        .filter(pk__in=[keep_id, absorb_id])
    }
    if len(youths) != 2:
        raise Http404
    keep, absorb = youths[keep_id], youths[absorb_id]
    seeing_absorbed = structures_seeing(absorb)
    moved = _move_relations(absorb, keep)
    filled = _fill(keep, absorb)
    if filled:
        _save_identity(keep, list(filled))
    lost = seeing_absorbed - structures_seeing(keep)
    if lost:
        names = ", ".join(Structure.objects.filter(pk__in=lost).values_list("name", flat=True))
        raise ValidationError(
            {
                "keep": [
                    _(
                        "Après la fusion, %(structures)s ne verrai(en)t plus ce dossier. "
                        "Gardez plutôt la fiche de cette structure, ou recueillez d'abord "
                        "le consentement du jeune au partage."
                    )
                    % {"structures": names}
                ]
            }
        )
    merge = Merge.objects.create(
        keep=keep,
        absorbed=absorb,
        moved=moved,
        filled=filled,
        snapshot=snapshot(absorb),
        merged_at=timezone.now(),
        merged_by=actor.user,
        merged_by_structure_id=actor.structure_id,
    )
    for youth in (keep, absorb):
        audit.log(actor, AuditEvent.Action.UPDATE, "youth", youth.pk, fields=["merge"])
    _refresh_linkage_after_commit(keep.pk)
    return merge


def _live_head(youth_id: int) -> int:
    """The file a file was (perhaps successively) merged into."""
    for _step in range(20):
        nxt = (
            Merge.objects.filter(absorbed_id=youth_id, undone_at__isnull=True)
            .values_list("keep_id", flat=True)
            .first()
        )
        if nxt is None:
            return youth_id
        youth_id = nxt
    return youth_id


@transaction.atomic
def do_undo_merge(actor: Actor, merge_id: int) -> Merge:
    actor.require(Perm.EDIT_YOUTH)
    merge = (
        Merge.objects.select_for_update(of=("self",))
        .select_related("absorbed")
        .filter(pk=merge_id, undone_at__isnull=True)
        .first()
    )
    if merge is None:
        raise Http404
    head = _live_head(merge.keep_id)
    if not youths_visible_to(actor).filter(pk=head).exists():
        raise Http404
    if timezone.now() > undo_deadline(merge):
        raise ValidationError(
            {
                "__all__": [
                    _(
                        "Cette fusion date de plus de %(days)s jours : elle ne peut plus "
                        "être annulée."
                    )
                    % {"days": UNDO_DAYS}
                ]
            }
        )
    if head != merge.keep_id:
        raise ValidationError(
            {
                "__all__": [
                    _(
                        "Cette fiche a depuis été fusionnée dans une autre : annulez d'abord "
                        "cette fusion plus récente."
                    )
                ]
            }
        )
    for entry in merge.moved:
        model = apps.get_model(entry["model"])
        if entry.get("created"):
            model._base_manager.filter(pk__in=entry["pks"]).delete()
        else:
            model._base_manager.filter(
                pk__in=entry["pks"], **{entry["field"]: merge.keep_id}
            ).update(**{entry["field"]: merge.absorbed_id})
    absorbed = merge.absorbed
    if absorbed.anonymised_at:
        # Erased since the merge: what goes back to it loses its free texts, as its own did.
        blank_records(absorbed)
    _restore(merge)
    if absorbed.anonymised_at:
        merge.snapshot = snapshot(absorbed)  # the values the kept file took are gone from it
    merge.undone_at = timezone.now()
    merge.undone_by = actor.user
    merge.save(update_fields=["undone_at", "undone_by", "snapshot"])
    for youth_id in (merge.keep_id, merge.absorbed_id):
        audit.log(actor, AuditEvent.Action.UPDATE, "youth", youth_id, fields=["unmerge"])
    _refresh_linkage_after_commit(merge.keep_id)
    return merge


def _restore(merge: Merge) -> None:
    """Put back the kept file's fields that the merge filled, unless edited since."""
    if not merge.filled:
        return
    keep = Youth.objects.select_for_update().get(pk=merge.keep_id)
    absorbed = merge.snapshot
    restored: list[str] = []
    for field, previous in merge.filled.items():
        together = field == "residence_qpv_id" and "residence_commune_id" in restored
        if _same(getattr(keep, field), absorbed.get(field)) or together:
            value = previous
            if field == "birth_date" and isinstance(value, str):
                value = datetime.date.fromisoformat(value)
            setattr(keep, field, value)
            restored.append(field)
    if restored:
        _save_identity(keep, restored)


def _refresh_linkage_after_commit(youth_id: int) -> None:
    from accroche.linkage.index import refresh_after_commit

    transaction.on_commit(lambda: refresh_after_commit(youth_id))


def recent_merges(actor: Actor) -> list[Merge]:
    """Merges that can still be undone, on files the user sees."""
    if not actor.can(Perm.VIEW_YOUTH):
        return []
    since = timezone.now() - datetime.timedelta(days=UNDO_DAYS)
    return list(
        Merge.objects.filter(
            visible_rows(actor, "keep"), undone_at__isnull=True, merged_at__gte=since
        ).select_related("keep", "merged_by_structure")
    )
