import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.organisations.models import Participation
from accroche.youth.enrolments import (
    do_change_phase,
    do_change_referent,
    do_enrol,
    do_override_eligibility,
    get_enrolment,
)
from accroche.youth.models import Enrolment, Phase
from tests.factories.organisations import MembershipFactory, ParticipationFactory
from tests.factories.territory import DiplomaLevelFactory
from tests.factories.youth import ConsentFactory, EnrolmentFactory, YouthFactory


@pytest.fixture
def youth(structure, rouen):
    """A file whose young person consented to follow-up (an enrolment needs it)."""
    youth = YouthFactory(
        holder_structure=structure, birth_date=datetime.date(2005, 6, 1), residence_commune=rouen
    )
    ConsentFactory(youth=youth, purpose="follow_up")
    return youth


def enrol(actor, youth, programme, **data):
    values = {
        "programme": programme,
        "referent": actor.membership,
        "entry_date": datetime.date(2026, 3, 15),
        "entry_activity": "neet",
    }
    return do_enrol(actor, youth, values | data)


def test_the_rules_evaluated_at_entry_are_kept(actor, structure, youth, programme):
    enrolment = enrol(actor(Role.CASE_WORKER, structure), youth, programme)
    assert enrolment.eligibility_status == "eligible"
    assert [r["code"] for r in enrolment.eligibility["rules"]] == ["age", "neet", "territory"]
    assert enrolment.eligibility["on"] == "2026-03-15"


def test_what_was_true_at_entry_stays_when_the_file_changes(actor, structure, youth, programme):
    enrolment = enrol(actor(Role.CASE_WORKER, structure), youth, programme)
    youth.birth_date = datetime.date(1990, 1, 1)
    youth.save()
    enrolment.refresh_from_db()
    assert enrolment.eligibility_status == "eligible"


def test_missing_situation_makes_the_entry_incomplete(actor, structure, youth, programme):
    enrolment = enrol(actor(Role.CASE_WORKER, structure), youth, programme, entry_activity="")
    assert enrolment.eligibility_status == "incomplete"


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC))
def test_birthday_on_the_entry_day(actor, structure, programme, rouen):
    youth = YouthFactory(
        holder_structure=structure,
        birth_date=datetime.date(2000, 6, 1),
        residence_commune=rouen,
        rqth=False,
    )
    ConsentFactory(youth=youth, purpose="follow_up")
    enrolment = enrol(
        actor(Role.CASE_WORKER, structure), youth, programme, entry_date=datetime.date(2026, 6, 1)
    )
    assert enrolment.eligibility["rules"][0]["status"] == "not_met"
    assert "26 ans le 1 juin 2026" in enrolment.eligibility["rules"][0]["used"]


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC))
def test_an_entry_date_in_the_future_is_refused(actor, structure, youth, programme):
    with pytest.raises(ValidationError) as error:
        enrol(
            actor(Role.CASE_WORKER, structure),
            youth,
            programme,
            entry_date=datetime.date(2026, 6, 2),
        )
    assert error.value.message_dict["entry_date"] == [
        "La date d'entrée ne peut pas être dans le futur."
    ]
    assert not Enrolment.objects.exists()


def test_the_diploma_rule_compares_ranks(actor, structure, youth, programme):
    programme.rules.max_diploma_level = DiplomaLevelFactory(code="4", rank=4, label="Bac")
    programme.rules.save()
    bts = DiplomaLevelFactory(code="5", rank=5, label="BTS")
    enrolment = enrol(actor(Role.CASE_WORKER, structure), youth, programme, entry_diploma_level=bts)
    assert enrolment.eligibility_status == "not_eligible"


def test_one_active_enrolment_per_programme(actor, structure, youth, programme):
    worker = actor(Role.CASE_WORKER, structure)
    enrol(worker, youth, programme)
    with pytest.raises(ValidationError, match="déjà un parcours en cours"):
        enrol(worker, youth, programme)
    assert Enrolment.objects.count() == 1


def test_after_an_exit_a_new_enrolment_is_possible(actor, structure, youth, programme):
    worker = actor(Role.CASE_WORKER, structure)
    do_change_phase(worker, enrol(worker, youth, programme), "exit", datetime.date(2026, 4, 1))
    assert enrol(worker, youth, programme).phase == Phase.CONTACT


def test_a_programme_the_structure_is_not_part_of_is_refused(
    actor, other_structure, youth, programme
):
    outsider = actor(Role.CASE_WORKER, other_structure)
    ConsentFactory(youth=youth, shared_with=[other_structure])
    with pytest.raises(ValidationError, match="auquel votre structure participe"):
        enrol(outsider, youth, programme)


def test_a_referent_of_a_partner_needs_the_sharing_consent(
    actor, structure, other_structure, youth, programme
):
    ParticipationFactory(programme=programme, structure=other_structure)
    partner_worker = MembershipFactory(structure=other_structure, role=Role.CASE_WORKER)
    with pytest.raises(ValidationError) as error:
        enrol(actor(Role.MEDIATOR, structure), youth, programme, referent=partner_worker)
    assert "n'a pas accepté que sa fiche soit partagée avec Centre social des Hauts" in str(
        error.value.message_dict["referent"]
    )
    ConsentFactory(youth=youth, shared_with=[other_structure])
    enrolment = enrol(actor(Role.MEDIATOR, structure), youth, programme, referent=partner_worker)
    assert enrolment.referent == partner_worker


def test_a_referent_of_a_structure_outside_the_programme_is_refused(
    actor, structure, other_structure, youth, programme
):
    ConsentFactory(youth=youth, shared_with=[other_structure])
    outside = MembershipFactory(structure=other_structure, role=Role.CASE_WORKER)
    with pytest.raises(ValidationError, match="ne participe pas à ce dispositif"):
        enrol(actor(Role.CASE_WORKER, structure), youth, programme, referent=outside)


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.PARTNER, Role.EVALUATOR])
def test_the_referent_is_a_case_worker_or_a_coordinator(actor, structure, youth, programme, role):
    with pytest.raises(ValidationError, match="Le référent doit être"):
        enrol(
            actor(Role.CASE_WORKER, structure),
            youth,
            programme,
            referent=MembershipFactory(structure=structure, role=role),
        )


def test_changing_referent_keeps_the_history(actor, structure, youth, programme):
    worker = actor(Role.CASE_WORKER, structure)
    enrolment = enrol(worker, youth, programme)
    colleague = MembershipFactory(structure=structure, role=Role.COORDINATOR)
    do_change_referent(worker, enrolment, colleague, "Congé")
    changes = list(enrolment.referent_changes.order_by("pk"))
    assert [(c.from_referent, c.to_referent) for c in changes] == [
        (None, worker.membership),
        (worker.membership, colleague),
    ]
    assert changes[1].reason == "Congé"
    assert AuditEvent.objects.filter(action="update", fields=["referent"]).exists()


def test_the_same_referent_again_is_refused(actor, structure, youth, programme):
    worker = actor(Role.CASE_WORKER, structure)
    enrolment = enrol(worker, youth, programme)
    with pytest.raises(ValidationError, match="déjà le référent"):
        do_change_referent(worker, enrolment, worker.membership)


def test_phases_move_by_named_acts_and_are_kept(actor, structure, youth, programme):
    worker = actor(Role.CASE_WORKER, structure)
    enrolment = enrol(worker, youth, programme)
    do_change_phase(worker, enrolment, "mobilise", datetime.date(2026, 4, 1))
    do_change_phase(worker, enrolment, "follow", datetime.date(2026, 5, 1))
    assert [c.to_phase for c in enrolment.phase_changes.all()] == [
        "contact",
        "mobilisation",
        "follow_up",
    ]


def test_an_act_that_does_not_apply_changes_nothing(actor, structure, youth, programme):
    worker = actor(Role.CASE_WORKER, structure)
    enrolment = enrol(worker, youth, programme)
    with pytest.raises(ValidationError) as error:
        do_change_phase(worker, enrolment, "hand_off")
    assert error.value.message_dict["act"] == [
        "Ce parcours est en phase « Contact » : « Préparer le passage de relais » n'est pas "
        "possible."
    ]
    enrolment.refresh_from_db()
    assert (enrolment.phase, enrolment.phase_changes.count()) == ("contact", 1)


def test_exit_records_its_date_and_closes_the_enrolment(actor, structure, youth, programme):
    worker = actor(Role.CASE_WORKER, structure)
    enrolment = enrol(worker, youth, programme)
    do_change_phase(worker, enrolment, "exit", datetime.date(2026, 9, 1), "CDD trouvé")
    enrolment.refresh_from_db()
    assert (enrolment.phase, enrolment.exited_on) == ("exited", datetime.date(2026, 9, 1))
    with pytest.raises(ValidationError):
        do_change_phase(worker, enrolment, "follow")


def test_a_phase_date_before_entry_is_refused(actor, structure, youth, programme):
    worker = actor(Role.CASE_WORKER, structure)
    enrolment = enrol(worker, youth, programme)
    with pytest.raises(ValidationError, match="précéder l'entrée"):
        do_change_phase(worker, enrolment, "mobilise", datetime.date(2026, 1, 1))


def test_a_coordinator_overrides_with_a_reason(actor, structure, youth, programme):
    enrolment = enrol(actor(Role.CASE_WORKER, structure), youth, programme, entry_activity="")
    coordinator = actor(Role.COORDINATOR, structure)
    do_override_eligibility(coordinator, enrolment, "eligible", "Vu en comité de suivi")
    enrolment.refresh_from_db()
    assert (enrolment.eligibility_status, enrolment.effective_eligibility) == (
        "incomplete",
        "eligible",
    )
    assert enrolment.overrides.get().reason == "Vu en comité de suivi"
    assert AuditEvent.objects.filter(fields=["eligibility_override"]).count() == 1


def test_an_override_needs_a_written_reason(actor, structure, youth, programme):
    enrolment = enrol(actor(Role.CASE_WORKER, structure), youth, programme)
    with pytest.raises(ValidationError) as error:
        do_override_eligibility(actor(Role.COORDINATOR, structure), enrolment, "eligible", "  ")
    assert error.value.message_dict["reason"] == ["Écrivez le motif de votre décision."]


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.MEDIATOR])
def test_only_a_coordinator_overrides(actor, structure, youth, programme, role):
    enrolment = enrol(actor(Role.CASE_WORKER, structure), youth, programme)
    with pytest.raises(Http404):
        do_override_eligibility(actor(role, structure), enrolment, "eligible", "Raison")


def test_a_structure_outside_the_programme_reads_but_does_not_change(
    actor, structure, other_structure
):
    enrolment = EnrolmentFactory(youth__holder_structure=structure)
    ConsentFactory(youth=enrolment.youth, shared_with=[other_structure])
    reader = actor(Role.CASE_WORKER, other_structure)
    assert get_enrolment(reader, enrolment.youth, enrolment.pk) == enrolment
    with pytest.raises(Http404):
        get_enrolment(reader, enrolment.youth, enrolment.pk, edit=True)
    Participation.objects.create(
        programme=enrolment.programme, structure=other_structure, kind="partner"
    )
    assert get_enrolment(reader, enrolment.youth, enrolment.pk, edit=True) == enrolment


def test_an_enrolment_needs_the_follow_up_consent_or_a_legal_basis(
    actor, structure, programme, rouen
):
    youth = YouthFactory(holder_structure=structure, residence_commune=rouen)
    ConsentFactory(youth=youth, purpose="sharing", shared_with=[])  # not for follow-up
    worker = actor(Role.CASE_WORKER, structure)
    with pytest.raises(ValidationError) as error:
        enrol(worker, youth, programme)
    assert error.value.message_dict["legal_basis"] == [
        "Le jeune n'a pas (ou plus) de consentement à l'accompagnement noté sur sa fiche : "
        "notez-le d'abord, ou choisissez la base légale qui permet ce parcours."
    ]
    assert not Enrolment.objects.exists()
    enrolment = enrol(worker, youth, programme, legal_basis="public_interest")
    assert enrolment.legal_basis == "public_interest"
    event = AuditEvent.objects.get(action="create", object_type="enrolment")
    assert "legal_basis" in event.fields


def test_a_withdrawn_follow_up_consent_does_not_allow_an_enrolment(
    actor, structure, programme, rouen
):
    youth = YouthFactory(holder_structure=structure, residence_commune=rouen)
    ConsentFactory(
        youth=youth,
        purpose="follow_up",
        given_on=datetime.date(2026, 1, 5),
        withdrawn_on=datetime.date(2026, 2, 1),
    )
    with pytest.raises(ValidationError, match="pas \\(ou plus\\) de consentement"):
        enrol(actor(Role.CASE_WORKER, structure), youth, programme)


def test_with_the_consent_the_enrolment_rests_on_it(actor, structure, youth, programme):
    enrolment = enrol(actor(Role.CASE_WORKER, structure), youth, programme)
    assert enrolment.legal_basis == ""
    assert "Consentement du jeune" in enrolment.get_legal_basis_label()


def test_a_legal_basis_outside_the_list_is_refused(actor, structure, youth, programme):
    with pytest.raises(ValidationError, match="base légale de la liste"):
        enrol(actor(Role.CASE_WORKER, structure), youth, programme, legal_basis="because")
