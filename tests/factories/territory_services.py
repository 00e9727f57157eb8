import datetime

import factory

from accroche.territory.models import DiagnosticArea, Service, TerritorialDiagnostic, Theme
from tests.factories.organisations import ProgrammeFactory, StructureFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    """A service; ``themes`` takes data·inclusion values (loaded by ``load_themes``) and
    ``zone`` takes communes."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    structure = factory.SubFactory(StructureFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    description = "Un accompagnement pour les jeunes du quartier."
    type = "accompagnement"
    publics = factory.LazyFunction(lambda: ["jeunes"])
    external_id = factory.Sequence(lambda n: f"accroche--test-{n}")
    updated_on = datetime.date(2026, 3, 1)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            values = extracted if extracted is not None else ["mobilite--preparer-un-permis"]
            self.themes.set(Theme.objects.filter(value__in=values))

    @factory.post_generation
    def zone(self, create, extracted, **kwargs):
        if create and extracted:
            self.zone_communes.set(extracted)


class DiagnosticAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiagnosticArea
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Secteur {n}")

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if create and extracted:
            self.communes.set(extracted)


class TerritorialDiagnosticFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TerritorialDiagnostic

    area = factory.SubFactory(DiagnosticAreaFactory)
    version = 1
    done_on = datetime.date(2026, 2, 1)
    mesh_score = 2
    needs = "Garde d'enfants."
    author_structure = factory.SelfAttribute("area.programme.lead_structure")


def create_themes() -> None:
    """The real data·inclusion categories and themes, in three queries (the loader
    upserts row by row, which is too slow to run before every test)."""
    from data_inclusion.schema.v1 import Categorie, Thematique

    from accroche.territory.models import ThemeCategory

    ThemeCategory.objects.bulk_create(
        ThemeCategory(value=c.value, label=c.label) for c in Categorie
    )
    categories = {c.value: c for c in ThemeCategory.objects.all()}
    Theme.objects.bulk_create(
        Theme(value=t.value, label=t.label, category=categories[t.value.split("--", 1)[0]])
        for t in Thematique
    )
