"""Facts and geography of « Ma santé, Ma Région ». Knows nothing of Rasa.

The source of truth is `knowledge/data/`; `python -m knowledge build` loads it into the
database, and `KnowledgeBase` answers questions from that database.
"""
from knowledge.service import KnowledgeBase, NearestAnswer, RankedCentre

__all__ = ["KnowledgeBase", "NearestAnswer", "RankedCentre"]
