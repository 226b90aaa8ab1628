"""The deterministic safety net: emergency and suicidal-thought signs, alone, inside another
question, with typos; and no alarm on ordinary questions."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from nlu_components.safety_patterns import detect

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


def test_no_other_training_example_raises_an_alarm():
    others = {"find_nearest_centre", "inform_place", "centre_status", "practice_benefits", "doctor_role",
              "how_to_apply", "job_locations", "other_schemes", "programme_info", "greet", "goodbye", "thanks",
              "out_of_scope"}
    alarms = [(intent, text) for intent, text in _training_examples(others) if detect(text)]
    assert alarms == []


def test_a_very_long_message_is_handled():
    assert detect("je cherche un médecin " * 230 + "il ne respire plus") == "emergency"  # ~5,000 characters
    assert detect("je cherche un médecin " * 230) is None


@pytest.mark.parametrize("text", ["urgence !!!", "c urgent svp", "SOS"])
def test_a_short_cry_for_help(text):
    assert detect(text) == "emergency"
