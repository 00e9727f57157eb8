"""Recording the daily follow-up of a young person: exchanges, the action plan,
appointments, workshop registrations and company immersions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accroche.followup.actions import (
    do_add_action,
    do_move_action,
    get_action,
    owner_candidates,
)
from accroche.followup.appointments import do_plan_appointment, do_record_outcome, get_appointment
from accroche.followup.immersions import do_add_immersion, do_review_immersion, get_immersion
from accroche.followup.interactions import do_record_interaction
from accroche.followup.workshops import do_register, get_session
from accroche.organisations.models import Structure
from accroche.territory.models import Service, ThemeCategory
from accroche.www.followup_views.common import form_page, page_url
from accroche.www.followup_views.forms import (
    ActionForm,
    AppointmentForm,
    ImmersionForm,
    InteractionForm,
    ReviewForm,
)
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.youth.access import get_youth
from accroche.youth.diagnostics import barrier_categories
from accroche.youth.enrolments import enrolment_programmes
from accroche.youth.models import Enrolment, Phase, Youth


def _open_enrolments(youth: Youth) -> QuerySet[Enrolment]:
    return youth.enrolments.exclude(phase=Phase.EXITED).select_related("programme")


def interaction_create(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    form = InteractionForm(request.POST or None, enrolments=_open_enrolments(youth))
    if request.method == "POST" and form.is_valid():
        try:
            do_record_interaction(actor, youth, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Échange noté."))
            return redirect(page_url(pk, "echanges"))
    return form_page(
        request,
        form,
        title=_("Noter un échange avec %(name)s") % {"name": youth.display_name},
        submit=_("Enregistrer l'échange"),
        back=page_url(pk, "echanges"),
        youth=youth,
    )


def _categories() -> list[ThemeCategory]:
    barriers = barrier_categories()
    others = ThemeCategory.objects.exclude(pk__in=[c.pk for c in barriers]).order_by("label")
    return [*barriers, *others]


def action_create(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    partners = Structure.objects.filter(
        is_active=True, participations__programme__in=enrolment_programmes(actor)
    ).distinct()
    form = ActionForm(
        request.POST or None,
        initial={"owner": actor.membership},
        enrolments=_open_enrolments(youth),
        categories=_categories(),
        owners=owner_candidates(youth),
        partners=partners,
        services=Service.objects.filter(structure__in=partners).select_related("structure"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_add_action(actor, youth, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Action ajoutée au plan."))
            return redirect(page_url(pk, "plan"))
    return form_page(
        request,
        form,
        title=_("Ajouter une action au plan de %(name)s") % {"name": youth.display_name},
        submit=_("Ajouter l'action"),
        back=page_url(pk, "plan"),
        youth=youth,
    )


@require_POST
def action_move(request: AccrocheRequest, pk: int, action_pk: int, act: str) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    try:
        do_move_action(actor, get_action(youth, action_pk), act)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Plan d'action mis à jour."))
    return redirect(page_url(pk, "plan"))


def appointment_create(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    form = AppointmentForm(
        request.POST or None,
        initial={"with_whom": actor.user.get_full_name()},
        enrolments=_open_enrolments(youth),
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_plan_appointment(actor, youth, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Rendez-vous prévu."))
            return redirect(page_url(pk, "rendez-vous"))
    return form_page(
        request,
        form,
        title=_("Prévoir un rendez-vous avec %(name)s") % {"name": youth.display_name},
        submit=_("Prévoir le rendez-vous"),
        back=page_url(pk, "rendez-vous"),
        youth=youth,
    )


@require_POST
def appointment_outcome(
    request: AccrocheRequest, pk: int, appointment_pk: int, outcome: str
) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    try:
        do_record_outcome(actor, get_appointment(youth, appointment_pk), outcome)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Issue du rendez-vous notée."))
    return redirect(page_url(pk, "rendez-vous"))


@require_POST
def register(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    session_pk = request.POST.get("session", "")
    if not session_pk.isdigit():
        messages.error(request, _("Choisissez une séance."))
        return redirect(page_url(pk, "ateliers"))
    try:
        do_register(actor, youth, get_session(actor, int(session_pk)))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Inscription enregistrée."))
    return redirect(page_url(pk, "ateliers"))


def immersion_create(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    form = ImmersionForm(request.POST or None, enrolments=_open_enrolments(youth))
    if request.method == "POST" and form.is_valid():
        try:
            do_add_immersion(actor, youth, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Immersion enregistrée."))
            return redirect(page_url(pk, "immersions"))
    return form_page(
        request,
        form,
        title=_("Immersion en entreprise de %(name)s") % {"name": youth.display_name},
        intro=_("Une période de mise en situation en milieu professionnel dure un mois au plus."),
        submit=_("Enregistrer l'immersion"),
        back=page_url(pk, "immersions"),
        youth=youth,
    )


def immersion_review(request: AccrocheRequest, pk: int, immersion_pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    immersion = get_immersion(youth, immersion_pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_review_immersion(
                actor, immersion, form.cleaned_data["review"], form.cleaned_data["review_note"]
            )
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Bilan enregistré."))
            return redirect(page_url(pk, "immersions"))
    return form_page(
        request,
        form,
        title=_("Bilan de l'immersion chez %(company)s") % {"company": immersion.company},
        submit=_("Enregistrer le bilan"),
        back=page_url(pk, "immersions"),
        youth=youth,
    )
