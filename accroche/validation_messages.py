"""French messages for pydantic validation errors: the API's and the data·inclusion
imports' (one mapping, so the same mistake reads the same everywhere)."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from accroche.phones import invalid_message

# Beyond this, listing the allowed values helps nobody (70 data·inclusion thématiques).
MAX_EXPECTED_CHARS = 200
# The one message for a text too long, forms (accroche.form_fields) and API alike.
TOO_LONG = ngettext_lazy(
    "Au plus %(limit_value)d caractère (vous en avez saisi %(show_value)d).",
    "Au plus %(limit_value)d caractères (vous en avez saisi %(show_value)d).",
    "limit_value",
)


def pydantic_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = dict(error.get("ctx") or {})
    if "expected" in ctx:  # pydantic lists choices as "'a', 'b' or 'c'"
        ctx["expected"] = str(ctx["expected"]).replace("' or '", "' ou '")
    messages = {
        "missing": _("Ce champ est obligatoire."),
        "string_type": _("Texte attendu."),
        "string_too_long": TOO_LONG
        % {
            "limit_value": ctx.get("max_length"),
            "show_value": ctx.get("length", len(str(error.get("input", "")))),
        }
        if kind == "string_too_long"
        else "",
        "string_too_short": _("Texte trop court."),
        "int_type": _("Nombre entier attendu."),
        "int_parsing": _("Nombre entier attendu."),
        "decimal_parsing": _("Nombre attendu."),
        "bool_type": _("Oui ou non attendu (true / false)."),
        "bool_parsing": _("Oui ou non attendu (true / false)."),
        "date_type": _("Date attendue au format AAAA-MM-JJ."),
        "date_parsing": _("Date attendue au format AAAA-MM-JJ."),
        "date_from_datetime_parsing": _("Date attendue au format AAAA-MM-JJ."),
        "datetime_parsing": _("Date et heure attendues au format ISO 8601."),
        "datetime_type": _("Date et heure attendues au format ISO 8601."),
        "enum": _("Valeur non prévue. Valeurs possibles : %(expected)s.")
        % {"expected": ctx.get("expected")}
        if len(str(ctx.get("expected"))) <= MAX_EXPECTED_CHARS
        else _("Valeur non prévue : « %(value)s ».") % {"value": error.get("input")},
        "literal_error": _("Valeur non prévue. Valeurs possibles : %(expected)s.")
        % {"expected": ctx.get("expected")},
        "greater_than_equal": _("La valeur doit être au moins %(ge)s.") % {"ge": ctx.get("ge")},
        "less_than_equal": _("La valeur doit être au plus %(le)s.") % {"le": ctx.get("le")},
        "json_invalid": _("Le corps de la requête n'est pas du JSON valide."),
        "model_attributes_type": _("Objet JSON attendu."),
        "dict_type": _("Objet JSON attendu."),
        "list_type": _("Liste attendue."),
        "extra_forbidden": _("Champ inconnu."),
        "float_type": _("Nombre attendu."),
        "float_parsing": _("Nombre attendu."),
        "set_type": _("Liste attendue."),
        "too_short": _("La liste ne peut pas être vide."),
        "string_pattern_mismatch": _("Format invalide."),
        "url_parsing": _("Adresse web invalide (elle commence par https://)."),
        "url_type": _("Adresse web invalide (elle commence par https://)."),
        "url_scheme": _("Adresse web invalide (elle commence par https://)."),
        "string_nul": _("Caractère nul (\\u0000) interdit."),
        "query_unnamed": _("Paramètre sans nom dans l'adresse (« ?=… »)."),
        "int_range": _("Nombre hors des limites (entre %(ge)s et %(le)s).")
        % {"ge": ctx.get("ge"), "le": ctx.get("le")},
        "greater_than": _("La valeur doit être supérieure à %(gt)s.") % {"gt": ctx.get("gt")},
        "less_than": _("La valeur doit être inférieure à %(lt)s.") % {"lt": ctx.get("lt")},
        "decimal_max_places": _("Au plus %(n)s chiffres après la virgule.")
        % {"n": ctx.get("decimal_places")},
        "decimal_max_digits": _("Nombre trop grand ou trop précis (au plus %(n)s chiffres).")
        % {"n": ctx.get("max_digits")},
        "decimal_whole_digits": _("Nombre trop grand (au plus %(n)s chiffres avant la virgule).")
        % {"n": ctx.get("whole_digits")},
        "finite_number": _("Nombre fini attendu."),
        "int_from_float": _("Nombre entier attendu."),
        "decimal_type": _("Nombre attendu."),
    }
    if kind == "phone":
        return invalid_message()
    if kind == "value_error" and "email" in str(error.get("msg", "")).lower():
        return _("Adresse e-mail invalide.")
    return messages.get(kind, _("Valeur invalide."))
