from decimal import Decimal

import pytest

from accroche.access.roles import Role
from tests.factories.organisations import FundingFactory, ParticipationFactory, TargetFactory
from tests.factories.territory import CommuneFactory, QpvFactory
from tests.www.conftest import assert_redirects_to_login


def url(programme):
    return f"/dispositifs/{programme.pk}/"


def test_it_requires_login(client, programme):
    assert_redirects_to_login(client.get(url(programme)))


def test_it_checks_ownership(outsider, programme):
    assert outsider.get(url(programme)).status_code == 404


def test_it_summarises_the_programme(owner, programme):
    FundingFactory(programme=programme, funder="FSE+", amount=Decimal("603645"), share=60)
    TargetFactory(programme=programme, minimum=200, maximum=250)
    text = owner.get(url(programme)).text
    assert "FSE+" in text
    assert "603\xa0645 €" in text
    assert "200 à 250" in text
    assert "Avoir entre 16 et 25 ans (jusqu&#x27;à 29 ans avec une RQTH)." in text


def test_the_owner_sees_the_edit_links(owner, programme):
    text = owner.get(url(programme)).text
    for section in ("modifier", "financeurs", "objectifs", "territoire", "eligibilite"):
        assert f"/dispositifs/{programme.pk}/{section}/" in text


def test_a_partner_reads_without_edit_links(login, member, other_structure, programme):
    ParticipationFactory(programme=programme, structure=other_structure)
    text = login(member(Role.COORDINATOR, other_structure)).get(url(programme)).text
    assert "RéFLEX" in text
    assert f"/dispositifs/{programme.pk}/modifier/" not in text


def add_set_up(programme, count):
    for _ in range(count):
        commune = CommuneFactory()
        programme.communes.add(commune)
        programme.qpvs.add(QpvFactory(communes=[commune]))
        FundingFactory(programme=programme, share=1)
        participation = ParticipationFactory(programme=programme)
        participation.zone_communes.add(commune)
    for indicator in ["spotted", "enrolled", "cej"][: count // 2]:
        TargetFactory(programme=programme, indicator=indicator)


@pytest.mark.parametrize("count", [3, 6])
def test_queries_do_not_grow_with_the_set_up(owner, programme, count, django_assert_num_queries):
    add_set_up(programme, count)
    with django_assert_num_queries(13):
        assert owner.get(url(programme)).status_code == 200
