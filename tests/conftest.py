"""Shared fixtures: a knowledge database built from knowledge/data/ in a temporary folder, and the
running assistant (action server, Rasa server, web page) for the tests that talk to it
(test_rest.py, test_web.py), started once for the whole session so the model is loaded only once."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from knowledge import KnowledgeBase
from knowledge.database import make_engine
from knowledge.loader import build_database, load_data
from knowledge.settings import DATA_DIR
from launcher.servers import LaunchError, running
from launcher.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
MODEL = Path(os.environ.get("MODEL_PATH", ROOT / "models" / "assistant.tar.gz"))
# Spare ports, so that the tests can run beside `scripts/run.sh` (5005/5055/8080).
RASA_PORT = int(os.environ.get("TEST_RASA_PORT", "5305"))
ACTION_PORT = int(os.environ.get("TEST_ACTION_PORT", "5355"))
WEB_PORT = int(os.environ.get("TEST_WEB_PORT", "5380"))


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


@pytest.fixture(scope="session")
def servers(knowledge_db_url: str, tmp_path_factory: pytest.TempPathFactory):
    """The action server, the Rasa server (REST and socket.io) and the web page, started by the
    launcher scripts/run.sh uses (launcher/), on spare ports with a tracker store of their own."""
    if not MODEL.exists():
        pytest.fail(f"No trained model at {MODEL}: run `bash scripts/setup.sh` (the test command does).")
    workdir = tmp_path_factory.mktemp("servers")
    tracker_db = workdir / "tracker.db"
    settings = Settings(
        rasa_port=RASA_PORT,
        action_port=ACTION_PORT,
        web_port=WEB_PORT,
        model_path=MODEL,
        tracker_store_url=f"sqlite:///{tracker_db}",
        log_dir=workdir,
    )
    try:
        with running(settings, extra_env={"KNOWLEDGE_DATABASE_URL": knowledge_db_url}) as assistant:
            yield {
                "tracker_db": tracker_db,
                "logs": [assistant.log_path(name) for name in assistant.processes],
                "rasa_url": settings.rasa_url,
                "web_url": settings.web_url,
            }
    except LaunchError as error:
        pytest.fail(str(error))


@pytest.fixture
def stored_events(servers):
    """The events the running servers stored for one conversation: [(type, data)], oldest first."""

    def read(sender: str) -> list[tuple[str, dict]]:
        connection = sqlite3.connect(servers["tracker_db"])
        try:
            rows = connection.execute(
                "SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
            ).fetchall()
        finally:
            connection.close()
        return [(kind, json.loads(data)) for kind, data in rows]

    return read
