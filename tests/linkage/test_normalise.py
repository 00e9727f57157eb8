import datetime

import pytest

from accroche.linkage.normalise import normalise, phone_number


@pytest.mark.parametrize(
    "typed",
    [
        "06 12 34 56 78",
        "0612345678",
        "06.12.34.56.78",
        "+33 6 12 34 56 78",
        "0033612345678",
        "+33612345678",
    ],  # the last one as phones are stored (E.164)
)
def test_every_phone_format_gives_the_same_number(typed):
    assert phone_number(typed) == "612345678"


def test_a_too_short_number_is_no_number():
    assert phone_number("12 34") == ""


def test_names_lose_accents_case_and_hyphens():
    row = normalise({"first_name": "Jean-Baptiste", "last_name": "  LE GALL-Éric "})
    assert (row["given"], row["last"]) == ("jean baptiste", "le gall eric")


def test_a_known_diminutive_gives_the_first_name():
    assert normalise({"first_name": "Momo"})["given_canon"] == "mohamed"


def test_a_nickname_alone_gives_a_first_name_when_it_is_a_diminutive():
    assert normalise({"nickname": "Seb"})["given_canon"] == "sebastien"
    assert normalise({"nickname": "La Fouine"})["given_canon"] == ""


def test_an_estimated_year_stands_for_an_unknown_date():
    row = normalise({"first_name": "Aya", "birth_year": 2005})
    assert (row["dob_y"], row["dob_m"], row["dob_d"]) == (2005, 0, 0)


def test_dates_may_come_as_text():
    row = normalise({"first_name": "Aya", "birth_date": "2005-04-30"})
    assert (row["dob_y"], row["dob_m"], row["dob_d"]) == (2005, 4, 30)
    assert normalise({"first_name": "Aya", "birth_date": datetime.date(2005, 4, 30)}) == row


def test_email_case_does_not_count():
    assert normalise({"first_name": "A", "email": " Aya.Diallo@Gmail.COM "})["email"] == (
        "aya.diallo@gmail.com"
    )
