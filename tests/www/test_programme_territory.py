from accroche.organisations.models import Participation
from tests.factories.organisations import ParticipationFactory
from tests.factories.territory import CommuneFactory, QpvFactory


def test_the_owner_sets_the_communes_and_qpvs(owner, programme):
    rouen = CommuneFactory(code="76540", name="Rouen")
    qpv = QpvFactory(communes=[rouen])
    data = {"communes": "Rouen", "qpvs": [qpv.pk]}
    assert owner.post(f"/dispositifs/{programme.pk}/territoire/", data).status_code == 302
    assert list(programme.communes.all()) == [rouen]


def test_an_unknown_commune_is_refused_keeping_what_was_typed(owner, programme):
    CommuneFactory(code="76540", name="Rouen")
    response = owner.post(f"/dispositifs/{programme.pk}/territoire/", {"communes": "Rouen\nRuon"})
    assert "Communes inconnues : « Ruon »" in response.text
    assert "Rouen\nRuon</textarea>" in response.text
    assert not programme.communes.exists()


def test_the_qpv_list_follows_the_communes(owner):
    rouen = CommuneFactory(code="76540", name="Rouen")
    QpvFactory(communes=[rouen], name="Grammont")
    QpvFactory(name="Ailleurs")
    response = owner.get("/dispositifs/qpv/", {"communes": "76540"})
    assert "Grammont" in response.text
    assert "Ailleurs" not in response.text


def test_the_owner_adds_a_partner_with_its_zone(owner, programme, other_structure):
    CommuneFactory(code="76540", name="Rouen")
    data = {"structure": other_structure.pk, "kind": "upstream", "communes": "76540"}
    response = owner.post(f"/dispositifs/{programme.pk}/partenaires/ajouter/", data)
    assert response.status_code == 302
    participation = programme.participations.get(structure=other_structure)
    assert participation.kind == Participation.Kind.UPSTREAM
    assert [c.code for c in participation.zone_communes.all()] == ["76540"]


def test_a_zone_outside_the_territory_is_refused(owner, programme, other_structure):
    programme.communes.set([CommuneFactory(code="76540", name="Rouen")])
    CommuneFactory(code="76231", name="Elbeuf")
    data = {"structure": other_structure.pk, "kind": "partner", "communes": "Elbeuf"}
    response = owner.post(f"/dispositifs/{programme.pk}/partenaires/ajouter/", data)
    assert "pas dans le territoire du dispositif : Elbeuf (76)" in response.text
    assert programme.participations.count() == 1


def test_the_owner_changes_a_zone(owner, programme, other_structure):
    participation = ParticipationFactory(programme=programme, structure=other_structure)
    CommuneFactory(code="76540", name="Rouen")
    url = f"/dispositifs/{programme.pk}/partenaires/{participation.pk}/"
    assert owner.post(url, {"kind": "partner", "communes": "Rouen"}).status_code == 302
    assert participation.zone_communes.count() == 1


def test_the_owner_removes_a_partner(owner, programme, other_structure):
    participation = ParticipationFactory(programme=programme, structure=other_structure)
    owner.post(f"/dispositifs/{programme.pk}/partenaires/{participation.pk}/retirer/")
    assert not programme.participations.filter(pk=participation.pk).exists()


def test_the_lead_cannot_be_removed(owner, programme):
    lead = programme.participations.get()
    response = owner.post(
        f"/dispositifs/{programme.pk}/partenaires/{lead.pk}/retirer/", follow=True
    )
    assert "La structure porteuse ne peut pas être retirée du dispositif." in response.text
    assert programme.participations.exists()


def test_a_participation_of_another_programme_is_not_found(owner, programme):
    elsewhere = ParticipationFactory()
    url = f"/dispositifs/{programme.pk}/partenaires/{elsewhere.pk}/"
    assert owner.get(url).status_code == 404


def test_the_zone_qpv_list_keeps_the_territory_qpvs(owner, programme):
    programme.communes.set([CommuneFactory(code="76540", name="Rouen")])
    QpvFactory(communes=programme.communes.all(), name="Grammont")
    response = owner.get("/dispositifs/qpv/", {"communes": "", "programme": programme.pk})
    assert "Grammont" in response.text
