"""The knowledge base, read once for every custom component of the Rasa process that needs it
(the place gazetteer, the precise-fact rule), from the same database as the action server."""

from __future__ import annotations

from functools import lru_cache

from knowledge import KnowledgeBase


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    return KnowledgeBase.from_url()
