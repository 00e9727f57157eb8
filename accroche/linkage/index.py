"""Keeps each file's blocking keys and encodings in step with the file.

Called after a file is saved (``signals.py``, once the transaction commits), by the
``refresh_linkage`` command and by a daily job that catches up bulk changes."""

import hashlib
import hmac
import logging
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet

from accroche.linkage.blocking import record_keys
from accroche.linkage.bloom import Encoder, derive
from accroche.linkage.models import Encoding, LinkageKey
from accroche.linkage.normalise import normalise, to_table
from accroche.linkage.pprl_model import encoder as pprl_encoder
from accroche.youth.models import Youth

logger = logging.getLogger(__name__)
BATCH = 500


def secret() -> bytes:
    return settings.LINKAGE_KEY.encode()


@lru_cache(maxsize=4)
def _encoder(key: bytes) -> Encoder:
    return pprl_encoder(key)


def current_encoder() -> Encoder:
    return _encoder(secret())


@lru_cache(maxsize=4)
def _blocking_key(key: bytes) -> bytes:
    return derive(key, "blocking")


def hashed(keys: Iterable[str]) -> list[int]:
    """Blocking keys as keyed 64-bit hashes: the table never holds a name."""
    key = _blocking_key(secret())
    return [
        int.from_bytes(hmac.new(key, k.encode(), hashlib.sha256).digest()[:8], "big", signed=True)
        for k in keys
    ]


def youth_record(youth: Youth) -> dict[str, Any]:
    """A file as a record for ``normalise`` (its commune must be select_related)."""
    return {
        "first_name": youth.first_name,
        "nickname": youth.nickname,
        "last_name": youth.last_name,
        "birth_date": youth.birth_date,
        "birth_year": youth.birth_year,
        "phone": youth.phone,
        "email": youth.email,
        "gender": youth.gender,
        "social_handle": youth.social_handle,
        "residence_commune": youth.residence_commune.code if youth.residence_commune else "",
    }


def keys_of(rows: Sequence[dict[str, Any]]) -> list[list[int]]:
    return [hashed(keys) for keys in record_keys(to_table(rows))] if rows else []


@transaction.atomic
def refresh(youths: Sequence[Youth]) -> None:
    if not youths:
        return
    rows = [normalise(youth_record(youth)) for youth in youths]
    encoder = current_encoder()
    ids = [youth.pk for youth in youths]
    LinkageKey.objects.filter(youth_id__in=ids).delete()
    LinkageKey.objects.bulk_create(
        LinkageKey(youth_id=youth.pk, key=key)
        for youth, keys in zip(youths, keys_of(rows), strict=True)
        for key in set(keys)
    )
    encodings = []
    for youth, row in zip(youths, rows, strict=True):
        filters, mask = encoder.store(row, str(youth.pk))
        encodings.append(
            Encoding(
                youth_id=youth.pk,
                structure_id=youth.holder_structure_id,
                filters=filters,
                present=mask,
                key_fingerprint=encoder.fingerprint,
            )
        )
    Encoding.objects.bulk_create(
        encodings,
        update_conflicts=True,
        unique_fields=["youth"],
        update_fields=["structure", "filters", "present", "key_fingerprint", "updated_at"],
    )


def refresh_ids(ids: Iterable[int]) -> None:
    refresh(list(Youth.objects.filter(pk__in=list(ids)).select_related("residence_commune")))


def refresh_after_commit(youth_id: int) -> None:
    """A failure must not undo the saved file: log it, the daily job catches up."""
    try:
        refresh_ids([youth_id])
    except Exception:
        logger.exception("linkage refresh failed for youth %s", youth_id)


def _refresh_queryset(queryset: QuerySet[Youth]) -> int:
    count = 0
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        refresh_ids(ids[start : start + BATCH])
        count += len(ids[start : start + BATCH])
    return count


def refresh_all() -> int:
    return _refresh_queryset(Youth.objects.all())


def refresh_stale() -> int:
    """Files without encodings, encoded with another key, or changed since."""
    stale = Youth.objects.exclude(
        pk__in=Encoding.objects.filter(key_fingerprint=current_encoder().fingerprint).values(
            "youth_id"
        )
    ) | Youth.objects.filter(
        Q(pk__in=Encoding.objects.filter(updated_at__lt=F("youth__updated_at")).values("youth_id"))
    )
    return _refresh_queryset(stale.distinct())
