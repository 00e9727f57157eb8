import re
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accroche.access.permissions import Perm
from accroche.organisations.funding import do_set_fundings, do_set_targets, percent
from accroche.organisations.models import EligibilityRules, Participation, Programme
from accroche.organisations.programmes import (
    can_edit_programme,
    do_create_programme,
    do_set_eligibility_rules,
    do_update_programme,
    get_participation,
    get_programme,
    list_programmes,
    programmes_visible_to,
    with_set_up,
)
from accroche.organisations.zones import (
    addable_structures,
    do_remove_participation,
    do_set_participation,
    do_set_territory,
)
from accroche.territory.lookup import resolve_commune
from accroche.territory.models import Qpv
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.programmes_views.forms import (
    FundingFormSet,
    ParticipationForm,
    ProgrammeForm,
    RulesForm,
    TargetFormSet,
    TerritoryForm,
    kept_rows,
)


def _saved(request: AccrocheRequest, programme: Programme, anchor: str = "") -> HttpResponse:
    messages.success(request, _("Modifications enregistrées."))
    url = reverse("programmes:detail", args=[programme.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def list_view(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    return render(
        request,
        "programmes/list.html",
        {
            "programmes": list(list_programmes(actor)),
            "can_create": actor.can(Perm.MANAGE_PROGRAMMES),
        },
    )


def create(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.MANAGE_PROGRAMMES)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = do_create_programme(actor, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "Dispositif créé. Ajoutez maintenant ses financeurs, son territoire "
                    "et ses partenaires."
                ),
            )
            return redirect("programmes:detail", programme.pk)
    return render(request, "programmes/form.html", {"form": form, "programme": None})


def rules_in_words(rules: EligibilityRules | None) -> list[str]:
    if rules is None:
        return []
    ages = {"min": rules.min_age, "max": rules.max_age, "rqth": rules.max_age_with_rqth}
    if rules.max_age_with_rqth and rules.max_age_with_rqth > rules.max_age:
        sentences = [
            _("Avoir entre %(min)s et %(max)s ans (jusqu'à %(rqth)s ans avec une RQTH).") % ages
        ]
    else:
        sentences = [_("Avoir entre %(min)s et %(max)s ans.") % ages]
    if rules.max_diploma_level is not None:
        sentences.append(
            _("Diplôme : au plus %(level)s.") % {"level": rules.max_diploma_level.label}
        )
    if rules.months_without_spe_contact:
        sentences.append(
            _(
                "Aucun contact avec la Mission Locale ou France Travail depuis au moins "
                "%(months)s mois."
            )
            % {"months": rules.months_without_spe_contact}
        )
    if rules.neet_required:
        sentences.append(_("Être ni en emploi, ni en études, ni en formation."))
    if rules.territory_required:
        sentences.append(_("Résider sur le territoire du dispositif."))
    return sentences


def detail(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    programme = with_set_up(programmes_visible_to(actor)).filter(pk=pk).first()
    if programme is None:
        raise Http404
    try:
        rules: EligibilityRules | None = programme.rules
    except ObjectDoesNotExist:
        rules = None
    fundings = list(programme.fundings.all())
    participations = sorted(
        programme.participations.all(),
        key=lambda p: (p.kind != Participation.Kind.LEAD, p.structure.name.lower()),
    )
    share_total = sum((f.share for f in fundings), Decimal("0"))
    return render(
        request,
        "programmes/detail.html",
        {
            "programme": programme,
            "fundings": fundings,
            "amount_total": sum((f.amount for f in fundings), Decimal("0")),
            "share_total": percent(share_total),
            "targets": list(programme.targets.all()),
            "communes": list(programme.communes.all()),
            "qpvs": list(programme.qpvs.all()),
            "participations": participations,
            "rules": rules_in_words(rules),
            "can_edit": can_edit_programme(actor, programme),
        },
    )


def edit(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    programme = get_programme(actor, pk, edit=True)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_programme(actor, programme, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _saved(request, programme)
    return render(request, "programmes/form.html", {"form": form, "programme": programme})


def _formset_page(
    request: AccrocheRequest,
    pk: int,
    *,
    formset_class: Any,
    initial: Any,
    save: Any,
    anchor: str,
    title: str,
    intro: str,
) -> HttpResponse:
    actor = actor_of(request)
    programme = get_programme(actor, pk, edit=True)
    formset = formset_class(request.POST or None, initial=initial(programme), prefix="rows")
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            save(actor, programme, kept_rows(formset))
        except ValidationError as exc:
            errors = exc.messages
        else:
            return _saved(request, programme, anchor)
    return render(
        request,
        "programmes/formset.html",
        {
            "programme": programme,
            "formset": formset,
            "errors": errors,
            "has_errors": bool(errors) or formset.total_error_count() > 0,
            "title": title,
            "intro": intro,
            "anchor": anchor,
        },
    )


def fundings(request: AccrocheRequest, pk: int) -> HttpResponse:
    return _formset_page(
        request,
        pk,
        formset_class=FundingFormSet,
        initial=lambda p: list(p.fundings.values("funder", "kind", "amount", "share")),
        save=do_set_fundings,
        anchor="financement",
        title=_("Financeurs"),
        intro=_(
            "Un financeur par ligne, avec son montant et sa part du budget. La somme des parts "
            "ne peut pas dépasser 100 %. Pour retirer un financeur, cochez « Supprimer »."
        ),
    )


def targets(request: AccrocheRequest, pk: int) -> HttpResponse:
    return _formset_page(
        request,
        pk,
        formset_class=TargetFormSet,
        initial=lambda p: list(p.targets.values("indicator", "minimum", "maximum")),
        save=do_set_targets,
        anchor="objectifs",
        title=_("Objectifs"),
        intro=_(
            "Les objectifs chiffrés promis aux financeurs, un par indicateur. Le maximum est "
            "facultatif (une fourchette « 200 à 250 jeunes » : minimum 200, maximum 250)."
        ),
    )


def territory(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    programme = get_programme(actor, pk, edit=True)
    form = TerritoryForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            do_set_territory(
                actor, programme, form.cleaned_data["communes"], list(form.cleaned_data["qpvs"])
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _saved(request, programme, "territoire")
    return render(request, "programmes/territory.html", {"form": form, "programme": programme})


def partner_add(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    programme = get_programme(actor, pk, edit=True)
    addable = addable_structures(programme)
    form = ParticipationForm(request.POST or None, programme=programme, addable=addable)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_set_participation(
                actor,
                programme,
                data["structure"],
                kind=data["kind"],
                communes=data["communes"],
                qpvs=list(data["qpvs"]),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _saved(request, programme, "partenaires")
    return render(
        request,
        "programmes/participation.html",
        {
            "form": form,
            "programme": programme,
            "participation": None,
            "nothing_to_add": not addable.exists(),
        },
    )


def partner_edit(request: AccrocheRequest, pk: int, participation_pk: int) -> HttpResponse:
    actor = actor_of(request)
    programme = get_programme(actor, pk, edit=True)
    participation = get_participation(programme, participation_pk)
    form = ParticipationForm(request.POST or None, programme=programme, participation=participation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_set_participation(
                actor,
                programme,
                participation.structure,
                kind=data.get("kind", participation.kind),
                communes=data["communes"],
                qpvs=list(data["qpvs"]),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _saved(request, programme, "partenaires")
    return render(
        request,
        "programmes/participation.html",
        {"form": form, "programme": programme, "participation": participation},
    )


def partner_remove(request: AccrocheRequest, pk: int, participation_pk: int) -> HttpResponse:
    actor = actor_of(request)
    programme = get_programme(actor, pk, edit=True)
    participation = get_participation(programme, participation_pk)
    if request.method == "POST":
        try:
            do_remove_participation(actor, programme, participation)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("programmes:detail", programme.pk)
        messages.success(
            request,
            _("%(structure)s ne fait plus partie du dispositif.")
            % {"structure": participation.structure.name},
        )
        return redirect(reverse("programmes:detail", args=[programme.pk]) + "#partenaires")
    return render(
        request,
        "programmes/participation_remove.html",
        {"programme": programme, "participation": participation},
    )


def edit_rules(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    programme = get_programme(actor, pk, edit=True)
    current, _created = EligibilityRules.objects.get_or_create(programme=programme)
    form = RulesForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            do_set_eligibility_rules(actor, programme, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _saved(request, programme, "eligibilite")
    return render(request, "programmes/rules.html", {"form": form, "programme": programme})


_SEPARATORS = re.compile(r"[\n;]|,(?![^()]*\))")


def qpv_options(request: AccrocheRequest) -> HttpResponse:
    """The QPVs of the communes typed so far (htmx), keeping those already chosen."""
    actor = actor_of(request)
    typed = request.GET.get("communes", "")
    communes = [c for part in _SEPARATORS.split(typed) if (c := resolve_commune(part))]
    programme_pk = request.GET.get("programme", "")
    if programme_pk.isdigit():
        programme = programmes_visible_to(actor).filter(pk=programme_pk).first()
        if programme is not None:
            communes += list(programme.communes.all())
    chosen = {int(v) for v in request.GET.getlist("qpvs") if v.isdigit()}
    qpvs = Qpv.objects.filter(Q(communes__in=communes) | Q(pk__in=chosen)).distinct()
    return render(
        request,
        "programmes/_qpv_options.html",
        {"qpvs": qpvs.order_by("name"), "chosen": chosen},
    )
