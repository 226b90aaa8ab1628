"""Privacy commands (staff/privacy.py) on a real SQL tracker store: the one the running
servers write (`servers` fixture), and a copy of it with old conversations."""

from __future__ import annotations

import shutil
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from staff.privacy import DAY, forget, main, purge

pytestmark = pytest.mark.integration


def talk(chat_url: str, sender: str) -> None:
    import json
    import urllib.request

    request = urllib.request.Request(
        f"{chat_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": "centre le plus proche de Foix"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    urllib.request.urlopen(request, timeout=60).close()


def senders(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")}


@dataclass
class Store:
    path: Path
    old: str
    recent: str


@pytest.fixture
def store(servers, tmp_path: Path) -> Store:
    """A copy of the servers' tracker store holding two conversations: one made 40 days ago."""
    old, recent = f"test-old-{uuid.uuid4().hex[:6]}", f"test-new-{uuid.uuid4().hex[:6]}"
    talk(servers["rasa_url"], old)
    talk(servers["rasa_url"], recent)
    copy = tmp_path / "tracker.db"
    shutil.copyfile(servers["tracker_db"], copy)
    with sqlite3.connect(copy) as connection:
        connection.execute("UPDATE events SET timestamp = timestamp - ? WHERE sender_id = ?", (40 * DAY, old))
    return Store(copy, old, recent)


def test_purge_deletes_whole_conversations_older_than_the_retention(store: Store):
    engine = create_engine(f"sqlite:///{store.path}")
    before = senders(store.path)
    counted = purge(engine, 30, dry_run=True)
    assert counted.conversations >= 1 and senders(store.path) == before  # a dry run changes nothing
    done = purge(engine, 30)
    assert done == counted
    after = senders(store.path)
    assert store.old not in after and store.recent in after
    with sqlite3.connect(store.path) as connection:
        oldest = connection.execute("SELECT MIN(timestamp) FROM events").fetchone()[0]
    assert oldest > time.time() - 30 * DAY


def test_forget_deletes_one_conversation(store: Store):
    engine = create_engine(f"sqlite:///{store.path}")
    done = forget(engine, store.recent)
    assert done.conversations == 1 and done.events > 3
    assert store.recent not in senders(store.path) and store.old in senders(store.path)


def test_the_command_speaks_french(store: Store, capsys):
    url = f"sqlite:///{store.path}"
    assert main(["forget", "personne", "--url", url]) == 0
    assert "Aucune conversation avec cet identifiant" in capsys.readouterr().out
    assert main(["purge", "--days", "0", "--url", url]) == 2
    assert main(["purge", "--url", f"sqlite:///{store.path.parent / 'vide.db'}"]) == 0
    assert "Aucune conversation gardée" in capsys.readouterr().out


def test_the_report_says_in_french_when_the_tracker_store_is_unreadable(monkeypatch, tmp_path, capsys):
    from staff import report

    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'absent' / 'tracker.db'}")
    assert report.main(["--out", str(tmp_path / "report")]) == 2
    assert "Base des conversations illisible" in capsys.readouterr().err
    assert not (tmp_path / "report").exists()


def test_the_report_reads_only_the_conversations_still_kept(store: Store):
    from staff.report import read_usage

    engine = create_engine(f"sqlite:///{store.path}")
    recent = read_usage(engine, days=60, retention_days=30)  # --days beyond the retention: capped
    everything = read_usage(engine, days=60, retention_days=60)
    assert len(everything.messages) > len(recent.messages) > 0
    assert (recent.until - recent.since).days == 30
