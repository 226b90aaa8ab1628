"""Facts and geography of « Ma santé, Ma Région ». Knows nothing of Rasa.

The source of truth is `knowledge/data/`; `python -m knowledge build` loads it into the
database, and `KnowledgeBase` answers questions from that database with the objects below.
"""

from knowledge.facts import Fact, FactMatch, Statement
from knowledge.places import Commune, Department, PlaceResolution
from knowledge.service import Centre, KnowledgeBase, Link, NearestAnswer, RankedCentre, Source, Topic, TopicPoint

__all__ = [
    "Centre",
    "Commune",
    "Department",
    "Fact",
    "FactMatch",
    "KnowledgeBase",
    "Link",
    "NearestAnswer",
    "PlaceResolution",
    "RankedCentre",
    "Source",
    "Statement",
    "Topic",
    "TopicPoint",
]
