"""Finding communes from what a person types: an INSEE code, a postcode or a name."""

import re
from typing import Any

from django.db.models import Case, Q, QuerySet, Value, When
from django.utils.translation import gettext

from accroche.territory.models import Commune
from accroche.text import fold

_CODE = re.compile(r"^\d[\dAB]\d{3}$")
_WITH_DEPT = re.compile(r"^(?P<name>.+?)\s*\((?P<dept>\d[\dABab]?\d?)\)$")


def _letter_variants() -> dict[str, str]:
    """'e' → 'eEéÉèÈ…': every Latin letter that folds to a given ASCII letter."""
    variants: dict[str, str] = {}
    for char in map(chr, range(0x41, 0x250)):
        folded = fold(char)
        if len(folded) == 1 and folded.isascii() and folded.isalpha():
            variants[folded] = variants.get(folded, "") + char
    return variants


_VARIANTS = _letter_variants()
_LIGATURES = {"oe": "œŒ", "ae": "æÆ"}


def _prefix_regex(folded: str, length: int = 3) -> str:
    """A regex for names whose first ``length`` letters fold like ``folded``'s.

    'evr' → '^[eEéÉ…][vV][rR…]', so that 'Evreux' finds 'Évreux' and 'l hay' finds
    "L'Haÿ-les-Roses"."""
    parts: list[str] = []
    rest = folded
    while rest and len(parts) < length:
        if rest[:2] in _LIGATURES:
            pair, rest = rest[:2], rest[2:]
            parts.append(f"({pair}|{pair.upper()}|{pair.capitalize()}|[{_LIGATURES[pair]}])")
            continue
        char, rest = rest[0], rest[1:]
        if char == " ":
            parts.append("[-'’` ]+")
        elif char in _VARIANTS:
            parts.append(f"[{_VARIANTS[char]}]")
        else:
            parts.append(re.escape(char))
    return "^" + "".join(parts)


def resolve_commune(text: str) -> Commune | None:
    """One commune for an INSEE code, 'Name (dept)', or a name that only one commune has."""
    found = commune_candidates(text)
    return found[0] if len(found) == 1 else None


def commune_candidates(text: str, limit: int = 12) -> list[Commune]:
    """Every commune the text may mean: none (unknown), one, or several when a name is
    shared ("Beaumont": eleven communes), then in "Name (dept)" order for the person to pick."""
    text = text.strip()
    if not text:
        return []
    if _CODE.match(text.upper()):
        return list(Commune.objects.filter(code=text.upper()))
    name, dept = text, None
    match = _WITH_DEPT.match(text)
    if match:
        name, dept = match["name"], match["dept"].upper()
    candidates = Commune.objects.order_by("department", "code")
    if dept:
        candidates = candidates.filter(department=dept)
    found = list(candidates.filter(name__iexact=name.strip())[: limit + 1])
    if found:
        return found[:limit]
    # Accents, case and punctuation may differ anywhere, the first letters included.
    folded = fold(name)
    if not folded:
        return []
    return [
        c for c in candidates.filter(name__regex=_prefix_regex(folded)) if fold(c.name) == folded
    ][:limit]


def resolve_commune_list(texts: list[str]) -> list[Commune | None]:
    """``resolve_commune`` of each text, in one query for the INSEE codes and the
    "Name (dept)" labels (what a form shows back), one per other text."""
    # Each text as the key it is found under: ("code", code), ("label", (name, dept)) or None.
    keys: list[tuple[str, Any] | None] = []
    wanted = Q()
    for text in (t.strip() for t in texts):
        match = _WITH_DEPT.match(text)
        if _CODE.match(text.upper()):
            keys.append(("code", text.upper()))
            wanted |= Q(code=text.upper())
        elif match:
            name, dept = match["name"].strip(), match["dept"].upper()
            keys.append(("label", (name.lower(), dept)))
            wanted |= Q(department=dept, name__iexact=name)
        else:
            keys.append(None)
    known: dict[tuple[str, Any], list[Commune]] = {}
    if wanted:
        for commune in Commune.objects.filter(wanted):
            known.setdefault(("code", commune.code), []).append(commune)
            known.setdefault(("label", (commune.name.lower(), commune.department)), []).append(
                commune
            )
    found: list[Commune | None] = []
    for text, key in zip(texts, keys, strict=True):
        same = known.get(key, []) if key else []
        if len(same) == 1:
            found.append(same[0])
        elif key and key[0] == "code":
            found.append(None)  # an unknown INSEE code
        else:
            found.append(resolve_commune(text))  # a bare name, or accents typed differently
    return found


def search_communes(query: str, limit: int = 10) -> QuerySet[Commune]:
    query = query.strip()
    if len(query) < 2:
        return Commune.objects.none()
    if query.isdigit():
        return Commune.objects.filter(
            Q(code__startswith=query) | Q(postcodes__icontains=query)
        ).order_by("-population")[:limit]
    # Every commune of the very name first (eleven "Beaumont"), with its department to pick.
    exact = Case(When(name__iexact=query, then=Value(0)), default=Value(1))
    return Commune.objects.filter(name__istartswith=query).order_by(exact, "-population")[:limit]


def commune_label(commune: Commune) -> str:
    return f"{commune.name} ({commune.department})"


def qpv_choices(commune: Commune | None) -> list[tuple[Any, str]]:
    choices: list[tuple[Any, str]] = [("", gettext("Aucun / ne sait pas"))]
    if commune is not None:
        choices += [(qpv.pk, qpv.name) for qpv in commune.qpvs.all()]
    return choices
