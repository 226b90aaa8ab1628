"""nlu_components/place_extractor.py: what is kept of DIET's place spans."""

from __future__ import annotations

import pytest

from nlu_components.place_extractor import PlaceGazetteer


def diet_span(text: str, part: str) -> dict:
    start = text.index(part)
    return {"entity": "place", "value": part, "start": start, "end": start + len(part), "extractor": "DIETClassifier"}


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("43 projets soutenus en Midi-Pyrénées en 2014", "Pyrénées"),  # a former region, cut
        ("les maisons de santé de Midi Pyrénées", "Midi Pyrénées"),  # a former region, whole
        ("les internes du Languedoc-Roussillon", "Languedoc-Roussillon"),  # not Roussillon (Vaucluse)
        ("la communauté de communes Couserans-Pyrénées", "Couserans-"),  # ends on a hyphen
        ("la communauté de communes Couserans-Pyrénées", "Pyrénées"),  # begins after a hyphen
    ],
)
def test_a_span_of_diet_that_cuts_a_word_or_names_a_former_region_is_dropped(text, part):
    assert PlaceGazetteer().entities(text, [diet_span(text, part)]) == []
