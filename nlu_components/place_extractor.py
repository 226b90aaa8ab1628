"""The place entity from the whole gazetteer, deterministic, after DIET.

DIET tags places well in sentences like its training data, but it cuts compound names
("Cazaux" of "Cazaux-Debat"), tags ordinary words ("centres") and misses names it never saw.
This component finds every commune, former commune, department and postal code of the
gazetteer in the message (knowledge/place_mentions.py: longest match first, ordinary words only
where a place is expected) and makes them the `place` entities:
- a gazetteer match replaces any DIET place it overlaps;
- a DIET place made of French words only ("grand-mère"), or an ordinary word outside a place
  position, is dropped;
- other DIET places stay (a name the gazetteer does not hold, a typo DIET caught).
It holds no trained state: the gazetteer is read from the knowledge database when the model is
loaded to answer (not at training time), so a change to the gazetteer needs no retraining.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.place_mentions import PlaceFinder
from nlu_components.knowledge_base import knowledge_base

PLACE = "place"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class PlaceGazetteer(GraphComponent, EntityExtractorMixin):
    def __init__(self) -> None:
        self._finder: PlaceFinder | None = None

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PlaceGazetteer:
        return cls()

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> PlaceGazetteer:
        """For answering: read the gazetteer now (3 s) rather than during the first visitor's turn."""
        component = cls()
        component.finder.find("près de Saint-Jean-de-Vergse")  # builds the automaton, warms the typo search
        return component

    @property
    def finder(self) -> PlaceFinder:
        if self._finder is None:
            self._finder = PlaceFinder.build(knowledge_base().places)
        return self._finder

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):  # a button's payload carries its own entities
                continue
            message.set(ENTITIES, self.entities(text, message.get(ENTITIES) or []), add_to_output=True)
        return messages

    def entities(self, text: str, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
        mentions = [m for m in self.finder.find(text) if not _in_former_region_name(text, m.start, m.end)]
        kept = []
        for entity in entities:
            if entity.get("entity") == PLACE:
                start, end = int(entity.get("start", 0)), int(entity.get("end", 0))
                if any(m.start < end and start < m.end for m in mentions):
                    continue  # the gazetteer's match of the same words wins
                value = str(entity.get("value", ""))
                if _cuts_a_word(text, start, end) or _in_former_region_name(text, start, end):
                    continue  # « Pyrénées » of « Midi-Pyrénées », « Couserans- » of a body's name
                if self.finder.is_french(value):
                    continue  # no name of the gazetteer matched there: "grand-mère", "côté"
                if self.finder.is_weak_name(value) and not self.finder.weak_name_counts(text, start, end):
                    continue
            kept.append(entity)
        found = [
            {
                "entity": PLACE,
                "start": m.start,
                "end": m.end,
                "value": m.text,
                "confidence_entity": 1.0,
                "extractor": type(self).__name__,
                "additional_info": {"matched_by": m.matched_by},
            }
            for m in mentions
        ]
        return sorted(kept + found, key=lambda e: int(e.get("start", 0)))


# The former regions are not places the assistant can search (« en Midi-Pyrénées en 2014 »).
_FORMER_REGIONS = re.compile(r"\b(midi[\s-]+pyr[ée]n[ée]es|languedoc[\s-]+roussillon)\b", re.IGNORECASE)


def _in_former_region_name(text: str, start: int, end: int) -> bool:
    return any(m.start() < end and start < m.end() for m in _FORMER_REGIONS.finditer(text))


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    """Whether a span begins or ends inside a word, or at a hyphen that joins it to the next."""
    before = text[max(0, start - 2) : start]
    inside_before = before[-1:].isalpha() or (before.endswith("-") and before[:1].isalpha())
    inside_after = end < len(text) and (text[end].isalpha() or text[end] == "-")
    return inside_before or inside_after or text[start:end].endswith("-")
