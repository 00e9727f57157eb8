"""Duplicates in the demo, as field work makes them: a young person met twice by the same
structure (a nickname, a misspelt name, day and month swapped) and a few met by two
structures of the overlapping zones. The demo keeps its number of files: a few files
become a second file of another young person, history included, as happens. Then every
file gets its blocking keys and encodings (the demo bulk-creates its files, which sends
no save signal)."""

from accroche.demo.consortium import DemoContext
from accroche.linkage.index import refresh
from accroche.linkage.nicknames import DIMINUTIVES
from accroche.text import fold
from accroche.youth.models import Youth
from accroche.youth.search import SEARCH_FIELDS, refresh_search_fields
from accroche.youth.services import name_completeness

SAME_STRUCTURE = 4
OTHER_STRUCTURE = 3
SHORT = {canon: short for short, canon in DIMINUTIVES.items() if short != canon}


def _variant(original: Youth, kind: int) -> dict[str, object]:
    first, last, born = original.first_name, original.last_name, original.birth_date
    if kind == 0 and fold(first) in SHORT:
        return {"first_name": SHORT[fold(first)].capitalize()}
    if kind <= 1:
        return {"last_name": last[:-2] + last[-1] + last[-2] if len(last) > 3 else last + "e"}
    if kind == 2 and born and born.day <= 12 and born.day != born.month:
        return {"birth_date": born.replace(day=born.month, month=born.day)}
    return {
        "first_name": first.upper(),
        "phone": "",
        "birth_date": None,
        "birth_year": born.year if born else None,
    }


IDENTITY = ("first_name", "nickname", "last_name", "birth_date", "birth_year", "gender",
            "phone", "email", "residence_commune_id")  # fmt: skip


def _become_copy(target: Youth, original: Youth, changes: dict[str, object]) -> None:
    """``target`` becomes a second file of ``original``'s young person."""
    values = {field: getattr(original, field) for field in IDENTITY} | changes
    for field, value in values.items():
        setattr(target, field, value)
    target.name_completeness = name_completeness(target.first_name, target.last_name)
    refresh_search_fields(target)
    fields = [*IDENTITY, "name_completeness", *SEARCH_FIELDS]
    Youth.objects.filter(pk=target.pk).update(**{f: getattr(target, f) for f in fields})


def build(ctx: DemoContext) -> None:
    complete = sorted(
        (y for y in ctx.youths if y.first_name and y.last_name and y.birth_date),
        key=lambda y: y.pk,
    )
    chosen = ctx.rng.sample(complete, min(len(complete), 2 * (SAME_STRUCTURE + OTHER_STRUCTURE)))
    originals, spare = chosen[: len(chosen) // 2], chosen[len(chosen) // 2 :]
    for index, original in enumerate(originals):
        same = index < SAME_STRUCTURE
        target = next(
            (y for y in spare if (y.holder_structure_id == original.holder_structure_id) == same),
            None,
        )
        if target is None:
            continue
        spare.remove(target)
        _become_copy(target, original, _variant(original, index % 4))
    refresh(list(Youth.objects.select_related("residence_commune")))
