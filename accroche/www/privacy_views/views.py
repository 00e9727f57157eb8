"""The young person's rights on their file: a copy (PDF, JSON), rectification, erasure."""

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.privacy.erasure import do_erase_youth
from accroche.privacy.export import Export, export_for
from accroche.privacy.models import Erasure
from accroche.privacy.rectification import do_note_rectification_request
from accroche.privacy.retention import pending_notice
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.privacy_views.forms import EraseForm
from accroche.youth.access import get_youth
from accroche.youth.models import Youth


def _can_erase(actor: Actor, youth: Youth) -> bool:
    # Only the structure that holds the file may anonymise it.
    return (
        actor.can(Perm.ERASE_YOUTH)
        and youth.holder_structure_id == actor.structure_id
        and youth.anonymised_at is None
    )


@require_GET
def youth_data(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk)
    context = {
        "youth": youth,
        "can_export": actor.can(Perm.EXPORT_PERSONAL_DATA),
        "can_edit": actor.can(Perm.EDIT_YOUTH) and youth.anonymised_at is None,
        "can_erase": _can_erase(actor, youth),
        "notice": pending_notice(youth),
        "erasure": Erasure.objects.filter(youth=youth).first(),
    }
    return render(request, "privacy/youth_data.html", context)


def _exported(request: AccrocheRequest, pk: int, fmt: str) -> Export:
    actor = actor_of(request)
    actor.require(Perm.EXPORT_PERSONAL_DATA)
    return export_for(actor, get_youth(actor, pk), fmt)


@require_GET
def export_pdf(request: AccrocheRequest, pk: int) -> HttpResponse:
    from weasyprint import HTML  # heavy: loaded when a PDF is asked for

    export = _exported(request, pk, "pdf")
    html = render_to_string("privacy/export_pdf.html", {"export": export}, request=request)
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="accroche-fiche-{export.youth_id}.pdf"'
    return response


@require_GET
def export_json(request: AccrocheRequest, pk: int) -> HttpResponse:
    export = _exported(request, pk, "json")
    body = json.dumps(export.as_json(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="accroche-fiche-{export.youth_id}.json"'
    )
    return response


@require_POST
def rectification(request: AccrocheRequest, pk: int) -> HttpResponse:
    """The young person asked for a correction: noted in the audit log, then the form."""
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    if youth.anonymised_at:
        raise Http404
    do_note_rectification_request(actor, youth)
    messages.success(request, _("Demande de rectification notée au journal. Corrigez la fiche."))
    return redirect("youth:edit", youth.pk)


def erase(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    if not _can_erase(actor, youth):
        raise Http404
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_erase_youth(actor, youth, form.cleaned_data["reason"])
        messages.success(request, _("La fiche est anonymisée."))
        return redirect(reverse("youth:detail", args=[youth.pk]))
    return render(request, "privacy/erase.html", {"youth": youth, "form": form})
