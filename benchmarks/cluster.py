"""Load on the production mode (launcher/cluster.py): concurrent conversations through nginx,
each visitor from its own loopback address, and what the tracker store kept of them.

    source scripts/env.sh && python -m benchmarks.cluster [--instances 1 2] [--users 10 25 50] [--turns 20]
    source scripts/env.sh && python -m benchmarks.cluster --measure locks --users 20 --turns 8

Starts the cluster for each number of instances, each with a PostgreSQL database (on the server
of --postgres) and a Redis server of its own, runs the conversations, prints turns per second and
latency, and exits 1 if a turn failed or a message was not stored exactly once and in order.
`--measure locks` compares Rasa's RedisLockStore with ours (webchat/lock_store.py) when every
message of every visitor reaches both servers at once.
tests/test_production.py uses `converse_all`, `stored_messages` and `storage_problems`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from sqlalchemy import create_engine, text

from launcher.cluster import Cluster
from launcher.servers import spare_port, stop_process_groups
from launcher.settings import ROOT, Settings
from webchat import limits

# Communes of Occitanie with a name found nowhere else in France, one per visitor and turn.
COMMUNES = (
    "Saint-Girons",
    "Lavelanet",
    "Pamiers",
    "Mirepoix",
    "Tarascon-sur-Ariège",
    "Castelnaudary",
    "Limoux",
    "Quillan",
    "Lézignan-Corbières",
    "Rodez",
    "Millau",
    "Espalion",
    "Decazeville",
    "Villefranche-de-Rouergue",
    "Alès",
    "Uzès",
    "Ganges",
    "Bagnols-sur-Cèze",
    "Muret",
    "Saint-Gaudens",
    "Saint-Affrique",
    "Auch",
    "Condom",
    "Lectoure",
    "Mirande",
    "Figeac",
    "Gourdon",
    "Cahors",
    "Souillac",
    "Mende",
    "Marvejols",
    "Florac-Trois-Rivières",
    "Tarbes",
    "Lourdes",
    "Lannemezan",
    "Argelès-Gazost",
    "Perpignan",
    "Ille-sur-Têt",
    "Céret",
    "Albi",
    "Castres",
    "Gaillac",
    "Lavaur",
    "Montauban",
    "Moissac",
    "Castelsarrasin",
    "Béziers",
    "Lodève",
    "Sète",
    "Pézenas",
)
# A visitor's turns: questions answered by actions and by rules; {place} changes at each turn.
SCRIPT = (
    "Bonjour",
    "Quel est le centre de santé le plus proche de {place} ?",
    "Merci",
    "Et pour {place} ?",
    "Comment devenir médecin salarié de la Région ?",
    "J'habite à {place}, je peux consulter où ?",
    "C'est quoi le CESP ?",
    "Le centre le plus proche de {place} est-il ouvert ?",
)


def visitor_messages(visitor: int, turns: int) -> list[str]:
    messages = []
    for turn in range(turns):
        place = COMMUNES[(visitor * 7 + turn) % len(COMMUNES)]
        messages.append(SCRIPT[(visitor + turn) % len(SCRIPT)].format(place=place))
    return messages


@dataclass
class Visitor:
    sender: str
    address: str  # the loopback address it sends from: nginx limits requests per address
    sent: list[list[str]] = field(default_factory=list)  # one list per turn: 1 message, or 2 sent at once
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    visitors: list[Visitor]
    seconds: float

    @property
    def turns(self) -> int:
        return sum(len(visitor.latencies) for visitor in self.visitors)

    @property
    def errors(self) -> list[str]:
        return [error for visitor in self.visitors for error in visitor.errors]

    def latency(self, quantile: float) -> float:
        values = sorted(latency for visitor in self.visitors for latency in visitor.latencies)
        return values[min(len(values) - 1, int(quantile * len(values)))] if values else float("nan")


async def _post(session: aiohttp.ClientSession, url: str, sender: str, message: str) -> tuple[float, str | None]:
    started = time.perf_counter()
    try:
        async with session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}) as reply:
            body = await reply.text()
            if reply.status != 200:
                return time.perf_counter() - started, f"HTTP {reply.status}: {body[:200]}"
            answers = json.loads(body)
            texts = [answer.get("text") for answer in answers]
            if not any(texts):
                return time.perf_counter() - started, f"réponse vide à {message!r}"
            if limits.SERVICE_FAULT in texts or limits.STORE_FAULT in texts:
                return time.perf_counter() - started, f"excuses du service à {message!r}"
    except (TimeoutError, aiohttp.ClientError) as error:
        return time.perf_counter() - started, f"{type(error).__name__}: {error}"
    return time.perf_counter() - started, None


async def _converse(
    visitor: Visitor, messages: list[str], proxy_url: str, both: Sequence[str], pair_every: int
) -> None:
    connector = aiohttp.TCPConnector(local_addr=(visitor.address, 0), limit=4)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        for turn, message in enumerate(messages):
            if pair_every and both and turn % pair_every == pair_every - 1:
                # Two messages of this visitor at once, one straight to each Rasa server.
                pair = [message, f"{message} (bis)"]
                results = await asyncio.gather(
                    *(_post(session, url, visitor.sender, text) for url, text in zip(both, pair, strict=False))
                )
                visitor.sent.append(pair)
            else:
                results = [await _post(session, proxy_url, visitor.sender, message)]
                visitor.sent.append([message])
            for latency, error in results:
                visitor.latencies.append(latency)
                if error:
                    visitor.errors.append(f"{visitor.sender} tour {turn + 1} : {error}")


async def _converse_all(
    proxy_url: str, users: int, turns: int, both: Sequence[str], pair_every: int, pairing: int, prefix: str
) -> LoadResult:
    visitors = [Visitor(f"{prefix}-{i}", f"127.0.{1 + i // 250}.{1 + i % 250}") for i in range(users)]
    started = time.perf_counter()
    await asyncio.gather(
        *(
            _converse(visitor, visitor_messages(i, turns), proxy_url, both if i % pairing == 0 else (), pair_every)
            for i, visitor in enumerate(visitors)
        )
    )
    return LoadResult(visitors, time.perf_counter() - started)


def converse_all(
    proxy_url: str,
    users: int,
    turns: int,
    *,
    both: Sequence[str] = (),
    pair_every: int = 0,
    pairing: int = 5,
    prefix: str = "",
) -> LoadResult:
    """`users` conversations of `turns` turns at once through `proxy_url`, each visitor from its
    own address; one visitor in `pairing` also sends, every `pair_every` turns, two messages at
    once, one to each URL of `both` (the Rasa servers themselves)."""
    prefix = prefix or f"charge-{uuid.uuid4().hex[:8]}"
    return asyncio.run(_converse_all(proxy_url, users, turns, both, pair_every, pairing, prefix))


def stored_messages(tracker_store_url: str, senders: Sequence[str]) -> dict[str, list[str]]:
    """The user messages the tracker store kept for each sender, oldest first."""
    engine = create_engine(tracker_store_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT sender_id, data FROM events WHERE type_name = 'user' "
                    "AND sender_id = ANY(:senders) ORDER BY id"
                ),
                {"senders": list(senders)},
            ).fetchall()
    finally:
        engine.dispose()
    stored: dict[str, list[str]] = {sender: [] for sender in senders}
    for sender, data in rows:
        stored[sender].append(json.loads(data).get("text"))
    return stored


def storage_problems(result: LoadResult, stored: dict[str, list[str]]) -> list[str]:
    """Each visitor's messages must be stored exactly once, in the order sent (the two messages
    sent at once may be stored in either order)."""
    problems = []
    for visitor in result.visitors:
        kept = stored.get(visitor.sender, [])
        position = 0
        for turn, messages in enumerate(visitor.sent):
            got = kept[position : position + len(messages)]
            if sorted(got) != sorted(messages):
                problems.append(f"{visitor.sender} tour {turn + 1} : envoyé {messages}, gardé {got}")
                break
            position += len(messages)
        else:
            if position != len(kept):
                problems.append(f"{visitor.sender} : {len(kept) - position} message(s) de trop : {kept[position:]}")
    return problems


# ---------------------------------------------------------------------------------------------
# The benchmark: starts its own cluster, PostgreSQL database and Redis server.


class RedisServer:
    """A Redis server of our own (the machine's redis-server binary) on a spare port, that a
    test may stop and start again on the same port."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = spare_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/sbin/redis-server"
        command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            [*command, "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server ne répond pas sur le port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            stop_process_groups([self.process], grace=5)
            self.process = None


@contextlib.contextmanager
def private_redis(workdir: Path) -> Iterator[RedisServer]:
    server = RedisServer(workdir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def private_database(admin_url: str) -> Iterator[str]:
    """A new PostgreSQL database on the server of `admin_url`, dropped afterwards."""
    name = f"ma_sante_charge_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{admin_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def cluster_settings(instances: int, postgres_url: str, redis_url: str, workdir: Path, **overrides: object) -> Settings:
    defaults: dict[str, object] = {
        "rasa_port": spare_port(instances),
        "action_port": spare_port(instances),
        "web_port": spare_port(),
        "proxy_port": spare_port(2),
        "instances": instances,
        "tracker_store_url": postgres_url,
        "lock_store_url": redis_url,
        "log_dir": workdir,
        "model_path": Path(os.environ.get("MODEL_PATH", ROOT / "models" / "assistant.tar.gz")),
    }
    return Settings(**{**defaults, **overrides})  # type: ignore[arg-type]


class RasaLockCluster(Cluster):
    """The same cluster with Rasa 3.6's own RedisLockStore, for comparison only."""

    def rasa_command(self, port: int) -> list[str]:
        endpoints = self.settings.log_dir / "endpoints-rasa-lock.yml"
        redis_url = self.settings.lock_store_url.removeprefix("redis://")
        host, port_db = redis_url.split(":", 1)
        redis_port, db = port_db.split("/", 1)
        ours = (ROOT / "endpoints.yml").read_text()
        lock = f"lock_store:\n  type: redis\n  url: {host}\n  port: {redis_port}\n  db: {db}\n"
        endpoints.write_text(ours[: ours.index("lock_store:")] + lock)
        command = super().rasa_command(port)
        command[command.index("--endpoints") + 1] = str(endpoints)
        return command


@contextlib.contextmanager
def started(instances: int, postgres_url: str, lock: str = "atomic") -> Iterator[tuple[Cluster, str]]:
    """A cluster of `instances` with a PostgreSQL database and a Redis server of its own."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        private_redis(Path(tmp)) as redis,
        private_database(postgres_url) as database_url,
    ):
        kind = RasaLockCluster if lock == "rasa" else Cluster
        cluster = kind(cluster_settings(instances, database_url, redis.url, Path(tmp), proxy_rate=100_000), web=False)
        try:
            cluster.start()
            ready = max(cluster.wait_until_ready().values())
            print(f"{instances} instance(s), verrou {lock} : prêt(s) en {ready:.0f} s", flush=True)
            converse_all(cluster.proxy_url, 5, 4)  # warm-up: first turns load lazy parts
            yield cluster, database_url
        finally:
            cluster.stop()


def cpu_seconds(cluster: Cluster) -> dict[str, float]:
    """CPU time used so far by each kind of process: Rasa, actions, nginx, PostgreSQL, and this
    load generator; what is left of the cores is idle."""
    import psutil

    def used(process: psutil.Process) -> float:
        try:
            times = process.cpu_times()
            return float(times.user + times.system)
        except psutil.Error:
            return 0.0

    totals: dict[str, float] = {}
    for name, child in cluster.processes.items():
        kind = name.split("-")[0]
        try:
            tree = [psutil.Process(child.pid), *psutil.Process(child.pid).children(recursive=True)]
        except psutil.Error:
            continue
        totals[kind] = totals.get(kind, 0.0) + sum(used(process) for process in tree)
    totals["postgres"] = sum(
        used(process) for process in psutil.process_iter(["name"]) if process.info["name"] == "postgres"
    )
    totals["load"] = used(psutil.Process())
    return totals


def measure_throughput(args: argparse.Namespace) -> bool:
    rows = []
    failed = False
    for instances in args.instances:
        with started(instances, args.postgres) as (cluster, database_url):
            for users in args.users:
                before = cpu_seconds(cluster)
                result = converse_all(cluster.proxy_url, users, args.turns)
                after = cpu_seconds(cluster)
                cores = (os.cpu_count() or 1) * result.seconds
                shares = {kind: (after[kind] - before.get(kind, 0.0)) / cores for kind in after}
                busy = ", ".join(f"{kind} {share:.0%}" for kind, share in shares.items())
                print(f"  {users} visiteurs, part des {os.cpu_count()} cœurs : {busy}", flush=True)
                problems = result.errors + storage_problems(
                    result, stored_messages(database_url, [v.sender for v in result.visitors])
                )
                failed |= bool(problems)
                rate = result.turns / result.seconds
                rows.append((instances, users, result.turns, rate, result.latency(0.5), result.latency(0.95), problems))
                print(f"  {users} visiteurs : {rate:.1f} tours/s, {len(problems)} problème(s)", flush=True)
                for problem in problems[:5]:
                    print(f"    {problem}")
    print("\n| instances | visitors | turns | turns/s | p50 (ms) | p95 (ms) | problems |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for instances, users, turns, rate, p50, p95, problems in rows:
        milliseconds = f"{p50 * 1000:.0f} | {p95 * 1000:.0f}"
        print(f"| {instances} | {users} | {turns} | {rate:.1f} | {milliseconds} | {len(problems)} |")
    by_users = {(row[0], row[1]): row[3] for row in rows}
    for users in args.users:
        if (1, users) in by_users and (2, users) in by_users:
            print(f"{users} visiteurs : 2 instances / 1 = {by_users[(2, users)] / by_users[(1, users)]:.2f}×")
    return failed


def measure_locks(args: argparse.Namespace) -> bool:
    """Every visitor sends each message twice at once, one to each Rasa server: how many of
    the messages each lock store lets the tracker store keep."""
    rows = []
    for lock in ("rasa", "atomic"):
        with started(2, args.postgres, lock) as (cluster, database_url):
            urls = [f"http://127.0.0.1:{port}" for port in cluster.rasa_ports()]
            result = converse_all(cluster.proxy_url, args.users[0], args.turns, both=urls, pair_every=1, pairing=1)
            stored = stored_messages(database_url, [v.sender for v in result.visitors])
            sent = sum(len(turn) for visitor in result.visitors for turn in visitor.sent)
            kept = sum(len(messages) for messages in stored.values())
            problems = storage_problems(result, stored)
            rows.append((lock, sent, kept, len(problems), len(result.errors)))
            print(f"  verrou {lock} : {kept} messages gardés sur {sent}", flush=True)
    print("\n| lock store | messages sent | stored | conversations wrong | turns in error |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for lock, sent, kept, problems, errors in rows:
        print(f"| {lock} | {sent} | {kept} | {problems} | {errors} |")
    return rows[-1][3] > 0 or rows[-1][1] != rows[-1][2]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measure", choices=["throughput", "locks"], default="throughput")
    parser.add_argument("--instances", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--users", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument(
        "--postgres", default=os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
    )
    args = parser.parse_args(argv)
    failed = measure_locks(args) if args.measure == "locks" else measure_throughput(args)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
