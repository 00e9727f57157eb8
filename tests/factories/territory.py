import factory

from accroche.territory.models import Commune, DiplomaLevel, Qpv


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{76000 + n % 999:05d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    department = "76"
    region = "28"
    postcodes = factory.LazyAttribute(lambda o: [o.code])
    population = 10_000
    vintage = "test"


class QpvFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qpv
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"QN{76000 + n:05d}M")
    name = factory.Sequence(lambda n: f"Quartier {n}")
    vintage = "test"

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if create and extracted:
            self.communes.set(extracted)


class DiplomaLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiplomaLevel
        django_get_or_create = ("code",)

    code = "3"
    rank = 3
    label = "Niveau 3 (CAP, BEP)"
    isced_group = "3-4"
