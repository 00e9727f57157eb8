import json

import pytest
from django.http import Http404

from accroche.access.roles import Role
from accroche.partner_services.datainclusion import FileUnreadable, as_csv, read_rows, structure_ref
from accroche.partner_services.datainclusion_import import do_import_services, import_rows
from accroche.territory.models import Service
from tests.factories.territory_services import ServiceFactory


def record(structure, n, **overrides):
    values = {
        "source": "accroche",
        "structure_id": structure_ref(structure),
        "id": f"accroche--import-{n}",
        "nom": f"Service importé {n}",
        "description": "Aide aux démarches en ligne.",
        "date_maj": "2026-02-01",
        "thematiques": ["numerique--acceder-a-des-services-en-ligne"],
        "zone_eligibilite": ["76540"],
    }
    return {k: v for k, v in (values | overrides).items() if v is not None}


def as_file(records):
    return json.dumps(records).encode()


def everything(rows, default=None):
    return import_rows(rows, default_structure=default, may_edit=lambda s: True)


def test_a_file_with_broken_rows_keeps_the_good_ones(structure, rouen):
    rows = read_rows(
        as_file(
            [
                record(structure, 1),
                record(structure, 2, frais="gratos"),
                record(structure, 3),
                record(structure, 4, nom=None, date_maj="hier"),
            ]
        ),
        "services.json",
    )
    result = everything(rows)
    assert result.created == 2
    assert sorted(Service.objects.values_list("external_id", flat=True)) == [
        "accroche--import-1",
        "accroche--import-3",
    ]
    assert [(e.line, e.reference) for e in result.errors] == [
        (2, "accroche--import-2"),
        (4, "accroche--import-4"),
    ]
    assert result.errors[0].messages == [
        "frais : Valeur non prévue. Valeurs possibles : 'gratuit' ou 'payant'."
    ]
    assert result.errors[1].messages == [
        "nom : Ce champ est obligatoire.",
        "date_maj : Date attendue au format AAAA-MM-JJ.",
    ]


def test_csv_errors_give_the_line_of_the_file(structure, rouen):
    ServiceFactory(structure=structure, name="Déjà là", themes=["sante--acces-aux-soins"])
    good = record(structure, 1)
    bad = record(structure, 2, thematiques=["sante--acces-aux-soins", "sante--magie"])
    text = as_csv([{**good}, {**bad}]).replace('""', "")
    result = everything(read_rows(text.encode(), "services.csv"))
    assert result.created == 1
    assert [e.line for e in result.errors] == [3]
    assert result.errors[0].messages == ["thematiques : Valeur non prévue : « sante--magie »."]


def test_our_own_rules_are_checked_too(structure):
    rows = read_rows(as_file([record(structure, 1, zone_eligibilite=["99999"])]), "s.json")
    result = everything(rows)
    assert result.errors[0].messages == ["zone_eligibilite : commune inconnue « 99999 »."]
    assert not Service.objects.exists()


def test_a_future_date_is_refused_in_french(structure, rouen):
    rows = [(1, record(structure, 1, date_maj="2999-01-01"))]
    assert everything(rows).errors[0].messages == [
        "date_maj : La date de mise à jour doit être au XXIe siècle et pas dans le futur."
    ]


def test_importing_twice_is_idempotent_and_a_change_updates(structure, rouen):
    first = everything([(1, record(structure, 1))])
    second = everything([(1, record(structure, 1))])
    third = everything([(1, record(structure, 1, nom="Nouveau nom", date_maj="2026-03-01"))])
    assert (first.created, second.unchanged, third.updated) == (1, 1, 1)
    assert Service.objects.get().name == "Nouveau nom"


def test_a_repeated_row_is_reported(structure, rouen):
    result = everything([(1, record(structure, 1)), (2, record(structure, 1))])
    assert result.created == 1
    assert "figure déjà plus haut (n° 1)" in result.errors[0].messages[0]


def test_a_foreign_service_needs_a_structure_of_ours(structure, rouen):
    dora = record(structure, 1, source="dora", id="dora--7", structure_id="dora--structure-3")
    refused = everything([(1, dora)])
    kept = everything([(1, dora)], default=structure)
    assert "n'est pas une structure d'Accroche" in refused.errors[0].messages[0]
    assert kept.created == 1
    assert Service.objects.get().source_structure_id == "dora--structure-3"


def test_rows_of_structures_the_actor_cannot_edit_are_listed(
    actor, structure, other_structure, rouen
):
    rows = [(1, record(structure, 1)), (2, record(other_structure, 2))]
    result = do_import_services(actor(Role.MEDIATOR, structure), rows)
    assert result.created == 1
    assert result.errors[0].line == 2
    assert "Vous ne pouvez pas modifier les services" in result.errors[0].messages[0]


def test_the_default_structure_must_be_editable(actor, structure, other_structure):
    with pytest.raises(Http404):
        do_import_services(actor(Role.MEDIATOR, structure), [], other_structure)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\xff\xfe", "s.csv", "encodé en UTF-8"),
        (b"[{", "s.json", "Ce fichier JSON est illisible"),
        (b'{"a": 1}', "s.json", "doit contenir une liste"),
        (b"nom;description\nx;y\n", "s.csv", "doit nommer les colonnes"),
    ],
)
def test_an_unreadable_file_says_why(content, name, message):
    with pytest.raises(FileUnreadable, match=message):
        read_rows(content, name)


def test_a_semicolon_csv_from_a_spreadsheet_is_read(structure, rouen):
    text = as_csv([record(structure, 1)]).replace(",", ";")
    result = everything(read_rows(text.encode(), "s.csv"))
    assert result.created == 1
