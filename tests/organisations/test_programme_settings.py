import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.roles import Role
from accroche.organisations.models import Participation, Programme
from accroche.organisations.programmes import do_create_programme, do_update_programme
from tests.factories.organisations import ProgrammeFactory

START, END = datetime.date(2026, 1, 1), datetime.date(2027, 12, 31)


def data(**overrides):
    return {"name": "L'Alternative", "start_date": START, "end_date": END} | overrides


def test_create_makes_the_actor_structure_the_lead(lead, structure):
    programme = do_create_programme(lead, data())
    participation = programme.participations.get()
    assert (participation.structure, participation.kind) == (structure, Participation.Kind.LEAD)
    assert programme.rules.min_age == 16
    assert programme.slug == "lalternative"


def test_only_a_coordinator_creates(actor, structure):
    with pytest.raises(Http404):
        do_create_programme(actor(Role.CASE_WORKER, structure), data())


def test_end_before_start_is_refused(lead):
    with pytest.raises(ValidationError) as exc:
        do_create_programme(lead, data(end_date=START - datetime.timedelta(days=1)))
    assert exc.value.message_dict == {
        "end_date": ["La date de fin doit être après la date de début."]
    }
    assert not Programme.objects.exists()


def test_an_automatic_slug_gets_a_number_when_taken(lead):
    ProgrammeFactory(slug="reflex")
    assert do_create_programme(lead, data(name="Réflex")).slug == "reflex-2"


def test_a_typed_slug_must_be_unique(lead):
    ProgrammeFactory(slug="reflex")
    with pytest.raises(ValidationError) as exc:
        do_create_programme(lead, data(slug="reflex"))
    assert "slug" in exc.value.message_dict


def test_names_are_unique_whatever_the_case(lead):
    ProgrammeFactory(name="RéFLEX")
    with pytest.raises(ValidationError) as exc:
        do_create_programme(lead, data(name="réflex"))
    assert exc.value.message_dict["name"] == ["Un dispositif porte déjà ce nom."]


def test_a_negative_budget_is_refused(lead):
    with pytest.raises(ValidationError) as exc:
        do_create_programme(lead, data(total_budget=-1))
    assert "total_budget" in exc.value.message_dict


def test_update_returns_the_changed_fields(lead, programme):
    changed = do_update_programme(lead, programme, {"referral_deadline_hours": 48})
    assert changed == ["referral_deadline_hours"]
    programme.refresh_from_db()
    assert programme.referral_deadline_hours == 48


def test_update_checks_ownership(actor, other_structure, programme):
    with pytest.raises(Http404):
        do_update_programme(actor(Role.COORDINATOR, other_structure), programme, {"name": "X"})
