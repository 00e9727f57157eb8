import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from accroche.access.roles import Role
from accroche.outreach.models import Referral
from accroche.outreach.referrals import (
    close,
    do_create_referral,
    late_filter,
    mark_contact_made,
    take,
)
from accroche.youth.models import Youth
from accroche.youth.timeline import timeline_for
from tests.factories.organisations import ParticipationFactory

NOW = datetime.datetime(2026, 3, 10, 18, 0, tzinfo=datetime.UTC)


@pytest.fixture
def rival(actor, programme, commune, other_structure):
    """A field worker of a second structure covering the same commune."""
    ParticipationFactory(programme=programme, structure=other_structure).zone_communes.add(commune)
    return actor(Role.MEDIATOR, other_structure)


@pytest.fixture
def referral(mediator, programme, commune):
    data = {"source": "peer", "name": "Kylian", "phone": "06 12 34 56 78", "commune": commune}
    return do_create_referral(mediator, programme, data)[0]


def _state(referral):
    return Referral.objects.values_list("state", "taken_by_structure_id").get(pk=referral.pk)


def test_new_taken_contact_made_closed(mediator, referral, structure):
    take(mediator, referral)
    assert _state(referral) == ("taken", structure.pk)
    mark_contact_made(mediator, referral, create_youth=True)
    assert referral.youth.first_name == "Kylian"
    assert referral.youth.phone == "+33612345678"
    close(mediator, referral, "followed", "entre au CEJ")
    assert _state(referral) == ("closed", structure.pk)
    assert referral.close_note == "entre au CEJ"


def test_the_first_to_take_it_owns_it(mediator, rival, referral, other_structure):
    stale = Referral.objects.get(pk=referral.pk)  # loaded before the rival takes it
    take(rival, referral)
    with pytest.raises(ValidationError, match=other_structure.name):
        take(mediator, stale)
    assert _state(referral) == ("taken", other_structure.pk)


def test_taking_twice_is_refused(mediator, referral):
    take(mediator, referral)
    with pytest.raises(ValidationError, match="déjà pris en charge"):
        take(mediator, referral)


def test_contact_made_needs_to_take_it_first_and_changes_nothing(mediator, referral):
    with pytest.raises(ValidationError, match="Prenez d'abord"):
        mark_contact_made(mediator, referral, create_youth=True)
    assert _state(referral)[0] == "new"
    assert not Youth.objects.exists()


def test_only_the_taker_moves_it_on(mediator, rival, referral):
    take(mediator, referral)
    with pytest.raises(ValidationError):
        mark_contact_made(rival, referral)
    with pytest.raises(ValidationError):
        close(rival, referral, "duplicate")
    assert _state(referral)[0] == "taken"


def test_closing_needs_a_reason(mediator, referral):
    with pytest.raises(ValidationError, match="motif"):
        close(mediator, referral, "")
    assert _state(referral)[0] == "new"


def test_a_new_referral_may_be_closed_as_a_duplicate_by_a_covering_structure(
    mediator, referral, structure
):
    close(mediator, referral, "duplicate")
    assert _state(referral) == ("closed", structure.pk)
    with pytest.raises(ValidationError, match="déjà clôturé"):
        close(mediator, referral, "invalid")


def test_due_date_follows_the_programme_setting(mediator, programme, commune):
    programme.referral_deadline_hours = 48
    programme.save()
    with time_machine.travel(NOW, tick=False):
        referral, _ = do_create_referral(
            mediator, programme, {"source": "self", "name": "Lou", "email": "lou@exemple.fr",
                                  "commune": commune},
        )  # fmt: skip
    assert referral.due_at == NOW + datetime.timedelta(hours=48)


def test_late_referrals_are_the_ones_nobody_reached_in_time(mediator, programme, commune):
    with time_machine.travel(NOW, tick=False):
        data = {"source": "family", "name": "Adam", "phone": "0612345678", "commune": commune}
        waiting = do_create_referral(mediator, programme, data)[0]
        taken = do_create_referral(mediator, programme, data)[0]
        reached = do_create_referral(mediator, programme, data)[0]
        take(mediator, taken)
        take(mediator, reached)
        mark_contact_made(mediator, reached)
    assert not Referral.objects.filter(late_filter(NOW + datetime.timedelta(hours=71)))
    later = NOW + datetime.timedelta(hours=73)
    late = set(Referral.objects.filter(late_filter(later)).values_list("pk", flat=True))
    assert late == {waiting.pk, taken.pk}
    with time_machine.travel(later, tick=False):
        assert waiting.is_late
        assert not Referral.objects.get(pk=reached.pk).is_late


def test_referrals_need_a_way_to_reach_someone(mediator, programme, commune):
    with pytest.raises(ValidationError, match="moyen de joindre"):
        do_create_referral(mediator, programme, {"source": "family", "name": "X",
                                                 "commune": commune})  # fmt: skip
    assert not Referral.objects.exists()


def test_a_partner_refers_as_its_structure(actor, programme, commune, other_structure):
    ParticipationFactory(programme=programme, structure=other_structure, kind="upstream")
    partner = actor(Role.PARTNER, other_structure)
    referral, _ = do_create_referral(
        partner, programme, {"source": "family", "name": "Emma", "phone": "0781234567",
                             "commune": commune},
    )  # fmt: skip
    assert referral.source == "partner"
    assert referral.sender_structure == other_structure
    assert referral.due_at > timezone.now()


def test_a_linked_referral_shows_in_the_timeline(mediator, referral, actor, other_structure):
    take(mediator, referral)
    mark_contact_made(mediator, referral, create_youth=True)
    entries = [e for e in timeline_for(mediator, referral.youth) if e.kind == "referral"]
    assert [e.title for e in entries] == [
        "Contact établi après un signalement",
        "Signalement : Un ami, un pair",
    ]
    assert entries[0].url_name == "outreach:referral"
    outsider = timeline_for(actor(Role.MEDIATOR, other_structure), referral.youth)
    assert all(e.url_name == "" for e in outsider if e.kind == "referral")
