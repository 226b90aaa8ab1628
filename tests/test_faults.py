"""Faults caused for real on assistants of their own (not the shared `servers`): the action
server is stopped while visitors talk, then started again; the PostgreSQL tracker store loses
its table during a run, then gets it back."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from launcher.servers import LaunchError, http_ok, running
from launcher.settings import ROOT, Settings
from webchat import limits

pytestmark = pytest.mark.integration

MODEL = Path(os.environ.get("MODEL_PATH", ROOT / "models" / "assistant.tar.gz"))


def say(rasa_url: str, sender: str, message: str) -> str:
    request = urllib.request.Request(
        f"{rasa_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": message}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        replies: list[dict[str, Any]] = json.load(response)
    return "\n".join(r.get("text", "") for r in replies)


def test_action_server_down_then_back(knowledge_db_url: str, tmp_path: Path):
    if not MODEL.exists():
        pytest.fail(f"No trained model at {MODEL}: run `bash scripts/setup.sh`.")
    settings = Settings(
        rasa_port=5405,
        action_port=5455,
        model_path=MODEL,
        tracker_store_url=f"sqlite:///{tmp_path / 'tracker.db'}",
        log_dir=tmp_path,
    )
    try:
        with running(settings, web=False, extra_env={"KNOWLEDGE_DATABASE_URL": knowledge_db_url}) as assistant:
            url = settings.rasa_url
            assert "Foix (Ariège)" in say(url, "test-before", "centre le plus proche de Foix")

            actions = assistant.processes["actions"]
            os.killpg(actions.pid, signal.SIGKILL)
            actions.wait()
            # A question that needs the action server: an apology that says what to do, not silence.
            assert say(url, "test-before", "et à Pamiers ?") == limits.SERVICE_FAULT
            assert say(url, "test-new", "centre le plus proche de Foix") == limits.SERVICE_FAULT
            # An emergency needs no action: still answered.
            emergency = say(url, "test-new", "mon père ne respire plus")
            assert all(number in emergency for number in ("15", "112", "114"))
            assert "serveur d'actions injoignable" in (tmp_path / "rasa.log").read_text()

            # Back: the same conversations go on.
            with (tmp_path / "actions-again.log").open("wb") as log:
                assistant.processes["actions"] = subprocess.Popen(
                    assistant.commands()["actions"],
                    cwd=ROOT,
                    env=assistant.environment(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            deadline = time.monotonic() + 60
            while not http_ok(f"{settings.action_url}/health") and time.monotonic() < deadline:
                time.sleep(0.5)
            assert "Pamiers (Ariège)" in say(url, "test-before", "et à Pamiers ?")
    except LaunchError as error:
        pytest.fail(str(error))


POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
TRACKER_DATABASE = "ma_sante_tracker_fault_test"


@pytest.fixture
def postgres_tracker_url():
    """An empty PostgreSQL database of its own for the tracker store, dropped afterwards."""
    from sqlalchemy import create_engine, text

    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {TRACKER_DATABASE} WITH (FORCE)"))
            connection.execute(text(f"CREATE DATABASE {TRACKER_DATABASE}"))
    except Exception as error:  # no server here: say so rather than fail
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {error.__class__.__name__}")
    yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{TRACKER_DATABASE}"
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {TRACKER_DATABASE} WITH (FORCE)"))
    admin.dispose()


def test_tracker_store_lost_during_a_run_is_said_then_recovered(
    knowledge_db_url: str, tmp_path: Path, postgres_tracker_url: str
):
    from sqlalchemy import create_engine, text

    settings = Settings(
        rasa_port=5605,
        action_port=5655,
        model_path=MODEL,
        tracker_store_url=postgres_tracker_url,
        log_dir=tmp_path,
    )
    store = create_engine(postgres_tracker_url, isolation_level="AUTOCOMMIT")
    try:
        with running(settings, web=False, extra_env={"KNOWLEDGE_DATABASE_URL": knowledge_db_url}):
            url = settings.rasa_url
            assert "Foix (Ariège)" in say(url, "test-pg", "centre le plus proche de Foix")
            with store.connect() as connection:
                connection.execute(text("ALTER TABLE events RENAME TO events_away"))
            # The database fails: still an answer, and the visitor is told it will not be remembered.
            answer = say(url, "test-pg", "et à Pamiers ?")
            assert answer.endswith(limits.STORE_FAULT), answer
            assert "base des conversations injoignable" in (tmp_path / "rasa.log").read_text()
            with store.connect() as connection:
                connection.execute(text("ALTER TABLE events_away RENAME TO events"))
            # Back: the conversation stored before the outage goes on, and nothing more is said.
            answer = say(url, "test-pg", "et à Pamiers ?")
            assert "Pamiers (Ariège)" in answer and limits.STORE_FAULT not in answer
    except LaunchError as error:
        pytest.fail(str(error))
    finally:
        store.dispose()
