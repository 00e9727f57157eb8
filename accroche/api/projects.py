"""Follow-up teams, calls for projects, projects, decisions and reports: the same access
rules and domain functions as the pages. Mounted under /projects."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from accroche.access.permissions import Perm
from accroche.api.auth import actor_of
from accroche.api.inputs import decimal_of
from accroche.organisations.models import Structure
from accroche.organisations.programmes import get_programme
from accroche.phones import Phone
from accroche.projects.calls import (
    do_create_call,
    do_decide,
    do_propose_project,
    do_report,
    do_update_call,
    do_update_project,
    get_call,
    get_project,
    projects_visible_to,
    with_content,
)
from accroche.projects.indicators import Rollup, call_rollup, programme_rollup
from accroche.projects.models import Call, FollowUpTeam, Project, ProjectReport, TeamMember
from accroche.projects.teams import do_create_team, do_update_team, get_team, teams_of
from accroche.territory.models import Commune, Theme

router = Router(tags=["Équipes et appels à projets"])


def _commune(code: str) -> Commune:
    commune = Commune.objects.filter(code=code).first()
    if commune is None:
        raise ValidationError({"commune": _("Commune inconnue (code INSEE attendu).")})
    return commune


# --- teams ---------------------------------------------------------------------------------


class MemberSchema(Schema):
    structure_id: int
    name: str = Field(max_length=200)
    role: str = Field(max_length=200)
    phone: Phone = ""
    email: str = Field("", max_length=254)
    availability: str = Field("", max_length=200)
    is_public: bool = False


class TeamOut(Schema):
    id: int
    programme_id: int
    commune: str = Field(description="Code INSEE")
    name: str
    meets: str
    members: list[MemberSchema]

    @staticmethod
    def resolve_commune(obj: FollowUpTeam) -> str:
        return obj.commune.code

    @staticmethod
    def resolve_members(obj: FollowUpTeam) -> list[TeamMember]:
        return list(obj.members.all())


class TeamIn(Schema):
    commune: str = Field(description="Code INSEE")
    name: str = Field(max_length=200)
    meets: str = Field("", max_length=200)
    members: list[MemberSchema] = []


def _members(rows: list[MemberSchema]) -> list[dict[str, Any]]:
    structures = Structure.objects.in_bulk([r.structure_id for r in rows])
    return [r.model_dump() | {"structure": structures.get(r.structure_id)} for r in rows]


@router.get("/programmes/{programme_id}/teams", response=list[TeamOut], summary="Équipes")
def list_teams(request: HttpRequest, programme_id: int) -> Any:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    return list(teams_of(get_programme(actor, programme_id)))


@router.post(
    "/programmes/{programme_id}/teams", response={201: TeamOut}, summary="Créer une équipe"
)
def create_team(request: HttpRequest, programme_id: int, payload: TeamIn) -> Any:
    actor = actor_of(request)
    programme = get_programme(actor, programme_id, edit=True)
    data = payload.model_dump() | {"commune": _commune(payload.commune)}
    team = do_create_team(actor, programme, data)
    do_update_team(actor, team, data, _members(payload.members))
    return Status(201, get_team(actor, team.pk))


@router.get("/teams/{team_id}", response=TeamOut, summary="Une équipe")
def read_team(request: HttpRequest, team_id: int) -> Any:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    return get_team(actor, team_id)


@router.put("/teams/{team_id}", response=TeamOut, summary="Modifier une équipe et ses membres")
def update_team(request: HttpRequest, team_id: int, payload: TeamIn) -> Any:
    actor = actor_of(request)
    team = get_team(actor, team_id)
    data = payload.model_dump() | {"commune": _commune(payload.commune)}
    do_update_team(actor, team, data, _members(payload.members))
    return get_team(actor, team_id)


# --- calls and projects --------------------------------------------------------------------


class RollupOut(Schema):
    proposed: int
    retained: int
    not_retained: int
    pending: int
    asked: Decimal
    granted: Decimal
    co_funding: Decimal
    target_youths: int
    target_actions: int
    youths_reached: int
    actions_done: int
    spent: Decimal


def _rollup(r: Rollup) -> dict[str, Any]:
    return {
        **{k: getattr(r, k) for k in RollupOut.model_fields if hasattr(r, k)},
        "youths_reached": r.reported.youths_reached,
        "actions_done": r.reported.actions_done,
        "spent": r.reported.spent,
    }


class CallOut(Schema):
    id: int
    programme_id: int
    title: str
    description: str
    opens_on: date
    closes_on: date
    budget: Decimal


CallBudget = decimal_of(Call, "budget")


class CallIn(Schema):
    title: str = Field(max_length=200)
    description: str = ""
    opens_on: date
    closes_on: date
    budget: CallBudget  # type: ignore[valid-type]


class CallPatch(Schema):
    title: str | None = Field(None, max_length=200)
    description: str | None = None
    opens_on: date | None = None
    closes_on: date | None = None
    budget: CallBudget | None = None  # type: ignore[valid-type]


class ReportSchema(Schema):
    period_start: date
    period_end: date
    youths_reached: int = Field(0, ge=0)
    actions_done: int = Field(0, ge=0)
    spent: decimal_of(ProjectReport, "spent") = Decimal("0")  # type: ignore[valid-type]
    note: str = ""


class ProjectOut(Schema):
    id: int
    call_id: int
    holder_id: int
    title: str
    summary: str
    communes: list[str]
    themes: list[str]
    budget_asked: Decimal
    co_funding: Decimal
    co_funders: str
    target_youths: int
    target_actions: int
    decision: str = Field(description="pending, retained ou not_retained")
    amount_granted: Decimal | None
    decided_on: date | None
    reports: list[ReportSchema]

    @staticmethod
    def resolve_communes(obj: Project) -> list[str]:
        return [c.code for c in obj.communes.all()]

    @staticmethod
    def resolve_themes(obj: Project) -> list[str]:
        return [t.value for t in obj.themes.all()]

    @staticmethod
    def resolve_reports(obj: Project) -> list[Any]:
        return list(obj.reports.all())


class ProjectIn(Schema):
    holder_id: int | None = Field(None, description="Par défaut : ma structure")
    title: str = Field(max_length=200)
    summary: str
    communes: list[str] = Field(description="Codes INSEE")
    themes: list[str] = Field([], description="Valeurs data·inclusion")
    budget_asked: decimal_of(Project, "budget_asked")  # type: ignore[valid-type]
    co_funding: decimal_of(Project, "co_funding") = Decimal("0")  # type: ignore[valid-type]
    co_funders: str = Field("", max_length=300)
    target_youths: int = Field(0, ge=0)
    target_actions: int = Field(0, ge=0)


class ProjectDecisionIn(Schema):
    decision: str = Field(description="retained ou not_retained")
    amount_granted: decimal_of(Project, "amount_granted") | None = None  # type: ignore[valid-type]
    note: str = ""


class CallDetailOut(CallOut):
    rollup: RollupOut
    projects: list[ProjectOut]


def _project_data(payload: ProjectIn) -> dict[str, Any]:
    data = payload.model_dump()
    communes = list(Commune.objects.filter(code__in=data["communes"]))
    if len(communes) != len(set(data["communes"])):
        raise ValidationError({"communes": _("Commune inconnue (code INSEE attendu).")})
    themes = list(Theme.objects.filter(value__in=data["themes"]))
    if len(themes) != len(set(data["themes"])):
        raise ValidationError({"themes": _("Thématique inconnue.")})
    holder_id = data.pop("holder_id")
    if holder_id is not None:
        holder = Structure.objects.filter(pk=holder_id).first()
        if holder is None:
            raise ValidationError({"holder": _("Structure inconnue.")})
        data["holder"] = holder
    return data | {"communes": communes, "themes": themes}


@router.get("/programmes/{programme_id}/calls", response=list[CallOut], summary="Appels")
def list_calls(request: HttpRequest, programme_id: int) -> Any:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    return list(Call.objects.filter(programme=get_programme(actor, programme_id)))


@router.get(
    "/programmes/{programme_id}/indicators",
    response=RollupOut,
    summary="Ce que les projets apportent au dispositif",
)
def programme_indicators(request: HttpRequest, programme_id: int) -> Any:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    return _rollup(programme_rollup(get_programme(actor, programme_id)))


@router.post("/programmes/{programme_id}/calls", response={201: CallOut}, summary="Ouvrir un appel")
def create_call(request: HttpRequest, programme_id: int, payload: CallIn) -> Any:
    actor = actor_of(request)
    programme = get_programme(actor, programme_id, edit=True)
    return Status(201, do_create_call(actor, programme, payload.model_dump()))


@router.get("/calls/{call_id}", response=CallDetailOut, summary="Un appel, ses projets")
def read_call(request: HttpRequest, call_id: int) -> Any:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    call = get_call(actor, call_id)
    return {
        **CallOut.from_orm(call).model_dump(),
        "rollup": _rollup(call_rollup(call)),
        "projects": list(with_content(projects_visible_to(actor).filter(call=call))),
    }


@router.patch("/calls/{call_id}", response=CallOut, summary="Modifier un appel")
def update_call(request: HttpRequest, call_id: int, payload: CallPatch) -> Any:
    actor = actor_of(request)
    call = get_call(actor, call_id, edit=True)
    data = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    do_update_call(actor, call, data)
    return call


@router.post("/calls/{call_id}/projects", response={201: ProjectOut}, summary="Déposer un projet")
def propose(request: HttpRequest, call_id: int, payload: ProjectIn) -> Any:
    actor = actor_of(request)
    project = do_propose_project(actor, get_call(actor, call_id), _project_data(payload))
    return Status(201, get_project(actor, project.pk))


@router.get("/{project_id}", response=ProjectOut, summary="Un projet")
def read_project(request: HttpRequest, project_id: int) -> Any:
    return get_project(actor_of(request), project_id)


@router.put("/{project_id}", response=ProjectOut, summary="Modifier un projet en attente")
def update_project(request: HttpRequest, project_id: int, payload: ProjectIn) -> Any:
    actor = actor_of(request)
    project = get_project(actor, project_id)
    data = _project_data(payload)
    data.pop("holder", None)
    do_update_project(actor, project, data)
    return get_project(actor, project_id)


@router.post("/{project_id}/decision", response=ProjectOut, summary="Décider (retenu ou non)")
def decide(request: HttpRequest, project_id: int, payload: ProjectDecisionIn) -> Any:
    actor = actor_of(request)
    project = get_project(actor, project_id)
    do_decide(
        actor,
        project,
        payload.decision,
        amount_granted=payload.amount_granted,
        note=payload.note,
    )
    return get_project(actor, project_id)


@router.post("/{project_id}/reports", response={201: ReportSchema}, summary="Déclarer un bilan")
def report(request: HttpRequest, project_id: int, payload: ReportSchema) -> Any:
    actor = actor_of(request)
    return Status(201, do_report(actor, get_project(actor, project_id), payload.model_dump()))
