"""The demo's year of repérage: seasons, weekdays, contacts and referrals."""

import datetime
from collections import Counter
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count, Sum
from django.utils import timezone

from accroche.outreach.models import Contact, OutreachSession, Referral, SessionCount
from accroche.outreach.referrals import late_filter
from accroche.youth.models import Youth

NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def seeded_demo(demo_reference):
    """The demo as `seed_demo` writes it on NOW (not the shared `demo`, built without it)."""
    with time_machine.travel(NOW, tick=False):
        call_command("seed_demo", stdout=StringIO())


def _people(kinds: tuple[str, ...], months: tuple[int, ...]) -> float:
    """Young people counted per session spent at one place of these kinds, in these months."""
    sessions = (
        OutreachSession.objects.annotate(n=Count("places"))
        .filter(n=1, places__kind__in=kinds, started_at__month__in=months)
        .values("pk")
    )
    total = SessionCount.objects.filter(session__in=sessions).aggregate(n=Sum("count"))["n"]
    return (total or 0) / max(len(sessions), 1)


def test_a_year_of_sessions_evenings_and_saturdays_first(seeded_demo):
    sessions = list(OutreachSession.objects.all())
    first, last = min(s.started_at for s in sessions), max(s.started_at for s in sessions)
    assert 100 < len(sessions) < 300
    assert (last - first).days > 330
    by_day = Counter(timezone.localtime(s.started_at).weekday() for s in sessions)
    assert by_day.most_common(1)[0][0] == 5  # Saturday
    assert by_day[6] < len(sessions) / 20  # hardly ever on Sunday
    evening_or_saturday = [
        s for s in sessions
        if timezone.localtime(s.started_at).hour >= 16 or s.started_at.weekday() == 5
    ]  # fmt: skip
    assert len(evening_or_saturday) > 0.7 * len(sessions)
    assert all(s.ended_at and s.ended_at > s.started_at for s in sessions)


def test_city_stadium_in_summer_halls_in_winter(seeded_demo):
    summer, winter = (6, 7, 8), (12, 1, 2)
    outdoors = ("park", "sports_ground")
    assert _people(outdoors, summer) > 3 * _people(outdoors, winter)
    assert _people(("hall",), winter) > 1.5 * _people(("hall",), summer)


def test_named_contacts_move_the_last_contact_of_demo_youths(seeded_demo):
    assert Contact.objects.filter(youth__isnull=False).count() >= Youth.objects.count()
    for youth in Youth.objects.all():
        latest = youth.outreach_contacts.order_by("-happened_at").first()
        assert latest is None or youth.last_contact_at >= latest.happened_at


def test_referrals_in_every_state_some_late_some_self(seeded_demo):
    states = set(Referral.objects.values_list("state", flat=True))
    assert states == {"new", "taken", "contact_made", "closed"}
    assert Referral.objects.filter(late_filter()).exists()
    assert Referral.objects.filter(source="self").exists()
    assert all(r.routed_to.exists() for r in Referral.objects.all())
