from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accroche.organisations.funding import do_set_fundings, do_set_targets
from accroche.organisations.models import Funding, Target
from tests.factories.organisations import FundingFactory, TargetFactory


def funding(share, amount="1000", funder="Région"):
    return {"funder": funder, "kind": "region", "amount": Decimal(amount), "share": Decimal(share)}


def test_fundings_replace_the_previous_ones(lead, programme):
    FundingFactory(programme=programme)
    do_set_fundings(lead, programme, [funding("60"), funding("40", funder="FSE+")])
    assert sorted(programme.fundings.values_list("funder", flat=True)) == ["FSE+", "Région"]


def test_shares_over_100_percent_are_refused_and_nothing_changes(lead, programme):
    kept = FundingFactory(programme=programme)
    with pytest.raises(ValidationError) as exc:
        do_set_fundings(lead, programme, [funding("60"), funding("50.5")])
    assert exc.value.message_dict["share"] == [
        "La somme des parts des financeurs dépasse 100 % (110,5 %)."
    ]
    assert list(Funding.objects.all()) == [kept]


def test_a_negative_amount_is_refused_with_its_line(lead, programme):
    with pytest.raises(ValidationError) as exc:
        do_set_fundings(lead, programme, [funding("10"), funding("10", amount="-5")])
    assert exc.value.message_dict["amount"] == ["Ligne 2 : Indiquez un montant positif ou nul."]


def test_a_target_maximum_below_its_minimum_is_refused(lead, programme):
    with pytest.raises(ValidationError) as exc:
        do_set_targets(lead, programme, [{"indicator": "enrolled", "minimum": 250, "maximum": 200}])
    assert "maximum" in exc.value.message_dict


def test_an_indicator_has_one_target(lead, programme):
    TargetFactory(programme=programme)
    rows = [{"indicator": "enrolled", "minimum": 1}, {"indicator": "enrolled", "minimum": 2}]
    with pytest.raises(ValidationError) as exc:
        do_set_targets(lead, programme, rows)
    assert exc.value.message_dict["indicator"] == [
        "Un indicateur ne peut avoir qu'un objectif : Jeunes accompagnés."
    ]
    assert Target.objects.get().indicator == "spotted"


def test_targets_replace_the_previous_ones(lead, programme):
    TargetFactory(programme=programme)
    do_set_targets(lead, programme, [{"indicator": "enrolled", "minimum": 200, "maximum": 250}])
    assert list(programme.targets.values_list("indicator", "minimum", "maximum")) == [
        ("enrolled", 200, 250)
    ]
