"""Finding duplicates for a user: "this person may already exist" and the review queue.

Files the user sees are compared in clear, with the score and its reasons. Files the user
does not see are compared only through their encodings (``Encoding``: Bloom filters and
the holding structure), and all that comes out is the *name of the structure* — never a
score, a field or an identifier of the other file."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm
from accroche.linkage.index import current_encoder, keys_of, youth_record
from accroche.linkage.models import Encoding, LinkageKey, NotDuplicate, absorbed_youth_ids
from accroche.linkage.normalise import normalise, to_table
from accroche.linkage.pprl_model import PPRL_MODEL
from accroche.linkage.score import Reason, score
from accroche.linkage.youth_model import YOUTH_MODEL, for_population
from accroche.organisations.models import Structure
from accroche.youth.access import visible_rows, youths_visible_to
from accroche.youth.models import Youth

SUGGEST_THRESHOLD = 0.5  # "may already exist" among the files the user sees
REVIEW_THRESHOLD = 0.5  # the review queue
HINT_THRESHOLD = 0.8  # "probably also followed by" another structure: be sure
MAX_SUGGESTIONS = 5
MAX_BLOCK = 200  # a key shared by more files than this says nothing


def percent(probability: float) -> int:
    """Shown to users: never "100 %", a score is not a proof."""
    return min(99, round(probability * 100))


@dataclass(frozen=True)
class Candidate:
    youth: Youth
    probability: float
    reasons: list[Reason]

    @property
    def percent(self) -> int:
        return percent(self.probability)

    @property
    def supporting(self) -> list[Reason]:
        return [reason for reason in self.reasons if reason.supports]

    @property
    def opposing(self) -> list[Reason]:
        return [reason for reason in self.reasons if reason.opposes]


@dataclass(frozen=True)
class Suggestions:
    candidates: list[Candidate]
    elsewhere: list[str]  # names of structures that probably follow the same person


def _population() -> int:
    return max(Encoding.objects.count(), 2)


def _enough_to_ask_others(row: Mapping[str, Any]) -> bool:
    """A name and something precise (a date or year, a phone, an e-mail): so that the
    hint cannot be used to probe who follows a first name."""
    named = bool(row["given_canon"] or row["last"] or row["nick"])
    return named and bool(row["dob_y"] or row["phone"] or row["email"])


def possible_duplicates(
    actor: Actor, data: Mapping[str, Any], *, exclude: int | None = None
) -> Suggestions:
    """For a file being typed (creation, edit, import): the files the user sees that may
    be the same person, and the other structures that probably follow them."""
    actor.require(Perm.VIEW_YOUTH)
    row = normalise(data)
    keys = keys_of([row])[0]
    if not keys:
        return Suggestions([], [])
    ids = set(
        LinkageKey.objects.filter(key__in=keys)
        .exclude(youth_id__in=absorbed_youth_ids())
        .values_list("youth_id", flat=True)
    )
    ids.discard(exclude)  # type: ignore[arg-type]
    if not ids:
        return Suggestions([], [])
    population = _population()
    visible = list(youths_visible_to(actor).filter(pk__in=ids).select_related("residence_commune"))
    candidates = _score_visible(row, visible, population)
    if candidates:
        audit.log(
            actor,
            AuditEvent.Action.LIST,
            "youth",
            object_ids=[candidate.youth.pk for candidate in candidates],
        )
    elsewhere: list[str] = []
    hidden = ids - {youth.pk for youth in visible}
    if hidden and _enough_to_ask_others(row):
        elsewhere = _hint(actor, row, hidden, population)
    return Suggestions(candidates, elsewhere)


def _score_visible(row: Mapping[str, Any], youths: list[Youth], population: int) -> list[Candidate]:
    if not youths:
        return []
    query = to_table([row])
    others = to_table([normalise(youth_record(youth)) for youth in youths])
    index = np.arange(len(youths))
    scored = score(for_population(YOUTH_MODEL, population), query, others, 0 * index, index)
    found = [
        Candidate(youths[i], float(scored.probability[i]), YOUTH_MODEL.explain(scored.levels[i]))
        for i in np.argsort(-scored.probability)
        if scored.probability[i] >= SUGGEST_THRESHOLD
    ]
    return found[:MAX_SUGGESTIONS]


def _hint(actor: Actor, row: Mapping[str, Any], ids: set[int], population: int) -> list[str]:
    encoder = current_encoder()
    stored = list(
        Encoding.objects.filter(youth_id__in=ids, key_fingerprint=encoder.fingerprint)
        .exclude(structure_id=actor.structure_id)
        .values_list("youth_id", "structure_id", "filters", "present")
    )
    if not stored:
        return []
    query = encoder.plain_table([row])
    others = encoder.table(
        [encoder.load(bytes(filters)) for _, _, filters, _ in stored],
        [present for *_, present in stored],
    )
    index = np.arange(len(stored))
    scored = score(for_population(PPRL_MODEL, population), query, others, 0 * index, index)
    matched = [stored[i] for i in range(len(stored)) if scored.probability[i] >= HINT_THRESHOLD]
    if not matched:
        return []
    audit.log(
        actor,
        AuditEvent.Action.READ,
        "linkage_hint",
        object_ids=sorted(youth_id for youth_id, *_ in matched),
        fields=["structure"],
    )
    structure_ids = {structure_id for _, structure_id, *_ in matched}
    return list(
        Structure.objects.filter(pk__in=structure_ids)
        .order_by("name")
        .values_list("name", flat=True)
    )


# --- the review queue ---------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    a: Youth
    b: Youth
    probability: float
    reasons: list[Reason]

    @property
    def percent(self) -> int:
        return percent(self.probability)

    @property
    def supporting(self) -> list[Reason]:
        return [reason for reason in self.reasons if reason.supports]

    @property
    def opposing(self) -> list[Reason]:
        return [reason for reason in self.reasons if reason.opposes]


def _pairs_sharing_a_key(keys: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for key, youth_id in keys:
        groups[key].append(youth_id)
    pairs: set[tuple[int, int]] = set()
    for members in groups.values():
        if 2 <= len(members) <= MAX_BLOCK:
            members.sort()
            pairs.update(
                (members[i], members[j])
                for i in range(len(members))
                for j in range(i + 1, len(members))
            )
    return pairs


def review_queue(actor: Actor, *, limit: int = 30) -> list[Pair]:
    """Probable duplicates among the files the user sees, most probable first; pairs
    someone said were different people are left out. A constant number of queries."""
    actor.require(Perm.VIEW_YOUTH)
    visible = youths_visible_to(actor)
    keys = list(LinkageKey.objects.filter(visible_rows(actor)).values_list("key", "youth_id"))
    pairs = _pairs_sharing_a_key(keys)
    if not pairs:
        return []
    involved = {youth_id for pair in pairs for youth_id in pair}
    youths = {
        youth.pk: youth
        for youth in visible.filter(pk__in=involved).select_related(
            "residence_commune", "holder_structure"
        )
    }
    decided = set(
        NotDuplicate.objects.filter(youth_a__in=involved, youth_b__in=involved).values_list(
            "youth_a_id", "youth_b_id"
        )
    )
    pairs = {(a, b) for a, b in pairs if a in youths and b in youths and (a, b) not in decided}
    if not pairs:
        return []
    order = sorted(youths)
    position = {pk: i for i, pk in enumerate(order)}
    table = to_table([normalise(youth_record(youths[pk])) for pk in order])
    ia = np.array([position[a] for a, _ in sorted(pairs)])
    ib = np.array([position[b] for _, b in sorted(pairs)])
    model = for_population(YOUTH_MODEL, visible.count())
    scored = score(model, table, table, ia, ib)
    ranked = [
        i for i in np.argsort(-scored.probability) if scored.probability[i] >= REVIEW_THRESHOLD
    ]
    found = [
        Pair(
            youths[order[ia[i]]],
            youths[order[ib[i]]],
            float(scored.probability[i]),
            YOUTH_MODEL.explain(scored.levels[i]),
        )
        for i in ranked[:limit]
    ]
    if found:
        shown = sorted({pair.a.pk for pair in found} | {pair.b.pk for pair in found})
        audit.log(actor, AuditEvent.Action.LIST, "youth", object_ids=shown)
    return found


@transaction.atomic
def do_mark_not_duplicate(actor: Actor, first_id: int, second_id: int) -> NotDuplicate:
    """ "Ce n'est pas la même personne": remembered, the pair leaves the queue."""
    actor.require(Perm.EDIT_YOUTH)
    if first_id == second_id:
        raise ValidationError({"__all__": [_("Choisissez deux fiches différentes.")]})
    low, high = sorted((first_id, second_id))
    if youths_visible_to(actor).filter(pk__in=[low, high]).count() != 2:
        raise Http404
    decision, _created = NotDuplicate.objects.get_or_create(
        youth_a_id=low,
        youth_b_id=high,
        defaults={"decided_by": actor.user, "decided_by_structure_id": actor.structure_id},
    )
    for youth_id in (low, high):
        audit.log(actor, AuditEvent.Action.UPDATE, "youth", youth_id, fields=["not_duplicate"])
    return decision
