"""The coordinator of the structure that leads a programme decides its aid, even for a
young person whose file is not shared with that structure; but the receipt, a document
about the young person, opens only where the file is visible. Elsewhere a structure that
sees the file attests it was checked, and the coordinator reads that attestation."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accroche.access.roles import Role
from accroche.accounts.tokens import do_create_token
from accroche.followup.models import Aid, AidStatus
from accroche.youth.models import Consent
from tests.factories.followup import AidFactory, BudgetLineFactory
from tests.factories.organisations import ProgrammeFactory, StructureFactory
from tests.factories.youth import ConsentFactory, EnrolmentFactory, YouthFactory

PDF = b"%PDF-1.4\n%justificatif\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def lead():
    return StructureFactory(name="Structure porteuse")


@pytest.fixture
def aid(structure, lead) -> Aid:
    """A paid aid with its receipt, for a young person held by ``structure``, charged to
    a programme that ``lead`` leads; the file is not shared with ``lead``."""
    youth = YouthFactory(holder_structure=structure, first_name="Yanis", nickname="Yaya")
    programme = ProgrammeFactory(lead_structure=lead)
    EnrolmentFactory(youth=youth, programme=programme)
    aid = AidFactory(
        youth=youth,
        budget_line=BudgetLineFactory(programme=programme, label="Permis AM"),
        reason="Permis pour rejoindre sa mère à l'hôpital",
        status=AidStatus.PAID,
        paid_on=datetime.date.today(),
    )
    aid.receipt.save("facture.pdf", ContentFile(PDF))
    return aid


@pytest.fixture
def approver(member, lead):
    return member(Role.COORDINATOR, lead)


def _receipt(client: Client, pk: int):
    return client.get(reverse("followup:decided_receipt", args=[pk]))


def test_the_approver_of_an_unshared_file_gets_what_a_missing_aid_gives(login, approver, aid):
    client = login(approver)
    found, missing = _receipt(client, aid.pk), _receipt(client, 10**9)
    assert found.status_code == 404
    assert found.content == missing.content


def test_the_approver_opens_the_receipt_once_the_file_is_shared(login, approver, aid, lead):
    consent = ConsentFactory(youth=aid.youth, shared_with=[lead])
    client = login(approver)
    response = _receipt(client, aid.pk)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    Consent.objects.filter(pk=consent.pk).update(withdrawn_on=datetime.date.today())
    assert _receipt(client, aid.pk).status_code == 404


def test_the_approver_still_decides_an_unshared_aid(login, approver, aid):
    requested = AidFactory(youth=aid.youth, budget_line=aid.budget_line)
    login(approver).post(reverse("followup:aid_decide", args=[requested.pk, "approve"]))
    requested.refresh_from_db()
    assert requested.status == AidStatus.APPROVED


def test_the_budget_page_shows_a_reference_and_the_attestation_not_the_young_person(
    login, approver, aid, member, structure
):
    AidFactory(youth=aid.youth, budget_line=aid.budget_line)  # waiting for a decision
    client = login(approver)
    page = client.get(reverse("followup:budget")).text
    for personal in ("Yanis", "Yaya", "hôpital", "Martin"):
        assert personal not in page
    assert f"Aide n° {aid.pk}" in page
    assert "attestation de la structure qui suit le jeune" in page
    assert reverse("followup:decided_receipt", args=[aid.pk]) not in page

    referent = member(Role.CASE_WORKER, structure)
    referent.user.first_name, referent.user.last_name = "Inès", "Dumas"
    referent.user.save()
    login(referent).post(reverse("followup:receipt_attest", args=[aid.youth_id, aid.pk]))
    page = client.get(reverse("followup:budget")).text
    assert "Justificatif vérifié par Inès Dumas" in page
    assert "Yanis" not in page


def test_a_new_receipt_must_be_attested_again(login, member, structure, aid):
    client = login(member(Role.CASE_WORKER, structure))
    client.post(reverse("followup:receipt_attest", args=[aid.youth_id, aid.pk]))
    aid.refresh_from_db()
    assert aid.receipt_checked_at is not None
    assert aid.receipt_checked_by_structure_id == structure.pk
    upload = SimpleUploadedFile("autre.pdf", PDF, content_type="application/pdf")
    client.post(reverse("followup:aid_receipt", args=[aid.youth_id, aid.pk]), {"receipt": upload})
    aid.refresh_from_db()
    assert (aid.receipt_checked_at, aid.receipt_checked_by_id) == (None, None)


def test_an_aid_without_receipt_cannot_be_attested(login, member, structure, aid):
    Aid.objects.filter(pk=aid.pk).update(receipt="")
    response = login(member(Role.CASE_WORKER, structure)).post(
        reverse("followup:receipt_attest", args=[aid.youth_id, aid.pk]), follow=True
    )
    assert "Joignez d&#x27;abord le justificatif" in response.text
    aid.refresh_from_db()
    assert aid.receipt_checked_at is None


def test_the_api_attests_and_the_approver_reads_the_attestation(member, structure, approver, aid):
    def token(membership):
        _token, secret = do_create_token(membership.user, membership, "tests")
        return Client(headers={"Authorization": f"Bearer {secret}"})

    holder = token(member(Role.CASE_WORKER, structure))
    attested = holder.post(f"/api/followup/youth/{aid.youth_id}/aids/{aid.pk}/receipt/attest")
    assert attested.status_code == 200
    assert attested.json()["receipt_checked_by_structure_id"] == structure.pk
    (paid,) = token(approver).get("/api/followup/aids/to-decide?status=paid").json()
    assert paid["id"] == aid.pk
    assert (paid["youth_id"], paid["reason"]) == (None, None)
    assert paid["receipt_checked_by_structure_id"] == structure.pk
    assert paid["receipt_checked_at"] is not None
