"""What one message costs by its length: the trained model's NLU pipeline, in this process.

    source scripts/env.sh && python -m benchmarks.message_length [--lengths 100,500,1000,2000,5000,20000]

For each length, a message of ordinary French words of about that many characters is parsed by
the model in models/ (spaCy, featurizers, DIET, the safety net) a few times; prints the median
time and how much the process grew. The event loop of a Rasa server is blocked for that time,
so every other visitor waits: this is what sets webchat/limits.py's MAX_MESSAGE_CHARS.
A benchmark: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import time
from collections.abc import Sequence

import psutil

from launcher.settings import Settings

SENTENCE = "Bonjour, je cherche un médecin traitant près de chez moi à Saint-Girons, pouvez-vous m'aider ? "
MB = 1_000_000


def message(length: int) -> str:
    return (SENTENCE * (length // len(SENTENCE) + 1))[:length]


async def measure(lengths: Sequence[int], rounds: int) -> None:
    from rasa.core.agent import load_agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)  # Rasa logs each parse, text included, at debug level

    process = psutil.Process()
    agent = await load_agent(model_path=str(Settings.from_environment().model_path))
    await agent.parse_message("Bonjour")  # warm-up: TensorFlow builds its graph
    header = ("caractères", "mots", "médiane (s)", "max (s)", "mémoire (Mo)", "croissance (Mo)")
    print(" ".join(f"{name:>{width}}" for name, width in zip(header, (10, 6, 12, 8, 13, 16), strict=True)))
    for length in lengths:
        text = message(length)
        before = process.memory_info().rss
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            await agent.parse_message(text)
            times.append(time.perf_counter() - start)
        after = process.memory_info().rss
        print(
            f"{length:>10} {len(text.split()):>6} {statistics.median(times):>12.3f} {max(times):>8.3f}"
            f" {after / MB:>13.0f} {(after - before) / MB:>16.0f}"
        )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", default="20,100,500,1000,2000,5000,20000")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    asyncio.run(measure([int(n) for n in args.lengths.split(",")], args.rounds))


if __name__ == "__main__":
    main()
