from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from accroche import form_fields

_M = TypeVar("_M", bound=models.Model)


def add_domain_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """The domain's errors on the form's fields when it has them, else on the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class DomainModelForm(form_fields.ModelForm[_M]):
    """Labels, widgets and initial values come from the model; the rules belong to the
    domain function the view calls, which validates and saves. So the form neither
    copies its data onto the instance nor runs the model's validation."""

    def _post_clean(self) -> None:
        pass
