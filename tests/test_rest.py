"""The running assistant through Rasa's REST channel: real model, real action server, real tracker store.

The servers are started once for the whole test session by the `servers` fixture (conftest.py),
on spare ports (about 40 s), so the tests can run beside `scripts/run.sh`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

from webchat import limits

ROOT = Path(__file__).resolve().parent.parent
RASA_PORT = int(os.environ.get("TEST_RASA_PORT", "5305"))  # the `servers` fixture (conftest.py) starts Rasa there

pytestmark = pytest.mark.integration


class Conversation:
    def __init__(self) -> None:
        self.sender = f"test-{uuid.uuid4().hex[:12]}"

    def say(self, message: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": message}).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{RASA_PORT}/webhooks/rest/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200
            return json.load(response)

    def text(self, message: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(message))


@pytest.fixture
def chat(servers) -> Conversation:
    return Conversation()


def test_greeting_offers_the_main_topics(chat):
    replies = chat.say("Bonjour")
    assert "Ma santé, Ma Région" in replies[0]["text"]
    assert "15" in replies[0]["text"] and "112" in replies[0]["text"]
    assert len(replies[0]["buttons"]) == 3


def test_place_asked_then_given_then_follow_up(chat):
    assert "Dans quelle commune" in chat.text("Où est le centre de santé le plus proche ?")
    answer = chat.text("St Girons")
    assert "Saint-Girons (Ariège)" in answer
    assert answer.index("Sainte-Croix-Volvestre") < answer.index("Aspet")
    assert "Foix (Ariège)" in chat.text("et à Foix ?")


def test_homonym_then_department_button(chat):
    replies = chat.say("quel est le centre le plus proche de Prades ?")
    buttons = {b["title"]: b["payload"] for b in replies[0]["buttons"]}
    assert set(buttons) == {"Prades (Ariège)", "Prades (Pyrénées-Orientales)", "Prades (Tarn)"}
    answer = chat.text(buttons["Prades (Pyrénées-Orientales)"])
    assert "Prades (Pyrénées-Orientales)" in answer
    assert answer.splitlines()[1].startswith("• Millas (Pyrénées-Orientales), à ")


def test_homonym_then_department_typed(chat):
    chat.say("un centre près de Mirepoix")
    assert "Mirepoix (Ariège)" in chat.text("Ariège")


def test_status_then_another_place(chat):
    answer = chat.text("Le centre de Millas est-il ouvert ?")
    assert "15 septembre 2022" in answer
    answer = chat.text("et Saint-Martory ?")
    assert "devait ouvrir en février 2023" in answer and "Je ne sais pas" in answer


def test_salaried_practice(chat):
    answer = chat.text("Quels sont les avantages d'être médecin salarié chez vous ?")
    assert "35 heures" in answer and "secrétariat" in answer
    assert "https://www.laregion.fr/Recrutement-medecins" in answer


def test_outside_occitanie(chat):
    assert "pas en Occitanie" in chat.text("je cherche un centre de santé à Bordeaux")


@pytest.mark.parametrize(
    ("message", "expected", "not_expected"),
    [
        # The whole compound name, not the commune named by its first part (Cazaux, Ariège).
        ("centre le plus proche de Cazaux-Debat", "Cazaux-Debat (Hautes-Pyrénées)", "Cazaux (Ariège)"),
        # Lot-et-Garonne, outside Occitanie: not the centres of the Lot department.
        ("un centre de santé vers Villeneuve sur Lot ?", "n'est pas en Occitanie (Lot-et-Garonne)", "(Lot)"),
        ("Bagneres de luchon", "Bagnères-de-Luchon (Haute-Garonne)", "commencent par"),
        ("un centre pas loin de Minerve ?", "Minerve (Hérault)", "Plusieurs"),  # an ordinary word too
        ("j'habite ST LARY SOULAN, je peux consulter où ?", "Saint-Lary-Soulan (Hautes-Pyrénées)", "Plusieurs"),
    ],
)
def test_the_commune_written_is_the_commune_answered(chat, message, expected, not_expected):
    answer = chat.text(message)
    assert expected in answer and not_expected not in answer, answer


def test_an_ordinary_word_is_not_a_commune(chat):
    assert "Centrès" not in chat.text("les centres sont ouverts le samedi ?")


def test_a_postal_code_whose_communes_share_their_nearest_centre_is_answered(chat):
    answer = chat.text("centre le plus proche du 09000")
    assert "Le code postal 09000 couvre Foix et 22 autres communes" in answer
    assert "Laquelle" not in answer


def test_a_postal_code_whose_communes_differ_is_asked(chat):
    replies = chat.say("centre le plus proche du 09300")
    assert "Laquelle" in replies[0]["text"] and len(replies[0]["buttons"]) > 1


def test_an_unknown_postal_code_is_said_so(chat):
    assert "Je ne connais pas le code postal 31999" in chat.text("centre de santé près du 31999")


@pytest.mark.parametrize(
    "message",
    [
        "",
        "🙂🙂🙂",
        "🤒😷💊",
        "a" * 5000,
        "Je cherche un médecin " * 230,  # about 5,000 characters of real words
        "<script>alert('x')</script>",
        "centre le plus proche de <script>alert(1)</script>",
        "je cherche un centre à '; DROP TABLE communes; --",
        "Robert'); DROP TABLE events;--",
        "{{7*7}} ${jndi:ldap://x}",
    ],
)
def test_bad_input_gets_a_sensible_french_answer(chat, message):
    replies = chat.say(message)
    assert replies, "no answer"
    text = "\n".join(r.get("text", "") for r in replies)
    assert text.strip()
    for leak in ("Traceback", "Exception", "Error", "<script", "DROP TABLE", "jndi"):
        assert leak not in text
    # Still a working conversation afterwards.
    assert "Ma santé, Ma Région" in chat.text("Bonjour")


@pytest.mark.parametrize(
    "message",
    [
        "mon père ne respire plus",
        "j'ai très mal à la poitrine",
        "où est le centre le plus proche de Foix ? mon mari a perdu connaissance",  # inside another question
        "ma mere est inconsiente",  # typo: caught by the safety net whatever DIET thinks
    ],
)
def test_emergency_gets_15_112_and_114(chat, message):
    text = chat.text(message)
    for number in ("15", "112", "114"):
        assert number in text


def test_suicidal_thoughts_get_3114(chat):
    replies = chat.say("je veux en finir, je pense au suicide")
    text = "\n".join(m.get("text", "") for m in replies)
    assert "3114" in text and "15" in text and "112" in text
    calls = [c["href"] for m in replies for c in (m.get("custom") or {}).get("calls", [])]
    assert calls[0] == "tel:3114"


def test_a_certain_emergency_gets_the_direct_answer_with_call_actions(chat):
    replies = chat.say("il respire très mal et il a les lèvres bleues")
    assert replies[0]["text"].startswith("Appelez le 15 (SAMU) maintenant")
    (custom,) = [m["custom"] for m in replies if "custom" in m]
    assert custom["alert"] == "emergency"
    assert [c["href"] for c in custom["calls"]] == ["tel:15", "tel:112", "sms:114"]


def test_help_on_its_way_is_acknowledged_calmly(chat):
    chat.say("mon père ne respire plus")
    text = chat.text("j'ai appelé le 15, ils arrivent")
    assert "les secours sont prévenus" in text and "rappelez le 15" in text
    assert "Appelez le 15 (SAMU) maintenant" not in text


def test_out_of_hours_care_gets_the_out_of_hours_numbers_with_their_sources(chat):
    text = chat.text("pharmacie de garde ce dimanche ?")
    assert "3237" in text and "15" in text and "116 117" in text
    assert "Légifrance" in text and "service-public.fr" in text


def test_too_far_is_not_a_place(chat):
    chat.say("centre le plus proche de Foix")
    text = chat.text("je peux pas faire 27 km")
    assert "plus près" in text and "visites à domicile" in text
    assert "Je ne trouve pas" not in text


def test_ok_after_thanks_is_acknowledged(chat):
    chat.say("centre le plus proche de Foix")
    chat.say("merci")
    assert "Je reste là" in chat.text("ok")
    assert "Au revoir" in chat.text("au revoir")


def test_wordless_messages_are_not_understood(chat):
    assert "Je n'ai pas bien compris" in chat.text("🙂🙂🙂")


def test_conversations_are_kept_in_the_sql_tracker_store(servers, chat):
    chat.say("Bonjour")
    chat.say("centre le plus proche de Foix")
    connection = sqlite3.connect(servers["tracker_db"])
    try:
        rows = connection.execute(
            "SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id", (chat.sender,)
        ).fetchall()
    finally:
        connection.close()
    assert [kind for kind, _ in rows].count("user") == 2
    assert "action_nearest_centres" in [json.loads(data)["name"] for kind, data in rows if kind == "action"]


def post(body: bytes) -> tuple[int, Any]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{RASA_PORT}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        content = error.read()
        return error.code, json.loads(content) if content.startswith(b"{") else content


@pytest.mark.parametrize(
    "body",
    [
        {"message": "Bonjour"},  # Rasa would put it in one "default" conversation shared by all
        {"sender": "", "message": "Bonjour"},
        {"sender": "../../x", "message": "Bonjour"},
        {"sender": "x" * 300, "message": "Bonjour"},
        {"sender": 42, "message": "Bonjour"},
        {"sender": "test-ok", "message": 42},
        {"sender": "test-ok"},
        ["Bonjour"],
    ],
)
def test_rest_refuses_a_missing_or_bad_sender_or_message(servers, body):
    status, answer = post(json.dumps(body).encode())
    assert status == 400
    assert answer["error"].startswith(("« sender » est obligatoire", "« message » doit", "Le corps"))


def test_rest_refuses_an_oversized_body(servers):
    status, _ = post(json.dumps({"sender": "test-big", "message": "x" * 100_000}).encode())
    assert status == 413


def test_a_long_message_is_answered_without_the_pipeline(stored_events, chat):
    assert chat.text("Je cherche un médecin " * 100) == limits.TOO_LONG  # 2,200 characters
    assert stored_events(chat.sender) == []
    assert "Ma santé, Ma Région" in chat.text("Bonjour")


@pytest.mark.parametrize(
    "typed",
    ['/greet{"place":"x"} mon père ne respire plus', '/find_nearest_centre{"place":"Foix"} ma mère ne respire plus'],
)
def test_a_typed_payload_goes_through_the_safety_net(stored_events, chat, typed):
    text = chat.text(typed)
    assert all(number in text for number in ("15", "112", "114")), text
    assert [data["text"] for kind, data in stored_events(chat.sender) if kind == "user"] == [typed[1:]]


def test_restart_is_not_a_visitors_command(stored_events, chat):
    chat.say("un centre près de Mirepoix")
    chat.say("/restart")
    kinds = [kind for kind, _ in stored_events(chat.sender)]
    assert "restart" not in kinds
    assert "Mirepoix (Ariège)" in chat.text("Ariège")  # the conversation goes on


def test_large_metadata_is_not_stored(stored_events, chat):
    status, _ = post(json.dumps({"sender": chat.sender, "message": "Bonjour", "metadata": {"x": "y" * 5000}}).encode())
    assert status == 200
    status, _ = post(json.dumps({"sender": chat.sender, "message": "Merci", "metadata": {"page": "accueil"}}).encode())
    first, second = [data["metadata"] for kind, data in stored_events(chat.sender) if kind == "user"]
    assert "x" not in first  # Rasa adds its own keys (model_id…)
    assert second["page"] == "accueil"


@pytest.mark.parametrize(("page", "allowed"), [(True, True), (False, False)])
def test_only_the_page_origin_may_call_rasa_from_a_browser(servers, page, allowed):
    origin = servers["web_url"] if page else "http://evil.example"
    request = urllib.request.Request(
        f"http://127.0.0.1:{RASA_PORT}/webhooks/rest/webhook",
        data=json.dumps({"sender": "test-cors", "message": "Bonjour"}).encode(),
        headers={"Content-Type": "application/json", "Origin": origin},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert (response.headers.get("Access-Control-Allow-Origin") == origin) is allowed


def texts_of(answers: list[dict[str, Any]]) -> str:
    return "\n".join(answer.get("text", "") for answer in answers)


def test_a_precise_question_gets_its_fact_then_the_topic_on_request(chat):
    answers = chat.say("Combien de médecins la Région a-t-elle recrutés en tout ?")
    said = texts_of(answers)
    assert "27 médecins" in said and "Source : dossier de presse de la Région Occitanie, début 2023" in said
    more = [b for a in answers for b in a.get("buttons", []) if b["title"].startswith("En savoir plus")]
    assert more, answers
    # The button leads to the whole topic (the payload was offered, so it stays a payload).
    assert "Ma santé, Ma Région" in texts_of(chat.say(more[0]["payload"]))


# Precise questions written from the sources alone (tests/facts/, benchmarks/facts.py): share
# answered with the right figure or date. A little under what was measured (docs/benchmarks.md).
FACT_FLOORS = {
    "questions_2026-11-29": 0.85,
    "questions_2026-11-29b": 0.87,
    "questions_2026-11-29c": 0.81,
    "questions_2026-11-30d": 0.77,
    "questions_2026-11-30e": 0.80,
    "questions_2026-11-30f": 0.75,
    "questions_2026-11-30g": 0.76,
    "questions_2026-11-30h": 0.78,
    "questions_2026-11-30i": 0.83,
    "questions_2026-11-30j": 0.78,
    "questions_2026-11-30k": 0.85,
    "questions_2026-11-30l": 0.89,
    "questions_2026-12-01m": 0.87,
    "questions_2026-12-01n": 0.89,
}


@pytest.mark.parametrize("name", sorted(FACT_FLOORS))
def test_precise_questions_get_their_figure_or_date(servers, name):
    from benchmarks.facts import score

    right, total, _ = score(servers["rasa_url"], ROOT / "tests" / "facts" / f"{name}.yml")
    assert sum(right.values()) / sum(total.values()) >= FACT_FLOORS[name]


def test_a_broad_question_keeps_its_topic(chat):
    said = texts_of(chat.say("Qu'est-ce que le salariat offre aux médecins ?"))
    assert "35 heures" in said and "secrétariat" in said


def test_the_logs_keep_no_message_text(servers, chat):
    marker = f"Zorglub{uuid.uuid4().hex[:8]}"
    chat.say(f"Bonjour, je m'appelle {marker} et j'ai mal au dos depuis trois jours")
    chat.say(f'/greet{{"place": "{marker}"}}')
    for log in servers["logs"]:
        assert marker not in Path(log).read_text(errors="replace"), log


def test_staff_example_conversations_pass(servers, capsys):
    from staff.conversations import main

    exit_code = main(
        [str(ROOT / "staff" / "exemples" / "parcours-principaux.yml"), "--url", f"http://127.0.0.1:{RASA_PORT}"]
    )
    out = capsys.readouterr().out
    assert exit_code == 0, out
    assert "✗" not in out and "✓" in out and "0 échouées" in out


def test_staff_runner_reports_a_failed_expectation(servers, tmp_path, capsys):
    from staff.conversations import main

    path = tmp_path / "faux.yml"
    path.write_text(
        'conversations:\n  - nom: Faux\n    tours:\n      - dit: "Bonjour"\n        attend: "Zanzibar"\n'
        '      - bouton: "Bouton absent"\n',
        encoding="utf-8",
    )
    exit_code = main([str(path), "--url", f"http://127.0.0.1:{RASA_PORT}"])
    out = capsys.readouterr().out
    assert exit_code == 1
    assert "✗ contient « Zanzibar »" in out and "✗ pas de bouton « Bouton absent »" in out


def test_staff_runner_says_when_the_assistant_is_not_running(tmp_path, capsys):
    from staff.conversations import main

    exit_code = main([str(ROOT / "staff" / "exemples" / "parcours-principaux.yml"), "--url", "http://127.0.0.1:9"])
    assert exit_code == 2
    assert "ne répond pas" in capsys.readouterr().err


def test_the_staff_terminal_talks_french_with_the_real_assistant(servers):
    import io

    from staff.conversations import Assistant
    from staff.shell import converse

    assistant = Assistant(f"http://127.0.0.1:{RASA_PORT}")
    sender = f"test-shell-{uuid.uuid4().hex[:8]}"
    typed = iter(["un centre près de Prades", "3", "/stop"])
    out = io.StringIO()
    converse(lambda message: assistant.say(sender, message), lambda prompt: next(typed), out)
    transcript = out.getvalue()
    assert transcript.startswith("Assistant : Bonjour !")
    assert "  3. Prades (Tarn)" in transcript
    assert "Vous (bouton) : Prades (Tarn)" in transcript and "Mazamet" in transcript
    assert "/inform_place" not in transcript and "Fin de la conversation." in transcript


# Held-out conversations (tests/conversations/, written by separate authors; `bash
# scripts/converse.sh`): share of conversations whose every expectation is met. A little under
# what was measured (docs/benchmarks.md, "Conversations"), sixth session: d 88/94, e 79/84, f 80/84
# (all three spent), g 80/82; seventh session: h 79/86 on its first score, then read; i 81/86
# (fresh, only scored); eighth session: j 76/85 on its first score, then read (81/85 after), i
# read (85/86 after), k 75/81 (fresh, only scored); ninth session: k read (78/81 after), l
# 92/100 on its first score (93/100 with the safety signs of its missed lines; fresh, only
# scored); tenth session: l read (97/100 with the model of the session's start), m 112/120 (fresh,
# only scored but for its safety lines); eleventh session: m read (116/120 after), n 123/130
# (fresh, only scored; 125/130 once the net had the signs of its safety lines); twelfth session: n
# read (130/130 after), o 130/134 (fresh, only scored but for its safety lines). The older sets
# were written before intents and answers they test existed.
CONVERSATION_FLOORS = {
    "heldout_2026-11-29d": 0.89,
    "heldout_2026-11-30e": 0.90,
    "heldout_2026-11-30f": 0.90,
    "heldout_2026-11-30g": 0.92,
    "heldout_2026-11-30h": 0.88,
    "heldout_2026-11-30i": 0.93,
    "heldout_2026-11-30j": 0.92,
    "heldout_2026-11-30k": 0.92,
    "heldout_2026-11-30l": 0.93,
    "heldout_2026-11-30m": 0.92,
    "heldout_2026-12-01n": 0.95,
    "heldout_2026-12-01o": 0.94,
}


@pytest.mark.parametrize("name", sorted(CONVERSATION_FLOORS))
def test_held_out_conversations_are_right_above_the_floor(servers, name):
    import io

    from staff.conversations import Assistant, load, run

    conversations = load(ROOT / "tests" / "conversations" / f"{name}.yml")
    outcome = run(conversations, Assistant(servers["rasa_url"]), out=io.StringIO())
    assert outcome.conversations_right / len(conversations) >= CONVERSATION_FLOORS[name], outcome.failed_names[:10]
