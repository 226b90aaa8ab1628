"""Precise facts: the ranking (knowledge/facts.py), the thresholds of the knowledge base, the
loader's checks of facts.yml and the action that tells a fact (actions/facts.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_actions import run, tracker

from actions.facts import ActionAnswerFact
from knowledge.facts import Fact, FactIndex, Statement, is_precise_question
from knowledge.loader import DataValidationError, load_data


def fact(ident: str, text: str, asks: tuple[str, ...], communes: tuple[str, ...] = ()) -> Fact:
    return Fact(ident, Statement(text, "002_a4a95ba4bedb938a", dt.date(2023, 1, 15)), None, communes, (), asks)


FACTS = [
    fact("recruited", "Le groupement a recruté 27 médecins.", ("combien de médecins recrutés", "médecins embauchés")),
    fact("members", "Le groupement compte 31 membres.", ("combien de membres", "qui fait partie du groupement")),
    fact("realmont", "Réalmont : une future maison de santé.", ("maison de santé",), communes=("81220",)),
    fact("cazilhac", "Cazilhac : une future maison de santé.", ("maison de santé",), communes=("11091",)),
]


def test_the_ranking_finds_the_fact_asked_however_it_is_typed():
    index = FactIndex(FACTS)
    assert index.rank("Combien de médecins ont été recrutés ?")[0][0].id == "recruited"
    assert index.rank("cb de medecins recrutes svp")[0][0].id == "recruited"
    assert index.rank("le groupement a combien de membres ?")[0][0].id == "members"


def test_a_place_named_chooses_among_facts_that_say_the_same_elsewhere():
    index = FactIndex(FACTS)
    assert index.rank("une maison de santé ?", communes=["81220"])[0][0].id == "realmont"
    assert index.rank("une maison de santé ?", communes=["11091"])[0][0].id == "cazilhac"


@pytest.mark.parametrize(
    ("text", "precise"),
    [
        ("Combien de médecins ont été recrutés ?", True),
        ("quand a ouvert le centre de Millas", True),
        ("y a-t-il une maison de santé à Réalmont ?", True),
        ("qu'offre le salariat aux médecins ?", False),
        ("c'est quoi Ma santé Ma Région", False),
        ("27 medecins embauches par le groupement c vrai ?", True),
        ("la Région vise 200 embauches à terme ?", True),
        ("un centre près de 31000 svp", False),
        ("ma sante ma region a ete lance kel jour exactement ?", True),  # SMS spelling
        ("kel horreur", False),
        ("le journaliste voudrait le contact du service presse", True),
        ("aimg mp c koi ?", True),  # what a body of the sources is
        ("c'est quoi le CESP ?", False),  # a scheme: its topic
    ],
)
def test_a_precise_question_is_told_from_a_broad_one(text, precise):
    assert is_precise_question(text) is precise


def test_the_knowledge_base_tells_a_fact_only_for_a_precise_question(kb):
    assert kb.fact_asked("qu'offre le salariat aux médecins ?") is None
    match = kb.fact_asked("Combien de médecins la Région a-t-elle recrutés ?")
    assert match is not None and "27 médecins" in match.fact.statement.text


def test_a_patients_question_about_a_centre_is_not_taken_for_a_fact_about_the_place(kb):
    realmont = kb.resolve_place("Réalmont").commune.insee
    assert kb.fact_asked("il y a un centre à Réalmont ?", [realmont], strict=True) is None
    assert kb.fact_asked("il y a un centre à Réalmont ?", [realmont]) is None
    match = kb.fact_asked("y a-t-il une maison de santé à Réalmont ?", [realmont], strict=True)
    assert match is not None and "Réalmont" in match.fact.statement.text


def test_a_person_asked_for_beside_a_centre_word_gets_the_fact_about_the_place(kb):
    """« la ville qui a un centre » describes the place; the question asks who (set m, 2026-12-01)."""
    mazamet = kb.resolve_place("Mazamet").commune.insee
    match = kb.fact_asked("Qui est le maire de Mazamet, la ville du Tarn qui a un centre de santé ?", [mazamet])
    assert match is not None and "Olivier Fabre" in match.fact.statement.text


def test_the_press_kit_a_question_quotes_is_left_out_of_the_ranking():
    from knowledge.facts import without_attribution

    said = without_attribution("Qui est le président de l'UNILR qui s'exprime dans le dossier de presse de la Région ?")
    assert "dossier" not in said and "unilr" in said


def test_a_department_named_counts_for_the_facts_about_it_and_clearly_asked_only(kb):
    match = kb.fact_asked(
        "Dans le Gers, quelle commune a eu 195 000 euros de la Région en 2020 pour un centre de santé ?",
        strict=True,
        departments=["32"],
    )
    assert match is not None and "Saint-Clar" in match.fact.statement.text
    # A patient's « il y a un centre dans le Tarn ? » is no fact about the Tarn.
    assert kb.fact_asked("il y a un centre dans le Tarn ?", strict=True, clear=True, departments=["81"]) is None
    # A fact about another department is never told for this one.
    match = kb.fact_asked("combien d'euros pour le centre de santé en 2020 ?", strict=True, departments=["09"])
    assert match is None or "09" in match.fact.departments


def test_a_fact_is_told_with_its_source_its_older_value_and_a_way_to_the_topic(kb):
    texts, messages, events = run(
        ActionAnswerFact(),
        tracker("combien de médecins recrutés ?", "ask_fact", [{"entity": "fact", "value": "doctors_recruited"}]),
    )
    assert "27 médecins" in texts[0] and "(Source : dossier de presse de la Région Occitanie, début 2023.)" in texts[0]
    assert "14 médecins" in texts[1] and "juin 2022" in texts[1]  # the older value, with its own source
    assert messages[-1]["buttons"] == [
        {"title": "En savoir plus : " + kb.topic("programme_info").title, "payload": "/programme_info"}
    ]
    assert events == []


def test_an_unknown_fact_is_not_invented():
    texts, messages, _ = run(ActionAnswerFact(), tracker("?", "ask_fact", [{"entity": "fact", "value": "nope"}]))
    assert [m["response"] for m in messages] == ["utter_default"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("topic: programme_info", "topic: nulle_part", "sujet inconnu « nulle_part »"),
        ('places: ["Réalmont"]', 'places: ["Prades"]', "« Prades » ne désigne pas une commune unique d'Occitanie"),
        ("  - id: doctors_recruited\n", "  - id: doctors-recruited\n", "minuscules, chiffres et _ seulement"),
    ],
)
def test_the_loader_checks_facts(data_copy, old, new, expected):
    path = data_copy / "facts.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        load_data(data_copy)
    assert any(expected in str(problem) for problem in raised.value.problems), raised.value.problems


def test_an_older_value_cannot_be_the_more_recent_one(data_copy):
    path = data_copy / "facts.yml"
    text = path.read_text(encoding="utf-8")
    old = 'older:\n      text: "En juin 2022, 14 médecins'
    assert old in text
    start = text.index(old)
    as_of = text.index('as_of: "2022-06-17"', start)
    path.write_text(text[:as_of] + 'as_of: "2024-06-17"' + text[as_of + len('as_of: "2022-06-17"') :], encoding="utf-8")
    with pytest.raises(DataValidationError, match="la valeur la plus récente va dans text"):
        load_data(data_copy)


def test_a_centre_status_without_a_centre_of_the_region_may_be_a_fact_well_ahead(kb):
    """nlu_components/fact_question.py: a centre's status is overridden only for a commune
    without a centre of the Region, and only by a fact well ahead of the next one."""
    match = kb.fact_asked("Quand a eu lieu la première assemblée générale ?", strict=True, clear=True)
    assert match is not None and "17 juin 2022" in match.fact.statement.text
    # After a list, « ce centre » is the status of a centre of that list, not a fact about one.
    assert kb.fact_asked("il est ouvert ce centre ?", strict=True, clear=True) is None
    millas = kb.resolve_place("Millas").commune.insee
    realmont = kb.resolve_place("Réalmont").commune.insee
    assert kb.has_region_centre(millas) and not kb.has_region_centre(realmont)


def test_a_question_about_the_place_just_said_is_not_a_fact(kb):
    """« un médecin traitant possible là-bas ? » is about the centre of the last answer."""
    assert kb.fact_asked("il y a un médecin traitant possible là-bas ?") is None
    assert kb.fact_asked("combien de médecins dans ce centre ?") is None


@pytest.mark.parametrize(
    ("text", "intent", "place", "overridden"),
    [
        # A department outside Occitanie is answered as such, never as a regional figure.
        ("Combien de centres dans le Cantal ?", "programme_info", "Cantal", False),
        # The answer to « which Saint-Hippolyte? » is a place, not the members of that department.
        ("celui des Pyrénées-Orientales", "inform_place", "Pyrénées-Orientales", False),
        ("Combien de centres de santé la Région a-t-elle ouverts ?", "programme_info", None, True),
    ],
)
def test_a_place_that_is_not_one_commune_of_occitanie_keeps_its_intent(
    knowledge_db_url, text, intent, place, overridden
):
    from rasa.shared.nlu.training_data.message import Message

    from nlu_components import knowledge_base as component_kb
    from nlu_components.fact_question import FactQuestion

    component_kb.knowledge_base.cache_clear()
    entities = []
    if place is not None:
        start = text.index(place)
        entities.append({"entity": "place", "value": place, "start": start, "end": start + len(place)})
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.6}, "entities": entities})
    assert (FactQuestion().intent_for_message(message) == "ask_fact") is overridden


def fact_intent(text: str, intent: str, places: list[str]) -> str:
    """The intent FactQuestion leaves on a message with these place entities."""
    from rasa.shared.nlu.training_data.message import Message

    from nlu_components.fact_question import FactQuestion

    entities = []
    for value in places:
        start = text.index(value)
        entities.append({"entity": "place", "value": value, "start": start, "end": start + len(value)})
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities})
    FactQuestion().process([message])
    return message.get("intent")["name"]


def test_a_doctor_asking_to_be_hired_keeps_the_job_answer(knowledge_db_url):
    """« vous recrutez des jeunes médecins ? » is not the interns' union; a figure asked, or a
    place named, may still get its fact."""
    text = "interne en dernière année, vous recrutez des jeunes médecins ?"
    assert fact_intent(text, "how_to_apply", []) == "how_to_apply"
    assert fact_intent("vous recrutez combien de médecins par an ?", "how_to_apply", []) == "ask_fact"
    assert fact_intent("vous recrutez à Cazals ?", "job_locations", ["Cazals"]) == "ask_fact"
    text = "interne en dernière année de médecine générale à Montpellier, vous recrutez des jeunes médecins ?"
    assert fact_intent(text, "how_to_apply", ["Montpellier"]) == "how_to_apply"  # the asker's place


def test_a_question_no_patient_asks_read_as_a_centres_status_gets_its_fact(knowledge_db_url):
    """« qui est le maire de … ? » read as a centre's status (set m, 2026-12-01): the fact, without
    having to stand well ahead; a patient's status question still needs it."""
    text = "Qui est le maire de Villesèque-des-Corbières ?"
    assert fact_intent(text, "centre_status", ["Villesèque-des-Corbières"]) == "ask_fact"
    text = "le centre de Villesèque-des-Corbières est ouvert ?"
    assert fact_intent(text, "centre_status", ["Villesèque-des-Corbières"]) == "centre_status"


def test_a_department_code_is_no_figure_and_a_homonym_is_settled_by_its_department(knowledge_db_url):
    assert fact_intent("centres dans le 66", "find_nearest_centre", ["66"]) == "find_nearest_centre"
    assert fact_intent("centres dans le 66", "nlu_fallback", ["66"]) == "nlu_fallback"
    assert fact_intent("le groupement dans le 81", "programme_info", ["81"]) == "programme_info"
    text = "a cazilhac (aude) le projet de maison de sante de 2018 ya quels pros ? combien de generalistes ?"
    assert fact_intent(text, "find_nearest_centre", ["cazilhac", "aude"]) == "ask_fact"
    # Without its department, over a patient's question, « cazilhac » alone is the one a fact is about.
    assert fact_intent(text.replace(" (aude)", ""), "find_nearest_centre", ["cazilhac"]) == "ask_fact"


def test_which_centres_opened_first_is_a_fact_over_a_centres_status(knowledge_db_url):
    from nlu_components import knowledge_base as component_kb

    component_kb.knowledge_base.cache_clear()
    assert fact_intent("où ont ouvert les deux premiers centres de santé de Ma Région ?", "centre_status", []) == (
        "ask_fact"
    )
    # A centre's status with nothing about the order of openings stays a status.
    assert fact_intent("il est ouvert ce centre ?", "centre_status", []) == "centre_status"
    assert fact_intent("le centre est ouvert depuis quand ?", "centre_status", []) == "centre_status"


def test_names_of_the_sources_are_not_taken_for_where_the_visitor_is(knowledge_db_url):
    from nlu_components import knowledge_base as component_kb

    component_kb.knowledge_base.cache_clear()
    # « Larzac » (a commune of the Dordogne) is the name of a communauté de communes of the sources.
    assert fact_intent("qui est le président de la com com Lodévois-Larzac ?", "programme_info", ["Larzac"]) == (
        "ask_fact"
    )
    # A place outside Occitanie that no fact names is still answered as such.
    assert fact_intent("combien de centres à Bordeaux ?", "programme_info", ["Bordeaux"]) == "programme_info"


def test_the_address_of_a_body_of_the_sources_is_no_search_for_care(kb):
    match = kb.fact_asked("c'est quoi le mail de contact de la Fécop ?", strict=True)
    assert match is not None and "fecop.fr" in match.fact.statement.text
    assert kb.fact_asked("quelle est l'adresse du centre ?", strict=True) is None


def test_medical_advice_gives_way_only_to_a_fact_named_outright(knowledge_db_url):
    from nlu_components import knowledge_base as component_kb

    component_kb.knowledge_base.cache_clear()
    assert fact_intent("j'ai une toux depuis 3 semaines, c'est grave ?", "medical_advice", []) == "medical_advice"
    assert fact_intent("j'ai mal au ventre depuis 2 jours", "medical_advice", []) == "medical_advice"
    text = "l'Ordre des sages-femmes présidé par Catherine Llinares-Trapes couvre quelles régions ?"
    assert fact_intent(text, "medical_advice", []) == "ask_fact"


def test_the_body_a_question_quotes_is_not_what_it_asks_about(kb):
    """« selon France Assos Santé et la Fécop » names who said it: the ranking leaves it out."""
    from knowledge.facts import without_attribution

    said = without_attribution("Selon France Assos Santé Occitanie et la Fécop, à quelles élections pensent-ils ?")
    assert "fecop" not in said and "elections" in said
    assert "fecop" in without_attribution("Qui préside la Fécop ?")
    match = kb.fact_index.best("D'après France Assos Santé et la Fécop, avant quelles élections écrivent-ils ?")
    assert match is not None and "municipales" in match.fact.statement.text


def test_the_date_a_question_is_set_at_does_not_choose_the_fact(kb):
    """« en juin 2022 » says when: the fact about the general assembly of June 2022 does not
    outrank the number of members asked about."""
    from knowledge.facts import ranked_words

    asked = "Quand « Ma santé, Ma Région » a été lancé en juin 2022, le groupement avait combien de membres ?"
    said = ranked_words(asked)
    assert "2022" not in said and "juin" not in said and "membres" in said
    match = kb.fact_index.best(asked)
    assert match is not None and match.fact.older is not None and "18" in match.fact.older.text


@pytest.mark.parametrize(
    "text",
    [
        "le sondage sur les maires et la santé, il a été fait par quel institut ?",
        "pr alain naudy le gip c un outil de koi ?",
        "les sages-femmes veulent proposer quel genre d'offre aux femmes ?",
        "À quoi servent les départements dans le groupement ?",
    ],
)
def test_which_thing_asked_about_a_topic_is_a_precise_question(text):
    from knowledge.facts import is_precise_question

    assert is_precise_question(text, topical=True)
    assert not is_precise_question(text)  # over small talk or a patient's question, it is not


@pytest.mark.parametrize(
    "text",
    [
        "c'est quoi le CESP ?",
        "c koi une MSP",
        "quels sont les avantages du salariat ?",
        "en quoi consiste le travail d'un médecin ?",
        "quel temps fait-il demain ?",
        "bonjour depuis Pierrefiche, quel centre ?",
    ],
)
def test_a_question_for_a_whole_topic_is_not_a_precise_question(text):
    from knowledge.facts import is_precise_question

    assert not is_precise_question(text, topical=True)


def test_who_presides_is_no_search_for_care(knowledge_db_url):
    """« la présidente du département … c ki ? » read as a search: the fact, not the centres."""
    text = "la presidente du departement des pyrenees orientales c ki ?"
    assert fact_intent(text, "find_nearest_centre", ["pyrenees orientales"]) == "ask_fact"
    assert fact_intent("centres dans les pyrenees orientales ?", "find_nearest_centre", ["pyrenees orientales"]) == (
        "find_nearest_centre"
    )


def test_a_patients_follow_up_not_understood_gets_no_bodys_address(knowledge_db_url):
    assert fact_intent("et l'adresse ?", "nlu_fallback", []) == "nlu_fallback"
    assert fact_intent("l'adresse mail de la Fécop ?", "nlu_fallback", []) == "ask_fact"


def test_the_offline_ranking_measure_tells_the_share_right_per_set(knowledge_db_url, capsys):
    """`python -m benchmarks.facts --offline` (the ranking alone, the fast loop on spent sets)."""
    from benchmarks.facts import main
    from launcher.settings import ROOT

    spent = ROOT / "tests" / "facts" / "questions_2026-11-29.yml"
    assert main(["--offline", str(spent)]) == 0
    printed = capsys.readouterr().out
    share = float(printed.split(" = ")[1].split("%")[0])
    assert share >= 85.0 and "en tout : " in printed


def test_a_homonym_is_settled_by_a_fact_about_it_alone_over_a_patients_question(knowledge_db_url):
    """« les cabannes c ouvert ? » asks which Les Cabannes: the groupement's map names one of them
    among sixteen places, which settles nothing; a fact about Cazilhac alone does."""
    from nlu_components import knowledge_base as component_kb

    component_kb.knowledge_base.cache_clear()
    assert fact_intent("les cabannes c ouvert ?", "centre_status", ["les cabannes"]) == "centre_status"
    assert fact_intent("msp cazilhac 2018 cb d habitants ?", "find_nearest_centre", ["cazilhac"]) == "ask_fact"


def test_a_question_about_the_whole_list_gets_the_list_not_one_departments_share(kb):
    """The members in the Ariège answer « qui est membre dans l'Ariège ? », not « quelles communes
    sont membres ? » (facts marked by_department)."""
    match = kb.fact_asked("Quelles communes sont déjà membres du groupement ?")
    assert match is not None and match.fact.id == "gip_college3_communes"
    match = kb.fact_asked("quels membres du groupement dans l'Ariège ?", departments=["09"])
    assert match is not None and match.fact.id == "gip_members_ariege"


@pytest.mark.parametrize(
    ("text", "fact_id"),
    [
        ("Numéro urgence européen c'est quoi ?", "national_number_112"),
        ("c'est quoi le 3114 ?", "national_number_3114"),
        ("le numero d'urgence pour les sourds c'est lequel ?", "national_number_114"),
        ("c koi le 116117", "national_number_116117"),
        ("c'est quoi le 3237 ?", "national_number_3237"),
    ],
)
def test_a_national_number_asked_about_is_told_with_its_official_source(kb, text, fact_id):
    match = kb.fact_asked(text, strict=True)
    assert match is not None and match.fact.id == fact_id
    assert kb.sources[match.fact.statement.source_id].url.startswith(("https://", "http://"))


@pytest.mark.parametrize(
    "text", ["le premier, c'est quoi son numéro ?", "c'est quoi le numero pour avoir un medecin la nuit ?"]
)
def test_a_number_asked_for_without_naming_a_national_one_gets_no_national_number(kb, text):
    match = kb.fact_asked(text)
    assert match is None or not match.fact.statement.source_id.startswith("national_")


@pytest.mark.parametrize(
    ("previous", "text", "told", "fact_id"),
    [
        (
            "Quelles communes sont membres du groupement ?",
            "et les départements ?",
            ["gip_college3_communes"],
            "gip_college2_departments",
        ),
        ("c'est quoi le PTMG ?", "ça dure combien de temps ?", [], "ptmg_what"),
        ("combien de médecins recrutés ?", "et de secrétaires ?", ["doctors_recruited"], "secretaries_recruited"),
        # an acronym the sources never write (set n, 2026-12-01)
        ("infirmière, vous recrutez des infirmières ?", "et les IPA ?", [], "programme_mission_centres"),
    ],
)
def test_a_short_follow_up_is_read_with_the_question_before_it(kb, previous, text, told, fact_id):
    match = kb.fact_in_context(text, previous, told)
    assert match is not None and match.fact.id == fact_id
    # Alone, none of them is a question about one fact.
    assert kb.fact_asked(text) is None or kb.fact_asked(text).fact.id != fact_id


@pytest.mark.parametrize("text", ["merci beaucoup", "et les horaires ?", "ok"])
def test_a_follow_up_with_nothing_of_the_sources_gets_no_fact_in_context(kb, text):
    assert kb.fact_in_context(text, "quel est le salaire ?") is None


def test_by_department_needs_its_department(data_copy):
    path = data_copy / "facts.yml"
    text = path.read_text(encoding="utf-8")
    old = "  - id: doctors_recruited\n"
    assert old in text
    path.write_text(text.replace(old, old + "    by_department: true\n", 1), encoding="utf-8")
    with pytest.raises(DataValidationError, match="le département est attendu"):
        load_data(data_copy)


def test_a_centre_asked_for_at_a_shared_name_or_in_a_department_is_no_fact(knowledge_db_url):
    """« Cazals il y a un centre ? » asks which Cazals; with a figure asked, the fact about the
    commune of that name settles it."""
    from nlu_components import knowledge_base as component_kb

    component_kb.knowledge_base.cache_clear()
    assert fact_intent("Cazals il y a un centre de santé ?", "find_nearest_centre", ["Cazals"]) == (
        "find_nearest_centre"
    )
    assert fact_intent("molieres centre de sante 2022 la region a mis cb ?", "centre_status", ["molieres"]) == (
        "ask_fact"
    )


def test_a_count_of_centres_in_a_department_is_not_the_count_of_all_the_centres(kb):
    match = kb.fact_asked("le  il y en a combien des centres", departments=["65"], topical=True)
    assert match is None or "65" in match.fact.departments


def test_out_of_hours_care_keeps_its_answer_which_gives_every_national_number(knowledge_db_url):
    from nlu_components import knowledge_base as component_kb

    component_kb.knowledge_base.cache_clear()
    assert fact_intent("c'est quoi le 116 117 ?", "out_of_hours_care", []) == "out_of_hours_care"
    assert fact_intent("c'est quoi le 116 117 ?", "nlu_fallback", []) == "ask_fact"


def test_the_groupement_and_the_bodies_of_the_sources_are_no_search_for_care(knowledge_db_url):
    from nlu_components import knowledge_base as component_kb

    component_kb.knowledge_base.cache_clear()
    text = "Quelle communauté de communes, à la fois dans l'Hérault et le Tarn, est membre du groupement ?"
    assert fact_intent(text, "find_nearest_centre", ["Hérault", "Tarn"]) == "ask_fact"
    # A patient's search with a place keeps its answer.
    assert fact_intent("y a un centre dans l'Hérault ?", "find_nearest_centre", ["Hérault"]) == "find_nearest_centre"


def test_among_facts_with_the_same_words_the_one_that_holds_what_is_asked_gets_more(monkeypatch):
    """« comment s'appelle … ? » asks for a name, « combien … ? » a count, « quand … ? » a date: the
    facts that hold one get FactIndex.ANSWER_KIND_BONUS, the others nothing."""
    from knowledge.facts import asked_kinds

    index = FactIndex(
        [
            fact("team", "La maison de santé de Cabestany réunit des médecins et des infirmières.", ()),
            fact("name", "La maison de santé de Cabestany est présidée par Jean Dupont.", ()),
            fact("count", "La maison de santé de Cabestany réunit dix professionnels.", ()),
        ]
    )
    assert asked_kinds("Comment s'appelle le président de la maison de santé de Cabestany ?") == {"person"}
    assert asked_kinds("cb de pros ds la maison de sante de cabestany ?") == {"count"}
    assert asked_kinds("c'est quoi la maison de santé de Cabestany ?") == set()

    def scores(question: str) -> dict[str, float]:
        return {found.id: score for found, score in index.rank(question)}

    questions = ["Qui dirige la maison de santé de Cabestany ?", "combien de pros à la maison de santé de Cabestany ?"]
    bonus = round(FactIndex.ANSWER_KIND_BONUS, 6)
    assert bonus > 0
    with_bonus = [scores(question) for question in questions]
    monkeypatch.setattr(FactIndex, "ANSWER_KIND_BONUS", 0.0)
    without = [scores(question) for question in questions]
    gained = [{ident: round(a[ident] - b[ident], 6) for ident in a} for a, b in zip(with_bonus, without, strict=True)]
    assert gained == [{"team": 0.0, "name": bonus, "count": 0.0}, {"team": 0.0, "name": 0.0, "count": bonus}]
