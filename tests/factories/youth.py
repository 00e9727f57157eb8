import datetime

import factory

from accroche.access.roles import Role
from accroche.territory.models import ThemeCategory
from accroche.youth.models import (
    Barrier,
    Consent,
    Diagnostic,
    Eligibility,
    Enrolment,
    NameCompleteness,
    Phase,
    Youth,
)
from accroche.youth.search import refresh_search_fields
from tests.factories.organisations import (
    MembershipFactory,
    ParticipationFactory,
    ProgrammeFactory,
    StructureFactory,
)


class YouthFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Youth

    first_name = factory.Sequence(lambda n: f"Jeune{n}")
    name_completeness = NameCompleteness.PARTIAL
    holder_structure = factory.SubFactory(StructureFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        youth = model_class(*args, **kwargs)
        refresh_search_fields(youth)
        youth.save()
        return youth


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent
        skip_postgeneration_save = True

    youth = factory.SubFactory(YouthFactory)
    purpose = Consent.Purpose.SHARING
    method = Consent.Method.ORAL
    given_on = datetime.date(2026, 3, 1)
    recorded_by_structure = factory.SelfAttribute("youth.holder_structure")

    @factory.post_generation
    def shared_with(self, create, extracted, **kwargs):
        if create and extracted:
            self.shared_with.set(extracted)


class ThemeCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeCategory
        django_get_or_create = ("value",)

    value = "mobilite"
    label = factory.LazyAttribute(lambda o: o.value.replace("-", " ").capitalize())


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An enrolment whose referent is a case worker of the holding structure."""

    class Meta:
        model = Enrolment

    youth = factory.SubFactory(YouthFactory)
    programme = factory.SubFactory(
        ProgrammeFactory, lead_structure=factory.SelfAttribute("..youth.holder_structure")
    )
    referent = factory.SubFactory(
        MembershipFactory,
        structure=factory.SelfAttribute("..youth.holder_structure"),
        role=Role.CASE_WORKER,
    )
    phase = Phase.CONTACT
    entry_date = datetime.date(2026, 3, 1)
    eligibility_status = Eligibility.INCOMPLETE
    created_by_structure = factory.SelfAttribute("youth.holder_structure")


class DiagnosticFactory(factory.django.DjangoModelFactory):
    """``barriers={"mobilite": 2, "sante": 3}`` adds one barrier per category value."""

    class Meta:
        model = Diagnostic
        skip_postgeneration_save = True

    youth = factory.SubFactory(YouthFactory)
    done_on = datetime.date(2026, 3, 10)
    author_structure = factory.SelfAttribute("youth.holder_structure")

    @factory.post_generation
    def barriers(self, create, extracted, **kwargs):
        if create and extracted:
            for value, severity in extracted.items():
                Barrier.objects.create(
                    diagnostic=self,
                    category=ThemeCategoryFactory(value=value),
                    severity=severity,
                )


def enrol_with_partner(youth: Youth, *partners: object) -> Enrolment:
    """Enrol ``youth`` in a new programme of its holder in which ``partners`` take part:
    they are then in the file's consortium (a sharing with them is no transfer)."""
    enrolment = EnrolmentFactory(youth=youth)
    for partner in partners:
        ParticipationFactory(programme=enrolment.programme, structure=partner)
    return enrolment
