"""Sharing stays inside the file's consortium: the partners of the programmes it is
enrolled in and the structures whose zones cover the young person. Anything else is an
explicit transfer with a reason, recorded, audited and listed for the DPO."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.accounts.tokens import do_create_token
from accroche.organisations.models import Participation
from accroche.youth.consents import do_record_consent, sharing_candidates
from accroche.youth.models import Consent, Phase
from tests.factories.organisations import ParticipationFactory, ProgrammeFactory, StructureFactory
from tests.factories.territory import CommuneFactory, QpvFactory
from tests.factories.youth import ConsentFactory, YouthFactory, enrol_with_partner


def sharing(*structures, **data):
    return {
        "purpose": "sharing",
        "method": "oral",
        "given_on": datetime.date(2026, 5, 1),
        "shared_with": list(structures),
    } | data


@pytest.fixture
def world(structure):
    """A file enrolled in programme A (partner: ``partner``); a programme B of another
    consortium whose structure ``zone_keeper`` covers the file's commune, another of its
    structures ``elsewhere`` covering nothing of it; an evaluator of programme A."""
    commune, qpv = CommuneFactory(), QpvFactory()
    youth = YouthFactory(holder_structure=structure, residence_commune=commune, residence_qpv=qpv)
    partner, zone_keeper, qpv_keeper, elsewhere, evaluator = (
        StructureFactory(name=name)
        for name in ("Partenaire", "Club du quartier", "Bailleur du QPV", "Autre", "Labo")
    )
    enrolment = enrol_with_partner(youth, partner)
    ParticipationFactory(
        programme=enrolment.programme, structure=evaluator, kind=Participation.Kind.EVALUATOR
    )
    other = ProgrammeFactory(lead_structure=StructureFactory(name="Autre consortium"))
    ParticipationFactory(programme=other, structure=zone_keeper).zone_communes.set([commune])
    ParticipationFactory(programme=other, structure=qpv_keeper).zone_qpvs.set([qpv])
    ParticipationFactory(programme=other, structure=elsewhere).zone_communes.set([CommuneFactory()])
    return youth, {
        "partner": partner,
        "zone_keeper": zone_keeper,
        "qpv_keeper": qpv_keeper,
        "elsewhere": elsewhere,
        "evaluator": evaluator,
        "lead": other.lead_structure,
    }


def test_the_consortium_is_the_programmes_partners_and_the_zones_covering_the_file(world):
    youth, s = world
    assert set(sharing_candidates(youth)) == {s["partner"], s["zone_keeper"], s["qpv_keeper"]}


def test_an_exited_programme_no_longer_opens_sharing(world):
    youth, s = world
    youth.enrolments.update(phase=Phase.EXITED)
    assert set(sharing_candidates(youth)) == {s["zone_keeper"], s["qpv_keeper"]}


def test_sharing_outside_the_consortium_needs_a_reason(world, actor, structure):
    youth, s = world
    with pytest.raises(ValidationError) as error:
        do_record_consent(actor(Role.CASE_WORKER, structure), youth, sharing(s["elsewhere"]))
    message = error.value.message_dict["transfer_reason"][0]
    assert "Autre ne participe(nt) à aucun dispositif du jeune" in message
    assert "transfert hors du consortium" in message
    assert not Consent.objects.exists()


def test_a_transfer_with_its_reason_is_recorded_and_audited(world, actor, structure):
    youth, s = world
    consent = do_record_consent(
        actor(Role.CASE_WORKER, structure),
        youth,
        sharing(s["partner"], s["elsewhere"], transfer_reason="  Hébergement d'urgence  "),
    )
    assert set(consent.shared_with.all()) == {s["partner"], s["elsewhere"]}
    assert list(consent.transferred_to.all()) == [s["elsewhere"]]
    assert consent.transfer_reason == "Hébergement d'urgence"
    event = AuditEvent.objects.get(action="create", object_type="consent")
    assert {"transferred_to", "transfer_reason"} <= set(event.fields)


def test_inside_the_consortium_a_reason_is_refused(world, actor, structure):
    youth, s = world
    with pytest.raises(ValidationError, match="ce n'est pas un transfert"):
        do_record_consent(
            actor(Role.CASE_WORKER, structure),
            youth,
            sharing(s["zone_keeper"], transfer_reason="au cas où"),
        )


def test_the_form_offers_the_consortium_and_the_rest_only_as_a_transfer(world, login, member):
    youth, s = world
    client = login(member(Role.CASE_WORKER, youth.holder_structure))
    form = client.get(reverse("youth:consent_create", args=[youth.pk])).context["form"]
    assert set(form.fields["shared_with"].queryset) == {
        s["partner"],
        s["zone_keeper"],
        s["qpv_keeper"],
    }
    assert {s["elsewhere"], s["lead"], s["evaluator"]} <= set(form.fields["transfer_to"].queryset)
    assert youth.holder_structure not in form.fields["transfer_to"].queryset


def test_the_form_refuses_a_transfer_without_reason_and_keeps_the_input(world, login, member):
    youth, s = world
    client = login(member(Role.CASE_WORKER, youth.holder_structure))
    url = reverse("youth:consent_create", args=[youth.pk])
    data = {"purpose": "sharing", "method": "oral", "given_on": "2026-05-01"}
    response = client.post(
        url, data | {"shared_with": [s["partner"].pk], "transfer_to": [s["elsewhere"].pk]}
    )
    assert response.status_code == 200
    assert "Écrivez-en le motif" in response.text
    assert f'value="{s["elsewhere"].pk}" selected' in response.text
    assert not Consent.objects.exists()
    response = client.post(
        url,
        data
        | {"shared_with": [s["partner"].pk], "transfer_to": [s["elsewhere"].pk]}
        | {"transfer_reason": "Suivi santé"},
    )
    assert response.status_code == 302
    assert list(Consent.objects.get().transferred_to.all()) == [s["elsewhere"]]


def test_the_api_refuses_a_transfer_without_reason(world, member):
    youth, s = world

    membership = member(Role.CASE_WORKER, youth.holder_structure)
    _token, secret = do_create_token(membership.user, membership, "tests")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    url = f"/api/youth/{youth.pk}/consents"
    body = {"purpose": "sharing", "method": "oral", "given_on": "2026-05-01"}
    response = client.post(
        url, body | {"shared_with": [s["elsewhere"].pk]}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "transfer_reason"
    assert "transfert hors du consortium" in response.json()["errors"][0]["message"]
    response = client.post(
        url,
        body | {"shared_with": [s["elsewhere"].pk], "transfer_reason": "Demande du jeune"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["transferred_to"] == [s["elsewhere"].pk]
    assert response.json()["transfer_reason"] == "Demande du jeune"


def test_the_dpo_sees_the_transfers_and_nobody_else(world, login, member):
    youth, s = world
    ConsentFactory(youth=youth, shared_with=[s["partner"]])  # inside: not listed
    transfer = ConsentFactory(
        youth=youth, shared_with=[s["elsewhere"]], transfer_reason="Relogement urgent"
    )
    transfer.transferred_to.set([s["elsewhere"]])
    url = reverse("audit:transfers")
    dpo = login(member(Role.DPO, StructureFactory(name="Métropole")))
    response = dpo.get(url)
    assert response.status_code == 200
    assert "Relogement urgent" in response.text
    assert list(response.context["page"].object_list) == [transfer]
    assert youth.first_name not in response.text  # identifiers only
    assert url in dpo.get("/").text  # in the DPO's menu
    assert AuditEvent.objects.filter(
        action="list", object_type="consent", object_ids=[transfer.pk]
    ).exists()
    coordinator = login(member(Role.COORDINATOR, youth.holder_structure))
    assert coordinator.get(url).status_code == 404
    assert url not in coordinator.get("/").text
