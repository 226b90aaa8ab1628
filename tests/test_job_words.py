"""nlu_components/job_words.py: where the posts are is asked with a word of a job."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.job_words import JobWordsNeeded


def intent_after(text: str, intent: str) -> str:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.7}, "entities": []})
    JobWordsNeeded().process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize(
    "text",
    [
        "Ya-t-il des centres dans le Tarn à part Mazamet ?",
        "medecin sans rdv pres de Castelsarrasin",
        "où sont vos centres ?",
    ],
)
def test_a_patients_search_read_as_a_doctors_is_a_search(text):
    assert intent_after(text, "job_locations") == "find_nearest_centre"


@pytest.mark.parametrize(
    "text",
    [
        "où sont les postes à pourvoir ?",
        "vous recrutez dans le Gers ?",
        "je voudrais m'installer vers Rodez",
        "quels centres cherchent des médecins ?",
        "des besoins en médecins du côté de Saint-Gaudens ?",
        "/job_locations",
    ],
)
def test_a_doctors_question_keeps_its_intent(text):
    assert intent_after(text, "job_locations") == "job_locations"


def test_other_intents_are_left_alone():
    assert intent_after("où sont vos centres ?", "programme_info") == "programme_info"


@pytest.mark.parametrize(
    "text",
    [
        "et si j'ai des contractions cette nuit je fais quoi ?",
        "bonsoir mon petit a de la fievre, ou aller ce soir vers caunes minervois ?",
    ],
)
def test_a_patient_needing_care_tonight_read_as_the_doctors_work_gets_out_of_hours_care(text):
    assert intent_after(text, "doctor_role") == "out_of_hours_care"


@pytest.mark.parametrize(
    "text",
    [
        "les médecins font des gardes la nuit ?",
        "est-ce que je devrai travailler ce week-end ?",
        "les médecins assurent-ils des permanences ce soir ?",
    ],
)
def test_a_question_on_the_doctors_work_keeps_its_intent(text):
    assert intent_after(text, "doctor_role") == "doctor_role"


def other_profession(text: str, intent: str) -> str:
    from nlu_components.job_words import OtherProfessionJob

    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.7}, "entities": []})
    OtherProfessionJob().process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Je suis IPA, pouvez-vous m'employer dans un centre de Ma Région ?", "find_nearest_centre"),
        ("je suis kiné, vous prenez des kinés ?", "nlu_fallback"),
        ("les pharmaciens peuvent-ils travailler dans vos centres ?", "nlu_fallback"),
        ("Est-ce que les infirmiers peuvent être recrutés dans vos centres ?", "centre_services"),
        ("ergothérapeute, y a-t-il des postes pour nous ?", "find_nearest_centre"),
    ],
)
def test_another_profession_asking_for_a_post_asks_how_to_apply(text, intent):
    assert other_profession(text, intent) == "how_to_apply"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("infirmière au centre de Millas elle travaille le samedi ?", "centre_services"),
        ("je suis infirmière, ma patiente de Foix cherche un médecin", "find_nearest_centre"),
        ("y a une infirmière au centre de Millas ?", "centre_services"),
        ("j'ai besoin d'un psy près de Carcassonne", "find_nearest_centre"),
        ("mon fils a besoin d'un orthophoniste", "find_nearest_centre"),
        ("vous prenez des patients chez le dentiste ?", "centre_services"),
        ("je suis secrétaire, je travaille à Foix, je cherche un médecin traitant", "regular_doctor"),
        ("/find_nearest_centre", "find_nearest_centre"),
    ],
)
def test_a_patient_naming_another_profession_keeps_the_intent(text, intent):
    assert other_profession(text, intent) == intent
