import datetime
from decimal import Decimal

import factory

from accroche.access.roles import Role
from accroche.organisations.models import (
    EligibilityRules,
    Funding,
    Membership,
    Participation,
    Programme,
    Structure,
    StructureKind,
    Target,
)
from tests.factories.accounts import UserFactory


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Structure

    name = factory.Sequence(lambda n: f"Structure {n}")
    kind = StructureKind.ASSOCIATION


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    structure = factory.SubFactory(StructureFactory)
    role = Role.CASE_WORKER


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Dispositif {n}")
    slug = factory.Sequence(lambda n: f"dispositif-{n}")
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2027, 12, 31)
    lead_structure = factory.SubFactory(StructureFactory)

    @factory.post_generation
    def with_lead_participation(self, create, extracted, **kwargs):
        if create:
            Participation.objects.get_or_create(
                programme=self,
                structure=self.lead_structure,
                defaults={"kind": Participation.Kind.LEAD},
            )
            EligibilityRules.objects.get_or_create(programme=self)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    programme = factory.SubFactory(ProgrammeFactory)
    structure = factory.SubFactory(StructureFactory)
    kind = Participation.Kind.PARTNER


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funding

    programme = factory.SubFactory(ProgrammeFactory)
    funder = factory.Sequence(lambda n: f"Financeur {n}")
    kind = Funding.FunderKind.REGION
    amount = Decimal("10000")
    share = Decimal("10")


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    programme = factory.SubFactory(ProgrammeFactory)
    indicator = Target.Indicator.SPOTTED
    minimum = 200
