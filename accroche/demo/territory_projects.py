"""The demo's follow-up teams (Rouen, Saint-Étienne-du-Rouvray, Elbeuf) and calls for
projects: the first wave closed and decided (six proposals, four retained, with their
figures reported by quarter) and the second wave announced."""

import datetime
from decimal import Decimal

from accroche.access.roles import Role
from accroche.demo.consortium import DemoContext
from accroche.organisations.models import Membership
from accroche.projects.models import (
    Call,
    Decision,
    FollowUpTeam,
    Project,
    ProjectReport,
    TeamMember,
)
from accroche.territory.models import Theme

EVENINGS = "mardi et jeudi 17 h – 20 h, samedi après-midi"
# (commune, team name, when it meets, [(structure key, name, role, public?)])
TEAMS = [
    ("76540", "Équipe de suivi des Hauts de Rouen", "1er mardi du mois, 14 h, au centre social", [
        ("lead", "Karim Haddad", "Médiateur de rue, premier contact", True),
        ("csoc", "Inès Caron", "Référente du centre social", True),
        ("ml", "Claire Dubois", "Conseillère Mission Locale, relais CEJ", True),
        ("lead", "Nadia Benali", "Coordination", False),
    ]),
    ("76575", "Équipe de suivi du Madrillet", "un jeudi sur deux, 10 h, en mairie", [
        ("prev", "Yanis Traoré", "Éducateur de rue", True),
        ("prev", "Sophie Lambert", "Référente de parcours", False),
        ("ml", "Mehdi Rahmani", "Conseiller Mission Locale", True),
        ("lead", "Léa Morel", "Médiatrice, camion du samedi", True),
    ]),
    ("76231", "Équipe de suivi d'Elbeuf", "le dernier vendredi du mois, au PIJ", [
        ("ville", "Patrick Lefèvre", "Animateur du Point information jeunesse", True),
        ("ml", "Claire Dubois", "Conseillère Mission Locale", True),
        ("lead", "Karim Haddad", "Médiateur de rue", False),
    ]),
]  # fmt: skip
# (holder key, title, summary, communes, themes, asked, co-funding, co-funders, targets,
#  granted or None when not retained)
PROJECTS = [
    ("prev", "Chantiers éducatifs d'été au Madrillet",
     "Douze chantiers d'une semaine, payés, avec le bailleur social, pour des jeunes que "
     "personne ne suit ; bilan avec la Mission Locale à la fin de chaque chantier.",
     ["76575", "76498"], ["choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite"],
     "18000", "6000", "Bailleur social", (36, 12), "15000"),
    ("csoc", "Garde d'enfants pour reprendre pied",
     "Dix places de halte-garderie réservées aux jeunes parents pendant leurs rendez-vous et "
     "leurs formations, avec un atelier parents le samedi matin.",
     ["76540", "76095"], ["famille--garde-denfants"], "14000", "3500", "CAF", (20, 40),
     "12000"),
    ("ville", "Foot en soirée au city stade du Puchot",
     "Un créneau encadré le vendredi de 20 h à 23 h, pour rencontrer les jeunes qui ne "
     "viennent dans aucune structure ; un médiateur est présent à chaque séance.",
     ["76231", "76178"], ["remobilisation--activites-sportives-et-culturelles"], "9000", "2000",
     "Ville d'Elbeuf", (40, 30), "9000"),
    ("lead", "Permis solidaire Rive gauche",
     "Code en ligne, heures de conduite et accompagnement vers les zones d'emploi pour 15 "
     "jeunes sans solution de transport.",
     ["76575", "76681", "76484"], ["mobilite--preparer-un-permis"], "16000", "4000",
     "Fondation d'entreprise", (15, 15), "14000"),
    ("csoc", "Web radio des Hauts",
     "Une émission mensuelle préparée et animée par des jeunes du quartier.",
     ["76540"], ["remobilisation--bien-etre-confiance-en-soi"], "11000", "0", "", (12, 10),
     None),
    ("prev", "Séjour de rupture en montagne",
     "Un séjour d'une semaine pour six jeunes en grande difficulté.",
     ["76575"], ["remobilisation--lien-social"], "15000", "1500", "Département", (6, 1),
     None),
]  # fmt: skip


def build(ctx: DemoContext) -> None:
    _teams(ctx)
    _calls(ctx)


def _teams(ctx: DemoContext) -> None:
    for code, name, meets, members in TEAMS:
        team = FollowUpTeam.objects.create(
            programme=ctx.programme, commune=ctx.communes[code], name=name, meets=meets
        )
        TeamMember.objects.bulk_create(
            TeamMember(
                team=team,
                structure=ctx.structures[key],
                name=person,
                role=role,
                phone=f"06 {ctx.rng.randint(10, 99)} {ctx.rng.randint(10, 99)} "
                f"{ctx.rng.randint(10, 99)} {ctx.rng.randint(10, 99)}",
                availability=EVENINGS if public else "",
                is_public=public,
            )
            for key, person, role, public in members
        )


def coordinator(ctx: DemoContext, key: str) -> Membership:
    """The structure's coordinator, else its first member."""
    members = ctx.memberships[key]
    return next((m for m in members if m.role == Role.COORDINATOR), members[0])


def _calls(ctx: DemoContext) -> None:
    today = ctx.today
    lead = coordinator(ctx, "lead")
    first = Call.objects.create(
        programme=ctx.programme,
        title="Appel à projets 2026 – vague 1",
        description=(
            "Des actions locales pour aller vers les jeunes invisibles et répondre à leurs "
            "besoins immédiats : mobilité, garde d'enfants, activités du soir."
        ),
        opens_on=today - datetime.timedelta(days=240),
        closes_on=today - datetime.timedelta(days=190),
        budget=Decimal("60000"),
    )
    Call.objects.create(
        programme=ctx.programme,
        title="Appel à projets 2026 – vague 2",
        description="La deuxième vague, ouverte aux communes sans action retenue en vague 1.",
        opens_on=today + datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=90),
        budget=Decimal("40000"),
    )
    themes = {t.value: t for t in Theme.objects.all()}
    decided_on = today - datetime.timedelta(days=170)
    for key, title, summary, codes, values, asked, co, co_funders, targets, granted in PROJECTS:
        holder = ctx.structures[key]
        project = Project.objects.create(
            call=first,
            holder=holder,
            title=title,
            summary=summary,
            budget_asked=Decimal(asked),
            co_funding=Decimal(co),
            co_funders=co_funders,
            target_youths=targets[0],
            target_actions=targets[1],
            decision=Decision.RETAINED if granted else Decision.NOT_RETAINED,
            amount_granted=Decimal(granted) if granted else None,
            decision_note="" if granted else "Hors des priorités de la vague 1.",
            decided_on=decided_on,
            decided_by=lead.user,
            proposed_by=coordinator(ctx, key).user,
        )
        project.communes.set([ctx.communes[c] for c in codes])
        project.themes.set([themes[v] for v in values if v in themes])
        if granted:
            _reports(ctx, project, decided_on)


def _reports(ctx: DemoContext, project: Project, start: datetime.date) -> None:
    """One report per finished quarter since the decision, figures towards the targets."""
    holder = coordinator(ctx, _key(ctx, project))
    reporter = holder if holder.role == Role.COORDINATOR else coordinator(ctx, "lead")
    reports, begin = [], start
    while begin + datetime.timedelta(days=90) <= ctx.today:
        end = begin + datetime.timedelta(days=89)
        share = ctx.rng.uniform(0.3, 0.5)
        reports.append(
            ProjectReport(
                project=project,
                period_start=begin,
                period_end=end,
                youths_reached=round(project.target_youths * share),
                actions_done=round(project.target_actions * share),
                spent=(
                    (project.amount_granted or Decimal("0")) * Decimal(str(round(share, 2)))
                ).quantize(Decimal("0.01")),
                note="Chiffres relevés sur les feuilles de présence.",
                reported_by=reporter.user,
                reported_by_structure=reporter.structure,
            )
        )
        begin = end + datetime.timedelta(days=1)
    ProjectReport.objects.bulk_create(reports)


def _key(ctx: DemoContext, project: Project) -> str:
    return next(k for k, s in ctx.structures.items() if s.pk == project.holder_id)
