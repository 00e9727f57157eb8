import datetime

import pytest
from django.urls import reverse

from accroche.access.roles import Role
from accroche.youth.models import Consent
from tests.factories.youth import ConsentFactory, YouthFactory, enrol_with_partner


def create_url(youth):
    return reverse("youth:consent_create", args=[youth.pk])


def test_it_requires_login(client, structure):
    response = client.get(create_url(YouthFactory(holder_structure=structure)))
    assert response.status_code == 302


def test_recording_a_sharing_consent(login, member, structure, other_structure):
    youth = YouthFactory(holder_structure=structure)
    enrol_with_partner(youth, other_structure)
    client = login(member(Role.MEDIATOR, structure))
    response = client.post(
        create_url(youth),
        {
            "purpose": "sharing",
            "method": "written",
            "given_on": "2026-03-01",
            "shared_with": [other_structure.pk],
        },
    )
    assert response.status_code == 302
    assert list(Consent.objects.get().shared_with.all()) == [other_structure]


def test_bad_input_keeps_what_was_typed(login, member, structure):
    youth = YouthFactory(holder_structure=structure, birth_date=datetime.date(2010, 1, 1))
    client = login(member(Role.CASE_WORKER, structure))
    response = client.post(
        create_url(youth), {"purpose": "sharing", "method": "written", "given_on": "2026-03-01"}
    )
    assert "Choisissez au moins une structure avec qui partager." in response.text
    assert "représentant légal a été informé" in response.text
    assert 'value="2026-03-01"' in response.text
    assert 'value="written" id="id_method_1" required checked' in response.text
    assert not Consent.objects.exists()


def test_another_structure_gets_a_404(login, member, structure, other_structure):
    youth = YouthFactory(holder_structure=structure)
    client = login(member(Role.CASE_WORKER, other_structure))
    assert client.get(create_url(youth)).status_code == 404


@pytest.mark.parametrize("role", [Role.PARTNER, Role.EVALUATOR, Role.ADMIN])
def test_roles_without_the_right_get_a_404(login, member, structure, role):
    youth = YouthFactory(holder_structure=structure)
    assert login(member(role, structure)).get(create_url(youth)).status_code == 404


def test_withdrawing_from_the_page(login, member, structure):
    consent = ConsentFactory(youth=YouthFactory(holder_structure=structure))
    url = reverse("youth:consent_withdraw", args=[consent.youth_id, consent.pk])
    client = login(member(Role.CASE_WORKER, structure))
    assert "ne la verront plus" in client.get(url).text
    client.post(url, {"withdrawn_on": datetime.date.today().isoformat()})
    consent.refresh_from_db()
    assert consent.withdrawn_on == datetime.date.today()


def test_a_withdrawal_in_the_future_is_refused_in_french(login, member, structure):
    consent = ConsentFactory(youth=YouthFactory(holder_structure=structure))
    url = reverse("youth:consent_withdraw", args=[consent.youth_id, consent.pk])
    future = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    response = login(member(Role.CASE_WORKER, structure)).post(url, {"withdrawn_on": future})
    assert "La date du retrait ne peut pas être dans le futur." in response.text
    assert f'value="{future}"' in response.text


def test_a_consent_of_another_file_is_a_404(login, member, structure):
    youth = YouthFactory(holder_structure=structure)
    other = ConsentFactory(youth=YouthFactory(holder_structure=structure))
    url = reverse("youth:consent_withdraw", args=[youth.pk, other.pk])
    assert login(member(Role.CASE_WORKER, structure)).get(url).status_code == 404


def test_a_consent_before_the_birth_is_refused_and_the_form_kept(login, member, structure):
    youth = YouthFactory(holder_structure=structure, birth_date=datetime.date(2004, 3, 10))
    client = login(member(Role.CASE_WORKER, structure))
    response = client.post(
        create_url(youth), {"purpose": "follow_up", "method": "written", "given_on": "2001-06-01"}
    )
    assert response.status_code == 200
    assert "ne peut pas précéder la naissance du jeune (10/03/2004)" in response.text
    assert 'value="2001-06-01"' in response.text
    assert not Consent.objects.exists()
