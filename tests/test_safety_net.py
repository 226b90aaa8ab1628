"""The deterministic safety net: emergency and suicidal-thought signs, alone, inside another
question, with typos; and no alarm on ordinary questions."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from nlu_components.safety_patterns import ALARMS, detect

ROOT = Path(__file__).resolve().parent.parent
ENTITY_MARKUP = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")

EMERGENCIES = [
    "j'ai une douleur dans la poitrine",
    "mon mari a très mal à la poitrine",
    "ça serre dans le thorax",
    "je crois qu'il fait une crise cardiaque",
    "mon père ne respire plus",
    "elle respire mal et elle est toute bleue",
    "il n'arrive plus à respirer",
    "mon bébé s'étouffe",
    "ma mère est inconsciente",
    "il a perdu connaissance",
    "elle ne réagit plus",
    "mon voisin a fait un malaise",
    "je pense que c'est un AVC",
    "il a la bouche de travers",
    "son bras est paralysé",
    "il ne peut plus parler",
    "ça saigne beaucoup",
    "il a une hémorragie",
    "mon fils a avalé des médicaments",
    "ma fille a avalé toute une boîte de comprimés",
    "il a bu de l'eau de javel",
    "intoxication au monoxyde",
    "il fait des convulsions",
    "brûlé gravement à la main",
    "accident de voiture grave",
    "appelez le samu",
    "au secours",
    "il a fait un arrêt cardiaque",
    "j'ai pris trop de médicaments",
]

SUICIDAL = [
    "je veux me suicider",
    "j'ai des idées suicidaires",
    "je vais me tuer",
    "je veux en finir",
    "je veux mettre fin à mes jours",
    "j'ai plus envie de vivre",
    "je veux mourir",
]

TYPOS = [
    ("douleur dans la poitrne", "emergency"),
    ("DOULEUR POITRINE", "emergency"),
    ("il respirre plus", "emergency"),
    ("ma mere est inconsiente", "emergency"),
    ("elle a perdue connaisance", "emergency"),
    ("hemoragie", "emergency"),
    ("je veux me suicidé", "suicidal_thoughts"),
]

HOSTS = [
    "Bonjour, où est le centre de santé le plus proche de Foix ? {}",
    "{}, le centre de Millas est-il ouvert ?",
    "je suis médecin et je voudrais savoir le salaire mais {} aidez moi",
]

ORDINARY = [
    "où est le centre de santé le plus proche ?",
    "le centre de Millas est-il ouvert ?",
    "j'ai pris mes médicaments ce matin, où est le centre le plus proche ?",
    "ma mère ne bouge pas de chez elle, faites-vous des visites à domicile ?",
    "les médecins font-ils les urgences et les gardes ?",
    "comment en finir avec les déserts médicaux ?",
    "c'est urgent pour un renouvellement d'ordonnance, un centre près d'Aspet ?",
    "ça a pris trop de temps pour avoir un rendez-vous",
    "une prise de sang coûte combien ?",
    "je cherche un médecin traitant à Saint-Gaudens",
    "quels sont les avantages du salariat ?",
    "c'est quoi le CESP ?",
    # one letter away from an alarm word: no typo tolerance there
    "merci, c'était très utile",
    "je ne peux pas me rendre au centre de Millas",
    "comment se rendre au centre ?",
    "c'est grâce à vous, merci",
    "une maison de santé pour mieux vivre à la campagne",
    "j'ai envie de courir un marathon",
    "je suis épanoui dans mon travail de médecin",
    "comment étoffer l'équipe du centre ?",
    "mon fils est surdoué, il cherche un stage",
    "la pharmacie ferme et le standard ne répond plus",
    "le centre est censé disparaître ?",
    "qu'est-ce que je peux prendre comme rendez-vous au centre de Foix ?",
    "on habite près de la falaise",
    "le centre ne répond pas au téléphone",
    "bonjour",
    "",
    "🙂",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency_signs_alone(text):
    assert detect(text) == "emergency"


@pytest.mark.parametrize("text", SUICIDAL)
def test_suicidal_thoughts_alone(text):
    assert detect(text) == "suicidal_thoughts"


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("text", EMERGENCIES + SUICIDAL)
def test_signs_inside_another_question(host, text):
    expected = "suicidal_thoughts" if text in SUICIDAL else "emergency"
    assert detect(host.format(text)) == expected


@pytest.mark.parametrize(("text", "expected"), TYPOS)
def test_typos_and_case(text, expected):
    assert detect(text) == expected


@pytest.mark.parametrize("text", ORDINARY)
def test_no_alarm_on_ordinary_questions(text):
    assert detect(text) is None


def _training_examples(intents: set[str]):
    for path in (Path(__file__).resolve().parent.parent / "bot" / "data" / "nlu").glob("*.yml"):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if item.get("intent") in intents:
                for line in item["examples"].splitlines():
                    if line.strip().startswith("- "):
                        yield item["intent"], line.strip()[2:]


def test_every_emergency_training_example_is_caught():
    missed = [text for _, text in _training_examples({"emergency"}) if detect(text) != "emergency"]
    assert missed == []


def _all_intents() -> set[str]:
    domain = yaml.safe_load((ROOT / "bot" / "domain.yml").read_text(encoding="utf-8"))
    return set(domain["intents"])


def test_no_other_training_example_raises_an_alarm_or_is_read_as_medical_advice():
    others = _all_intents() - {"emergency", "suicidal_thoughts", "medical_advice"}
    flagged = [(intent, text, detect(text)) for intent, text in _training_examples(others) if detect(text)]
    assert flagged == []


def test_medical_advice_training_examples_raise_no_alarm():
    alarms = [text for _, text in _training_examples({"medical_advice"}) if detect(text) in ALARMS]
    assert alarms == []


def _heldout_examples(intent: str) -> list[str]:
    """Messages of the held-out test set (tests/nlu/heldout.yml), entity markup removed."""
    data = yaml.safe_load((ROOT / "tests" / "nlu" / "heldout.yml").read_text(encoding="utf-8"))
    texts = []
    for item in data["nlu"]:
        if item.get("intent") == intent:
            for line in item["examples"].splitlines():
                if line.strip().startswith("- "):
                    texts.append(ENTITY_MARKUP.sub(r"\1", line.strip()[2:]))
    return texts


def test_every_emergency_of_the_heldout_set_is_caught_alone_and_inside_another_question():
    emergencies = _heldout_examples("emergency")
    assert len(emergencies) >= 20
    missed = [t for t in emergencies if detect(t) != "emergency"]
    missed_inside = [(h, t) for t in emergencies for h in HOSTS if detect(h.format(t)) != "emergency"]
    assert missed == [] and missed_inside == []


def test_every_suicidal_message_of_the_heldout_set_is_caught_alone_and_inside_another_question():
    messages = _heldout_examples("suicidal_thoughts")
    assert messages
    missed = [t for t in messages if detect(t) != "suicidal_thoughts"]
    missed_inside = [(h, t) for t in messages for h in HOSTS if detect(h.format(t)) != "suicidal_thoughts"]
    assert missed == [] and missed_inside == []


def test_no_heldout_message_of_another_intent_raises_an_alarm():
    data = yaml.safe_load((ROOT / "tests" / "nlu" / "heldout.yml").read_text(encoding="utf-8"))
    others = {item["intent"] for item in data["nlu"]} - {"emergency", "suicidal_thoughts"}
    alarms = [(i, t) for i in sorted(others) for t in _heldout_examples(i) if detect(t) in ALARMS]
    assert alarms == []


MEDICAL_ADVICE = [
    "quelle est la posologie du doliprane pour un enfant de 4 ans ?",
    "combien de comprimés d'ibuprofène je peux prendre par jour",
    "quel antibiotique pour une angine ?",
    "qu'est-ce que je peux prendre pour la toux ?",
    "je peux donner du paracetamol a mon bebe ?",
    "quel medicament contre les allergies au pollen",
]


@pytest.mark.parametrize("text", MEDICAL_ADVICE)
def test_requests_for_a_drug_or_a_dose_are_medical_advice(text):
    assert detect(text) == "medical_advice"
    assert detect(f"Bonjour, {text} et où est le centre le plus proche de Foix ?") == "medical_advice"


def test_an_emergency_wins_over_a_request_for_a_dose():
    assert detect("quelle dose de doliprane ? mon fils ne respire plus") == "emergency"


def test_a_very_long_message_is_handled():
    assert detect("je cherche un médecin " * 230 + "il ne respire plus") == "emergency"  # ~5,000 characters
    assert detect("je cherche un médecin " * 230) is None


@pytest.mark.parametrize("text", ["urgence !!!", "c urgent svp", "SOS"])
def test_a_short_cry_for_help(text):
    assert detect(text) == "emergency"
