"""The model that compares two young people's files in clear (inside what a user sees).

m says how often two files *of the same person* fall at a level, u how often two files of
*different* people do. Both come from an unsupervised estimate (``bench/linkage.py
--estimate``: m by EM on blocked pairs, u on a million random pairs) on a synthetic set
drawn with another seed than the one the benchmark scores; where that set cannot tell
(it never misspells an e-mail, never mistypes a gender, has few nicknames), the value is
set by hand and says so below. Re-running the estimate after a change of the generator
moves them by a few per cent (up to a factor of two on the rarest levels); the values below
are the ones the benchmark figures were measured with. The prior depends on how many files
there are (``for_population``): the more files, the more namesakes."""

from collections.abc import Callable
from dataclasses import replace
from typing import cast

import numpy as np
import numpy.typing as npt
from django.utils.translation import gettext_lazy as _

from accroche.linkage.compare import (
    birth_date,
    contained,
    edit_distance,
    jaro_winkler,
    only,
    select,
)
from accroche.linkage.pairs import Pairs
from accroche.linkage.score import Comparison, Level, Model, prior_for

# Estimated other files of the same person per file, in the training set (0.85); a
# consortium whose zones overlap less would lower it, making the model more cautious.
OTHER_FILES_PER_RECORD = 0.85

# --- names, with first and last name possibly swapped ------------------------------------


def _swapped(p: Pairs) -> np.ndarray:
    """Pairs where one file has the first and last names the other way round."""

    def compute() -> np.ndarray:
        ga, la = p.id_a("given_canon"), p.id_a("last")
        gb, lb = p.id_b("given_canon"), p.id_b("last")
        # Only files that differ in order, whose initials cross, are measured.
        todo: npt.NDArray[np.bool_] = (
            (ga != 0) & (la != 0) & (gb != 0) & (lb != 0) & ((ga != gb) | (la != lb))
        )
        todo &= (p.a("given_canon^") == p.b("last^")) & (p.a("last^") == p.b("given_canon^"))
        if not todo.any():
            return todo
        sa, ta, sb, tb = p.a("given_canon"), p.a("last"), p.b("given_canon"), p.b("last")
        crossed = np.minimum(
            only(todo, jaro_winkler, sa, tb, 0.0), only(todo, jaro_winkler, ta, sb, 0.0)
        )
        todo &= crossed >= 0.9
        straight = np.minimum(
            only(todo, jaro_winkler, sa, sb, 1.0), only(todo, jaro_winkler, ta, tb, 1.0)
        )
        return cast(npt.NDArray[np.bool_], todo & (crossed > straight))

    return p.memo("swapped", compute)


def _b(p: Pairs, given: str, last: str, take: Callable[[str], np.ndarray]) -> np.ndarray:
    """The other file's ``given`` column, read from its ``last`` column when swapped."""
    swapped = _swapped(p)
    if not swapped.any():
        return take(given)
    return np.where(swapped, take(last), take(given))


def _spelling(
    p: Pairs, todo: np.ndarray, field: str, other: str, *, crosswise: bool
) -> list[np.ndarray]:
    """contained, one edit, Jaro–Winkler ≥ 0.85 — measured only where they can hold."""
    x = p.a(field)
    y = _b(p, field, other, p.b) if crosswise else p.b(field)
    compound = p.a(f"{field}_") | (
        _b(p, f"{field}_", f"{other}_", p.b) if crosswise else p.b(f"{field}_")
    )
    similarity = only(todo, jaro_winkler, x, y, 0.0)
    return [
        only(todo & compound, contained, x, y, False).astype(bool),
        only(todo & (similarity >= 0.8), edit_distance, x, y, 9) <= 1,
        similarity >= 0.85,
    ]


def given_name(p: Pairs) -> np.ndarray:
    ga, ca, pa = p.id_a("given"), p.id_a("given_canon"), p.id_a("given_ph")
    gb, cb = _b(p, "given", "last", p.id_b), _b(p, "given_canon", "last", p.id_b)
    pb = _b(p, "given_ph", "last_ph", p.id_b)
    # Two nicknames alone are compared by the nickname comparison, not counted twice here.
    comparable = (ca != 0) & (cb != 0) & ((ga != 0) | (gb != 0))
    exact, same_canon, same_sound = (ga != 0) & (ga == gb), ca == cb, (pa != 0) & (pa == pb)
    todo = comparable & ~(exact | same_canon | same_sound)
    return select(
        [exact, same_canon, same_sound, *_spelling(p, todo, "given_canon", "last", crosswise=True)],
        comparable,
    )


def last_name(p: Pairs) -> np.ndarray:
    la, pa = p.id_a("last"), p.id_a("last_ph")
    lb, pb = _b(p, "last", "given_canon", p.id_b), _b(p, "last_ph", "given_ph", p.id_b)
    comparable = (la != 0) & (lb != 0)
    exact, same_sound = la == lb, (pa != 0) & (pa == pb)
    todo = comparable & ~(exact | same_sound)
    return select(
        [exact, same_sound, *_spelling(p, todo, "last", "given_canon", crosswise=True)],
        comparable,
    )


def name_order(p: Pairs) -> np.ndarray:
    swapped = _swapped(p)
    return select([~swapped], swapped | ((p.id_a("last") != 0) & (p.id_b("last") != 0)))


def nickname(p: Pairs) -> np.ndarray:
    x, y = p.id_a("nick"), p.id_b("nick")
    comparable = (x != 0) & (y != 0)
    similarity = only(comparable & (x != y), jaro_winkler, p.a("nick"), p.b("nick"), 0.0)
    return select([x == y, similarity >= 0.9], comparable)


def _one_edit(field: str) -> Callable[[Pairs], np.ndarray]:
    """Same, or one typo away: a typo leaves either the first or the last 4 characters
    intact, which spares the measure for the other pairs."""

    def compute(p: Pairs) -> np.ndarray:
        x, y = p.id_a(field), p.id_b(field)
        comparable = (x != 0) & (y != 0)
        todo = comparable & (x != y)
        todo &= (p.a(f"{field}<") == p.b(f"{field}<")) | (p.a(f"{field}>") == p.b(f"{field}>"))
        distance = only(todo, edit_distance, p.a(field), p.b(field), 9)
        return select([x == y, distance <= 1], comparable)

    return compute


phone = _one_edit("phone")
email = _one_edit("email")


def same(field: str) -> Callable[[Pairs], np.ndarray]:
    def compute(p: Pairs) -> np.ndarray:
        x, y = p.id_a(field), p.id_b(field)
        return select([x == y], (x != 0) & (y != 0))

    return compute


YOUTH_MODEL = Model(
    comparisons=(
        Comparison(
            "given",
            (
                Level("exact", _("même prénom"), 0.7463, 0.00354),
                Level("nickname", _("surnom ou variante du même prénom"), 0.0046, 2.76e-05),
                Level("phonetic", _("prénom qui se prononce pareil"), 0.0511, 0.000439),
                Level("compound", _("prénom composé en partie identique"), 0.005, 0.000247),
                Level("typo", _("prénom à une lettre près"), 0.1562, 0.00112),
                Level("close", _("prénom assez proche"), 0.0164, 0.00285),
                Level("different", _("prénoms différents"), 0.0205, 0.9918),
            ),
            given_name,
        ),
        Comparison(
            "last",
            (
                Level("exact", _("même nom"), 0.7547, 0.00063),
                Level("phonetic", _("nom qui se prononce pareil"), 0.0598, 6.13e-05),
                Level("compound", _("nom composé en partie identique"), 0.0029, 6.65e-05),
                Level("typo", _("nom à une lettre près"), 0.1553, 0.000171),
                Level("close", _("nom assez proche"), 0.0155, 0.00096),
                Level("different", _("noms différents"), 0.0118, 0.9981),
            ),
            last_name,
        ),
        Comparison(
            "order",
            (
                # Neutral on purpose: the name comparisons already read swapped names crosswise.
                Level("straight", _("prénom et nom dans le même ordre"), 0.98, 0.98),
                Level("swapped", _("prénom et nom inversés"), 0.02, 0.04),
            ),
            name_order,
        ),
        Comparison(
            # m by hand: the synthetic set derives nicknames from first names.
            "nick",
            (
                Level("exact", _("même surnom"), 0.75, 0.0113),
                Level("close", _("surnom proche"), 0.1, 0.0007),
                Level("different", _("surnoms différents"), 0.15, 0.988),
            ),
            nickname,
        ),
        Comparison(
            "birth",
            (
                Level("exact", _("même date de naissance"), 0.5838, 0.000241),
                Level("swapped", _("jour et mois de naissance inversés"), 0.0311, 8.38e-05),
                Level("typo", _("date de naissance à un chiffre près"), 0.2118, 0.00493),
                Level("year_off", _("même jour et mois, année à un an près"), 0.0216, 3.34e-05),
                Level("same_year", _("même année de naissance"), 0.0677, 0.00487),
                Level("year_near", _("année de naissance à un an près"), 0.0519, 0.00937),
                Level("different", _("dates de naissance différentes"), 0.0321, 0.9805),
            ),
            birth_date,
        ),
        Comparison(
            "phone",
            (
                Level("exact", _("même téléphone"), 0.7753, 4.18e-05),
                Level("typo", _("téléphone à un chiffre près"), 0.0936, 5.5e-06),
                Level("different", _("téléphones différents"), 0.1311, 0.99995),
            ),
            phone,
        ),
        Comparison(
            # m by hand: the synthetic set never misspells an e-mail.
            "email",
            (
                Level("exact", _("même e-mail"), 0.9, 7.8e-05),
                Level("close", _("e-mail à un caractère près"), 0.05, 8.62e-05),
                Level("different", _("e-mails différents"), 0.05, 0.9998),
            ),
            email,
        ),
        Comparison(
            "commune",
            (
                Level("same", _("même commune de résidence"), 0.876, 0.083),
                Level("different", _("communes de résidence différentes"), 0.124, 0.917),
            ),
            same("commune"),
        ),
        Comparison(
            # m by hand: the synthetic set never mistypes a gender.
            "gender",
            (
                Level("same", _("même genre"), 0.99, 0.5004),
                Level("different", _("genres différents"), 0.01, 0.4996),
            ),
            same("gender"),
        ),
        Comparison(
            # By hand: the synthetic set has no social handles.
            "handle",
            (
                Level("same", _("même pseudo sur les réseaux"), 0.9, 0.0001),
                Level("different", _("pseudos différents"), 0.1, 0.9999),
            ),
            same("handle"),
        ),
    ),
    prior=0.85 / 20_000,  # see for_population
)


def for_population(model: Model, records: int) -> Model:
    """The model for a population of ``records`` files."""
    return replace(model, prior=prior_for(records, OTHER_FILES_PER_RECORD))
