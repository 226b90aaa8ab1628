"""The knowledge base on PostgreSQL, through the same SQLAlchemy code as SQLite.

Runs against TEST_POSTGRES_URL (default: the local server, database `test`), in a schema of
its own so that it never touches other tables there; skipped, with the reason shown, where no
PostgreSQL server answers.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from knowledge import KnowledgeBase
from knowledge.database import make_engine
from knowledge.loader import build_database, load_data, stored_data_hash

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
SCHEMA = "ma_sante_knowledge_test"


@pytest.fixture(scope="module")
def postgres_engine():
    admin = make_engine(POSTGRES_URL)
    try:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    except Exception as error:  # no server here: say so rather than fail
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: {error.__class__.__name__}")
    separator = "&" if "?" in POSTGRES_URL else "?"
    engine = make_engine(f"{POSTGRES_URL}{separator}options=-csearch_path%3D{SCHEMA}")
    yield engine
    engine.dispose()
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
    admin.dispose()


def test_build_and_query_on_postgres(postgres_engine):
    data = load_data()
    build_database(postgres_engine, data)
    assert stored_data_hash(postgres_engine) == data.data_hash
    kb = KnowledgeBase(postgres_engine)
    assert kb.resolve_place("St Girons").commune.insee == "09261"
    assert kb.resolve_place("Prades").kind == "ambiguous"
    assert kb.nearest_to_commune(kb.resolve_place("Perpignan").commune).open_centres[0].centre.id == "millas"


def test_failed_build_on_postgres_changes_nothing(postgres_engine):
    good = load_data()
    build_database(postgres_engine, good)
    broken = load_data()
    broken.rows["centres"].append(dict(broken.rows["centres"][0]))
    with pytest.raises(IntegrityError):
        build_database(postgres_engine, broken)
    kb = KnowledgeBase(postgres_engine)
    assert len(kb.centres) == len(good.rows["centres"])
