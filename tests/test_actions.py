"""Each custom action run against a rasa-sdk Tracker built here, replies rendered with the domain."""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.centres import (
    ActionCentreStatus,
    ActionMoreCentres,
    ActionNearestCentres,
    ActionNearestFromPosition,
    ActionPracticalInfo,
)
from actions.clarify import ActionClarify
from actions.commune_questions import asks_for_a_commune
from actions.facts import ActionAnswerFact
from actions.knowledge_access import forget as forget_knowledge_base
from actions.knowledge_access import knowledge_base
from actions.topics import ActionExplainTopic, ActionJobLocations, ActionOutOfHours, ActionTooFar

DOMAIN_FILE = Path(__file__).resolve().parent.parent / "bot" / "domain.yml"


@lru_cache(maxsize=1)
def domain() -> dict[str, Any]:
    return yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True, scope="module")
def _knowledge_base_from_the_test_database(knowledge_db_url):
    forget_knowledge_base()
    yield
    forget_knowledge_base()


def tracker(text: str, intent: str, entities: list[dict[str, Any]] | None = None, **slots: Any) -> Tracker:
    return Tracker(
        sender_id="test",
        slots={"place_question": None, "place_candidates": None, "commune": None, **slots},
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or []},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def place(value: str, start: int = 0) -> dict[str, Any]:
    return {"entity": "place", "value": value, "start": start, "end": start + len(value)}


def render(message: dict[str, Any]) -> str:
    """The text a user reads: the domain response filled with the action's variables."""
    template = domain()["responses"][message["response"]][0]["text"]
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    missing = names - message.keys()
    assert not missing, f"{message['response']} lacks {missing}"
    return template.format(**{k: message[k] for k in names})


def run(action, track: Tracker) -> tuple[list[str], list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, track, domain())
    return [render(m) for m in dispatcher.messages], dispatcher.messages, events


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_nearest_centre_from_a_commune():
    texts, messages, events = run(
        ActionNearestCentres(),
        tracker("centre le plus proche de St Girons", "find_nearest_centre", [place("St Girons", 24)]),
    )
    assert messages[0]["response"] == "utter_nearest_centres"
    assert "Saint-Girons (Ariège)" in texts[0]
    lines = [line for line in texts[0].splitlines() if line.startswith("•")]
    assert lines[0] == "• Sainte-Croix-Volvestre (Ariège), à 17 km : a ouvert début juillet 2022"
    assert len(lines) == 3
    assert "Source : dossier de presse de la Région Occitanie" in texts[0]
    assert "horaires" in texts[0] and "https://www.laregion.fr" in texts[0]  # what the data lacks, said plainly
    # Only slots that change are set (place_candidates was already empty); the origin of the
    # list is kept for "et un autre ?".
    assert slot_events(events) == {
        "place_question": "nearest",
        "commune": "09261",
        "centres_shown": 3.0,
        "search_origin": "42.96806,1.15912|Saint-Girons (Ariège)",
        "centres_listed": ["sainte-croix-volvestre", "aspet", "loures-barousse"],  # "le premier"…
    }


def test_nearest_centre_without_place_asks_for_it():
    texts, messages, events = run(
        ActionNearestCentres(), tracker("où est le centre le plus proche ?", "find_nearest_centre")
    )
    assert [m["response"] for m in messages] == ["utter_ask_place"]
    assert slot_events(events)["place_question"] == "nearest"


def test_a_commune_and_its_department_are_read_together():
    # As the NLU's gazetteer gives them: two place entities, the commune and its department.
    texts, messages, _ = run(
        ActionNearestCentres(),
        tracker("un médecin vers mirepoix gers svp", "find_nearest_centre", [place("mirepoix", 16), place("gers", 25)]),
    )
    assert messages[0]["response"] == "utter_nearest_centres"
    assert "Mirepoix (Gers)" in texts[0]


def test_a_wrongly_tagged_word_beside_the_place_is_ignored():
    texts, _, _ = run(
        ActionNearestCentres(),
        tracker(
            "slt jcherche 1 medecin vers carcasonne",
            "find_nearest_centre",
            [place("jcherche", 4), place("carcasonne", 27)],
        ),
    )
    assert "Carcassonne (Aude)" in texts[0]


def test_homonym_offers_departments_as_buttons_then_the_choice_is_understood():
    _, messages, events = run(
        ActionNearestCentres(), tracker("centre près de Prades", "find_nearest_centre", [place("Prades", 15)])
    )
    assert messages[0]["response"] == "utter_place_ambiguous"
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles == ["Prades (Ariège)", "Prades (Pyrénées-Orientales)", "Prades (Tarn)"]
    candidates = slot_events(events)["place_candidates"]
    assert candidates == ["09232", "66149", "81212"]

    # The user types the department…
    texts, messages, events = run(
        ActionNearestCentres(),
        tracker("celui du Tarn", "inform_place", [place("Tarn", 9)], place_candidates=candidates),
    )
    assert "Prades (Tarn)" in texts[0]
    assert slot_events(events)["place_candidates"] is None
    # …or clicks a button, whose payload carries "Prades (66)".
    _, asked, _ = run(ActionNearestCentres(), tracker("Prades", "find_nearest_centre", [place("Prades")]))
    payload = asked[0]["buttons"][1]["payload"]
    value = re.search(r'"place":"([^"]+)"', payload).group(1)
    texts, _, _ = run(
        ActionNearestCentres(), tracker(payload, "inform_place", [place(value)], place_candidates=candidates)
    )
    assert "Prades (Pyrénées-Orientales)" in texts[0]


def test_postal_code_of_communes_with_different_nearest_centres_asks_which_one():
    texts, messages, events = run(ActionNearestCentres(), tracker("09300", "inform_place", [place("09300")]))
    assert messages[0]["response"] == "utter_postal_code_ambiguous"
    assert len(messages[0]["buttons"]) == 6
    assert messages[0]["buttons"][0]["title"] == "Lavelanet (Ariège)"  # the most populous first
    assert "écrivez son nom" in texts[0]
    texts, _, _ = run(
        ActionNearestCentres(),
        tracker(
            "Bélesta", "inform_place", [place("Bélesta")], place_candidates=slot_events(events)["place_candidates"]
        ),
    )
    assert "Bélesta (Ariège)" in texts[0]


def test_postal_code_of_communes_with_the_same_nearest_centre_is_answered():
    texts, messages, events = run(ActionNearestCentres(), tracker("09000", "inform_place", [place("09000")]))
    assert messages[0]["response"] == "utter_postal_code_same_centre"
    assert texts[0].startswith("Le code postal 09000 couvre Foix et 22 autres communes")
    assert messages[1]["response"] == "utter_nearest_centres" and "Foix (Ariège)" in texts[1]
    assert slot_events(events)["commune"] == "09122"


def test_unknown_postal_code_is_said_so():
    texts, messages, _ = run(ActionNearestCentres(), tracker("31999", "inform_place", [place("31999")]))
    assert messages[0]["response"] == "utter_postal_code_unknown"
    assert "31999" in texts[0]


def test_unknown_place_says_so_and_asks_for_spelling_or_postal_code():
    texts, messages, _ = run(ActionNearestCentres(), tracker("Zorglubville", "inform_place"))
    assert messages[0]["response"] == "utter_place_unknown"
    assert "« Zorglubville »" in texts[0] and "code postal" in texts[0]


def test_words_of_the_language_read_as_a_place_are_no_unknown_commune():
    """« dommage » after « … n'est pas en Occitanie », read as a place: no « je ne trouve pas la
    commune « dommage » »; the commune is asked for."""
    for said in ("dommage", "bon ben tant pis", "ah mince"):
        _, messages, _ = run(ActionNearestCentres(), tracker(said, "inform_place"))
        assert [m["response"] for m in messages] == ["utter_ask_place"], said


def test_an_outside_commune_is_told_by_its_own_name():
    texts, _, _ = run(
        ActionNearestCentres(),
        tracker("st remy de provence medecin", "find_nearest_centre", [place("st remy de provence")]),
    )
    assert texts[0].startswith("Saint-Rémy-de-Provence n'est pas en Occitanie (Bouches-du-Rhône)")
    # a name or a postal code of several communes: as written, not one of them
    texts, _, _ = run(ActionNearestCentres(), tracker("un médecin à Lyon", "find_nearest_centre", [place("Lyon", 12)]))
    assert texts[0].startswith("Lyon n'est pas en Occitanie")
    texts, _, _ = run(ActionNearestCentres(), tracker("01100", "inform_place", [place("01100")]))
    assert "Apremont" not in texts[0] and "n'est pas en Occitanie (Ain)" in texts[0]
    # a postal code of one commune: that commune too
    texts, _, _ = run(ActionNearestCentres(), tracker("13130", "inform_place", [place("13130")]))
    assert texts[0].startswith(
        "Le code postal 13130, celui de Berre-l'Étang, n'est pas en Occitanie (Bouches-du-Rhône)"
    )


def test_a_place_named_as_a_landmark_comes_after_the_visitors_own():
    """« Vivès près de Céret »: the visitor is at Vivès, Céret only says where Vivès is; « j'habite
    près de Céret » is still Céret."""
    for text, meant, landmark in (
        ("Vivès près de Céret, centre le plus proche ?", "Vivès", "Céret"),
        ("Vic-la-Gardiole pas loin de Montpellier, un centre ?", "Vic-la-Gardiole", "Montpellier"),
        ("Mauguio à côté de Montpellier, un centre ?", "Mauguio", "Montpellier"),
        ("Pardailhan vers Saint-Chinian le docteur le plus proche", "Pardailhan", "Saint-Chinian"),
    ):
        entities = [place(meant, 0), place(landmark, text.find(landmark))]
        _, messages, _ = run(ActionNearestCentres(), tracker(text, "find_nearest_centre", entities))
        assert messages[0]["response"] == "utter_nearest_centres" and messages[0]["commune"].startswith(meant), text
    text = "j'habite près de Céret, Vivès exactement"
    entities = [place("Céret", text.find("Céret")), place("Vivès", text.find("Vivès"))]
    _, messages, _ = run(ActionNearestCentres(), tracker(text, "find_nearest_centre", entities))
    assert messages[0]["commune"].startswith("Céret")
    for text, meant in (
        ("Pardailhan, vers Saint-Chinian", "Saint-Chinian"),  # after a comma, « vers » says where
        ("je déménage de Cahors vers Montauban, quel centre ?", "Montauban"),  # review, 2026-12-01
        ("trajet Tarbes vers Lourdes", "Lourdes"),
    ):
        first, second = [
            p for p in ("Pardailhan", "Saint-Chinian", "Cahors", "Montauban", "Tarbes", "Lourdes") if p in text
        ]
        entities = [place(first, text.find(first)), place(second, text.find(second))]
        _, messages, _ = run(ActionNearestCentres(), tracker(text, "find_nearest_centre", entities))
        assert messages[0]["commune"].startswith(meant), (text, messages)


def test_place_outside_occitanie():
    texts, messages, _ = run(
        ActionNearestCentres(), tracker("médecin à Lyon", "find_nearest_centre", [place("Lyon", 11)])
    )
    assert messages[0]["response"] == "utter_place_outside"
    assert "Rhône" in texts[0] and "Occitanie" in texts[0]
    # a department: its code, not its name twice (« Landes n'est pas en Occitanie (Landes) »)
    text = "vous avez des centres dans les Landes ?"
    texts, _, _ = run(
        ActionNearestCentres(), tracker(text, "find_nearest_centre", [place("Landes", text.find("Landes"))])
    )
    assert texts[0].startswith("Landes n'est pas en Occitanie (département 40)."), texts


def test_the_visitors_own_place_outside_occitanie_is_said_before_the_department_named():
    text = "je vis à Bourg-Saint-Andéol, c'est pas loin du Gard, je peux aller dans un de vos centres ?"
    entities = [place("Bourg-Saint-Andéol", text.find("Bourg")), place("Gard", text.find("Gard"))]
    texts, messages, _ = run(ActionNearestCentres(), tracker(text, "find_nearest_centre", entities))
    assert messages[0]["response"] == "utter_place_outside" and "Bourg-Saint-Andéol" in texts[0]
    assert "Gard" in texts[-1]
    texts, messages, _ = run(
        ActionNearestCentres(), tracker("centres dans le Gard ?", "find_nearest_centre", [place("Gard", 16)])
    )
    assert "utter_place_outside" not in [m["response"] for m in messages] and "Gard" in texts[0]


def test_the_start_of_occitanie_names_is_asked_and_the_homonym_elsewhere_said():
    texts, messages, events = run(
        ActionNearestCentres(), tracker("centre près de Bordères", "find_nearest_centre", [place("Bordères", 15)])
    )
    assert messages[0]["response"] == "utter_place_starts_with"
    assert "« Bordères » tout court est hors d'Occitanie (Pyrénées-Atlantiques)" in texts[0]
    assert "Bordères-sur-l'Échez (Hautes-Pyrénées)" in [b["title"] for b in messages[0]["buttons"]]
    assert slot_events(events)["place_candidates"]


def test_a_commune_named_like_communes_elsewhere_is_answered_and_they_are_said():
    texts, messages, events = run(
        ActionNearestCentres(), tracker("j'habite à Brion", "find_nearest_centre", [place("Brion", 11)])
    )
    assert messages[0]["response"] == "utter_place_also_elsewhere"
    assert texts[0].startswith("Je vous réponds pour Brion (Lozère). D'autres communes s'appellent Brion")
    assert "hors d'Occitanie (Ain, Indre, Isère…)" in texts[0]
    assert messages[1]["response"] == "utter_nearest_centres" and "Brion" in texts[1]
    assert slot_events(events)["commune"] == "48031"


def test_homonyms_of_occitanie_are_asked_and_the_one_elsewhere_said():
    texts, messages, _ = run(ActionNearestCentres(), tracker("Prades", "inform_place", [place("Prades", 0)]))
    assert messages[0]["response"] == "utter_place_ambiguous"
    assert texts[0].endswith("Laquelle ? Il y en a aussi hors d'Occitanie (Ardèche, Haute-Loire).")
    assert len(messages[0]["buttons"]) == 3


def test_the_visitors_own_place_wins_over_a_place_they_mention():
    text = "Ah non, mes parents sont à Alan, moi je suis à Eoux."
    entities = [place("Alan", text.index("Alan")), place("Eoux", text.index("Eoux"))]
    texts, _, events = run(ActionNearestCentres(), tracker(text, "inform_place", entities))
    assert "plus proches de Eoux" in texts[0] and slot_events(events)["commune"] == "31168"


def test_right_after_the_suicide_line_a_message_without_place_gets_the_line_again():
    track = tracker("il a dit qu'il allait le faire ce soir, il est dans sa chambre", "find_nearest_centre")
    track.events = [
        {"event": "user", "text": "mon fils dit qu'il veut se tuer"},
        {"event": "action", "name": "utter_suicide_prevention"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": track.latest_message["text"]},
    ]
    texts, messages, _ = run(ActionNearestCentres(), track)
    assert [m["response"] for m in messages] == ["utter_suicide_followup"] and "3114" in texts[0]
    # Any other time, a search without a place (here « ce soir »: the out-of-hours numbers).
    track.events[1]["name"] = "utter_greet"
    texts, messages, _ = run(ActionNearestCentres(), track)
    assert [m["response"] for m in messages] == ["utter_topic"] and "116 117" in texts[0]


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "'; DROP TABLE communes; --", "--"])
def test_hostile_place_text_is_not_echoed(hostile):
    texts, messages, _ = run(ActionNearestCentres(), tracker(hostile, "inform_place", [place(hostile)]))
    assert [m["response"] for m in messages] == ["utter_place_not_understood"]
    assert hostile not in " ".join(texts)


def test_department_lists_its_centres():
    texts, messages, _ = run(ActionNearestCentres(), tracker("dans le Tarn", "inform_place", [place("Tarn", 9)]))
    assert messages[0]["response"] == "utter_centres_in_department"
    assert "département Tarn (81)" in texts[0]
    assert "• Mazamet (Tarn) : a ouvert en novembre 2022" in texts[0]
    assert "• Lacaune (Tarn) : devait ouvrir en février 2023" in texts[0]


def test_a_typo_is_answered_but_announced():
    texts, messages, _ = run(ActionNearestCentres(), tracker("Carcasonne", "inform_place", [place("Carcasonne")]))
    assert messages[0]["response"] == "utter_place_understood_as"
    assert texts[0] == "Je pense que vous parlez de Carcassonne (Aude)."
    assert messages[1]["response"] == "utter_nearest_centres"


def test_ambiguous_typo_offers_did_you_mean_buttons():
    texts, messages, events = run(ActionNearestCentres(), tracker("Espagne", "inform_place", [place("Espagne")]))
    assert messages[0]["response"] == "utter_place_did_you_mean"
    assert len(messages[0]["buttons"]) >= 2
    assert len(slot_events(events)["place_candidates"]) >= 2


def test_start_of_a_compound_name_offers_buttons():
    texts, messages, _ = run(ActionNearestCentres(), tracker("Castelnau", "inform_place", [place("Castelnau")]))
    assert messages[0]["response"] == "utter_place_starts_with"
    assert len(messages[0]["buttons"]) == 6 and "écrivez son nom" in texts[0]


def test_an_occitanie_place_wins_over_one_elsewhere_in_the_same_message():
    texts, _, _ = run(
        ActionNearestCentres(), tracker("Paris ou Rodez", "find_nearest_centre", [place("Paris", 0), place("Rodez", 9)])
    )
    assert "Rodez (Aveyron)" in texts[0]


def test_former_commune_is_explained():
    texts, messages, _ = run(ActionNearestCentres(), tracker("Vicdessos", "inform_place", [place("Vicdessos")]))
    assert messages[0]["response"] == "utter_former_commune"
    assert "Val-de-Sos" in texts[0]


def test_status_of_an_open_centre_gives_date_facts_and_source_never_a_present_yes():
    texts, messages, events = run(
        ActionCentreStatus(), tracker("le centre de Millas est-il ouvert ?", "centre_status", [place("Millas", 14)])
    )
    assert messages[0]["response"] == "utter_centre_open"
    assert texts[0].startswith("Le centre de santé de Ma Région de Millas (Pyrénées-Orientales) a ouvert")
    assert "a ouvert le 15 septembre 2022" in texts[0] and "Début 2023" in texts[0] and "310 consultations" in texts[0]
    assert "Source : dossier de presse de la Région Occitanie, début 2023" in texts[0]
    assert not texts[0].startswith("Oui")
    assert "Je ne sais pas s'il est ouvert aujourd'hui" in texts[0]  # no hours in the data: said plainly


def test_a_centre_that_existed_before_is_not_said_to_have_opened():
    texts, _, events = run(ActionCentreStatus(), tracker("et Aspet ?", "centre_status", [place("Aspet", 3)]))
    assert "existait déjà" in texts[0] and "a ouvert" not in texts[0]
    assert slot_events(events)["place_question"] == "status"


def test_status_of_an_announced_centre_is_stated_with_its_date_not_as_fact():
    texts, messages, _ = run(
        ActionCentreStatus(),
        tracker("le centre de saint martory a ouvert ?", "centre_status", [place("saint martory", 14)]),
    )
    assert messages[0]["response"] == "utter_centre_announced"
    assert "devait ouvrir en février 2023" in texts[0] and "Je ne sais pas s'il a ouvert" in texts[0]


def test_status_of_a_partner_territory():
    texts, messages, _ = run(
        ActionCentreStatus(), tracker("un centre à Lodève ?", "centre_status", [place("Lodève", 12)])
    )
    assert messages[0]["response"] == "utter_centre_partner"
    assert "territoires du groupement" in texts[0] and "pas de centre" in texts[0]


def test_status_where_there_is_no_centre_gives_the_nearest():
    texts, messages, _ = run(
        ActionCentreStatus(), tracker("centre à Foix ouvert ?", "centre_status", [place("Foix", 10)])
    )
    assert [m["response"] for m in messages][:2] == ["utter_no_centre_here", "utter_nearest_centres"]


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("practice_benefits", ["35 heures", "équipe", "secrétariat", "pas de montant"]),
        ("doctor_role", ["visites à domicile", "gardes", "maîtres de stage"]),
        ("how_to_apply", ["recrutement"]),
        ("programme_info", ["200 médecins", "dizaine de centres"]),
    ],
)
def test_topics_come_from_the_knowledge_base_with_their_source(intent, expected):
    texts, messages, _ = run(ActionExplainTopic(), tracker("?", intent))
    assert messages[0]["response"] == "utter_topic"
    for fragment in expected:
        assert fragment in texts[0]
    assert "(Source : " in texts[0]
    if intent in ("practice_benefits", "how_to_apply"):
        assert "https://www.laregion.fr/Recrutement-medecins" in texts[1]


@pytest.mark.parametrize(
    ("scheme", "fragment"),
    [
        ("cesp", "bourse"),
        ("ptmg", "garantie de revenus"),
        ("msp", "maison de santé"),
        ("msp_universitaire", "Cabestany"),
    ],
)
def test_each_scheme(scheme, fragment):
    texts, _, _ = run(ActionExplainTopic(), tracker("?", "other_schemes", [{"entity": "scheme", "value": scheme}]))
    assert fragment in texts[0]


def test_schemes_overview_without_entity():
    texts, _, _ = run(ActionExplainTopic(), tracker("quelles aides ?", "other_schemes"))
    for name in ("CESP", "PTMG", "maisons de santé", "Montréjeau"):
        assert name in texts[0]


def test_job_locations_lists_territories_by_status():
    texts, _, _ = run(ActionJobLocations(), tracker("où recrutez-vous ?", "job_locations"))
    assert "Centres ouverts : " in texts[0] and "Millas (66)" in texts[0]
    assert "Saint-Martory (31)" in texts[0].split("Ouvertures annoncées : ")[1].split("\n")[0]
    partners = texts[0].split("Autres territoires du groupement : ")[1].split("\n")[0]
    candidates = texts[0].split("Candidatures en cours d'examen : ")[1].split("\n")[0]
    assert "Lodève (34)" in partners and "Castelsarrasin" not in partners
    assert "Castelsarrasin (82)" in candidates and "Fleurance (32)" in candidates


def centre_names(text: str) -> list[str]:
    return [line[2:].split(" (")[0] for line in text.splitlines() if line.startswith("• ")]


def test_more_centres_goes_on_from_the_last_list_until_there_is_none_left():
    _, _, events = run(ActionNearestCentres(), tracker("Foix", "inform_place", [place("Foix")]))
    slots = slot_events(events)
    first = run(ActionNearestCentres(), tracker("Foix", "inform_place", [place("Foix")]))[0][0]
    seen = centre_names(first)
    assert len(seen) == 3
    open_count = len(knowledge_base().centres_with_status("open"))
    while True:
        texts, messages, events = run(ActionMoreCentres(), tracker("et un autre ?", "more_centres", **slots))
        if messages[0]["response"] == "utter_no_more_centres":
            assert "https://www.laregion.fr" in texts[0]
            break
        assert messages[0]["response"] == "utter_more_centres" and "plus loin de Foix (Ariège)" in texts[0]
        names = centre_names(texts[0])
        assert names and not set(names) & set(seen)
        seen += names
        slots.update(slot_events(events))
    assert len(seen) == open_count  # every open centre, each once, nearest first


def test_more_centres_without_a_previous_list_asks_for_the_commune():
    _, messages, events = run(ActionMoreCentres(), tracker("et un autre ?", "more_centres"))
    assert [m["response"] for m in messages] == ["utter_more_centres_needs_place"]
    assert slot_events(events) == {"place_question": "nearest"}


def position(lat: Any, lon: Any) -> list[dict[str, Any]]:
    return [{"entity": "latitude", "value": lat}, {"entity": "longitude", "value": lon}]


def test_nearest_centres_from_the_visitors_position():
    texts, messages, events = run(
        ActionNearestFromPosition(), tracker("/share_position", "share_position", position(43.4700, 2.3800))
    )
    assert messages[0]["response"] == "utter_nearest_centres"
    assert "de votre position, près de Mazamet (Tarn)" in texts[0]
    assert centre_names(texts[0])[0] == "Mazamet"
    slots = slot_events(events)
    assert slots["place_question"] == "nearest" and slots["search_origin"].startswith("43.47000,2.38000|")
    texts, _, _ = run(ActionNearestFromPosition(), tracker("", "share_position", position(43.4928, 2.3734)))
    assert "près d'Aussillon (Tarn)" in texts[0] and centre_names(texts[0])[0] == "Mazamet"


@pytest.mark.parametrize(
    "entities",
    [
        [],
        position("abc", 2.0),
        position(43.5, None),
        position(95.0, 2.0),
        position(float("nan"), 1.0),
        [{"entity": "latitude", "value": 43.5}],
    ],
)
def test_no_usable_position_asks_for_the_commune(entities):
    _, messages, events = run(ActionNearestFromPosition(), tracker("/share_position", "share_position", entities))
    assert [m["response"] for m in messages] == ["utter_position_unavailable"]
    assert slot_events(events)["place_question"] == "nearest"


def test_position_outside_occitanie_or_at_sea():
    texts, messages, _ = run(ActionNearestFromPosition(), tracker("", "share_position", position(44.8378, -0.5792)))
    assert messages[0]["response"] == "utter_position_outside" and "Bordeaux" in texts[0]
    _, messages, _ = run(ActionNearestFromPosition(), tracker("", "share_position", position(40.0, 5.0)))
    assert messages[0]["response"] == "utter_position_not_found"


@pytest.mark.parametrize(
    ("text", "entities", "fragment"),
    [
        ("quels sont les horaires ?", [], "des centres"),
        ("le téléphone du centre de Millas ?", [place("Millas", 25)], "du centre de santé de Ma Région de Millas"),
    ],
)
def test_practical_info_says_it_has_none_and_points_to_the_official_page(text, entities, fragment):
    texts, _, _ = run(ActionPracticalInfo(), tracker(text, "practical_info", entities))
    assert fragment in texts[0] and "https://www.laregion.fr" in texts[0]
    assert not re.search(r"\d{2} ?\d{2} ?\d{2} ?\d{2}", texts[0])  # never a phone number


@pytest.mark.parametrize(
    ("benefit", "fragment", "absent"),
    [
        ("hours", "35 heures", "secrétariat"),
        ("salary", "pas de montant", "35 heures"),
        ("secretariat", "secrétariat médical partagé", "salaires"),
        ("premises", "locaux équipés", "équipe."),
        ("team", "travail en équipe", "locaux"),
        ("admin", "démarches administratives", "salaires"),
    ],
)
def test_one_benefit_asked_alone(benefit, fragment, absent):
    entities = [{"entity": "benefit", "value": benefit}]
    texts, _, _ = run(ActionExplainTopic(), tracker("?", "practice_benefits", entities))
    assert fragment in texts[0] and absent not in texts[0] and "(Source : " in texts[0]


def test_an_unknown_benefit_value_gives_the_whole_list():
    texts, _, _ = run(ActionExplainTopic(), tracker("?", "practice_benefits", [{"entity": "benefit", "value": "x"}]))
    assert "35 heures" in texts[0] and "secrétariat" in texts[0]


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("centre_services", ["visites à domicile", "EHPAD", "site de la Région"]),
        ("regular_doctor", ["ne disent pas", "médecin traitant", "contactez le centre"]),
        ("internships", ["maîtres de stage", "internes", "Cabestany"]),
    ],
)
def test_patient_and_student_topics(intent, expected):
    texts, _, _ = run(ActionExplainTopic(), tracker("?", intent))
    for fragment in expected:
        assert fragment in texts[0]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "Je suis maire de Gabian, comment ma commune peut-elle avoir un centre de santé de la Région ?",
            "programme_info",
        ),
        ("notre communauté de communes voudrait accueillir un centre, on fait comment ?", "how_to_apply"),
    ],
)
def test_a_commune_asking_how_to_have_a_centre_gets_what_a_member_commune_does(text, intent):
    entities = [place("Gabian", text.find("Gabian"))] if "Gabian" in text else []
    texts, messages, events = run(ActionExplainTopic(), tracker(text, intent, entities))
    # The mayor's commune, when named, is said first: the question was understood.
    responses = [m["response"] for m in messages]
    assert (responses[0] == "utter_commune_question_for") is bool(entities) and (
        "Gabian (Hérault)" in texts[0]
    ) is bool(entities)
    topic = texts[responses.index("utter_topic")]
    for fragment in ("manifestation d'intérêt", "octobre 2021", "locaux", "contribution financière"):
        assert fragment in topic
    assert "(Source : " in topic and not any("plus proches" in t for t in texts) and events == []


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("quelles sont les obligations pour la commune ?", True),  # set n (2026-12-01)
        ("quel est le rôle de la commune dans le centre ?", True),
        # the doctor's duties, not the commune's (review, 2026-12-01)
        ("Quelles sont les obligations du médecin salarié envers la commune ?", False),
        ("Le médecin doit faire des gardes dans les communes voisines ?", False),
        ("Quel rôle joue le centre pour les patients de ma commune ?", False),
    ],
)
def test_what_a_commune_must_do_is_a_communes_question(text, asked):
    assert asks_for_a_commune(text) is asked


def test_the_mayors_commune_is_said_back_only_when_it_is_the_askers():
    for text, place_named, said in (
        ("Je suis maire de Gabian, comment ma commune peut-elle avoir un centre ?", "Gabian", True),
        ("Comment notre commune peut-elle avoir un centre comme celui de Millas ?", "Millas", False),
        ("Je suis maire d'une commune près de Figeac, comment obtenir un centre ?", "Figeac", False),
        # set n (2026-12-01): an adjointe, and a name two communes of Occitanie bear, said as typed
        ("je suis adjointe à la santé à Gignac, comment notre commune peut adhérer ?", "Gignac", True),
        ("Une commune comme Millas, quelles sont les obligations de la commune ?", "Millas", False),
    ):
        entities = [place(place_named, text.index(place_named))]
        texts, messages, _ = run(ActionExplainTopic(), tracker(text, "programme_info", entities))
        assert (messages[0]["response"] == "utter_commune_question_for") is said, text
        assert "locaux" in " ".join(texts) and (not said or texts[0].startswith(f"Pour {place_named}")), texts


@pytest.mark.parametrize(
    ("action", "text", "intent"),
    [
        (
            ActionNearestCentres(),
            "Bonjour, je suis maire de Saint-Chels dans le Lot. Comment notre commune peut-elle avoir un centre ?",
            "find_nearest_centre",
        ),
        (ActionPracticalInfo(), "et ça coûte quoi à la commune ?", "practical_info"),
    ],
)
def test_a_communes_question_read_as_a_patients_gets_what_a_member_commune_does(action, text, intent):
    texts, messages, _ = run(action, tracker(text, intent, [place("Saint-Chels", max(text.find("Saint-Chels"), 0))]))
    responses = [m["response"] for m in messages]
    assert "locaux" in texts[responses.index("utter_topic")] and responses[0] != "utter_nearest_centres"
    assert not any("plus proches" in t for t in texts)


def test_a_patient_asking_a_price_still_gets_the_practical_answer():
    texts, _, _ = run(ActionPracticalInfo(), tracker("la consultation coûte combien ?", "practical_info"))
    assert "locaux" not in " ".join(texts)


def test_a_doctor_asking_how_to_apply_still_gets_the_recruitment_answer():
    texts, _, _ = run(ActionExplainTopic(), tracker("comment je peux postuler comme médecin ?", "how_to_apply"))
    assert "recrutement" in texts[0] and "locaux" not in texts[0]


def test_what_a_named_centre_offers_adds_its_own_facts():
    texts, messages, _ = run(
        ActionExplainTopic(), tracker("que propose le centre de Millas ?", "centre_services", [place("Millas", 26)])
    )
    assert [m["response"] for m in messages] == ["utter_topic", "utter_topic_link", "utter_centre_facts"]
    assert "centre de santé de Ma Région de Millas" in texts[2] and "médecins" in texts[2]


def clarify_tracker(ranking: list[tuple[str, float]], entities=None) -> Tracker:
    track = tracker("le centre de Millas ?", "nlu_fallback", entities)
    track.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 1.0}] + [
        {"name": n, "confidence": c} for n, c in ranking
    ]
    return track


def test_two_close_guesses_offer_a_choice_keeping_the_entities():
    _, messages, _ = run(
        ActionClarify(),
        clarify_tracker(
            [("practice_benefits", 0.45), ("doctor_role", 0.40), ("greet", 0.1)],
            [{"entity": "benefit", "value": "hours"}],
        ),
    )
    assert messages[0]["response"] == "utter_clarify"
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads == ['/practice_benefits{"benefit": "hours"}', '/doctor_role{"benefit": "hours"}', "/help"]


@pytest.mark.parametrize(
    ("ranking", "entities", "response"),
    [
        # a place with a patient's question among the guesses, or with none: its centres
        ([("find_nearest_centre", 0.4), ("centre_services", 0.35)], [place("Lavelanet", 13)], "utter_nearest_centres"),
        ([], [place("66", 13)], "utter_centres_in_department"),
        ([("centre_status", 0.45), ("practical_info", 0.40)], [place("Millas", 13)], "utter_centre_open"),
        ([("job_locations", 0.5), ("practice_benefits", 0.3)], [place("Gers", 13)], "utter_job_locations"),
        # a doctor's question with a place: still asked
        ([("practice_benefits", 0.45), ("doctor_role", 0.40)], [place("Foix", 13)], "utter_clarify"),
    ],
)
def test_a_place_in_an_unsure_message_is_answered_as_a_place_question(ranking, entities, response):
    _, messages, _ = run(ActionClarify(), clarify_tracker(ranking, entities))
    assert response in [m["response"] for m in messages]


@pytest.mark.parametrize(
    "ranking",
    [
        [("centre_status", 0.9)],
        [("greet", 0.5), ("chitchat", 0.4)],
        [("centre_status", 0.5), ("practical_info", 0.05)],
        [],
    ],
)
def test_no_real_hesitation_gives_the_default_answer(ranking):
    _, messages, _ = run(ActionClarify(), clarify_tracker(ranking))
    assert [m["response"] for m in messages] == ["utter_default"]


@pytest.mark.parametrize(
    ("entities", "inside", "outside"),
    [
        ([place("Gers", 20)], "Fleurance (32)", "Millas (66)"),
        ([place("Albi", 20)], "Mazamet (81)", "Millas (66)"),
    ],
)
def test_job_locations_in_a_named_department(entities, inside, outside):
    texts, messages, _ = run(ActionJobLocations(), tracker("vous recrutez dans le Gers ?", "job_locations", entities))
    assert messages[0]["response"] == "utter_job_locations"
    assert inside in texts[0] and outside not in texts[0]


def test_job_locations_in_a_department_without_any_lists_them_all():
    texts, messages, _ = run(ActionJobLocations(), tracker("et en Lozère ?", "job_locations", [place("Lozère", 6)]))
    assert [m["response"] for m in messages][:2] == ["utter_no_job_in_department", "utter_job_locations"]
    assert "Lozère (48)" in texts[0] and "Millas (66)" in texts[1]


def test_too_far_offers_home_visits_and_the_out_of_hours_doctor_with_sources():
    texts, messages, events = run(ActionTooFar(), tracker("c'est trop loin pour moi", "too_far"))
    assert [m["response"] for m in messages] == ["utter_too_far"] and events == []
    assert "font des visites à domicile." in texts[0]
    assert "appelez le 15" in texts[0]
    assert "dossier de presse de la Région Occitanie, début 2023" in texts[0] and "service-public.fr" in texts[0]


def test_out_of_hours_care_is_the_out_of_hours_topic():
    texts, _, _ = run(ActionOutOfHours(), tracker("pharmacie de garde ?", "out_of_hours_care"))
    assert "3237" in texts[0] and "116 117" in texts[0] and "Légifrance" in texts[0]


@pytest.mark.parametrize(
    ("text", "entities", "centre"),
    [
        ("le premier il est ouvert ?", [], "Sainte-Croix-Volvestre"),
        ("et le deuxième ?", [], "Aspet"),
        ("celui de Loures il est ouvert ?", [place("Loures", 10)], "Loures-Barousse"),
    ],
)
def test_a_centre_of_the_last_list_can_be_referred_to(text, entities, centre):
    listed = ["sainte-croix-volvestre", "aspet", "loures-barousse"]
    texts, messages, _ = run(ActionCentreStatus(), tracker(text, "centre_status", entities, centres_listed=listed))
    assert messages[0]["response"] != "utter_ask_place"
    assert centre in texts[0]


def test_without_a_list_the_first_is_no_centre():
    _, messages, _ = run(ActionCentreStatus(), tracker("le premier il est ouvert ?", "centre_status"))
    assert messages[0]["response"] == "utter_ask_place"


def test_a_department_list_can_be_followed_by_one_of_its_centres():
    _, _, events = run(
        ActionNearestCentres(), tracker("centres en Ariège ?", "find_nearest_centre", [place("Ariège", 11)])
    )
    listed = slot_events(events)["centres_listed"]
    texts, _, _ = run(
        ActionCentreStatus(),
        tracker(
            "celui de Sainte-Croix il est ouvert ?", "centre_status", [place("Sainte-Croix", 9)], centres_listed=listed
        ),
    )
    assert "Sainte-Croix-Volvestre" in texts[0] and "juillet 2022" in texts[0]


def test_job_locations_say_which_department():
    texts, _, _ = run(
        ActionJobLocations(),
        tracker("des postes dans les Hautes-Pyrénées ?", "job_locations", [place("Hautes-Pyrénées", 17)]),
    )
    assert "Dans le département Hautes-Pyrénées (65) :" in texts[0]


def test_a_place_after_an_out_of_hours_question_gets_the_numbers_again_then_its_nearest_centres():
    texts, messages, events = run(
        ActionOutOfHours(), tracker("Condom", "inform_place", [place("Condom")], place_question="out_of_hours")
    )
    assert "3237" in texts[0] and messages[-1]["response"] == "utter_nearest_centres"
    assert "Condom" in texts[-1] and slot_events(events)["centres_listed"]


def test_a_patient_question_with_a_shared_name_asks_which_commune():
    texts, messages, _ = run(
        ActionExplainTopic(), tracker("barjac, y a quoi comme centre ?", "centre_services", [place("barjac")])
    )
    assert [m["response"] for m in messages][-1] == "utter_place_ambiguous"


def test_a_second_question_about_home_visits_is_answered_after_the_centres():
    text = "ma mère vit seule à Foix, y a-t-il un centre près de chez elle et les médecins se déplacent à domicile ?"
    texts, messages, _ = run(ActionNearestCentres(), tracker(text, "find_nearest_centre", [place("Foix", 20)]))
    assert [m["response"] for m in messages] == ["utter_nearest_centres", "utter_home_visits"]
    assert "font des visites à domicile" in texts[1] and "Source" in texts[1]


@pytest.mark.parametrize(
    ("ranking", "response"),
    [
        ([("emergency", 0.35), ("find_nearest_centre", 0.3)], "utter_emergency"),
        ([("find_nearest_centre", 0.4), ("suicidal_thoughts", 0.2)], "utter_suicide_prevention"),
    ],
)
def test_an_alarm_among_unsure_guesses_gets_its_numbers_first(ranking, response):
    _, messages, _ = run(ActionClarify(), clarify_tracker(ranking, [place("Foix", 13)]))
    assert [m["response"] for m in messages] == [response]


def test_a_place_taken_back_is_not_searched():
    text = "Pardon je me suis trompée, il habite à Bertholène et pas à Bessuéjouls"
    entities = [place("Bertholène", text.index("Bertholène")), place("Bessuéjouls", text.index("Bessuéjouls"))]
    texts, _, _ = run(ActionNearestCentres(), tracker(text, "inform_place", entities))
    assert "plus proches de Bertholène" in texts[0]


def test_a_place_taken_back_takes_its_department_with_it():
    text = "non pas Prades dans les Pyrénées-Orientales, Prades dans le Tarn"
    entities = [
        place("Prades", text.index("Prades")),
        place("Pyrénées-Orientales", text.index("Pyrénées")),
        place("Prades", text.rindex("Prades")),
        place("Tarn", text.index("Tarn")),
    ]
    texts, _, _ = run(ActionNearestCentres(), tracker(text, "inform_place", entities))
    assert "plus proches de Prades (Tarn)" in texts[0]


def test_a_place_said_with_pas_de_is_still_the_place():
    text = "il n'y a pas de médecin à Foix"
    texts, _, _ = run(ActionNearestCentres(), tracker(text, "find_nearest_centre", [place("Foix", text.index("Foix"))]))
    assert "plus proches de Foix" in texts[0]


def test_this_centre_after_a_list_is_the_nearest_of_the_list():
    # A list measured from Lacaune: Mazamet first among the open centres, the announced Lacaune-Viane
    # centre in the visitor's own commune after them.
    kb = knowledge_base()
    lacaune = next(c for c in kb.centres if c.status == "announced" and c.commune.name.startswith("Lacaune"))
    _, _, events = run(
        ActionNearestCentres(), tracker("Lacaune", "inform_place", [place("Lacaune")], place_question="nearest")
    )
    slots = slot_events(events)
    assert slots["centres_listed"][-1] == lacaune.id
    texts, messages, _ = run(
        ActionCentreStatus(),
        tracker(
            "il est ouvert ce centre ?",
            "centre_status",
            centres_listed=slots["centres_listed"],
            search_origin=slots["search_origin"],
        ),
    )
    assert messages[0]["response"] == "utter_centre_announced" and "Lacaune-Viane" in texts[0]


def test_a_status_answer_can_be_followed_by_when_did_it_open():
    _, _, events = run(ActionCentreStatus(), tracker("le centre de Salviac ?", "centre_status", [place("Salviac", 13)]))
    listed = slot_events(events)["centres_listed"]
    texts, _, _ = run(ActionCentreStatus(), tracker("il a ouvert quand ?", "centre_status", centres_listed=listed))
    assert "Salviac" in texts[0] and "juillet 2022" in texts[0]


def test_practical_info_for_a_commune_without_centre_gives_the_nearest():
    texts, messages, _ = run(
        ActionPracticalInfo(), tracker("je suis à Foix, un centre ?", "practical_info", [place("Foix", 10)])
    )
    assert [m["response"] for m in messages][:2] == ["utter_no_centre_here", "utter_nearest_centres"]
    assert "Foix" in texts[0]


def test_practical_info_for_a_shared_name_asks_which_commune():
    _, messages, events = run(
        ActionPracticalInfo(), tracker("horaires du centre de barjac", "practical_info", [place("barjac", 21)])
    )
    assert messages[-1]["response"] == "utter_place_ambiguous" and slot_events(events)["place_question"] == "status"


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("ma fille a 39 de fièvre, c'est dimanche, un médecin vers Foix ?", True),
        ("un médecin vers Foix ce soir ?", True),
        ("un médecin vers Foix ?", False),
        ("le 116 117 ça marche vers Foix ?", True),  # an out-of-hours number named
    ],
)
def test_a_nearest_question_at_night_or_at_the_weekend_gets_the_out_of_hours_numbers(text, told):
    texts, messages, _ = run(
        ActionNearestCentres(), tracker(text, "find_nearest_centre", [place("Foix", text.index("Foix"))])
    )
    assert messages[0]["response"] == "utter_nearest_centres"
    assert any("116 117" in t and "3237" in t for t in texts) is told


@pytest.mark.parametrize("action", [ActionNearestCentres(), ActionNearestFromPosition()])
def test_a_search_at_night_or_on_sunday_without_a_place_gets_the_out_of_hours_numbers_not_a_question(action):
    """« It's Sunday… who do we call? » read as a search or a position: the practices are closed."""
    texts, messages, _ = run(action, tracker("It's Sunday and my husband coughs, who do we call ?", "share_position"))
    assert any("116 117" in t and "3237" in t for t in texts)
    assert "utter_position_unavailable" not in [m.get("response") for m in messages]
    # Not for words that do not say the practices are closed now: the usual question.
    for text in (
        "Le médecin le plus proche est à 1h de route, vous avez un centre plus près ?",
        "Where can we find a doctor?",
    ):
        _, messages, _ = run(action, tracker(text, "find_nearest_centre"))
        assert [m.get("response") for m in messages] in (["utter_ask_place"], ["utter_position_unavailable"]), text


def test_a_place_and_a_doctor_without_a_word_of_the_night_is_a_nearest_centre_question():
    """« Foix médecin » read as out-of-hours care: nothing says the practices are closed."""
    _, messages, events = run(ActionOutOfHours(), tracker("Foix medecin", "out_of_hours_care", [place("Foix")]))
    assert messages[0]["response"] == "utter_nearest_centres" and slot_events(events)["place_question"] == "nearest"
    texts, _, _ = run(
        ActionOutOfHours(), tracker("pharmacie de garde vers Foix ?", "out_of_hours_care", [place("Foix", 21)])
    )
    assert "3237" in texts[0] and "Foix" in texts[-1]


def test_practical_info_about_a_centre_is_followed_by_and_the_address():
    _, _, events = run(
        ActionPracticalInfo(), tracker("les horaires du centre de Millas ?", "practical_info", [place("Millas", 26)])
    )
    listed = slot_events(events)["centres_listed"]
    texts, _, _ = run(ActionPracticalInfo(), tracker("et l'adresse ?", "practical_info", centres_listed=listed))
    assert "Millas" in texts[0]


@pytest.mark.parametrize("text", ["liste des centres ouverts", "où sont vos centres ?"])
@pytest.mark.parametrize("action", [ActionNearestCentres(), ActionCentreStatus()])
def test_a_request_for_every_centre_gets_the_whole_list(text, action):
    texts, messages, _ = run(action, tracker(text, "find_nearest_centre"))
    assert messages[0]["response"] == "utter_all_centres"
    assert all(name in texts[0] for name in ("Millas", "Salviac", "Sainte-Croix-Volvestre", "Mazamet"))


@pytest.mark.parametrize("text", ["liste des centres ouverts", "Quels sont les centres déjà ouverts ?"])
@pytest.mark.parametrize(
    ("action", "intent"), [(ActionAnswerFact(), "ask_fact"), (ActionExplainTopic(), "programme_info")]
)
def test_the_list_of_centres_read_as_a_question_about_the_programme_is_still_the_list(text, action, intent):
    """The count of centres opened (a fact) or the programme's summary is not the list asked for."""
    texts, messages, _ = run(action, tracker(text, intent, [{"entity": "fact", "value": "centres_opened_count"}]))
    assert messages[0]["response"] == "utter_all_centres" and "Salviac" in texts[0]
    texts, messages, _ = run(
        action, tracker("combien de centres ouverts ?", intent, [{"entity": "fact", "value": "centres_opened_count"}])
    )
    assert messages[0]["response"] != "utter_all_centres"
    _, messages, _ = run(action, tracker("liste des membres du groupement", intent))
    assert all(m.get("response") != "utter_all_centres" for m in messages)


def test_a_regular_doctor_question_names_the_centre_asked_about_or_just_told():
    texts, _, _ = run(
        ActionExplainTopic(),
        tracker("un médecin traitant au centre de Salviac ?", "regular_doctor", [place("Salviac", 29)]),
    )
    assert "Salviac" in texts[-1]
    _, _, events = run(ActionCentreStatus(), tracker("Loures-Barousse ?", "centre_status", [place("Loures-Barousse")]))
    listed = slot_events(events)["centres_listed"]
    texts, _, _ = run(
        ActionExplainTopic(), tracker("un médecin traitant possible là-bas ?", "regular_doctor", centres_listed=listed)
    )
    assert "Loures-Barousse" in texts[-1]


@pytest.mark.parametrize(
    ("text", "intent", "said"),
    [
        ("je suis sage-femme, vous recrutez ?", "job_locations", "sages-femmes"),
        ("la Région embauche des infirmières en pratique avancée ?", "how_to_apply", "infirmiers en pratique avancée"),
        ("je suis secrétaire médicale, vous cherchez du monde ?", "how_to_apply", "13 secrétaires"),
    ],
)
def test_another_health_profession_gets_what_the_sources_say_of_it(text, intent, said):
    action = ActionJobLocations() if intent == "job_locations" else ActionExplainTopic()
    texts, _, _ = run(action, tracker(text, intent))
    assert len(texts) == 1 and said in texts[0] and "médecins généralistes" in texts[0]
    assert "(Source : " in texts[0] and "https://www.laregion.fr/Recrutement-medecins" in texts[0]


def test_a_profession_the_sources_do_not_name_is_told_so():
    texts, _, _ = run(ActionExplainTopic(), tracker("je suis kiné, je peux postuler ?", "how_to_apply"))
    assert texts == [
        "La Région recrute des médecins généralistes. Ses documents ne parlent pas de postes pour les "
        "kinésithérapeutes. Pour en savoir plus : https://www.laregion.fr/Recrutement-medecins"
    ]
    # A mayor's secretary asks for the commune, a doctor about the team: not about their own posts.
    texts, _, _ = run(ActionExplainTopic(), tracker("je suis secrétaire de mairie, vous recrutez ?", "how_to_apply"))
    assert "Ses documents ne parlent pas" not in " ".join(texts)
    texts, _, _ = run(ActionExplainTopic(), tracker("les médecins ont-ils une secrétaire ?", "practice_benefits"))
    assert "Pour votre métier" not in " ".join(texts) and "secrétariat" in " ".join(texts)


@pytest.mark.parametrize(
    "text",
    [
        "Le centre de Sainte-Croix-Volvestre est ouvert le samedi matin ?",
        "comment contacter le centre de Sainte-Croix-Volvestre ?",
        "le centre de Sainte-Croix-Volvestre il est dans quelle rue ?",
    ],
)
def test_a_practical_question_inside_a_centres_status_gets_both_answers(text):
    start = text.index("Sainte-Croix-Volvestre")
    texts, messages, _ = run(
        ActionCentreStatus(), tracker(text, "centre_status", [place("Sainte-Croix-Volvestre", start)])
    )
    assert messages[0]["response"] != "utter_practical_info"
    assert any(m["response"] == "utter_practical_info" for m in messages[1:]), texts
    assert "https://www.laregion.fr" in texts[-1]


def test_a_centres_status_alone_gets_no_practical_answer():
    texts, messages, _ = run(
        ActionCentreStatus(),
        tracker(
            "le centre de Sainte-Croix-Volvestre a ouvert quand exactement ?",
            "centre_status",
            [place("Sainte-Croix-Volvestre", 13)],
        ),
    )
    assert all(m["response"] != "utter_practical_info" for m in messages), texts


def test_too_far_with_a_place_gives_that_places_nearest_centres_first():
    text = "je voudrais un medecin pas trop loin de montet et bouxal je conduis plus beaucoup"
    start = text.index("montet et bouxal")
    texts, messages, events = run(ActionTooFar(), tracker(text, "too_far", [place("montet et bouxal", start)]))
    assert messages[0]["response"] == "utter_nearest_centres" and "Montet-et-Bouxal (Lot)" in texts[0]
    assert messages[-1]["response"] == "utter_too_far" and "Dites-moi votre commune" not in texts[-1]
    assert slot_events(events)["search_origin"]
