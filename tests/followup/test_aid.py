import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from accroche.access.roles import Role
from accroche.followup.aid import (
    do_approve_aid,
    do_attach_receipt,
    do_cancel_aid,
    do_pay_aid,
    do_refuse_aid,
    do_request_aid,
    get_aid_to_decide,
)
from accroche.followup.models import Aid, AidKind, AidStatus
from tests.factories.followup import AidFactory, BudgetLineFactory

PDF = b"%PDF-1.4\n%fake receipt\n"


@pytest.fixture
def coordinator(actor, structure):
    return actor(Role.COORDINATOR, structure)


@pytest.fixture
def line(programme):
    return BudgetLineFactory(
        programme=programme, label="Permis AM", envelope=Decimal("600"), unit_quota=2
    )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def request(referent, youth, line, amount="250", **extra):
    data = {"budget_line": line, "kind": AidKind.MOPED_LICENCE, "amount": Decimal(amount)}
    return do_request_aid(referent, youth, data | {"reason": "Permis AM pour l'intérim."} | extra)


def test_a_request_waits_for_a_coordinator(referent, youth, line):
    aid = request(referent, youth, line)
    assert (aid.status, aid.enrolment.programme_id) == (AidStatus.REQUESTED, line.programme_id)


def test_a_request_beyond_the_envelope_is_refused_with_what_is_left(referent, youth, line):
    AidFactory(budget_line=line, amount=Decimal("500"), status=AidStatus.APPROVED)
    with pytest.raises(ValidationError) as error:
        request(referent, youth, line, amount="150")
    assert "Il reste 100,00 € sur « Permis AM »" in str(error.value)
    assert Aid.objects.count() == 1


def test_a_request_beyond_the_quota_is_refused(referent, youth, line):
    AidFactory.create_batch(2, budget_line=line, amount=Decimal("10"), status=AidStatus.PAID)
    with pytest.raises(ValidationError, match="quota de « Permis AM » est atteint"):
        request(referent, youth, line, amount="10")


def test_the_kind_must_match_the_line(referent, youth, line):
    with pytest.raises(ValidationError, match="finance « Permis AM"):
        request(referent, youth, line, kind=AidKind.FOOD)


def test_a_line_of_another_year_is_refused(referent, youth, programme):
    old = BudgetLineFactory(programme=programme, year=2020)
    with pytest.raises(ValidationError, match="celle de 2020"):
        request(referent, youth, old)


def test_the_lead_coordinator_approves_then_pays(coordinator, youth, line):
    aid = get_aid_to_decide(coordinator, AidFactory(youth=youth, budget_line=line).pk)
    do_approve_aid(coordinator, aid)
    do_pay_aid(coordinator, aid)
    aid.refresh_from_db()
    assert (aid.status, aid.decided_by) == (AidStatus.PAID, coordinator.user)


def test_paying_an_unapproved_aid_changes_nothing(coordinator, youth, line):
    aid = AidFactory(youth=youth, budget_line=line)
    with pytest.raises(ValidationError, match="une fois accordée"):
        do_pay_aid(coordinator, aid)
    aid.refresh_from_db()
    assert (aid.status, aid.paid_on) == (AidStatus.REQUESTED, None)


def test_approval_re_checks_the_envelope(coordinator, line):
    AidFactory(budget_line=line, amount=Decimal("500"), status=AidStatus.APPROVED)
    aid = AidFactory(budget_line=line, amount=Decimal("200"))
    with pytest.raises(ValidationError, match="dépasse l'enveloppe"):
        do_approve_aid(coordinator, aid)
    aid.refresh_from_db()
    assert aid.status == AidStatus.REQUESTED


def test_a_refusal_needs_a_reason(coordinator, line):
    aid = AidFactory(budget_line=line)
    with pytest.raises(ValidationError, match="motif"):
        do_refuse_aid(coordinator, aid, " ")
    do_refuse_aid(coordinator, aid, "Hors critères du comité.")
    assert aid.status == AidStatus.REFUSED


def test_a_decided_aid_is_not_decided_again(coordinator, line):
    aid = AidFactory(budget_line=line, status=AidStatus.REFUSED)
    with pytest.raises(ValidationError, match="déjà été traitée"):
        do_approve_aid(coordinator, aid)


def test_a_partner_coordinator_does_not_decide(actor, other_structure, line):
    aid = AidFactory(budget_line=line)
    with pytest.raises(Http404):
        get_aid_to_decide(actor(Role.COORDINATOR, other_structure), aid.pk)


def test_the_requester_cancels_a_pending_request(referent, line):
    aid = AidFactory(budget_line=line, status=AidStatus.APPROVED)
    with pytest.raises(ValidationError, match="en attente"):
        do_cancel_aid(referent, aid)


def test_a_receipt_is_attached_once_paid(referent, line):
    aid = AidFactory(budget_line=line, status=AidStatus.PAID, paid_on=datetime.date(2026, 3, 1))
    do_attach_receipt(referent, aid, SimpleUploadedFile("ticket.pdf", PDF))
    aid.refresh_from_db()
    assert aid.receipt.name.endswith(".pdf")
    assert "ticket" not in aid.receipt.name


def test_a_receipt_before_payment_is_refused(referent, line):
    aid = AidFactory(budget_line=line, status=AidStatus.APPROVED)
    with pytest.raises(ValidationError, match="une fois l'aide payée"):
        do_attach_receipt(referent, aid, SimpleUploadedFile("ticket.pdf", PDF))
    aid.refresh_from_db()
    assert not aid.receipt


def test_a_receipt_must_be_a_pdf_or_an_image(referent, line):
    aid = AidFactory(budget_line=line, status=AidStatus.PAID)
    with pytest.raises(ValidationError, match="PDF, un JPEG ou un PNG"):
        do_attach_receipt(referent, aid, SimpleUploadedFile("ticket.pdf", b"MZ\x90 not a pdf"))


def test_a_coordinator_of_another_programme_cannot_approve(actor, other_structure, line):
    with pytest.raises(Http404):
        do_approve_aid(actor(Role.COORDINATOR, other_structure), AidFactory(budget_line=line))
