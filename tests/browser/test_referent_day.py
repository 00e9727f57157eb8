"""A referent's day on a phone: alerts on the home page, then one young person's
follow-up — an interview, an action, a workshop session and its attendance, a hand-off
proposed and sent."""

import datetime

import pytest
from django.utils import timezone

from accroche.access.roles import Role
from accroche.followup.models import Action, AttendanceStatus, HandOff, HandOffStatus, Interaction
from accroche.youth.models import Phase, Youth
from tests.browser.login import log_in
from tests.browser.screen import assert_fits
from tests.factories.followup import WorkshopFactory, WorkshopSessionFactory
from tests.factories.organisations import MembershipFactory, ProgrammeFactory, StructureFactory
from tests.factories.youth import EnrolmentFactory, ThemeCategoryFactory, YouthFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def day():
    structure = StructureFactory(name="Centre social Les Hauts")
    programme = ProgrammeFactory(lead_structure=structure, name="Cap Seine Jeunes")
    referent = MembershipFactory(structure=structure, role=Role.CASE_WORKER)
    youth = YouthFactory(
        holder_structure=structure,
        first_name="Aya",
        last_contact_at=timezone.now() - datetime.timedelta(days=30),
    )
    EnrolmentFactory(
        youth=youth,
        programme=programme,
        referent=referent,
        phase=Phase.FOLLOW_UP,
        entry_date=timezone.localdate() - datetime.timedelta(days=60),
    )
    ThemeCategoryFactory(value="mobilite", label="Mobilité")
    workshop = WorkshopFactory(programme=programme, title="Radio des quartiers", capacity=8)
    WorkshopSessionFactory(
        workshop=workshop,
        starts_at=timezone.now() - datetime.timedelta(minutes=1),
        duration_minutes=150,
    )
    return referent, youth


def test_a_referents_day(phone, live_server, day):
    from playwright.sync_api import expect

    referent, youth = day
    log_in(phone, live_server, referent.user)

    alerts = phone.locator(".alerts-card")
    expect(alerts).to_contain_text("Alertes sur vos jeunes")
    expect(alerts).to_contain_text("dernier contact il y a 30 jours")
    alerts.get_by_role("link", name="Aya").click()
    expect(phone.locator("h1")).to_have_text("Suivi de Aya")

    phone.click("text=Noter un échange")
    phone.fill("input[name=duration_minutes]", "45")
    phone.fill("textarea[name=note]", "Veut passer le permis AM pour l'intérim.")
    phone.click("text=Enregistrer l'échange")
    expect(phone.locator(".messages")).to_contain_text("Échange noté.")
    expect(phone.locator("#echanges")).to_contain_text("permis AM")

    phone.locator("#plan").get_by_role("link", name="Ajouter une action").click()
    phone.fill("input[name=title]", "Inscription au code de la route")
    phone.select_option("select[name=category]", label="Mobilité")
    phone.fill(
        "input[name=due_on]", (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    )
    phone.click("text=Ajouter l'action")
    expect(phone.locator("#plan")).to_contain_text("Inscription au code de la route")

    phone.select_option("select[name=session]", index=1)
    phone.click("text=Inscrire à cette séance")
    expect(phone.locator("#ateliers")).to_contain_text("Radio des quartiers")

    phone.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Ateliers"
    ).click()
    phone.locator("a", has_text="Radio des quartiers").first.click()
    present = phone.locator("button[name=status][value=present]")
    present.click()
    expect(present).to_have_attribute("aria-pressed", "true")
    # 2 h 30 of workshop + the 45-minute interview of the morning.
    expect(phone.locator(".roster")).to_contain_text("3,3 h d'activité cette semaine")
    assert_fits(phone)

    phone.goto(live_server.url + f"/jeunes/{youth.pk}/suivi/")
    phone.click("text=Proposer un relais")
    phone.select_option("select[name=target]", value="mission_locale")
    phone.fill("input[name=target_name]", "Mission Locale Rouen Seine")
    phone.click("text=Proposer le relais")
    relais = phone.locator("#relais")
    expect(relais).to_contain_text("Proposé")
    relais.get_by_role("button", name="Envoyer").click()
    expect(phone.locator("#relais")).to_contain_text("Envoyé")
    assert_fits(phone)

    interaction = Interaction.objects.get()
    assert (interaction.duration_minutes, interaction.author_id) == (45, referent.user_id)
    assert Action.objects.get().owner == referent
    assert Youth.objects.get(pk=youth.pk).last_contact_at >= interaction.happened_at
    assert youth.workshop_attendances.get().status == AttendanceStatus.PRESENT
    handoff = HandOff.objects.get()
    assert (handoff.status, handoff.sent_on) == (HandOffStatus.SENT, timezone.localdate())
