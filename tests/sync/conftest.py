"""Fixtures: installations that exchange packages (the province, units, a relay)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sites import Site, copy_site  # noqa: F401 - re-exported for the tests


@pytest.fixture
def make_site(tmp_path):
    """make_site(name, role, unit, config=None) -> Site; closed at teardown."""
    made: list[Site] = []

    def make(name: str, role: str, unit: str, config: list[Path] | None = None) -> Site:
        made.append(Site(tmp_path, name, role, unit, config))
        return made[-1]

    yield make
    for site in made:
        site.close()


@pytest.fixture
def network(tmp_path):
    """A province with its configuration imported by a commune (Hòa Đông, under Vĩnh
    Châu), a second PC of the same commune, another commune (Đại Ân 1) and the
    Vĩnh Châu centre as a relay. Every unit PC is registered at the province; the
    communes of Vĩnh Châu are registered at the centre."""
    sites: dict[str, Site] = {}
    province = sites["province"] = Site(tmp_path, "province", "aggregator", "STTTT")
    config = province.config()
    sites["hoa_dong"] = Site(tmp_path, "hoa_dong", "unit", "31786", config)
    sites["hoa_dong_2"] = Site(tmp_path, "hoa_dong_2", "unit", "31786", config)
    sites["dai_an"] = Site(tmp_path, "dai_an", "unit", "31627", config)
    sites["centre"] = Site(tmp_path, "centre", "unit", "TTVH_950", config)
    for name in ("hoa_dong", "hoa_dong_2", "dai_an", "centre"):
        sites[name].enrol_at(province)
    for name in ("hoa_dong", "hoa_dong_2"):
        sites[name].enrol_at(sites["centre"])
    yield sites
    for site in sites.values():
        site.close()
