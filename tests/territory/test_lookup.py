import pytest

from accroche.territory.lookup import fold, resolve_commune, resolve_commune_list
from tests.factories.territory import CommuneFactory


@pytest.fixture
def communes():
    return {
        c.code: c
        for c in [
            CommuneFactory(code="27229", name="Évreux", department="27"),
            CommuneFactory(code="42218", name="Saint-Étienne", department="42"),
            CommuneFactory(code="94038", name="L'Haÿ-les-Roses", department="94"),
            CommuneFactory(code="54547", name="Vandœuvre-lès-Nancy", department="54"),
            CommuneFactory(code="2A004", name="Ajaccio", department="2A"),
            CommuneFactory(code="76540", name="Rouen", department="76"),
            CommuneFactory(code="97418", name="Sainte-Marie", department="974"),
            CommuneFactory(code="97213", name="Sainte-Marie", department="972"),
        ]
    }


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("76540", "76540"),
        (" 2a004 ", "2A004"),
        ("Rouen", "76540"),
        ("rouen", "76540"),
        ("Rouen (76)", "76540"),
        ("Évreux", "27229"),
        ("Evreux", "27229"),
        ("EVREUX", "27229"),
        ("evreux (27)", "27229"),
        ("Saint Etienne", "42218"),
        ("saint-etienne (42)", "42218"),
        ("L Hay les Roses", "94038"),
        ("Vandoeuvre les Nancy", "54547"),
        ("Ajaccio (2a)", "2A004"),
        ("Sainte-Marie (974)", "97418"),
        ("Sainte Marie (972)", "97213"),
    ],
)
def test_resolve_commune(communes, text, code):
    assert resolve_commune(text) == communes[code]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "76000", "Nulle-Part", "Sainte-Marie", "Rouen (27)", "Evreux (76)", "(("],
)
def test_resolve_commune_finds_nothing(communes, text):
    assert resolve_commune(text) is None


TEXTS = [
    "76540",
    " 2a004 ",
    "Rouen",
    "Rouen (76)",
    "evreux (27)",
    "Évreux (27)",
    "saint-etienne (42)",
    "Sainte-Marie (974)",
    "Sainte Marie (972)",
    "Sainte-Marie",
    "Rouen (27)",
    "76000",
    "Nulle-Part",
]


def test_a_list_resolves_like_one_at_a_time(communes):
    assert resolve_commune_list(TEXTS) == [resolve_commune(text) for text in TEXTS]


def test_codes_and_labels_cost_one_query(communes, django_assert_num_queries):
    labels = ["76540", "Rouen (76)", "Évreux (27)", "Sainte-Marie (974)", "2A004"]
    with django_assert_num_queries(1):
        found = resolve_commune_list(labels)
    assert [c.code for c in found] == ["76540", "76540", "27229", "97418", "2A004"]


def test_fold():
    assert fold("Saint-Étienne") == "saint etienne"
    assert fold("L’Haÿ-les-Roses") == "l hay les roses"
    assert fold("Vandœuvre-lès-Nancy") == "vandoeuvre les nancy"
