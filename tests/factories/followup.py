import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accroche.followup.models import (
    Action,
    Aid,
    AidKind,
    Appointment,
    Attendance,
    BudgetLine,
    HandOff,
    HandOffTarget,
    Immersion,
    Interaction,
    InteractionKind,
    Outcome,
    OutcomeKind,
    Workshop,
    WorkshopKind,
    WorkshopSession,
)
from accroche.territory.models import Service
from tests.factories.organisations import MembershipFactory, ProgrammeFactory, StructureFactory
from tests.factories.youth import EnrolmentFactory, ThemeCategoryFactory, YouthFactory


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    youth = factory.SubFactory(YouthFactory)
    category = factory.SubFactory(ThemeCategoryFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(
        MembershipFactory, structure=factory.SelfAttribute("..youth.holder_structure")
    )
    created_by_structure = factory.SelfAttribute("youth.holder_structure")


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    youth = factory.SubFactory(YouthFactory)
    kind = InteractionKind.INTERVIEW
    happened_at = factory.LazyFunction(timezone.now)
    author_structure = factory.SelfAttribute("youth.holder_structure")


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    youth = factory.SubFactory(YouthFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2))
    place = "Local de l'association"
    with_whom = "Sa référente"
    created_by_structure = factory.SelfAttribute("youth.holder_structure")


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Atelier {n}")
    kind = WorkshopKind.SPORT
    structure = factory.SelfAttribute("programme.lead_structure")
    capacity = 10
    created_by_structure = factory.SelfAttribute("structure")


class WorkshopSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopSession

    workshop = factory.SubFactory(WorkshopFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=3))
    duration_minutes = 120


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(WorkshopSessionFactory)
    youth = factory.SubFactory(YouthFactory)
    registered_by_structure = factory.SelfAttribute("youth.holder_structure")


class ImmersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Immersion

    youth = factory.SubFactory(YouthFactory)
    company = "Boulangerie du Vieux-Marché"
    start_on = datetime.date(2026, 3, 2)
    end_on = datetime.date(2026, 3, 6)
    tutor_name = "M. Lenoir"
    created_by_structure = factory.SelfAttribute("youth.holder_structure")


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    programme = factory.SubFactory(ProgrammeFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    label = factory.Sequence(lambda n: f"Ligne {n}")
    kind = AidKind.MOPED_LICENCE
    envelope = Decimal("1000")


class AidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aid

    youth = factory.SubFactory(YouthFactory)
    budget_line = factory.SubFactory(BudgetLineFactory)
    kind = factory.SelfAttribute("budget_line.kind")
    amount = Decimal("100")
    reason = "Passer le permis AM pour aller travailler à l'entrepôt."
    requested_on = factory.LazyFunction(timezone.localdate)
    requested_by_structure = factory.SelfAttribute("youth.holder_structure")


class HandOffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandOff

    enrolment = factory.SubFactory(EnrolmentFactory)
    youth = factory.SelfAttribute("enrolment.youth")
    target = HandOffTarget.MISSION_LOCALE
    proposed_on = factory.LazyFunction(timezone.localdate)
    created_by_structure = factory.SelfAttribute("youth.holder_structure")


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    enrolment = factory.SubFactory(EnrolmentFactory, phase="exited")
    youth = factory.SelfAttribute("enrolment.youth")
    kind = OutcomeKind.STABLE_JOB
    exited_on = datetime.date(2026, 4, 1)
    recorded_by_structure = factory.SelfAttribute("youth.holder_structure")


class PartnerServiceFactory(factory.django.DjangoModelFactory):
    """A partner service, enough for an action to point to it."""

    class Meta:
        model = Service

    structure = factory.SubFactory(StructureFactory)
    name = factory.Sequence(lambda n: f"Auto-école sociale {n}")
    description = "Code et conduite à tarif solidaire."
    external_id = factory.Sequence(lambda n: f"service-{n}")
    updated_on = factory.LazyFunction(timezone.localdate)
