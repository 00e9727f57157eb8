"""The demo's territory: the partners' services in the data·inclusion format (with real
gaps: no mental-health service, childcare only in Rouen, housing only département-wide),
a territorial diagnostic of each of the 14 communes (five redone a year later), then
follow-up teams and the first call for projects (``accroche/demo/territory_projects.py``)."""

import datetime
from dataclasses import dataclass

from django.utils.text import slugify

from accroche.demo import territory_projects
from accroche.demo.consortium import ELBEUF, EMAIL_DOMAIN, NORTH, SOUTH, DemoContext
from accroche.demo.territory_projects import coordinator
from accroche.partner_services.services import opens_evenings_or_saturdays
from accroche.territory.models import (
    DiagnosticArea,
    ResourcePerson,
    Service,
    TerritorialDiagnostic,
    Theme,
)

ALL = [*dict.fromkeys(NORTH + SOUTH + ELBEUF)]


@dataclass(frozen=True)
class ServiceSpec:
    structure: str
    name: str
    description: str
    themes: tuple[str, ...]
    type: str
    zone: tuple[str, ...]  # commune codes, or ("76",) for the whole département
    commune: str
    address: str
    hours: str
    modes: tuple[str, ...] = ("se-presenter", "telephoner")
    publics: tuple[str, ...] = ("jeunes",)
    by: tuple[str, ...] = ("usagers", "professionnels")
    fees: str = "gratuit"


S = ServiceSpec
SERVICES = [
    S("lead", "Maraudes du soir et du samedi",
      "Deux médiateurs vont à la rencontre des jeunes au pied des immeubles, dans les parcs et "
      "au city stade, le soir et le samedi. On discute, on écoute, on oriente sans rendez-vous.",
      ("remobilisation--lien-social", "remobilisation--bien-etre-confiance-en-soi"),
      "accompagnement", tuple(ALL), "76540", "12 rue Saint-Julien",
      "Tu-Fr 17:00-21:00; Sa 14:00-19:00"),
    S("lead", "Camion itinérant : démarches et numérique",
      "Le camion s'installe sur les places des quartiers : connexion, ordinateur, aide pour "
      "créer une adresse e-mail, un compte Ameli ou CAF, scanner ses papiers.",
      ("numerique--acceder-a-des-services-en-ligne",
       "numerique--maitriser-les-fondamentaux-du-numerique",
       "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"),
      "accompagnement", tuple(SOUTH), "76575", "Place de l'Église",
      "We 14:00-18:00; Sa 10:00-13:00"),
    S("lead", "Sas vers l'emploi : CV et entretiens",
      "Ateliers en petit groupe pour faire son CV, se préparer à un entretien et rencontrer "
      "des employeurs du bassin rouennais.",
      ("preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
       "trouver-un-emploi--convaincre-un-recruteur-en-entretien"),
      "atelier", ("76540",), "76540", "12 rue Saint-Julien", "Mo,Th 14:00-17:00",
      modes=("telephoner", "envoyer-un-courriel")),
    S("prev", "Accueil éducatif de rue",
      "Les éducateurs de prévention spécialisée accueillent les 16-25 ans et leurs familles, "
      "sans rendez-vous, pour toute difficulté : conflits, ruptures, justice, école.",
      ("remobilisation--lien-social", "famille--surmonter-conflits-separation-violence"),
      "accompagnement", tuple(SOUTH), "76575", "4 rue du Madrillet",
      "Mo-Fr 14:00-19:00; Sa 14:00-18:00"),
    S("prev", "Chantiers éducatifs rémunérés",
      "Des chantiers courts et payés (peinture, espaces verts) pour gagner un peu d'argent "
      "tout de suite, découvrir un métier et reprendre un rythme.",
      ("difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere",
       "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite"),
      "accompagnement", ("76575", "76498", "76681"), "76575", "4 rue du Madrillet",
      "Mo-Fr 08:30-12:30"),
    S("prev", "Point santé jeunes",
      "Une infirmière et un éducateur reçoivent les jeunes : droits à la santé, dépistage, "
      "contraception, orientation vers un médecin.",
      ("sante--acces-aux-soins", "sante--sante-sexuelle"),
      "information", ("76575", "76681"), "76575", "4 rue du Madrillet", "We 14:00-18:00"),
    S("csoc", "Halte-garderie solidaire",
      "Quelques places d'accueil pour les enfants de moins de 3 ans pendant un rendez-vous, "
      "une formation ou un entretien d'embauche.",
      ("famille--garde-denfants",), "aide-materielle", ("76540",), "76540",
      "3 rue Jean-Philippe Rameau", "Mo-Fr 08:30-12:00", publics=("familles", "jeunes")),
    S("csoc", "Épicerie solidaire et vestiaire",
      "Des courses à petit prix et des vêtements pour les entretiens, sur orientation d'un "
      "travailleur social.",
      ("equipement-et-alimentation--alimentation", "equipement-et-alimentation--habillement"),
      "aide-materielle", ("76540", "76095"), "76540", "3 rue Jean-Philippe Rameau",
      "Tu,Fr 14:00-17:30", by=("professionnels",), fees="payant"),
    S("csoc", "Ateliers de français",
      "Parler, lire et écrire le français au quotidien et au travail, en petit groupe, le soir.",
      ("lecture-ecriture-calcul--maitriser-le-francais",), "atelier", tuple(NORTH), "76540",
      "3 rue Jean-Philippe Rameau", "Tu,Th 18:00-20:00", publics=("tous-publics",)),
    S("csoc", "Permanence accès aux droits",
      "CAF, Assurance maladie, titre de séjour : on vous aide à comprendre vos droits et à "
      "monter les dossiers.",
      ("difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
       "sante--acces-aux-soins"),
      "accompagnement", tuple(NORTH), "76540", "3 rue Jean-Philippe Rameau", "Mo 09:00-12:00",
      publics=("tous-publics",)),
    S("ml", "Contrat d'Engagement Jeune",
      "Un accompagnement intensif de 15 à 20 heures par semaine vers l'emploi ou la "
      "formation, avec une allocation selon les ressources.",
      ("trouver-un-emploi--repondre-a-des-offres-demploi",
       "choisir-un-metier--identifier-ses-points-forts-et-ses-competences",
       "se-former--trouver-sa-formation"),
      "accompagnement", tuple(ALL), "76540", "6 place de la Madeleine", "Mo-Fr 09:00-17:00",
      modes=("telephoner", "se-presenter", "utiliser-lien-mobilisation")),
    S("ml", "Aide à la mobilité : permis et scooters",
      "Financement d'une partie du permis B, location de scooters à 1 € par jour pour aller "
      "en formation ou au travail.",
      ("mobilite--preparer-un-permis", "mobilite--acceder-a-un-vehicule",
       "mobilite--financer-ma-mobilite"),
      "aide-financiere", tuple(ALL), "76540", "6 place de la Madeleine", "Mo-Fr 09:00-17:00",
      by=("professionnels",)),
    S("ml", "Logement des jeunes (CLLAJ)",
      "Trouver une chambre, un foyer de jeunes travailleurs ou un premier logement, et les "
      "aides pour y entrer.",
      ("logement-hebergement--louer-un-logement",
       "logement-hebergement--rechercher-une-solution-dhebergement-temporaire"),
      "accompagnement", ("76",), "76540", "6 place de la Madeleine", "Tu,Th 09:00-12:00"),
    S("ville", "Point information jeunesse",
      "Informations sur les métiers, les jobs d'été, le BAFA ; ordinateurs et wifi en accès "
      "libre.",
      ("choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
       "numerique--acceder-a-une-connexion-internet"),
      "information", tuple(ELBEUF), "76231", "Place Aristide Briand",
      "Mo-Fr 13:30-18:00; Sa 09:30-12:30"),
    S("ville", "Bourse au permis citoyenne",
      "La Ville finance une partie du permis de conduire en échange de 35 heures de bénévolat "
      "dans une association elbeuvienne.",
      ("mobilite--financer-ma-mobilite", "remobilisation--benevolat-action-citoyenne"),
      "aide-financiere", ("76231",), "76231", "Place Aristide Briand", "We 14:00-17:00"),
    S("labo", "Ateliers « Parole de jeunes »",
      "Des ateliers de recherche participative où les jeunes racontent leur parcours et "
      "disent ce qui les aide ; un bon d'achat remercie chaque participant.",
      ("remobilisation--bien-etre-confiance-en-soi",), "atelier", ("76540",), "76540",
      "Rue Lavoisier, Mont-Saint-Aignan", "Th 17:30-19:30", modes=("envoyer-un-courriel",)),
    S("labo", "Découvrir l'université",
      "Visites du campus et rencontres avec des étudiants pour se faire une idée des "
      "formations possibles après une pause.",
      ("se-former--trouver-sa-formation",), "information", ("76540",), "76540",
      "Rue Lavoisier, Mont-Saint-Aignan", "We 14:00-16:00",
      modes=("envoyer-un-courriel",), publics=("jeunes", "etudiants")),
]  # fmt: skip


def build(ctx: DemoContext) -> None:
    _services(ctx)
    _diagnostics(ctx)
    territory_projects.build(ctx)


def _services(ctx: DemoContext) -> None:
    themes = {t.value: t for t in Theme.objects.all()}
    for number, spec in enumerate(SERVICES, start=1):
        structure = ctx.structures[spec.structure]
        slug = f"{slugify(structure.name)[:24].strip('-')}.{EMAIL_DOMAIN}"
        service = Service.objects.create(
            structure=structure,
            name=spec.name,
            description=spec.description,
            type=spec.type,
            publics=sorted(spec.publics),
            fees=spec.fees,
            reception_modes=["en-presentiel"],
            mobilisation_modes=sorted(spec.modes),
            mobilisable_by=sorted(spec.by),
            mobilisation_url=f"https://{slug}/services/{number}"
            if "utiliser-lien-mobilisation" in spec.modes
            else "",
            address=spec.address,
            postcode=ctx.communes[spec.commune].postcodes[0]
            if ctx.communes[spec.commune].postcodes
            else "",
            commune=ctx.communes[spec.commune],
            zone_departments=[c for c in spec.zone if len(c) < 5],
            phone=f"02 35 {ctx.rng.randint(10, 99)} {ctx.rng.randint(10, 99)} "
            f"{ctx.rng.randint(10, 99)}",
            email=f"accueil@{slug}",
            opening_hours=spec.hours,
            evenings_saturdays=opens_evenings_or_saturdays(spec.hours),
            external_id=f"accroche--demo-{number}",
            updated_on=ctx.today - datetime.timedelta(days=ctx.rng.randint(5, 120)),
        )
        service.themes.set([themes[v] for v in spec.themes if v in themes])
        service.zone_communes.set([ctx.communes[c] for c in spec.zone if len(c) == 5])


OTHER_ACTORS = [
    "Club de football du quartier", "Médiathèque municipale", "Bailleur social (Rouen Habitat)",
    "CCAS", "Collège du secteur", "Maison de santé pluriprofessionnelle", "Salle de boxe",
    "Association des locataires", "Épicerie sociale", "Centre médico-psychologique",
]  # fmt: skip
ACTIONS = [
    "Permanence de la Mission Locale en mairie un mardi sur deux.",
    "Chantiers éducatifs d'été avec le bailleur.",
    "Tournoi de foot en soirée pendant le ramadan.",
    "Forum des jobs d'été à la salle des fêtes.",
    "Atelier CV au centre social le jeudi.",
    "Sorties culturelles du vendredi avec la médiathèque.",
]
NEEDS = [
    "Garde d'enfants pour les jeunes mères qui veulent reprendre une formation.",
    "Santé mentale : quatre mois d'attente au centre médico-psychologique.",
    "Mobilité vers les zones d'emploi de la rive gauche, peu de bus le soir.",
    "Hébergement d'urgence pour les jeunes en rupture familiale.",
    "Accès aux droits : beaucoup de jeunes sans couverture santé.",
    "Décrochage scolaire dès la 4e, peu de solutions avant 16 ans.",
]
PARTNERSHIP = [
    "Les acteurs se connaissent peu ; les orientations passent par des contacts personnels.",
    "Des contacts ponctuels entre l'éducateur et la Mission Locale, sans rencontre régulière.",
    "Une réunion mensuelle en mairie ; les orientations sont suivies mais pas toujours tracées.",
    "Une équipe de suivi se réunit chaque mois, avec des outils partagés et des actions communes.",
]
OUTREACH = [
    "Présence éducative de rue l'après-midi ; rien le soir.",
    "Maraudes du soir deux fois par semaine, camion le samedi.",
    "Informations en mairie, au marché et à la salle de sport, relais par les familles.",
]
RESOURCE_PEOPLE = [
    ("Karine Lemaire", "Principale adjointe", "Collège Jean-Jaurès"),
    ("Olivier Renaud", "Éducateur sportif", "Club de football du quartier"),
    ("Samira Belhadj", "Conseillère sociale", "Bailleur social"),
    ("Denis Marchal", "Adjoint à la jeunesse", "Mairie"),
    ("Aïcha Konaté", "Médiatrice santé", "Maison de santé"),
    ("Hélène Voisin", "Bibliothécaire jeunesse", "Médiathèque"),
]
REDONE = {"76540", "76575", "76231", "76681", "76157"}


def _diagnostics(ctx: DemoContext) -> None:
    rng, programme = ctx.rng, ctx.programme
    zones = {
        p.structure_id: {c.code for c in p.zone_communes.all()}
        for p in programme.participations.prefetch_related("zone_communes")
    }
    authors = [coordinator(ctx, "lead"), coordinator(ctx, "csoc")]
    for code, commune in sorted(ctx.communes.items(), key=lambda item: item[1].name):
        area = DiagnosticArea.objects.create(programme=programme, name=commune.name)
        area.communes.set([commune])
        present = [s for s in ctx.structures.values() if code in zones.get(s.pk, set())]
        score = rng.randint(1, 3)
        versions = 2 if code in REDONE else 1
        for version in range(1, versions + 1):
            author = authors[version - 1]
            done_on = ctx.today - datetime.timedelta(
                days=rng.randint(300, 340) if version == 1 else rng.randint(20, 60)
            )
            diagnostic = TerritorialDiagnostic.objects.create(
                area=area,
                version=version,
                done_on=done_on,
                other_actors="\n".join(rng.sample(OTHER_ACTORS, 3 + version)),
                actions="\n".join(rng.sample(ACTIONS, 1 + version)),
                partnership=PARTNERSHIP[min(score, 4) - 1],
                mesh_score=score,
                needs="\n".join(rng.sample(NEEDS, 3 - version + 1)),
                outreach_practices=OUTREACH[min(version + rng.randint(0, 1), 2)],
                author=author.user,
                author_structure=author.structure,
            )
            diagnostic.structures.set(present if version > 1 else present[:-1] or present)
            people = rng.sample(RESOURCE_PEOPLE, rng.randint(1, 2) + version)
            ResourcePerson.objects.bulk_create(
                ResourcePerson(
                    diagnostic=diagnostic,
                    name=name,
                    role=role,
                    organisation=f"{organisation} ({commune.name})",
                    phone=f"02 35 {rng.randint(10, 99)} {rng.randint(10, 99)} "
                    f"{rng.randint(10, 99)}",
                )
                for name, role, organisation in people
            )
            score = min(5, score + rng.randint(1, 2))
