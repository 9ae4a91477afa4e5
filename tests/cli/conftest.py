"""Fixtures of the command-line tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def unit(cli):
    """``ttdn init`` as the unit Xã Hòa Đông; its JSON answer."""
    result = cli("init", "--role", "unit", "--unit", "31786", "--officer", "Lâm Thị Hoà", "--json")
    assert result.code == 0, result.err
    return result.json
