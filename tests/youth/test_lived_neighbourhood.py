from django.urls import reverse

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.youth.models import Youth
from tests.factories.territory import CommuneFactory, QpvFactory
from tests.factories.youth import YouthFactory


def test_create_with_the_places_frequented(login, member, structure):
    rouen = CommuneFactory(code="76540", name="Rouen")
    canteleu = CommuneFactory(code="76157", name="Canteleu")
    plateau = QpvFactory(name="Plateau", communes=[canteleu])
    client = login(member(Role.MEDIATOR, structure))
    client.post(
        reverse("youth:create"),
        {
            "first_name": "Aya",
            "gender": "woman",
            "residence_commune": "76540",
            "frequented_communes": "Canteleu (76)\nRouen",
            "frequented_qpvs": [plateau.pk],
            "frequented_places": "city stade, snack",
        },
    )
    youth = Youth.objects.get()
    assert set(youth.frequented_communes.all()) == {rouen, canteleu}
    assert list(youth.frequented_qpvs.all()) == [plateau]
    assert youth.frequented_places == "city stade, snack"
    assert "frequented_qpvs" in AuditEvent.objects.get(action="create").fields


def test_a_qpv_outside_the_communes_frequented_is_refused(login, member, structure):
    CommuneFactory(code="76540", name="Rouen")
    elsewhere = QpvFactory(name="Quartier lointain", communes=[CommuneFactory(name="Elbeuf")])
    response = login(member(Role.MEDIATOR, structure)).post(
        reverse("youth:create"),
        {
            "first_name": "Aya",
            "gender": "woman",
            "frequented_communes": "Rouen",
            "frequented_qpvs": [elsewhere.pk],
        },
    )
    assert "aucune des communes fréquentées : Quartier lointain" in response.text
    assert not Youth.objects.exists()


def test_an_unknown_commune_keeps_everything_typed(login, member, structure):
    response = login(member(Role.MEDIATOR, structure)).post(
        reverse("youth:create"),
        {"first_name": "Aya", "frequented_communes": "Rouenn", "frequented_places": "le parc"},
    )
    assert "Communes inconnues : « Rouenn »" in response.text
    assert "Rouenn</textarea>" in response.text
    assert 'value="le parc"' in response.text
    assert not Youth.objects.exists()


def test_editing_only_the_frequented_communes_is_saved_and_logged(login, member, structure):
    youth = YouthFactory(holder_structure=structure, first_name="Aya")
    CommuneFactory(code="76157", name="Canteleu")
    login(member(Role.CASE_WORKER, structure)).post(
        reverse("youth:edit", args=[youth.pk]),
        {"first_name": "Aya", "gender": "not_stated", "frequented_communes": "Canteleu"},
    )
    assert [c.name for c in youth.frequented_communes.all()] == ["Canteleu"]
    assert AuditEvent.objects.get(action="update").fields == ["frequented_communes"]


def test_the_qpv_choices_follow_the_communes_typed(login, member, structure):
    canteleu = CommuneFactory(code="76157", name="Canteleu")
    QpvFactory(name="Plateau", communes=[canteleu])
    QpvFactory(name="Ailleurs", communes=[CommuneFactory(name="Elbeuf")])
    response = login(member(Role.MEDIATOR, structure)).get(
        reverse("youth:frequented_qpvs"), {"frequented_communes": "Canteleu"}
    )
    assert "Plateau" in response.text
    assert "Ailleurs" not in response.text
