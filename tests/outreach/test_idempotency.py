"""Submitting twice records once: the same key gives back what the first call created."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accroche.access.roles import Role
from accroche.outreach import idempotency
from accroche.outreach.contacts import do_record_contact
from accroche.outreach.models import Contact, OutreachSession, Place
from accroche.outreach.sessions import do_start_session
from accroche.youth.models import Youth
from tests.factories.organisations import ParticipationFactory
from tests.factories.outreach import OutreachSessionFactory, PlaceFactory


def test_starting_twice_with_one_key_starts_once(mediator, programme):
    key = uuid.uuid4()
    first, created = do_start_session(mediator, {"programme": programme}, idempotency_key=key)
    again, created_again = do_start_session(mediator, {"programme": programme}, idempotency_key=key)
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert OutreachSession.objects.count() == 1


def test_a_replayed_contact_does_not_create_a_second_file(mediator, programme):
    session = OutreachSessionFactory(programme=programme)
    key = uuid.uuid4()
    for _ in range(2):
        do_record_contact(mediator, {}, session=session, new_youth={"nickname": "Doudou"},
                          idempotency_key=key)  # fmt: skip
    assert Contact.objects.count() == 1
    assert Youth.objects.count() == 1


def test_another_structure_cannot_replay_a_key(mediator, actor, programme, other_structure):
    ParticipationFactory(programme=programme, structure=other_structure)
    key = uuid.uuid4()
    do_start_session(mediator, {"programme": programme}, idempotency_key=key)
    with pytest.raises(ValidationError, match="déjà utilisée"):
        do_start_session(
            actor(Role.MEDIATOR, other_structure), {"programme": programme}, idempotency_key=key
        )


def test_a_lost_race_returns_the_winner_and_undoes_the_loser(monkeypatch, programme):
    """Two requests with one key at once: the loser's insert hits the unique constraint
    after its first lookup missed; what it did is undone and the winner comes back."""
    key = uuid.uuid4()
    winner = PlaceFactory(programme=programme, idempotency_key=key)
    real, lookups = idempotency._existing, []

    def lookup_missing_the_winner_first(model, k):
        lookups.append(k)
        return None if len(lookups) == 1 else real(model, k)

    def create() -> Place:
        PlaceFactory(programme=programme, name="travail du perdant")
        return PlaceFactory(programme=programme, idempotency_key=key)

    monkeypatch.setattr(idempotency, "_existing", lookup_missing_the_winner_first)
    found, created = idempotency.create_once(Place, key, create, owned=lambda p: True)
    assert (found, created) == (winner, False)
    assert not Place.objects.filter(name="travail du perdant").exists()


def test_a_double_post_of_the_contact_form_records_once(login, member, structure, programme):
    session = OutreachSessionFactory(programme=programme)
    client = login(member(Role.MEDIATOR, structure))
    url = reverse("outreach:contact_create") + f"?sortie={session.pk}"
    key = client.get(url).context["form"]["idempotency_key"].value()
    data = {"idempotency_key": key, "who": "new", "first_name": "Jade", "result": "appointment",
            "channel": "direct", "mode": "face_to_face"}  # fmt: skip
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert Contact.objects.count() == 1
    assert Youth.objects.count() == 1
    assert str(key) in client.session["outreach_saved_keys"]


def test_a_double_post_of_the_start_form_records_once(login, member, structure, programme):
    client = login(member(Role.MEDIATOR, structure))
    key = str(uuid.uuid4())
    data = {"programme": programme.pk, "modality": "van", "idempotency_key": key}
    assert (
        client.post(reverse("outreach:start"), data).url
        == client.post(reverse("outreach:start"), data).url
    )
    assert OutreachSession.objects.count() == 1
