"""Where the data and the database are. Everything can be overridden from the environment."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("KNOWLEDGE_DATA_DIR", PROJECT_ROOT / "knowledge" / "data"))
OCCITANIE_REGION_CODE = "76"
# Written by the set-up from spaCy's French tables (`python -m knowledge export-french-words`).
FRENCH_WORDS_FILE = Path(os.environ.get("FRENCH_WORDS_FILE", PROJECT_ROOT / "var" / "french_words.txt"))


def database_url() -> str:
    """SQLAlchemy URL of the knowledge database; a local SQLite file unless told otherwise."""
    default = f"sqlite:///{PROJECT_ROOT / 'var' / 'knowledge.db'}"
    return os.environ.get("KNOWLEDGE_DATABASE_URL", default)
