"""A French-style synthetic population of young people, with the duplicates and errors
field workers actually make: typos, missing accents, nicknames, phonetic spellings,
compound names cut short, first and last names swapped, day and month swapped, a year
off by one, an estimated year instead of a date, missing fields, phone formats, e-mail
case. Siblings (same last name, commune) are added as hard non-matches.

Names come from Faker's French and Belgian lists (and those of the countries most French
families come from), plus names common in the priority neighbourhoods; frequencies
follow a Zipf law. Deterministic from the seed."""

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from faker.providers.person.es_ES import Provider as Spanish
from faker.providers.person.fr_BE import Provider as Belgian
from faker.providers.person.fr_FR import Provider as French
from faker.providers.person.it_IT import Provider as Italian
from faker.providers.person.pt_PT import Provider as Portuguese

from accroche.linkage.nicknames import DIMINUTIVES
from accroche.text import fold

EXTRA_GIVEN_MALE = [
    "Mohamed",
    "Mehdi",
    "Yanis",
    "Rayan",
    "Ilyes",
    "Adam",
    "Bilal",
    "Sofiane",
    "Karim",
    "Yassine",
    "Amine",
    "Nassim",
    "Walid",
    "Hamza",
    "Ibrahim",
    "Moussa",
    "Mamadou",
    "Oumar",
    "Souleymane",
    "Issa",
    "Abdoulaye",
    "Kader",
    "Samir",
    "Youssef",
    "Ayoub",
    "Kevin",
    "Dylan",
    "Jordan",
    "Anthony",
    "Jeremy",
    "Steven",
    "Enzo",
    "Nolan",
    "Lenny",
    "Kylian",
    "Mathis",
    "Killian",
]
EXTRA_GIVEN_FEMALE = [
    "Inès",
    "Yasmine",
    "Sarah",
    "Nour",
    "Aïcha",
    "Fatoumata",
    "Aminata",
    "Mariam",
    "Kadiatou",
    "Lina",
    "Sofia",
    "Imane",
    "Nadia",
    "Samira",
    "Leïla",
    "Myriam",
    "Assia",
    "Kenza",
    "Melissa",
    "Jessica",
    "Laura",
    "Océane",
    "Manon",
    "Jade",
    "Chloé",
    "Anaïs",
]
EXTRA_LAST = [
    "Diallo",
    "Traoré",
    "Camara",
    "Coulibaly",
    "Diop",
    "Ndiaye",
    "Sow",
    "Konaté",
    "Keita",
    "Cissé",
    "Touré",
    "Fofana",
    "Sylla",
    "Bah",
    "Barry",
    "Kanté",
    "Doumbia",
    "Benali",
    "Ben Ali",
    "Haddad",
    "Bouzid",
    "Belkacem",
    "Mansouri",
    "Saidi",
    "Hamdi",
    "Cherif",
    "Brahimi",
    "Khelifi",
    "Meziane",
    "Amrani",
    "Boukhari",
    "El Amrani",
    "Ait Ahmed",
    "Benmoussa",
    "Nguyen",
    "Tran",
    "Yilmaz",
    "Kaya",
    "Demir",
    "Celik",
    "Da Silva",
    "Dos Santos",
    "Ferreira",
    "Pereira",
    "Rodrigues",
    "Gomes",
    "Lopes",
]
COMPOUND_GIVEN = ["Jean-Baptiste", "Marie-Louise", "Anne-Sophie", "Jean-Marc", "Marie-Claire"]
COMMUNES = [f"76{n:03d}" for n in (540, 451, 575, 498, 322, 231, 157, 681, 108, 497, 402, 429)]
EMAIL_DOMAINS = ["gmail.com", "hotmail.fr", "yahoo.fr", "outlook.fr", "orange.fr", "icloud.com"]
KEYBOARD = "azertyuiopqsdfghjklmwxcvbn"


def _names(*sources: Any) -> list[str]:
    out: list[str] = []
    for source in sources:
        out.extend(source.keys() if isinstance(source, dict) else source)
    return sorted(set(out))


MALE = _names(French.first_names_male, Belgian.first_names_male, EXTRA_GIVEN_MALE)
FEMALE = _names(French.first_names_female, Belgian.first_names_female, EXTRA_GIVEN_FEMALE)
LAST = _names(
    French.last_names,
    Belgian.last_names,
    Portuguese.last_names,
    Spanish.last_names,
    Italian.last_names,
    EXTRA_LAST,
)
NICK_FOR = {canon: short for short, canon in DIMINUTIVES.items() if short != canon}


@dataclass
class Person:
    entity: int
    first_name: str
    last_name: str
    gender: str
    birth_date: datetime.date
    phone: str
    email: str
    commune: str
    nickname: str


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.emails: set[str] = set()
        # Frequency ranks drawn at random (not alphabetical); first names are more
        # concentrated than last names, as in the INSEE files.
        self.male_weights = self._zipf(len(MALE), 0.7)
        self.female_weights = self._zipf(len(FEMALE), 0.7)
        self.last_weights = self._zipf(len(LAST), 0.5)

    def _zipf(self, n: int, exponent: float) -> list[float]:
        weights = [1 / (rank + 1) ** exponent for rank in range(n)]
        self.rng.shuffle(weights)
        return weights

    def person(self, entity: int) -> Person:
        rng = self.rng
        gender = rng.choice(("woman", "man"))
        pool, weights = (
            (FEMALE, self.female_weights) if gender == "woman" else (MALE, self.male_weights)
        )
        first = rng.choices(pool, weights)[0] if rng.random() > 0.03 else rng.choice(COMPOUND_GIVEN)
        last = rng.choices(LAST, self.last_weights)[0]
        if rng.random() < 0.04:
            last = f"{last}-{rng.choices(LAST, self.last_weights)[0]}"
        born = datetime.date(2026, 1, 1) - datetime.timedelta(days=rng.randint(16 * 365, 29 * 365))
        phone = "0" + rng.choice("67") + "".join(rng.choice("0123456789") for _ in range(8))
        email = ""
        if rng.random() < 0.5:
            local = f"{first}.{last}" if rng.random() < 0.6 else f"{first}{born.year % 100}"
            email = fold(local).replace(" ", "") + "@" + rng.choice(EMAIL_DOMAINS)
            while email in self.emails:  # an address belongs to one person
                email = email.replace("@", str(rng.randrange(10)) + "@", 1)
            self.emails.add(email)
        nickname = ""
        if rng.random() < 0.15:
            nickname = NICK_FOR.get(fold(first), first[:3].capitalize() + first[:1].lower())
        return Person(
            entity, first, last, gender, born, phone, email, rng.choice(COMMUNES), nickname
        )

    def sibling(self, person: Person, entity: int) -> Person:
        """Same family: same last name, commune and sometimes e-mail domain; a hard non-match."""
        other = self.person(entity)
        other.last_name, other.commune = person.last_name, person.commune
        return other

    # --- the record a structure types --------------------------------------------------

    def record(self, person: Person, errors: int) -> dict[str, Any]:
        rng = self.rng
        data: dict[str, Any] = {
            "entity": person.entity,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "nickname": person.nickname if rng.random() < 0.5 else "",
            "gender": person.gender if rng.random() < 0.8 else "not_stated",
            "birth_date": person.birth_date,
            "birth_year": None,
            "phone": person.phone if rng.random() < 0.8 else "",
            "email": person.email if rng.random() < 0.7 else "",
            "residence_commune": person.commune if rng.random() < 0.85 else "",
        }
        for _ in range(errors):
            rng.choice(ERRORS)(self, data)
        data["phone"] = self.phone_format(data["phone"])
        return data

    def phone_format(self, phone: str) -> str:
        if not phone:
            return ""
        style = self.rng.randrange(4)
        if style == 0:
            return phone
        if style == 1:
            return " ".join(phone[i : i + 2] for i in range(0, 10, 2))
        if style == 2:
            return "+33 " + phone[1] + " " + " ".join(phone[i : i + 2] for i in range(2, 10, 2))
        return ".".join(phone[i : i + 2] for i in range(0, 10, 2))

    def typo(self, word: str) -> str:
        rng = self.rng
        if len(word) < 3:
            return word
        i = rng.randrange(1, len(word) - 1)
        kind = rng.randrange(4)
        if kind == 0:
            return word[:i] + word[i + 1 :]
        if kind == 1:
            return word[:i] + rng.choice(KEYBOARD) + word[i:]
        if kind == 2:
            return word[:i] + rng.choice(KEYBOARD) + word[i + 1 :]
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]

    def records(self, n_records: int, duplicate_share: float = 0.3) -> Iterator[dict[str, Any]]:
        """About ``n_records`` records; ``duplicate_share`` of them are extra files of a
        person already present (1 to 3 per person), with 1 to 3 errors each."""
        rng = self.rng
        entity = 0
        produced = 0
        while produced < n_records:
            person = self.person(entity)
            entity += 1
            yield self.record(person, 0 if rng.random() < 0.85 else 1)
            produced += 1
            if rng.random() < 0.03:
                sibling = self.sibling(person, entity)
                entity += 1
                yield self.record(sibling, 0)
                produced += 1
            if rng.random() < duplicate_share / (1 - duplicate_share) / 1.6:
                for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
                    yield self.record(person, rng.choice((1, 1, 1, 2, 2, 3)))
                    produced += 1


# --- the kinds of error ------------------------------------------------------------------


def _name_typo(g: Generator, d: dict[str, Any]) -> None:
    field = g.rng.choice(("first_name", "last_name"))
    if d[field]:
        d[field] = g.typo(d[field])


def _accents(g: Generator, d: dict[str, Any]) -> None:
    field = g.rng.choice(("first_name", "last_name"))
    value = d[field]
    d[field] = fold(value).title() if g.rng.random() < 0.5 else value.upper()
    if "-" in value and g.rng.random() < 0.5:
        d[field] = d[field].replace("-", " ")


def _phonetic(g: Generator, d: dict[str, Any]) -> None:
    field = g.rng.choice(("first_name", "last_name"))
    value = d[field]
    for old, new in (
        ("ph", "f"),
        ("y", "i"),
        ("mm", "m"),
        ("ll", "l"),
        ("é", "e"),
        ("c", "k"),
        ("ou", "u"),
        ("ss", "s"),
        ("t", "tt"),
        ("n", "nn"),
        ("ie", "y"),
        ("ai", "é"),
    ):
        if old in value:
            d[field] = value.replace(old, new, 1)
            return
    d[field] = value + "e"


def _nickname(g: Generator, d: dict[str, Any]) -> None:
    short = NICK_FOR.get(fold(d["first_name"]))
    if short:
        d["first_name"] = short.capitalize()
    elif d["nickname"]:
        d["first_name"], d["last_name"] = "", d["last_name"] if g.rng.random() < 0.5 else ""


def _compound(g: Generator, d: dict[str, Any]) -> None:
    for field in ("first_name", "last_name"):
        if "-" in d[field]:
            d[field] = d[field].split("-")[g.rng.randrange(2)]
            return
    _name_typo(g, d)


def _swap_names(g: Generator, d: dict[str, Any]) -> None:
    if d["first_name"] and d["last_name"]:
        d["first_name"], d["last_name"] = d["last_name"], d["first_name"]


def _day_month(g: Generator, d: dict[str, Any]) -> None:
    born = d["birth_date"]
    if born and born.day <= 12 and born.day != born.month:
        d["birth_date"] = born.replace(day=born.month, month=born.day)
    else:
        _year(g, d)


def _year(g: Generator, d: dict[str, Any]) -> None:
    born = d["birth_date"]
    if born:
        try:
            d["birth_date"] = born.replace(year=born.year + g.rng.choice((-1, 1)))
        except ValueError:  # 29 February
            d["birth_date"] = born.replace(year=born.year + 1, day=28)


def _date_typo(g: Generator, d: dict[str, Any]) -> None:
    born = d["birth_date"]
    if born:
        try:
            d["birth_date"] = born.replace(day=int(str(born.day).zfill(2)[::-1]) or 1)
        except ValueError:
            d["birth_date"] = born.replace(day=min(born.day + 1, 28))


def _year_only(g: Generator, d: dict[str, Any]) -> None:
    born = d["birth_date"]
    if born:
        d["birth_date"], d["birth_year"] = None, born.year + g.rng.choice((0, 0, 0, -1, 1))


def _missing(g: Generator, d: dict[str, Any]) -> None:
    field = g.rng.choice(("last_name", "birth_date", "phone", "email", "residence_commune"))
    d[field] = None if field == "birth_date" else ""
    if not d["first_name"] and not d["nickname"]:
        d["nickname"] = "?"


def _phone_typo(g: Generator, d: dict[str, Any]) -> None:
    if d["phone"]:
        i = g.rng.randrange(2, 10)
        d["phone"] = d["phone"][:i] + g.rng.choice("0123456789") + d["phone"][i + 1 :]


def _new_phone(g: Generator, d: dict[str, Any]) -> None:
    d["phone"] = "0" + g.rng.choice("67") + "".join(g.rng.choice("0123456789") for _ in range(8))


def _email_case(g: Generator, d: dict[str, Any]) -> None:
    d["email"] = d["email"].capitalize() if g.rng.random() < 0.5 else d["email"].upper()


def _moved(g: Generator, d: dict[str, Any]) -> None:
    d["residence_commune"] = g.rng.choice(COMMUNES)


ERRORS = (
    _name_typo,
    _name_typo,
    _accents,
    _phonetic,
    _nickname,
    _compound,
    _swap_names,
    _day_month,
    _year,
    _date_typo,
    _year_only,
    _missing,
    _missing,
    _phone_typo,
    _new_phone,
    _email_case,
    _moved,
)


def dataset(n_records: int, seed: int = 2026) -> list[dict[str, Any]]:
    return list(Generator(seed).records(n_records))


def true_pairs(records: list[dict[str, Any]]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of records of the same person."""
    by_entity: dict[int, list[int]] = {}
    for index, record in enumerate(records):
        by_entity.setdefault(record["entity"], []).append(index)
    return {
        (members[x], members[y])
        for members in by_entity.values()
        for x in range(len(members))
        for y in range(x + 1, len(members))
    }
