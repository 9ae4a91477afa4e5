"""The periodic report PDF read back: Decree-30 layout (DOMAIN.md §5), text in NFC, figures
equal to an independent count over the records, Khmer shaped."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections import Counter

import pytest
import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics
from sqlalchemy import select

from reportdata import KHMER_NOTE, KHMER_TITLE, KHMER_WORDS, PERIOD
from desktop_app.core.db.models import Activity, OrgUnit, Participant
from desktop_app.core.domain.periods import parse_period
from desktop_app.core.reports.fonts import report_fonts
from desktop_app.core.reports.wording import number
from desktop_app.core.services.units import display_name
from pdfscan import page_text, scan
import sqlcount
from scenario import COMMUNE_BUDGET, DISTRICT_TRAINING, TASK_BUDGET

MM = 72 / 25.4
A4 = (595.28, 841.89)
SERIF = ("LiberationSerif", "TimesNewRomanPSMT", "TimesNewRomanPS")


def _clean(text: str) -> str:
    return text.replace("\xa0", " ")


@pytest.fixture(scope="module")
def pdf(province):
    return scan(province.files["periodic-pdf"])


def _find(pages, text: str, page: int | None = None):
    hits = [r for p in pages for r in p.runs if _clean(r.text) == text and (page is None or r.page == page)]
    assert hits, f"{text!r} not printed"
    return hits[0]


def _family(font: str) -> str:
    return font.split("-")[0].split(",")[0]


def test_text_is_nfc_and_has_the_decree_30_elements(pdf):
    pages, _ = pdf
    text = "\n".join(_clean(r.text) for p in pages for r in p.runs)
    assert text == unicodedata.normalize("NFC", text)
    for expected in ("UBND TỈNH SÓC TRĂNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                     "Số:      /BC-STTTT", "Sóc Trăng, ngày 05 tháng 02 năm 2025", "Nơi nhận:", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                     "Nguyễn Văn An", "- Lưu: VT.", "PHỤ LỤC"):
        assert expected in text


def test_page_size_orientation_and_margins(pdf):
    pages, _ = pdf
    assert (round(pages[0].width, 1), round(pages[0].height, 1)) == (round(A4[0], 1), round(A4[1], 1))
    assert any(p.width > p.height for p in pages), "the appendix is on landscape pages"
    for page in pages:
        body = [r for r in page.runs if r.y < page.height - 20 * MM]
        assert min(r.x0 for r in body) >= 30 * MM - 0.5
        assert max(r.x1 for r in body) <= page.width - 15 * MM + 0.5
        assert min(r.y for r in body) >= 20 * MM - 0.5  # baselines above the bottom margin
        assert max(r.y + 0.9 * r.size for r in body) <= page.height - 20 * MM + 0.5
    portrait = [p for p in pages if p.height > p.width]
    # justified body text reaches both margins
    assert min(r.x0 for r in portrait[1].runs) == pytest.approx(30 * MM, abs=0.5)
    assert max(r.x1 for p in portrait for r in p.runs) == pytest.approx(A4[0] - 15 * MM, abs=0.5)


def test_page_numbers_in_the_top_margin_from_page_2(pdf):
    pages, _ = pdf
    assert not [r for r in pages[0].runs if r.y > pages[0].height - 20 * MM]
    for page in pages[1:]:
        top = [r for r in page.runs if r.y > page.height - 20 * MM]
        assert [r.text for r in top] == [str(page.number)]
        assert 13 <= top[0].size <= 14
        centre = (30 * MM + page.width - 15 * MM) / 2
        assert (top[0].x0 + top[0].x1) / 2 == pytest.approx(centre, abs=0.5)


def test_embedded_fonts_and_sizes(pdf):
    pages, embedded = pdf
    assert all(embedded.values()) and embedded
    assert {_family(f) for f in embedded} <= {*SERIF, "NotoSansKhmer"}
    assert "NotoSansKhmer-Regular" in embedded  # the unit's note in Khmer

    def style(text: str) -> tuple[str, float]:
        run = _find(pages, text, 1)
        return run.font.split("-", 1)[1] if "-" in run.font else "Regular", run.size

    assert style("UBND TỈNH SÓC TRĂNG") == ("Regular", 13)
    assert style("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == ("Bold", 13)
    assert style("Độc lập - Tự do - Hạnh phúc") == ("Bold", 14)
    assert style("Sóc Trăng, ngày 05 tháng 02 năm 2025") == ("Italic", 14)
    assert style("Số:      /BC-STTTT") == ("Regular", 13)
    assert style("BÁO CÁO") == ("Bold", 14)
    assert _find(pages, "Số:      /BC-STTTT").y == pytest.approx(_find(pages, "Sóc Trăng, ngày 05 tháng 02 năm 2025").y, abs=0.5)
    body = Counter((r.font, r.size) for p in pages if p.height > p.width for r in p.runs)
    assert body.most_common(1)[0][0][1] == 14 and _family(body.most_common(1)[0][0][0]) in SERIF
    recipients = _find(pages, "Nơi nhận:")
    assert recipients.font.endswith("BoldItalic") and recipients.size == 12
    assert _find(pages, "- Lưu: VT.").size == 11
    signer = _find(pages, "KT. GIÁM ĐỐC")
    assert signer.font.endswith("Bold") and signer.size == 14
    # first-line indent 1.27 cm on the opening paragraph
    opening = next(r for r in pages[0].runs if r.text.startswith("Thực hiện Kế hoạch"))
    assert opening.x0 - 30 * MM == pytest.approx(12.7 * MM, abs=0.5)


def _independent(session, unit_ids=None):
    """Counts straight from the rows in plain SQL (drafts and returned records left out)."""
    period = parse_period(PERIOD)
    acts = sqlcount.activities(session, period.start.isoformat(), period.end.isoformat(), unit_ids)
    people = sqlcount.participants(session, period.start.isoformat(), period.end.isoformat(), unit_ids)
    per_unit: dict[str, list[int]] = {}
    for a in acts:
        row = per_unit.setdefault(a.unit_id, [0] * 10)
        if a.kind == "product":
            row[0] += 1
            row[1] += a.quantity or 1
        elif a.kind == "broadcast":
            row[2] += 1
            row[3] += a.times_aired or 0
        elif a.kind == "event":
            row[4] += 1
        else:
            row[6] += 1
        row[7] += 1
        row[8] += a.cost or 0
    for p in people:
        per_unit[p.event_unit][5] += 1
    return acts, people, per_unit


def test_printed_figures_equal_an_independent_count(province, pdf):
    pages, _ = pdf
    lines = [" ".join(_clean(r.text) for r in line) for p in pages for line in p.lines()]
    text = " ".join(lines)
    with province.workspace.reading() as s:
        acts, people, per_unit = _independent(s)
        names = {u.id: display_name(s, u) for u in s.scalars(select(OrgUnit))}
    products = sum(a.quantity or 1 for a in acts if a.kind == "product")
    assert f"{number(len(per_unit))} đơn vị đã ghi nhận {number(len(acts))} hoạt động" in text
    assert f"với {number(products)} sản phẩm" in text
    assert f"{number(sum(1 for a in acts if a.kind == 'broadcast'))} lượt phát sóng, đăng tải ({number(sum(a.times_aired or 0 for a in acts if a.kind == 'broadcast'))} lần phát)" in text
    assert f"với {number(len(people))} lượt đại biểu tham dự" in text
    assert f"Tổng kinh phí thực hiện: {number(sum(a.cost or 0 for a in acts))} đồng." in text
    # the table by unit (Biểu 2): every one-line row holds the unit's own numbers in order
    checked = 0
    for unit_id, row in per_unit.items():
        line = next((ln for ln in lines if f" {names[unit_id]} " in f" {ln} " and ln.split(" ", 1)[0].isdigit()), None)
        if line is None:  # a long name wrapped over two lines
            continue
        numbers = line.split(names[unit_id], 1)[1].split()
        expected = [row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8]]
        assert numbers == [number(v) for v in expected], names[unit_id]
        checked += 1
    assert checked >= len(per_unit) - 6


def test_unit_notes_are_gathered(pdf):
    pages, _ = pdf
    text = " ".join(_clean(r.text) for p in pages for r in p.runs)
    assert "Xã Liêu Tú" in text and "Thiếu tài liệu song ngữ" in text
    assert "Đề nghị Bộ hỗ trợ tập huấn kỹ năng sản xuất video." in text
    assert "Có 1 đơn vị báo cáo không có khó khăn, vướng mắc trong kỳ." in text


def _shape(font_name: str, text: str) -> list[int]:
    font = pdfmetrics.getFont(font_name)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font.hbFont(14), buffer, dict(kern=True, liga=True, dlig=True))
    return [info.codepoint for info in buffer.glyph_infos]


def test_khmer_is_shaped_not_raw_code_points(pdf):
    """The glyphs the PDF draws for the Khmer words are HarfBuzz's shaping of them (with
    reordered vowels and subscript forms), not the font's cmap lookup of each character."""
    pages, _ = pdf
    fonts = report_fonts()
    face = pdfmetrics.getFont(fonts.khmer).face
    note = next(r for p in pages for r in p.runs if "Thiếu tài liệu song ngữ" in r.text)
    near = [r for p in pages if p.number == note.page for r in p.runs if abs(r.y - note.y) < 60]
    drawn = [r for r in near if r.font.startswith("NotoSansKhmer") and r.y <= note.y + 1]
    assert drawn
    gids = [face.charToGlyph[ord(ch)] for r in drawn for ch in r.text if ch.strip()]
    words = [w for w in KHMER_NOTE.replace("(", " ").replace(")", " ").split() if any("\u1780" <= c <= "\u17ff" for c in w)]
    assert words == KHMER_WORDS
    shaped = [g for w in ["(" + KHMER_WORDS[0], KHMER_WORDS[1] + ")", KHMER_WORDS[2]] for g in _shape(fonts.khmer, w)]
    naive = [face.charToGlyph[ord(ch)] for w in ["(" + KHMER_WORDS[0], KHMER_WORDS[1] + ")", KHMER_WORDS[2]] for ch in w]
    assert gids == shaped
    assert gids != naive


def _pdftotext(path) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run([exe, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")


def test_khmer_titles_extract_as_written(province):
    """Shaped Khmer carries /ActualText: a reader's text tools get the title back."""
    text = " ".join(_pdftotext(province.files["periodic-pdf"]).split())
    period = parse_period(PERIOD)
    with province.workspace.reading() as s:
        products = sqlcount.activities(s, period.start.isoformat(), period.end.isoformat())
    khmer = [a.title for a in products if a.kind == "product" and any("\u1780" <= c <= "\u17ff" for c in a.title)]
    assert khmer
    for title in khmer:
        assert title in text, title
    assert KHMER_TITLE in text  # the II.2 conference, in the body
    assert "ព្រំដែន" in text


def test_the_signer_block_shares_its_page_with_the_closing_text(pdf):
    pages, _ = pdf
    closing = next(r for p in pages for r in p.runs if _clean(r.text).startswith("Trên đây là báo cáo"))
    assert _find(pages, "Nơi nhận:").page == _find(pages, "KT. GIÁM ĐỐC").page == _find(pages, "Nguyễn Văn An").page == closing.page


def test_the_report_follows_the_plan_and_counts_what_was_sent(province, pdf):
    pages, _ = pdf
    text = " ".join(" ".join(_clean(r.text) for r in line) for p in pages for line in p.lines())
    headings = ["I. KẾT QUẢ THỰC HIỆN", "3. Kinh phí thực hiện", "Thực hiện nhiệm vụ của Sở Thông tin và Truyền thông",
                "II. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TIẾP THEO", "PHỤ LỤC"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Thực hiện Kế hoạch số 123/KH-UBND ngày 05/03/2024 của" in text
    assert "Số liệu tính các hoạt động đã gửi, không tính bản nháp và hoạt động bị trả lại." in text
    assert "chưa được nhập vào chương trình" not in text
    with province.workspace.reading() as s:
        conference = sqlcount.event_participants(s, province.scenario.conference_id)
    # II.2 progress counts the conference only; the district's training is listed apart
    assert f"Chỉ tiêu: 160 đại biểu; đã thực hiện {number(conference)} đại biểu" in text
    assert f"{DISTRICT_TRAINING} (Trung tâm Văn hóa - Thể thao - Truyền thanh huyện Trần Đề, ngày 14/08/2024): 12 đại biểu" in text
    assert "(không tính vào chỉ tiêu của nhiệm vụ)" in text
    assert f"trả lại để sửa {number(len(province.scenario.returned_ids))}" in text
    assert f"Tổng cộng {number(sum(TASK_BUDGET.values()))}" in text  # the budget table's totals row


def test_a_communes_report_has_no_province_target(province):
    text = " ".join(" ".join(page_text(p).split()) for p in scan(province.files["unit-pdf"])[0])
    assert "160 đại biểu" not in text and "Chỉ tiêu: 40 sản phẩm" in text
    assert f"Kinh phí được phân bổ: {number(COMMUNE_BUDGET)} đồng" in text
