import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.roles import Role
from accroche.projects.calls import do_report
from accroche.projects.indicators import call_rollup, programme_rollup
from accroche.projects.models import Decision, ProjectReport
from tests.factories.projects import CallFactory, ProjectFactory, ProjectReportFactory

TODAY = datetime.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY):
        yield


@pytest.fixture
def retained(programme, other_structure):
    return ProjectFactory(
        call=CallFactory(programme=programme),
        holder=other_structure,
        decision=Decision.RETAINED,
        amount_granted=Decimal("8000"),
        target_youths=30,
    )


def figures(start, end, **overrides):
    return {
        "period_start": start,
        "period_end": end,
        "youths_reached": 12,
        "actions_done": 4,
        "spent": Decimal("2500"),
    } | overrides


Q1 = (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
Q2 = (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))


def test_the_holder_reports_with_its_name(partner, retained):
    report = do_report(partner, retained, figures(*Q1))
    assert (report.reported_by, report.reported_by_structure) == (
        partner.user,
        retained.holder,
    )


def test_overlapping_periods_are_refused(partner, retained):
    do_report(partner, retained, figures(*Q1))
    with pytest.raises(ValidationError) as exc:
        do_report(partner, retained, figures(datetime.date(2026, 3, 1), Q2[1]))
    assert exc.value.message_dict["period_start"] == [
        "Un bilan couvre déjà une partie de cette période (du 01/01/2026 au 31/03/2026)."
    ]
    assert ProjectReport.objects.count() == 1


def test_a_future_period_is_refused(partner, retained):
    with pytest.raises(ValidationError, match="dans le futur"):
        do_report(
            partner, retained, figures(datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
        )


def test_a_pending_project_has_no_report(partner, programme, other_structure):
    pending = ProjectFactory(call=CallFactory(programme=programme), holder=other_structure)
    with pytest.raises(ValidationError, match="Seul un projet retenu"):
        do_report(partner, pending, figures(*Q1))


def test_a_field_worker_of_the_holder_cannot_report(actor, retained, other_structure):
    with pytest.raises(Http404):
        do_report(actor(Role.CASE_WORKER, other_structure), retained, figures(*Q1))


def test_a_project_feeds_its_call_and_the_programme(partner, programme, retained):
    do_report(partner, retained, figures(*Q1))
    do_report(partner, retained, figures(*Q2, youths_reached=3, spent=Decimal("500")))
    other_call = CallFactory(programme=programme)
    second = ProjectFactory(
        call=other_call,
        decision=Decision.RETAINED,
        amount_granted=Decimal("1000"),
        target_youths=10,
    )
    ProjectReportFactory(project=second, youths_reached=7)
    ProjectFactory(call=other_call, decision=Decision.NOT_RETAINED, budget_asked=Decimal("4000"))
    call = call_rollup(retained.call)
    total = programme_rollup(programme)
    assert (call.reported.youths_reached, call.reported.spent) == (15, Decimal("3000"))
    assert (total.proposed, total.retained, total.not_retained) == (3, 2, 1)
    assert (total.granted, total.target_youths) == (Decimal("9000"), 40)
    assert total.reported.youths_reached == 22
    assert total.youths_rate == 55


def test_reports_of_projects_not_retained_do_not_count(programme):
    project = ProjectFactory(call=CallFactory(programme=programme))
    ProjectReportFactory(project=project, youths_reached=99)
    assert programme_rollup(programme).reported.youths_reached == 0


@pytest.mark.parametrize("count", [2, 4])
def test_rollups_take_two_queries(programme, count, django_assert_num_queries):
    for _ in range(count):
        project = ProjectFactory(call=CallFactory(programme=programme), decision=Decision.RETAINED)
        ProjectReportFactory(project=project)
    with django_assert_num_queries(2):
        programme_rollup(programme)
