import datetime

from django.db.models import Count
from django.urls import reverse

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.followup.models import Action, Interaction, Outcome
from accroche.outreach.models import Contact, Referral
from accroche.privacy.erasure import do_erase_youth
from accroche.privacy.models import Erasure
from accroche.youth.models import Diagnostic, Enrolment, Youth


def per_programme() -> dict[str, list[tuple[int, int]]]:
    """What funder reports count, per programme."""
    return {
        "enrolments": sorted(
            Enrolment.objects.values("programme")
            .annotate(n=Count("pk"))
            .values_list("programme", "n")
        ),
        "exits": sorted(
            Outcome.objects.values("enrolment__programme")
            .annotate(n=Count("pk"))
            .values_list("enrolment__programme", "n")
        ),
        "contacts": sorted(
            Contact.objects.values("programme")
            .annotate(n=Count("pk"))
            .values_list("programme", "n")
        ),
        "entry": sorted(Enrolment.objects.values_list("entry_date", "entry_activity")),
    }


def test_erasure_blanks_identity_and_free_texts(full_file, actor):
    do_erase_youth(
        actor(Role.COORDINATOR, structure=full_file.youth.holder_structure),
        full_file.youth,
        "request",
    )
    youth = Youth.objects.get(pk=full_file.youth.pk)
    assert (youth.first_name, youth.last_name, youth.phone, youth.email) == ("", "", "", "")
    assert youth.birth_date is None
    assert youth.birth_year == 2005
    assert youth.display_name == "Fiche anonymisée"
    assert youth.frequented_places == ""
    assert Diagnostic.objects.get(youth=youth).needs == ""
    assert set(Interaction.objects.filter(youth=youth).values_list("note", flat=True)) == {""}
    assert Action.objects.get(youth=youth).note == ""
    assert Contact.objects.get(youth=youth).note == ""
    assert Referral.objects.get(youth=youth).need == ""
    assert Referral.objects.get(youth=youth).phone == ""


def test_erasure_keeps_the_funders_figures(full_file, actor):
    before = per_programme()
    do_erase_youth(
        actor(Role.COORDINATOR, structure=full_file.youth.holder_structure),
        full_file.youth,
        "request",
    )
    assert per_programme() == before
    assert before["enrolments"]
    assert before["exits"]
    assert before["contacts"]


def test_erasure_is_recorded_and_audited(full_file, actor):
    coordinator = actor(Role.COORDINATOR, structure=full_file.youth.holder_structure)
    do_erase_youth(coordinator, full_file.youth, "request")
    assert Erasure.objects.get(youth=full_file.youth).by == coordinator.user
    event = AuditEvent.objects.get(action="delete", object_id=full_file.youth.pk)
    assert "anonymisation" in event.fields


def test_the_confirmation_page_asks_to_tick_the_box(full_file, member, login):
    client = login(member(Role.COORDINATOR, full_file.youth.holder_structure))
    url = reverse("privacy:erase", args=[full_file.youth.pk])
    assert "Anonymiser définitivement" in client.get(url).text
    response = client.post(url, {"reason": "request"})
    assert "Cochez la case" in response.text
    assert Youth.objects.get(pk=full_file.youth.pk).anonymised_at is None


def test_a_coordinator_anonymises_and_the_file_says_so(full_file, member, login):
    client = login(member(Role.COORDINATOR, full_file.youth.holder_structure))
    url = reverse("privacy:erase", args=[full_file.youth.pk])
    response = client.post(url, {"reason": "request", "confirm": "on"}, follow=True)
    assert "Fiche anonymisée" in response.text
    assert "Yanis" not in response.text


def test_only_a_coordinator_of_the_holding_structure_may_anonymise(full_file, member, login):
    url = reverse("privacy:erase", args=[full_file.youth.pk])
    for role, where in (
        (Role.CASE_WORKER, full_file.youth.holder_structure),
        (Role.COORDINATOR, full_file.shared_with),
    ):
        assert login(member(role, where)).get(url).status_code == 404


def test_erasing_twice_changes_nothing(full_file, actor):
    coordinator = actor(Role.COORDINATOR, structure=full_file.youth.holder_structure)
    first = do_erase_youth(coordinator, full_file.youth, "request").anonymised_at
    assert do_erase_youth(coordinator, full_file.youth, "other").anonymised_at == first
    assert Erasure.objects.count() == 1


def test_the_birth_year_comes_from_the_date(actor, structure):
    from tests.factories.youth import YouthFactory

    youth = YouthFactory(holder_structure=structure, birth_date=datetime.date(2008, 1, 2))
    do_erase_youth(actor(Role.COORDINATOR, structure=structure), youth, "request")
    youth.refresh_from_db()
    assert (youth.birth_date, youth.birth_year) == (None, 2008)
