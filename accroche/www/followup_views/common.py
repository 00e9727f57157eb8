"""What the follow-up pages share."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from accroche.www.http import AccrocheRequest

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def add_domain_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """The domain's errors on the form's fields when it has them, else on the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def page_url(youth_pk: int, anchor: str = "") -> str:
    return reverse("followup:page", args=[youth_pk]) + (f"#{anchor}" if anchor else "")


def form_page(
    request: AccrocheRequest,
    form: forms.BaseForm,
    *,
    title: str,
    submit: str,
    back: str,
    intro: str = "",
    youth: Any = None,
    multipart: bool = False,
) -> HttpResponse:
    return render(
        request,
        "followup/form.html",
        {
            "form": form,
            "title": title,
            "submit": submit,
            "back": back,
            "intro": intro,
            "youth": youth,
            "multipart": multipart,
        },
    )
