"""Which fields a kind of activity has is a core rule: what the form hides, the command
line cannot store either; a value already stored survives a save."""

from __future__ import annotations

import pytest

from desktop_app.core.domain.kinds import KIND_FIELDS, KIND_SPECIFIC
from desktop_app.core.errors import ValidationFailed
from desktop_app.core.operations.activities import change_activity, record_activity, show_activity

PRODUCT = {"kind": "product", "title": "Tin biển đảo", "date": "2024-05-02", "product_type": "TIN", "languages": ["vi"], "themes": ["CD1"]}


def test_a_field_the_kind_does_not_have_is_refused(unit_ws):
    with pytest.raises(ValidationFailed) as refused:
        record_activity(unit_ws, {**PRODUCT, "place": "Ấp Mỹ Thanh", "times_aired": 3})
    found = {(i.field, i.key) for i in refused.value.issues}
    assert found == {("place", "field.not_for_kind"), ("times_aired", "field.not_for_kind")}
    assert "không dùng cho hoạt động loại" in refused.value.issues[0].message("vi")


def test_empty_values_and_the_stored_value_pass(unit_ws):
    saved = record_activity(unit_ws, {**PRODUCT, "place": None, "times_aired": None, "channels": []})
    event = record_activity(unit_ws, {"kind": "event", "title": "Hội nghị", "date": "2024-06-01", "place": "Vĩnh Châu", "cost": 1000})
    again = change_activity(unit_ws, event.id, {"title": "Hội nghị tập huấn", "place": "Vĩnh Châu"})
    assert show_activity(unit_ws, again.id)["place"] == "Vĩnh Châu"
    assert show_activity(unit_ws, saved.id)["place"] is None


def test_changing_the_kind_needs_the_other_kinds_fields_emptied(unit_ws):
    event = record_activity(unit_ws, {"kind": "event", "title": "Hội nghị", "date": "2024-06-01", "place": "Vĩnh Châu"})
    with pytest.raises(ValidationFailed) as refused:
        change_activity(unit_ws, event.id, {"kind": "other", "place": "Trần Đề"})
    assert [i.field for i in refused.value.issues] == ["place"]


def test_every_kind_specific_field_belongs_to_some_kind():
    assert KIND_SPECIFIC == {"product_type", "quantity", "copies", "minutes", "channels", "themes", "languages", "cost",
                             "product", "times_aired", "audience", "event_type", "place"}
    assert KIND_FIELDS["other"] == frozenset()
