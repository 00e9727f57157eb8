from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.models import Count, Exists, OuterRef, Sum
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accroche.access.roles import Role
from accroche.demo.consortium import PROGRAMME_SLUG
from accroche.organisations.models import Membership, Participation, Programme, Structure
from accroche.territory.models import Commune
from accroche.youth.models import Consent, Enrolment, Youth
from tests.factories.accounts import current_code
from tests.factories.territory import QpvFactory


@pytest.fixture
def reference(demo_reference):
    """The demo's reference data, plus a second QPV."""
    QpvFactory(code="QN07613M", name="Centre ville", communes=[Commune.objects.get(code="76231")])


def test_it_needs_the_reference_data():
    with pytest.raises(CommandError, match="load_reference"):
        call_command("seed_demo", stdout=StringIO())


def test_it_builds_a_consortium_covering_every_role(reference):
    call_command("seed_demo", stdout=StringIO())
    programme = Programme.objects.get(slug=PROGRAMME_SLUG)
    assert Structure.objects.count() >= 5
    assert len(set(Structure.objects.values_list("kind", flat=True))) >= 5
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role)
    assert Membership.objects.values("user").distinct().count() == 13
    assert programme.fundings.aggregate(total=Sum("share"))["total"] == 100
    assert programme.targets.filter(indicator="enrolled", minimum=200, maximum=250).exists()
    assert Youth.objects.count() > 20


def test_zones_overlap(reference):
    call_command("seed_demo", stdout=StringIO())
    covered = (
        Participation.objects.filter(programme__slug=PROGRAMME_SLUG)
        .values("zone_communes")
        .annotate(n=Count("pk"))
    )
    assert max(row["n"] for row in covered) >= 3


def test_it_is_idempotent(reference):
    call_command("seed_demo", stdout=StringIO())
    counts = (Structure.objects.count(), Youth.objects.count(), Membership.objects.count())
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "already present" in out.getvalue()
    assert counts == (Structure.objects.count(), Youth.objects.count(), Membership.objects.count())


def test_a_printed_login_works_and_shows_the_programme(reference, client):
    call_command("seed_demo", stdout=StringIO())
    out = StringIO()
    call_command("seed_demo", "--logins", stdout=out)
    email = "nadia.benali@demo.accroche.fr"
    assert email in out.getvalue()
    client.post(
        reverse("accounts:login"),
        {"username": email, "password": settings.ACCROCHE_DEMO_PASSWORD},
    )
    # then the second factor: demo accounts share a known authenticator key
    device = TOTPDevice.objects.get(user__email=email)
    client.post(reverse("accounts:two_factor_verify"), {"code": current_code(device)})
    assert "Cap Seine Jeunes" in client.get(reverse("www:home")).text


def test_every_demo_enrolment_rests_on_a_consent_or_a_legal_basis(reference):
    call_command("seed_demo", stdout=StringIO())
    follow_up = Consent.objects.filter(
        youth=OuterRef("youth"), purpose=Consent.Purpose.FOLLOW_UP, withdrawn_on__isnull=True
    )
    enrolments = Enrolment.objects.annotate(consented=Exists(follow_up))
    assert enrolments.count() > 20
    assert not enrolments.filter(consented=False, legal_basis="").exists()
