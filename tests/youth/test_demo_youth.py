"""The demo's young people are believable and follow the rules the product enforces."""

import datetime

import pytest

from accroche.access.roles import Role
from accroche.youth.access import structures_seeing
from accroche.youth.eligibility import age_range
from accroche.youth.models import Consent, Diagnostic, Enrolment, Youth

TODAY = datetime.date(2026, 11, 20)


pytestmark = pytest.mark.usefixtures("demo")


def test_about_250_young_people_aged_16_to_27():
    # 250, plus the file met two years ago that shows a retention notice (demo/privacy.py).
    assert Youth.objects.count() == 251
    ages = [age_range(TODAY, y.birth_date, y.birth_year) for y in Youth.objects.all()]
    known = [a for a in ages if a is not None]
    assert min(low for low, _high in known) >= 15
    assert max(high for _low, high in known) <= 28


def test_most_are_neet_some_with_rqth_and_a_few_without_a_roof():
    enrolments = Enrolment.objects.all()
    neet = enrolments.filter(entry_activity="neet").count()
    assert neet > 0.75 * enrolments.count()
    assert Youth.objects.filter(rqth=True).exists()
    assert enrolments.filter(entry_housing__in=["homeless", "emergency"]).count() >= 3


def test_consents_include_sharing_and_a_few_withdrawals():
    sharing = Consent.objects.filter(purpose="sharing")
    assert sharing.count() > 50
    assert 1 <= sharing.exclude(withdrawn_on=None).count() < sharing.count() / 5


def test_every_referent_is_a_case_worker_or_coordinator_who_sees_the_file():
    for enrolment in Enrolment.objects.select_related("referent", "youth"):
        assert enrolment.referent.role in (Role.CASE_WORKER, Role.COORDINATOR)
        if enrolment.is_active:
            assert enrolment.referent.structure_id in structures_seeing(enrolment.youth)


def test_every_date_is_in_the_past_and_in_order():
    for enrolment in Enrolment.objects.prefetch_related("phase_changes"):
        days = [c.on for c in enrolment.phase_changes.all()]
        assert days == sorted(days)
        assert enrolment.entry_date <= days[-1] <= TODAY
    assert not Diagnostic.objects.filter(done_on__gt=TODAY).exists()


def test_diagnostics_at_several_dates_and_a_few_needs_waiting():
    repeated = [
        y for y in Youth.objects.prefetch_related("diagnostics") if y.diagnostics.count() > 1
    ]
    assert len(repeated) > 30
    waiting = [d for d in Diagnostic.objects.all() if d.immediate_need_waiting]
    assert 1 <= len(waiting) <= 20


def test_eligibility_at_entry_is_stored_and_mostly_eligible():
    statuses = list(Enrolment.objects.values_list("eligibility_status", flat=True))
    assert statuses.count("eligible") > len(statuses) / 3
    assert {"not_eligible", "incomplete"} <= set(statuses)
