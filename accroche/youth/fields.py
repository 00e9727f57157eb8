"""One inventory of the young person's fields: what happens to each one, decided once.

Every concrete and many-to-many field of ``Youth`` has exactly one line below. The form,
the domain functions, the anonymisation, the evaluators' export, the merge of duplicates
and the access copy read their field lists from here; tests/youth/test_field_inventory.py
fails when a field of the model has no line, and checks each decision against what the
code does. How to add a field: docs/howto/add-a-field.md.
"""

from dataclasses import dataclass
from enum import StrEnum


class Edit(StrEnum):
    """Who writes the field."""

    FORM = "form"  # the file's form and the API (do_create_youth / do_update_youth)
    SYSTEM = "system"  # set by the code only (ids, timestamps, holder, derived values)


class Erase(StrEnum):
    """What anonymisation (accroche.privacy.erasure) does to the field."""

    BLANK = "blank"  # emptied: a direct identifier or a free text
    RANDOM = "random"  # replaced by a random token, so that erased files never look alike
    TO_YEAR = "to_year"  # the birth date goes; its year stays in birth_year
    CLEAR = "clear"  # many-to-many: every link removed
    MARK = "mark"  # set to the moment of the anonymisation (updated_at: by the save)
    DERIVED = "derived"  # recomputed from the erased fields (search keys)
    KEEP = "keep"  # not an identifier: kept so that what funders count stays the same


class Evaluation(StrEnum):
    """What the evaluators' pseudonymised export (reports.export_evaluation) makes of it."""

    AS_IS = "as_is"  # a category, shown as is (subject to small-cell suppression)
    GENERALISED = "generalised"  # coarsened: the birth date and year give an age band
    DROPPED = "dropped"  # never leaves Accroche


class Merge(StrEnum):
    """What merging a duplicate into the kept file (linkage.merge) does to the field."""

    FILL = "fill"  # the kept file's empty value takes the absorbed file's
    FILL_YEAR = "fill_year"  # birth_year: only when the kept file has no date nor year
    FILL_STATED = "fill_stated"  # gender: "not stated" takes the absorbed file's answer
    FILL_PLACE = "fill_place"  # residence commune, and its QPV with it, when none is known
    UNION = "union"  # many-to-many: the kept file gains the absorbed file's links
    KEEP = "keep"  # the kept file's value stays


@dataclass(frozen=True)
class YouthField:
    name: str
    edit: Edit
    erase: Erase
    evaluation: Evaluation
    merge: Merge
    access_copy: bool  # shown in the copy given to the young person (RGPD art. 15)
    api: bool  # read through the API (YouthOut)


_F, _S = Edit.FORM, Edit.SYSTEM
_AS_IS, _GEN, _DROP = Evaluation.AS_IS, Evaluation.GENERALISED, Evaluation.DROPPED
# fmt: off
INVENTORY: tuple[YouthField, ...] = tuple(YouthField(*line) for line in (
    # name                  edit erase          evaluation merge              access api
    ("id",                  _S, Erase.KEEP,     _DROP,   Merge.KEEP,        False, True),
    ("first_name",          _F, Erase.BLANK,    _DROP,   Merge.FILL,        True,  True),
    ("nickname",            _F, Erase.RANDOM,   _DROP,   Merge.FILL,        True,  True),
    ("last_name",           _F, Erase.BLANK,    _DROP,   Merge.FILL,        True,  True),
    ("name_completeness",   _S, Erase.KEEP,     _DROP,   Merge.KEEP,        True,  True),
    ("birth_date",          _F, Erase.TO_YEAR,  _GEN,    Merge.FILL,        True,  True),
    ("birth_year",          _F, Erase.KEEP,     _GEN,    Merge.FILL_YEAR,   True,  True),
    ("gender",              _F, Erase.KEEP,     _AS_IS,  Merge.FILL_STATED, True,  True),
    ("phone",               _F, Erase.BLANK,    _DROP,   Merge.FILL,        True,  True),
    ("email",               _F, Erase.BLANK,    _DROP,   Merge.FILL,        True,  True),
    ("social_handle",       _F, Erase.BLANK,    _DROP,   Merge.FILL,        True,  True),
    ("residence_commune",   _F, Erase.KEEP,     _AS_IS,  Merge.FILL_PLACE,  True,  True),
    ("residence_qpv",       _F, Erase.KEEP,     _AS_IS,  Merge.FILL_PLACE,  True,  True),
    ("nationality",         _F, Erase.KEEP,     _DROP,   Merge.FILL,        True,  True),
    ("rqth",                _F, Erase.KEEP,     _DROP,   Merge.FILL,        True,  True),
    ("has_children",        _F, Erase.KEEP,     _DROP,   Merge.FILL,        True,  True),
    ("driving_licence",     _F, Erase.KEEP,     _DROP,   Merge.FILL,        True,  True),
    ("frequented_communes", _F, Erase.CLEAR,    _DROP,   Merge.UNION,       True,  True),
    ("frequented_qpvs",     _F, Erase.CLEAR,    _DROP,   Merge.UNION,       True,  True),
    ("frequented_places",   _F, Erase.BLANK,    _DROP,   Merge.KEEP,        True,  True),
    ("holder_structure",    _S, Erase.KEEP,     _DROP,   Merge.KEEP,        True,  True),
    ("created_by",          _S, Erase.KEEP,     _DROP,   Merge.KEEP,        False, False),
    ("created_at",          _S, Erase.KEEP,     _DROP,   Merge.KEEP,        True,  True),
    ("updated_at",          _S, Erase.MARK,     _DROP,   Merge.KEEP,        True,  True),
    ("last_contact_at",     _S, Erase.KEEP,     _DROP,   Merge.KEEP,        True,  True),
    ("anonymised_at",       _S, Erase.MARK,     _DROP,   Merge.KEEP,        True,  False),
    ("search_text",         _S, Erase.DERIVED,  _DROP,   Merge.KEEP,        False, False),
    ("search_phonetic",     _S, Erase.DERIVED,  _DROP,   Merge.KEEP,        False, False),
    ("phone_digits",        _S, Erase.DERIVED,  _DROP,   Merge.KEEP,        False, False),
))
# fmt: on
BY_NAME = {field.name: field for field in INVENTORY}
# The file's own many-to-many fields (the lived neighbourhood).
MANY_TO_MANY = ("frequented_communes", "frequented_qpvs")


def names(
    *,
    edit: Edit | None = None,
    erase: Erase | None = None,
    evaluation: Evaluation | None = None,
    merge: Merge | None = None,
    many_to_many: bool | None = None,
) -> tuple[str, ...]:
    """The names of the fields with these decisions, in the model's order."""
    return tuple(
        f.name
        for f in INVENTORY
        if (edit is None or f.edit == edit)
        and (erase is None or f.erase == erase)
        and (evaluation is None or f.evaluation == evaluation)
        and (merge is None or f.merge == merge)
        and (many_to_many is None or (f.name in MANY_TO_MANY) == many_to_many)
    )


# The fields a person edits in the form and the API; the lived neighbourhood apart.
EDITABLE_FIELDS = names(edit=Edit.FORM, many_to_many=False)
M2M_FIELDS = names(edit=Edit.FORM, many_to_many=True)
FORM_FIELDS = names(edit=Edit.FORM)
# Identifiers and free texts emptied by anonymisation.
ERASED_BLANK = names(erase=Erase.BLANK)
# What may leave in the evaluators' export, coarsened or not.
EVALUATION_FIELDS = tuple(f.name for f in INVENTORY if f.evaluation != Evaluation.DROPPED)
# Empty on the kept file: takes the absorbed file's value.
MERGE_FILLED = names(merge=Merge.FILL)
# Not shown in the access copy: internal keys and derived search fields.
NOT_IN_ACCESS_COPY = frozenset(f.name for f in INVENTORY if not f.access_copy)
API_FIELDS = tuple(f.name for f in INVENTORY if f.api)
