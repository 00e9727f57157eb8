"""Text helpers shared by searches: folding and a rough French phonetic key."""

import re
import unicodedata


def normalise_text(text: str) -> str:
    """Free text as typed, for storing and comparing: ``\n`` line ends (browsers send
    ``\r\n``), no trailing spaces on a line, none around the whole."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def fold(text: str) -> str:
    """Lower case, no accents, hyphens and apostrophes as spaces.

    'Saint-Étienne' → 'saint etienne'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.replace("œ", "oe").replace("æ", "ae")
    return " ".join(re.sub(r"[-'’`]", " ", plain).split())


# Order matters: multi-letter spellings first. Enough to forgive the usual spelling
# variants of names typed in a hurry (Mohammed/Mohamed, Kévin/Kevin, Anaïs/Anais,
# Philippe/Filipe, Jessy/Jessie); record linkage proper lives in accroche/linkage.
_PHONETIC_RULES = [
    (r"ph", "f"),
    (r"qu", "k"),
    (r"ck", "k"),
    (r"c(?=[eiy])", "s"),
    (r"g(?=[eiy])", "j"),
    (r"gu(?=[eiy])", "g"),
    (r"ch", "x"),
    (r"sh", "x"),
    (r"c", "k"),
    (r"eau", "o"),
    (r"au", "o"),
    (r"ou", "u"),
    (r"(ai|ei)", "e"),
    (r"y", "i"),
    (r"ie$", "i"),
    (r"h", ""),
    (r"w", "v"),
    (r"z", "s"),
    (r"(.)\1+", r"\1"),
    (r"(?<=.)[estdx]$", ""),
]
_COMPILED = [(re.compile(pattern), repl) for pattern, repl in _PHONETIC_RULES]


def phonetic(word: str) -> str:
    """A rough French phonetic key of one word: 'Mohammed' and 'Mohamed' give 'moamed'."""
    key = re.sub(r"[^a-z]", "", fold(word))
    for pattern, repl in _COMPILED:
        key = pattern.sub(repl, key)
    return key


def phonetic_text(text: str) -> str:
    return " ".join(key for key in (phonetic(w) for w in fold(text).split()) if key)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)
