import json

from django.urls import reverse

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.privacy.export import collect
from accroche.youth.relations import NOT_EXPORTED, youth_relations


def test_every_relation_of_a_file_is_exported_or_excluded_with_a_reason(full_file, actor):
    exported = {
        s.key
        for s in collect(
            actor(Role.COORDINATOR, structure=full_file.youth.holder_structure), full_file.youth
        ).sections
    }
    for relation in youth_relations():
        exported_as = {relation.label, relation.key} & exported
        assert exported_as or NOT_EXPORTED.get(relation.label), relation.label
    assert all(len(reason) > 20 for reason in NOT_EXPORTED.values())


def test_the_export_holds_the_whole_file(full_file, actor):
    data = collect(
        actor(Role.COORDINATOR, structure=full_file.youth.holder_structure), full_file.youth
    ).as_json()
    assert data["identite"]["last_name"] == "Martin"
    text = json.dumps(data, ensure_ascii=False)
    for held in (
        "Soins dentaires urgents",
        "Suivi addictologie",
        "Appeler le CSAPA",
        "Parle de sa sœur",
        "Ouvrir ses droits",
        "CDI chez Transdev",
        "Rencontré au city stade",
        "Cherche un logement",
        "Boulangerie du Vieux-Marché",
    ):
        assert held in text, held
    for key in (
        "youth.Consent",
        "youth.Enrolment",
        "youth.PhaseChange",
        "followup.Attendance",
        "followup.Aid",
        "followup.Appointment",
        "outreach.Referral",
    ):
        assert key in data["donnees"], key


def test_a_note_reserved_to_another_structure_is_left_out(full_file, actor):
    text = json.dumps(
        collect(
            actor(Role.COORDINATOR, structure=full_file.youth.holder_structure), full_file.youth
        ).as_json(),
        ensure_ascii=False,
    )
    assert "Dette au foyer" not in text
    shared = collect(
        actor(Role.COORDINATOR, structure=full_file.shared_with), full_file.youth
    ).as_json()
    assert "Dette au foyer" in json.dumps(shared, ensure_ascii=False)


def test_the_json_download_is_audited(full_file, member, login):
    client = login(member(Role.CASE_WORKER, full_file.youth.holder_structure))
    response = client.get(reverse("privacy:export_json", args=[full_file.youth.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response.json()["identite"]["first_name"] == "Yanis"
    assert AuditEvent.objects.filter(
        action="export", object_id=full_file.youth.pk, fields=["export_json"]
    ).exists()


def test_the_pdf_download_is_a_pdf_and_lists_the_access_log(full_file, member, login):
    client = login(member(Role.COORDINATOR, full_file.youth.holder_structure))
    client.get(reverse("youth:detail", args=[full_file.youth.pk]))
    response = client.get(reverse("privacy:export_pdf", args=[full_file.youth.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_mediator_cannot_download_the_copy(full_file, member, login):
    client = login(member(Role.MEDIATOR, full_file.youth.holder_structure))
    assert client.get(reverse("privacy:export_json", args=[full_file.youth.pk])).status_code == 404


def test_another_structure_gets_404(full_file, member, login, other_structure):
    client = login(member(Role.COORDINATOR))
    assert client.get(reverse("privacy:export_pdf", args=[full_file.youth.pk])).status_code == 404


def test_the_rights_page(full_file, member, login, django_assert_num_queries):
    client = login(member(Role.COORDINATOR, full_file.youth.holder_structure))
    url = reverse("privacy:youth", args=[full_file.youth.pk])
    with django_assert_num_queries(9):
        response = client.get(url)
    assert "Télécharger en PDF" in response.text
    assert "Anonymiser la fiche" in response.text


def test_a_rectification_request_is_audited(full_file, member, login):
    client = login(member(Role.CASE_WORKER, full_file.youth.holder_structure))
    response = client.post(reverse("privacy:rectification", args=[full_file.youth.pk]))
    assert response.url == reverse("youth:edit", args=[full_file.youth.pk])
    assert AuditEvent.objects.filter(fields=["rectification_request"]).count() == 1
