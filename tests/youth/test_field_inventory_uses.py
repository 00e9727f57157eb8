"""Generated over the inventory (accroche.youth.fields): what anonymisation, the merge of
duplicates and the evaluators' export do to each field is what its line declares."""

import datetime
from typing import Any

import pytest

from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.linkage.merge import do_merge, do_undo_merge
from accroche.privacy.erasure import do_erase_youth
from accroche.reports.export_evaluation import YOUTH_FIELDS_READ, evaluation_export
from accroche.reports.filters import ReportFilter
from accroche.reports.pseudonymise import typed_key
from accroche.youth import fields as inventory
from accroche.youth.fields import INVENTORY, Erase, Evaluation, Merge
from accroche.youth.models import Consent, Gender, Youth
from accroche.youth.search import refresh_search_fields
from accroche.youth.services import do_create_youth
from tests.factories.organisations import ProgrammeFactory
from tests.factories.youth import ConsentFactory, EnrolmentFactory, YouthFactory
from tests.youth.field_samples import BIRTH_DATE, as_comparable, comparable, sample_values


@pytest.fixture
def case_worker(member, structure) -> Actor:
    membership = member(Role.CASE_WORKER, structure)
    return Actor(user=membership.user, membership=membership)


def _texts(youth: Youth) -> str:
    """Every stored value of the file, as text."""
    return " ".join(str(comparable(youth, f.name)) for f in INVENTORY)


# --- anonymisation -----------------------------------------------------------------


def test_anonymisation_does_to_each_field_what_the_inventory_declares(
    case_worker: Actor,
) -> None:
    youth = do_create_youth(case_worker, sample_values())
    youth = Youth.objects.get(pk=youth.pk)
    before = {f.name: comparable(youth, f.name) for f in INVENTORY}
    do_erase_youth(None, youth, "retention")
    after = Youth.objects.get(pk=youth.pk)
    # The search keys, as computed from what is left.
    expected_search = Youth(**{f.name: getattr(after, f.name) for f in Youth._meta.fields})
    refresh_search_fields(expected_search)
    for f in INVENTORY:
        was, now = before[f.name], comparable(after, f.name)
        match f.erase:
            case Erase.BLANK:
                assert was not in ("", None), f.name
                assert now in ("", None), f.name
            case Erase.RANDOM:
                assert now not in ("", None, was), f.name
            case Erase.TO_YEAR:
                assert now is None, f.name
                assert after.birth_year == was.year, f.name
            case Erase.CLEAR:
                assert was, f.name
                assert now == set(), f.name
            case Erase.MARK:
                assert now is not None, f.name
                assert now != was, f.name
            case Erase.DERIVED:
                assert now == getattr(expected_search, f.name), f.name
            case Erase.KEEP:
                assert now == was, f.name
    # Nothing erased survives elsewhere in the file (a search key, another field…).
    left = _texts(after).lower()
    for f in INVENTORY:
        if f.erase in (Erase.BLANK, Erase.RANDOM) and isinstance(before[f.name], str):
            assert before[f.name].lower() not in left, f.name
    assert BIRTH_DATE.isoformat() not in left


def test_erasure_blanks_exactly_the_fields_declared_blank() -> None:
    from accroche.privacy.erasure import IDENTITY_FIELDS

    assert set(IDENTITY_FIELDS) == {f.name for f in INVENTORY if f.erase == Erase.BLANK}


# --- merge of duplicates ------------------------------------------------------------

_FILLED = {Merge.FILL, Merge.FILL_YEAR, Merge.FILL_STATED, Merge.FILL_PLACE, Merge.UNION}


@pytest.mark.parametrize("name", inventory.FORM_FIELDS)
def test_a_merge_fills_an_empty_field_as_the_inventory_declares(
    name: str, case_worker: Actor, structure
) -> None:
    rule = inventory.BY_NAME[name].merge
    value = sample_values()[name]
    given = {name: value}
    if name == "residence_qpv":  # a QPV comes with its commune
        given["residence_commune"] = value.communes.get()
    if name == "frequented_qpvs":
        given["frequented_communes"] = [value[0].communes.get()]
    kept_name = (
        {"first_name": "", "nickname": "Kévinou"}
        if name == "first_name"
        else {"first_name": "Kévin"}
    )
    keep = YouthFactory(holder_structure=structure, **kept_name)
    absorb = do_create_youth(case_worker, {"first_name": "Kev", **given})
    empty = comparable(keep, name)
    merge = do_merge(case_worker, keep.pk, absorb.pk)
    merged = comparable(Youth.objects.get(pk=keep.pk), name)
    if rule in _FILLED:
        assert merged == as_comparable(name, value), name
    else:
        assert rule == Merge.KEEP, name
        assert merged == empty, name
    do_undo_merge(case_worker, merge.pk)
    assert comparable(Youth.objects.get(pk=keep.pk), name) == empty, name


def test_a_merge_keeps_a_value_the_kept_file_has(case_worker: Actor, structure) -> None:
    keep = do_create_youth(case_worker, sample_values())
    kept = {f.name: comparable(Youth.objects.get(pk=keep.pk), f.name) for f in INVENTORY}
    other = {"first_name": "Kev", "last_name": "Autre", "gender": Gender.WOMAN}
    absorb = do_create_youth(case_worker, other | {"birth_date": datetime.date(2006, 1, 2)})
    do_merge(case_worker, keep.pk, absorb.pk)
    merged = Youth.objects.get(pk=keep.pk)
    for name in inventory.FORM_FIELDS:
        assert comparable(merged, name) == kept[name], name


# --- the evaluators' export ---------------------------------------------------------


def test_the_export_reads_exactly_the_fields_the_inventory_lets_leave() -> None:
    assert set(YOUTH_FIELDS_READ) == set(inventory.EVALUATION_FIELDS)


def test_no_dropped_or_generalised_value_leaves_in_the_export(
    case_worker: Actor, structure
) -> None:
    programme = ProgrammeFactory(lead_structure=structure)
    values = sample_values()
    youths = []
    # Five alike: no category is small enough to be masked, so a leak would show.
    for _n in range(5):
        youth = do_create_youth(case_worker, values)
        EnrolmentFactory(youth=youth, programme=programme, entry_date=datetime.date(2026, 3, 2))
        ConsentFactory(youth=youth, purpose=Consent.Purpose.EVALUATION)
        youths.append(youth)
    period = ReportFilter(programme, datetime.date(2026, 3, 1), datetime.date(2026, 5, 31))
    export = evaluation_export(period, typed_key("clé du labo 2026"))
    assert sorted(export.youth_ids) == sorted(y.pk for y in youths)
    cells = [str(cell) for row in export.tables[0].rows for cell in row]
    text = " ".join(cells)
    for f in INVENTORY:
        value: Any = values.get(f.name)
        if f.evaluation == Evaluation.AS_IS or value is None:
            continue
        if isinstance(value, str) and len(value) > 3:
            assert value not in text, f.name
        if isinstance(value, datetime.date):
            assert value.isoformat() not in text, f.name
            assert f"{value:%d/%m/%Y}" not in text, f.name
        if isinstance(value, int) and not isinstance(value, bool):
            assert str(value) not in cells, f.name
    shown = {f.name for f in INVENTORY if f.evaluation == Evaluation.AS_IS}
    assert "residence_commune" in shown
    assert values["residence_commune"].name in cells
