import datetime

import pytest
from django.urls import reverse

from accroche.access.roles import Role
from accroche.youth.models import Enrolment
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


def test_enrolling_evaluates_and_keeps_eligibility(login, member, structure, youth, programme):
    worker = member(Role.CASE_WORKER, structure)
    client = login(worker)
    url = reverse("youth:enrol", args=[youth.pk])
    response = client.post(
        url,
        {
            "programme": programme.pk,
            "referent": worker.pk,
            "entry_date": "2026-03-15",
            "phase": "contact",
            "entry_activity": "neet",
        },
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert (enrolment.referent, enrolment.eligibility_status) == (worker, "eligible")
    assert "Éligible" in client.get(reverse("youth:detail", args=[youth.pk])).text


def test_bad_input_keeps_the_situation_typed(login, member, structure, youth, programme):
    DiplomaLevelFactory(code="3", rank=3)
    worker = member(Role.CASE_WORKER, structure)
    future = (datetime.date.today() + datetime.timedelta(days=5)).isoformat()
    response = login(worker).post(
        reverse("youth:enrol", args=[youth.pk]),
        {
            "programme": programme.pk,
            "referent": worker.pk,
            "entry_date": future,
            "phase": "contact",
            "entry_housing": "emergency",
            "entry_last_spe_contact_source": "never",
            "entry_last_spe_contact_on": "2025-01-01",
        },
    )
    assert "La date d&#x27;entrée ne peut pas être dans le futur." in response.text
    assert "laissez la date vide" in response.text
    assert '<option value="emergency" selected>' in response.text
    assert not Enrolment.objects.exists()


def test_the_eligibility_preview_is_an_htmx_partial(login, member, structure, youth, programme):
    client = login(member(Role.CASE_WORKER, structure))
    response = client.get(
        reverse("youth:eligibility_preview", args=[youth.pk]),
        {"programme": programme.pk, "entry_date": "2026-03-15", "entry_activity": "employed"},
        headers={"HX-Request": "true"},
    )
    assert "Non éligible" in response.text
    assert "<html" not in response.text


def test_a_mediator_cannot_be_picked_as_referent(login, member, structure, youth, programme):
    mediator = member(Role.MEDIATOR, structure)
    response = login(mediator).post(
        reverse("youth:enrol", args=[youth.pk]),
        {
            "programme": programme.pk,
            "referent": mediator.pk,
            "entry_date": "2026-03-15",
            "phase": "contact",
        },
    )
    assert "Sélectionnez un choix valide" in response.text
    assert not Enrolment.objects.exists()


def test_enrol_of_another_structures_file_is_a_404(login, member, other_structure, youth):
    client = login(member(Role.CASE_WORKER, other_structure))
    assert client.get(reverse("youth:enrol", args=[youth.pk])).status_code == 404


def test_changing_referent_from_the_page(login, member, structure):
    enrolment = EnrolmentFactory(youth__holder_structure=structure)
    colleague = member(Role.CASE_WORKER, structure)
    client = login(member(Role.COORDINATOR, structure))
    url = reverse("youth:change_referent", args=[enrolment.youth_id, enrolment.pk])
    client.post(url, {"referent": colleague.pk, "reason": "Départ en formation"})
    enrolment.refresh_from_db()
    assert enrolment.referent == colleague


def test_a_partner_referent_is_offered_only_with_consent(login, member, structure, other_structure):
    enrolment = EnrolmentFactory(youth__holder_structure=structure)
    enrolment.programme.participations.create(structure=other_structure, kind="partner")
    partner_worker = member(Role.CASE_WORKER, other_structure)
    name = partner_worker.user.get_full_name()
    client = login(member(Role.COORDINATOR, structure))
    url = reverse("youth:change_referent", args=[enrolment.youth_id, enrolment.pk])
    assert name not in client.get(url).text
    ConsentFactory(youth=enrolment.youth, shared_with=[other_structure])
    assert name in client.get(url).text


def test_changing_phase_from_the_page(login, member, structure):
    enrolment = EnrolmentFactory(youth__holder_structure=structure)
    client = login(member(Role.CASE_WORKER, structure))
    url = reverse("youth:change_phase", args=[enrolment.youth_id, enrolment.pk])
    page = client.get(url).text
    assert "Passer en mobilisation" in page
    assert "Préparer le passage de relais" not in page
    client.post(url, {"act": "mobilise", "on": "2026-03-20"})
    enrolment.refresh_from_db()
    assert enrolment.phase == "mobilisation"


def test_an_override_needs_a_reason_on_the_page(login, member, structure):
    enrolment = EnrolmentFactory(youth__holder_structure=structure)
    client = login(member(Role.COORDINATOR, structure))
    url = reverse("youth:override", args=[enrolment.youth_id, enrolment.pk])
    response = client.post(url, {"decision": "eligible", "reason": ""})
    assert "Ce champ est obligatoire." in response.text
    client.post(url, {"decision": "eligible", "reason": "Comité du 3 mars"})
    enrolment.refresh_from_db()
    assert enrolment.effective_eligibility == "eligible"


def test_the_file_sends_to_the_timeline_for_history_and_decisions(login, member, structure):
    """The enrolment card links to the timeline, which holds the phase and referent changes
    and the decision's reason; the card does not read them again (tests/scale)."""
    enrolment = EnrolmentFactory(youth__holder_structure=structure)
    client = login(member(Role.COORDINATOR, structure))
    youth = enrolment.youth_id
    page = client.get(reverse("youth:detail", args=[youth])).text
    assert 'href="#chronologie">Historique : voir la chronologie<' in page
    url = reverse("youth:override", args=[youth, enrolment.pk])
    client.post(url, {"decision": "eligible", "reason": "Comité du 3 mars"})
    page = client.get(reverse("youth:detail", args=[youth])).text
    assert "motif de la décision d'éligibilité : voir la chronologie" in page
    timeline = client.get(reverse("youth:timeline", args=[youth])).text
    assert "Éligibilité décidée : Éligible" in timeline
    assert "Comité du 3 mars" in timeline


def test_a_case_worker_cannot_override(login, member, structure):
    enrolment = EnrolmentFactory(youth__holder_structure=structure)
    url = reverse("youth:override", args=[enrolment.youth_id, enrolment.pk])
    assert login(member(Role.CASE_WORKER, structure)).get(url).status_code == 404


def test_an_enrolment_of_another_file_is_a_404(login, member, structure):
    youth = YouthFactory(holder_structure=structure)
    other = EnrolmentFactory(youth__holder_structure=structure)
    url = reverse("youth:change_phase", args=[youth.pk, other.pk])
    assert login(member(Role.CASE_WORKER, structure)).get(url).status_code == 404


def test_enrolling_without_consent_is_refused_in_french_and_the_form_kept(
    login, member, structure, programme, rouen
):
    youth = YouthFactory(holder_structure=structure, residence_commune=rouen)
    worker = member(Role.CASE_WORKER, structure)
    client = login(worker)
    url = reverse("youth:enrol", args=[youth.pk])
    assert "Aucun consentement à l'accompagnement" in client.get(url).text
    data = {
        "programme": programme.pk,
        "referent": worker.pk,
        "entry_date": "2026-03-15",
        "phase": "contact",
        "entry_activity": "neet",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "pas (ou plus) de consentement à l&#x27;accompagnement" in response.text
    assert '<option value="neet" selected>' in response.text
    assert not Enrolment.objects.exists()
    response = client.post(url, data | {"legal_basis": "contract"})
    assert response.status_code == 302
    assert Enrolment.objects.get().legal_basis == "contract"
    page = client.get(reverse("youth:detail", args=[youth.pk])).text
    assert "Contrat avec le jeune" in page
