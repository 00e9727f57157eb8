import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.youth.access import get_youth, youths_visible_to
from accroche.youth.consents import do_record_consent, do_withdraw_consent, is_minor_on
from accroche.youth.models import Consent
from tests.factories.youth import ConsentFactory, YouthFactory, enrol_with_partner

TODAY = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)


def consent(purpose="follow_up", **data):
    return {"purpose": purpose, "method": "oral", "given_on": datetime.date(2026, 5, 1)} | data


def test_a_consent_is_recorded_and_audited(actor, structure):
    youth = YouthFactory(holder_structure=structure)
    recorded = do_record_consent(actor(Role.MEDIATOR, structure), youth, consent())
    assert (recorded.purpose, recorded.recorded_by_structure) == ("follow_up", structure)
    assert AuditEvent.objects.get(action="create", object_type="consent").object_id == recorded.pk


def test_sharing_opens_the_file_to_the_named_structures(actor, structure, other_structure):
    youth = YouthFactory(holder_structure=structure)
    enrol_with_partner(youth, other_structure)
    do_record_consent(
        actor(Role.CASE_WORKER, structure), youth, consent("sharing", shared_with=[other_structure])
    )
    assert youth in youths_visible_to(actor(Role.CASE_WORKER, other_structure))


def test_sharing_needs_at_least_one_structure(actor, structure):
    youth = YouthFactory(holder_structure=structure)
    with pytest.raises(ValidationError) as error:
        do_record_consent(actor(Role.CASE_WORKER, structure), youth, consent("sharing"))
    assert error.value.message_dict["shared_with"] == [
        "Choisissez au moins une structure avec qui partager."
    ]
    assert not Consent.objects.exists()


def test_structures_are_only_for_sharing(actor, structure, other_structure):
    youth = YouthFactory(holder_structure=structure)
    with pytest.raises(ValidationError, match="que pour un consentement au partage"):
        do_record_consent(
            actor(Role.CASE_WORKER, structure), youth, consent(shared_with=[other_structure])
        )


@time_machine.travel(TODAY)
def test_a_consent_in_the_future_is_refused(actor, structure):
    youth = YouthFactory(holder_structure=structure)
    with pytest.raises(ValidationError, match="ne peut pas être dans le futur"):
        do_record_consent(
            actor(Role.CASE_WORKER, structure), youth, consent(given_on=datetime.date(2026, 6, 2))
        )


@time_machine.travel(TODAY)
def test_for_a_minor_the_guardian_question_must_be_answered(actor, structure):
    youth = YouthFactory(holder_structure=structure, birth_date=datetime.date(2009, 1, 1))
    worker = actor(Role.CASE_WORKER, structure)
    with pytest.raises(ValidationError) as error:
        do_record_consent(worker, youth, consent())
    assert "représentant légal" in error.value.message_dict["guardian_informed"][0]
    assert do_record_consent(worker, youth, consent(guardian_informed=False)).pk


@pytest.mark.parametrize(
    ("birth_date", "birth_year", "expected"),
    [
        (datetime.date(2008, 5, 2), None, True),  # 17 the day before their birthday
        (datetime.date(2008, 5, 1), None, False),  # 18 on the day
        (None, 2008, None),  # 17 or 18
        (None, 2005, False),
        (None, None, None),
    ],
)
def test_is_minor_on(birth_date, birth_year, expected):
    youth = YouthFactory.build(birth_date=birth_date, birth_year=birth_year)
    assert is_minor_on(youth, datetime.date(2026, 5, 1)) is expected


def test_withdrawal_closes_the_shared_file_at_once(actor, structure, other_structure):
    youth = YouthFactory(holder_structure=structure)
    sharing = ConsentFactory(youth=youth, shared_with=[other_structure])
    partner = actor(Role.CASE_WORKER, other_structure)
    assert get_youth(partner, youth.pk) == youth
    do_withdraw_consent(actor(Role.CASE_WORKER, structure), sharing)
    with pytest.raises(Http404):
        get_youth(partner, youth.pk)
    assert AuditEvent.objects.filter(object_type="consent", fields=["withdrawn_on"]).count() == 1


def test_a_withdrawal_dated_in_the_past_also_takes_effect_at_once(
    actor, structure, other_structure
):
    youth = YouthFactory(holder_structure=structure)
    sharing = ConsentFactory(youth=youth, shared_with=[other_structure])
    do_withdraw_consent(actor(Role.CASE_WORKER, structure), sharing, sharing.given_on)
    assert youth not in youths_visible_to(actor(Role.CASE_WORKER, other_structure))


def test_a_consent_is_withdrawn_once(actor, structure):
    sharing = ConsentFactory(youth=YouthFactory(holder_structure=structure))
    worker = actor(Role.CASE_WORKER, structure)
    do_withdraw_consent(worker, sharing)
    with pytest.raises(ValidationError, match="déjà retiré"):
        do_withdraw_consent(worker, sharing)


def test_a_withdrawal_before_the_consent_is_refused(actor, structure):
    sharing = ConsentFactory(youth=YouthFactory(holder_structure=structure))
    with pytest.raises(ValidationError, match="ne peut pas précéder"):
        do_withdraw_consent(
            actor(Role.CASE_WORKER, structure), sharing, sharing.given_on - datetime.timedelta(1)
        )
    sharing.refresh_from_db()
    assert sharing.withdrawn_on is None


@pytest.mark.parametrize("role", [Role.PARTNER, Role.EVALUATOR, Role.ADMIN])
def test_roles_without_the_right_cannot_record(actor, structure, role):
    youth = YouthFactory(holder_structure=structure)
    with pytest.raises(Http404):
        do_record_consent(actor(role, structure), youth, consent())


@time_machine.travel(TODAY)
def test_a_consent_before_the_birth_is_refused(actor, structure):
    youth = YouthFactory(holder_structure=structure, birth_date=datetime.date(2004, 3, 10))
    worker = actor(Role.CASE_WORKER, structure)
    with pytest.raises(ValidationError) as error:
        do_record_consent(worker, youth, consent(given_on=datetime.date(2004, 3, 9)))
    assert error.value.message_dict["given_on"] == [
        "La date du consentement ne peut pas précéder la naissance du jeune (10/03/2004)."
    ]
    assert not Consent.objects.exists()
    on_the_day = consent(given_on=datetime.date(2004, 3, 10), guardian_informed=True)
    assert do_record_consent(worker, youth, on_the_day).pk


@time_machine.travel(TODAY)
def test_a_consent_date_is_free_when_the_birth_date_is_unknown(actor, structure):
    youth = YouthFactory(holder_structure=structure, birth_year=2004)
    worker = actor(Role.CASE_WORKER, structure)
    early = consent(given_on=datetime.date(2003, 1, 1), guardian_informed=True)
    assert do_record_consent(worker, youth, early).pk
