import datetime

from django.utils import timezone

from accroche.access.roles import Role
from accroche.followup.models import HandOffStatus, OutcomeKind
from accroche.youth.timeline import timeline_for
from tests.factories.followup import (
    ActionFactory,
    AidFactory,
    AttendanceFactory,
    HandOffFactory,
    InteractionFactory,
    OutcomeFactory,
)
from tests.factories.youth import ConsentFactory


def titles(actor, youth) -> list[str]:
    return [f"{e.title} | {e.detail}" for e in timeline_for(actor, youth)]


def test_a_restricted_note_stays_with_its_structure(referent, actor, youth, other_structure):
    ConsentFactory(youth=youth, shared_with=[other_structure])
    InteractionFactory(youth=youth, note="Violences à la maison.", note_restricted=True)
    partner = actor(Role.CASE_WORKER, other_structure)
    assert any("Violences" in t for t in titles(referent, youth))
    assert not any("Violences" in t for t in titles(partner, youth))
    assert any("Note réservée à Prévention Seine" in t for t in titles(partner, youth))


def test_an_open_note_is_shared(referent, actor, youth, other_structure):
    ConsentFactory(youth=youth, shared_with=[other_structure])
    InteractionFactory(youth=youth, note="A trouvé un stage.")
    assert any("A trouvé un stage." in t for t in titles(actor(structure=other_structure), youth))


def test_every_follow_up_record_shows(referent, youth, enrolment):
    ActionFactory(youth=youth, title="Ouvrir ses droits CSS")
    AttendanceFactory(youth=youth, session__workshop__title="Boxe éducative")
    AidFactory(youth=youth)
    HandOffFactory(enrolment=enrolment, status=HandOffStatus.SENT, sent_on=timezone.localdate())
    OutcomeFactory(enrolment=enrolment, youth=youth, kind=OutcomeKind.CEJ)
    found = "\n".join(titles(referent, youth))
    for expected in (
        "Action prévue : Ouvrir ses droits CSS",
        "Atelier : Boxe éducative",
        "Aide : Permis AM (scooter), 100,00 €",
        "Relais envoyé à Mission Locale",
        "Sortie : Contrat d'Engagement Jeune (CEJ)",
    ):
        assert expected in found


def test_providers_do_not_query_per_row(referent, youth, enrolment, django_assert_num_queries):
    def fill(n: int) -> None:
        for _ in range(n):
            InteractionFactory(youth=youth)
            HandOffFactory(enrolment=enrolment, sent_on=datetime.date(2026, 3, 1), status="sent")
            AttendanceFactory(youth=youth)

    fill(2)
    with django_assert_num_queries(30, exact=False) as first:
        timeline_for(referent, youth)
    fill(3)
    with django_assert_num_queries(len(first.captured_queries)):
        timeline_for(referent, youth)
