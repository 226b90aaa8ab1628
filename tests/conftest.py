"""Shared fixtures: a knowledge database built from knowledge/data/ in a temporary folder, and the
running assistant (action server + Rasa server) for the tests that talk to it (test_rest.py,
test_web.py), started once for the whole session so the model is loaded only once."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from knowledge import KnowledgeBase
from knowledge.loader import build_database, load_data, make_engine
from knowledge.settings import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
MODEL = Path(os.environ.get("MODEL_PATH", ROOT / "models" / "assistant.tar.gz"))
# Spare ports, so that the tests can run beside `scripts/run.sh` (5005/5055/8080).
RASA_PORT = int(os.environ.get("TEST_RASA_PORT", "5305"))
ACTION_PORT = int(os.environ.get("TEST_ACTION_PORT", "5355"))
BIN = Path(sys.executable).parent


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


def wait_until_up(url: str, processes: list[subprocess.Popen], logs: list[Path], timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process, log in zip(processes, logs):
            if process.poll() is not None:
                pytest.fail(f"server exited early, log {log}:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(1)
    pytest.fail(f"{url} did not answer within {timeout} s")


def start(commands: dict[str, list[str]], env: dict[str, str], workdir: Path) -> tuple[list[subprocess.Popen], list[Path]]:
    processes, logs = [], []
    for name, command in commands.items():
        log = workdir / f"{name}.log"
        logs.append(log)
        processes.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                                          start_new_session=True))
    return processes, logs


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def servers(knowledge_db_url: str, tmp_path_factory: pytest.TempPathFactory):
    """The action server and the Rasa server (REST and socket.io) with the trained model."""
    if not MODEL.exists():
        pytest.fail(f"No trained model at {MODEL}: run `bash scripts/setup.sh` (the test command does).")
    workdir = tmp_path_factory.mktemp("servers")
    tracker_db = workdir / "tracker.db"
    env = {
        **os.environ,
        "KNOWLEDGE_DATABASE_URL": knowledge_db_url,
        "TRACKER_STORE_URL": f"sqlite:///{tracker_db}",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ACTION_PORT}/webhook",
        "PYTHONPATH": str(ROOT),
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "RASA_TELEMETRY_ENABLED": "false",
    }
    commands = {
        "actions": [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(ACTION_PORT)],
        "rasa": [str(BIN / "rasa"), "run", "--model", str(MODEL), "--endpoints", "endpoints.yml",
                 "--credentials", "credentials.yml", "--interface", "127.0.0.1", "--port", str(RASA_PORT),
                 "--cors", "*"],  # as scripts/run.sh: the web page polls socket.io from another origin
    }
    processes, logs = start(commands, env, workdir)
    try:
        wait_until_up(f"http://127.0.0.1:{ACTION_PORT}/health", processes, logs)
        wait_until_up(f"http://127.0.0.1:{RASA_PORT}/", processes, logs)
        yield {"tracker_db": tracker_db, "logs": logs, "rasa_url": f"http://127.0.0.1:{RASA_PORT}"}
    finally:
        stop(processes)
