"""A message that is a place and nothing more ("Les Matelles", "jsuis a villelongue de la
salanque", "moi c'est 31230") answers "which commune?" or asks for its centres: `inform_place`,
whatever the classifier guessed for a name it never saw (it read "Les Matelles" as suicidal
thoughts, a village name as not understood).

A place with only the words of a search ("Fiac centre", "Cazedarnes médecin", "Pechbonnieu
centre de santé région ?") asks for its nearest centres: `find_nearest_centre`.

Placed after the place gazetteer and the FallbackClassifier; the safety net comes after it, so a
real alarm still wins. Questions that make sense with a place alone (its nearest centre, its
centre's status, posts there) keep their intent.
"""

from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.text import normalize
from nlu_components.intent_override import IntentOverride

INFORM_PLACE = "inform_place"
FIND_NEAREST_CENTRE = "find_nearest_centre"
# Intents a place alone may rightly have.
KEPT = frozenset({INFORM_PLACE, FIND_NEAREST_CENTRE, "centre_status", "job_locations", "more_centres"})
# Intents a place with the words of a search ("Fiac centre", "Cazedarnes médecin") keeps.
KEPT_FOR_A_SEARCH = frozenset({FIND_NEAREST_CENTRE, "job_locations", "more_centres", "out_of_hours_care"})
# Words around a place that add nothing to it: "je suis à", "j'habite", "non plutôt", "merci", "Je
# vous remercie. Et à Cazals ?" (read as thanks). Not « madame », « monsieur » (« Merci Monsieur
# Roux »: a surname), nor « salut » (« merci et salut de Millau ! » is a goodbye).
_FILLER_WORDS = """
je j jsuis chui suis sui habite habites habitons habitent vis vit vivons vivent moi nous on c est cest ca
a au aux en dans le la les l de du des d pres vers sur cote commune village ville code postal mon ma mes
non oui plutot pardon euh ben bah alors et svp stp merci ok okay bien voila ici sommes
vous remercie beaucoup bonjour bonsoir
"""
FILLERS = frozenset(_FILLER_WORDS.split())
# Words that only name what is looked for near a place, as typed in a search box: "Luz-Saint-Sauveur
# centre", "Pechbonnieu centre de santé région ?", "il y a quelque chose pas loin de Fiac ?".
_SEARCH_WORDS = """
centre centres centr sante medecin medecins medcin docteur docteurs doc toubib generaliste generalistes
region regional regionale il y ya un une quelque chose quelqu rien pas loin proche proches plus autour
trouver cherche cherchons recherche besoin vous avez auriez
"""
SEARCH_WORDS = frozenset(_SEARCH_WORDS.split())
# A question about the programme that asks where to go near a place (« le centre Ma santé Ma Région
# le plus proche de Salviac »): its nearest centres. Without these words (« je suis maire de
# Gabian, comment ma commune peut avoir un centre ? ») it stays a question about the programme.
PROGRAMME_INFO = "programme_info"
_NEAR = re.compile(
    r"\b(plus proches?|plus pres|pres de|pres d|pres du|autour de|pas loin|a cote de|a proximite|proximite de|"
    r"ou consulter|ou aller|ou me soigner|ou se soigner|dans le coin|dans les environs|"
    r"(il y a|y a t il|y at il|ya t il|ya|y a|existe t il|vous avez) (un|une|des) (centres?|medecins?|docteurs?))\b"
)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PlaceAlone(IntentOverride):
    def intent_for_message(self, message: Message) -> str | None:
        text = message.get(TEXT) or ""
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        places = [e for e in message.get(ENTITIES) or [] if e.get("entity") == "place"]
        if intent in KEPT_FOR_A_SEARCH or not places or text.startswith("/"):
            return None
        rest = text
        for entity in sorted(places, key=lambda e: -int(e.get("start", 0))):
            rest = rest[: int(entity["start"])] + " " + rest[int(entity["end"]) :]
        words = set(normalize(rest).split())
        if words <= FILLERS:
            return None if intent in KEPT else INFORM_PLACE
        # A place and the words of a search, nothing else: its nearest centres (the classifier,
        # unsure of a name it never saw, said « not understood », a centre's status, a place alone).
        if words <= FILLERS | SEARCH_WORDS:
            return FIND_NEAREST_CENTRE
        return FIND_NEAREST_CENTRE if intent == PROGRAMME_INFO and _NEAR.search(normalize(rest)) else None
