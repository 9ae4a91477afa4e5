from datetime import date

import pytest

from desktop_app.core.domain.periods import parse_date, parse_period
from desktop_app.core.errors import TtdnError


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-Q3", date(2024, 7, 1), date(2024, 9, 30)),
        ("Q1/2024", date(2024, 1, 1), date(2024, 3, 31)),
        ("2024-H1", date(2024, 1, 1), date(2024, 6, 30)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("07/2024", date(2024, 7, 1), date(2024, 7, 31)),
        ("01/03/2024..31/05/2024", date(2024, 3, 1), date(2024, 5, 31)),
        ("2024-03-01..2024-05-31", date(2024, 3, 1), date(2024, 5, 31)),
    ],
)
def test_periods(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["2024-Q5", "13/2024", "abc", "2024-05-31..2024-03-01"])
def test_bad_periods_have_a_message(text):
    with pytest.raises(TtdnError) as info:
        parse_period(text)
    assert "Kỳ báo cáo" in info.value.message("vi")


def test_vietnamese_and_iso_dates():
    assert parse_date("05/09/2024") == parse_date("2024-09-05") == date(2024, 9, 5)
    with pytest.raises(TtdnError):
        parse_date("31/02/2024")
