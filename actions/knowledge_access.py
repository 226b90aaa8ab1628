"""One knowledge base per action-server process, loaded on first use (about a second), and loaded
again when staff have rebuilt the database (`python -m knowledge centre-status … --write`,
`python -m knowledge build`): the running assistant uses the new facts without a restart."""

from __future__ import annotations

import logging
import threading
import time
from functools import lru_cache

from sqlalchemy.engine import Engine

from knowledge import KnowledgeBase
from knowledge.database import make_engine
from knowledge.loader import stored_data_hash
from knowledge.settings import database_url

logger = logging.getLogger(__name__)
RECHECK_SECONDS = 5.0  # how often the database's data hash is read (one small query)

_lock = threading.Lock()
_loaded: KnowledgeBase | None = None
_loaded_hash: str | None = None
_loaded_url: str | None = None
_checked_at = 0.0


@lru_cache(maxsize=4)
def _engine(url: str) -> Engine:
    return make_engine(url)


def forget() -> None:
    """The next call loads the knowledge base again (tests switch databases)."""
    global _loaded, _loaded_hash
    with _lock:
        _loaded, _loaded_hash = None, None


def knowledge_base() -> KnowledgeBase:
    global _loaded, _loaded_hash, _loaded_url, _checked_at
    now = time.monotonic()
    if _loaded is not None and now - _checked_at < RECHECK_SECONDS:
        return _loaded
    with _lock:
        url = database_url()
        _checked_at = now
        try:
            current = stored_data_hash(_engine(url))
            if _loaded is None or current != _loaded_hash or _loaded_url != url:
                _loaded = KnowledgeBase.from_url(url)
                _loaded_hash, _loaded_url = current, url
        except Exception:  # locked, unreachable, being rebuilt: keep answering with what is loaded
            if _loaded is None:
                raise
            logger.warning("Base de connaissances illisible pour l'instant : les faits déjà chargés servent encore.")
        return _loaded
