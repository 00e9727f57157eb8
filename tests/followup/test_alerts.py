import datetime

import pytest

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.followup.alerts import home_alerts
from accroche.followup.models import ActionStatus, HandOffStatus
from accroche.followup.reminders import create_due_reminders
from accroche.youth.models import Phase, Youth
from tests.factories.followup import ActionFactory, HandOffFactory, OutcomeFactory
from tests.factories.youth import DiagnosticFactory, EnrolmentFactory, YouthFactory

NOW = datetime.datetime(2026, 5, 4, 8, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 5, 4)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW)


def days_ago(n: int) -> datetime.datetime:
    return NOW - datetime.timedelta(days=n)


def mine(referent, programme, structure, **youth):
    young = YouthFactory(holder_structure=structure, **youth)
    EnrolmentFactory(
        youth=young,
        programme=programme,
        referent=referent.membership,
        entry_date=TODAY.replace(month=1),
    )
    return young


def test_no_contact_for_21_days_by_default(referent, programme, structure):
    quiet = mine(referent, programme, structure, last_contact_at=days_ago(21))
    mine(referent, programme, structure, last_contact_at=days_ago(20))
    alerts = home_alerts(referent)
    assert [(q.youth, q.days) for q in alerts.quiet] == [(quiet, 21)]


def test_the_threshold_is_the_programmes(referent, programme, structure):
    programme.no_contact_alert_days = 10
    programme.save()
    quiet = mine(referent, programme, structure, last_contact_at=days_ago(12))
    assert [q.youth for q in home_alerts(referent).quiet] == [quiet]


def test_the_quiet_carry_their_names_as_read_from_the_file(referent, programme, structure):
    """Read with the enrolments: what ``Youth.objects.only(*Youth.NAME_FIELDS)`` would give."""
    named = mine(referent, programme, structure, first_name="Inès", nickname="Nénette")
    gone = mine(referent, programme, structure, first_name="Léo", last_name="Martin")
    gone.anonymised_at = NOW
    gone.save()
    shown = {q.youth.pk: q.youth for q in home_alerts(referent).quiet if q.youth is not None}
    assert set(shown) == {named.pk, gone.pk}
    for youth in (named, gone):
        read = Youth.objects.only(*Youth.NAME_FIELDS).get(pk=youth.pk)
        assert shown[youth.pk].display_name == read.display_name
        assert shown[youth.pk].get_deferred_fields() == read.get_deferred_fields()
        assert shown[youth.pk]._state.adding is False
    assert shown[gone.pk].display_name == "Fiche anonymisée"
    assert "Nénette" in shown[named.pk].display_name


def test_never_contacted_counts_from_the_entry(referent, programme, structure):
    never = mine(referent, programme, structure)
    assert [(q.youth, q.days, q.since_entry) for q in home_alerts(referent).quiet] == [
        (never, None, 120)
    ]


def test_an_immediate_need_waiting_more_than_7_days(referent, programme, structure):
    young = mine(referent, programme, structure, last_contact_at=NOW)
    DiagnosticFactory(
        youth=young,
        immediate_need="Hébergement",
        immediate_need_on=TODAY - datetime.timedelta(days=8),
    )
    DiagnosticFactory(
        youth=young, immediate_need="Colis", immediate_need_on=TODAY - datetime.timedelta(days=7)
    )
    DiagnosticFactory(
        youth=young,
        immediate_need="Soin",
        immediate_need_on=TODAY.replace(month=3),
        immediate_need_met_on=TODAY,
    )
    assert [n.diagnostic.immediate_need for n in home_alerts(referent).needs] == ["Hébergement"]


def test_late_actions_and_hand_offs(referent, programme, structure):
    young = mine(referent, programme, structure, last_contact_at=NOW)
    late = ActionFactory(youth=young, due_on=TODAY - datetime.timedelta(days=1))
    ActionFactory(youth=young, due_on=TODAY)
    ActionFactory(youth=young, due_on=late.due_on, status=ActionStatus.DONE)
    enrolment = young.enrolments.get()
    sent = HandOffFactory(
        enrolment=enrolment, status=HandOffStatus.SENT, sent_on=TODAY - datetime.timedelta(days=10)
    )
    HandOffFactory(
        enrolment=enrolment, status=HandOffStatus.SENT, sent_on=TODAY - datetime.timedelta(days=9)
    )
    alerts = home_alerts(referent)
    assert (alerts.late_actions, alerts.late_handoffs) == ([late], [sent])


def test_reminders_due_show_but_not_the_wait_already_shown_as_late(referent, programme, structure):
    young = mine(referent, programme, structure, last_contact_at=NOW)
    enrolment = young.enrolments.get()
    HandOffFactory(enrolment=enrolment, status=HandOffStatus.SENT, sent_on=TODAY.replace(month=1))
    create_due_reminders()
    alerts = home_alerts(referent)
    assert [r.kind for r in alerts.reminders] == ["handoff_check_3m"]
    assert len(alerts.late_handoffs) == 1


def test_a_case_worker_sees_their_own_young_people_only(referent, actor, programme, structure):
    mine(referent, programme, structure, last_contact_at=days_ago(40))
    colleague = actor(Role.CASE_WORKER, structure)
    assert home_alerts(colleague).total == 0
    assert home_alerts(actor(Role.COORDINATOR, structure)).total == 1


def test_exited_young_people_raise_no_alert(referent, programme, structure):
    young = mine(referent, programme, structure, last_contact_at=days_ago(60))
    young.enrolments.update(phase=Phase.EXITED)
    assert home_alerts(referent).total == 0


def test_the_names_shown_are_audited(referent, programme, structure):
    young = mine(referent, programme, structure, last_contact_at=days_ago(30))
    home_alerts(referent)
    event = AuditEvent.objects.get(object_type="youth")
    assert (event.action, event.object_ids) == (AuditEvent.Action.LIST, [young.pk])


def test_partners_get_no_alerts(actor, structure):
    assert home_alerts(actor(Role.PARTNER, structure)) is None


def test_exit_follow_ups_due(referent, programme, structure):
    young = mine(referent, programme, structure, last_contact_at=NOW)
    exited = EnrolmentFactory(youth=young, referent=referent.membership, phase=Phase.EXITED)
    OutcomeFactory(enrolment=exited, youth=young, exited_on=datetime.date(2025, 10, 1))
    create_due_reminders()
    assert [r.kind for r in home_alerts(referent).reminders] == ["exit_followup_6m"]
