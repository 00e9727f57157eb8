import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.territory.models import ThemeCategory
from accroche.youth.diagnostics import (
    do_mark_immediate_need_met,
    do_record_diagnostic,
    progression,
)
from accroche.youth.models import Diagnostic
from tests.factories.youth import DiagnosticFactory, EnrolmentFactory, YouthFactory


def by_value(value: str) -> ThemeCategory:
    return ThemeCategory.objects.get(value=value)


def record(actor, youth, **data):
    return do_record_diagnostic(actor, youth, {"done_on": datetime.date(2026, 3, 10)} | data)


def test_barriers_are_recorded_by_domain(actor, structure, categories):
    youth = YouthFactory(holder_structure=structure)
    diagnostic = record(
        actor(Role.CASE_WORKER, structure),
        youth,
        barriers=[
            {"category": by_value("mobilite"), "severity": 2, "note": "Pas de permis"},
            {"category": by_value("sante"), "severity": 0},
        ],
    )
    assert {(b.category.value, b.severity) for b in diagnostic.barriers.all()} == {
        ("mobilite", 2),
        ("sante", 0),
    }
    assert AuditEvent.objects.get(object_type="diagnostic").fields == ["barriers", "done_on"]


def test_an_empty_diagnostic_is_refused(actor, structure, categories):
    with pytest.raises(ValidationError, match="Le diagnostic est vide"):
        record(actor(Role.CASE_WORKER, structure), YouthFactory(holder_structure=structure))
    assert not Diagnostic.objects.exists()


def test_needs_alone_make_a_diagnostic(actor, structure):
    youth = YouthFactory(holder_structure=structure)
    assert record(actor(Role.CASE_WORKER, structure), youth, needs="Un logement").needs


@pytest.mark.parametrize("severity", [-1, 4, None])
def test_severity_is_0_to_3(actor, structure, categories, severity):
    youth = YouthFactory(holder_structure=structure)
    with pytest.raises(ValidationError, match="sévérité de 0 à 3"):
        record(
            actor(Role.CASE_WORKER, structure),
            youth,
            barriers=[{"category": by_value("mobilite"), "severity": severity}],
        )


def test_a_domain_that_is_not_a_barrier_is_refused(actor, structure, categories):
    other = ThemeCategory.objects.create(value="trouver-un-emploi", label="Trouver un emploi")
    with pytest.raises(ValidationError, match="Domaine de frein inconnu"):
        record(
            actor(Role.CASE_WORKER, structure),
            YouthFactory(holder_structure=structure),
            barriers=[{"category": other, "severity": 1}],
        )


def test_an_immediate_need_is_dated_by_default_with_the_diagnostic(actor, structure):
    youth = YouthFactory(holder_structure=structure)
    diagnostic = record(actor(Role.CASE_WORKER, structure), youth, immediate_need="Hébergement")
    assert diagnostic.immediate_need_on == datetime.date(2026, 3, 10)
    assert diagnostic.immediate_need_waiting


@time_machine.travel(datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC))
def test_dates_in_the_future_are_refused(actor, structure):
    youth = YouthFactory(holder_structure=structure)
    with pytest.raises(ValidationError) as error:
        record(
            actor(Role.CASE_WORKER, structure),
            youth,
            done_on=datetime.date(2026, 3, 11),
            immediate_need="Repas",
            immediate_need_on=datetime.date(2026, 3, 12),
        )
    assert set(error.value.message_dict) == {"done_on", "immediate_need_on"}


def test_the_enrolment_must_be_the_youths(actor, structure):
    youth = YouthFactory(holder_structure=structure)
    with pytest.raises(ValidationError, match="pas celui de ce jeune"):
        record(actor(Role.CASE_WORKER, structure), youth, needs="x", enrolment=EnrolmentFactory())


def test_marking_an_immediate_need_met(actor, structure):
    diagnostic = DiagnosticFactory(
        youth__holder_structure=structure,
        immediate_need="Colis",
        immediate_need_on=datetime.date(2026, 3, 10),
    )
    worker = actor(Role.CASE_WORKER, structure)
    do_mark_immediate_need_met(worker, diagnostic, datetime.date(2026, 3, 12))
    diagnostic.refresh_from_db()
    assert not diagnostic.immediate_need_waiting
    with pytest.raises(ValidationError, match="déjà noté comme réglé"):
        do_mark_immediate_need_met(worker, diagnostic)


def test_progression_between_diagnostics(structure):
    youth = YouthFactory(holder_structure=structure)
    second = DiagnosticFactory(
        youth=youth, done_on=datetime.date(2026, 5, 1), barriers={"mobilite": 1, "sante": 3}
    )
    first = DiagnosticFactory(
        youth=youth,
        done_on=datetime.date(2026, 3, 1),
        barriers={"mobilite": 3, "logement-hebergement": 2, "sante": 3},
    )
    result = progression([second, first])
    assert result.dates == (first.done_on, second.done_on)
    rows = {row.value: row for row in result.rows}
    assert list(rows) == ["mobilite", "logement-hebergement", "sante"]  # the domains' order
    assert rows["mobilite"].severities == (3, 1)
    assert (rows["mobilite"].change, rows["mobilite"].change_label) == (-2, "en baisse de 2")
    assert rows["logement-hebergement"].severities == (2, None)
    assert rows["logement-hebergement"].change_label == "une seule évaluation"
    assert rows["sante"].change_label == "stable"
    assert result.totals == (8, 4)


def test_a_barrier_that_grows_is_said_so(structure):
    youth = YouthFactory(holder_structure=structure)
    diagnostics = [
        DiagnosticFactory(youth=youth, done_on=datetime.date(2026, 3, d), barriers={"sante": s})
        for d, s in ((1, 0), (20, 2))
    ]
    assert progression(diagnostics).rows[0].change_label == "en hausse de 2"


def test_no_diagnostic_no_progression():
    result = progression([])
    assert (result.dates, result.rows, result.totals) == ((), (), ())
