"""Hand-computed: the city stadium on Wednesday evenings (19 h – 21 h), three sessions in
July with 10 young people each (30 over 6 h: 5 an hour) and three in January with 1 in all
(1 over 6 h). 90 % exact intervals from the chi-square table (χ²₀.₀₅,₆₀ = 43.188,
χ²₀.₉₅,₆₂ = 81.381, χ²₀.₀₅,₂ = 0.1026, χ²₀.₉₅,₄ = 9.4877), halved and divided by 6 h:
summer [3.599 ; 6.782], winter [0.00855 ; 0.7906]."""

import datetime

import pytest
from django.urls import reverse

from accroche.access.roles import Role
from accroche.outreach.enums import AgeBand, CountGender
from accroche.outreach.models import Contact, SessionCount
from accroche.reports.filters import ReportFilter
from accroche.reports.planning import planning, rate_interval
from tests.factories.outreach import OutreachSessionFactory, PlaceFactory
from tests.factories.youth import YouthFactory
from tests.reports.conftest import at

SUMMER = [datetime.date(2026, 7, 1), datetime.date(2026, 7, 8), datetime.date(2026, 7, 15)]
WINTER = [datetime.date(2026, 1, 7), datetime.date(2026, 1, 14), datetime.date(2026, 1, 21)]


@pytest.fixture
def stadium(programme):
    place = PlaceFactory(programme=programme, name="City stade")
    for days, counts in ((SUMMER, [10, 10, 10]), (WINTER, [1, 0, 0])):
        for day, count in zip(days, counts, strict=True):
            session = OutreachSessionFactory(
                programme=programme, started_at=at(day, 19), ended_at=at(day, 21)
            )
            session.places.add(place)
            SessionCount.objects.create(
                session=session, age_band=AgeBand.AGE_18_21, gender=CountGender.MAN, count=count
            )
    return place


def _year(programme):
    return ReportFilter(programme, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def _slots(programme):
    return {s.season: s for s in planning(_year(programme)).slots}


def test_contacts_per_hour_of_presence_by_season(stadium, programme):
    slots = _slots(programme)
    summer, winter = slots["summer"], slots["winter"]
    assert (summer.weekday, summer.slot, summer.sessions, summer.hours) == (3, "evening", 3, 6.0)
    assert (summer.contacts, summer.rate) == (30, 5.0)
    assert (winter.contacts, winter.rate) == (1, pytest.approx(1 / 6))


def test_the_exact_interval_matches_the_chi_square_table(stadium, programme):
    slots = _slots(programme)
    assert (slots["summer"].low, slots["summer"].high) == pytest.approx((3.599, 6.782), rel=1e-3)
    assert (slots["winter"].low, slots["winter"].high) == pytest.approx((0.00855, 0.7906), rel=1e-3)


def test_few_hours_give_a_wide_interval():
    one_hour = rate_interval(5, 1)
    ten_hours = rate_interval(50, 10)
    assert one_hour[1] - one_hour[0] > 3 * (ten_hours[1] - ten_hours[0])
    assert rate_interval(0, 2) == (0.0, pytest.approx(2.996 / 2, rel=1e-3))


def test_a_slot_that_worked_in_summer_fails_in_winter(stadium, programme):
    (change,) = planning(_year(programme)).changes
    assert (change.good.season, change.bad.season, change.good.place) == (
        "summer",
        "winter",
        stadium,
    )


def test_suggestions_rank_by_the_lower_bound(stadium, programme):
    lucky = PlaceFactory(programme=programme, name="Un soir de chance")
    session = OutreachSessionFactory(
        programme=programme, started_at=at(SUMMER[0], 14), ended_at=at(SUMMER[0], 15)
    )
    session.places.add(lucky)
    SessionCount.objects.create(session=session, age_band="18_21", gender="man", count=6)
    ranked = planning(_year(programme)).ranked("summer")
    # 6 an hour once beats 5 an hour on rate, not on the lower bound (1.0 hour only).
    assert [s.place for s in ranked] == [stadium, lucky]


def test_new_young_people_are_those_met_for_the_first_time(stadium, programme, structure):
    youth = YouthFactory(holder_structure=structure)
    sessions = stadium.sessions.order_by("started_at")
    for session in sessions.filter(started_at__month=7):
        Contact.objects.create(
            programme=programme, structure=structure, youth=youth, session=session,
            happened_at=session.started_at,
        )  # fmt: skip
    assert _slots(programme)["summer"].new_youths == 1


def test_the_planning_page_says_how_it_ranks(stadium, programme, login, member, structure):
    client = login(member(Role.MEDIATOR, structure))
    url = reverse("reports:planning")
    page = client.get(
        f"{url}?programme={programme.pk}&start=2026-01-01&end=2026-12-31&season=summer"
    )
    text = page.text
    assert "borne basse" in text
    assert "City stade" in text
    assert "mais 0,17 en hiver" in text


def test_the_planning_page_query_count(
    stadium, programme, login, member, structure, django_assert_num_queries
):
    client = login(member(Role.COORDINATOR, structure))
    url = f"{reverse('reports:planning')}?programme={programme.pk}&start=2026-01-01&end=2026-12-31"
    with django_assert_num_queries(20, exact=False) as first:
        client.get(url)
    other = PlaceFactory(programme=programme)
    session = OutreachSessionFactory(
        programme=programme, started_at=at(WINTER[0], 9), ended_at=at(WINTER[0], 11)
    )
    session.places.add(other)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)
