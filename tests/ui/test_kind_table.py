"""The activity form shows the fields of the core's kind table, not a copy of its own."""

from __future__ import annotations

from desktop_app.core.domain.kinds import KIND_FIELDS, LOCAL_STATUS_ORDER
from desktop_app.ui import activity_form


def test_the_form_uses_the_cores_table():
    assert activity_form.KIND_FIELDS is KIND_FIELDS
    assert activity_form.LOCAL_STATUS_ORDER is LOCAL_STATUS_ORDER
