import uuid

import pytest
from django.test import Client

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.outreach.models import Contact, OutreachSession, Referral
from tests.factories.organisations import ParticipationFactory
from tests.factories.outreach import OutreachSessionFactory, PlaceFactory, ReferralFactory
from tests.factories.youth import YouthFactory

API = "/api/outreach"


@pytest.fixture
def api(api_client, member, structure, programme):
    return api_client(member(Role.MEDIATOR, structure))


def test_start_count_and_end_a_session(api, programme):
    place = PlaceFactory(programme=programme)
    key = str(uuid.uuid4())
    body = {"programme_id": programme.pk, "place_ids": [place.pk], "idempotency_key": key}
    created = api.post(f"{API}/sessions", body, content_type="application/json")
    assert created.status_code == 201
    again = api.post(f"{API}/sessions", body, content_type="application/json")
    assert again.status_code == 200
    assert again.json()["id"] == created.json()["id"] == OutreachSession.objects.get().pk
    pk = created.json()["id"]
    tap = {"age_band": "18_21", "gender": "woman", "channel": "peers"}
    api.post(f"{API}/sessions/{pk}/counts", tap, content_type="application/json")
    assert (
        api.post(f"{API}/sessions/{pk}/counts", tap, content_type="application/json").json()[
            "count"
        ]
        == 2
    )
    ended = api.post(f"{API}/sessions/{pk}/end").json()
    assert ended["ended_at"] is not None
    assert ended["total"] == 2
    assert ended["place_ids"] == [place.pk]


def test_bad_counter_input_is_a_french_422(api, programme):
    session = OutreachSessionFactory(programme=programme)
    response = api.post(f"{API}/sessions/{session.pk}/counts", {"age_band": "40", "gender": "man"},
                        content_type="application/json")  # fmt: skip
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "age_band"
    assert "Valeur non prévue" in response.json()["errors"][0]["message"]


def test_a_contact_creating_a_file(api, programme, structure):
    session = OutreachSessionFactory(programme=programme)
    response = api.post(
        f"{API}/contacts",
        {"session_id": session.pk, "new_youth": {"nickname": "Nono"}, "result": "appointment"},
        content_type="application/json",
    )
    assert response.status_code == 201
    contact = Contact.objects.get()
    assert contact.youth.nickname == "Nono"
    assert contact.youth.holder_structure == structure


def test_a_contact_with_a_file_of_another_structure_is_refused(api, programme, other_structure):
    youth = YouthFactory(holder_structure=other_structure)
    response = api.post(f"{API}/contacts", {"programme_id": programme.pk, "youth_id": youth.pk},
                        content_type="application/json")  # fmt: skip
    assert response.status_code == 422
    assert not Contact.objects.exists()


def test_referral_lifecycle(api, programme):
    created = api.post(
        f"{API}/referrals",
        {"programme_id": programme.pk, "source": "school", "name": "Noah",
         "phone": "+33 7 81 23 45 67", "commune": "76540"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["phone"] == "+33781234567"
    assert api.post(f"{API}/referrals/{pk}/take").json()["state"] == "taken"
    made = api.post(f"{API}/referrals/{pk}/contact-made", {"create_youth": True},
                    content_type="application/json")  # fmt: skip
    assert made.json()["youth_id"] is not None
    closed = api.post(f"{API}/referrals/{pk}/close", {"reason": "followed"},
                      content_type="application/json")  # fmt: skip
    assert closed.json()["state"] == "closed"


def test_an_invalid_transition_is_a_french_422(api, programme):
    referral = ReferralFactory(programme=programme)
    response = api.post(f"{API}/referrals/{referral.pk}/contact-made", {},
                        content_type="application/json")  # fmt: skip
    assert response.status_code == 422
    assert "Prenez d'abord" in response.json()["errors"][0]["message"]
    assert Referral.objects.get().state == "new"


def test_referrals_of_other_zones_are_a_404(api_client, member, other_structure, programme):
    referral = ReferralFactory(programme=programme)
    client = api_client(member(Role.MEDIATOR, other_structure))
    assert client.get(f"{API}/referrals/{referral.pk}").status_code == 404
    assert client.post(f"{API}/referrals/{referral.pk}/take").status_code == 404


def test_late_filter(api, programme):
    from django.utils import timezone

    ReferralFactory(programme=programme, due_at=timezone.now())
    ReferralFactory(programme=programme)
    assert len(api.get(f"{API}/referrals", {"late": "true"}).json()) == 1
    assert AuditEvent.objects.filter(action="list", object_type="referral", via="api").exists()


def test_a_partner_sees_the_status_of_what_it_sent(api_client, member, programme, other_structure):
    ParticipationFactory(programme=programme, structure=other_structure, kind="upstream")
    partner = api_client(member(Role.PARTNER, other_structure))
    partner.post(
        f"{API}/referrals",
        {"programme_id": programme.pk, "name": "Emma", "email": "emma@exemple.fr",
         "commune": "76540", "need": "logement"},
        content_type="application/json",
    )  # fmt: skip
    sent = partner.get(f"{API}/referrals/sent").json()
    assert [(r["name"], r["state"]) for r in sent] == [("Emma", "new")]
    assert "need" not in sent[0]
    assert partner.get(f"{API}/referrals").json() == []
    assert partner.get(f"{API}/sessions").json() == []


def test_places_api(api, programme):
    response = api.post(f"{API}/places", {"programme_id": programme.pk, "name": "Marché",
                                          "kind": "market", "commune": "76540"},
                        content_type="application/json")  # fmt: skip
    assert response.status_code == 201
    pk = response.json()["id"]
    patched = api.patch(f"{API}/places/{pk}", {"is_active": False},
                        content_type="application/json")  # fmt: skip
    assert patched.json()["is_active"] is False
    assert [p["name"] for p in api.get(f"{API}/places").json()] == ["Marché"]


def test_the_api_needs_a_token(programme):
    assert Client().get(f"{API}/sessions").status_code == 401


@pytest.mark.parametrize(
    ("when", "message"),
    [("1998-05-01T10:00:00+02:00", "avant le 1er janvier 2000"), ("2999-01-01T10:00:00Z", "futur")],
)
def test_a_contact_date_out_of_range_is_a_french_422(api, programme, when, message):
    session = OutreachSessionFactory(programme=programme)
    response = api.post(
        f"{API}/contacts",
        {"session_id": session.pk, "happened_at": when, "result": "appointment"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "happened_at"
    assert message in response.json()["errors"][0]["message"]
    assert not Contact.objects.exists()
