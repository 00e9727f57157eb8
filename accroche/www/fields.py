"""Form fields shared by the pages: communes are typed (name or INSEE code) and resolved
against the official list, never picked in a 35,000-line menu."""

import re
from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from accroche.phones import MAX_LENGTH as PHONE_MAX_LENGTH
from accroche.phones import display_phone, normalise_phone
from accroche.territory.lookup import (
    commune_candidates,
    commune_label,
    resolve_commune_list,
)
from accroche.territory.models import Commune


class CommuneInput(forms.TextInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "list": "commune-suggestions",
            "autocomplete": "off",
            "hx-get": reverse_lazy("www:commune_suggestions"),
            "hx-trigger": "input changed delay:250ms",
            "hx-target": "#commune-suggestions",
            "hx-swap": "innerHTML",
        }
        super().__init__(base | (attrs or {}))

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Commune):
            return commune_label(value)
        if isinstance(value, int) or (
            isinstance(value, str) and value.isdigit() and len(value) < 5
        ):
            commune = Commune.objects.filter(pk=value).first()
            return commune_label(commune) if commune else None
        return super().format_value(value)


class CommuneField(forms.Field):
    widget = CommuneInput
    default_error_messages = {
        "unknown": _(
            "Commune inconnue : « %(value)s ». Tapez son nom et choisissez dans la liste, "
            "ou son code INSEE."
        ),
        "ambiguous": _(
            "Plusieurs communes s'appellent « %(value)s » : %(choices)s. "
            "Choisissez la bonne dans la liste (avec son département)."
        ),
    }

    def to_python(self, value: Any) -> Commune | None:
        if isinstance(value, Commune):
            return value
        text = (value or "").strip()
        if not text:
            return None
        found = commune_candidates(text)
        if len(found) == 1:
            return found[0]
        raise ambiguous_or_unknown(self.error_messages, text, found)


def ambiguous_or_unknown(
    messages: dict[str, Any], text: str, found: list[Commune]
) -> forms.ValidationError:
    """A shared name asks which one, with the choices ("Beaumont (63)"); no commune is
    "unknown". Either way the form shows back everything that was typed."""
    if found:
        choices = ", ".join(commune_label(c) for c in found)
        return forms.ValidationError(
            messages["ambiguous"], code="ambiguous", params={"value": text, "choices": choices}
        )
    return forms.ValidationError(messages["unknown"], code="unknown", params={"value": text})


class CommuneListField(forms.CharField):
    """Several communes, one per line or separated by commas or semicolons."""

    widget = forms.Textarea(attrs={"rows": 3})
    default_error_messages = {
        "unknown": _(
            "Communes inconnues : %(values)s. Vérifiez l'orthographe ou donnez le code INSEE."
        ),
        "ambiguous": _(
            "Plusieurs communes s'appellent « %(value)s » : %(choices)s. "
            "Écrivez celle qui convient avec son département."
        ),
    }

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            return "\n".join(commune_label(c) if isinstance(c, Commune) else str(c) for c in items)
        return value

    def to_python(self, value: Any) -> list[Commune]:  # type: ignore[override]
        text = super().to_python(value) or ""
        parts = [p.strip() for p in re.split(r"[\n;]|,(?![^()]*\))", text) if p.strip()]
        found, unknown, errors = [], [], []
        for part, commune in zip(parts, resolve_commune_list(parts), strict=True):
            if commune is None:
                # Only what was not found: a name shared by several communes lists them.
                if candidates := commune_candidates(part):
                    errors.append(ambiguous_or_unknown(self.error_messages, part, candidates))
                else:
                    unknown.append(f"« {part} »")
            elif commune not in found:
                found.append(commune)
        if unknown:
            errors.insert(
                0,
                forms.ValidationError(
                    self.error_messages["unknown"],
                    code="unknown",
                    params={"values": ", ".join(unknown)},
                ),
            )
        if errors:
            raise forms.ValidationError(errors)
        return found


class PhoneField(forms.CharField):
    """Every phone field of the pages: the one rule of accroche/phones.py (stored E.164,
    shown "06 12 34 56 78"); on error the form shows back what was typed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", PHONE_MAX_LENGTH)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}))
        kwargs.pop("empty_value", None)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return display_phone(value) if isinstance(value, str) else value

    def to_python(self, value: Any) -> str:
        return normalise_phone(super().to_python(value) or "")
