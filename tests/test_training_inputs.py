"""The model is trained again only when what training reads changes (scripts/setup.sh).

The set-up leaves nlu_components/ out of the model's fingerprint, which is right only while none
of our custom components of config.yml holds trained state: a trainable one must be added to it.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def custom_components() -> list[str]:
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    return [step["name"] for step in pipeline if "." in step["name"]]


def test_config_has_custom_components():
    assert "nlu_components.safety_net.SafetyNet" in custom_components()


@pytest.mark.parametrize("name", custom_components())
def test_custom_components_hold_no_trained_state(name: str):
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe

    module, _, class_name = name.rpartition(".")
    component = getattr(importlib.import_module(module), class_name)
    registered = DefaultV1Recipe._from_registry(component.__name__)
    assert registered.clazz is component
    fingerprinted = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    source = Path(importlib.import_module(module).__file__ or "").relative_to(ROOT)
    assert not registered.is_trainable or str(source) in fingerprinted, (
        f"{name} is trainable: add {source} to the model's fingerprint in scripts/setup.sh"
    )
