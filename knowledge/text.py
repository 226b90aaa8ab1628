"""Normalising place names the way people type them."""
from __future__ import annotations

import re
import unicodedata

_ARTICLES = ("le ", "la ", "les ", "l ")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def strip_accents(text: str) -> str:
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
            return normalized[len(article):]
    return normalized


def name_keys(name: str) -> set[str]:
    """Every normalised form under which a commune name may be looked up."""
    normalized = normalize(name)
    return {normalized, without_article(normalized)} - {""}


def clean_for_display(text: str, limit: int = 60) -> str:
    """User text safe to repeat back: letters, digits and simple punctuation, kept short."""
    kept = re.sub(r"[^\w\s'’\-,.()]", "", text, flags=re.UNICODE)
    kept = " ".join(kept.split())
    return kept if len(kept) <= limit else kept[: limit - 1].rstrip() + "…"
