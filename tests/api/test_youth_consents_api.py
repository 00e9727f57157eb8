import datetime

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.youth.models import Consent
from tests.factories.youth import ConsentFactory, YouthFactory, enrol_with_partner


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_list_consents_and_log_it(api_client, member, structure, other_structure):
    consent = ConsentFactory(
        youth=YouthFactory(holder_structure=structure), shared_with=[other_structure]
    )
    body = (
        api_client(member(Role.CASE_WORKER, structure))
        .get(f"/api/youth/{consent.youth_id}/consents")
        .json()
    )
    assert [(c["id"], c["shared_with"], c["is_active"]) for c in body] == [
        (consent.pk, [other_structure.pk], True)
    ]
    assert AuditEvent.objects.filter(action="list", object_type="consent").exists()


def test_record_a_sharing_consent(api_client, member, structure, other_structure):
    youth = YouthFactory(holder_structure=structure)
    enrol_with_partner(youth, other_structure)
    response = post(
        api_client(member(Role.MEDIATOR, structure)),
        f"/api/youth/{youth.pk}/consents",
        {
            "purpose": "sharing",
            "method": "oral",
            "given_on": "2026-03-01",
            "shared_with": [other_structure.pk],
        },
    )
    assert response.status_code == 201
    assert response.json()["shared_with"] == [other_structure.pk]


def test_bad_consents_are_refused_in_french(api_client, member, structure):
    youth = YouthFactory(holder_structure=structure, birth_date=datetime.date(2010, 1, 1))
    client = api_client(member(Role.MEDIATOR, structure))
    response = post(
        client,
        f"/api/youth/{youth.pk}/consents",
        {"purpose": "sharing", "method": "oral", "given_on": "2026-03-01", "shared_with": [999999]},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "shared_with", "message": "Structure inconnue."}]
    response = post(
        client,
        f"/api/youth/{youth.pk}/consents",
        {"purpose": "follow_up", "method": "oral", "given_on": "2026-03-01"},
    )
    assert response.json()["errors"][0]["field"] == "guardian_informed"
    assert not Consent.objects.exists()


def test_withdraw_closes_the_file_to_the_partner_at_once(
    api_client, member, structure, other_structure
):
    consent = ConsentFactory(
        youth=YouthFactory(holder_structure=structure), shared_with=[other_structure]
    )
    partner = api_client(member(Role.CASE_WORKER, other_structure))
    assert partner.get(f"/api/youth/{consent.youth_id}").status_code == 200
    response = post(partner, f"/api/youth/{consent.youth_id}/consents/{consent.pk}/withdraw", {})
    assert response.status_code == 200
    assert response.json()["withdrawn_on"] == datetime.date.today().isoformat()
    assert partner.get(f"/api/youth/{consent.youth_id}").status_code == 404


def test_consents_of_another_structures_file_are_a_404(
    api_client, member, structure, other_structure
):
    youth = YouthFactory(holder_structure=structure)
    client = api_client(member(Role.CASE_WORKER, other_structure))
    assert client.get(f"/api/youth/{youth.pk}/consents").status_code == 404
    response = post(
        client,
        f"/api/youth/{youth.pk}/consents",
        {"purpose": "follow_up", "method": "oral", "given_on": "2026-03-01"},
    )
    assert response.status_code == 404


def test_it_requires_a_token(client, structure):
    youth = YouthFactory(holder_structure=structure)
    assert client.get(f"/api/youth/{youth.pk}/consents").status_code == 401


def test_a_consent_before_the_birth_is_refused_in_french(api_client, member, structure):
    youth = YouthFactory(holder_structure=structure, birth_date=datetime.date(2004, 3, 10))
    response = post(
        api_client(member(Role.MEDIATOR, structure)),
        f"/api/youth/{youth.pk}/consents",
        {"purpose": "follow_up", "method": "oral", "given_on": "1999-12-31"},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "given_on",
            "message": "La date du consentement ne peut pas précéder la naissance du jeune "
            "(10/03/2004).",
        }
    ]
    assert not Consent.objects.exists()
