"""Referrals go to every structure whose zone covers the commune or the QPV; while new,
all of them see it; once one takes it, only that one does."""

import pytest
from django.http import Http404

from accroche.access.roles import Role
from accroche.organisations.models import Participation
from accroche.outreach.access import get_referral, referrals_visible_to
from accroche.outreach.referrals import covering_structures, do_create_referral, take
from tests.factories.organisations import ParticipationFactory, StructureFactory
from tests.factories.territory import CommuneFactory, QpvFactory


@pytest.fixture
def qpv(commune):
    return QpvFactory(code="QN07620M", name="Les Hauts de Rouen", communes=[commune])


@pytest.fixture
def partner_zone(programme, other_structure, qpv):
    """``other_structure`` covers only the QPV: the zones overlap."""
    participation = ParticipationFactory(programme=programme, structure=other_structure)
    participation.zone_qpvs.add(qpv)
    return participation


def test_overlapping_zones_route_to_every_structure(programme, structure, commune, qpv,
                                                    partner_zone, other_structure):  # fmt: skip
    assert set(covering_structures(programme, commune, qpv)) == {structure, other_structure}
    assert covering_structures(programme, commune) == [structure]


def test_upstream_partners_and_evaluators_do_not_receive_referrals(programme, commune, structure):
    for kind in (Participation.Kind.UPSTREAM, Participation.Kind.EVALUATOR):
        ParticipationFactory(programme=programme, kind=kind).zone_communes.add(commune)
    assert covering_structures(programme, commune) == [structure]


def test_a_commune_nobody_covers_goes_to_the_lead(programme, structure):
    elsewhere = CommuneFactory(code="27229", name="Évreux")
    assert covering_structures(programme, elsewhere) == [structure]


def test_an_inactive_structure_is_skipped(programme, commune, qpv, partner_zone, other_structure):
    other_structure.is_active = False
    other_structure.save()
    assert other_structure not in covering_structures(programme, commune, qpv)


def _referral(actor, programme, commune, qpv=None):
    data = {"source": "family", "name": "Sofiane", "phone": "0612345678", "commune": commune,
            "qpv": qpv}  # fmt: skip
    return do_create_referral(actor, programme, data)[0]


def test_all_covering_structures_see_it_while_new_then_only_the_taker(
    actor, mediator, programme, commune, qpv, partner_zone, other_structure
):
    referral = _referral(mediator, programme, commune, qpv)
    theirs = actor(Role.CASE_WORKER, other_structure)
    assert referrals_visible_to(mediator).filter(pk=referral.pk).exists()
    assert referrals_visible_to(theirs).filter(pk=referral.pk).exists()
    take(theirs, referral)
    assert referrals_visible_to(theirs).filter(pk=referral.pk).exists()
    assert not referrals_visible_to(mediator).filter(pk=referral.pk).exists()
    with pytest.raises(Http404):
        get_referral(mediator, referral.pk)


def test_a_structure_outside_the_zone_never_sees_it(actor, mediator, programme, commune):
    referral = _referral(mediator, programme, commune)
    outsider = actor(Role.COORDINATOR, StructureFactory())
    with pytest.raises(Http404):
        get_referral(outsider, referral.pk)


def test_evaluators_and_partners_read_no_referral(actor, mediator, programme, commune, structure):
    referral = _referral(mediator, programme, commune)
    for role in (Role.EVALUATOR, Role.PARTNER, Role.ADMIN):
        assert not referrals_visible_to(actor(role, structure)).filter(pk=referral.pk).exists()
