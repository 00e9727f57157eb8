import pytest

from accroche.partner_services.opening_hours import in_words


@pytest.mark.parametrize(
    ("hours", "words"),
    [
        ("Mo-Fr 09:00-17:00", "du lundi au vendredi de 9 h à 17 h"),
        ("Tu,Th 18:00-20:00", "mardi et jeudi de 18 h à 20 h"),
        ("Sa 09:30-12:30", "samedi de 9 h 30 à 12 h 30"),
        (
            "Tu-Fr 17:00-21:00; Sa 14:00-19:00",
            "du mardi au vendredi de 17 h à 21 h ; samedi de 14 h à 19 h",
        ),
        (
            "Mo 09:00-12:00,14:00-17:00; PH off",
            "lundi de 9 h à 12 h et de 14 h à 17 h ; fermé les jours fériés",
        ),
        ("sur rendez-vous", "sur rendez-vous"),
        ("", ""),
    ],
)
def test_opening_hours_in_plain_french(hours, words):
    assert in_words(hours) == words
