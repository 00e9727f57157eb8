"""The evaluators' pseudonymised export: a form (export key, format) and the file. The key
travels in a POST body, is used for this file and never stored."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from accroche.reports import exports
from accroche.reports.export_access import log_export, report_filter
from accroche.reports.export_evaluation import evaluation_export
from accroche.reports.pseudonymise import MIN_CELL, MIN_KEY_LENGTH, programme_key, typed_key
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.reports_views.registry import perm_of

FORMAT_CHOICES = [("xlsx", "Excel (XLSX)"), ("ods", "LibreOffice (ODS)"), ("csv", "CSV")]


class EvaluationExportForm(forms.Form):
    key = forms.CharField(
        label=_("Clé d'export (facultative)"),
        required=False,
        min_length=MIN_KEY_LENGTH,
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "Au moins %(n)s caractères. La même clé redonne les mêmes pseudonymes (pour relier "
            "deux exports) ; une autre clé donne des pseudonymes sans lien. Sans clé : la clé "
            "propre au dispositif. Accroche ne la garde pas : notez-la."
        )
        % {"n": MIN_KEY_LENGTH},
    )
    fmt = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="xlsx")


def evaluation(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    filter_form, f = report_filter(actor, perm_of("evaluation"), request.GET)
    form = EvaluationExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["key"]
        key = typed_key(text) if text else programme_key(f.programme)
        export = evaluation_export(f, key)
        log_export(actor, export.youth_ids, "evaluation_pseudonymised")
        name = f"evaluation-{f.programme.slug}-{f.start}-{f.end}"
        return exports.response(export.tables, form.cleaned_data["fmt"], name)
    return render(
        request,
        "reports/exports_evaluation.html",
        {
            "form": filter_form,
            "export_form": form,
            "report": f,
            "tab": "evaluation",
            "query": f.querystring(),
            "min_cell": MIN_CELL,
        },
    )
