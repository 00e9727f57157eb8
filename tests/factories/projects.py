import datetime
from decimal import Decimal

import factory

from accroche.projects.models import Call, FollowUpTeam, Project, ProjectReport, TeamMember
from tests.factories.organisations import ProgrammeFactory, StructureFactory
from tests.factories.territory import CommuneFactory


class FollowUpTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpTeam

    programme = factory.SubFactory(ProgrammeFactory)
    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Équipe {n}")


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    team = factory.SubFactory(FollowUpTeamFactory)
    structure = factory.SelfAttribute("team.programme.lead_structure")
    name = factory.Sequence(lambda n: f"Pro {n}")
    role = "Éducateur de rue"
    phone = "02 35 11 22 33"


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Appel {n}")
    opens_on = datetime.date(2026, 1, 1)
    closes_on = datetime.date(2026, 12, 31)
    budget = Decimal("50000")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    holder = factory.SubFactory(StructureFactory)
    title = factory.Sequence(lambda n: f"Projet {n}")
    summary = "Une action de quartier."
    budget_asked = Decimal("10000")
    target_youths = 20

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if create and extracted:
            self.communes.set(extracted)


class ProjectReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectReport

    project = factory.SubFactory(ProjectFactory)
    period_start = datetime.date(2026, 1, 1)
    period_end = datetime.date(2026, 3, 31)
    youths_reached = 5
    actions_done = 2
    spent = Decimal("1000")
    reported_by_structure = factory.SelfAttribute("project.holder")
