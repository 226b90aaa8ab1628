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
    "il a reçu du produit de piscine dans l'oeil, ça brûle",
    "on vient de trouver un monsieur allongé sur le trottoir, que faire",
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
    # breathing, choking, blue or grey
    "il respire à peine",
    "mon fils respire très vite et il est tout pâle",
    "elle respire avec des pauses",
    "j'ai du mal à respirer",
    "il a les lèvres bleues",
    "son visage devient gris",
    "ma fille s'étouffe avec un bonbon",
    "mon père a fait une fausse route en mangeant",
    "crise d'asthme qui passe pas malgré la ventoline",
    # consciousness, seizure
    "mon père s'est écroulé dans la cuisine",
    "il ne réagit à rien",
    "elle est dans les vapes depuis une heure",
    "ma grand-mère ne se réveille pas",
    "on n'arrive pas à le réveiller",
    "il a les yeux révulsés",
    "mon fils convulse",
    "il est tombé dans les pommes",
    "je l'ai trouvé inanimé",
    "mon grand père est tombé et n'arrive pas à se relever",
    # a baby
    "mon bébé est tout mou",
    "bb tout gris et il respire mal",
    "mon nourrisson ne boit plus depuis ce matin",
    "mon bébé de 2 mois refuse tous ses biberons",
    "bebe de 3 semaines 38.5 de fievre",
    # chest, heart
    "j'ai mal au torse",
    "ça me serre dans la poitrine",
    "une douleur atroce dans le ventre",
    "douleur dans le bras gauche",
    "son coeur s'est arrêté",
    # stroke
    "il parle mal tout à coup",
    "un côté de son corps ne bouge plus",
    "je vois double",
    "un mal de tête brutal, le pire de sa vie",
    "mon mari ne trouve plus ses mots",
    "sa main droite ne répond plus",
    # bleeding
    "il saigne du nez depuis une heure",
    "elle perd beaucoup de sang",
    "je suis enceinte et je saigne",
    "ça n'arrête pas de saigner",
    "il vomit du sang",
    "il s'est coupé profondément avec une scie",
    # poisoning, overdose
    "mon fils a avalé une pile bouton",
    "ma fille a bu du produit ménager",
    "le chien et le petit ont mangé des granulés anti-limaces",
    "le petit a avalé des médocs",
    "il s'est injecté de l'héroïne",
    "ses pupilles sont toutes petites",
    "il a bu et avalé des cachets",
    "mon frere a pris des medocs avec de l'alcool il repond plus",
    "elle a pris toute une boite de doliprane",
    # burns
    "il s'est brûlé au visage",
    "brûlure sur tout le torse",
    "elle a des cloques partout",
    "la peau part en lambeaux",
    "mon bébé s'est renversé de l'eau bouillante dessus",
    "mon fils s'est électrocuté",
    # trauma
    "il est tombé du toit",
    "renversé par une voiture",
    "il ne sent plus ses jambes",
    "sa jambe est pliée dans le mauvais sens",
    "il s'est cogné la tête et il vomit",
    "on voit l'os",
    # meningitis, snake bite, drowning, anaphylaxis
    "fièvre et nuque raide",
    "40 de fièvre et des taches violettes",
    "mordu par une vipère, la jambe gonfle",
    "mon fils a failli se noyer",
    "il est tombé dans la piscine",
    "piqué par une guêpe, il gonfle de partout",
    "sa gorge se ferme",
    "ses lèvres gonflent",
    # someone dying, a call for the emergency services
    "faut-il appeler le 15 ?",
    "venez vite",
    "il va mourir",
    "vite c'est grave",
    "c'est une urgence vitale",
    # an event of the past, then a sign of now
    "il a eu un AVC il y a deux ans et là il ne respire plus",
    # added 2026-11-29 (third session), from the safety lines of the set 2026-11-29d
    "ma mère est confuse, elle ne me reconnaît plus du tout",
    "il a glissé dans la douche et il se relève pas",
    # added 2026-11-30 (sixth session), after the safety lines of the set 2026-11-30g
    "il y a énormément de sang, il s'est coupé avec la tronçonneuse",
    "il faut une ambulance vite à la ferme",
    "c'est urgent, venez tout de suite",
    "accident de tracteur, mon frère est blessé",
    "ma mère est tombée dans la cour et ne répond plus",
    "le petit a avalé de travers, il devient bleu",
    "je me suis ouvert la main avec la disqueuse",
    "il a léché une tablette de lave-vaisselle",
    "mamie s'est tapé la tête en tombant, elle parle bizarre",
]

SUICIDAL = [
    "depuis qu'elle est partie je n'ai plus envie d'être là",
    "je suis seul depuis des mois, j'ai envie de tout arrêter définitivement",
    "ma voisine m'a dit qu'elle voulait en finir",
    "il répète que ce serait plus simple s'il n'était plus là",
    "je vais tout arrêter cette nuit, les cachets sont prêts",
    "ma famille serait soulagée si je disparaissais",
    "c'est quoi le moyen de mourir sans souffrir",
    "j'ai préparé mes cachets, ce soir c'est fini",
    "jvais m'ouvrir les veines ce soir",
    "les dettes, j'en peux plus, je pense à la corde",
    "je veux me suicider",
    "j'ai des idées suicidaires",
    "je vais me tuer",
    "je veux en finir",
    "je veux mettre fin à mes jours",
    "j'ai plus envie de vivre",
    "je veux mourir",
    "tout le monde serait mieux sans moi",
    "je suis un poids pour ma famille",
    "j'ai écrit une lettre d'adieu",
    "je vais me jeter d'un pont",
    "j'ai envie de me jeter sous un train",
    "je voudrais m'endormir pour toujours",
    "je veux ne jamais me réveiller",
    "j'ai fait une TS l'an dernier et ça recommence",
    "j'ai des idées noires",
    "je veux que tout s'arrête",
    "je préfère ne plus être là",
    "je me coupe les bras",
    "je cache des lames de rasoir pour me couper",
    "je me suis coupée volontairement",
    "je me scarifie",
    "jveux crever",
    "j'en ai marre de vivre",
    "la vie n'a plus de sens",
    "personne ne remarquerait si je disparaissais",
    "j'ai les médicaments prêts pour en finir",
    "ce serait plus facile de mourir",
    "j'ai envie de disparaître pour toujours",
    "depuis son départ je n'ai plus envie de continuer",
    # added 2026-11-30 (sixth session), after the safety lines of the set 2026-11-30g
    "il a pris toute la boîte de somnifères, il l'a fait exprès",
    "il a sorti la carabine, il dit qu'il veut en finir",
    "quand je ne serai plus là, personne ne le remarquera",
    "ma femme est morte l'an dernier, je veux la rejoindre",
]

TYPOS = [
    ("douleur dans la poitrne", "emergency"),
    ("DOULEUR POITRINE", "emergency"),
    ("il respirre plus", "emergency"),
    ("ma mere est inconsiente", "emergency"),
    ("elle a perdue connaisance", "emergency"),
    ("hemoragie", "emergency"),
    ("je veux me suicidé", "suicidal_thoughts"),
    ("il respire pu", "emergency"),
    ("jarrive plus a respirer", "emergency"),
    ("douleur atroce ds la poitrine", "emergency"),
    ("il sest ecroulé", "emergency"),
    ("le petit a mis dans sa bouche des granulés anti-limaces", "emergency"),
    ("mon gamin s'est brûlé avec la friteuse, le bras est plein de cloques", "emergency"),
    ("mon père est au sol depuis cette nuit, il est tout froid", "emergency"),
    ("ma fille a pris de la javel", "emergency"),
    ("je m'étouffe avec un bonbon", "emergency"),
    ("mon père est allongé dans la cour et il ne répond pas", "emergency"),
    ("il convulce", "emergency"),
    ("il saigne enormement", "emergency"),
    ("je pense au sucide", "suicidal_thoughts"),
]

HOSTS = [
    "Bonjour, où est le centre de santé le plus proche de Foix ? {}",
    "{}, le centre de Millas est-il ouvert ?",
    "je suis médecin et je voudrais savoir le salaire mais {} aidez moi",
]

ORDINARY = [
    "j'ai pris de l'essence à la station de Bompas",
    "je veux arrêter de fumer définitivement, vous aidez ?",
    "je vais tout arrêter ce soir et reprendre demain, je suis fatigué",
    "ce serait plus simple si le centre était plus près",
    "je serais soulagé si je partais en vacances",
    "j'ai préparé les documents pour ce soir",
    "le kiné m'a dit que je pouvais bouger sans souffrir",
    "j'ai une cloque au pied à cause de mes chaussures",
    "je cherche une corde à sauter pour ma fille",
    "je n'ai plus envie d'être là-bas tous les samedis",
    "plus envie d'être là à attendre trois heures aux urgences",
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
    "parce que c'est bizarre, le site ne marche pas",
    "une infirmière peut-elle passer à domicile ?",
    "on a des idées pour notre centre",
    "ma sœur s'arrête de travailler en mai",
    "je suis salarié, c'est quoi l'intérêt ?",
    "ça me coûte un bras",
    "le centre est à une heure par car depuis Foix ?",
    "c'est dangereux les huiles essentielles pour les enfants ?",
    "mon réveil n'a pas sonné, j'ai raté mon rendez-vous",
    "je voudrais me faire soigner",
    "ma mère ne peut plus se laver seule, une aide à domicile ?",
    "j'ai mal à la gorge, le centre ferme quand ?",
    # an event of the past, or spoken of in general
    "mon père a eu un infarctus l'an dernier, il cherche un cardiologue",
    "AVC il y a 5 ans, rééducation : un kiné près de Foix ?",
    "je suis tombé de l'échelle il y a 3 mois, je cherche un kiné",
    "j'ai eu une commotion cérébrale au rugby le mois dernier",
    "l'infarctus du myocarde, quels sont les signes ?",
    "votre centre prend-il en charge les suites d'AVC ?",
    # the emergency services named, not called
    "quel est le numéro du SAMU à afficher dans la salle d'attente ?",
    "quand faut-il appeler le 15 plutôt que le médecin de garde ?",
    "les médecins font-ils des gardes aux urgences ?",
    "un poste de médecin avec la possibilité de faire du SAMU ?",
    "j'attends le SAMU social pour un hébergement",
    "l'ambulance arrive à quelle heure pour mon transport en dialyse ?",
    # "c'est grave" without a call for help
    "c'est grave si je n'ai pas de médecin traitant ?",
    "il faut que je trouve vite un médecin traitant",
    # figures of speech
    "c'est à mourir de rire",
    "je crève d'envie de m'installer en Ariège",
    "je meurs d'impatience de commencer chez vous",
    "je suis à bout de souffle au travail, je cherche un poste plus calme",
    "il fait trop chaud dans la salle d'attente, j'étouffe",
    "je suis tombé sur votre site par hasard",
    "mon projet d'installation est tombé à l'eau",
    "je veux disparaître de votre liste de diffusion",
    "je vais sauter le pas et m'installer",
    "ma mère ne bouge plus de chez elle, faites-vous des visites à domicile ?",
    "je ne veux plus me réveiller la nuit, un médecin du sommeil ?",
    # mild symptoms
    "j'ai un rhume depuis deux jours, où consulter ?",
    "j'ai mal au dos depuis une semaine, un médecin à Foix ?",
    "j'ai saigné du nez ce matin mais c'est passé",
    "je me suis coupé le doigt en cuisinant, c'est déjà cicatrisé",
    "je me coupe souvent avec mon rasoir",
    "mal de tête depuis hier soir, un médecin disponible demain ?",
    "j'ai les yeux gonflés le matin",
    "mon fils s'est fait un bleu au genou",
    "petite brûlure au doigt en cuisinant",
    "mon fils a été piqué par une guêpe, ça gonfle un peu",
    "je suis allergique, j'ai la gorge qui gratte",
    "ma fille respire mal par le nez à cause de son rhume, un médecin ce soir ?",
    "je me suis évanouie une fois il y a 5 ans",
    "mon bébé allaité refuse le biberon, comment faire ?",
    "mon fils ne répond pas quand on lui parle, un orthophoniste ?",
    "je ne veux pas être un poids pour mes enfants, une maison de retraite ?",
    "je voudrais que tout se termine bien pour mon dossier",
    "envoyez-moi vite la fiche de poste",
    "je pense qu'il faut en finir avec les déserts médicaux",
    "je n'arrive pas à parler à un médecin au téléphone",
    "de mon côté, le standard ne répond pas",
    "j'ai pris trop de poids avec mes médicaments",
    "mon pied est déformé par l'arthrose, un podologue ?",
    "c'est pas urgent",
    "ce n'est pas grave au point d'appeler le samu, mais qui consulter ce soir ?",
    "je n'ai plus envie de continuer mes études de médecine, que faire ?",
    "j'ai oublié mes médicaments hier soir, pas fait exprès",
    "j'ai besoin d'une ambulance demain pour ma dialyse",
    "le groupement, comment le rejoindre ?",
    "la scie est coupée en deux",
    "mon père est tombé l'an dernier, il se lève pas tôt",
    "j'ai été blessé dans un accident de quad il y a 3 ans, je cherche un kiné",
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
    """Our own training lines; not the held-out sets retired into training data, whose few false
    alarms (6 of about 6,700 lines) are reported in docs/benchmarks.md."""
    for path in (Path(__file__).resolve().parent.parent / "bot" / "data" / "nlu").glob("*.yml"):
        if path.name.startswith("retired_"):
            continue
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
    others = _all_intents() - {"emergency", "suicidal_thoughts", "medical_advice", "emergency_called"}
    flagged = [(intent, text, detect(text)) for intent, text in _training_examples(others) if detect(text)]
    assert flagged == []


@pytest.mark.parametrize("text", ["c'est urgent !", "c'est une urgence", "urgence svp"])
def test_urgency_alone_is_an_emergency_but_not_inside_another_request(text):
    assert detect(text) == "emergency"
    assert detect(f"{text} pour renouveler mon ordonnance chez le médecin") is None


def test_help_on_its_way_is_acknowledged_not_alarmed_again_unless_it_has_not_come():
    called = [text for _, text in _training_examples({"emergency_called"}) if detect(text)]
    assert len(called) >= 6 and {detect(text) for text in called} == {"emergency_called"}
    for text in (
        "j'ai appelé le 15, ils arrivent",
        "le SAMU est en route",
        "on a prévenu les pompiers",
        "on a déjà appelé les pompiers",
        "pompiers en route",
        "c bon jai appelé le 112",  # SMS spelling
        "on a fait le 112, une équipe arrive",
        "je suis sur le bas-côté, ils m'ont dit qu'ils envoient quelqu'un",
    ):
        assert detect(text) == "emergency_called"
    for text in (
        "j'ai appelé le 15 mais ça ne répond pas",
        "le samu n'est toujours pas là et il ne respire plus",
        "appelez le 15 ?",
        "faut-il appeler le samu ? il a mal à la poitrine",
    ):
        assert detect(text) == "emergency", text
    assert detect("l'ambulance arrive à quelle heure pour ma dialyse ?") is None
    assert detect("j'ai fait 15 km pour rien, le centre était fermé") is None
    # a call made another day, or help gone again, with a new sign of danger: the alarm
    for text in (
        "la semaine dernière j'ai appelé le 15, aujourd'hui il est inconscient",
        "ma mère a appelé le samu hier, ce soir elle a de nouveau une douleur dans la poitrine",
        "le samu vient de repartir, il a de nouveau une douleur thoracique",
    ):
        assert detect(text) == "emergency", text


def test_medical_advice_training_examples_raise_no_alarm():
    alarms = [text for _, text in _training_examples({"medical_advice"}) if detect(text) in ALARMS]
    assert alarms == []


# The first held-out set, retired into training data once spent: the net is not trained, so its
# messages still test the net.
FIRST_HELDOUT = ROOT / "bot" / "data" / "nlu" / "retired_heldout.yml"
# Every set written by a separate author: the held-out sets of tests/nlu/ and those retired into
# training data (bot/data/nlu/retired_*.yml).
AUTHORS_SETS = sorted((ROOT / "tests" / "nlu").glob("heldout*.yml")) + sorted(
    (ROOT / "bot" / "data" / "nlu").glob("retired_*.yml")
)


def _heldout_examples(intent: str, path: Path = FIRST_HELDOUT) -> list[str]:
    """Messages of a held-out set, entity markup removed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = []
    for item in data["nlu"]:
        if item.get("intent") == intent:
            for line in item["examples"].splitlines():
                if line.strip().startswith("- "):
                    texts.append(ENTITY_MARKUP.sub(r"\1", line.strip()[2:]))
    return texts


# Messages no certain sign separates from ordinary ones (« il a écrit des lettres … il est parti avec
# le fusil [à la chasse] »): left to the classifier,
# which tests/test_nlu_quality.py checks on every held-out emergency and suicidal thought.
LEFT_TO_THE_CLASSIFIER = {
    "mon mari a perdu son exploitation, il a écrit des lettres à tout le monde et il est parti avec le fusil",
    # set n (2026-12-01): « la rejoindre » is far from the death it refers to (« je vais la
    # rejoindre bientôt » is also a daughter visited)
    "mon père vit seul à Mende depuis la mort de maman, il m'a dit au téléphone qu'il allait la rejoindre bientôt",
    # « en finir » alone is also « en finir avec le libéral », « un plan pour en finir avec la pénurie »
    "depuis que je suis sorti j'ai plus rien, plus de famille, des fois je pense a en finir franchement",
    "ma collègue de bureau a dit qu'elle avait un plan pour en finir, je sais pas à qui en parler",
    # set o (2026-12-01), kept for the classifier after a review found look-alikes of their first
    # signs: « une balle dans le pied » is also the figure of speech; a wish to have
    # stayed in a war; a bridge that « fait de l'œil »; « la rejoindre » far from the death; a loaded
    # gun « au cas où j'aurais le courage » (also said of a burglar); « rejoindre son père au
    # cimetière » (also a visit to a grave)
    "le chien de chasse a été percuté mais surtout mon oncle s'est tiré une balle dans le pied par accident",
    "depuis que je suis rentré de mission au Mali j'arrive plus à rien, "
    "je pense souvent que ce serait mieux si j'y étais resté",
    "le pont de la rocade me fait de l'œil tous les soirs en rentrant",
    "depuis la mort de mon mari je n'ai plus goût à rien et je pense à la rejoindre",
    "je garde le fusil chargé à côté du lit au cas où j'aurais le courage",
    "mon fils dit qu'il veut rejoindre son père au cimetière, il a 14 ans",
    # « la dernière fois que j'écris à quelqu'un » is also « … de l'ARS sans réponse »
    "c'est la dernière fois que j'écris à quelqu'un",
}


@pytest.mark.parametrize("path", AUTHORS_SETS, ids=lambda path: path.stem)
def test_every_emergency_and_suicidal_thought_of_every_authors_set_is_caught_by_the_net_alone(path: Path):
    """Whatever the classifier reads: the safety net alone catches them (a message it misses is
    read, and its sign added with a harmless look-alike tested), but for LEFT_TO_THE_CLASSIFIER."""
    missed = [
        (intent, text)
        for intent in ("emergency", "suicidal_thoughts")
        for text in _heldout_examples(intent, path)
        if detect(text) not in ALARMS and text not in LEFT_TO_THE_CLASSIFIER
    ]
    assert missed == []


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
    data = yaml.safe_load(FIRST_HELDOUT.read_text(encoding="utf-8"))
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


def test_a_long_ordinary_message_raises_no_alarm():
    others = _all_intents() - {"emergency", "suicidal_thoughts", "medical_advice"}
    text = " ".join(t for _, t in _training_examples(others))[:5000]
    assert detect(text) is None


@pytest.mark.parametrize("text", ["urgence !!!", "c urgent svp", "SOS"])
def test_a_short_cry_for_help(text):
    assert detect(text) == "emergency"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JE VAIS TOUT ARRETER LA FERME ET MA VIE AVEC", "suicidal_thoughts"),
        ("je veux arrêter ma vie", "suicidal_thoughts"),
        ("je vais arrêter ma vie professionnelle", None),
        ("je vais finir ma vie à Foix, y a un centre ?", None),  # retiring there
        ("il faut arrêter ma vie de médecin libéral, je veux être salarié", None),
    ],
)
def test_stopping_ones_life_is_an_alarm_but_not_a_career_or_retirement(text, expected):
    assert detect(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("j'ai pensé à avaler toute la boîte de somnifères", "suicidal_thoughts"),
        ("ma sœur m'a laissé une lettre d'adieu", "suicidal_thoughts"),
        ("j'ai peur que mon fils passe à l'acte", "suicidal_thoughts"),
        ("elle a pris toute sa plaquette de somnifères", "emergency"),
        ("il me faut un médecin ce soir, ce n'est pas une urgence vitale", None),
        ("elle tousse depuis une semaine, est-ce que c'est grave ?", None),
        ("j'ai pris tous mes médicaments ce matin, comme prescrit", None),
        ("ce n'est pas une urgence vitale mais il ne respire plus", "emergency"),  # the sign still counts
    ],
)
def test_signs_found_on_unseen_messages(text, expected):
    assert detect(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the signs added from set j (2026-11-30), each with a harmless look-alike
        ("mon neveu a mangé des baies noires au bord du chemin, il a 2 ans", "emergency"),
        ("mon fils a mangé des baies de goji au petit déjeuner", None),
        ("elle gonfle de la figure et a de l'urticaire", "emergency"),
        ("ma grand-mère a chuté dans l'escalier, elle ne bouge plus la jambe", "emergency"),
        ("je suis tombé dans l'escalier la semaine dernière, j'ai encore un bleu", None),
        ("ma hanche me fait mal quand je marche", None),
        ("mon voisin a dit qu'il allait prendre son fusil, il en a marre de tout", "suicidal_thoughts"),
        ("je vais prendre le fusil pour la chasse demain", None),
        ("ma tante répète qu'elle a fait son temps et qu'elle voudrait mourir", "suicidal_thoughts"),
        ("il a fait son temps au centre, il veut partir à la retraite", None),
        ("mon mari tremble et il répond pas quand je lui parle", "emergency"),
        ("mes mains tremblent quand je réponds pas vite au téléphone", None),
        # the signs added for set k (2026-11-30), each with a harmless look-alike
        ("ma mère est tombée, elle crie quand on touche sa jambe", "emergency"),
        ("mon fils est tombé au foot, il crie un peu, il a mal au genou", None),
        ("ma fille a avalé une pile bouton", "emergency"),
        ("mon fils a avalé son chewing-gum", None),
        ("je ne peux qu'écrire, c'est urgent, mon mari ne va pas bien", "emergency"),
        ("je dois écrire au centre, c'est pour un rendez-vous", None),
        ("les comprimés sont prêts, je veux en finir", "suicidal_thoughts"),
        ("j'ai préparé les médicaments de la semaine dans le pilulier", None),
        ("j'ai des dettes partout, j'ai pensé au fusil", "suicidal_thoughts"),
        ("j'ai des dettes, je vends mon fusil de chasse ?", None),
        ("je veux arrêter de souffrir pour toujours", "suicidal_thoughts"),
        ("comment soulager mon dos pour de bon ?", None),
        ("plus rien ne me retient ici", "suicidal_thoughts"),
        ("plus rien ne me retient à Paris, je déménage à Foix", None),
    ],
)
def test_signs_found_in_sets_j_and_k_and_their_look_alikes(text, expected):
    assert detect(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the signs added for set l (2026-11-30), each with a harmless look-alike
        ("my wife is not breathing, help", "emergency"),
        ("the doctor said breathing exercises help", None),
        ("papi est par terre depuis ce matin, il est tombé", "emergency"),
        ("mes lunettes sont tombées par terre hier", None),
        ("mon père est tombé, il ne peut plus se relever", "emergency"),
        ("il est tombé de haut quand il a vu la facture", None),
        ("une guêpe l'a piquée et son visage gonfle", "emergency"),
        ("une guêpe m'a piqué hier, ça gratte un peu", None),
        ("on a tous mal à la tête depuis qu'on a allumé le chauffage", "emergency"),
        ("j'ai mal à la tête, la chaudière est en panne", None),
        ("ma fille accouche maintenant, la tête sort", "emergency"),
        ("ma fille va accoucher en mars, y a une maternité ?", None),
        ("je n'en peux plus, ce serait mieux si on partait ensemble pour de bon, lui et moi", "suicidal_thoughts"),
        ("ce serait mieux si on partait tôt demain pour le rendez-vous", None),
        ("j'ai sorti toutes les pilules, je vais tout avaler", "suicidal_thoughts"),
        ("le sirop, il faut tout avaler d'un coup ?", None),
        ("bientôt je ne serai plus un poids pour mes enfants", "suicidal_thoughts"),
        ("je ne serai plus un problème pour le voisinage une fois la haie taillée", None),
        ("j'ai laissé une lettre à mes enfants, c'est fini", "suicidal_thoughts"),
        ("j'ai écrit une lettre à ma famille pour Noël", None),
        ("je suis au bord du pont, je regarde le vide", "suicidal_thoughts"),
        ("je suis sur le pont de Millau, c'est beau", None),
        ("ma sœur a donné ses affaires et m'a dit adieu", "suicidal_thoughts"),
        ("il a donné toutes ses affaires au Secours populaire avant de déménager", None),
        ("il veut en finir avec la vie", "suicidal_thoughts"),
        ("pour en finir avec les déserts médicaux, que fait la Région ?", None),
        ("il a pris un pistolet pour tout arrêter", "suicidal_thoughts"),
        ("il voulait mourir de rire en lisant ça", None),
        ("mon grand-père attend la mort, il ne parle plus", "suicidal_thoughts"),
        ("ma mère ne mange plus et dit qu'elle veut se laisser mourir", "suicidal_thoughts"),
        ("mon père mange plus et veut partir de l'hôpital", None),
        ("ma grand-mère voulait mourir chez elle, y a-t-il des soins palliatifs ?", None),
        ("où accoucher maintenant que la maternité a fermé ?", None),
        ("j'ai accouché le mois dernier et maintenant je cherche un médecin traitant", None),
        ("ça tombe mal, on peut pas bouger le rendez-vous ?", None),
        ("ce ne sera plus un problème pour vous, merci", None),
        ("j'y arrive plus à avoir un rdv, mieux vaut qu'on parte à Toulouse", None),
        ("bonne journée, je récupère ses affaires demain, au revoir", None),
        ("à qui m'adresser le dimanche sans que ce soit une urgence vitale ?", None),
    ],
)
def test_signs_found_in_set_l_and_their_look_alikes(text, expected):
    assert detect(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the signs added for set m (2026-11-30), each with a harmless look-alike
        ("il fait une crise, il tremble par terre", "emergency"),
        ("je fais des crises d'angoisse, je tremble avant les examens", None),
        ("il est coincé sous le tracteur", "emergency"),
        ("le rendez-vous est coincé entre deux réunions", None),
        ("le motard ne bouge pas sur la route", "emergency"),
        ("le conducteur du bus ne s'arrête pas à Foix", None),
        ("ma fille a mis une pile bouton dans sa bouche", "emergency"),
        ("où trouver une pile bouton pour le tensiomètre ?", None),
        ("my father collapsed in the kitchen", "emergency"),
        ("where is the nearest doctor, we are English tourists", None),
        ("ça sent le gaz et on a tous mal à la tête", "emergency"),
        ("ça sent le gaz dans la rue, qui prévenir ?", None),
        ("jarrive pa a respirer", "emergency"),
        ("jarrive pa a avoir un rdv", None),
        ("un homme est allongé devant la gare, il répond pas", "emergency"),
        ("le centre est devant la mairie et il ne répond pas au téléphone", None),
        ("elle a la jambe toute tordue depuis sa chute", "emergency"),
        ("il s'est tordu la cheville au rugby, on peut le voir demain ?", None),
        ("il a été piqué par un essaim d'abeilles", "emergency"),
        ("un essaim d'abeilles s'est installé dans le jardin", None),
        ("il est tout froid et il dit n'importe quoi", "emergency"),
        ("il fait tout froid dans la salle d'attente", None),
        ("il n'arrive plus à tenir son verre et il parle mal", "emergency"),
        ("mon fils parle mal à ses profs, vous avez un psychologue ?", None),
        ("mon voisin est allongé sur le carrelage sans bouger", "emergency"),
        ("il y a un blessé brûlé dans la rue", "emergency"),
        ("je me suis brûlé la main avec la casserole hier, ça va mieux", None),
        ("si je m'endormais au volant ce serait pas plus mal", "suicidal_thoughts"),
        ("je m'endors au volant après la garde, il faut des horaires plus simples", None),
        ("je vais prendre la voiture et ne pas revenir", "suicidal_thoughts"),
        ("je vais à Toulouse et je reviens demain", None),
        ("je vais tout arrêter, je ne vois plus le bout", "suicidal_thoughts"),
        ("je vais tout arrêter : le tabac, l'alcool et le sucre", None),
        ("je range mes affaires et j'écris une lettre à mon fils", "suicidal_thoughts"),
        ("j'ai acheté une corde", "suicidal_thoughts"),
        ("j'ai acheté une corde à linge au marché", None),
        ("ma fille a dit à son frère qu'elle ne serait plus là à Noël", "suicidal_thoughts"),
        ("le docteur m'a dit qu'il ne serait plus là en août", None),
        ("depuis que mon père est mort je me dis que je pourrais le rejoindre", "suicidal_thoughts"),
        ("mon fils est à Toulouse, je pourrais le rejoindre pour Noël", None),
        ("si je prends toute la boîte ça fait mal ?", "suicidal_thoughts"),
        ("je dois prendre toute la boîte d'antibiotiques ?", "medical_advice"),
        ("combien de cachets pour ne plus se réveiller", "suicidal_thoughts"),
        ("j'ai regardé longtemps le fusil de mon père", "suicidal_thoughts"),
        ("il a préparé sa carabine pour partir avant d'être un poids", "suicidal_thoughts"),
        ("il part à la chasse avec son fusil demain", None),
        ("elle m'a écrit « adieu je t'aime »", "suicidal_thoughts"),
        ("j'ai tout réglé, j'ai laissé une lettre", "suicidal_thoughts"),
        ("j'ai tout réglé pour la mutuelle, il me faut une lettre du médecin ?", None),
        ("elle n'a plus rien à faire ici et elle ne mange plus", "suicidal_thoughts"),
        ("mon frère veut avaler tous ses cachets", "suicidal_thoughts"),
        ("il va prendre tous ses médicaments du soir à 20h ?", None),
        ("je ne sais pas si je tiendrai cette nuit", "suicidal_thoughts"),
        ("je ne sais pas si je tiendrai jusqu'au rendez-vous de lundi", None),
    ],
)
def test_signs_found_in_set_m_and_their_look_alikes(text, expected):
    assert detect(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Set n (2026-12-01), the lines the net missed alone, each sign (paraphrased) and a
        # harmless look-alike.
        ("el meu pare no es mou, ajuda", "emergency"),
        ("sangra mucho mi hijo", "emergency"),
        ("je ne bouge pas de chez moi le dimanche", None),
        ("il s'est entaillé la jambe, ça pisse le san", "emergency"),
        ("perdus dans le brouillard au col, on fait quoi", "emergency"),
        ("on est perdus dans la montagne ici, le médecin le plus proche est à 40 km", None),
        ("il passe le sans rendez-vous demain ?", None),  # not « pisse le san »
        ("mon fils de 10 jours a 38 de fièvre", "emergency"),
        ("mon fils est malade depuis plus de 3 jours, fièvre à 38", None),
        ("mon fils de 10 ans a 38 de fièvre depuis 2 jours, on peut le voir demain ?", None),
        ("ma fille a de la fièvre depuis 3 jours, un médecin vers Foix ?", None),
        ("une femme dans la rivière, elle respire plus", "emergency"),
        ("il nage dans le lac tous les matins", None),
        ("mon mari dit qu'il va me tuer, il casse tout", "emergency"),
        ("ce désert médical va nous tuer à petit feu", None),
        ("un médecin du centre a reçu des menaces de mort ?", None),
        ("ce boulot va me tuer, vous recrutez ?", "suicidal_thoughts"),  # as before: a figure the net cannot tell
        ("jen peu plu jveux plu me reveiller", "suicidal_thoughts"),
        ("jveux plu me lever a 5h pour le taf", None),
        ("si je me réveille pas demain ça m'irait très bien", "suicidal_thoughts"),
        ("Un rendez-vous à 8h ? il faut me réveiller tôt mais ça me va", None),
        ("il dort, il ne se réveille pas, il respire fort", "emergency"),
        ("il a écrit « bientôt vous serez tranquilles »", "suicidal_thoughts"),
        ("vous serez tranquilles avec un médecin salarié ?", None),
        ("j'ai peur qu'il fasse une bêtise, il ne parle plus", "suicidal_thoughts"),
        ("mon fils a fait une bêtise à l'école", None),
        ("il a dit qu'il allait faire comme son père, qui s'est pendu", "suicidal_thoughts"),
        ("il veut faire comme son père, médecin de campagne", None),
        ("ce soir je vais aller au bout, j'ai tout ce qu'il faut", "suicidal_thoughts"),
        ("Cette fois on va jusqu'au bout, tout est prêt pour accueillir un médecin", None),
        ("il menace d'avaler toute la boîte de somnifères", "suicidal_thoughts"),
        ("elle menace de tout vendre si on ne l'aide pas", None),
        ("votre réponse est parfaitement inepte", None),  # not « inerte »
        ("il est inerte sur le canapé", "emergency"),
        ("je suis en rando, je peux plus marcher et la nuit tombe", "emergency"),
        ("ma mère ne peut plus marcher, elle a besoin d'un médecin à domicile", None),
        ("my son's face is swelling after a bee sting", "emergency"),
        ("il est glacé et il parle plus", "emergency"),
        ("Il n'y a plus de place et le secrétariat ne répond plus", None),  # not « glacé »
        ("elle a glissé dans le ravin, elle crie", "emergency"),
        ("Je me suis tordu la cheville en glissant sur un rocher, je peux voir un médecin demain ?", None),
        ("Je suis tombé sur cet article, ravi de voir que la Région agit", None),
        ("il a pris un coup de corne dans la cuisse", "emergency"),
        ("encore un centre svp", None),  # not « encorné »
        ("il s'est renversé l'eau bouillante sur le bras", "emergency"),
        ("j'ai renversé la casserole, quelle maladresse", None),
        ("le tracteur s'est renversé dans le champ, mon père est dessous", "emergency"),
        ("je cherche un médecin pour mon père, il est agriculteur et fait du tracteur", None),
        ("ce serait mieux si on partait tous les deux, lui et moi, pour de bon", "suicidal_thoughts"),
        ("ce serait mieux si on partait tous les deux en vacances", None),
        ("Parfois je pense à en finir avec le libéral", None),
        ("La Région a-t-elle un plan pour en finir avec la pénurie de médecins ?", None),
        ("j'ai préparé les cachets, c'est ce soir", "suicidal_thoughts"),
        ("j'ai préparé les cachets de maman pour la semaine", None),
        ("j'ai écrit une lettre à mes enfants pour leur dire adieu", "suicidal_thoughts"),
        ("j'ai écrit une lettre à mes enfants pour leur anniversaire", None),
        ("il a donné son chien, il dit qu'il n'en aura plus besoin", "suicidal_thoughts"),
        ("Bonne nouvelle, je n'en aurai plus besoin d'aller à Toulouse", None),
        ("J'ai donné mes béquilles, je n'en aurai plus besoin", None),
        ("il parle de se mettre une balle", "suicidal_thoughts"),
        ("On ne veut pas se mettre une balle dans le pied", None),
        ("elle a un plan pour mourir", "suicidal_thoughts"),
        ("la corde est dans la grange, je vois plus d'issue", "suicidal_thoughts"),
        ("la corde à linge est dans la grange", None),
        ("je pense à sauter de ma fenêtre", "suicidal_thoughts"),
        ("je pense que le chat a sauté de ma voiture", None),
        ("j'ai plus envie de rien, même plus de vivre", "suicidal_thoughts"),
        ("j'ai plus envie de rien faire le dimanche", None),
        ("il dit qu'il ne sert plus à rien, il a gardé le fusil", "suicidal_thoughts"),
        ("je ne sers plus à rien au cabinet, je cherche un poste salarié", None),
        ("c'est la fin pour moi, adieu", "suicidal_thoughts"),
        ("c'est la fin pour moi au cabinet libéral", None),
        ("fatigué de tout, je veux partir pour de bon", "suicidal_thoughts"),
        ("j'en ai marre de tout ça, je veux partir définitivement de mon cabinet", None),
    ],
)
def test_signs_found_in_set_n_and_their_look_alikes(text, expected):
    assert detect(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Set o (2026-12-01, twelfth session), the lines the net missed alone, each sign
        # (paraphrased), a harmless look-alike, and the look-alikes a helper-session review found
        # for the first version of the signs.
        ("on a fini dans le fossé, mon ami saigne", "emergency"),
        ("ma voiture a fini dans le fossé mais personne n'est blessé", None),
        ("sur le chantier il est tout rouge, il vomit et il délire", "emergency"),
        ("la cuisine est pleine de fumée et mon père est encore dedans", "emergency"),
        ("mon conjoint fume encore à l'intérieur, le bébé tousse", None),
        ("un type menace mon frère avec un couteau", "emergency"),
        ("notre hôpital est menacé par la hache budgétaire de l'ARS", None),
        ("je cherche une aide ménagère qui sache aussi faire les courses", None),
        ("j'ai mal au cœur comme un étau", "emergency"),
        ("le cœur du village est pris en étau entre deux déserts médicaux", None),
        ("ma soeur est coincée comme dans un étau", None),
        ("mon fils a avalé des comprimés, je sais pas combien il en a pris", "emergency"),
        ("mon fils a pris rendez-vous pour ses médicaments, je ne sais pas combien ça coûte", None),
        ("un camion renversé, le chauffeur est blessé", "emergency"),
        ("suite à l'accident du passage à niveau, combien de blessés ?", None),
        ("un tracteur renversé, un conducteur blessé l'an dernier", None),
        ("il s'est tiré dessus en nettoyant sa carabine", "emergency"),
        ("mon fils s'est pris une belle gamelle au foot", None),
        ("il fait une hypoglycémie et il ne comprend plus rien", "emergency"),
        ("je fais des hypoglycémies et mon endocrinologue ne répond plus au téléphone", None),
        ("mon voisin est sous le tracteur, coincé", "emergency"),
        ("en réparant ma voiture, sous la voiture, mon dos s'est bloqué", None),
        ("ma grand-mère est toute chaude et elle délire", "emergency"),
        ("le sujet est brûlant : l'ARS ne répond plus aux maires", None),
        ("un dossier brûlant, le délire administratif continue", None),
        ("prévention canicule : coup de chaleur, vomissements, que conseille l'ARS ?", None),
        ("après une insolation j'ai eu une contusion au genou", None),
        ("les flammes de l'enfer administratif : on est coincés depuis des mois", None),
        ("je suis fatigué de tout, je veux que ça s'arrête", "suicidal_thoughts"),
        ("ces démarchages téléphoniques, je voudrais que ça s'arrête pour de bon", None),
        ("ma fille voulait plus vivre, elle pleure tout le temps", "suicidal_thoughts"),
        ("il veut plus vivre à la campagne, il préfère Toulouse", None),
        ("je veux plus vivre ici tout le monde s'en fiche", "suicidal_thoughts"),
        ("une boîte de somnifères pour ne plus me réveiller", "suicidal_thoughts"),
        ("si je m'endormais et que je ne me réveillais pas", "suicidal_thoughts"),
        ("je m'endors tard, comment me réveiller tôt ?", None),
        ("elle veut partir et elle a caché ses médicaments pour ça", "suicidal_thoughts"),
        ("il veut partir en camping, garder ses médicaments au frais pour ça ?", None),
        ("je vais rejoindre mon frère, il est mort l'an dernier", "suicidal_thoughts"),
        ("je vais rejoindre ma fille à Toulouse, mon mari est décédé", None),
        ("je vais rejoindre mon père au cimetière pour la Toussaint", None),
        ("comment on fait pour disparaître sans faire de peine à personne", "suicidal_thoughts"),
        ("le docteur va disparaître sans faire de peine à personne, il part à la retraite", None),
        ("elle a écrit qu'elle allait sauter ce soir", "suicidal_thoughts"),
        ("on va sauter le repas ce soir", None),
        ("si je prends tout ce qu'il y a dans l'armoire à pharmacie ce sera fini", "suicidal_thoughts"),
        ("je prends tout : médicaments, vitamines, jusqu'à la fin du mois ?", None),
        ("toute la pharmacie était en rupture, ce sera fini quand ?", None),
        ("il a donné ses affaires, je suis inquiète", "suicidal_thoughts"),
        ("ma mère a donné ses affaires à l'association, elle veut partir en EHPAD", None),
        ("je vais partir pour toujours, j'ai tout rangé", "suicidal_thoughts"),
        ("mon médecin va partir pour de bon : lettre reçue ce matin", None),
        ("il dit que si je pars il se tue", "suicidal_thoughts"),
        ("mon médecin quitte le village, il se tue à la tâche", None),
        ("j'ai mon pistolet, je pense à m'en servir sur moi", "suicidal_thoughts"),
        ("je ne vois pas pourquoi je me réveillerais demain", "suicidal_thoughts"),
        ("voilà pourquoi je dois me réveiller demain à 6h pour le rendez-vous", None),
        ("elle prie pour ne plus se réveiller", "suicidal_thoughts"),
        ("avec ce traitement j'espère ne plus me réveiller la nuit", None),
    ],
)
def test_signs_found_in_set_o_and_their_look_alikes(text, expected):
    assert detect(text) == expected
