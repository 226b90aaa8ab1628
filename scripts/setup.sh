#!/usr/bin/env bash
# Idempotent set-up: virtual environment, pinned dependencies, knowledge database,
# spaCy pipeline and Rasa model. Each step runs only when its inputs changed; a second run takes seconds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
mkdir -p var

fingerprint() { cat "$@" | sha256sum | cut -c1-32; }
# Each step is named when it starts and timed; the times are summed up at the end.
timings=()
step_name=""
step_started=0
end_step() {
  [ -n "$step_name" ] && timings+=("$step_name $(( $(date +%s) - step_started )) s")
  step_name=""
}
step() {
  end_step
  printf '\033[1m» %s\033[0m\n' "$1"
  step_name=${2:-$1}
  step_started=$(date +%s)
}
# pip's exit status is kept; its warnings about this machine's optional local indexes are noise.
pip_install() {
  "$VENV/bin/python" -m pip install --disable-pip-version-check -q "$@" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "Python 3.11 est requis (trouvé : $("$PYTHON" --version 2>&1)). Indiquez-le avec PYTHON=..." >&2
  exit 1
fi

# One set-up at a time: run.sh and test.sh started together would race on the same files.
exec 9>"var/setup.lock"
flock 9

# 1. Dependencies (requirements/lock.txt, then rasa and rasa-sdk without their Python <3.11 pin).
if ! "$VENV/bin/python" -c 'import sys, pip; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
  step "Création de l'environnement virtuel" "environnement virtuel"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
fi
deps=$(fingerprint requirements/lock.txt requirements/rasa.txt requirements/dev.txt)
if [ "$(cat "$VENV/.installed" 2>/dev/null)" != "$deps" ]; then
  step "Installation des dépendances (deux à trois minutes la première fois)" "dépendances"
  pip_install -r requirements/lock.txt -r requirements/dev.txt
  pip_install --no-deps --ignore-requires-python -r requirements/rasa.txt
  echo "$deps" > "$VENV/.installed"
fi

# 2. Knowledge database, from knowledge/data/ (skipped when the data has not changed).
step "Base de connaissances" "base de connaissances"
python -m knowledge build --if-changed

# 3. The spaCy pipeline Rasa loads (fr_core_news_md without the parser and NER it does not use),
# and the French words the place finder never reads as a typo of a commune (from spaCy's tables).
spacy_dir=var/spacy/fr_core_news_md_for_rasa
spacy_inputs=$(fingerprint requirements/lock.txt nlu_components/spacy_pipeline.py)
if [ ! -f "$spacy_dir/meta.json" ] || [ ! -f var/french_words.txt ] \
   || [ "$(cat var/spacy.fingerprint 2>/dev/null)" != "$spacy_inputs" ]; then
  step "Pipeline spaCy pour Rasa" "pipeline spaCy"
  rm -rf "$spacy_dir"
  python -m nlu_components.spacy_pipeline "$spacy_dir"
  python -m knowledge export-french-words var/french_words.txt
  echo "$spacy_inputs" > var/spacy.fingerprint
fi

# 4. Rasa model, trained again only when what training reads changed: the configuration, the
# domain and training data, the pinned libraries and the spaCy pipeline. The custom components
# of nlu_components/ hold no trained state (the safety net, the wordless-message rule): editing
# them needs no new model (tests/test_training_inputs.py fails if a trainable one is left out).
inputs=$(fingerprint config.yml $(find bot -type f | sort) requirements/lock.txt requirements/rasa.txt \
  var/spacy.fingerprint)
if [ ! -f "$MODEL_PATH" ] || [ "$(cat "$MODEL_PATH.fingerprint" 2>/dev/null)" != "$inputs" ]; then
  step "Entraînement du modèle Rasa (une dizaine de minutes ; journal complet : var/logs/train.log)" "modèle Rasa"
  mkdir -p "$(dirname "$MODEL_PATH")" var/logs
  if ! rasa train --config config.yml --domain bot/domain.yml --data bot/data --out "$(dirname "$MODEL_PATH")" \
       --fixed-model-name "$(basename "$MODEL_PATH" .tar.gz)" --force 2>&1 \
       | tee var/logs/train.log | python scripts/train_progress.py; then
    tail -n 40 var/logs/train.log >&2
    echo "L'entraînement a échoué : voir var/logs/train.log." >&2
    exit 1
  fi
  echo "$inputs" > "$MODEL_PATH.fingerprint"
fi
end_step
if [ ${#timings[@]} -gt 0 ]; then
  printf 'Durée de chaque étape : %s.\n' "$(IFS=,; echo "${timings[*]}" | sed 's/,/, /g')"
fi
printf '\033[1m» Prêt.\033[0m\n'
