"""Participants out of an office list, with the conventions of Vietnamese lists.

* Gender by *which* column holds the birth year or date ("Năm sinh" over "Nam" / "Nữ"),
  by an "x" under "Nam" / "Nữ", by a "Giới tính" column (Nam, nữ, NAM…), or by "Ông" /
  "Bà" before the name.
* Birth as a year, a dd/mm/yyyy text or an Excel date.
* One "Chức vụ, đơn vị công tác" column split into position and organisation.
* Ethnicity spellings (Khmer, Khơ-me, Khơ Me, kinh, Hoa…) to the catalog's codes.
* Phone numbers with dots, spaces or +84 as 0xxxxxxxxx.
* "Ghi chú" notes kept; absence ("vắng", "vắng có lý do", "không dự") becomes a flag.
* Group rows above people give their organisation (and category, where one fits).

:func:`read_people` returns one :class:`PersonRow` per data row: the values as the
participant service takes them, how each was found, and the problems in Vietnamese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Callable

from desktop_app.core.domain.text import fold
from desktop_app.core.errors import Issue
from desktop_app.core.tabular.layout import DATA, Layout, Vocabulary, first_match, text_of

# Fields a column can be recognised as (beyond the participant's own fields).
COLUMN_FIELDS = (
    "stt",
    "name",
    "gender",
    "birth",
    "birth_male",
    "birth_female",
    "mark_male",
    "mark_female",
    "ethnicity",
    "position",
    "organization",
    "position_org",
    "category",
    "phone",
    "unit",
    "note",
    "signature",
)

_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("position_org", r"(chuc vu|chuc danh).*(don vi|co quan|noi cong tac)|(don vi|co quan).*(chuc vu|chuc danh)"),
        ("stt", r"^(stt|tt|so tt|so thu tu|s\.tt|no)$"),
        ("unit", r"^(ma don vi|unit code|ma dv)$"),
        ("name", r"^(ho va ten|ho ten|ho, ten|ho & ten|ten dai bieu|dai bieu|full name|name|ho va ten dai bieu|ho ten dai bieu)\b"),
        ("birth", r"(nam sinh|ngay sinh|sinh nam|ngay thang nam sinh|ngay, thang, nam sinh|birth)"),
        ("gender", r"^(gioi tinh|gioi|phai|nam/nu|nam, nu|nam nu|gender|sex)$"),
        ("ethnicity", r"^(dan toc|ethnicity|ethnic)"),
        ("position", r"^(chuc vu|chuc danh|position|job title)"),
        ("organization", r"^(don vi|co quan|noi cong tac|don vi cong tac|co quan cong tac|co quan, don vi|organi[sz]ation)"),
        ("category", r"^(thanh phan|doi tuong|nhom|category|loai dai bieu)"),
        ("phone", r"(dien thoai|^sdt|^dt$|^dtdd|phone|di dong|so dt)"),
        ("signature", r"(ky ten|chu ky|ky nhan|signature)"),
        ("note", r"^(ghi chu|note|notes)"),
    )
)
_MALE_WORDS = {"nam", "male", "m", "ong", "trai"}
_FEMALE_WORDS = {"nu", "female", "f", "ba", "gai"}


def _strip_parenthesis(text: str) -> str:
    return re.sub(r"\s*\(.*?\)\s*", " ", text).strip()


def classify(parts: list[str]) -> str | None:
    """The field a column header (folded parts, top to bottom) names."""
    parts = [p for p in (_strip_parenthesis(p) or p for p in parts) if p]
    if not parts:
        return None
    last = parts[-1]
    if last in ("nam", "nu", "nam gioi", "nu gioi"):
        male = last.startswith("nam")
        if any(re.search(r"(nam sinh|ngay sinh|sinh nam|ngay thang nam sinh|birth)", p) for p in parts[:-1]):
            return "birth_male" if male else "birth_female"
        return "mark_male" if male else "mark_female"
    return first_match(parts, _PATTERNS)


VOCABULARY = Vocabulary(classify, "name", frozenset({"stt", "note", "signature"}))

# --- values -----------------------------------------------------------------------------

_ETHNICITY_SPELLINGS = {
    "kinh": "KINH",
    "viet": "KINH",
    "khmer": "KHMER",
    "khome": "KHMER",
    "khme": "KHMER",
    "khmer krom": "KHMER",
    "kh'me": "KHMER",
    "hoa": "HOA",
    "nguoi hoa": "HOA",
    "trung quoc": "HOA",
    "hoa (trung quoc)": "HOA",
}
_HONORIFIC = re.compile(r"^(ông|bà|ô\.|b\.|anh|chị|đ/c|đồng chí)\s+", re.IGNORECASE)
_MARK = {"x", "v", "1", "co", "\u2713", "\u2714", "\u221a", "+", "*", "o"}
_ABSENT = re.compile(r"\b(vang|khong (tham )?du|khong tham gia|xin nghi|nghi phep|co phep|khong den)\b")
_POSITION_HEADS = tuple(
    sorted(
        (
            "chu tich", "pho chu tich", "bi thu", "pho bi thu", "giam doc", "pho giam doc", "truong phong",
            "pho truong phong", "truong ban", "pho truong ban", "truong dai", "pho truong dai", "chanh van phong",
            "pho chanh van phong", "tong bien tap", "pho tong bien tap", "phong vien", "bien tap vien", "chuyen vien",
            "chuyen vien chinh", "can bo", "cong chuc", "vien chuc", "nhan vien", "ky thuat vien", "uy vien",
            "thu ky", "truong", "pho", "chi huy truong", "chinh tri vien", "doi truong", "to truong", "hoi truong",
            "chu nhiem", "truong tram", "phat thanh vien", "giao vien", "can bo van hoa", "cong chuc van hoa - xa hoi",
            "cong chuc van hoa xa hoi", "can bo van hoa - xa hoi", "truong ap", "bi thu chi bo", "uy vien ubnd",
        ),
        key=len,
        reverse=True,
    )
)
# Words that begin an organisation's name (as written, capitalised or abbreviated).
_ORG_START = re.compile(
    r"\b(UBND|HĐND|MTTQ|UBMTTQ|TTVH|TT\s?VH|VH-TT|Ủy ban|Uỷ ban|Hội đồng|Sở|Phòng|Ban|Trung tâm|Đài|Báo|Cổng|Huyện ủy|Huyện uỷ|"
    r"Thị ủy|Thị uỷ|Tỉnh ủy|Tỉnh uỷ|Đảng ủy|Đảng uỷ|Xã|Phường|Thị trấn|Huyện|Thị xã|Tỉnh|Công an|Đồn|Bộ Chỉ huy|Bộ đội|Hội|Mặt trận|"
    r"Trường|Bệnh viện|Chi cục|Cục|Văn phòng|Công ty|Đoàn|Liên đoàn|Ấp|Khóm|Tạp chí|Truyền thanh)\b"
)


@dataclass
class PersonRow:
    """One data row of a participant list, read."""

    row: int  # sheet row (1-based)
    values: dict[str, Any]  # participant fields (name, gender, birth_year, …, note, absent)
    issues: list[Issue] = field(default_factory=list)
    how: dict[str, str] = field(default_factory=dict)  # field -> how it was found ("from_birth_column", "split")
    excluded: bool = False

    @property
    def label(self) -> str:
        return f"row {self.row}."

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]


def birth_year_of(value: Any) -> tuple[int | None, bool]:
    """(year, ok) of a birth cell: a year, a dd/mm/yyyy or yyyy-mm-dd text, an Excel date
    or date serial number. ``ok`` is False when there is a value but no year in it."""
    if value is None or value == "":
        return None, True
    if isinstance(value, (date, datetime)):
        return value.year, True
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = int(value)
        if 1900 <= number <= 2100:
            return number, True
        if 3000 < number < 80000:  # an Excel date serial shown as a number
            return (datetime(1899, 12, 30) + timedelta(days=number)).year, True
        return None, False
    text = str(value).strip()
    match = re.fullmatch(r"(?:(\d{1,2})\s*[/.\-]\s*)?(?:(\d{1,2})\s*[/.\-]\s*)?(\d{4})", text) or re.fullmatch(
        r"(\d{4})-(\d{1,2})-(\d{1,2})", text
    )
    if match:
        year = int(match.group(1) if len(match.group(1) or "") == 4 else match.group(3))
        return (year, True) if 1900 <= year <= 2100 else (None, False)
    found = re.findall(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)", text)
    if len(found) == 1:
        return int(found[0]), True
    return None, False


def normalise_phone(value: Any) -> tuple[str | None, bool]:
    """(0xxxxxxxxx, ok): dots, spaces, dashes and brackets dropped, +84/84 to 0, a leading
    zero lost by Excel (a number cell) put back. The first of several numbers is kept."""
    if value is None or value == "":
        return None, True
    if isinstance(value, float):
        value = int(value)
    text = str(value).strip()
    first = re.split(r"\s*[;,/\n]\s*|\s+-\s+", text)[0]
    digits = re.sub(r"[\s.\-()]", "", first)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("0084"):
        digits = "0" + digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if digits.isdigit() and len(digits) in (9, 10) and not digits.startswith("0"):
        digits = "0" + digits
    if not digits.isdigit() or not 10 <= len(digits) <= 11:
        return text, False
    return digits, True


def ethnicity_code(text: str | None, find: Callable[[str], str | None]) -> str | None:
    """The catalog code of an ethnicity spelling ("Khơ-me", "Khơ Me" -> KHMER), or None."""
    if not text:
        return None
    key = fold(text)
    squeezed = re.sub(r"[\s\-'’.]", "", key)
    for spelling, code in _ETHNICITY_SPELLINGS.items():
        if key == spelling or squeezed == re.sub(r"[\s\-'’.]", "", spelling):
            return code
    return find(text)


def split_position_org(text: str | None) -> tuple[str | None, str | None]:
    """"Phó Chủ tịch UBND xã Đại Ân 2" -> ("Phó Chủ tịch", "UBND xã Đại Ân 2")."""
    if not text:
        return None, None
    text = text.strip()
    if "\n" in text:
        head, rest = text.split("\n", 1)
        return head.strip(" ,;-") or None, " ".join(rest.split()).strip(" ,;-") or None
    for separator in (",", ";"):
        if separator in text:
            head, rest = text.split(separator, 1)
            head, rest = head.strip(" ,;-–"), rest.strip(" ,;-–")
            if head and rest and len(head.split()) <= 8:
                return head, rest
    match = _ORG_START.search(text, 1)
    if match and match.start() > 0:
        head, rest = text[: match.start()].strip(" ,;-–"), text[match.start() :].strip()
        if head:
            return head, rest
    for separator in (" - ", " – "):
        if separator in text:
            head, rest = text.split(separator, 1)
            if head.strip() and rest.strip():
                return head.strip(), rest.strip()
    folded = fold(text)
    for head in _POSITION_HEADS:
        if folded.startswith(head + " "):
            count = len(head.split())
            words = text.split()
            position, rest = " ".join(words[:count]), " ".join(words[count:])
            last = fold(words[count - 1])
            if last in ("phong", "ban", "dai", "tram") and rest:
                rest = words[count - 1].capitalize() + " " + rest
            return position, rest or None
    return text, None


def _mark(value: Any) -> bool:
    return value is not None and fold(text_of(value)) in _MARK


def _gender_of(text: str) -> str | None:
    key = fold(text)
    if key in _MALE_WORDS:
        return "nam"
    if key in _FEMALE_WORDS:
        return "nu"
    return text  # passed on: the participant check names the choices


def _category_of_group(text: str | None, categories: dict[str, str]) -> str | None:
    """The category code a group heading names ("I. CẤP HUYỆN" -> the district staff), if one fits."""
    if not text:
        return None
    key = fold(text)
    found = [code for code, name in categories.items() if key == fold(name) or key == fold(code)]
    if not found:
        found = [code for code, name in categories.items() if len(key) >= 4 and re.search(rf"\b{re.escape(key)}\b", fold(name))]
    return found[0] if len(found) == 1 else None


def read_people(
    layout: Layout,
    *,
    find_ethnicity: Callable[[str], str | None] = lambda text: None,
    categories: dict[str, str] | None = None,
) -> list[PersonRow]:
    """Every data row of ``layout`` as a participant row. ``find_ethnicity`` maps a spelling
    to a catalog code (None: unknown); ``categories`` are code -> name of the catalog."""
    categories = categories or {}
    grid, mapping = layout.grid, layout.mapping
    people: list[PersonRow] = []

    def cell(index: int, name: str) -> Any:
        column = mapping.get(name)
        return grid.cell(index, column) if column is not None else None

    for info in layout.rows:
        if info.kind != DATA:
            continue
        i = info.index
        person = PersonRow(i + 1, {})
        values, how = person.values, person.how

        def warn(field_name: str, key: str, **params: Any) -> None:
            person.issues.append(Issue(key, {"field": person.label + field_name, **params}, person.label + field_name, "warning"))

        def error(field_name: str, key: str, **params: Any) -> None:
            person.issues.append(Issue(key, {"field": person.label + field_name, **params}, person.label + field_name, "error"))

        name = cell(i, "name")
        name = " ".join(text_of(name).split()) if name is not None else ""
        honorific = _HONORIFIC.match(name)
        genders: list[tuple[str, str]] = []
        # "Ông" and "Bà" are family names too ("Ông Văn Ơn"): a title only before a full name.
        if honorific and not honorific.group(1).endswith((".", "/c")) and len(name[honorific.end():].split()) < 3:
            honorific = None
        if honorific:
            word = fold(honorific.group(1)).rstrip(".")
            name = name[honorific.end() :].strip()
            genders.append(("nam" if word in ("ong", "o") else "nu" if word in ("ba", "b") else "", "from_title"))
        values["name"] = name or None
        # Birth: a generic column, or the male / female one.
        birth_year = None
        for source, gender in (("birth", None), ("birth_male", "nam"), ("birth_female", "nu")):
            raw = cell(i, source)
            if raw is None:
                continue
            year, ok = birth_year_of(raw)
            if gender:
                genders.append((gender, "from_birth_column"))  # the column tells, even if the year is unreadable
            if not ok:
                error("birth_year", "import.bad_birth", value=text_of(raw))
                continue
            if year is not None:
                if birth_year is not None and birth_year != year:
                    error("birth_year", "import.two_births", value=f"{birth_year}, {year}")
                birth_year = year
        values["birth_year"] = birth_year
        for source, gender in (("mark_male", "nam"), ("mark_female", "nu")):
            raw = cell(i, source)
            if _mark(raw):
                genders.append((gender, "from_mark"))
            elif raw is not None and birth_year_of(raw)[0] is not None and "birth_year" not in how:
                # A year written under a bare "Nam"/"Nữ" column: the birth year of that gender.
                values["birth_year"] = values["birth_year"] or birth_year_of(raw)[0]
                genders.append((gender, "from_birth_column"))
        raw_gender = cell(i, "gender")
        if raw_gender is not None:
            genders.append((_gender_of(text_of(raw_gender)), "from_gender_column"))
        chosen = {g for g, _ in genders if g}
        if len(chosen) > 1:
            error("gender", "import.gender_conflict", value=", ".join(sorted(chosen)))
            values["gender"] = None
        elif chosen:
            values["gender"] = chosen.pop()
            how["gender"] = next(h for g, h in genders if g == values["gender"])
        else:
            values["gender"] = None
        # Position and organisation.
        position = cell(i, "position")
        organization = cell(i, "organization")
        combined = cell(i, "position_org")
        if combined is not None and position is None and organization is None:
            position, organization = split_position_org(text_of(combined))
            how["position"] = how["organization"] = "split"
        values["position"] = text_of(position) if position is not None else None
        values["organization"] = text_of(organization) if organization is not None else None
        level1, level2 = info.groups
        group_category = _category_of_group(level1, categories) or _category_of_group(level2, categories)
        group_org = level2 or (level1 if _category_of_group(level1, categories) is None else None)
        if values["organization"] is None and group_org:
            values["organization"] = group_org
            how["organization"] = "from_group"
        # Catalog values.
        raw_ethnicity = cell(i, "ethnicity")
        values["ethnicity"] = None
        if raw_ethnicity is not None:
            code = ethnicity_code(text_of(raw_ethnicity), find_ethnicity)
            if code is None:
                code = find_ethnicity("KHAC")
                warn("ethnicity", "import.unknown_ethnicity", value=text_of(raw_ethnicity))
                how["ethnicity"] = "unknown:" + text_of(raw_ethnicity)
            values["ethnicity"] = code
        raw_category = cell(i, "category")
        if raw_category is not None:
            values["category"] = _category_of_group(text_of(raw_category), categories) or text_of(raw_category)
        elif group_category:
            values["category"] = group_category
            how["category"] = "from_group"
        raw_phone = cell(i, "phone")
        phone, ok = normalise_phone(raw_phone)
        if not ok:
            error("phone", "participant.bad_phone", value=phone)
        values["phone"] = phone
        unit = cell(i, "unit")
        if unit is not None:
            values["unit"] = text_of(unit)
        note = cell(i, "note")
        notes = [text_of(note)] if note is not None else []
        if "ethnicity" in how and how["ethnicity"].startswith("unknown:"):
            notes.append("Dân tộc: " + how["ethnicity"][len("unknown:") :])
        values["note"] = "; ".join(notes) or None
        values["absent"] = bool(note is not None and _ABSENT.search(fold(text_of(note))))
        if not values["name"]:
            error("name", "field.required")
        people.append(person)
    return people
