"""What the follow-up pages share."""

from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from accroche.www.http import AccrocheRequest

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


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
