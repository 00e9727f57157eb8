# Fixtures imported from conftest_b are re-bound as test arguments.
# ruff: noqa: F811
import datetime

import pypdfium2
import pytest
from django.urls import reverse

from accroche.access.roles import Role
from accroche.reports.committee import cases_to_review, committee_report
from accroche.reports.pseudonymise import programme_key, pseudonym
from tests.reports.conftest import END, Scene
from tests.reports.conftest_b import as_role  # noqa: F401

URL = reverse("reports:committee")
PDF = reverse("reports:committee_pdf")


def test_cases_to_review_on_the_last_day(scene: Scene) -> None:
    """On 31 May: A's and B's hand-offs sent 1 and 24 April wait for an answer; B, C and E
    (entered 25 and 22 March, 10 January) were never contacted since; A and D have left
    or are too recent."""
    cases = cases_to_review(scene.filter(), END)
    key, y = programme_key(scene.programme), scene.youths
    assert [(str(kind), n) for kind, n in cases.totals] == [
        ("Relais sans réponse", 2),
        ("Sans contact", 3),
        ("Aide en attente", 0),
    ]
    seen = [(str(c.kind), c.pseudonym, c.days) for c in cases.shown]
    assert seen == [
        ("Sans contact", pseudonym(key, y["E"].pk), 141),
        ("Sans contact", pseudonym(key, y["C"].pk), 70),
        ("Sans contact", pseudonym(key, y["B"].pk), 67),
        ("Relais sans réponse", pseudonym(key, y["A"].pk), 60),
        ("Relais sans réponse", pseudonym(key, y["B"].pk), 37),
    ]


def test_aid_waiting_for_a_decision(scene: Scene) -> None:
    today = datetime.date.today()
    found = cases_to_review(scene.filter(), today).shown
    cases = [c for c in found if str(c.kind) == "Aide en attente"]
    assert [(c.pseudonym, c.detail) for c in cases] == [
        (pseudonym(programme_key(scene.programme), scene.youths["C"].pk), "80,00 €")
    ]


def test_each_kind_shows_its_longest_waits_only(scene: Scene, monkeypatch) -> None:
    monkeypatch.setattr("accroche.reports.committee.CASES_SHOWN", 1)
    cases = cases_to_review(scene.filter(), END)
    assert cases.total == 5
    assert [(str(c.kind), c.days) for c in cases.shown] == [
        ("Sans contact", 141),
        ("Relais sans réponse", 60),
    ]


def test_the_report_has_charts_drawn_as_svg(scene: Scene) -> None:
    report = committee_report(scene.filter())
    assert set(report.charts) == {"funnel", "communes", "exits"}
    assert all(svg.startswith("<svg") for svg in report.charts.values())
    assert sorted(report.exits) == [
        ("Contrat d'Engagement Jeune (CEJ)", 1),
        ("Emploi durable (CDI, CDD de 6 mois ou plus)", 1),
    ]


def test_the_pdf_renders_with_the_key_figures(scene: Scene, as_role, query: str) -> None:
    reply = as_role(Role.COORDINATOR).get(f"{PDF}?programme={scene.programme.pk}&{query}")
    assert reply["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(reply.content)
    page = pdf[0]
    image = page.render(scale=0.5).to_pil().convert("L")
    dark = sum(image.histogram()[:200])
    assert dark > 0.01 * image.width * image.height  # not a blank page
    text = page.get_textpage().get_text_range()
    assert "Rapport du comité" in text
    assert scene.programme.name in text
    assert "Jeunes entrés en accompagnement" in text
    for name in ("Jeune A", "Jeune B", "Jeune C"):
        assert name not in "".join(p.get_textpage().get_text_range() for p in pdf)


def test_the_page_for_a_coordinator(
    scene: Scene, as_role, query: str, django_assert_num_queries
) -> None:
    client = as_role(Role.COORDINATOR)
    with django_assert_num_queries(35):
        page = client.get(f"{URL}?programme={scene.programme.pk}&{query}")
    assert "Situations à examiner" in page.content.decode()


@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.MEDIATOR, Role.CASE_WORKER, Role.PARTNER])
def test_only_coordinators_get_it(scene: Scene, as_role, role: str, query: str) -> None:
    client = as_role(role)
    assert client.get(f"{URL}?programme={scene.programme.pk}&{query}").status_code == 404
    assert client.get(f"{PDF}?programme={scene.programme.pk}&{query}").status_code == 404


def test_a_chart_without_figures_says_so_in_french() -> None:
    """A programme with no commune and no stage yet: pygal's English "No data" must not
    reach the committee's PDF."""
    from accroche.reports.committee_charts import communes_chart, funnel_chart
    from accroche.reports.pic import PicReport

    for svg in (funnel_chart([]), communes_chart(PicReport(None, 0, [], [], {}))):
        assert "Aucune donnée" in svg
        assert "No data" not in svg
