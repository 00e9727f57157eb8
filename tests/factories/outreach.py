import datetime

import factory
from django.utils import timezone

from accroche.outreach.enums import Modality, PlaceKind, ReferralSource
from accroche.outreach.models import Contact, OutreachSession, Place, Referral
from tests.factories.organisations import ProgrammeFactory
from tests.factories.territory import CommuneFactory


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Hall {n}")
    kind = PlaceKind.HALL
    commune = factory.SubFactory(CommuneFactory)
    created_by_structure = factory.SelfAttribute("programme.lead_structure")


class OutreachSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachSession

    programme = factory.SubFactory(ProgrammeFactory)
    structure = factory.SelfAttribute("programme.lead_structure")
    modality = Modality.STREET_WALK
    started_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    session = factory.SubFactory(OutreachSessionFactory)
    programme = factory.SelfAttribute("session.programme")
    structure = factory.SelfAttribute("session.structure")


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    source = ReferralSource.FAMILY
    name = factory.Sequence(lambda n: f"Signalé{n}")
    phone = "06 12 34 56 78"
    commune = factory.SubFactory(CommuneFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=72))

    @factory.post_generation
    def routed_to(self, create, extracted, **kwargs):
        if create:
            self.routed_to.set(extracted or [self.programme.lead_structure])
