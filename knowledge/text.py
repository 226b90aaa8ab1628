"""Normalising place names the way people type them."""

from __future__ import annotations

import re
import unicodedata

_ARTICLES = ("le ", "la ", "les ", "l ")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def strip_accents(text: str) -> str:
    """'Pézenas' -> 'Pezenas'. The project's one accent stripping (the safety net and the staff's runner too)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize(text: str) -> str:
    """'Ste-Croix-Volvestre', 'sainte croix volvestre' and 'STE CROIX' share one form.

    Lower case, no accents, any punctuation (hyphens, apostrophes) as a single space,
    'st'/'ste' expanded, 's/' read as 'sur', 'œ' as 'oe'.
    """
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("s/", " sur ")
    text = _NON_ALNUM.sub(" ", strip_accents(text)).strip()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in text.split())


def without_article(normalized: str) -> str:
    """'le mas d azil' -> 'mas d azil'; names without an article are returned as they are."""
    for article in _ARTICLES:
        if normalized.startswith(article) and len(normalized) > len(article):
            return normalized[len(article) :]
    return normalized


def name_keys(name: str) -> set[str]:
    """Every normalised form under which a commune name may be looked up."""
    normalized = normalize(name)
    return {normalized, without_article(normalized)} - {""}


_ECHOABLE = re.compile(r"^[\w\s'’\-,.()]+$", flags=re.UNICODE)


def echoable(text: str, limit: int = 60) -> str | None:
    """User text that may be repeated back as it is (a plausible place name), else None.

    Markup, SQL, emojis or a very long text are never echoed: the answer stays generic.
    """
    text = " ".join(text.split())
    if not text or len(text) > limit or not _ECHOABLE.match(text) or not any(c.isalpha() for c in text):
        return None
    return text
