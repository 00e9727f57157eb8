"""Everything that hangs on a young person's file, found generically, so that a model
added later with a foreign key to ``Youth`` is exported and anonymised without a change
here (tests/privacy/test_export.py fails if one is neither exported nor excluded)."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models
from django.db.models.fields.reverse_related import ForeignObjectRel

from accroche.youth.models import Youth

# Relations of Youth left out of the access export, with the reason.
NOT_EXPORTED: dict[str, str] = {
    "linkage.LinkageKey": "keyed hashes of the identity used to find duplicates: unreadable, "
    "derived from the identity that is exported",
    "linkage.Encoding": "Bloom-filter encodings of the identity: unreadable, derived data",
    "linkage.NotDuplicate": "a professional's decision that two files are different people: "
    "identifiers only",
    "youth.Youth_frequented_communes": "exported in the identity (communes fréquentées)",
    "youth.Youth_frequented_qpvs": "exported in the identity (QPV fréquentés)",
}


@dataclass(frozen=True)
class Relation:
    model: type[models.Model]
    field: str  # the foreign key to Youth on ``model``

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def key(self) -> str:
        return f"{self.label}.{self.field}"


def youth_relations() -> list[Relation]:
    """Every foreign key to Youth (hidden ones too), in a stable order."""
    found = []
    for rel in Youth._meta.get_fields(include_hidden=True):
        if isinstance(rel, ForeignObjectRel) and rel.related_model is not Youth:
            model = rel.related_model
            assert isinstance(model, type)
            found.append(Relation(model, rel.field.name))
    return found


def points_to_youth(model: type[models.Model]) -> bool:
    return any(f.is_relation and f.related_model is Youth for f in model._meta.concrete_fields)


def children(model: type[models.Model]) -> Iterator[tuple[type[models.Model], str]]:
    """Rows hanging on a youth's rows without their own link to Youth (a diagnostic's
    barriers, an enrolment's phase changes…): (model, foreign key name)."""
    for rel in model._meta.get_fields(include_hidden=True):
        if not isinstance(rel, ForeignObjectRel) or rel.many_to_many:
            continue
        child = rel.related_model
        assert isinstance(child, type)
        if child._meta.auto_created or points_to_youth(child):
            continue
        yield child, rel.field.name


def free_text_fields(model: type[models.Model]) -> list[str]:
    """Text typed by a person (no list of choices): what anonymisation removes."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and f.editable
        and f.name not in KEEP_TEXT.get(model._meta.label, ())
    ]


# Derived from the identity and refreshed when the file is saved, or identifiers only.
REFRESHED = {"linkage.LinkageKey", "linkage.Encoding", "linkage.NotDuplicate", "linkage.Merge"}


def _blank(model: type[models.Model], condition: models.Q) -> int:
    names = free_text_fields(model)
    if not names:
        return 0
    return model._default_manager.filter(condition).update(**dict.fromkeys(names, ""))


def blank_records(youth: Youth) -> None:
    """The free texts of every record of the file, and of those records' own rows, blanked
    (anonymisation; and records an undone merge gives back to an anonymised file)."""
    for relation in youth_relations():
        if relation.label in REFRESHED:
            continue
        _blank(relation.model, models.Q(**{relation.field: youth}))
        for child, fk in children(relation.model):
            _blank(child, models.Q(**{f"{fk}__{relation.field}": youth}))


# Free texts that say nothing about the person and that reports use.
KEEP_TEXT: dict[str, tuple[str, ...]] = {
    "followup.Immersion": ("trade",),
    "followup.HandOff": ("target_name",),
}
