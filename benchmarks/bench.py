"""Benchmark of the assistant: REST latency, memory, place resolution; training and start times on demand.

    source scripts/env.sh && python -m benchmarks.bench [--turns 200] [--start-servers] [--train]

Prints one table per measure and writes the same numbers to var/benchmarks.json. Without
--start-servers it measures the servers already running at --rasa-url and --action-url.
Exit code: 0 all right, 1 a REST reply was wrong or training failed, 2 servers unusable.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import importlib.metadata
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import psutil

from launcher.servers import LaunchError, http_ok, rasa_environment, running, stop_process_groups
from launcher.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the virtual environment's bin/, where `rasa` is
MB = 1_000_000

# REST turns: the custom action `action_nearest_centres`, and a rule with a domain response.
MESSAGES = {
    "nearest": "Quel est le centre de santé le plus proche de Saint-Girons ?",
    "greet": "Bonjour",
}
NEAREST_EXPECTED = "Sainte-Croix-Volvestre"

# (category, query) for the place resolution measure.
PLACE_QUERIES: tuple[tuple[str, str], ...] = (
    ("exact", "Foix"),
    ("exact", "Saint-Girons"),
    ("exact", "Toulouse"),
    ("abbreviation", "St Girons"),
    ("abbreviation", "ste croix volvestre"),
    ("accent", "beziers"),
    ("accent", "pezenas"),
    ("typo", "Carcasonne"),
    ("typo", "Perpignant"),
    ("typo", "Monpelier"),
    ("homonym", "Prades"),
    ("homonym", "Saint-Michel"),
    ("postal", "09000"),
    ("postal", "66170"),
    ("postal", "31000"),
    ("outside", "Lyon"),
    ("outside", "Bordeaux"),
    ("department", "Ariège"),
    ("unknown", "Zorglubville"),
    ("qualified", "Prades (09)"),
)


class BenchError(Exception):
    """The servers cannot be used: nothing to measure."""


# -- statistics and output ------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default); `values` must not be empty."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(values: Sequence[float]) -> dict[str, float | int | None]:
    if not values:
        return {"n": 0, "p50": None, "p95": None, "mean": None, "max": None}
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "mean": statistics.fmean(values),
        "max": max(values),
    }


def _cell(value: Any, decimals: int) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{decimals}f}"
    return str(value)


def print_table(
    title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], decimals: int = 1, notes: Sequence[str] = ()
) -> None:
    """First column left-aligned, the others right-aligned."""
    cells = [[_cell(value, decimals) for value in row] for row in rows]
    widths = [max(len(header), *(len(row[i]) for row in cells)) for i, header in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(values, widths, strict=True))
        )

    print(f"\n{title}")
    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print(line(row))
    for note in notes:
        print(note)


# -- processes and HTTP ---------------------------------------------------------------------


def port_of(url: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(url)
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)


def tree_rss(pid: int) -> tuple[int, int]:
    """Summed RSS in bytes of a process and its descendants, and how many processes that is."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    total, count = 0, 0
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += process.memory_info().rss
            count += 1
    return total, count


def listening_pid(port: int) -> int | None:
    try:
        connections = psutil.net_connections(kind="tcp")
    except (psutil.AccessDenied, OSError):
        return None
    return next(
        (c.pid for c in connections if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port and c.pid),
        None,
    )


def pid_by_cmdline(port: int, actions: bool) -> int | None:
    """Fallback: a `rasa run` (or `rasa run actions` / rasa_sdk) process started with that port."""
    default_port = 5055 if actions else 5005
    for process in psutil.process_iter(["pid", "cmdline"]):
        args: list[str] = process.info["cmdline"] or []
        line = " ".join(args)
        is_actions = "rasa run actions" in line or "rasa_sdk" in line
        if not ("rasa run" in line or is_actions) or is_actions != actions:
            continue
        port_arg = next((args[i + 1] for i, a in enumerate(args[:-1]) if a in ("--port", "-p")), None)
        if (int(port_arg) if port_arg and port_arg.isdigit() else default_port) == port:
            return process.info["pid"]
    return None


def free_port(preferred: int, taken: set[int]) -> int:
    """`preferred` if nothing listens on it, else one the system hands out."""
    for candidate in (preferred, 0, 0, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("0.0.0.0", candidate))  # the action server listens on all interfaces
            except OSError:
                continue
            port = probe.getsockname()[1]
        if port not in taken:
            return port
    raise BenchError("no free port found")


def log_tail(path: Path, chars: int = 2000) -> str:
    with contextlib.suppress(OSError):
        return path.read_text(errors="replace")[-chars:]
    return ""


# -- servers --------------------------------------------------------------------------------


@dataclass
class Servers:
    rasa_url: str
    action_url: str
    start_s: dict[str, float] | None = None  # seconds until each answered, when started here


@contextlib.contextmanager
def started_servers(timeout: float) -> Iterator[Servers]:
    """The servers as scripts/run.sh starts them (the one launcher), on free ports, with a
    throw-away tracker store; always stopped."""
    with tempfile.TemporaryDirectory(prefix="bench-servers-") as tmp:
        workdir = Path(tmp)
        rasa_port = free_port(5105, set())
        action_port = free_port(5155, {rasa_port})
        defaults = Settings.from_environment()
        settings = replace(
            defaults,
            rasa_host="127.0.0.1",
            rasa_port=rasa_port,
            action_port=action_port,
            tracker_store_url=f"sqlite:///{workdir / 'tracker.db'}",
            log_dir=workdir,
        )
        try:
            with running(settings, web=False, timeout=timeout) as assistant:
                ready = dict(assistant.ready_after)
                ready["both"] = max(ready.values())
                yield Servers(settings.rasa_url, settings.action_url, ready)
        except LaunchError as error:
            raise BenchError(str(error)) from error


@contextlib.contextmanager
def existing_servers(rasa_url: str, action_url: str) -> Iterator[Servers]:
    for url in (f"{rasa_url}/", f"{action_url}/health"):
        if not http_ok(url, timeout=5.0):
            raise BenchError(f"{url} does not answer: start the assistant (scripts/run.sh) or use --start-servers")
    yield Servers(rasa_url, action_url)


# -- measures -------------------------------------------------------------------------------


def send(webhook: str, message: str, timeout: float) -> tuple[float, Any]:
    """One REST turn from a new sender: (milliseconds, decoded reply)."""
    body = json.dumps({"sender": f"bench-{uuid.uuid4().hex}", "message": message}).encode()
    request = urllib.request.Request(webhook, data=body, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        payload = response.read()
    elapsed_ms = (time.perf_counter() - started) * 1000
    return elapsed_ms, json.loads(payload)


def reply_problem(kind: str, reply: Any) -> str | None:
    if not isinstance(reply, list):
        return f"unexpected reply {str(reply)[:80]!r}"
    text = "\n".join(str(m.get("text") or "") for m in reply if isinstance(m, dict))
    if not text.strip():
        return "empty reply"
    if kind == "nearest" and NEAREST_EXPECTED not in text:
        return f"no {NEAREST_EXPECTED!r} in {text[:80]!r}"
    return None


def measure_rest(rasa_url: str, turns: int, warmup: int, timeout: float) -> dict[str, Any]:
    """Interleaved nearest / greet turns after a warm-up; every reply is checked, warm-up included."""
    webhook = f"{rasa_url}/webhooks/rest/webhook"
    latencies: dict[str, list[float]] = {kind: [] for kind in MESSAGES}
    failures: list[str] = []
    plan = [False] * warmup + [True] * turns  # False: warm-up turn pair, not timed
    for measured in plan:
        for kind, message in MESSAGES.items():
            try:
                elapsed_ms, reply = send(webhook, message, timeout)
            except (OSError, http.client.HTTPException, ValueError) as error:
                failures.append(f"{kind}: {type(error).__name__}: {error}")
                continue
            problem = reply_problem(kind, reply)
            if problem:
                failures.append(f"{kind}: {problem}")
            if measured:
                latencies[kind].append(elapsed_ms)
    result: dict[str, Any] = {kind: summary(values) for kind, values in latencies.items()}
    p50 = {kind: result[kind]["p50"] for kind in MESSAGES}
    result["p50_ratio_nearest_greet"] = p50["nearest"] / p50["greet"] if p50["nearest"] and p50["greet"] else None
    result.update(turns=turns, warmup=warmup, failures=len(failures), failure_samples=failures[:10])
    return result


def print_rest(result: dict[str, Any]) -> None:
    rows = [
        [kind, result[kind]["n"], result[kind]["p50"], result[kind]["p95"], result[kind]["mean"], result[kind]["max"]]
        for kind in MESSAGES
    ]
    ratio = result["p50_ratio_nearest_greet"]
    notes = [f"p50 ratio nearest/greet: {_cell(ratio, 2)}    failures: {result['failures']}"]
    notes += [f"  ! {sample}" for sample in result["failure_samples"][:5]]
    print_table(
        f"REST latency, ms ({result['warmup']} warm-up turns of each kind, then interleaved)",
        ["kind", "turns", "p50", "p95", "mean", "max"],
        rows,
        notes=notes,
    )


def measure_memory(servers: Servers) -> dict[str, Any]:
    """RSS of each server with its children, found by the PID listening on its port."""
    result: dict[str, Any] = {}
    for name, url, actions in (("rasa", servers.rasa_url, False), ("actions", servers.action_url, True)):
        host, port = port_of(url)
        pid = None
        if host in ("127.0.0.1", "localhost", "::1", "0.0.0.0"):
            pid = listening_pid(port) or pid_by_cmdline(port, actions)
        rss, count = tree_rss(pid) if pid else (0, 0)
        result[name] = {"pid": pid, "processes": count or None, "rss_mb": rss / MB if count else None}
    return result


def print_memory(result: dict[str, Any]) -> None:
    rows = [[name, r["pid"], r["processes"], r["rss_mb"]] for name, r in result.items()]
    print_table("Memory (RSS of the server process and its children)", ["server", "pid", "processes", "RSS MB"], rows)


def measure_places(rounds: int) -> dict[str, Any]:
    """KnowledgeBase load time, then resolve_place over PLACE_QUERIES `rounds` times, in-process."""
    from knowledge.service import KnowledgeBase  # SQLAlchemy, rapidfuzz: imported only when measured

    load_ms: list[float] = []
    for _ in range(2):  # the first load also imports spaCy's stop words
        started = time.perf_counter()
        kb = KnowledgeBase.from_url()
        load_ms.append((time.perf_counter() - started) * 1000)

    kinds = {query: kb.resolve_place(query) for _, query in PLACE_QUERIES}  # also the warm-up
    timings: dict[str, list[float]] = {query: [] for _, query in PLACE_QUERIES}
    for _ in range(rounds):
        for _, query in PLACE_QUERIES:
            started = time.perf_counter_ns()
            kb.resolve_place(query)
            timings[query].append((time.perf_counter_ns() - started) / 1000)

    commune = kinds["Saint-Girons"].commune
    if commune is None:
        raise BenchError("Saint-Girons does not resolve to one commune: is the knowledge base built?")
    nearest_us: list[float] = []
    for _ in range(rounds * len(PLACE_QUERIES)):
        started = time.perf_counter_ns()
        kb.nearest_to_commune(commune)
        nearest_us.append((time.perf_counter_ns() - started) / 1000)

    categories: dict[str, list[str]] = {}
    for category, query in PLACE_QUERIES:
        categories.setdefault(category, []).append(query)
    return {
        "rounds": rounds,
        "load_ms": {"first": load_ms[0], "again": load_ms[1]},
        "all": summary([t for values in timings.values() for t in values]),
        "by_category": {
            category: {"queries": len(queries), **summary([t for q in queries for t in timings[q]])}
            for category, queries in categories.items()
        },
        "by_query": {
            query: {
                "category": category,
                "kind": kinds[query].kind,
                "matched_by": kinds[query].matched_by,
                "p50": percentile(timings[query], 50),
            }
            for category, query in PLACE_QUERIES
        },
        "nearest_to_commune": summary(nearest_us),
    }


def print_places(result: dict[str, Any]) -> None:
    def row(name: str, queries: int | str, stats: dict[str, Any]) -> list[Any]:
        return [name, queries, stats["n"], stats["p50"], stats["p95"], stats["mean"]]

    rows = [row("all queries", len(result["by_query"]), result["all"])]
    rows += [row(f"  {category}", stats["queries"], stats) for category, stats in result["by_category"].items()]
    rows.append(row("nearest_to_commune", "-", result["nearest_to_commune"]))
    load = result["load_ms"]
    notes = [f"knowledge base load: {load['first']:.0f} ms first (with imports), {load['again']:.0f} ms again"]
    print_table(
        f"Place resolution, µs (in-process, {result['rounds']} rounds)",
        ["measure", "queries", "calls", "p50", "p95", "mean"],
        rows,
        notes=notes,
    )


def measure_training() -> dict[str, Any]:
    """`rasa train` into a temporary directory, with a cold cache; wall time and peak RSS of its tree."""
    with tempfile.TemporaryDirectory(prefix="bench-train-") as tmp:
        workdir = Path(tmp)
        # A cache of its own: no reuse of, or writes to, the project's .rasa/.
        env = rasa_environment({"RASA_CACHE_DIRECTORY": str(workdir / "cache")})
        command = [
            str(BIN / "rasa"),
            "train",
            "--config",
            "config.yml",
            "--domain",
            "bot/domain.yml",
            "--data",
            "bot/data",
            "--out",
            str(workdir),
            "--fixed-model-name",
            "bench",
            "--force",
        ]
        log_path = workdir / "train.log"
        peak = 0
        started = time.perf_counter()
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            while True:
                peak = max(peak, tree_rss(process.pid)[0])
                try:
                    process.wait(timeout=0.5)
                    break
                except subprocess.TimeoutExpired:
                    continue
            wall_s = time.perf_counter() - started
        finally:
            stop_process_groups([process])
        model_built = (workdir / "bench.tar.gz").exists()
        result = {
            "wall_s": wall_s,
            "peak_rss_mb": peak / MB,
            "exit_code": process.returncode,
            "model_built": model_built,
        }
        if process.returncode != 0 or not model_built:
            result["log_tail"] = log_tail(log_path)
        return result


def print_training(result: dict[str, Any]) -> None:
    print_table(
        "Training (rasa train --force, cold cache)",
        ["command", "wall s", "peak RSS MB", "exit code"],
        [["rasa train", result["wall_s"], result["peak_rss_mb"], result["exit_code"]]],
    )
    if "log_tail" in result:
        print(result["log_tail"])


def print_start(start_s: dict[str, float]) -> None:
    print_table(
        "Server start (both launched together, until each answers GET)",
        ["server", "ready after s"],
        [[name, start_s[name]] for name in ("actions", "rasa", "both")],
    )


# -- main -----------------------------------------------------------------------------------


def machine_facts() -> dict[str, Any]:
    def version(package: str) -> str | None:
        try:
            return importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            return None

    return {
        "cpus": os.cpu_count(),
        "ram_gb": psutil.virtual_memory().total / 1e9,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "rasa": version("rasa"),
        "rasa_sdk": version("rasa-sdk"),
        "platform": platform.platform(),
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=200, help="timed turns of each kind (default 200)")
    parser.add_argument("--warmup", type=int, default=10, help="untimed turns of each kind first (default 10)")
    parser.add_argument("--rounds", type=int, default=200, help="rounds of the place queries (default 200)")
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    parser.add_argument("--action-url", default="http://127.0.0.1:5055")
    parser.add_argument(
        "--start-servers",
        action="store_true",
        help="start an action server and a Rasa server on free ports, time their start",
    )
    parser.add_argument("--start-timeout", type=float, default=240.0, help="seconds (default 240)")
    parser.add_argument("--request-timeout", type=float, default=60.0, help="seconds per REST turn (default 60)")
    parser.add_argument("--train", action="store_true", help="also time `rasa train` (minutes, all cores)")
    parser.add_argument("--json", type=Path, default=ROOT / "var" / "benchmarks.json", help="where to write results")
    args = parser.parse_args(argv)
    if args.turns < 1 or args.warmup < 0 or args.rounds < 1:
        parser.error("--turns and --rounds must be at least 1, --warmup at least 0")
    args.rasa_url, args.action_url = args.rasa_url.rstrip("/"), args.action_url.rstrip("/")
    return args


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # so that the started servers are stopped on the way out


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    facts = machine_facts()
    print(
        f"Machine: {facts['cpus']} CPUs, {facts['ram_gb']:.1f} GB RAM, load {' '.join(map(str, facts['load_average']))}"
        f" | Python {facts['python']} | rasa {facts['rasa']}, rasa-sdk {facts['rasa_sdk']}"
    )
    report: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": facts,
        "options": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
    }
    try:
        servers_cm = (
            started_servers(args.start_timeout)
            if args.start_servers
            else existing_servers(args.rasa_url, args.action_url)
        )
        with servers_cm as servers:
            report["servers"] = {
                "rasa_url": servers.rasa_url,
                "action_url": servers.action_url,
                "started_here": args.start_servers,
            }
            if servers.start_s is not None:
                report["server_start_s"] = servers.start_s
                print_start(servers.start_s)
            report["rest_latency_ms"] = measure_rest(servers.rasa_url, args.turns, args.warmup, args.request_timeout)
            print_rest(report["rest_latency_ms"])
            report["memory"] = measure_memory(servers)
            print_memory(report["memory"])
        report["place_resolution_us"] = measure_places(args.rounds)
        print_places(report["place_resolution_us"])
        if args.train:
            report["training"] = measure_training()
            print_training(report["training"])
    except BenchError as error:
        print(f"\nbench: {error}", file=sys.stderr)
        return 2
    failed = report["rest_latency_ms"]["failures"] > 0 or (
        "training" in report and (report["training"]["exit_code"] != 0 or not report["training"]["model_built"])
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {args.json}" + ("  (FAILURES: see above)" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
