import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.utils import timezone

from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.linkage.models import Merge, absorbed_youth_ids
from accroche.youth.access import (
    count_visible,
    get_youth,
    list_youths,
    seen_ids,
    structures_seeing,
    visible_rows,
    youths_visible_to,
)
from accroche.youth.consents import consents_of
from accroche.youth.models import Enrolment, Youth
from tests.factories.organisations import StructureFactory
from tests.factories.youth import ConsentFactory, EnrolmentFactory, YouthFactory


def actor(membership):
    return Actor(user=membership.user, membership=membership)


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.CASE_WORKER, Role.COORDINATOR])
def test_field_roles_see_the_files_their_structure_holds(member, structure, role):
    youth = YouthFactory(holder_structure=structure)
    assert list(youths_visible_to(actor(member(role, structure)))) == [youth]


@pytest.mark.parametrize("role", [Role.PARTNER, Role.EVALUATOR, Role.ADMIN])
def test_other_roles_see_no_file_even_in_the_holding_structure(member, structure, role):
    YouthFactory(holder_structure=structure)
    assert list(youths_visible_to(actor(member(role, structure)))) == []


def test_another_structure_sees_nothing_without_consent(member, structure, other_structure):
    YouthFactory(holder_structure=structure)
    assert list(youths_visible_to(actor(member(Role.CASE_WORKER, other_structure)))) == []


def test_sharing_consent_opens_the_file_to_the_named_structure(member, structure, other_structure):
    youth = YouthFactory(holder_structure=structure)
    ConsentFactory(youth=youth, shared_with=[other_structure])
    assert list(youths_visible_to(actor(member(Role.CASE_WORKER, other_structure)))) == [youth]


def test_withdrawn_sharing_consent_closes_the_file_at_once(member, structure, other_structure):
    youth = YouthFactory(holder_structure=structure)
    consent = ConsentFactory(youth=youth, shared_with=[other_structure])
    consent.withdrawn_on = datetime.date.today()
    consent.save()
    assert list(youths_visible_to(actor(member(Role.CASE_WORKER, other_structure)))) == []


def test_a_consent_for_another_purpose_shares_nothing(member, structure, other_structure):
    youth = YouthFactory(holder_structure=structure)
    ConsentFactory(youth=youth, purpose="follow_up", shared_with=[other_structure])
    assert list(youths_visible_to(actor(member(Role.CASE_WORKER, other_structure)))) == []


def test_a_file_shared_twice_is_listed_once(member, structure, other_structure):
    youth = YouthFactory(holder_structure=structure)
    ConsentFactory(youth=youth, shared_with=[other_structure])
    ConsentFactory(youth=youth, shared_with=[other_structure])
    assert list(youths_visible_to(actor(member(Role.CASE_WORKER, other_structure)))) == [youth]


def test_get_youth_of_another_structure_is_a_404_like_a_missing_id(
    member, structure, other_structure
):
    youth = YouthFactory(holder_structure=structure)
    outsider = actor(member(Role.CASE_WORKER, other_structure))
    with pytest.raises(Http404):
        get_youth(outsider, youth.pk)
    with pytest.raises(Http404):
        get_youth(outsider, youth.pk + 1000)
    assert not AuditEvent.objects.exists()


def test_get_youth_writes_one_read_row_without_personal_data(member, structure):
    youth = YouthFactory(holder_structure=structure, first_name="Sabrina")
    reader = member(Role.CASE_WORKER, structure)
    get_youth(actor(reader), youth.pk)
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.object_id) == ("read", "youth", youth.pk)
    assert (event.user_id, event.structure_id, event.role) == (
        reader.user_id,
        structure.pk,
        Role.CASE_WORKER,
    )
    assert "Sabrina" not in str(event.__dict__)


def test_list_youths_logs_the_ids_shown(member, structure):
    shown = [YouthFactory(holder_structure=structure) for _ in range(3)]
    list_youths(actor(member(Role.MEDIATOR, structure)))
    event = AuditEvent.objects.get()
    assert event.action == "list"
    assert sorted(event.object_ids) == sorted(y.pk for y in shown)


def test_an_empty_list_logs_nothing(member, structure):
    list_youths(actor(member(Role.MEDIATOR, structure)))
    assert not AuditEvent.objects.exists()


def test_edit_access_needs_an_editing_role(member, structure):
    youth = YouthFactory(holder_structure=structure)
    with pytest.raises(Http404):
        get_youth(actor(member(Role.EVALUATOR, structure)), youth.pk, edit=True)


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.COORDINATOR, Role.PARTNER])
def test_visible_rows_keeps_the_rows_of_the_files_youths_visible_to_gives(
    member, structure, other_structure, role
):
    """The same rule on another table's rows (here, enrolments): held, shared, withdrawn,
    shared for another purpose, another structure's, and absorbed by a merge."""
    held = YouthFactory(holder_structure=structure)
    shared = YouthFactory(holder_structure=other_structure)
    ConsentFactory(youth=shared, shared_with=[structure])
    withdrawn = YouthFactory(holder_structure=other_structure)
    ConsentFactory(youth=withdrawn, shared_with=[structure], withdrawn_on=datetime.date.today())
    other_purpose = YouthFactory(holder_structure=other_structure)
    ConsentFactory(youth=other_purpose, purpose="follow_up", shared_with=[structure])
    elsewhere = YouthFactory(holder_structure=other_structure)
    absorbed = YouthFactory(holder_structure=structure)
    undone = YouthFactory(holder_structure=structure)
    for youth in (held, shared, withdrawn, other_purpose, elsewhere, absorbed, undone):
        EnrolmentFactory(youth=youth)
    EnrolmentFactory(youth=held)  # two rows of one file
    now = timezone.now()
    Merge.objects.create(keep=held, absorbed=absorbed, merged_at=now, merged_by_structure=structure)
    Merge.objects.create(
        keep=held, absorbed=undone, merged_at=now, merged_by_structure=structure, undone_at=now
    )
    who = actor(member(role, structure))
    by_rule = set(Enrolment.objects.filter(visible_rows(who)).values_list("pk", flat=True))
    by_files = Enrolment.objects.filter(youth__in=youths_visible_to(who))
    assert by_rule == set(by_files.values_list("pk", flat=True))
    expected = set() if role == Role.PARTNER else {held.pk, shared.pk, undone.pk}
    assert set(Enrolment.objects.filter(visible_rows(who)).values_list("youth", flat=True)) == (
        expected
    )
    # The rule compiled once per structure (_compiled_rule) keeps what the ORM's keeps.
    assert set(youths_visible_to(who).values_list("pk", flat=True)) == expected
    assert count_visible(who) == len(expected) == youths_visible_to(who).count()
    if role != Role.PARTNER:
        by_orm = Youth.objects.filter(pk__in=seen_ids(structure.pk)).exclude(
            pk__in=absorbed_youth_ids()
        )
        assert set(by_orm.values_list("pk", flat=True)) == expected


def test_the_compiled_rule_reads_the_data_of_the_moment(member, structure, other_structure):
    """_compiled_rule keeps SQL, not ids: a consent given or withdrawn after a structure's
    first query shows at once, and another structure gets its own rule."""
    mine = actor(member(Role.CASE_WORKER, structure))
    theirs = actor(member(Role.CASE_WORKER, other_structure))
    held = YouthFactory(holder_structure=structure)
    assert list(youths_visible_to(mine)) == [held]
    assert list(youths_visible_to(theirs)) == []
    consent = ConsentFactory(youth=held, shared_with=[other_structure])
    assert list(youths_visible_to(theirs)) == [held]
    assert list(Enrolment.objects.filter(visible_rows(theirs))) == []
    enrolment = EnrolmentFactory(youth=held)
    assert list(Enrolment.objects.filter(visible_rows(theirs))) == [enrolment]
    consent.withdrawn_on = datetime.date.today()
    consent.save()
    assert list(youths_visible_to(theirs)) == []
    assert list(Enrolment.objects.filter(visible_rows(theirs))) == []
    assert list(youths_visible_to(mine)) == [held]
    assert (count_visible(mine), count_visible(theirs)) == (1, 0)


def test_structures_seeing_from_loaded_consents_matches_the_query(structure, other_structure):
    """The file page passes the consents it loaded; the answer must be the query's."""
    third, fourth, fifth = StructureFactory(), StructureFactory(), StructureFactory()
    youth = YouthFactory(holder_structure=structure)
    ConsentFactory(youth=youth, shared_with=[other_structure, third])
    ConsentFactory(youth=youth, shared_with=[fourth], withdrawn_on=datetime.date(2026, 4, 1))
    ConsentFactory(youth=youth, purpose="follow_up", shared_with=[fifth])
    ConsentFactory(youth=youth)  # sharing with nobody yet
    expected = {structure.pk, other_structure.pk, third.pk}
    assert structures_seeing(youth) == expected
    assert structures_seeing(youth, list(consents_of(youth))) == expected
    assert structures_seeing(YouthFactory(holder_structure=fifth), []) == {fifth.pk}


def test_the_shared_side_of_the_rule_has_its_indexes(postgres_only):
    """youth/0007: the sharing table by structure, and the active sharing consents with
    their young person, so that PostgreSQL reads the shared side from indexes alone."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'youth_consent%'"
        )
        found = dict(cursor.fetchall())
    assert "(structure_id, consent_id)" in found["youth_consent_shared_with_structure_consent"]
    active = found["youth_consent_sharing_active"]
    assert "INCLUDE (youth_id)" in active
    assert "withdrawn_on IS NULL" in active
