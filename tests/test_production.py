"""Production mode (launcher/cluster.py): 2 Rasa servers and 2 action servers behind nginx, the
tracker store in PostgreSQL (a database of its own) and the lock in Redis (a redis-server of its
own, so that a test can stop it). Everything real: nginx from Debian (scripts/test.sh installs
it), the machine's PostgreSQL; skipped with the reason shown where one of them is missing.

The load test: 50 visitors × 20 turns at once through nginx, each from its own loopback address;
one in five also sends, every five turns, two messages at once, one to each Rasa server. Every
turn answered, every message stored exactly once and in order, nobody else's message in a
conversation. Then the faults: an action server, the Redis lock store, a Rasa server stopped.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import socketio
from sqlalchemy import create_engine, text

from benchmarks.cluster import (
    RedisServer,
    cluster_settings,
    converse_all,
    private_database,
    storage_problems,
    stored_messages,
)
from launcher.cluster import TOO_BIG, TOO_MANY, Cluster, nginx_binary, nginx_config
from launcher.servers import LaunchError
from webchat import limits

pytestmark = pytest.mark.integration

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
RATE = 20  # requests per second and address; the load test's visitors each have their own address


def postgres_problem() -> str | None:
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:
        return f"PostgreSQL injoignable ({POSTGRES_URL}) : {type(error).__name__}"
    return None


@pytest.fixture(scope="module")
def cluster(knowledge_db_url: str, tmp_path_factory: pytest.TempPathFactory):
    try:
        nginx_binary()
    except LaunchError as error:
        pytest.skip(str(error))
    problem = postgres_problem()
    if problem:
        pytest.skip(problem)
    workdir = tmp_path_factory.mktemp("cluster")
    redis = RedisServer(workdir)
    redis.start()
    try:
        with private_database(POSTGRES_URL) as database_url:
            settings = cluster_settings(2, database_url, redis.url, workdir, proxy_rate=RATE)
            running = Cluster(settings, extra_env={"KNOWLEDGE_DATABASE_URL": knowledge_db_url})
            try:
                running.start()
                running.wait_until_ready()
                yield {"cluster": running, "redis": redis, "database_url": database_url}
            except LaunchError as error:
                pytest.fail(str(error))
            finally:
                running.stop()
    finally:
        redis.stop()


def rasa_urls(cluster: Cluster) -> list[str]:
    return [f"http://127.0.0.1:{port}" for port in cluster.rasa_ports()]


def post(url: str, body: bytes, timeout: float = 60) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def say(url: str, sender: str, message: str) -> list[str]:
    status, answers = post(f"{url}/webhooks/rest/webhook", json.dumps({"sender": sender, "message": message}).encode())
    assert status == 200, answers
    return [answer.get("text", "") for answer in answers]


def test_nginx_serves_the_page_and_only_the_channels(cluster):
    url = cluster["cluster"].proxy_url
    with urllib.request.urlopen(f"{url}/", timeout=10) as page:
        assert "<html" in page.read().decode().lower()
    with urllib.request.urlopen(f"{url}/health", timeout=10) as health:
        assert health.status == 200
    # Rasa's other routes (its HTTP API, were it enabled) are not reachable from outside.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{url}/conversations/x/tracker", timeout=10)
    assert refused.value.code == 404


def test_fifty_visitors_twenty_turns_each_message_stored_once_in_order(cluster):
    running: Cluster = cluster["cluster"]
    result = converse_all(running.proxy_url, 50, 20, both=rasa_urls(running), pair_every=5)
    assert result.errors == []
    pairs = sum(len(turn) == 2 for visitor in result.visitors for turn in visitor.sent)
    assert pairs == 10 * 4  # 10 visitors, every 5 turns of 20: both servers at once for one conversation
    stored = stored_messages(cluster["database_url"], [visitor.sender for visitor in result.visitors])
    assert storage_problems(result, stored) == []
    assert sum(len(messages) for messages in stored.values()) == 50 * 20 + pairs


def test_storage_check_sees_a_lost_or_foreign_message(cluster):
    # The check above must be able to fail: a conversation with a message missing, or another's.
    running: Cluster = cluster["cluster"]
    result = converse_all(running.proxy_url, 2, 3)
    stored = stored_messages(cluster["database_url"], [visitor.sender for visitor in result.visitors])
    first, second = (visitor.sender for visitor in result.visitors)
    assert storage_problems(result, stored) == []
    assert storage_problems(result, {**stored, first: stored[first][:-1]}) != []
    assert storage_problems(result, {**stored, first: [*stored[first], stored[second][0]]}) != []


class Page:
    """A socket.io client through nginx, as the widget: long-polling and a `route` of its own."""

    def __init__(self, proxy_url: str, route: str, session_id: str | None = None) -> None:
        self.route = route
        self.client = socketio.Client(reconnection=False)
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.client.on("session_confirm", lambda sid: self.events.put(("session", sid)))
        self.client.on("bot_uttered", lambda data: self.events.put(("bot", data)))
        self.client.connect(f"{proxy_url}?route={route}", transports=["polling"], wait_timeout=10)
        self.client.emit("session_request", {"session_id": session_id})
        kind, self.session = self.events.get(timeout=10)
        assert kind == "session"

    def send(self, message: str, session_id: str | None = None) -> None:
        self.client.emit("user_uttered", {"message": message, "session_id": session_id or self.session})

    def answers(self, timeout: float, until: str | None = None) -> list[dict[str, Any]]:
        """The answers heard within `timeout`, or until one contains `until`."""
        got: list[dict[str, Any]] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                kind, data = self.events.get(timeout=max(0.05, deadline - time.monotonic()))
            except queue.Empty:
                break
            if kind == "bot":
                got.append(data)
                if until is not None and until in data.get("text", ""):
                    break
        return got

    def close(self) -> None:
        self.client.eio.disconnect(abort=True)


def test_pages_keep_their_server_and_their_conversation(cluster):
    running: Cluster = cluster["cluster"]
    pages = [Page(running.proxy_url, f"{i:016x}") for i in range(6)]  # enough routes to reach both servers
    try:
        for page in pages:
            page.send("Quel est le centre le plus proche de Saint-Girons ?")
        for page in pages:
            answers = page.answers(timeout=30, until="Sainte-Croix-Volvestre")
            texts = " ".join(answer.get("text", "") for answer in answers)
            assert "Sainte-Croix-Volvestre" in texts
        # One page writing into another's conversation (both servers know the other's id) is ignored.
        pages[0].send("Bonjour", session_id=pages[1].session)
        assert pages[0].answers(timeout=3) == [] and pages[1].answers(timeout=1) == []
    finally:
        for page in pages:
            page.close()


def health_from(proxy_url: str, address: str, times: int) -> list[tuple[int, str]]:
    """GET /health `times` times in a row on one connection from `address`: [(status, body)]."""
    host, port = proxy_url.split("//", 1)[1].rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=10, source_address=(address, 0))
    replies = []
    try:
        for _ in range(times):
            connection.request("GET", "/health")
            reply = connection.getresponse()
            replies.append((reply.status, reply.read().decode()))
    finally:
        connection.close()
    return replies


def test_the_proxy_limits_each_address_and_answers_in_french(cluster):
    url = cluster["cluster"].proxy_url
    replies = health_from(url, "127.0.0.77", RATE * 5 + 40)  # more than the burst, faster than the rate
    codes = [status for status, _ in replies]
    assert codes[0] == 200 and 429 in codes
    assert json.loads(next(body for status, body in replies if status == 429)) == {"error": TOO_MANY}
    assert health_from(url, "127.0.0.78", 1)[0][0] == 200  # another address is not slowed
    time.sleep(1.5)  # the bucket refills: the address is served again
    assert health_from(url, "127.0.0.77", 1)[0][0] == 200


def test_the_proxy_refuses_a_large_body_in_french(cluster):
    url = f"{cluster['cluster'].proxy_url}/webhooks/rest/webhook"
    body = json.dumps({"sender": "gros-corps", "message": "a" * 100_000}).encode()
    status, answer = post(url, body)
    assert (status, answer) == (413, {"error": TOO_BIG})


def stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def test_one_action_server_down_the_other_answers(cluster):
    running: Cluster = cluster["cluster"]
    stop(running.processes["actions-1"])
    try:
        for turn in range(6):
            answers = say(running.proxy_url, f"sans-actions-1-{turn}", "centre le plus proche de Saint-Girons")
            assert any("Sainte-Croix-Volvestre" in answer for answer in answers), answers
    finally:
        # What the production launcher does every second: the stopped server is started again.
        assert running.restart_stopped() == ["actions-1 (code -9)"]
        running.ready_after.pop("actions-1", None)
        running.wait_until_ready(timeout=time.monotonic() - running.started_at + 60, only=["actions-1"])
    with pytest.raises(LaunchError, match="actions-1"):  # stopped again within a minute: everything stops
        stop(running.processes["actions-1"])
        running.restart_stopped()
    running.launch({"actions-1": running.commands()["actions-1"]}, append=True)
    running.ready_after.pop("actions-1", None)
    running.wait_until_ready(timeout=time.monotonic() - running.started_at + 60, only=["actions-1"])


def test_redis_down_is_an_apology_and_nothing_half_stored_then_back(cluster):
    running: Cluster = cluster["cluster"]
    redis: RedisServer = cluster["redis"]
    sender = "sans-verrou"
    assert say(running.proxy_url, sender, "Bonjour")
    redis.stop()
    try:
        assert say(running.proxy_url, sender, "centre le plus proche de Foix") == [limits.SERVICE_FAULT]
        logs = "".join(running.log_path(name).read_text() for name in ("rasa-1", "rasa-2"))
        assert "Verrou Redis injoignable" in logs
    finally:
        redis.start()
    answers = say(running.proxy_url, sender, "centre le plus proche de Foix")
    assert answers and limits.SERVICE_FAULT not in answers
    assert stored_messages(cluster["database_url"], [sender])[sender] == ["Bonjour", "centre le plus proche de Foix"]


def test_one_rasa_server_down_the_other_answers_and_pages_resume(cluster):
    # Last: the stopped Rasa server is not started again (a minute of loading).
    running: Cluster = cluster["cluster"]
    pages = [Page(running.proxy_url, f"{i:016x}") for i in range(6)]  # some of them on rasa-2
    for page in pages:
        page.close()
    stop(running.processes["rasa-2"])
    for turn in range(6):
        answers = say(running.proxy_url, f"sans-rasa-2-{turn}", "centre le plus proche de Saint-Girons")
        assert any("Sainte-Croix-Volvestre" in answer for answer in answers), answers
    # Each page reconnects (as the widget does), gets its conversation back and is answered.
    for page in pages:
        again = Page(running.proxy_url, page.route, session_id=page.session)
        try:
            assert again.session == page.session
            again.send("centre le plus proche de Saint-Girons")
            answers = again.answers(timeout=30, until="Sainte-Croix-Volvestre")
            assert any("Sainte-Croix-Volvestre" in answer.get("text", "") for answer in answers)
        finally:
            again.close()


# Without servers: what the production mode refuses, and nginx's own check of the configuration.


def test_production_mode_refuses_sqlite_and_a_missing_lock(tmp_path: Path):
    sqlite = cluster_settings(2, f"sqlite:///{tmp_path / 't.db'}", "redis://127.0.0.1:6379/1", tmp_path)
    with pytest.raises(LaunchError, match="PostgreSQL"):
        Cluster(sqlite).check_before_start()
    no_lock = cluster_settings(2, POSTGRES_URL, "", tmp_path)
    with pytest.raises(LaunchError, match="LOCK_STORE_URL"):
        Cluster(no_lock).check_before_start()
    unreachable = cluster_settings(2, POSTGRES_URL, "redis://127.0.0.1:1/0", tmp_path)
    with pytest.raises(LaunchError, match="Verrou Redis injoignable"):
        Cluster(unreachable).check_before_start()


def test_nginx_accepts_the_generated_configuration(tmp_path: Path):
    try:
        binary = nginx_binary()
    except LaunchError as error:
        pytest.skip(str(error))
    config = nginx_config(
        listen="127.0.0.1:18000",
        action_listen="127.0.0.1:18001",
        rasa_ports=[15005, 15006],
        action_ports=[15055, 15056],
        web_port=18080,
        rate=10,
        run_dir=tmp_path,
    )
    (tmp_path / "nginx.conf").write_text(config)
    check = subprocess.run(
        [binary, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
