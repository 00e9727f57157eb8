import pytest
from django.core.exceptions import ValidationError

from accroche.organisations.models import EligibilityRules
from accroche.organisations.programmes import do_set_eligibility_rules


def refused(lead, programme, **data):
    with pytest.raises(ValidationError) as exc:
        do_set_eligibility_rules(lead, programme, data)
    return exc.value.message_dict


def test_min_age_above_max_age_is_refused_and_nothing_saved(lead, programme):
    errors = refused(lead, programme, min_age=26, max_age=25)
    assert errors == {"min_age": ["L'âge minimum doit être inférieur ou égal à l'âge maximum."]}
    assert EligibilityRules.objects.get().min_age == 16


@pytest.mark.parametrize("age", [13, 36])
def test_ages_stay_within_14_and_35(lead, programme, age):
    errors = refused(lead, programme, max_age=age)
    assert errors["max_age"] == ["L'âge doit être compris entre 14 et 35 ans."]


def test_the_rqth_age_is_at_least_the_max_age(lead, programme):
    errors = refused(lead, programme, max_age=25, max_age_with_rqth=24)
    assert list(errors) == ["max_age_with_rqth"]


def test_a_partial_change_keeps_the_other_rules(lead, programme):
    rules = do_set_eligibility_rules(lead, programme, {"max_age": 29, "max_age_with_rqth": None})
    assert (rules.min_age, rules.max_age, rules.max_age_with_rqth) == (16, 29, None)
