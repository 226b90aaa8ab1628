"""One knowledge base per action-server process, loaded on first use (about a second)."""

from __future__ import annotations

from functools import lru_cache

from knowledge import KnowledgeBase


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    return KnowledgeBase.from_url()
