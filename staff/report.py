"""What people asked the assistant, and what it could not answer: a usage report for staff.

    bash scripts/report.sh [--days N] [--export-unanswered FILE.yml]

Reads the tracker store (TRACKER_STORE_URL: SQLite by default, PostgreSQL by URL), Rasa's
`events` table, and writes var/report/index.html: one self-contained page (charts drawn by
matplotlib as inline SVG, no CDN), plus a short summary in the terminal. No sender id appears
anywhere; only the conversations still kept (CONVERSATION_RETENTION_DAYS) are read.

`--export-unanswered FILE.yml` writes the messages that were not understood as a file to
annotate: set each one's intent (docs/intents.md) and mark its places, then add the reviewed
lines to bot/data/nlu/ (see the README, "From failures to training data").
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine

from knowledge import KnowledgeBase
from knowledge.text import normalize
from launcher.settings import ROOT, Settings
from staff.privacy import DAY, events_table

REPORT_DIR = ROOT / "var" / "report"
NOT_UNDERSTOOD = {"utter_default", "action_default_fallback"}
CLARIFIED = {"utter_clarify"}
ALARMS = {
    "emergency": "urgences",
    "suicidal_thoughts": "idées suicidaires",
    "emergency_called": "secours déjà appelés",
}
# Who asks, by intent (docs/intents.md).
PATIENT_INTENTS = {
    "find_nearest_centre",
    "inform_place",
    "more_centres",
    "share_position",
    "centre_status",
    "centre_services",
    "regular_doctor",
    "practical_info",
    "medical_advice",
    "out_of_hours_care",
    "too_far",
    "emergency",
    "suicidal_thoughts",
    "emergency_called",
}
DOCTOR_INTENTS = {
    "programme_info",
    "practice_benefits",
    "doctor_role",
    "job_locations",
    "how_to_apply",
    "internships",
    "other_schemes",
}
PAGE_GREETING = "/greet"  # sent by the web page when it opens, not typed by anyone


@dataclass
class Message:
    day: dt.date
    text: str
    intent: str
    answer: str = ""  # the assistant's first answer to it
    answer_response: str = ""  # its domain response name (utter_…)


@dataclass
class Usage:
    since: dt.date
    until: dt.date
    conversations_by_day: Counter[dt.date] = field(default_factory=Counter)
    messages: list[Message] = field(default_factory=list)
    communes: Counter[str] = field(default_factory=Counter)  # INSEE codes understood
    centre_questions: Counter[str] = field(default_factory=Counter)  # INSEE codes asked about (status)

    @property
    def typed(self) -> list[Message]:
        return [m for m in self.messages if m.text != PAGE_GREETING]

    def not_understood(self) -> list[Message]:
        return [m for m in self.typed if m.answer_response in NOT_UNDERSTOOD or m.intent == "nlu_fallback"]


def read_usage(engine: Engine, days: int, retention_days: int, now: float | None = None) -> Usage:
    """The conversations of the last `days` days (never beyond the retention period)."""
    now = now if now is not None else time.time()
    since = now - min(days, retention_days) * DAY
    events = events_table(engine)
    query = (
        select(events.c.sender_id, events.c.type_name, events.c.timestamp, events.c.action_name, events.c.data)
        .where(events.c.timestamp >= since)
        .order_by(events.c.sender_id, events.c.id)
    )
    usage = Usage(_day(since), _day(now))
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    by_sender: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_sender[row.sender_id].append(row)
    for rows_of_one in by_sender.values():  # sender ids stay here: never stored, never shown
        _read_conversation(rows_of_one, usage)
    return usage


def _day(timestamp: float) -> dt.date:
    return dt.datetime.fromtimestamp(timestamp, tz=dt.UTC).date()


def _read_conversation(rows: Sequence[Any], usage: Usage) -> None:
    days_seen: set[dt.date] = set()
    waiting: Message | None = None  # a message whose answer is not read yet
    last_action = ""
    for row in rows:
        data = _json(row.data)
        if row.type_name == "user":
            parse = data.get("parse_data") or {}
            message = Message(
                _day(row.timestamp), str(data.get("text") or ""), (parse.get("intent") or {}).get("name") or ""
            )
            usage.messages.append(message)
            days_seen.add(message.day)
            waiting = message
        elif row.type_name == "bot" and waiting is not None:
            waiting.answer = str(data.get("text") or "")
            waiting.answer_response = str((data.get("metadata") or {}).get("utter_action") or "")
            waiting = None
        elif row.type_name == "action":
            last_action = row.action_name or ""
            if waiting is not None and last_action in NOT_UNDERSTOOD:
                waiting.answer_response = last_action
        elif row.type_name == "slot" and data.get("name") == "commune" and isinstance(data.get("value"), str):
            usage.communes[data["value"]] += 1
            if last_action == "action_centre_status":
                usage.centre_questions[data["value"]] += 1
    for day in days_seen:
        usage.conversations_by_day[day] += 1


def _json(value: Any) -> dict[str, Any]:
    try:
        data = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


# -- figures ----------------------------------------------------------------------------------


@dataclass
class Figures:
    days: list[dt.date]
    conversations: list[int]
    messages: list[int]
    not_understood_share: list[float]
    clarified_share: list[float]
    intents: list[tuple[str, int]]
    askers: dict[str, int]
    alarms: dict[str, int]
    communes: list[tuple[str, int]]
    centres: list[tuple[str, int]]
    unanswered: list[tuple[str, int, dt.date, str]]  # text, times, last day, what was answered


def figures(usage: Usage, kb: KnowledgeBase | None) -> Figures:
    days = [usage.since + dt.timedelta(days=n) for n in range((usage.until - usage.since).days + 1)]
    typed_by_day: dict[dt.date, list[Message]] = defaultdict(list)
    for message in usage.typed:
        typed_by_day[message.day].append(message)

    def share(day: dt.date, responses: set[str]) -> float:
        messages = typed_by_day[day]
        return sum(m.answer_response in responses for m in messages) / len(messages) if messages else 0.0

    intents = Counter(m.intent or "?" for m in usage.typed)
    askers = Counter(
        "patients"
        if m.intent in PATIENT_INTENTS
        else "médecins et étudiants"
        if m.intent in DOCTOR_INTENTS
        else "autres"
        for m in usage.typed
    )
    unanswered: dict[str, list[Message]] = defaultdict(list)
    for message in usage.not_understood():
        # Messages differing only in case, accents or punctuation are one line; wordless ones
        # ("🙂🙂🙂", "?!?") are each their own, not all one empty key.
        unanswered[" ".join(normalize(message.text).split()) or message.text.strip()].append(message)
    ranked = sorted(unanswered.values(), key=lambda ms: (-len(ms), ms[-1].text))
    return Figures(
        days=days,
        conversations=[usage.conversations_by_day[d] for d in days],
        messages=[len(typed_by_day[d]) for d in days],
        not_understood_share=[share(d, NOT_UNDERSTOOD) for d in days],
        clarified_share=[share(d, CLARIFIED) for d in days],
        intents=intents.most_common(),
        askers=dict(askers),
        alarms={label: intents[intent] for intent, label in ALARMS.items()},
        communes=[(_commune_name(kb, code), n) for code, n in usage.communes.most_common()],
        centres=[(_commune_name(kb, code), n) for code, n in usage.centre_questions.most_common()],
        unanswered=[(ms[-1].text, len(ms), max(m.day for m in ms), ms[-1].answer) for ms in ranked],
    )


def _commune_name(kb: KnowledgeBase | None, insee: str) -> str:
    commune = kb.places.communes.get(insee) if kb is not None else None
    return f"{commune.name} ({commune.department.code})" if commune is not None else insee


# -- the page -------------------------------------------------------------------------------------


def _svg(draw: Any, height: float = 3.0) -> str:
    """A matplotlib figure as inline SVG (self-contained: no file, no font to download)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"  # text stays text: readable and searchable
    figure, axes = plt.subplots(figsize=(8, height))
    draw(axes)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def _bars(pairs: Sequence[tuple[str, int]], color: str = "#a3112e") -> Any:
    def draw(axes: Any) -> None:
        labels = [label for label, _ in pairs][::-1]
        axes.barh(labels, [n for _, n in pairs][::-1], color=color)
        axes.set_xlabel("nombre")

    return draw


def _per_day(days: list[dt.date], series: dict[str, Sequence[float]], percent: bool = False) -> Any:
    def draw(axes: Any) -> None:
        labels = [d.strftime("%d/%m") for d in days]
        for name, values in series.items():
            axes.plot(labels, [v * 100 for v in values] if percent else values, marker="o", label=name)
        axes.set_ylabel("%" if percent else "nombre")
        axes.legend()
        axes.tick_params(axis="x", labelrotation=45)

    return draw


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def page(usage: Usage, f: Figures) -> str:
    total = len(usage.typed)
    lost = len(usage.not_understood())
    period = f"du {usage.since:%d/%m/%Y} au {usage.until:%d/%m/%Y}"
    sections = [
        (
            "Conversations et messages par jour",
            _svg(_per_day(f.days, {"conversations": f.conversations, "messages": f.messages})),
            _table(
                ["jour", "conversations", "messages"],
                [(d.strftime("%d/%m/%Y"), c, m) for d, c, m in zip(f.days, f.conversations, f.messages, strict=True)],
            ),
        ),
        (
            "Messages pas compris et demandes de précision, par jour",
            _svg(
                _per_day(
                    f.days,
                    {"pas compris": f.not_understood_share, "précision demandée": f.clarified_share},
                    percent=True,
                )
            ),
            _table(
                ["jour", "pas compris", "précision demandée"],
                [
                    (d.strftime("%d/%m/%Y"), f"{a:.0%}", f"{b:.0%}")
                    for d, a, b in zip(f.days, f.not_understood_share, f.clarified_share, strict=True)
                ],
            ),
        ),
        (
            "Les questions, par sorte",
            _svg(_bars(f.intents[:15]), height=4.5) if f.intents else "",
            _table(["question (intention)", "messages"], f.intents),
        ),
        ("Qui demande", "", _table(["public", "messages"], sorted(f.askers.items(), key=lambda kv: -kv[1]))),
        ("Alertes (nombres seulement)", "", _table(["alerte", "messages"], f.alarms.items())),
        (
            "Communes les plus demandées",
            _svg(_bars(f.communes[:10], "#2b6cb0"), height=3.5) if f.communes else "<p>Aucune.</p>",
            _table(["commune", "fois"], f.communes),
        ),
        (
            "Centres les plus demandés (est-il ouvert ?)",
            "",
            _table(["commune du centre", "fois"], f.centres) if f.centres else "<p>Aucun.</p>",
        ),
        (
            "Messages pas compris (les plus fréquents d'abord)",
            "",
            _table(
                ["message", "fois", "dernier jour", "réponse de l'assistant"],
                [(t, n, d.strftime("%d/%m/%Y"), a) for t, n, d, a in f.unanswered],
            )
            if f.unanswered
            else "<p>Aucun.</p>",
        ),
    ]
    body = "".join(
        f"<section><h2>{html.escape(title)}</h2>{chart}{table}</section>" for title, chart, table in sections
    )
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Assistant « Ma santé, Ma Région » : rapport d'utilisation</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1f1f1f; }}
h1 {{ color: #7d0c23; }} table {{ border-collapse: collapse; margin: .5rem 0 1.5rem; }}
th, td {{ border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; vertical-align: top; }}
svg {{ max-width: 100%; height: auto; }}
</style></head>
<body><main>
<h1>Rapport d'utilisation de l'assistant</h1>
<p>Période : {period}. {sum(usage.conversations_by_day.values())} conversations, {total} messages,
{lost} pas compris ({lost / total if total else 0:.0%}). Aucun identifiant de personne n'est montré ;
seules les conversations encore gardées sont lues.</p>
{body}
</main></body></html>
"""


def summary(usage: Usage, f: Figures) -> list[str]:
    total = len(usage.typed)
    lost = len(usage.not_understood())
    lines = [
        f"Période : du {usage.since:%d/%m/%Y} au {usage.until:%d/%m/%Y}",
        f"Conversations : {sum(f.conversations)} ; messages : {total} ; pas compris : {lost}"
        f" ({lost / total if total else 0:.0%})",
        "Alertes : " + ", ".join(f"{label} {n}" for label, n in f.alarms.items()),
    ]
    if f.intents:
        lines.append("Questions les plus fréquentes : " + ", ".join(f"{i} ({n})" for i, n in f.intents[:5]))
    if f.communes:
        lines.append("Communes les plus demandées : " + ", ".join(f"{c} ({n})" for c, n in f.communes[:5]))
    return lines


def export_unanswered(f: Figures, path: Path) -> int:
    """The messages not understood, as a Rasa NLU file to annotate (never trained on as it is)."""
    lines = [
        "# Messages que l'assistant n'a pas compris, à relire (scripts/report.sh --export-unanswered).",
        "# Pour chaque message : remplacez « a_annoter » par la bonne intention (docs/intents.md), en",
        "# regroupant les messages par intention ; marquez les lieux ainsi : [Foix](place) ; supprimez",
        "# ce qui n'est pas une vraie question. Copiez ensuite les lignes relues dans bot/data/nlu/,",
        "# jamais un message d'un jeu de test (tests/nlu/) : un test le vérifie.",
        'version: "3.1"',
        "nlu:",
        "- intent: a_annoter",
        "  examples: |",
    ]
    texts = [" ".join(text.split()) for text, *_ in f.unanswered if text.strip() and not text.startswith("/")]
    lines += [f"    - {text}" for text in texts]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(texts)


def main(argv: Sequence[str] | None = None) -> int:
    settings = Settings.from_environment()
    parser = argparse.ArgumentParser(prog="scripts/report.sh", description="Rapport d'utilisation de l'assistant.")
    parser.add_argument("--days", type=int, default=7, help="nombre de jours (défaut : 7)")
    parser.add_argument("--export-unanswered", type=Path, metavar="FICHIER.yml", help="écrire les messages pas compris")
    parser.add_argument("--out", type=Path, default=REPORT_DIR, help="dossier du rapport (défaut : var/report)")
    args = parser.parse_args(argv)
    if args.days < 1:
        parser.error("--days : un nombre de jours d'au moins 1 est attendu")
    try:
        usage = read_usage(create_engine(settings.tracker_store_url), args.days, settings.retention_days)
    except (sa_exc.OperationalError, sa_exc.NoSuchTableError) as error:
        print(
            f"Base des conversations illisible ({settings.tracker_store_url}) : {error.__class__.__name__}."
            " Vérifiez TRACKER_STORE_URL, ou lancez d'abord l'assistant.",
            file=sys.stderr,
        )
        return 2
    try:
        kb: KnowledgeBase | None = KnowledgeBase.from_url()
    except Exception:  # the report still works with INSEE codes instead of names
        kb = None
    f = figures(usage, kb)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "index.html").write_text(page(usage, f), encoding="utf-8")
    for line in summary(usage, f):
        print(line)
    print(f"Rapport : {args.out / 'index.html'}")
    if args.export_unanswered:
        count = export_unanswered(f, args.export_unanswered)
        print(f"{count} messages pas compris écrits dans {args.export_unanswered}, à annoter.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
