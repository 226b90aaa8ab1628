"""Shows the progress of `rasa train` from its log, read on standard input, in a few French lines.

    rasa train … 2>&1 | tee var/logs/train.log | python scripts/train_progress.py

Each component that trains is named when it starts and timed when it ends; the epochs of DIET
and TED show as a line updated in place (on a terminal) or every quarter (in a log, e.g. CI).
Standard library only.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import time
from typing import TextIO

STARTED = re.compile(r"Starting to train component '([^']+)'")
FINISHED = re.compile(r"Finished training component '([^']+)'")
EPOCH = re.compile(r"Epochs:\s+\d+%.*?\|\s*(\d+)/(\d+)\s*\[[^,\]]*(?:,\s*[^,\]]*)?(?:,\s*(.*?))?\]")
METRIC = re.compile(r"\b(t_loss|i_acc|acc|e_f1)=([0-9.]+)")
METRIC_NAMES = {"t_loss": "perte", "i_acc": "intentions justes", "acc": "actions justes", "e_f1": "F1 lieux"}
NAMES = {"DIETClassifier": "DIET (intentions et lieux)", "TEDPolicy": "TED (suite de la conversation)"}


class Progress:
    def __init__(self, out: TextIO, interactive: bool) -> None:
        self.out, self.interactive = out, interactive
        self.started: dict[str, float] = {}
        self.current = ""
        self.last_quarter = -1
        self.in_place = False

    def _end_in_place(self) -> None:
        if self.in_place:
            self.out.write("\n")
            self.in_place = False

    def line(self, text: str) -> None:
        if started := STARTED.search(text):
            name = started.group(1)
            self.started[name], self.current, self.last_quarter = time.monotonic(), name, -1
            if name in NAMES:
                self._end_in_place()
                self.out.write(f"  {NAMES[name]} : entraînement…\n")
        elif finished := FINISHED.search(text):
            name = finished.group(1)
            if name in NAMES:
                self._end_in_place()
                seconds = time.monotonic() - self.started.get(name, time.monotonic())
                self.out.write(f"  {NAMES[name]} : fini en {seconds:.0f} s\n")
        elif (match := EPOCH.search(text)) and self.current in NAMES:
            done, total = int(match.group(1)), int(match.group(2))
            metrics = dict(METRIC.findall(match.group(3) or ""))
            shown = ", ".join(f"{METRIC_NAMES[k]} {float(v):.2f}" for k, v in metrics.items() if k in METRIC_NAMES)
            message = f"    époque {done}/{total}" + (f" — {shown}" if shown else "")
            if self.interactive:
                self.out.write(f"\r{message:<90}")
                self.in_place = True
            elif total and (quarter := 4 * done // total) > self.last_quarter and metrics:
                self.last_quarter = quarter
                self.out.write(message + "\n")
        self.out.flush()

    def close(self) -> None:
        self._end_in_place()
        self.out.flush()


def main() -> int:
    progress = Progress(sys.stdout, sys.stdout.isatty())
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    buffer = ""
    # os.read returns what has arrived (sys.stdin.read would wait for a full block, and the
    # components would be timed late). tqdm rewrites its bar with carriage returns: a line ends
    # at \r or \n.
    while chunk := os.read(sys.stdin.fileno(), 65536):
        buffer += decoder.decode(chunk)
        *complete, buffer = re.split(r"[\r\n]", buffer)
        for text in complete:
            progress.line(text)
    if buffer:
        progress.line(buffer)
    progress.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
