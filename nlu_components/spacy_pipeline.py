"""Derive the spaCy pipeline Rasa loads: fr_core_news_md without its parser and NER.

Rasa's SpacyNLP only needs tokens, lemmas and word vectors; it already disables the parser,
but the NER still ran on every message (about 1.7 ms for a 12-word sentence, on 2 cores).
The set-up writes this copy once (`python -m nlu_components.spacy_pipeline DIR`); config.yml
points SpacyNLP at it. Same vectors, same tokens, same lemmas as the package.
"""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE_MODEL = "fr_core_news_md"
UNUSED_COMPONENTS = ("parser", "ner")


def build(target: Path) -> list[str]:
    import spacy

    nlp = spacy.load(SOURCE_MODEL, exclude=list(UNUSED_COMPONENTS))
    nlp.meta["name"] = f"{nlp.meta['name']}_for_rasa"
    nlp.meta["description"] = f"{SOURCE_MODEL} without {', '.join(UNUSED_COMPONENTS)} (built by scripts/setup.sh)"
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    return nlp.pipe_names


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m nlu_components.spacy_pipeline TARGET_DIR")
    print(f"Pipeline spaCy écrite dans {sys.argv[1]} : {', '.join(build(Path(sys.argv[1])))}.")
