"""Nearest centres, checked against distances computed here with another formula."""

from __future__ import annotations

import math

import pytest


def spherical_cosines_km(lat1, lon1, lat2, lon2):
    """Law of cosines on a sphere of the same mean radius: independent of knowledge.geo."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    cos_angle = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0088 * math.acos(max(-1.0, min(1.0, cos_angle)))


@pytest.mark.parametrize("place", ["Saint-Girons", "Foix", "Perpignan", "Rodez", "Tarbes", "Nîmes", "Cahors", "Mende"])
def test_open_centres_come_nearest_first_with_correct_distances(kb, place):
    commune = kb.resolve_place(place).commune
    answer = kb.nearest_to_commune(commune, limit=3)
    expected = sorted(
        (spherical_cosines_km(commune.lat, commune.lon, c.commune.lat, c.commune.lon), c.id)
        for c in kb.centres_with_status("open")
    )[:3]
    assert [r.centre.id for r in answer.open_centres] == [centre_id for _, centre_id in expected]
    for ranked, (distance, _) in zip(answer.open_centres, expected, strict=True):
        assert ranked.distance_km == pytest.approx(distance, abs=0.01)
        assert ranked.centre.status == "open"


def test_known_distance_perpignan_millas(kb):
    perpignan = kb.resolve_place("Perpignan").commune
    first = kb.nearest_to_commune(perpignan).open_centres[0]
    assert first.centre.commune.name == "Millas"
    assert 15 < first.distance_km < 20  # about 18 km as the crow flies


def test_a_centre_in_the_commune_itself_is_at_zero_km(kb):
    millas = kb.resolve_place("Millas").commune
    assert kb.nearest_to_commune(millas).open_centres[0].distance_km == pytest.approx(0.0)


def test_announced_centre_is_mentioned_only_when_nearer_than_the_nearest_open_one(kb):
    lacaune = kb.resolve_place("Lacaune").commune  # Lacaune-Viane: announced for February 2023
    answer = kb.nearest_to_commune(lacaune)
    assert [r.centre.id for r in answer.nearer_announced] == ["lacaune-viane"]
    assert answer.nearer_announced[0].distance_km < answer.open_centres[0].distance_km

    millas = kb.resolve_place("Millas").commune
    assert kb.nearest_to_commune(millas).nearer_announced == ()


def test_partner_territories_are_not_offered_as_centres(kb):
    saint_gaudens = kb.resolve_place("Saint-Gaudens").commune
    answer = kb.nearest_to_commune(saint_gaudens, limit=10)
    statuses = {r.centre.status for r in answer.open_centres + answer.nearer_announced}
    assert statuses <= {"open", "announced"}
