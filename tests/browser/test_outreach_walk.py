"""The mediator's phone path and the public self-referral form, in a real browser."""

import time

import pytest
from django.db.models import Sum

from accroche.access.roles import Role
from accroche.organisations.models import Participation
from accroche.outreach.models import Contact, OutreachSession, Referral, SessionCount
from accroche.youth.models import Youth
from tests.browser.login import log_in
from tests.browser.screen import assert_fits
from tests.factories.organisations import MembershipFactory, ProgrammeFactory, StructureFactory
from tests.factories.outreach import PlaceFactory
from tests.factories.territory import CommuneFactory
from tests.factories.youth import YouthFactory

pytestmark = pytest.mark.django_db(transaction=True)

TAPS = [("18_21:man", 4), ("18_21:woman", 3), ("16_17:man", 2)]


@pytest.fixture
def programme():
    structure = StructureFactory(name="Prévention Seine")
    rouen = CommuneFactory(code="76540", name="Rouen")
    programme = ProgrammeFactory(lead_structure=structure, name="Cap Seine", slug="cap-seine")
    programme.communes.add(rouen)
    Participation.objects.get(programme=programme).zone_communes.add(rouen)
    PlaceFactory(programme=programme, name="Hall Sorano", commune=rouen)
    YouthFactory(holder_structure=structure, first_name="Mohamed", residence_commune=rouen)
    return programme


def _log_in(phone, live_server, programme) -> None:
    membership = MembershipFactory(role=Role.MEDIATOR, structure=programme.lead_structure)
    log_in(phone, live_server, membership.user)


def _tap(phone, cell: str, expected: int) -> None:
    from playwright.sync_api import expect

    phone.click(f'button[name=tap][value="{cell}:1"]')
    expect(phone.locator(f'[data-cell="{cell}"]')).to_have_text(str(expected))


def test_a_mediator_records_a_session_from_a_phone(phone, live_server, programme):
    from playwright.sync_api import expect

    _log_in(phone, live_server, programme)
    started = time.monotonic()
    phone.click("text=Démarrer une sortie")
    phone.click("label:has-text('Hall Sorano')")  # next time, the last places come ticked
    phone.locator("button.big-action").first.click()
    expect(phone.locator("h1")).to_have_text("Sortie en cours")
    for cell, times in TAPS:
        for n in range(1, times + 1):
            _tap(phone, cell, n)
    with phone.expect_response(lambda response: "/compter/" in response.url):
        phone.click("label:has(input[name=channel][value=peers])")
    expect(phone.locator("input[name=channel][value=peers]")).to_be_checked()
    _tap(phone, "22_25:man", 1)
    expect(phone.locator(".totals")).to_contain_text("10 jeunes comptés")
    expect(phone.locator(".totals")).to_contain_text("dont 1 via l'entourage")

    phone.click("text=Ajouter une rencontre")
    phone.fill("input[name=nickname]", "Le Grand")
    phone.click("text=Enregistrer la rencontre")
    expect(phone.locator("main")).to_contain_text("« Le Grand »")

    phone.click("text=Ajouter une rencontre")
    phone.click("label:has(input[name=who][value=known])")
    phone.fill("input[name=q]", "mohammed")
    phone.click("label:has(input[name=youth])")
    phone.click("text=Enregistrer la rencontre")
    expect(phone.locator("main")).to_contain_text("Mohamed")

    phone.click("text=Terminer la sortie")
    expect(phone.locator("main")).to_contain_text("Sortie terminée")
    elapsed = time.monotonic() - started
    assert_fits(phone)

    session = OutreachSession.objects.get()
    assert session.ended_at is not None
    assert [p.name for p in session.places.all()] == ["Hall Sorano"]
    assert SessionCount.objects.aggregate(n=Sum("count"))["n"] == 10
    assert sorted(str(c.youth) for c in Contact.objects.all()) == ["Mohamed", "« Le Grand »"]
    assert Youth.objects.count() == 2
    assert elapsed < 60, f"the walk took {elapsed:.1f} s"


def test_the_public_form_keeps_what_was_typed(phone, live_server, programme):
    from playwright.sync_api import expect

    url = live_server.url + "/p/cap-seine/contact/"
    phone.goto(url)
    phone.fill("input[name=name]", "Sofiane")
    phone.fill("input[name=phone]", "06 12")
    phone.fill("input[name=reach_when]", "le soir après 18 h")
    phone.fill("input[name=commune]", "Rouen")
    phone.fill("textarea[name=need]", "un travail")

    # The network drops at submit: nothing is sent, nothing is lost, even after a reload.
    phone.context.set_offline(True)
    phone.click("button[type=submit]")
    expect(phone.locator("#offline")).to_contain_text("Pas de réseau")
    phone.context.set_offline(False)
    phone.goto(url)
    expect(phone.locator("input[name=name]")).to_have_value("Sofiane")
    expect(phone.locator(".draft-note")).to_be_visible()

    phone.click("button[type=submit]")
    expect(phone.locator("main")).to_contain_text("Ce numéro de téléphone n'est pas valide")
    expect(phone.locator("input[name=name]")).to_have_value("Sofiane")
    expect(phone.locator("textarea[name=need]")).to_have_value("un travail")
    assert not Referral.objects.exists()

    phone.fill("input[name=phone]", "06 12 34 56 78")
    phone.click("button[type=submit]")
    expect(phone.locator("h1")).to_have_text("Merci, c'est bien reçu !")
    referral = Referral.objects.get()
    assert (referral.name, referral.phone, referral.source) == ("Sofiane", "+33612345678", "self")
    # The thank-you page drops the draft the server has recorded (its deferred script).
    phone.wait_for_function(
        "() => !Object.keys(localStorage).some((k) => k.startsWith('accroche:draft:'))"
    )

    phone.goto(url)  # saved: the draft is gone
    expect(phone.locator("input[name=name]")).to_have_value("")


def test_a_place_is_picked_on_the_map_even_when_no_tile_loads(
    phone, live_server, programme, settings
):
    from playwright.sync_api import expect

    from accroche.outreach.models import Place

    settings.MAP_TILE_URL = live_server.url + "/pas-de-tuiles/{z}/{x}/{y}.png"  # all 404
    _log_in(phone, live_server, programme)
    phone.goto(live_server.url + "/reperage/lieux/nouveau/")
    expect(phone.locator("#place-map")).to_be_visible()
    phone.locator("#place-map").click()
    expect(phone.locator("input[name=latitude]")).not_to_have_value("")
    phone.fill("input[name=name]", "City stade des Sapins")
    phone.select_option("select[name=kind]", "sports_ground")
    phone.fill("input[name=commune]", "Rouen")
    phone.click("text=Enregistrer")
    expect(phone.locator("main")).to_contain_text("ajouté")
    place = Place.objects.get(name="City stade des Sapins")
    assert place.latitude is not None
    assert place.longitude is not None
