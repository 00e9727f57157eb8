from decimal import Decimal

from accroche.reports import indicators
from accroche.youth.models import Gender


def _funnel(report):
    return {stage.key: stage.value for stage in indicators.funnel(report)}


def test_the_funnel_counts_each_stage_of_the_period(scene):
    assert _funnel(scene.filter()) == {
        "contacts": 8,
        "identified": 3,
        "diagnosed": 2,
        "enrolled": 4,
        "handed_off": 2,
        "handed_off_spe": 1,
        "cej": 1,
        "positive_exit": 2,
    }


def test_the_funnel_shows_the_programme_targets(scene):
    stages = {stage.key: stage for stage in indicators.funnel(scene.filter())}
    assert (stages["enrolled"].target, stages["enrolled"].percent_of_target) == (8, 50)
    assert (stages["positive_exit"].target, stages["positive_exit"].percent_of_target) == (4, 50)
    assert stages["identified"].target is None


def test_the_funnel_by_gender_narrows_files_and_anonymous_counts(scene):
    women = _funnel(scene.filter(gender=Gender.WOMAN))
    assert (women["contacts"], women["identified"], women["enrolled"]) == (3, 2, 2)
    assert _funnel(scene.filter(gender=Gender.NON_BINARY))["contacts"] == 0


def test_the_funnel_by_age_band_uses_the_age_at_entry(scene):
    young = _funnel(scene.filter(age_band="18_21"))
    assert (young["contacts"], young["identified"], young["enrolled"]) == (5, 2, 2)
    # C has only an estimated birth year (2003): 23 in 2026.
    assert _funnel(scene.filter(age_band="22_25"))["enrolled"] == 2


def test_the_funnel_by_structure_counts_its_files(scene, other_structure):
    by_other = _funnel(scene.filter(structure=other_structure))
    assert (by_other["identified"], by_other["enrolled"], by_other["positive_exit"]) == (1, 1, 1)


def test_days_from_first_contact_to_entry_and_to_hand_off(scene):
    to_entry, to_handoff = indicators.durations(scene.filter())
    assert to_entry.days == [10, 20, 30, 40]
    assert to_entry.quartiles == (17.5, 25, 32.5)
    assert to_handoff.quartiles == (35, 40, 45)


def test_attendance_and_hours_of_activity(scene):
    activity = indicators.activity(scene.filter())
    assert (activity.present, activity.marked, activity.attendance_rate) == (1, 3, 33)
    assert activity.workshop_hours == Decimal("1.5")
    assert activity.individual_hours == Decimal("1.0")
    assert activity.immersion_hours == Decimal("35.0")
    assert (activity.active_youths, activity.hours_per_youth) == (2, Decimal("18.8"))


def test_aid_committed_and_left_per_budget_line(scene):
    (line,) = indicators.budget_lines(scene.filter())
    assert (line.committed_amount, line.remaining, line.committed_units) == (
        Decimal("250"),
        Decimal("750"),
        2,
    )
    assert line.pending_amount == Decimal("80")


def test_cost_per_young_person_divides_the_budget_by_everyone_enrolled(scene):
    cost = indicators.cost(scene.filter())
    assert (cost.enrolled, cost.per_youth) == (5, Decimal("12000"))


def test_contacts_by_place_sum_the_counts_of_sessions_at_each_place(scene):
    from tests.factories.outreach import PlaceFactory

    place = PlaceFactory(programme=scene.programme, latitude=49.44, longitude=1.09)
    for session in scene.programme.outreach_sessions.all():
        session.places.add(place)
    (row,) = indicators.contacts_by_place(scene.filter())
    assert (row.name, row.sessions, row.contacts, row.latitude) == (place.name, 1, 8, 49.44)


def test_each_youth_figure_lists_the_records_behind_it(scene):
    behind = indicators.youths_behind(scene.filter(), "handed_off")
    assert {y.first_name for y in behind} == {"Jeune A", "Jeune B"}
    aid = indicators.youths_behind(scene.filter(), "aid")
    assert {y.first_name for y in aid} == {"Jeune A", "Jeune B"}


def test_commune_narrows_files_by_residence_and_sessions_by_place(scene):
    from tests.factories.outreach import PlaceFactory
    from tests.factories.territory import CommuneFactory

    commune = CommuneFactory()
    youth = scene.youths["A"]
    youth.residence_commune = commune
    youth.save()
    first = scene.programme.outreach_sessions.order_by("started_at").first()
    first.places.add(PlaceFactory(programme=scene.programme, commune=commune))
    funnel = _funnel(scene.filter(commune=commune))
    assert (funnel["contacts"], funnel["identified"], funnel["enrolled"]) == (8, 1, 1)


def test_the_filter_reads_the_query_string_and_writes_it_back(scene, coordinator):
    from django.http import QueryDict

    from accroche.access.actor import Actor
    from accroche.reports.filters import parse_filter

    actor = Actor(user=coordinator.user, membership=coordinator)
    query = f"programme={scene.programme.pk}&start=2026-03-01&end=2026-05-31&gender=woman"
    _form, report = parse_filter(actor, QueryDict(query))
    assert report == scene.filter(gender=Gender.WOMAN)
    assert parse_filter(actor, QueryDict(report.querystring()))[1] == report


def test_without_dates_the_filter_covers_the_programme_until_today(scene, coordinator):
    from django.http import QueryDict
    from django.utils import timezone

    from accroche.access.actor import Actor
    from accroche.reports.filters import parse_filter

    actor = Actor(user=coordinator.user, membership=coordinator)
    form, report = parse_filter(actor, QueryDict(""))
    assert (report.programme, report.start) == (scene.programme, scene.programme.start_date)
    assert report.end == min(timezone.localdate(), scene.programme.end_date)
    assert form.data["start"] == scene.programme.start_date.isoformat()
