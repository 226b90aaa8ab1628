"""Small French text fragments built from knowledge objects (the sentences are in the domain)."""

from __future__ import annotations

from collections.abc import Iterable

from rasa_sdk.executor import CollectingDispatcher

from knowledge import Centre, Commune, Department, RankedCentre, Source, Topic


def distance_text(km: float) -> str:
    if km < 1:
        return "dans votre commune"
    return f"à {km:.0f} km"


def centre_line(ranked: RankedCentre) -> str:
    """'• Millas (Pyrénées-Orientales), à 18 km : a ouvert le 15 septembre 2022'."""
    centre = ranked.centre
    return f"• {place_label(centre)}, {distance_text(ranked.distance_km)} : {centre.since_text}"


def centre_status_line(centre: Centre) -> str:
    return f"• {place_label(centre)} : {centre.since_text}"


def place_label(centre: Centre) -> str:
    return commune_label(centre.commune)


def commune_label(commune: Commune) -> str:
    """'Prades (Ariège)': the department tells homonyms apart."""
    return f"{commune.name} ({commune.department.name})"


def department_label(department: Department) -> str:
    """'Ariège (09)': no article to get wrong ("de l'Ariège", "du Gers", "des Landes")."""
    return f"{department.name} ({department.code})"


def of(name: str) -> str:
    """'de Foix', 'd'Aussillon': the French elision before a vowel."""
    return f"d'{name}" if name[:1].lower() in "aeiouyàâéèêîïôûh" and not name.lower().startswith("ha") else f"de {name}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def citations(sources: Iterable[Source]) -> str:
    unique = {s.id: s for s in sources}
    return " ; ".join(s.citation for s in unique.values())


def tell_topic(dispatcher: CollectingDispatcher, topic: Topic) -> None:
    body = "\n".join([topic.intro, bullets(p.text for p in topic.points)]).strip()
    dispatcher.utter_message(response="utter_topic", title=topic.title, body=body, source=citations(topic.sources))
    if topic.link is not None:
        dispatcher.utter_message(response="utter_topic_link", url=topic.link.url)
