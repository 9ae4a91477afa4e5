"""Enumerations stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    UNIT = "unit"
    AGGREGATOR = "aggregator"


class UnitKind(StrEnum):
    PROVINCE = "province"
    PROVINCIAL_AGENCY = "provincial_agency"
    DISTRICT = "district"
    COMMUNE = "commune"
    CENTRE = "centre"  # radio station or culture-sports-radio centre
    PRESS = "press"
    OTHER = "other"


class ActivityKind(StrEnum):
    PRODUCT = "product"
    BROADCAST = "broadcast"
    EVENT = "event"
    OTHER = "other"


class ActivityStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"
    OTHER = "other"


class Catalog(StrEnum):
    """The editable catalogs; each item has a stable code within its catalog."""

    PRODUCT_TYPE = "product_type"
    THEME = "theme"
    LANGUAGE = "language"
    CHANNEL = "channel"
    PARTICIPANT_CATEGORY = "participant_category"
    EVENT_TYPE = "event_type"
    ETHNICITY = "ethnicity"


class TargetMetric(StrEnum):
    """What a plan target counts."""

    PRODUCTS = "products"  # product activities (sum of quantity)
    BROADCASTS = "broadcasts"  # times aired / posted
    EVENTS = "events"  # events held
    DELEGATES = "delegates"  # participants of events
    COST = "cost"  # VND spent
