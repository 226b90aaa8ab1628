"""Shared fixtures: a knowledge database built from knowledge/data/ in a temporary folder."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from knowledge import KnowledgeBase
from knowledge.loader import build_database, load_data, make_engine
from knowledge.settings import DATA_DIR


@pytest.fixture(scope="session")
def knowledge_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('knowledge') / 'knowledge.db'}"
    build_database(make_engine(url), load_data(DATA_DIR))
    # The action server code reads the database from the environment, like in production.
    os.environ["KNOWLEDGE_DATABASE_URL"] = url
    return url


@pytest.fixture(scope="session")
def kb(knowledge_db_url: str) -> KnowledgeBase:
    return KnowledgeBase.from_url(knowledge_db_url)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of knowledge/data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
