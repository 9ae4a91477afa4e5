"""The activity form: create or edit one activity, with every field of the core's activity
JSON (README, "Activity JSON") and its files.

The form only gathers input. It builds the JSON object from its widgets and lets the core
judge it (:func:`read_activity`); each message is shown beside its field, errors in red
and warnings in dark yellow. While the user types, unsaved contents go to a draft file
every few seconds, so a power cut costs at most those seconds.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import ActivityKind, Catalog
from desktop_app.core.domain.kinds import KIND_ALLOWED, KIND_FIELDS, KIND_SPECIFIC, LIST_FIELDS, LOCAL_STATUS_ORDER
from desktop_app.core.domain.periods import parse_date
from desktop_app.core.domain.text import vi_sort_key
from desktop_app.core.errors import TtdnError, ValidationFailed
from desktop_app.core.operations.activities import change_activity, check_activity, open_activity, product_choices, record_activity
from desktop_app.core.services.activities import LOCAL_STATUSES
from desktop_app.core.services.drafts import discard_draft, load_draft, save_draft
from desktop_app.core.workspace import Workspace
from desktop_app.ui.activity_model import format_date, kind_labels, status_labels
from desktop_app.ui.attachments_widget import AttachmentsWidget
from desktop_app.ui.workers import call
from desktop_app.ui.widgets import (
    CheckList,
    DateEdit,
    MoneyEdit,
    NumberEdit,
    OptionalDateEdit,
    SearchCombo,
    WrappedLabel,
    default_day,
    enter_moves_focus,
    item_name,
    key_name,
    remember_day,
    remember_size,
    ui_language,
)

NUMBER_FIELDS = ("quantity", "copies", "minutes", "times_aired", "audience", "cost")
COMMON_FIELDS = frozenset({"kind", "title", "date", "date_to", "plan_task", "status", "description", "attachments"})
COLOURS = {"error": "#b00020", "warning": "#8a6d00"}
# Messages that come and go while typing keep a line free under their field, so that the
# fields below do not jump (and the next click lands where the officer aimed).
RESERVED_NOTES = frozenset({"title", "date", "themes", "languages", "channels"})
PRODUCT_CHOICES = 2000  # the newest products offered for a broadcast

Message = tuple[str | None, str, str]  # (JSON field or None, severity, text)


class ActivityForm(QDialog):
    """Create (``activity_id`` None) or edit one activity. ``saved`` gives its id."""

    saved = Signal(str)
    DRAFT_DELAY_MS = 3000
    CHECK_DELAY_MS = 400

    def __init__(
        self,
        workspace: Workspace,
        activity_id: str | None = None,
        parent: QWidget | None = None,
        *,
        initial: dict[str, Any] | None = None,
    ) -> None:
        """``initial``: the contents of a new activity (e.g. a copy of another for a new date)."""
        super().__init__(parent)
        self._workspace = workspace
        self._id = activity_id
        self._draft_key = activity_id or "new"
        self._lang = ui_language()
        self._loading = True
        self._tried = False  # after a first save attempt, errors show while typing
        self._draft_offered = False
        self._products_loaded = False
        self._notes: dict[str, QLabel] = {}
        self._boxes: dict[str, tuple[QFormLayout, QWidget]] = {}
        self._note_forms: dict[int, QFormLayout] = {}  # id(note) -> the form it is a row of
        self.inputs: dict[str, QWidget] = {}
        self.shown: dict[str | None, list[tuple[str, str]]] = {}  # field (None: general) -> (severity, text)
        self._wanted_product = ""
        self._suggested: dict[str, str] = {}  # field -> the value last filled in by a suggestion
        self._filled: dict[str, list[str]] = {}  # the usual lists a new form was filled with
        self._reserved: set[int] = set()  # id() of the notes that keep their line

        opened = call(open_activity, workspace, activity_id)
        self._index, self._unit_id, self._hints, self._usual = opened.index, opened.unit_id, opened.hints, opened.usual
        self._original: dict[str, Any] | None = opened.record
        stored, owner_note = opened.files, ""
        if opened.refused == "activity.deleted":
            owner_note = self.tr("This activity has been deleted; it can be viewed, not changed.")
        elif opened.refused == "activity.not_owner":
            owner_note = self.tr("This activity belongs to {unit}; only that unit can change it.").format(unit=opened.owner_name)
        self.read_only = bool(owner_note)

        self._build(owner_note)
        self.attachments.load(stored)
        if self._original is not None:
            self.load_json(self._original)
        elif initial is not None:
            self.load_json(initial)
        else:
            day = default_day(self._hints.plan_periods())
            self._filled = self._usual_lists(ActivityKind.PRODUCT)
            self.load_json({"kind": ActivityKind.PRODUCT, "date": day.isoformat(), **self._filled})
        self._initial = self._snapshot()
        self._loading = False
        self._connect_changes()
        if self.read_only:
            self._set_read_only()
        self.setWindowTitle(self.tr("New activity") if activity_id is None else self.tr("Edit activity"))
        if initial is not None:
            self.date_edit.setFocus()  # a copy: the new day is what the officer types first
        else:
            (self.title_edit if activity_id else self.kind_combo).setFocus()
        enter_moves_focus(self)
        remember_size(self, "activity_form", QSize(1040, 700))

    # --- building ------------------------------------------------------------------------

    def _build(self, owner_note: str) -> None:
        self.kind_combo = QComboBox()
        for kind, label in kind_labels().items():
            self.kind_combo.addItem(label, kind)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(1000)
        self.date_edit = DateEdit()
        self.date_to_edit = OptionalDateEdit(self.tr("to"))
        dates = QWidget()
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        dates_row.addWidget(self.date_edit)
        dates_row.addWidget(self.date_to_edit, 1)
        dates.setFocusProxy(self.date_edit)
        self.task_combo = QComboBox()
        self.task_combo.addItem("", "")
        names = self._hints.task_names()
        for code in sorted(self._index.tasks, key=vi_sort_key):
            label = f"{code} – {names[code]}" if names.get(code) else code
            self.task_combo.addItem(label, code)
            self.task_combo.setItemData(self.task_combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        self.task_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.task_combo.setMinimumContentsLength(24)  # the name is shortened; the list and tooltip show it whole
        self.status_combo = QComboBox()
        self.product_type_combo = self._catalog_combo(Catalog.PRODUCT_TYPE, "product_type")
        self.event_type_combo = self._catalog_combo(Catalog.EVENT_TYPE, "event_type")
        self.product_combo = SearchCombo()
        self.place_edit = QLineEdit()
        self.place_edit.setMaxLength(300)
        self.quantity_edit, self.copies_edit = NumberEdit(), NumberEdit()
        self.minutes_edit = NumberEdit(decimals=2)
        self.times_aired_edit, self.audience_edit = NumberEdit(), NumberEdit()
        self.cost_edit = MoneyEdit()
        numbers = (self.quantity_edit, self.copies_edit, self.minutes_edit, self.times_aired_edit, self.audience_edit)
        for edit in (*numbers, self.cost_edit):
            edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0" * 18))
        self.themes = self._catalog_list(Catalog.THEME, "themes", by_code=True)
        self.languages = self._catalog_list(Catalog.LANGUAGE, "languages")
        self.channels = self._catalog_list(Catalog.CHANNEL, "channels")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.attachments = AttachmentsWidget(self._workspace.db.files_dir)

        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[QFormLayout, str, QWidget, tuple[str, ...]]] = [
            (left, self.tr("Type of activity"), self.kind_combo, ("kind",)),
            (left, self.tr("Title"), self.title_edit, ("title",)),
            (left, self.tr("Date"), dates, ("date", "date_to")),
            (left, self.tr("Plan task"), self.task_combo, ("plan_task",)),
            (left, self.tr("Status"), self.status_combo, ("status",)),
            (left, self.tr("Product type"), self.product_type_combo, ("product_type",)),
            (left, self.tr("Event type"), self.event_type_combo, ("event_type",)),
            (left, self.tr("Product aired"), self.product_combo, ("product",)),
            (left, self.tr("Place"), self.place_edit, ("place",)),
            (left, self.tr("Quantity"), self.quantity_edit, ("quantity",)),
            (left, self.tr("Copies"), self.copies_edit, ("copies",)),
            (left, self.tr("Length (minutes)"), self.minutes_edit, ("minutes",)),
            (left, self.tr("Times aired"), self.times_aired_edit, ("times_aired",)),
            (left, self.tr("People reached"), self.audience_edit, ("audience",)),
            (left, self.tr("Cost (VND)"), self.cost_edit, ("cost",)),
            (right, self.tr("Themes"), self.themes, ("themes",)),
            (right, self.tr("Languages"), self.languages, ("languages",)),
            (right, self.tr("Channels"), self.channels, ("channels",)),
        ]
        for form, label, widget, fields in rows:
            self._add_row(form, label, widget, fields)
        self.inputs.update(
            kind=self.kind_combo, title=self.title_edit, date=self.date_edit, date_to=self.date_to_edit,
            plan_task=self.task_combo, status=self.status_combo, product_type=self.product_type_combo,
            event_type=self.event_type_combo, product=self.product_combo, place=self.place_edit,
            quantity=self.quantity_edit, copies=self.copies_edit, minutes=self.minutes_edit,
            times_aired=self.times_aired_edit, audience=self.audience_edit, cost=self.cost_edit,
            themes=self.themes, languages=self.languages, channels=self.channels,
            description=self.description_edit, attachments=self.attachments,
        )  # fmt: skip

        bottom = QFormLayout()
        self._add_row(bottom, self.tr("Description"), self.description_edit, ("description",))
        files_box = QGroupBox(self.tr("Attachments"))
        files_layout = QVBoxLayout(files_box)
        files_layout.addWidget(self.attachments)
        files_layout.addWidget(self._note(("attachments",)))

        self.message_label = WrappedLabel()  # messages without a field of their own
        self.message_label.hide()
        self.owner_label = WrappedLabel(owner_note)
        self.owner_label.setVisible(bool(owner_note))
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in a field must not save half a record
        keys = [QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return")]
        self.save_button.setToolTip(self.tr("Save ({keys})").format(keys=", ".join(map(key_name, keys))))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

        self._right = QWidget()  # hidden when the kind has no lists to tick
        self._right.setLayout(right)
        right.setContentsMargins(0, 0, 0, 0)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(self._right, 2, Qt.AlignmentFlag.AlignTop)
        content = QWidget()  # scrolls on small screens (1366×768 is common) and with many messages
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(columns)
        content_layout.addLayout(bottom)
        content_layout.addWidget(files_box)
        content_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.owner_label)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            QShortcut(keys, self, self.save)
        chain = [
            self.kind_combo, self.title_edit, self.date_edit, self.date_to_edit.check, self.date_to_edit.edit,
            self.task_combo, self.status_combo, self.product_type_combo, self.event_type_combo, self.product_combo,
            self.place_edit, self.quantity_edit, self.copies_edit, self.minutes_edit, self.times_aired_edit,
            self.audience_edit, self.cost_edit, self.themes, self.languages, self.channels, self.description_edit,
            self.attachments.list, self.attachments.add_button, self.attachments.open_button,
            self.attachments.remove_button, self.save_button, self.cancel_button,
        ]  # fmt: skip
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

        self._check_timer = self._timer(self.CHECK_DELAY_MS, self._live_check)
        self._draft_timer = self._timer(self.DRAFT_DELAY_MS, self._write_draft)

    def _timer(self, interval: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    def _note(self, fields: tuple[str, ...]) -> QLabel:
        """The message line of ``fields`` (several fields may share one)."""
        note = WrappedLabel()
        note.hide()
        for name in fields:
            self._notes[name] = note
        return note

    def _add_row(self, form: QFormLayout, label: str, widget: QWidget, fields: tuple[str, ...]) -> None:
        """A row for ``widget`` and, under it, a row for its messages (shown when there are some).
        The message is a direct field of the form layout: wrapped text then gets its height."""
        form.addRow(label, widget)
        note = self._note(fields)
        form.addRow("", note)
        if RESERVED_NOTES.isdisjoint(fields):
            form.setRowVisible(note, False)
            self._note_forms[id(note)] = form
        else:
            note.show()
            note.reserve_lines(1)
            self._reserved.add(id(note))
        for name in fields:
            self._boxes[name] = (form, widget)

    def _catalog_refs(self, catalog: str, field: str, by_code: bool = False) -> list[tuple[str, str]]:
        """(code, name) of a catalog's active items, and of retired ones the record still uses
        (so that editing never drops them), in Vietnamese order (numbered ones by code)."""
        used = (self._original or {}).get(field) or []
        used = {used} if isinstance(used, str) else set(used)
        refs = [r for r in self._index.by_code[catalog].values() if r.active or r.code in used]
        items = [(r.code, f"{r.code} – {item_name(r, self._lang)}" if by_code else item_name(r, self._lang)) for r in refs]
        return sorted(items, key=lambda item: vi_sort_key(item[0] if by_code else item[1]))

    def _catalog_combo(self, catalog: str, field: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem("", "")
        for code, name in self._catalog_refs(catalog, field):
            combo.addItem(name, code)
        return combo

    def _catalog_list(self, catalog: str, field: str, by_code: bool = False) -> CheckList:
        checklist = CheckList()
        checklist.set_items(self._catalog_refs(catalog, field, by_code))
        return checklist

    def _connect_changes(self) -> None:
        for edit in (self.title_edit, self.place_edit, *(self.inputs[n] for n in NUMBER_FIELDS)):
            edit.textChanged.connect(self._changed)
        for combo in (self.kind_combo, self.task_combo, self.status_combo, self.product_type_combo,
                      self.event_type_combo, self.product_combo):  # fmt: skip
            combo.currentIndexChanged.connect(self._changed)
        self.date_edit.dateChanged.connect(self._changed)
        self.date_edit.dateChanged.connect(lambda _d: self.date_to_edit.follow(self.date_edit.value()))
        for widget in (self.date_to_edit, self.themes, self.languages, self.channels, self.attachments):
            widget.changed.connect(self._changed)
        self.description_edit.textChanged.connect(self._changed)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._apply_kind())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._suggest_usual())
        self.title_edit.textChanged.connect(self._suggest_product_type)
        self.product_type_combo.currentIndexChanged.connect(lambda _i: self._suggest_task(self._hints.task_for_product_type))
        self.event_type_combo.currentIndexChanged.connect(lambda _i: self._suggest_task(self._hints.task_for_event_type))

    # --- suggestions ---------------------------------------------------------------------

    def _usual_lists(self, kind: str) -> dict[str, list[str]]:
        """The channels and languages this unit usually ticks for ``kind`` (Vietnamese when
        there is no history yet)."""
        usual = self._usual.get(str(kind), {})
        return {"channels": usual.get("channels", []), "languages": usual.get("languages") or ["vi"]}

    def _suggest(self, field: str, combo: QComboBox, code: str | None) -> None:
        """Fill ``combo`` with ``code`` unless the officer chose something there himself."""
        current = combo.currentData() or ""
        if self.read_only or not code or (current and current != self._suggested.get(field)):
            return
        found = combo.findData(code)
        if found >= 0 and found != combo.currentIndex():
            self._suggested[field] = code
            combo.setCurrentIndex(found)

    def _suggest_product_type(self, title: str) -> None:
        """A title "Tin: …" or "Bài: …" names its product type."""
        if self.kind() == ActivityKind.PRODUCT:
            self._suggest("product_type", self.product_type_combo, self._hints.product_type_for_title(title))

    def _suggest_task(self, finder) -> None:
        """The plan task of the chosen product or event type (II.2 for a training conference)."""
        combo = self.event_type_combo if self.kind() == ActivityKind.EVENT else self.product_type_combo
        self._suggest("plan_task", self.task_combo, finder(combo.currentData(), self.date_edit.value()))

    def _suggest_usual(self) -> None:
        """A new activity switched to another kind takes that kind's usual channels and
        languages, as long as the officer has not changed the lists the form filled in."""
        if self._id is not None or self._loading or self.read_only:
            return
        lists = self._usual_lists(self.kind())
        for name in ("channels", "languages"):
            checklist: CheckList = self.inputs[name]
            if set(checklist.checked()) == set(self._filled.get(name, [])):
                checklist.set_checked(lists[name])
                self._filled[name] = lists[name]

    # --- values --------------------------------------------------------------------------

    def kind(self) -> str:
        return self.kind_combo.currentData()

    def to_json(self) -> dict[str, Any]:
        """The activity as the core's JSON shape (without attachments, which the widget holds)."""
        kind = self.kind()
        day_to = self.date_to_edit.value()
        data: dict[str, Any] = {
            "kind": kind,
            "title": self.title_edit.text(),
            "date": self.date_edit.value().isoformat(),
            "date_to": day_to.isoformat() if day_to else None,
            "plan_task": self.task_combo.currentData() or None,
            "status": self.status_combo.currentData(),
            "product_type": self.product_type_combo.currentData() or None,
            "event_type": self.event_type_combo.currentData() or None,
            "product": self.product_combo.current_value() or None,
            "place": self.place_edit.text().strip() or None,
            "description": self.description_edit.toPlainText().strip() or None,
            **{name: self.inputs[name].checked() for name in LIST_FIELDS},
            **{name: self.inputs[name].value() for name in NUMBER_FIELDS},
        }
        # A field the form does not show keeps its stored value if the kind may hold it
        # (a register's times aired), and is emptied if not (the core would refuse it).
        same_kind = self._original is not None and self._original["kind"] == kind
        for name in KIND_SPECIFIC - KIND_FIELDS[kind]:
            empty = [] if name in LIST_FIELDS else None
            data[name] = self._original.get(name, empty) if same_kind and name in KIND_ALLOWED[kind] else empty
        return data

    def load_json(self, data: dict[str, Any]) -> None:
        """Show ``data`` (the core's JSON shape, e.g. a stored activity or a draft)."""
        self._set_combo(self.kind_combo, data.get("kind") or ActivityKind.PRODUCT)
        self.title_edit.setText(data.get("title") or "")
        self.title_edit.setCursorPosition(0)  # a long title shows its beginning
        start = self._parse_day(data.get("date")) or date.today()
        self.date_edit.set_value(start)
        self.date_to_edit.set_value(self._parse_day(data.get("date_to")), default=start)
        self._set_combo(self.task_combo, data.get("plan_task") or "")
        self._fill_statuses(data.get("status") or "draft")
        self._set_combo(self.product_type_combo, data.get("product_type") or "")
        self._set_combo(self.event_type_combo, data.get("event_type") or "")
        self.place_edit.setText(data.get("place") or "")
        for name in NUMBER_FIELDS:
            self.inputs[name].set_value(data.get(name))
        for name in LIST_FIELDS:
            self.inputs[name].set_checked(data.get(name) or [])
        self.description_edit.setPlainText(data.get("description") or "")
        self._wanted_product = data.get("product") or ""
        self._apply_kind()
        self.product_combo.set_current_value(self._wanted_product)

    @staticmethod
    def _parse_day(value: Any) -> date | None:
        try:
            return parse_date(value) if isinstance(value, str) and value else None
        except TtdnError:
            return None

    @staticmethod
    def _set_combo(combo: QComboBox, value: str) -> None:
        found = combo.findData(value)
        combo.setCurrentIndex(max(found, 0))

    def _fill_statuses(self, status: str) -> None:
        """A unit chooses draft or submitted; a status the department set is shown until changed."""
        labels = status_labels()
        self.status_combo.clear()
        for code in (*LOCAL_STATUS_ORDER, *([status] if status not in LOCAL_STATUSES else [])):
            self.status_combo.addItem(labels.get(code, code), code)
        self._set_combo(self.status_combo, status)

    def _apply_kind(self) -> None:
        """Show the fields that fit the kind; load the product list when a broadcast needs it."""
        visible = KIND_FIELDS[self.kind()]
        for name in KIND_SPECIFIC:
            form, widget = self._boxes[name]
            form.setRowVisible(widget, name in visible)
            if name not in visible:
                self._set_note(self._notes[name], [])
        self._right.setVisible(bool(visible & set(LIST_FIELDS)))
        if "product" in visible and not self._products_loaded:
            self._load_products()

    def _load_products(self) -> None:
        wanted = self._wanted_product
        rows = call(product_choices, self._workspace, self._unit_id, wanted, PRODUCT_CHOICES)
        items = [(self.tr("(none)"), "")] + [(f"{format_date(day)} – {title}", pid) for day, title, pid in rows]
        self.product_combo.set_items(items)
        self.product_combo.set_current_value(wanted)
        self._products_loaded = True

    def _snapshot(self) -> str:
        return json.dumps(self.to_json(), sort_keys=True, ensure_ascii=False)

    def is_dirty(self) -> bool:
        """Whether anything differs from what was loaded (or the defaults of a new form)."""
        return self._snapshot() != self._initial or self.attachments.has_changes()

    # --- checking ------------------------------------------------------------------------

    def _core_data(self) -> dict[str, Any]:
        """``to_json`` as the core takes it: a review status left unchanged is not sent back."""
        data = self.to_json()
        if data["status"] not in LOCAL_STATUSES and self._original and data["status"] == self._original["status"]:
            del data["status"]
        return data

    def check(self) -> list[Message]:
        """What the core says of the current input, and any likely duplicate."""
        data = self._core_data()
        verdict = call(check_activity, self._workspace, data, self._id, self._unit_id, self.date_edit.value())
        messages = [(i.field, i.severity, i.message(self._lang)) for i in verdict.issues]
        if verdict.twins:
            _id, title, day = verdict.twins[0]
            text = self.tr("Possibly a duplicate: “{title}” is already recorded on {date}.")
            messages.append(("title", "warning", text.format(title=title, date=format_date(day))))
        return messages

    def show_messages(self, messages: Iterable[Message], errors: bool = True) -> None:
        """Put each message under its field (errors only when ``errors``); the rest at the bottom."""
        visible = COMMON_FIELDS | KIND_FIELDS[self.kind()]
        self.shown = {}
        for field, severity, text in messages:
            if severity == "error" and not errors:
                continue
            key = field if field in visible and field in self._notes else None
            self.shown.setdefault(key, []).append((severity, text))
        by_label: dict[int, tuple[QLabel, list[tuple[str, str]]]] = {id(n): (n, []) for n in self._notes.values()}
        for field, lines in self.shown.items():
            if field is not None:
                by_label[id(self._notes[field])][1].extend(lines)
        for label, lines in by_label.values():
            self._set_note(label, lines)
        self._set_note(self.message_label, self.shown.get(None, []))

    def _set_note(self, label: QLabel, lines: list[tuple[str, str]]) -> None:
        label.setText("<br>".join(f'<span style="color:{COLOURS[s]}">{html.escape(t)}</span>' for s, t in lines))
        form = self._note_forms.get(id(label))
        if id(label) in self._reserved:
            label.updateGeometry()  # its line is kept free: only a longer message moves what follows
        elif form is not None:
            form.setRowVisible(label, bool(lines))
        else:
            label.setVisible(bool(lines))

    def message_for(self, field: str | None) -> str:
        """The text shown for ``field`` (None: the messages without a field), one per line."""
        return "\n".join(text for _severity, text in self.shown.get(field, []))

    def _live_check(self) -> None:
        self.show_messages(self.check(), errors=self._tried)

    # --- saving, drafts, closing ---------------------------------------------------------

    def save(self) -> bool:
        """Validate, then store the activity and its file changes in one transaction."""
        if self.read_only:
            return False
        self._tried = True
        self._check_timer.stop()
        messages = self.check()
        self.show_messages(messages)
        errors = [field for field, severity, _text in messages if severity == "error"]
        if errors:
            self._focus_field(errors[0])
            return False
        try:
            files, marks = self.attachments.pending_files(), self.attachments.personal_marks()
            if self._id is None:
                saved = call(record_activity, self._workspace, self._core_data(), attach=files, personal=marks)
            else:
                saved = call(
                    change_activity, self._workspace, self._id, self._core_data(), attach=files,
                    remove=self.attachments.removed_ids(), personal=marks,
                )
            saved_id = saved.id
        except ValidationFailed as exc:
            self.show_messages([(i.field, i.severity, i.message(self._lang)) for i in exc.issues])
            return False
        except TtdnError as exc:
            self.show_messages([(None, "error", exc.message(self._lang))])
            return False
        except OSError as exc:  # e.g. a full disk while storing a file
            self.show_messages([(None, "error", str(exc))])
            return False
        self._draft_timer.stop()
        discard_draft(self._workspace.data_dir, self._draft_key)
        self._id = saved_id
        remember_day(self.date_edit.value())
        self.saved.emit(saved_id)
        self.accept()
        return True

    def _focus_field(self, field: str | None) -> None:
        widget = self.inputs.get(field or "")
        if widget is not None and widget.isVisibleTo(self):
            widget.setFocus()
            self.scroll.ensureWidgetVisible(widget)

    def _changed(self, *_args: object) -> None:
        if self._loading or self.read_only:
            return
        self._check_timer.start()
        if not self._draft_timer.isActive():  # at most DRAFT_DELAY_MS after the first change
            self._draft_timer.start()

    def draft_data(self) -> dict[str, Any]:
        return {**self.to_json(), "attachments": [str(p) for p in self.attachments.pending_files()]}

    def _write_draft(self) -> None:
        if self.is_dirty():
            save_draft(self._workspace.data_dir, self._draft_key, self.draft_data())
        else:
            discard_draft(self._workspace.data_dir, self._draft_key)

    def hideEvent(self, event: QHideEvent) -> None:
        """A closed form does no more work (a draft already due is written first)."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._write_draft()
        self._check_timer.stop()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._draft_offered and not self.read_only:
            self._draft_offered = True
            QTimer.singleShot(0, self.offer_draft)

    def offer_draft(self) -> None:
        """If an earlier session left a draft of this form, offer to restore it (else drop it)."""
        draft = load_draft(self._workspace.data_dir, self._draft_key)
        if draft is None:
            return
        question = self.tr("This form has unsaved contents from {time}. Restore them?").format(
            time=draft.saved_at.strftime("%H:%M %d/%m/%Y")
        )
        answer = QMessageBox.question(self, self.windowTitle(), question)
        if answer != QMessageBox.StandardButton.Yes:
            discard_draft(self._workspace.data_dir, self._draft_key)
            return
        self._loading = True
        self.load_json(draft.data)
        self.attachments.add_files(p for p in draft.data.get("attachments") or [] if isinstance(p, str))
        self._loading = False
        self._live_check()

    def reject(self) -> None:
        """Cancel (Esc): ask first when something was changed; the draft goes with it."""
        if not self.read_only and self.is_dirty():
            answer = QMessageBox.question(self, self.windowTitle(), self.tr("Discard the changes to this activity?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._draft_timer.stop()
        if not self.read_only:
            discard_draft(self._workspace.data_dir, self._draft_key)
        super().reject()

    def _set_read_only(self) -> None:
        for widget in self.inputs.values():
            if widget is not self.attachments:
                widget.setEnabled(False)
        self.attachments.set_read_only(True)
        self.save_button.hide()
        self.cancel_button.setText(self.tr("Close"))

