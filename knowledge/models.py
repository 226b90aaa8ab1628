"""Database schema (SQLAlchemy 1.4, 2.0-style declarative). Rebuilt from knowledge/data/.

The row classes end in `Row`: the objects the rest of the code uses (`Centre`, `Commune`…) are
the immutable ones of knowledge.service and knowledge.places, built from these rows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

# Any: SQLAlchemy 1.4 ships no type information, and mypy accepts an Any base class.
Base: Any = declarative_base()


class SourceRow(Base):
    __tablename__ = "sources"
    id = Column(String(64), primary_key=True)  # seed file name
    title = Column(Text, nullable=False)
    publisher = Column(Text, nullable=False)
    cite_as = Column(Text, nullable=False)
    as_of = Column(Date, nullable=False)
    as_of_note = Column(Text, nullable=False, default="")
    url = Column(Text, nullable=False, default="")  # the official page, for national numbers


class LinkRow(Base):
    __tablename__ = "links"
    id = Column(String(64), primary_key=True)
    url = Column(Text, nullable=False)
    label = Column(Text, nullable=False)
    source_id = Column(String(64), ForeignKey("sources.id"), nullable=False)


class DepartmentRow(Base):
    __tablename__ = "departments"
    code = Column(String(3), primary_key=True)
    region_code = Column(String(2), nullable=False, index=True)
    name = Column(Text, nullable=False)
    name_with_article = Column(Text, nullable=False)


class CommuneRow(Base):
    """One row per commune of the gazetteer: current (COM), delegated (COMD) or district (ARM).

    A delegated commune can share its INSEE code with the commune it was merged into,
    hence the surrogate key.
    """

    __tablename__ = "communes"
    __table_args__ = (UniqueConstraint("insee", "kind"),)
    id = Column(Integer, primary_key=True)
    insee = Column(String(5), nullable=False, index=True)
    kind = Column(String(4), nullable=False)  # COM, COMD, ARM
    name = Column(Text, nullable=False)
    department_code = Column(String(3), ForeignKey("departments.code"), nullable=False)
    region_code = Column(String(2), nullable=False)
    parent_insee = Column(String(5))
    lat = Column(Float)
    lon = Column(Float)
    population = Column(Integer)


class PostalCodeRow(Base):
    __tablename__ = "postal_codes"
    __table_args__ = (UniqueConstraint("code", "commune_id"),)
    id = Column(Integer, primary_key=True)
    code = Column(String(5), nullable=False, index=True)
    commune_id = Column(Integer, ForeignKey("communes.id"), nullable=False)


class CentreRow(Base):
    __tablename__ = "centres"
    id = Column(String(64), primary_key=True)
    name = Column(Text, nullable=False)
    commune_insee = Column(String(5), nullable=False, index=True)
    status = Column(String(16), nullable=False)  # open, announced, partner, candidate
    since = Column(Date)
    since_text = Column(Text)
    source_id = Column(String(64), ForeignKey("sources.id"), nullable=False)
    as_of = Column(Date, nullable=False)
    # Optional contact details, from an official source of their own (centres.yml `contact:`).
    phone = Column(String(20))
    address = Column(Text)
    hours = Column(Text)
    contact_source_id = Column(String(64), ForeignKey("sources.id"))
    contact_as_of = Column(Date)
    facts = relationship("CentreFactRow", order_by="CentreFactRow.position", cascade="all, delete-orphan")
    aliases = relationship("CentreAliasRow", cascade="all, delete-orphan")


class CentreAliasRow(Base):
    """Another name the sources give a centre's place ("Lacaune-Viane")."""

    __tablename__ = "centre_aliases"
    id = Column(Integer, primary_key=True)
    centre_id = Column(String(64), ForeignKey("centres.id"), nullable=False)
    alias = Column(Text, nullable=False)


class CentreFactRow(Base):
    __tablename__ = "centre_facts"
    id = Column(Integer, primary_key=True)
    centre_id = Column(String(64), ForeignKey("centres.id"), nullable=False)
    position = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)


class TopicRow(Base):
    __tablename__ = "topics"
    id = Column(String(64), primary_key=True)
    title = Column(Text, nullable=False)
    intro = Column(Text, nullable=False)
    link_id = Column(String(64), ForeignKey("links.id"))
    source_id = Column(String(64), ForeignKey("sources.id"), nullable=False)
    as_of = Column(Date, nullable=False)
    points = relationship("TopicPointRow", order_by="TopicPointRow.position", cascade="all, delete-orphan")


class TopicPointRow(Base):
    __tablename__ = "topic_points"
    id = Column(Integer, primary_key=True)
    topic_id = Column(String(64), ForeignKey("topics.id"), nullable=False)
    position = Column(Integer, nullable=False)
    # Optional name of the point, for a question about it alone ("hours", "salary"…).
    key = Column(String(32))
    text = Column(Text, nullable=False)
    source_id = Column(String(64), ForeignKey("sources.id"), nullable=False)


class FactRow(Base):
    """One fact of the sources (facts.yml), with the older value another source gave, if any."""

    __tablename__ = "facts"
    id = Column(String(64), primary_key=True)
    text = Column(Text, nullable=False)
    source_id = Column(String(64), ForeignKey("sources.id"), nullable=False)
    as_of = Column(Date, nullable=False)
    topic_id = Column(String(64), ForeignKey("topics.id"))
    older_text = Column(Text)
    older_source_id = Column(String(64), ForeignKey("sources.id"))
    older_as_of = Column(Date)
    # One department's share of a list (« Dans l'Ariège, les membres sont … »): told for a question
    # about that department, not for one about the whole list.
    by_department = Column(Boolean, nullable=False, default=False)
    asks = relationship("FactAskRow", order_by="FactAskRow.position", cascade="all, delete-orphan")
    places = relationship("FactPlaceRow", cascade="all, delete-orphan")


class FactAskRow(Base):
    """A way people ask for a fact: what the ranking compares messages with."""

    __tablename__ = "fact_asks"
    id = Column(Integer, primary_key=True)
    fact_id = Column(String(64), ForeignKey("facts.id"), nullable=False)
    position = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)


class FactPlaceRow(Base):
    """A commune (INSEE code) or a department a fact is about."""

    __tablename__ = "fact_places"
    id = Column(Integer, primary_key=True)
    fact_id = Column(String(64), ForeignKey("facts.id"), nullable=False)
    commune_insee = Column(String(5))
    department_code = Column(String(3))


class BuildInfoRow(Base):
    """What the database was built from (a hash of knowledge/data) and when."""

    __tablename__ = "build_info"
    key = Column(String(64), primary_key=True)
    value = Column(Text, nullable=False)
