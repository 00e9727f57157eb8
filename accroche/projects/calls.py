"""Calls for projects and the projects proposed to them.

The coordinator of the programme's lead structure opens calls and decides; a member of a
structure taking part whose role may propose projects (a coordinator, a partner) proposes
projects for it and edits them until the decision; retained projects report their
figures. Who sees a project: the lead structure, the holder, and — once retained —
everyone taking part in the programme.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.organisations.models import Participation, Programme, Structure
from accroche.organisations.programmes import (
    can_edit_programme,
    programmes_visible_to,
    require_edit,
)
from accroche.projects.models import Call, Decision, Project, ProjectReport
from accroche.territory.lookup import commune_label
from accroche.territory.models import Commune, Theme

CALL_FIELDS = ("title", "description", "opens_on", "closes_on", "budget")
PROJECT_FIELDS = (
    "title",
    "summary",
    "budget_asked",
    "co_funding",
    "co_funders",
    "target_youths",
    "target_actions",
)
REPORT_FIELDS = ("period_start", "period_end", "youths_reached", "actions_done", "spent", "note")


def _money(value: Decimal | None) -> str:
    return f"{value or 0:,.2f}".replace(",", "\u202f").replace(".", ",") + " €"


# --- calls ---------------------------------------------------------------------------------


def calls_visible_to(actor: Actor) -> QuerySet[Call]:
    return Call.objects.filter(programme__in=programmes_visible_to(actor))


def get_call(actor: Actor, pk: int, *, edit: bool = False) -> Call:
    call = calls_visible_to(actor).select_related("programme").filter(pk=pk).first()
    if call is None or (edit and not can_edit_programme(actor, call.programme)):
        raise Http404
    return call


def granted_total(call: Call, *, exclude: Project | None = None) -> Decimal:
    qs = call.projects.filter(decision=Decision.RETAINED)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.aggregate(total=Sum("amount_granted"))["total"] or Decimal("0")


def _check_call(programme: Programme, values: Mapping[str, Any], call: Call | None) -> None:
    errors: dict[str, str] = {}
    title = values.get("title") or ""
    if not title:
        errors["title"] = _("Donnez un titre à l'appel à projets.")
    else:
        same = programme.calls.filter(title__iexact=title)
        if call is not None:
            same = same.exclude(pk=call.pk)
        if same.exists():
            errors["title"] = _("Un appel à projets du dispositif porte déjà ce titre.")
    opens, closes = values.get("opens_on"), values.get("closes_on")
    if opens is None:
        errors["opens_on"] = _("Indiquez la date d'ouverture.")
    if closes is None:
        errors["closes_on"] = _("Indiquez la date de clôture.")
    elif opens is not None and closes < opens:
        errors["closes_on"] = _("La clôture doit suivre l'ouverture.")
    budget = values.get("budget")
    if budget is None or budget <= 0:
        errors["budget"] = _("Indiquez l'enveloppe de l'appel, en euros.")
    elif call is not None and budget < granted_total(call):
        errors["budget"] = _(
            "%(granted)s sont déjà accordés : l'enveloppe ne peut pas être plus petite."
        ) % {"granted": _money(granted_total(call))}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_call(actor: Actor, programme: Programme, data: Mapping[str, Any]) -> Call:
    require_edit(actor, programme)
    values = {f: data.get(f) for f in CALL_FIELDS}
    values["title"] = (values["title"] or "").strip()
    values["description"] = (values["description"] or "").strip()
    _check_call(programme, values, None)
    return Call.objects.create(programme=programme, **values)


@transaction.atomic
def do_update_call(actor: Actor, call: Call, data: Mapping[str, Any]) -> list[str]:
    require_edit(actor, call.programme)
    Call.objects.select_for_update().filter(pk=call.pk).first()
    values = {f: getattr(call, f) for f in CALL_FIELDS} | {
        f: data[f] for f in CALL_FIELDS if f in data
    }
    values["title"] = (values["title"] or "").strip()
    values["description"] = (values["description"] or "").strip()
    _check_call(call.programme, values, call)
    changed = [f for f in CALL_FIELDS if getattr(call, f) != values[f]]
    for field in changed:
        setattr(call, field, values[field])
    if changed:
        call.save(update_fields=changed)
    return changed


def is_open(call: Call, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return call.opens_on <= today <= call.closes_on


# --- projects: who sees and changes which --------------------------------------------------


def projects_visible_to(actor: Actor) -> QuerySet[Project]:
    programmes = programmes_visible_to(actor)
    led = Q(call__programme__lead_structure_id=actor.structure_id)
    return Project.objects.filter(call__programme__in=programmes).filter(
        led | Q(holder_id=actor.structure_id) | Q(decision=Decision.RETAINED)
    )


def with_content(qs: QuerySet[Project]) -> QuerySet[Project]:
    return qs.select_related("call", "call__programme", "holder").prefetch_related(
        Prefetch("communes", queryset=Commune.objects.order_by("name")),
        Prefetch("themes", queryset=Theme.objects.select_related("category")),
        Prefetch("reports", queryset=ProjectReport.objects.select_related("reported_by")),
    )


def get_project(actor: Actor, pk: int) -> Project:
    project = with_content(projects_visible_to(actor)).filter(pk=pk).first()
    if project is None:
        raise Http404
    return project


def can_propose(actor: Actor, call: Call) -> bool:
    if not actor.can(Perm.PROPOSE_PROJECTS):
        return False
    if can_edit_programme(actor, call.programme):
        return True
    return is_open(call) and proposing_structures(actor, call).exists()


def proposing_structures(actor: Actor, call: Call) -> QuerySet[Structure]:
    """Who a project may be proposed for: the actor's own structure, or — for the lead
    coordinator — any operational structure of the programme."""
    if not actor.can(Perm.PROPOSE_PROJECTS):
        return Structure.objects.none()
    taking_part = Participation.objects.filter(programme=call.programme).exclude(
        kind=Participation.Kind.EVALUATOR
    )
    qs = Structure.objects.filter(pk__in=taking_part.values("structure_id"), is_active=True)
    if can_edit_programme(actor, call.programme):
        return qs
    return qs.filter(pk=actor.structure_id)


def can_edit_project(actor: Actor, project: Project) -> bool:
    if project.decision != Decision.PENDING or not actor.can(Perm.PROPOSE_PROJECTS):
        return False
    return project.holder_id == actor.structure_id or can_edit_programme(
        actor, project.call.programme
    )


def can_report(actor: Actor, project: Project) -> bool:
    if project.decision != Decision.RETAINED or not actor.can(Perm.PROPOSE_PROJECTS):
        return False
    return project.holder_id == actor.structure_id or can_edit_programme(
        actor, project.call.programme
    )


# --- projects: changes ---------------------------------------------------------------------


def _check_project(call: Call, values: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    if not values.get("title"):
        errors["title"] = _("Donnez un titre au projet.")
    if not values.get("summary"):
        errors["summary"] = _("Décrivez le projet en quelques lignes.")
    communes = values.get("communes") or []
    territory = set(call.programme.communes.values_list("pk", flat=True))
    outside = [c for c in communes if territory and c.pk not in territory]
    if not communes:
        errors["communes"] = _("Indiquez au moins une commune où le projet agit.")
    elif outside:
        errors["communes"] = _(
            "Ces communes ne sont pas dans le territoire du dispositif : %(names)s."
        ) % {"names": ", ".join(commune_label(c) for c in outside)}
    asked = values.get("budget_asked")
    if asked is None or asked <= 0:
        errors["budget_asked"] = _("Indiquez le montant demandé, en euros.")
    elif asked > call.budget:
        errors["budget_asked"] = _(
            "Le montant demandé dépasse l'enveloppe de l'appel (%(budget)s)."
        ) % {"budget": _money(call.budget)}
    if (values.get("co_funding") or 0) < 0:
        errors["co_funding"] = _("Les cofinancements ne peuvent pas être négatifs.")
    for field in ("target_youths", "target_actions"):
        if (values.get(field) or 0) < 0:
            errors[field] = _("Un objectif ne peut pas être négatif.")
    if errors:
        raise ValidationError(errors)


def _project_values(data: Mapping[str, Any], base: Mapping[str, Any]) -> dict[str, Any]:
    values = dict(base) | {f: data[f] for f in (*PROJECT_FIELDS, "communes", "themes") if f in data}
    for field in ("title", "summary", "co_funders"):
        values[field] = (values.get(field) or "").strip()
    values["co_funding"] = values.get("co_funding") or Decimal("0")
    for field in ("target_youths", "target_actions"):
        values[field] = values.get(field) or 0
    values["communes"] = list(dict.fromkeys(values.get("communes") or []))
    values["themes"] = list(dict.fromkeys(values.get("themes") or []))
    return values


@transaction.atomic
def do_propose_project(actor: Actor, call: Call, data: Mapping[str, Any]) -> Project:
    if not actor.can(Perm.PROPOSE_PROJECTS):
        raise Http404
    holder = data.get("holder") or actor.structure
    allowed = proposing_structures(actor, call)
    if not allowed.filter(pk=holder.pk).exists():
        if holder.pk == actor.structure_id:
            raise Http404
        raise ValidationError({"holder": _("Choisissez une structure du dispositif.")})
    if not is_open(call) and not can_edit_programme(actor, call.programme):
        raise ValidationError(
            _("Cet appel est clos depuis le %(date)s : les candidatures ne sont plus reçues.")
            % {"date": call.closes_on.strftime("%d/%m/%Y")}
            if call.closes_on < timezone.localdate()
            else _("Cet appel ouvre le %(date)s.") % {"date": call.opens_on.strftime("%d/%m/%Y")}
        )
    values = _project_values(data, {})
    _check_project(call, values)
    project = Project.objects.create(
        call=call,
        holder=holder,
        proposed_by=actor.user,
        **{f: values[f] for f in PROJECT_FIELDS},
    )
    project.communes.set(values["communes"])
    project.themes.set(values["themes"])
    return project


@transaction.atomic
def do_update_project(actor: Actor, project: Project, data: Mapping[str, Any]) -> list[str]:
    if not can_edit_project(actor, project):
        if project.decision != Decision.PENDING and (
            project.holder_id == actor.structure_id
            or can_edit_programme(actor, project.call.programme)
        ):
            raise ValidationError(_("La décision est prise : le projet ne se modifie plus."))
        raise Http404
    base = {f: getattr(project, f) for f in PROJECT_FIELDS}
    base |= {"communes": list(project.communes.all()), "themes": list(project.themes.all())}
    values = _project_values(data, base)
    _check_project(project.call, values)
    changed = [f for f in PROJECT_FIELDS if getattr(project, f) != values[f]]
    for field in changed:
        setattr(project, field, values[field])
    if changed:
        project.save(update_fields=changed)
    for field in ("communes", "themes"):
        if {o.pk for o in base[field]} != {o.pk for o in values[field]}:
            getattr(project, field).set(values[field])
            changed.append(field)
    return changed


@transaction.atomic
def do_decide(
    actor: Actor,
    project: Project,
    decision: str,
    *,
    amount_granted: Decimal | None = None,
    note: str = "",
) -> Project:
    """The named transition pending → retained (with an amount) or not retained."""
    require_edit(actor, project.call.programme)
    # Lock the call: two decisions at once must not overrun its budget together.
    call = Call.objects.select_for_update().get(pk=project.call_id)
    current = Project.objects.select_for_update().get(pk=project.pk)
    if current.decision != Decision.PENDING:
        raise ValidationError(
            _("Ce projet a déjà reçu une décision (%(decision)s).")
            % {"decision": current.get_decision_display().lower()}
        )
    if decision == Decision.RETAINED:
        if amount_granted is None or amount_granted <= 0:
            raise ValidationError({"amount_granted": _("Indiquez le montant accordé.")})
        if amount_granted > current.budget_asked:
            raise ValidationError(
                {
                    "amount_granted": _(
                        "Le montant accordé ne peut pas dépasser le montant demandé (%(asked)s)."
                    )
                    % {"asked": _money(current.budget_asked)}
                }
            )
        already = granted_total(call)
        if already + amount_granted > call.budget:
            raise ValidationError(
                {
                    "amount_granted": _(
                        "L'enveloppe de l'appel est de %(budget)s et %(granted)s sont déjà "
                        "accordés : il reste %(left)s."
                    )
                    % {
                        "budget": _money(call.budget),
                        "granted": _money(already),
                        "left": _money(call.budget - already),
                    }
                }
            )
    elif decision == Decision.NOT_RETAINED:
        amount_granted = None
    else:
        raise ValidationError({"decision": _("Choisissez : retenu ou non retenu.")})
    project.decision = current.decision = decision
    project.amount_granted = amount_granted
    project.decision_note = note.strip()
    project.decided_on = timezone.localdate()
    project.decided_by = actor.user
    project.save(
        update_fields=["decision", "amount_granted", "decision_note", "decided_on", "decided_by"]
    )
    return project


@transaction.atomic
def do_report(actor: Actor, project: Project, data: Mapping[str, Any]) -> ProjectReport:
    """Figures for one period; periods of a project never overlap (no double count)."""
    if not can_report(actor, project):
        if project.decision != Decision.RETAINED and project.holder_id == actor.structure_id:
            raise ValidationError(_("Seul un projet retenu fait un bilan."))
        raise Http404
    Project.objects.select_for_update().filter(pk=project.pk).first()
    values: dict[str, Any] = {f: data.get(f) for f in REPORT_FIELDS}
    errors: dict[str, str] = {}
    start, end = values["period_start"], values["period_end"]
    if start is None:
        errors["period_start"] = _("Indiquez le début de la période.")
    if end is None:
        errors["period_end"] = _("Indiquez la fin de la période.")
    if start is not None and end is not None:
        if end < start:
            errors["period_end"] = _("La fin de la période doit suivre son début.")
        elif start > timezone.localdate():
            errors["period_start"] = _("La période ne peut pas commencer dans le futur.")
        else:
            overlap = project.reports.filter(period_start__lte=end, period_end__gte=start).first()
            if overlap is not None:
                errors["period_start"] = _(
                    "Un bilan couvre déjà une partie de cette période (du %(start)s au %(end)s)."
                ) % {
                    "start": overlap.period_start.strftime("%d/%m/%Y"),
                    "end": overlap.period_end.strftime("%d/%m/%Y"),
                }
    for field in ("youths_reached", "actions_done", "spent"):
        number = values[field]
        if number is None:
            values[field] = 0
        elif number < 0:
            errors[field] = _("Un nombre positif ou zéro.")
    if errors:
        raise ValidationError(errors)
    return ProjectReport.objects.create(
        project=project,
        reported_by=actor.user,
        reported_by_structure_id=actor.structure_id,
        note=(values.pop("note") or "").strip(),
        **values,
    )
