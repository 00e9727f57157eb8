import datetime

from django.urls import reverse

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.youth.models import EligibilityOverride, PhaseChange, ReferentChange
from tests.factories.youth import (
    ConsentFactory,
    DiagnosticFactory,
    EnrolmentFactory,
    YouthFactory,
)


def page(client, youth):
    response = client.get(reverse("youth:detail", args=[youth.pk]))
    assert response.status_code == 200
    return response.text


def test_an_empty_file_says_what_to_do_next(login, member, structure):
    youth = YouthFactory(holder_structure=structure)
    text = page(login(member(Role.CASE_WORKER, structure)), youth)
    assert "Aucun diagnostic : faites le premier diagnostic" in text
    assert "Noter le consentement à l" in text
    assert "Pas encore de parcours" in text


def test_the_file_shows_every_section(login, member, structure):
    enrolment = EnrolmentFactory(youth__holder_structure=structure, phase="follow_up")
    youth = enrolment.youth
    ConsentFactory(youth=youth, purpose="follow_up")
    DiagnosticFactory(youth=youth, barriers={"mobilite": 3}, wishes="Devenir cariste")
    text = page(login(member(Role.CASE_WORKER, structure)), youth)
    for expected in (
        "Identité",
        "Consentements",
        enrolment.programme.name,
        "Accompagnement",
        "Frein bloquant",
        "Devenir cariste",
        "Chronologie",
    ):
        assert expected in text


def test_a_waiting_immediate_need_is_shown_first(login, member, structure):
    youth = YouthFactory(holder_structure=structure)
    DiagnosticFactory(
        youth=youth, immediate_need="Hébergement ce soir", immediate_need_on=datetime.date.today()
    )
    text = page(login(member(Role.CASE_WORKER, structure)), youth)
    assert text.index("Besoin immédiat en attente") < text.index('id="identite"')


def test_a_referent_who_lost_access_is_flagged(login, member, structure, other_structure):
    partner_worker = member(Role.CASE_WORKER, other_structure)
    enrolment = EnrolmentFactory(youth__holder_structure=structure, referent=partner_worker)
    ConsentFactory(
        youth=enrolment.youth, shared_with=[other_structure], withdrawn_on=datetime.date.today()
    )
    text = page(login(member(Role.COORDINATOR, structure)), enrolment.youth)
    assert "ne voit plus cette fiche" in text


def test_the_file_logs_the_diagnostics_it_shows(login, member, structure):
    diagnostic = DiagnosticFactory(youth__holder_structure=structure, needs="x")
    page(login(member(Role.CASE_WORKER, structure)), diagnostic.youth)
    assert AuditEvent.objects.get(object_type="diagnostic").object_id == diagnostic.pk


def _fill(youth, structure, n):
    """n of everything the file page shows."""
    for i in range(n):
        ConsentFactory(
            youth=youth,
            shared_with=[
                structure.__class__.objects.create(
                    name=f"Partenaire {youth.pk}-{i}-{n}", kind="association"
                )
            ],
        )
        enrolment = EnrolmentFactory(youth=youth, phase="exited")
        PhaseChange.objects.create(
            enrolment=enrolment, to_phase="contact", on=enrolment.entry_date, by_structure=structure
        )
        ReferentChange.objects.create(
            enrolment=enrolment, to_referent=enrolment.referent, by_structure=structure
        )
        EligibilityOverride.objects.create(
            enrolment=enrolment, decision="eligible", reason="r", by_structure=structure
        )
        DiagnosticFactory(
            youth=youth,
            barriers={"mobilite": 1, "sante": 2},
            immediate_need="x",
            immediate_need_on=datetime.date(2026, 1, 1),
        )


def test_file_page_query_count_does_not_grow(login, member, structure, django_assert_num_queries):
    youth = YouthFactory(holder_structure=structure)
    client = login(member(Role.COORDINATOR, structure))
    _fill(youth, structure, 2)
    with django_assert_num_queries(40, exact=False) as first:
        page(client, youth)
    _fill(youth, structure, 4)
    with django_assert_num_queries(len(first.captured_queries)):
        page(client, youth)


def test_the_file_loads_follow_up_and_local_help_and_the_form_looks_for_duplicates(
    login, member, structure
):
    youth = YouthFactory(holder_structure=structure)
    client = login(member(Role.CASE_WORKER, structure))
    text = page(client, youth)
    assert f'hx-get="{reverse("followup:summary", args=[youth.pk])}"' in text
    assert f'href="{reverse("followup:page", args=[youth.pk])}"' in text  # without JavaScript
    help_url = reverse("territory_help:who_can_help", args=[youth.pk])
    assert help_url not in text  # nothing to match before a diagnostic

    DiagnosticFactory(youth=youth, barriers={"mobilite": 3})
    assert f'hx-get="{help_url}"' in page(client, youth)
    assert client.get(help_url).status_code == 200

    form = client.get(reverse("youth:edit", args=[youth.pk])).text
    assert f'hx-get="{reverse("linkage:possible")}"' in form
    assert f'"exclude": "{youth.pk}"' in form
