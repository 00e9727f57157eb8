import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.roles import Role
from accroche.organisations.models import Participation
from accroche.organisations.zones import (
    do_remove_participation,
    do_set_participation,
    do_set_territory,
)
from tests.factories.organisations import ParticipationFactory
from tests.factories.territory import CommuneFactory, QpvFactory


@pytest.fixture
def rouen():
    return CommuneFactory(code="76540", name="Rouen")


@pytest.fixture
def elbeuf():
    return CommuneFactory(code="76231", name="Elbeuf")


def test_the_territory_is_saved(lead, programme, rouen):
    qpv = QpvFactory(communes=[rouen])
    do_set_territory(lead, programme, [rouen], [qpv])
    assert list(programme.communes.all()) == [rouen]
    assert list(programme.qpvs.all()) == [qpv]


def test_a_qpv_outside_the_communes_is_refused(lead, programme, rouen, elbeuf):
    qpv = QpvFactory(communes=[elbeuf], name="Le Puchot")
    with pytest.raises(ValidationError) as exc:
        do_set_territory(lead, programme, [rouen], [qpv])
    assert "Le Puchot" in exc.value.message_dict["qpvs"][0]


def test_a_commune_in_a_partner_zone_stays_in_the_territory(
    lead, programme, other_structure, rouen, elbeuf
):
    programme.communes.set([rouen, elbeuf])
    ParticipationFactory(programme=programme, structure=other_structure).zone_communes.set([elbeuf])
    with pytest.raises(ValidationError) as exc:
        do_set_territory(lead, programme, [rouen], [])
    assert "Elbeuf (76)" in exc.value.message_dict["communes"][0]
    assert programme.communes.count() == 2


def test_a_partner_is_added_with_its_zone(lead, programme, other_structure, rouen):
    participation = do_set_participation(
        lead, programme, other_structure, kind=Participation.Kind.PARTNER, communes=[rouen]
    )
    assert list(participation.zone_communes.all()) == [rouen]


def test_zones_may_overlap(lead, programme, structure, other_structure, rouen):
    do_set_participation(lead, programme, structure, kind="lead", communes=[rouen])
    do_set_participation(lead, programme, other_structure, kind="partner", communes=[rouen])
    assert Participation.objects.filter(zone_communes=rouen).count() == 2


def test_a_zone_outside_the_territory_is_refused_naming_the_communes(
    lead, programme, other_structure, rouen, elbeuf
):
    programme.communes.set([rouen])
    with pytest.raises(ValidationError) as exc:
        do_set_participation(lead, programme, other_structure, kind="partner", communes=[elbeuf])
    assert exc.value.message_dict["communes"] == [
        "Ces communes ne sont pas dans le territoire du dispositif : Elbeuf (76). "
        "Ajoutez-les d'abord au territoire, ou retirez-les de la zone."
    ]
    assert not programme.participations.filter(structure=other_structure).exists()


def test_there_is_one_lead(lead, programme, other_structure):
    with pytest.raises(ValidationError) as exc:
        do_set_participation(lead, programme, other_structure, kind="lead")
    assert "kind" in exc.value.message_dict


def test_the_lead_cannot_be_removed(lead, programme):
    with pytest.raises(ValidationError):
        do_remove_participation(lead, programme, programme.participations.get())


def test_a_partner_is_removed(lead, programme, other_structure):
    participation = ParticipationFactory(programme=programme, structure=other_structure)
    do_remove_participation(lead, programme, participation)
    assert programme.participations.count() == 1


def test_partners_are_set_by_the_lead_coordinator_only(actor, programme, other_structure):
    ParticipationFactory(programme=programme, structure=other_structure)
    partner = actor(Role.COORDINATOR, other_structure)
    with pytest.raises(Http404):
        do_set_participation(partner, programme, other_structure, kind="partner")
