import datetime

from django.urls import reverse

from accroche.access.roles import Role
from accroche.youth.enrolments import do_change_phase, do_change_referent, do_enrol
from accroche.youth.timeline import timeline_for
from tests.factories.youth import ConsentFactory, DiagnosticFactory, YouthFactory


def test_the_file_history_in_order_newest_first(actor, structure, programme):
    worker = actor(Role.CASE_WORKER, structure)
    youth = YouthFactory(holder_structure=structure)
    ConsentFactory(
        youth=youth,
        purpose="follow_up",
        given_on=datetime.date(2026, 1, 5),
        withdrawn_on=datetime.date(2026, 2, 1),
    )
    enrolment = do_enrol(
        worker,
        youth,
        {
            "programme": programme,
            "referent": worker.membership,
            "legal_basis": "public_interest",
            "entry_date": datetime.date(2026, 1, 10),
        },
    )
    do_change_phase(worker, enrolment, "follow", datetime.date(2026, 1, 20))
    DiagnosticFactory(
        youth=youth,
        done_on=datetime.date(2026, 1, 15),
        barriers={"sante": 3},
        immediate_need="Soins",
        immediate_need_on=datetime.date(2026, 1, 16),
    )
    kinds = [entry.kind for entry in timeline_for(worker, youth)]
    assert kinds == [
        "consent_withdrawn",  # 1 February
        "phase",  # 20 January: follow-up
        "immediate_need",  # 16 January
        "diagnostic",  # 15 January
        "phase",  # 10 January: entry, and its referent
        "referent",
        "consent",  # 5 January
    ]


def test_a_referent_change_and_its_reason(actor, structure, programme, member):
    worker = actor(Role.CASE_WORKER, structure)
    youth = YouthFactory(holder_structure=structure)
    enrolment = do_enrol(
        worker,
        youth,
        {
            "programme": programme,
            "referent": worker.membership,
            "legal_basis": "public_interest",
            "entry_date": datetime.date(2026, 1, 10),
        },
    )
    do_change_referent(worker, enrolment, member(Role.COORDINATOR, structure), "Départ")
    latest = timeline_for(worker, youth)[0]
    assert latest.title.startswith("Changement de référent·e")
    assert latest.detail == "Départ"


def test_a_diagnostic_entry_links_to_its_page(actor, structure):
    diagnostic = DiagnosticFactory(youth__holder_structure=structure, barriers={"mobilite": 3})
    entry = timeline_for(actor(Role.CASE_WORKER, structure), diagnostic.youth)[0]
    assert entry.detail == "1 frein(s) bloquant(s), 0 important(s)"
    assert reverse(entry.url_name, args=entry.url_args) == reverse(
        "youth:diagnostic", args=[diagnostic.youth_id, diagnostic.pk]
    )


def test_the_file_page_loads_the_timeline_when_it_scrolls_to_it(login, member, structure):
    youth = YouthFactory(holder_structure=structure)
    ConsentFactory(youth=youth, purpose="evaluation")
    client = login(member(Role.CASE_WORKER, structure))
    url = reverse("youth:timeline", args=[youth.pk])
    page = client.get(reverse("youth:detail", args=[youth.pk])).text
    assert f'hx-get="{url}" hx-trigger="revealed"' in page
    partial = client.get(url, headers={"HX-Request": "true"}).text
    assert "Consentement : Évaluation (données pseudonymisées)" in partial
    assert "<html" not in partial


def test_without_javascript_the_timeline_is_a_page(login, member, structure):
    youth = YouthFactory(holder_structure=structure, first_name="Inès")
    ConsentFactory(youth=youth, purpose="evaluation")
    page = login(member(Role.CASE_WORKER, structure)).get(
        reverse("youth:timeline", args=[youth.pk])
    )
    assert "<h1>Chronologie</h1>" in page.text
    assert "Consentement : Évaluation" in page.text


def test_another_structures_timeline_is_a_404(login, member, structure, other_structure):
    youth = YouthFactory(holder_structure=structure)
    client = login(member(Role.CASE_WORKER, other_structure))
    assert client.get(reverse("youth:timeline", args=[youth.pk])).status_code == 404


def test_the_timeline_query_count_does_not_grow(
    login, member, structure, django_assert_num_queries
):
    youth = YouthFactory(holder_structure=structure)
    client = login(member(Role.CASE_WORKER, structure))
    url = reverse("youth:timeline", args=[youth.pk])
    ConsentFactory(youth=youth, purpose="evaluation")
    with django_assert_num_queries(30, exact=False) as first:
        client.get(url, headers={"HX-Request": "true"})
    for purpose in ("follow_up", "contact"):
        ConsentFactory(youth=youth, purpose=purpose)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url, headers={"HX-Request": "true"})
