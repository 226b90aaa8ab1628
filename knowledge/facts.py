"""The facts of the sources, one idea each (knowledge/data/facts.yml), and finding the one a
question asks for.

A question about one fact ("combien de médecins ont été recrutés ?", "le centre de Millas a
ouvert quand ?") gets that fact, not the whole topic. The ranking compares the message with each
fact, taken as one document of its text and the ways people ask for it (`asks`): TF-IDF
(scikit-learn) on character n-grams, which tolerate typos, missing accents and SMS spelling the
way the NLU's own do, and on word stems. A place of the message that a fact is about counts too.
Thresholds: knowledge/service.py; figures: docs/benchmarks.md, "Precise facts".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.text import normalize

# Words that make a message a question about one precise thing: a number, a date, a list of
# members, whether something exists at a place.
_PRECISE = re.compile(
    r"\b(combien|nombre|nbr?e?|cb|quand|date|depuis quand|quelle annee|en quelle|quel jour|quel mois|"
    r"annee|chiffre|chiffres|pourcentage|pourcent|montant|duree|delai|qui|lesquels|lesquelles|liste|"
    r"membres?|premiers?|derniers?|ordre|y a t il|y at il|ya t il|il y a|existe|c est vous|est ce vous|"
    r"c est a vous|combien de temps|a partir de quand|jusqu a quand|engage|engagement|oblige|"
    r"obligation|objectif|vise|prevu|prevus|prevue|prevues|recrute|recrutes|recrutez|ouvert|ouverte|"
    r"ouverts|ouvertes|ouvre|ouvrira|ouverture|ouvertures|inaugure|finance|finances|subvention|"
    r"aide|aides|euros?|millions?|pourquoi|proportion|part|taux|volume|effectifs?|roles?|missions?|"
    r"represente|representent|participent|fournir|fournit|apport|soutien|composition|minimum|minimale|"
    r"nom|noms|intitulee?s?|ou ca|ou sont|ou se trouvent?|"
    r"quels? (departements|communes|membres|specialistes|structures)|"
    r"quelles? (communes|structures|associations?)|a quoi sert|sert a quoi|servent a quoi|doit faire quoi|"
    r"font quoi|fait partie|font partie|membre|"
    # Added after the error analysis of the set 2026-11-29b (spent since): which place, which
    # body, since when, whether a place belongs, in SMS spelling too.
    r"quelles? (villes?|communes?|collectivites|intercommunalites?|zones?|professions?)|quels? (conseils|organismes|"
    r"criteres?|soignants)|quel (critere|statut|organisme)|statut|ou en est|qd|ki|c ki|fait quoi|"
    r"rejoindre|rejoint|adhere|adherer|adheres|adhesion|adherents?|participe|chronologie|calendrier|1er|1ere|"
    r"premiere|passent par|tous les etudiants|quel pourcentage|(est|c|sont) dans ma sante|"
    # Checking a figure or a claim heard elsewhere ("27 médecins embauchés, c'est vrai ?"), and
    # the words of a report (2026-11-30, from the ways of asking written by two new authors).
    r"c est vrai|c vrai|vrai|exact|exacte|bien ca|confirmer|confirmez|bilan|cible|a ce jour|a terme|"
    r"d ici|jusqu ici|au total|en tout|a l epoque|"
    # What a word or an acronym means, which body, which kind of thing, who presides (2026-11-30,
    # from the error analysis of the question set 2026-11-30e, spent since).
    r"veut dire|veulent dire|signifie|sigle|acronyme|abreviation|nom complet|denomination|definition|definit|"
    r"quel type|quelle forme|quel format|"
    r"quel mode|quelle instance|quel document|quelles? elections?|quel scrutin|quel mouvement|lequel|laquelle|"
    r"preside|president|presidente|le maire|la maire|"
    # Which word or phrase a source uses, where someone worked before (2026-11-30, from the error
    # analysis of the question set 2026-11-30f, spent since).
    r"s appelle|s appellent|comment s appel\w*|"
    r"quelle formule|quel mot|quels mots|quelle expression|quel terme|quels termes|auparavant|precedemment|"
    r"d ou (venait|vient|venaient)|(travaillait|exercait|bossait)( \w+)? avant|"
    r"mail|mails|courriel|email|e mail|adresse|site internet|site web|"
    # The press contacts asked for (« le contact du service presse ») (2026-12-01, set m, spent since).
    r"service presse|services presse|contacts? (de |du )?presse|attachee? de presse|relations presse)\b"
    # A figure in the question (not a postal code): the person asks about that figure; the
    # out-of-hours number written in one piece (« c koi le 116117 »).
    r"|\b\d{1,4}\b|\b116117\b"
)
# Which thing, by whom, for what (« quel institut ? », « par qui ? », « un outil de koi ? »): a
# precise question too, when the classifier read a question about a topic (not small talk: « quelle
# galère »). Not « c'est quoi le CESP ? » nor « quels sont les avantages ? », which ask for the
# topic (2026-11-30, from the error analysis of the question set h, spent since: replayed on the
# spent sets a–h, 64 more questions get their fact, 7 more a wrong one, 15 of ~7,000 held-out
# messages more get a fact instead of their topic, mostly the salary and hours facts).
_WHICH = re.compile(
    r"(?<!c est )(?<!cest )(?<!c )(?<!en )\b(koi|quoi)\b|\b(koi|quoi) comme\b|\bpar (qui|quel\w*)\b|\ba quel titre\b|"
    r"\ba quoi serv\w*|\b(quel|quelle|quels|quelles) (?!(temps|heures?|est|sont|etait|sera|serait|differences?|"
    r"avantages?|interet|objectifs?|services?|conditions?|demarches?|partenaires?|rue|centres?)\b)\w+"
)
# What a patient looking for care says: such a message stays a question about centres, whatever
# fact it resembles.
_SEEKS_CARE = re.compile(
    r"\b(plus proche|pres de chez|a cote de chez|ou consulter|ou aller|consulter ou|rendez vous|rdv|"
    r"horaires?|telephone|adresse|contact|contacts|coordonnees|contacter|joindre|urgence|j ai mal|malade|"
    r"soigner|me soigner|"
    # Care at night or at the weekend; what a visit costs, whether a centre is open on a given
    # day: practical questions.
    r"de garde|pharmacie|cette nuit|ce soir|ce week end|dimanche|"
    r"coute|coutent|c est combien|combien c est|prix|tarifs?|factures?|facturee?|combien la consult\w*|"
    r"samedi|aujourd hui|ouverts? le|ouvertes? le)\b"
)


# « centre » said: a patient asking for a centre, or a fact about centres.
CENTRE_WORD = re.compile(r"\bcentres?\b")


@dataclass(frozen=True)
class Statement:
    """A value of a fact as one source states it, at its date."""

    text: str
    source_id: str
    as_of: dt.date


@dataclass(frozen=True)
class Fact:
    id: str
    statement: Statement
    topic_id: str | None
    communes: tuple[str, ...]  # INSEE codes of the communes it is about
    departments: tuple[str, ...]
    asks: tuple[str, ...]
    older: Statement | None = None
    # One department's share of a list (the members in the Ariège): for a question about the whole
    # list, naming no place, the list itself is the answer.
    by_department: bool = False


@dataclass(frozen=True)
class FactMatch:
    fact: Fact
    score: float
    margin: float  # over the score of the next fact not told
    runner_up: Fact | None = None  # the next fact, when it is nearly as close: told too


def _stems(text: str) -> list[str]:
    return [word[:5] for word in normalize(text).split() if len(word) > 2 and word not in _FUNCTION_WORDS]


# Words too common in questions to tell facts apart (the question words themselves are what
# is_precise_question looks at).
_FUNCTION_WORDS = frozenset(
    [
        "les",
        "des",
        "une",
        "est",
        "que",
        "qui",
        "quoi",
        "quel",
        "quelle",
        "quels",
        "quelles",
        "pour",
        "par",
        "sur",
        "dans",
        "avec",
        "aux",
        "ces",
        "cette",
        "son",
        "ses",
        "leur",
        "leurs",
        "vous",
        "nous",
        "elle",
        "ils",
        "elles",
        "etait",
        "sont",
        "ont",
        "pas",
        "plus",
        "tout",
        "tous",
        "toute",
        "toutes",
        "comment",
        "combien",
        "quand",
        "bien",
        "tres",
        "fait",
        "faire",
        "peut",
        "peux",
        "dire",
        "savoir",
        "cest",
        "ceux",
        "celle",
        "celui",
        "dont",
        "mais",
        "donc",
        "car",
        "alors",
    ]
)


# Words that point back to the conversation (« un médecin traitant possible là-bas ? »): the
# answer is about the centre or place just said, not a fact of the sources.
_IN_CONTEXT = re.compile(r"\b(la bas|labas|ce centre|ce centre la|celui ci|celui la|cet endroit|chez eux)\b")


# The body a question quotes (« selon France Assos Santé et la Fécop, … ? », « d'après l'ARS »):
# who said it, not what is asked. Left out of the ranking, or the fact that names those bodies
# most (their presidents) outranks the one asked about (2026-11-30, from the error analysis of
# the question sets f and g, spent since: +0.6 point on the spent sets, none lower).
_BODY = (
    r"(l ars( occitanie| midi pyrenees)?|ars( occitanie| midi pyrenees)?|france assos sante( occitanie)?|la fecop|"
    r"fecop|la region( occitanie)?|les associations de patients)"
)
_ATTRIBUTION = re.compile(
    rf"\b(selon|d apres|qu en disent|que disent|qu en dit|que dit|qu en pensent|pour)"
    rf"( le communique de| le texte de| la tribune de)? {_BODY}( et {_BODY})*\b"
)


# The document a question quotes (« qui s'exprime dans le dossier de presse « Ma santé, Ma Région »
# ? »): most facts come from a press kit, so its words tell none apart (2026-12-01, from the error
# analysis of the question set m, spent since).
_PRESS_KIT = re.compile(
    r"\b(dans|selon|d apres|du|le|au)? ?(le |du |au )?dossier de presse"
    r"( de la region( occitanie)?| regional| ma sante ma region| de juin| de 2022| de 2023| de lancement)*\b"
)


def without_attribution(text: str) -> str:
    return _PRESS_KIT.sub(" ", _ATTRIBUTION.sub(" ", normalize(text)))


# The date a question sets its question at (« en juin 2022, combien de membres ? », « au printemps
# 2018 ») says when, rarely which fact: many facts share « juin 2022 » or « 2018 », and the one
# that names the date most outranks the one asked about. Left out of the ranking (2026-11-30,
# from the error analysis of the question set h, spent since: +0.8 point of the ranking alone on
# the spent sets a–h; is_precise_question still sees it).
_DATE = re.compile(
    r"\b((en|au|a|de|du|d|des|le|la|fin|debut|mi) )*((janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
    r"septembre|octobre|novembre|decembre|printemps|ete|automne|hiver) )?(19|20)\d\d\b"
)


# Acronyms people use that the sources never write, read with their words (« et les IPA ? »).
_ACRONYMS = {"ipa": "infirmiers en pratique avancee", "ipas": "infirmiers en pratique avancee"}
_ACRONYM = re.compile(rf"\b({'|'.join(_ACRONYMS)})\b", re.IGNORECASE)


def ranked_words(text: str) -> str:
    """What the ranking compares: the question without the body it quotes nor its date, its
    acronyms spelt out."""
    text = _ACRONYM.sub(lambda m: f"{m.group(0)} {_ACRONYMS[m.group(1).lower()]}", text)
    return _DATE.sub(" ", without_attribution(text))


def refers_to_context(text: str) -> bool:
    return _IN_CONTEXT.search(normalize(text)) is not None


# Question words in SMS spelling (« kel jour ? », « kelle comcom ? »), read as written in full
# (2026-12-01, from the error analysis of the question set l, spent since).
_SMS_QUESTION_WORDS = {"kel": "quel", "kelle": "quelle", "kels": "quels", "kelles": "quelles", "kan": "quand"}
_SMS_QUESTION_WORD = re.compile(rf"\b({'|'.join(_SMS_QUESTION_WORDS)})\b")


def is_precise_question(text: str, topical: bool = False) -> bool:
    """`topical`: the classifier read a question about a topic, where « quel institut ? » is one."""
    said = _SMS_QUESTION_WORD.sub(lambda m: _SMS_QUESTION_WORDS[m.group(1)], normalize(text))
    return (
        "%" in text
        or _PRECISE.search(said) is not None
        or _WHAT_BODY.search(said) is not None
        or (topical and _WHICH.search(said) is not None)
    )


# Bodies named in the sources other than the centres: their address, their e-mail or their
# president is asked by someone who does not look for care (« le mail de contact de la Fécop »);
# nor by a journalist asking for the press contacts.
_SOURCES_BODIES = r"fecop|france assos sante|ars|agence regionale de sante|forms|aimg\w*|unilr|gipaoc"
_ORGANISATION = re.compile(
    rf"\b({_SOURCES_BODIES}|federation|ordre des|communaute de communes|com com|comcom|services? presse|"
    r"contacts? (de |du )?presse|attachee? de presse|relations presse)\b"
)
# « aimg mp c koi ? »: what a body of the sources is, a precise question (unlike « c'est quoi le
# CESP ? », a topic) (2026-12-01, from the error analysis of the question set l, spent since).
_WHAT_BODY = re.compile(
    rf"\b(c est quoi|cest quoi|c quoi|c koi|correspond a quoi|veut dire quoi)\b.*\b({_SOURCES_BODIES})\b|"
    rf"\b({_SOURCES_BODIES})\b.*\b(c est quoi|cest quoi|c quoi|c koi|correspond a quoi|veut dire quoi)\b"
)


# A count or a date asked (« combien… ? », « depuis quand… ? »): a question for a fact, not for the
# list of centres nor for the job answer (not « dernière année », unlike a figure in general).
_HOW_MANY_OR_WHEN = re.compile(r"\b(combien|cb|nombre|quand|qd|date|quelle annee)\b")


def asks_how_many_or_when(text: str) -> bool:
    return _HOW_MANY_OR_WHEN.search(normalize(text)) is not None


def seeks_care(text: str) -> bool:
    said = normalize(text)
    return _SEEKS_CARE.search(said) is not None and _ORGANISATION.search(said) is None


# The score from which a fact is told instead of its topic (knowledge/service.py).
FACT_MIN_SCORE = 0.25

# What the question asks for (a person, a count, a date) and whether a fact's statement holds one:
# among facts that share the question's words (the MSP Avicenne, the university MSPs), the one
# that can answer (« comment s'appelle la maison de santé de Cabestany ? » → its name). Only
# between facts that qualify already: the bonus never makes a fact be told. 2026-11-30, from the
# error analysis of the question set k (spent since), measured on the spent sets a–k.
_ASKS_PERSON = re.compile(
    r"(^|\b(c est|c etait|et|savoir|dire|demander|sait on) )(qui|ki) (est|etait|preside|presidait|dirige|dirigeait|"
    r"a ete|fut|sont|etaient)\b|\bc (est )?ki\b|\b(c est|c etait) qui\b|\bquel (est le |etait le )?nom\b|"
    r"\bquels? (sont les |etaient les )?noms\b|\bcomment s appel\w*|\bcomment se nomm\w*|\bs appel\w* comment\b|"
    r"\b(quel|quelle) (elu|elue|medecin|docteur|president|presidente|maire|directeur|directrice|praticien|"
    r"praticienne|personne|generaliste)\b"
)
_ASKS_COUNT = re.compile(r"\b(combien|cb|le nombre|quel nombre|quel pourcentage|quelle proportion|quelle part)\b")
_ASKS_DATE = re.compile(
    r"^(quand|qd)\b|\b(quand|qd)$|\b(depuis|a partir de|jusqu a|c est|c etait|et) (quand|qd)\b|"
    r"\bquand (est ce|a t|ont|sera|seront|va|vont|ouvre|ouvrira|a ouvert|ont ouvert)\b|"
    r"\b(quelle date|quelle annee|en quelle annee|quel mois|a quelle date)\b"
)
# The first names of the people the sources quote: a statement naming one names a person.
_FIRST_NAMES = (
    "Alain|Alexis|André|Carole|Catherine|Eddy|François|Hermeline|Jacques|Jean|Jennifer|Lisa|Luc|Magali|Marc|"
    "Michel|Mireille|Nicolas|Noël|Olivier|Philippe|Yoan|Yoann"
)
_HOLDS_PERSON = re.compile(rf"\b(Dr|docteure?|M\.|Mme)\s|\b({_FIRST_NAMES}) [A-ZÉ]")
# Not a count: a year, a postal code, a department's code « (31) », a phone number.
_NOT_A_COUNT = re.compile(r"\b(19|20)\d\d\b|\b\d{5}\b|\(\d{2,3}\)|\b0\d( ?\d\d){4}\b")
_HOLDS_COUNT = re.compile(
    r"\d|\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|vingt|trente|cent|dizaine|vingtaine|"
    r"quarantaine|centaine|moitie|quart|tiers)\b"
)
_HOLDS_DATE = re.compile(
    r"\b(19|20)\d\d\b|\b(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|"
    r"decembre|printemps|l ete|en ete|automne|hiver)\b"
)


def _answer_kinds(statement: str) -> frozenset[str]:
    kinds = {"person"} if _HOLDS_PERSON.search(statement) else set()
    if _HOLDS_COUNT.search(normalize(_NOT_A_COUNT.sub(" ", statement))):
        kinds.add("count")
    if _HOLDS_DATE.search(normalize(statement)):
        kinds.add("date")
    return frozenset(kinds)


def asked_kinds(text: str) -> frozenset[str]:
    said = normalize(text)
    return frozenset(
        kind
        for kind, asks in (("person", _ASKS_PERSON), ("count", _ASKS_COUNT), ("date", _ASKS_DATE))
        if asks.search(said)
    )


class FactIndex:
    """Each fact is one document: its text and the ways it is asked. Two TF-IDF views of it,
    summed: character n-grams (typos, SMS spelling, missing accents) and the first five letters
    of each content word (a crude French stem: « recrutés », « recrutement » → « recru »)."""

    # A fact about a place named in the message gets this much more; a fact about other places
    # than the one named, this much less.
    PLACE_BONUS = 0.15
    OTHER_PLACE_MALUS = 0.15
    # A fact that holds what the question asks for (a person, a count, a date) gets this much more,
    # when it qualifies already (FACT_MIN_SCORE).
    ANSWER_KIND_BONUS = 0.03

    def __init__(self, facts: Sequence[Fact]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer  # Rasa's dependency

        self.facts = tuple(facts)
        # INSEE codes of the communes some fact is about (a name shared by several communes may
        # be settled by them).
        self.communes = frozenset(insee for fact in self.facts for insee in fact.communes)
        # Those a fact is about by itself, not as one name of a list (the groupement's map, its
        # members): « la msp de Cazilhac », not « les cabannes c ouvert ? ».
        self.communes_of_their_own = frozenset(
            insee
            for fact in self.facts
            if len(fact.communes) <= 2 and not fact.by_department
            for insee in fact.communes
        )
        documents = [" ".join([fact.statement.text, *fact.asks]) for fact in self.facts]
        self._vectorizers = [
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, preprocessor=normalize),
            TfidfVectorizer(analyzer=_stems, sublinear_tf=True),
        ]
        self._matrices = [v.fit_transform(documents) for v in self._vectorizers] if documents else []
        self._statements = " ".join(normalize(fact.statement.text) for fact in self.facts)
        self._answer_kinds = [_answer_kinds(fact.statement.text) for fact in self.facts]

    def names(self, place: str) -> bool:
        """Whether the sources use this name in a fact (« Larzac » of the communauté de communes
        Lodévois-Larzac, « Roussillon » of the FORMS, the ARS): a name of the sources, not
        necessarily where the visitor is."""
        said = normalize(place)
        return bool(said) and re.search(rf"\b{re.escape(said)}\b", self._statements) is not None

    def rank(
        self, text: str, communes: Sequence[str] = (), departments: Sequence[str] = ()
    ) -> list[tuple[Fact, float]]:
        """Facts by score, best first: the mean of the two cosine similarities, and the place
        (a commune named; else a department named: « dans l'Aude, quels projets ? »)."""
        text = ranked_words(text)
        if not self._matrices or not text.strip():
            return []
        scores = sum(
            (matrix @ vectorizer.transform([text]).T).toarray().ravel()
            for vectorizer, matrix in zip(self._vectorizers, self._matrices, strict=True)
        ) / len(self._matrices)
        named = set(communes)
        named_departments = set(departments)
        wanted = asked_kinds(text)
        ranked = []
        for fact, score, kinds in zip(self.facts, scores, self._answer_kinds, strict=True):
            if named and fact.communes:
                score += self.PLACE_BONUS if named & set(fact.communes) else -self.OTHER_PLACE_MALUS
            elif not named and named_departments and fact.departments:
                score += self.PLACE_BONUS if named_departments & set(fact.departments) else -self.OTHER_PLACE_MALUS
            elif not named and not named_departments and fact.by_department:
                score -= self.OTHER_PLACE_MALUS
            if wanted & kinds and score >= FACT_MIN_SCORE:
                score += self.ANSWER_KIND_BONUS
            ranked.append((fact, float(score)))
        return sorted(ranked, key=lambda pair: -pair[1])

    def best(
        self, text: str, communes: Sequence[str] = (), close: float = 0.0, departments: Sequence[str] = ()
    ) -> FactMatch | None:
        """The best fact, and the next one when it is within `close` of it."""
        return self.match_of(self.rank(text, communes, departments), close)

    @staticmethod
    def match_of(ranked: list[tuple[Fact, float]], close: float) -> FactMatch | None:
        """The facts told from a ranking: the first, and the next when within `close` of it."""
        if not ranked:
            return None
        fact, score = ranked[0]
        following, following_score = ranked[1] if len(ranked) > 1 else (None, 0.0)
        runner_up = following if following is not None and score - following_score < close else None
        if runner_up is not None:  # told too: the margin is over the first fact not told
            following_score = ranked[2][1] if len(ranked) > 2 else 0.0
        return FactMatch(fact, score, score - following_score, runner_up)
