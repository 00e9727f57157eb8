"""The dashboard keeps its figures REPORT_CACHE_SECONDS per programme and filters, says
when they were computed and recomputes them on demand."""

import datetime
import re

import time_machine
from django.urls import reverse

from accroche.access.roles import Role
from accroche.youth.models import Enrolment
from tests.factories.youth import EnrolmentFactory, YouthFactory

URL = reverse("reports:dashboard")
ENROLLED = "Jeunes entrés en accompagnement"


def _enrolled(page) -> int:
    return next(step.value for step in page.context["funnel"] if step.label == ENROLLED)


def _enrol_one_more(scene, structure) -> None:
    EnrolmentFactory(
        youth=YouthFactory(holder_structure=structure),
        programme=scene.programme,
        entry_date=datetime.date(2026, 4, 2),
    )


def test_the_same_filters_within_five_minutes_reuse_the_figures(
    scene, coordinator, login, query, structure, django_assert_max_num_queries
):
    client = login(coordinator)
    url = f"{URL}?programme={scene.programme.pk}&{query}"
    first = client.get(url)
    before = _enrolled(first)
    _enrol_one_more(scene, structure)
    with django_assert_max_num_queries(12):  # session, user, memberships, programme…
        kept = client.get(url)
    assert _enrolled(kept) == before
    assert kept.context["computed_at"] == first.context["computed_at"]
    assert "Chiffres calculés le" in kept.text
    assert "Recalculer maintenant" in kept.text
    fresh = client.get(url + "&recalculer=1")
    assert _enrolled(fresh) == before + 1
    assert fresh.context["computed_at"] > first.context["computed_at"]


def test_other_filters_are_other_figures(scene, coordinator, login, query, structure):
    client = login(coordinator)
    whole = client.get(f"{URL}?programme={scene.programme.pk}&{query}")
    women = client.get(f"{URL}?programme={scene.programme.pk}&{query}&gender=woman")
    assert _enrolled(women) < _enrolled(whole)


def test_the_figures_are_recomputed_after_five_minutes(scene, coordinator, login, query, structure):
    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)) as clock:
        client = login(coordinator)
        url = f"{URL}?programme={scene.programme.pk}&{query}"
        before = _enrolled(client.get(url))
        _enrol_one_more(scene, structure)
        clock.shift(datetime.timedelta(minutes=4))
        assert _enrolled(client.get(url)) == before
        clock.shift(datetime.timedelta(minutes=2))
        assert _enrolled(client.get(url)) == before + 1
    assert Enrolment.objects.filter(programme=scene.programme).count() >= before + 1


def test_no_keeping_when_the_setting_is_zero(scene, coordinator, login, query, structure, settings):
    settings.REPORT_CACHE_SECONDS = 0
    client = login(coordinator)
    url = f"{URL}?programme={scene.programme.pk}&{query}"
    before = _enrolled(client.get(url))
    _enrol_one_more(scene, structure)
    page = client.get(url)
    assert _enrolled(page) == before + 1
    assert "Recalculer maintenant" not in page.text


def _enrolled_shown(page) -> str:
    """The figure as the page's HTML shows it (the figures' HTML is kept too)."""
    row = page.text.split(f">{ENROLLED}</th>", 1)[1].split("</td>", 1)[0]
    return re.sub(r"<[^>]+>", "", row).strip()


def test_the_kept_html_follows_the_figures(scene, coordinator, login, query, structure):
    client = login(coordinator)
    url = f"{URL}?programme={scene.programme.pk}&{query}"
    first = client.get(url)
    _enrol_one_more(scene, structure)
    assert _enrolled_shown(client.get(url)) == _enrolled_shown(first) == str(_enrolled(first))
    fresh = client.get(url + "&recalculer=1")
    assert _enrolled_shown(fresh) == str(_enrolled(first) + 1)
    assert _enrolled_shown(client.get(url)) == str(_enrolled(first) + 1)


def test_each_role_gets_its_own_links_from_the_kept_html(
    scene, coordinator, member, login, query, structure
):
    url = f"{URL}?programme={scene.programme.pk}&{query}"
    drill = reverse("reports:drill", args=["enrolled"])
    assert drill in login(coordinator).get(url).text
    partner = login(member(Role.PARTNER, structure)).get(url)
    assert partner.context["computed_at"] is not None
    assert _enrolled_shown(partner) == str(_enrolled(partner))
    assert drill not in partner.text
    assert drill in login(coordinator).get(url).text
