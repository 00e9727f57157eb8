from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accroche.access.roles import Role
from accroche.followup.models import Aid, AidStatus, BudgetLine
from tests.factories.followup import AidFactory, BudgetLineFactory

PDF = b"%PDF-1.4\n%fake\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def line(programme):
    return BudgetLineFactory(programme=programme, label="Permis AM", envelope=Decimal("300"))


@pytest.fixture
def coordinator(member, structure):
    return member(Role.COORDINATOR, structure)


def test_a_referent_requests_an_aid(login, referent, youth, line):
    data = {"budget_line": line.pk, "amount": "120", "reason": "Permis AM."}
    client = login(referent.membership)
    assert (
        "300,00 € sur 300,00 €" in client.get(reverse("followup:aid_create", args=[youth.pk])).text
    )
    client.post(reverse("followup:aid_create", args=[youth.pk]), data)
    aid = Aid.objects.get()
    assert (aid.kind, aid.status) == ("moped_licence", AidStatus.REQUESTED)


def test_beyond_the_envelope_the_form_says_so_and_keeps_the_reason(login, referent, youth, line):
    data = {"budget_line": line.pk, "amount": "450", "reason": "Une raison à garder"}
    page = (
        login(referent.membership).post(reverse("followup:aid_create", args=[youth.pk]), data).text
    )
    assert "dépasse l&#x27;enveloppe" in page
    assert "Une raison à garder" in page
    assert not Aid.objects.exists()


def test_without_lines_the_form_says_who_creates_them(login, referent, youth):
    page = login(referent.membership).get(reverse("followup:aid_create", args=[youth.pk])).text
    assert "Demandez au coordinateur" in page


def test_the_coordinator_approves_and_pays(login, coordinator, youth, line):
    aid = AidFactory(youth=youth, budget_line=line)
    client = login(coordinator)
    page = client.get(reverse("followup:budget")).text
    assert "Aya" in page
    client.post(reverse("followup:aid_decide", args=[aid.pk, "approve"]))
    client.post(reverse("followup:aid_decide", args=[aid.pk, "pay"]))
    aid.refresh_from_db()
    assert aid.status == AidStatus.PAID


def test_paying_an_unapproved_aid_says_why(login, coordinator, line):
    aid = AidFactory(budget_line=line)
    response = login(coordinator).post(
        reverse("followup:aid_decide", args=[aid.pk, "pay"]), follow=True
    )
    assert "une fois accordée" in response.text
    aid.refresh_from_db()
    assert aid.status == AidStatus.REQUESTED


def test_a_case_worker_does_not_decide(login, referent, line):
    aid = AidFactory(budget_line=line)
    url = reverse("followup:aid_decide", args=[aid.pk, "approve"])
    assert login(referent.membership).post(url).status_code == 404


def test_a_coordinator_creates_a_line(login, coordinator, programme):
    data = {"programme": programme.pk, "label": "Tenues de travail", "kind": "work_clothes"}
    login(coordinator).post(
        reverse("followup:line_create"), data | {"year": 2026, "envelope": "1500"}
    )
    assert BudgetLine.objects.get().envelope == Decimal("1500")


def test_the_receipt_is_uploaded_then_downloaded(login, referent, youth, line):
    aid = AidFactory(youth=youth, budget_line=line, status=AidStatus.PAID)
    client = login(referent.membership)
    upload = SimpleUploadedFile("ticket.pdf", PDF, content_type="application/pdf")
    client.post(reverse("followup:aid_receipt", args=[youth.pk, aid.pk]), {"receipt": upload})
    response = client.get(reverse("followup:receipt_download", args=[youth.pk, aid.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_another_structure_cannot_download_it(login, member, youth, line, other_structure):
    aid = AidFactory(youth=youth, budget_line=line, status=AidStatus.PAID)
    client = login(member(Role.CASE_WORKER, other_structure))
    assert (
        client.get(reverse("followup:receipt_download", args=[youth.pk, aid.pk])).status_code == 404
    )
