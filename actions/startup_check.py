"""Imported by the action server at start (it imports every module of `actions`): it refuses to
start without a readable knowledge base, rather than answer every visitor "pas compris" later.
The launcher then reports the stop with this message (launcher/servers.py)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from actions.knowledge_access import knowledge_base
from knowledge.settings import database_url


def check_knowledge_base() -> None:
    url = database_url()
    database = make_url(url).database
    where = url.split("@")[-1]
    if make_url(url).get_backend_name() == "sqlite" and not (database and Path(database).is_file()):
        raise SystemExit(f"Base de connaissances absente ({where}) : lancez « bash scripts/setup.sh ».")
    try:
        knowledge_base()
    except (SQLAlchemyError, KeyError, ValueError) as error:
        raise SystemExit(
            f"Base de connaissances illisible ({where}) : {error}. Reconstruisez-la : « python -m knowledge build »."
        ) from error


check_knowledge_base()
