"""Who to contact, commune by commune, for the public page of a programme: the people of
the follow-up team who agreed to be listed, the structures working there and those of
their services a young person can use by themselves — how and when. Professional
contacts only: nothing here reads a young person's file."""

from collections import defaultdict
from dataclasses import dataclass, field

from data_inclusion.schema.v1 import ModeMobilisation
from django.db.models import Prefetch, Q

from accroche.organisations.models import Participation, Programme, Structure
from accroche.partner_services.matching import service_communes
from accroche.partner_services.opening_hours import in_words
from accroche.partner_services.services import label_of, with_details
from accroche.projects.models import FollowUpTeam, TeamMember
from accroche.territory.models import Commune, Service

USERS = "usagers"


@dataclass
class ServiceContact:
    service: Service
    hours: str
    how: list[str]


@dataclass
class StructureContact:
    structure: Structure
    services: list[ServiceContact] = field(default_factory=list)

    @property
    def evenings_saturdays(self) -> bool:
        return any(s.service.evenings_saturdays for s in self.services)


@dataclass
class CommuneContacts:
    commune: Commune
    people: list[TeamMember]
    structures: list[StructureContact]

    @property
    def evenings_saturdays(self) -> bool:
        return any(s.evenings_saturdays for s in self.structures)


def _usable_by_young_people(service: Service) -> bool:
    return not service.mobilisable_by or USERS in service.mobilisable_by


def contacts_for(programme: Programme, communes: list[Commune]) -> list[CommuneContacts]:
    """In a fixed number of queries, whatever the number of communes and services."""
    ids = {c.pk for c in communes}
    working = (
        Participation.objects.filter(programme=programme, structure__is_active=True)
        .exclude(kind=Participation.Kind.EVALUATOR)
        .select_related("structure")
        .prefetch_related(Prefetch("zone_communes", queryset=Commune.objects.only("pk")))
    )
    structures_in: dict[int, dict[int, StructureContact]] = defaultdict(dict)
    for participation in working:
        for commune in participation.zone_communes.all():
            if commune.pk in ids:
                structures_in[commune.pk][participation.structure_id] = StructureContact(
                    participation.structure
                )
    located = Q(commune__in=ids) & Q(zone_communes__isnull=True)
    candidates = Service.objects.filter(Q(zone_communes__in=ids) | located).values("pk")
    services = with_details(
        Service.objects.filter(pk__in=candidates, structure__is_active=True).order_by("name")
    )
    for service in services:
        if not _usable_by_young_people(service):
            continue
        contact = ServiceContact(
            service,
            in_words(service.opening_hours),
            [label_of(ModeMobilisation, m) for m in service.mobilisation_modes],
        )
        for commune_id in service_communes(service) & ids:
            entry = structures_in[commune_id].setdefault(
                service.structure_id, StructureContact(service.structure)
            )
            entry.services.append(contact)
    people: dict[int, list[TeamMember]] = defaultdict(list)
    teams = FollowUpTeam.objects.filter(programme=programme, commune__in=ids).prefetch_related(
        Prefetch(
            "members",
            queryset=TeamMember.objects.filter(is_public=True).select_related("structure"),
        )
    )
    for team in teams:
        people[team.commune_id] += list(team.members.all())
    return [
        CommuneContacts(
            commune=commune,
            people=people[commune.pk],
            structures=sorted(
                structures_in[commune.pk].values(), key=lambda s: s.structure.name.lower()
            ),
        )
        for commune in communes
    ]
