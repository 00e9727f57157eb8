from accroche.organisations.models import EligibilityRules

FORM = {"min_age": "16", "max_age": "25", "max_age_with_rqth": "29", "neet_required": "on"}


def test_the_owner_changes_the_rules(owner, programme):
    response = owner.post(f"/dispositifs/{programme.pk}/eligibilite/", FORM | {"max_age": "29"})
    assert response.status_code == 302
    assert EligibilityRules.objects.get().max_age == 29


def test_min_age_above_max_age_is_refused_keeping_what_was_typed(owner, programme):
    response = owner.post(f"/dispositifs/{programme.pk}/eligibilite/", FORM | {"min_age": "27"})
    assert "L&#x27;âge minimum doit être inférieur ou égal à l&#x27;âge maximum." in response.text
    assert 'value="27"' in response.text
    assert EligibilityRules.objects.get().min_age == 16
