from accroche.organisations.models import Funding
from tests.factories.organisations import FundingFactory, TargetFactory


def rows(*lines, initial=0):
    data = {"rows-TOTAL_FORMS": str(len(lines)), "rows-INITIAL_FORMS": str(initial)}
    for n, line in enumerate(lines):
        data |= {f"rows-{n}-{key}": value for key, value in line.items()}
    return data


def funding(funder, share, amount="1000"):
    return {"funder": funder, "kind": "region", "amount": amount, "share": share}


def test_the_owner_saves_the_funders(owner, programme):
    url = f"/dispositifs/{programme.pk}/financeurs/"
    response = owner.post(url, rows(funding("FSE+", "60"), funding("Région", "12,5", "603 645")))
    assert response.status_code == 302
    assert sorted(Funding.objects.values_list("funder", "share")) == [
        ("FSE+", 60),
        ("Région", 12.5),
    ]


def test_shares_over_100_are_refused_keeping_everything(owner, programme):
    FundingFactory(programme=programme, funder="Ville")
    response = owner.post(
        f"/dispositifs/{programme.pk}/financeurs/",
        rows(funding("FSE+", "60"), funding("Département", "45")),
    )
    assert "La somme des parts des financeurs dépasse 100 % (105 %)." in response.text
    assert 'value="Département"' in response.text
    assert list(Funding.objects.values_list("funder", flat=True)) == ["Ville"]


def test_a_ticked_line_is_deleted(owner, programme):
    FundingFactory(programme=programme, funder="Ville")
    data = rows(funding("Ville", "10") | {"DELETE": "on"}, initial=1)
    owner.post(f"/dispositifs/{programme.pk}/financeurs/", data)
    assert not Funding.objects.exists()


def test_a_target_maximum_below_its_minimum_is_shown_on_its_line(owner, programme):
    TargetFactory(programme=programme)
    line = {"indicator": "enrolled", "minimum": "250", "maximum": "200"}
    response = owner.post(f"/dispositifs/{programme.pk}/objectifs/", rows(line))
    assert "L&#x27;objectif maximum doit être supérieur ou égal au minimum." in response.text
    assert list(programme.targets.values_list("indicator", flat=True)) == ["spotted"]


def test_the_owner_saves_the_targets(owner, programme):
    line = {"indicator": "enrolled", "minimum": "200", "maximum": "250"}
    assert owner.post(f"/dispositifs/{programme.pk}/objectifs/", rows(line)).status_code == 302
    assert programme.targets.get().maximum == 250
