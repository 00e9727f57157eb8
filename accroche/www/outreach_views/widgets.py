"""Form pieces shared by the repérage pages: made for a thumb on a phone."""

import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche import form_fields


class Pills(forms.RadioSelect):
    """Radio buttons drawn as big tappable pills (≥ 44 px)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"class": "pill-input"} | (attrs or {}))


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")

    def format_value(self, value: Any) -> str | None:
        if hasattr(value, "tzinfo") and value.tzinfo is not None:
            value = timezone.localtime(value)
        return super().format_value(value)


def datetime_field(label: Any, **kwargs: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        widget=LocalDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        error_messages={"invalid": _("Date et heure attendues, par exemple 14/03/2026 18:30.")},
        **kwargs,
    )


class KeyedForm(form_fields.Form):
    """Every create form carries a key the client keeps with its draft: the same key sent
    twice records once. The page gives a fresh one; the draft script restores the old one."""

    idempotency_key = forms.UUIDField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)
