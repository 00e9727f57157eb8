import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accroche.followup.immersions import do_add_immersion, do_review_immersion
from accroche.followup.models import Immersion, ImmersionReview
from tests.factories.followup import ImmersionFactory

START = datetime.date(2026, 3, 2)


def data(**extra):
    return {
        "company": "Garage Renault Sotteville",
        "trade": "Mécanicien automobile",
        "tutor_name": "Mme Petit",
        "start_on": START,
        "end_on": START + datetime.timedelta(days=11),
        "daily_hours": Decimal("7"),
    } | extra


def test_an_immersion_is_recorded(referent, youth):
    immersion = do_add_immersion(referent, youth, data())
    assert (immersion.company, immersion.daily_hours) == ("Garage Renault Sotteville", 7)


def test_it_lasts_a_month_at_most(referent, youth):
    with pytest.raises(ValidationError, match="un mois au plus"):
        do_add_immersion(referent, youth, data(end_on=START + datetime.timedelta(days=40)))
    assert not Immersion.objects.exists()


def test_the_last_day_does_not_precede_the_first(referent, youth):
    with pytest.raises(ValidationError, match="précéder"):
        do_add_immersion(referent, youth, data(end_on=START - datetime.timedelta(days=1)))


def test_the_review_is_done_once(referent, youth, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 16, 10, tzinfo=datetime.UTC))
    immersion = ImmersionFactory(youth=youth)
    do_review_immersion(referent, immersion, ImmersionReview.CONFIRMED, "Très motivé.")
    with pytest.raises(ValidationError, match="déjà fait"):
        do_review_immersion(referent, immersion, ImmersionReview.NOT_FOR_ME)
    immersion.refresh_from_db()
    assert immersion.review == ImmersionReview.CONFIRMED


def test_no_review_before_the_immersion_starts(referent, youth, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC))
    with pytest.raises(ValidationError, match="pas avant"):
        do_review_immersion(referent, ImmersionFactory(youth=youth), ImmersionReview.CONFIRMED)
