"""Hand-offs (sender and receiving sides), exits and their follow-up, reminders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accroche.access.permissions import Perm
from accroche.followup.common import acts_from, one
from accroche.followup.exits import do_record_exit, do_record_followup
from accroche.followup.handoffs import (
    RECEIVER_ACTS,
    TRANSITIONS,
    do_move_handoff,
    do_propose_handoff,
    do_record_check,
    get_handoff,
    get_received_handoff,
    is_late,
    read_received,
    received_handoffs,
)
from accroche.followup.models import Outcome
from accroche.followup.reminders import do_close_reminder
from accroche.organisations.models import Structure
from accroche.www.followup_views.common import form_page, page_url
from accroche.www.followup_views.forms import CheckForm, ExitForm, FollowUpForm, HandOffForm
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.youth.access import get_youth
from accroche.youth.enrolments import editable_programme_ids
from accroche.youth.models import Phase


def handoff_create(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    form = HandOffForm(
        request.POST or None,
        enrolments=youth.enrolments.exclude(phase=Phase.EXITED).select_related("programme"),
        structures=Structure.objects.filter(is_active=True).exclude(pk=actor.structure_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_propose_handoff(actor, youth, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Relais proposé. Envoyez-le quand le jeune est d'accord."))
            return redirect(page_url(pk, "relais"))
    return form_page(
        request,
        form,
        title=_("Proposer un relais pour %(name)s") % {"name": youth.display_name},
        submit=_("Proposer le relais"),
        back=page_url(pk, "relais"),
        youth=youth,
    )


@require_POST
def handoff_move(request: AccrocheRequest, pk: int, handoff_pk: int, act: str) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    try:
        do_move_handoff(
            actor, get_handoff(youth, handoff_pk), act, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Relais mis à jour."))
    return redirect(page_url(pk, "relais"))


@require_POST
def handoff_check(
    request: AccrocheRequest, pk: int, handoff_pk: int, milestone: int
) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    form = CheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez où en est le relais."))
        return redirect(page_url(pk, "relais"))
    try:
        do_record_check(
            actor,
            get_handoff(youth, handoff_pk),
            milestone,
            form.cleaned_data["situation"],
            form.cleaned_data["note"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Point enregistré."))
    return redirect(page_url(pk, "relais"))


def received(request: AccrocheRequest) -> HttpResponse:
    """What became of the hand-offs sent to the actor's structure."""
    actor = actor_of(request)
    actor.require(Perm.RECEIVE_HANDOFFS)
    handoffs, visible = read_received(
        actor,
        received_handoffs(actor)
        .select_related("youth", "created_by_structure", "enrolment__programme")
        .order_by("-sent_on", "-pk")[:200],
        log_youths=True,
    )
    rows = [
        {
            "handoff": h,
            "named": h.youth_id in visible,
            "acts": [
                (act, str(RECEIVER_ACTS[act]))
                for act, _label in acts_from(TRANSITIONS, h.status)
                if act in RECEIVER_ACTS
            ],
            "late": is_late(h),
        }
        for h in handoffs
    ]
    return render(
        request,
        "followup/received.html",
        {"waiting": [r for r in rows if r["acts"]], "done": [r for r in rows if not r["acts"]]},
    )


@require_POST
def received_move(request: AccrocheRequest, handoff_pk: int, act: str) -> HttpResponse:
    actor = actor_of(request)
    handoff = get_received_handoff(actor, handoff_pk)
    if act not in RECEIVER_ACTS:
        messages.error(request, _("Cette étape se note du côté de la structure qui envoie."))
        return redirect("followup:received")
    try:
        do_move_handoff(actor, handoff, act, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Réponse enregistrée."))
    return redirect("followup:received")


def exit_create(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    enrolments = (
        youth.enrolments.exclude(phase=Phase.EXITED)
        .filter(programme_id__in=editable_programme_ids(actor))
        .select_related("programme")
    )
    form = ExitForm(request.POST or None, enrolments=enrolments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_record_exit(actor, youth, data["enrolment"], data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Sortie enregistrée : le parcours est clos."))
            return redirect(page_url(pk, "sortie"))
    return form_page(
        request,
        form,
        title=_("Sortie de %(name)s") % {"name": youth.display_name},
        intro=_("Les financeurs comptent les sorties : choisissez la situation la plus juste."),
        submit=_("Enregistrer la sortie"),
        back=page_url(pk, "sortie"),
        youth=youth,
    )


@require_POST
def exit_followup(request: AccrocheRequest, pk: int, outcome_pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    outcome = one(Outcome.objects.filter(youth=youth), outcome_pk)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez la situation du jeune."))
        return redirect(page_url(pk, "sortie"))
    try:
        do_record_followup(
            actor, outcome, form.cleaned_data["situation"], form.cleaned_data["note"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Nouvelles à 6 mois enregistrées."))
    return redirect(page_url(pk, "sortie"))


@require_POST
def reminder_done(request: AccrocheRequest, reminder_pk: int) -> HttpResponse:
    actor = actor_of(request)
    do_close_reminder(actor, reminder_pk)
    messages.success(request, _("Rappel fermé."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("www:home")
    return redirect(target)
