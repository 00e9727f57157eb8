import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.roles import Role
from accroche.projects.models import FollowUpTeam
from accroche.projects.teams import do_create_team, do_set_team_members, do_update_team
from tests.factories.organisations import StructureFactory
from tests.factories.projects import FollowUpTeamFactory, TeamMemberFactory
from tests.territory_services.conftest import assert_redirects_to_login


def member_row(structure, **overrides):
    return {"structure": structure, "name": "Yanis Traoré", "role": "Éducateur de rue"} | overrides


def test_the_lead_creates_one_team_per_commune(lead, programme, rouen):
    do_create_team(lead, programme, {"commune": rouen, "name": "Équipe des Hauts"})
    with pytest.raises(ValidationError, match="a déjà son équipe"):
        do_create_team(lead, programme, {"commune": rouen, "name": "Autre"})


def test_a_team_outside_the_territory_is_refused(lead, programme, evreux):
    with pytest.raises(ValidationError, match="pas dans le territoire"):
        do_create_team(lead, programme, {"commune": evreux, "name": "Équipe"})


def test_a_partner_cannot_set_up_teams(partner, programme, rouen):
    with pytest.raises(Http404):
        do_create_team(partner, programme, {"commune": rouen, "name": "Équipe"})


def test_members_come_from_several_structures(lead, programme, other_structure, rouen):
    team = FollowUpTeamFactory(programme=programme, commune=rouen)
    rows = [member_row(programme.lead_structure), member_row(other_structure, name="Claire Dubois")]
    do_set_team_members(lead, team, rows)
    assert sorted(team.members.values_list("structure__name", flat=True)) == sorted(
        [programme.lead_structure.name, other_structure.name]
    )


def test_members_must_belong_to_the_programme(lead, programme, rouen):
    team = FollowUpTeamFactory(programme=programme, commune=rouen)
    with pytest.raises(ValidationError) as exc:
        do_set_team_members(lead, team, [member_row(StructureFactory(), role="")])
    assert exc.value.message_dict["members"] == [
        "Membre 1 : choisissez une structure du dispositif.",
        "Membre 1 : indiquez son rôle dans l'équipe.",
    ]


def test_a_bad_member_leaves_the_team_as_it_was(lead, programme, rouen):
    team = FollowUpTeamFactory(programme=programme, commune=rouen, name="Avant")
    TeamMemberFactory(team=team, name="Gardé")
    with pytest.raises(ValidationError):
        do_update_team(lead, team, {"name": "Après", "commune": rouen}, [member_row(None)])
    team.refresh_from_db()
    assert team.name == "Avant"
    assert list(team.members.values_list("name", flat=True)) == ["Gardé"]


# --- pages ----------------------------------------------------------------------------


def test_the_list_requires_login(client, programme):
    assert_redirects_to_login(client.get(f"/projets/dispositifs/{programme.pk}/equipes/"))


def test_an_outsider_gets_404(client_for, programme):
    response = client_for(Role.COORDINATOR, StructureFactory()).get(
        f"/projets/dispositifs/{programme.pk}/equipes/"
    )
    assert response.status_code == 404


def test_a_partner_reads_but_cannot_edit(client_for, programme, other_structure, rouen):
    team = FollowUpTeamFactory(programme=programme, commune=rouen)
    client = client_for(Role.CASE_WORKER, other_structure)
    assert team.name in client.get(f"/projets/equipes/{team.pk}/").text
    assert client.get(f"/projets/equipes/{team.pk}/modifier/").status_code == 404


def test_the_lead_edits_members_in_one_form(client_for, programme, other_structure, rouen):
    team = FollowUpTeamFactory(programme=programme, commune=rouen)
    client = client_for(Role.COORDINATOR, programme.lead_structure)
    response = client.post(
        f"/projets/equipes/{team.pk}/modifier/",
        {
            "name": "Équipe des Hauts",
            "commune": "Rouen",
            "members-TOTAL_FORMS": "2",
            "members-INITIAL_FORMS": "0",
            "members-0-structure": other_structure.pk,
            "members-0-name": "Claire Dubois",
            "members-0-role": "Conseillère",
            "members-0-is_public": "on",
        },
    )
    assert response.status_code == 302
    assert list(team.members.values_list("name", "is_public")) == [("Claire Dubois", True)]


def test_a_member_error_is_shown_and_nothing_saved(client_for, programme, other_structure, rouen):
    team = FollowUpTeamFactory(programme=programme, commune=rouen)
    client = client_for(Role.COORDINATOR, programme.lead_structure)
    response = client.post(
        f"/projets/equipes/{team.pk}/modifier/",
        {
            "name": "Nom tapé",
            "commune": "Rouen",
            "members-TOTAL_FORMS": "1",
            "members-INITIAL_FORMS": "0",
            "members-0-structure": other_structure.pk,
            "members-0-name": "Sans rôle",
        },
    )
    assert "Membre 1 : indiquez son rôle dans l&#x27;équipe." in response.text
    assert "Nom tapé" in response.text
    assert not FollowUpTeam.objects.filter(name="Nom tapé").exists()


@pytest.mark.parametrize("count", [2, 4])
def test_queries_do_not_grow(client_for, programme, count, django_assert_num_queries):
    from tests.factories.territory import CommuneFactory

    for _ in range(count):
        team = FollowUpTeamFactory(programme=programme, commune=CommuneFactory())
        TeamMemberFactory.create_batch(2, team=team)
    client = client_for(Role.COORDINATOR, programme.lead_structure)
    with django_assert_num_queries(8):
        assert client.get(f"/projets/dispositifs/{programme.pk}/equipes/").status_code == 200
