"""Privacy-preserving encodings: keyed, hardened field-level Bloom filters.

Each identifier (first name, last name, date of birth, phone…) becomes a set of tokens
(letter bigrams, a phonetic key, date parts) hashed into a 512-bit Bloom filter
(Schnell, Bachteler & Reiher 2009); two files are then compared by the Dice coefficient
of their filters, field by field, with the same Fellegi–Sunter scoring as in clear.

What protects the encodings (threat: someone gets the encoding table — a backup, another
instance, a national linkage unit — without the key):

* **Keyed hashing.** Positions come from HMAC-SHA-512 under a per-field key derived from
  ``LINKAGE_KEY``: without the key, nobody can encode a dictionary of names to compare.
* **Independent positions** ("random hashing"): each token's k positions are read from
  its own HMAC digest, not from the two-hash "double hashing" scheme whose linear
  structure a known attack exploits (Kroll & Steinmetzer 2015).
* **BLIP noise** (Schnell & Borgs 2016): each stored bit is flipped with probability
  ``NOISE``, from a generator seeded by the key and the record: two files with the same
  name no longer have the same filter, so counting identical filters — the frequency
  attack — finds nothing, at a small cost in similarity.
* **Balancing** (Schnell 2016): the stored filter is a keyed permutation of the filter
  followed by its complement, so every stored filter has the same number of ones and
  does not tell the length of the name.

Limits, stated plainly: an attacker with the key can re-encode candidates (the key is a
secret like SECRET_KEY); and cryptanalysis by pattern mining on many noisy filters remains
possible in principle (Christen et al. 2018), which is why the hint shown to users is
only a structure name, never a score or a field.
"""

import hashlib
import hmac
import struct
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from accroche.linkage.compare import select
from accroche.linkage.pairs import Pairs

BITS = 512
WORDS = BITS // 64
NOISE = 0.01


def derive(key: bytes, purpose: str) -> bytes:
    return hmac.new(key, purpose.encode(), hashlib.sha256).digest()


@lru_cache(maxsize=500_000)
def _positions(field_key: bytes, token: str, k: int) -> tuple[int, ...]:
    digest = hmac.new(field_key, token.encode(), hashlib.sha512).digest()
    return struct.unpack(f">{k}H", digest[: 2 * k])  # 65536 is a multiple of BITS: no bias


def bigrams(value: str) -> list[str]:
    if not value:
        return []
    padded = f"_{value.replace(' ', '_')}_"
    return [padded[i : i + 2] for i in range(len(padded) - 1)]


@dataclass(frozen=True)
class Field:
    name: str
    tokens: Callable[[Mapping[str, Any]], Sequence[str]]
    k: int = 20
    # Fields hashed with the same key can be compared crosswise (first/last name swapped).
    key_group: str = ""


def _bits(field_key: bytes, tokens: Iterable[str], k: int) -> np.ndarray:
    bits = np.zeros(BITS, dtype=bool)
    for token in tokens:
        bits[np.array(_positions(field_key, token, k)) % BITS] = True
    return bits


class Encoder:
    """Encodes normalised records with one key; ``store`` adds the hardening."""

    def __init__(self, key: bytes, fields: Sequence[Field], noise: float = NOISE) -> None:
        self.fields = tuple(fields)
        self.noise = noise
        self.key = key
        self.field_keys = [
            derive(key, f"bloom:{field.key_group or field.name}") for field in self.fields
        ]
        self.permutations = []
        for field in self.fields:
            seed = int.from_bytes(derive(key, f"permutation:{field.name}")[:8], "big")
            self.permutations.append(np.random.default_rng(seed).permutation(2 * BITS))
        self.inverse = [np.argsort(permutation) for permutation in self.permutations]
        self.fingerprint = derive(key, "fingerprint").hex()[:16]

    def filters(self, record: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
        """Plain filters (fields × BITS, bool) and which fields have a value."""
        out = np.zeros((len(self.fields), BITS), dtype=bool)
        present = np.zeros(len(self.fields), dtype=bool)
        for index, field in enumerate(self.fields):
            tokens = field.tokens(record)
            if tokens:
                out[index] = _bits(self.field_keys[index], tokens, field.k)
                present[index] = True
        return out, present

    def store(self, record: Mapping[str, Any], record_id: str) -> tuple[bytes, int]:
        """The hardened bytes to store for a record, and its presence mask."""
        filters, present = self.filters(record)
        seed = int.from_bytes(derive(self.key, f"noise:{record_id}")[:8], "big")
        rng = np.random.default_rng(seed)
        chunks = []
        for index in range(len(self.fields)):
            bits = filters[index]
            if present[index]:
                bits = bits ^ (rng.random(BITS) < self.noise)
            balanced = np.concatenate([bits, ~bits])[self.permutations[index]]
            chunks.append(np.packbits(balanced).tobytes())
        mask = sum(1 << index for index, has in enumerate(present) if has)
        return b"".join(chunks), mask

    def load(self, stored: bytes) -> np.ndarray:
        """Stored bytes → the (noisy) filters, fields × WORDS uint64, for comparison."""
        size = 2 * BITS // 8
        out = np.empty((len(self.fields), WORDS), dtype=np.uint64)
        for index in range(len(self.fields)):
            chunk = np.frombuffer(stored, dtype=np.uint8, count=size, offset=index * size)
            balanced = np.unpackbits(chunk)[self.inverse[index]]
            out[index] = np.packbits(balanced[:BITS]).view(">u8").astype(np.uint64)
        return out

    def table(self, filters: Sequence[np.ndarray], masks: Sequence[int]) -> dict[str, np.ndarray]:
        """Loaded filters of many records → a comparison table (one column per field)."""
        stacked = (
            np.stack(filters)
            if filters
            else np.zeros((0, len(self.fields), WORDS), dtype=np.uint64)
        )
        mask_array = np.array(masks, dtype=np.int64)
        out: dict[str, np.ndarray] = {}
        for index, field in enumerate(self.fields):
            out[field.name] = stacked[:, index, :]
            out[f"has_{field.name}"] = (mask_array >> index) & 1 == 1
        return out

    def plain_table(self, records: Sequence[Mapping[str, Any]]) -> dict[str, np.ndarray]:
        """Query side (never stored): filters without noise."""
        filters, masks = [], []
        for record in records:
            bits, present = self.filters(record)
            filters.append(np.packbits(bits, axis=1).view(">u8").astype(np.uint64))
            masks.append(sum(1 << i for i, has in enumerate(present) if has))
        return self.table(filters, masks)

    def stored_table(
        self, records: Sequence[Mapping[str, Any]], ids: Sequence[str]
    ) -> dict[str, np.ndarray]:
        """Store then load: what the database side of a comparison holds."""
        loaded, masks = [], []
        for record, record_id in zip(records, ids, strict=True):
            stored, mask = self.store(record, record_id)
            loaded.append(self.load(stored))
            masks.append(mask)
        return self.table(loaded, masks)


def dice(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    common = np.bitwise_count(x & y).sum(axis=1, dtype=np.int32)
    total = np.bitwise_count(x).sum(axis=1, dtype=np.int32) + np.bitwise_count(y).sum(
        axis=1, dtype=np.int32
    )
    return np.where(total > 0, 2.0 * common / np.maximum(total, 1), 0.0)


def dice_levels(field: str, thresholds: Sequence[float]) -> Callable[[Pairs], np.ndarray]:
    """Level = first Dice threshold reached; the last level is "different"."""

    def compute(p: Pairs) -> np.ndarray:
        similarity = dice(p.a(field), p.b(field))
        return select(
            [similarity >= t for t in thresholds], p.a(f"has_{field}") & p.b(f"has_{field}")
        )

    return compute
