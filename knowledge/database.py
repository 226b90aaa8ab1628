"""The knowledge database's engine, for the loader (writes) and the knowledge base (reads)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine


def make_engine(url: str) -> Engine:
    """An engine for any SQLAlchemy URL; on SQLite, the folder is created and DDL is transactional."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        if engine.url.database:
            Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
        _transactional_ddl(engine)
    return engine


def _transactional_ddl(engine: Engine) -> None:
    """pysqlite commits before DDL on its own; let SQLAlchemy open the transaction so that
    dropping and recreating the tables is atomic (SQLAlchemy's documented recipe)."""

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")
