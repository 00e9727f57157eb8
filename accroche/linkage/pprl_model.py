"""The privacy-preserving model: the same identifiers as ``youth_model``, compared only
through their Bloom-filter encodings (Dice similarity), never in clear. Used to tell a
user that *another structure* probably follows the same young person.

Levels are Dice thresholds; m and u are estimated like the clear model's (EM on blocked
pairs, u on random pairs, ``bench/linkage.py --estimate``), by hand where the synthetic
set cannot tell (nicknames, e-mail and gender errors, social handles)."""

from collections.abc import Callable, Mapping
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from django.utils.translation import gettext_lazy as _

from accroche.linkage.bloom import Encoder, Field, bigrams, dice, dice_levels
from accroche.linkage.compare import select
from accroche.linkage.pairs import Pairs
from accroche.linkage.score import Comparison, Level, Model


def _name_tokens(value: str, key: str) -> list[str]:
    return [*bigrams(value), *(f"ph:{part}" for part in key.split())]


def birth_tokens(r: Mapping[str, Any]) -> list[str]:
    """Year with its neighbours (a year off by one still shares tokens); day and month
    both in order and unordered (a swap still shares tokens)."""
    y, m, d = int(r["dob_y"]), int(r["dob_m"]), int(r["dob_d"])
    if not y:
        return []
    tokens = [f"y:{y}", f"y:{y}#", f"y:{y - 1}", f"y:{y + 1}"]
    if m and d:
        low, high = sorted((d, m))
        tokens += [f"o:{m}-{d}", f"o:{m}-{d}#", f"u:{low}-{high}", f"u:{low}-{high}#"]
        tokens += [f"d:{d}", f"m:{m}"]
    return tokens


YOUTH_FIELDS = (
    Field("given", lambda r: _name_tokens(r["given_canon"], r["given_ph"]), key_group="name"),
    Field("last", lambda r: _name_tokens(r["last"], r["last_ph"]), key_group="name"),
    Field("nick", lambda r: bigrams(r["nick"])),
    Field("birth", birth_tokens),
    Field("phone", lambda r: bigrams(r["phone"])),
    Field("email", lambda r: bigrams(r["email"])),
    Field("commune", lambda r: [f"c:{r['commune']}"] if r["commune"] else [], k=32),
    Field("gender", lambda r: [f"g:{r['gender']}"] if r["gender"] else [], k=32),
    Field("handle", lambda r: bigrams(r["handle"])),
)
NAME_THRESHOLDS = (0.93, 0.8, 0.65, 0.5)


def encoder(key: bytes) -> Encoder:
    return Encoder(key, YOUTH_FIELDS)


def _crossed(p: Pairs) -> np.ndarray:
    """First and last names the other way round in one of the two files."""

    def compute() -> np.ndarray:
        full = p.a("has_given") & p.a("has_last") & p.b("has_given") & p.b("has_last")
        crossed = np.minimum(dice(p.a("given"), p.b("last")), dice(p.a("last"), p.b("given")))
        straight = np.minimum(dice(p.a("given"), p.b("given")), dice(p.a("last"), p.b("last")))
        return cast(npt.NDArray[np.bool_], full & (crossed >= 0.8) & (crossed > straight))

    return p.memo("crossed", compute)


def _name(field: str, other: str) -> Callable[[Pairs], np.ndarray]:
    def compute(p: Pairs) -> np.ndarray:
        crossed = _crossed(p)
        mine = p.a(field)
        theirs = np.where(crossed[:, None], p.b(other), p.b(field)) if crossed.any() else p.b(field)
        has = np.where(crossed, p.b(f"has_{other}"), p.b(f"has_{field}"))
        similarity = dice(mine, theirs)
        return select([similarity >= t for t in NAME_THRESHOLDS], p.a(f"has_{field}") & has)

    return compute


def _levels(
    name: str, labels: tuple[Any, ...], mu: tuple[tuple[float, float], ...]
) -> tuple[Level, ...]:
    return tuple(
        Level(f"{name}{index}", label, m, u)
        for index, (label, (m, u)) in enumerate(zip(labels, mu, strict=True))
    )


_NAME_LABELS = (_("identique"), _("très proche"), _("proche"), _("assez proche"), _("différent"))

PPRL_MODEL = Model(
    comparisons=(
        Comparison(
            "given",
            _levels(
                "given",
                _NAME_LABELS,
                (
                    (0.7331, 0.00344),
                    (0.051, 0.000376),
                    (0.1042, 0.00185),
                    (0.0525, 0.01726),
                    (0.0591, 0.9771),
                ),
            ),
            _name("given", "last"),
        ),
        Comparison(
            "last",
            _levels(
                "last",
                _NAME_LABELS,
                (
                    (0.7559, 0.000634),
                    (0.0578, 0.000048),
                    (0.1161, 0.000468),
                    (0.036, 0.01425),
                    (0.0342, 0.9846),
                ),
            ),
            _name("last", "given"),
        ),
        Comparison(
            "nick",
            _levels(
                "nick",
                _NAME_LABELS[:2] + _NAME_LABELS[4:],
                ((0.75, 0.0113), (0.1, 0.0003), (0.15, 0.988)),
            ),
            dice_levels("nick", (0.9, 0.7)),
        ),
        Comparison(
            "birth",
            _levels(
                "birth",
                (
                    _("identique"),
                    _("très proche"),
                    _("proche"),
                    _("assez proche"),
                    _("loin"),
                    _("différent"),
                ),
                (
                    (0.5853, 0.000326),
                    (0.1688, 0.000505),
                    (0.1756, 0.0509),
                    (0.0195, 0.0784),
                    (0.049, 0.7116),
                    (0.005, 0.1583),
                ),
            ),
            dice_levels("birth", (0.9, 0.75, 0.55, 0.45, 0.3)),
        ),
        Comparison(
            "phone",
            _levels(
                "phone",
                _NAME_LABELS[:2] + _NAME_LABELS[4:],
                ((0.7904, 0.0000418), (0.0943, 0.000137), (0.1154, 0.9998)),
            ),
            dice_levels("phone", (0.9, 0.7)),
        ),
        Comparison(
            "email",
            _levels(
                "email",
                _NAME_LABELS[:2] + _NAME_LABELS[4:],
                ((0.9, 0.000185), (0.05, 0.00396), (0.05, 0.9959)),
            ),
            dice_levels("email", (0.9, 0.8)),
        ),
        Comparison(
            "commune",
            _levels(
                "commune", (_("identique"), _("différent")), ((0.8814, 0.083), (0.1186, 0.917))
            ),
            dice_levels("commune", (0.7,)),
        ),
        Comparison(
            "gender",
            _levels("gender", (_("identique"), _("différent")), ((0.99, 0.5004), (0.01, 0.4996))),
            dice_levels("gender", (0.7,)),
        ),
        Comparison(
            "handle",
            _levels("handle", (_("identique"), _("différent")), ((0.9, 0.0001), (0.1, 0.9999))),
            dice_levels("handle", (0.9,)),
        ),
    ),
    prior=0.85 / 20_000,  # see youth_model.for_population
)
