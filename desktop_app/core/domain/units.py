"""How a unit is named to the reader."""

from __future__ import annotations

from desktop_app.core.domain.enums import UnitKind

# Communes and centres are named with their district: "Phường 1" exists in many towns.
_WITH_PARENT = frozenset({UnitKind.COMMUNE, UnitKind.CENTRE})


def unit_label(name: str, kind: str, parent_name: str | None) -> str:
    """The unit's name, with its parent's for a commune or a centre ("Xã Hòa Đông, Thị xã Vĩnh Châu")."""
    return f"{name}, {parent_name}" if parent_name is not None and kind in _WITH_PARENT else name
