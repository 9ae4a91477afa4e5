"""The files of an activity: add by drag-and-drop or a file picker, preview images, open,
remove. Changes wait in the widget and are written with the activity (:meth:`save`), so
cancelling the form leaves the stored files as they were."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from desktop_app.core.domain.text import nfc
from desktop_app.core.errors import TtdnError
from desktop_app.core.services.attachments import (
    StoredFile,
    blob_path,
    guess_mime,
    temp_copy,
)
from desktop_app.ui.widgets import format_number, ui_language

PREVIEW_SIZE = QSize(180, 135)


def format_size(size: int) -> str:
    """Bytes the Vietnamese way: "850 B", "12 KB", "1,5 MB", "2,1 GB"."""
    if size < 1024:
        return f"{size} B"
    scales = (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3))
    unit, scale = next(((u, s) for u, s in scales if size < s * 1000), scales[-1])
    value = size / scale
    return f"{format_number(round(value, 1) if value < 100 else round(value), 1)} {unit}"


@dataclass(frozen=True)
class _Entry:
    """A row of the list: a stored attachment, or a file to attach on save."""

    name: str
    size: int
    stored: StoredFile | None = None
    path: Path | None = None

    def local_file(self, files_dir: Path) -> Path:
        return self.path if self.path is not None else blob_path(files_dir, self.stored.sha256)


class AttachmentsWidget(QWidget):
    """Lists the activity's files; :meth:`save` attaches the new ones and removes the removed."""

    changed = Signal()

    def __init__(self, files_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._files_dir = files_dir
        self._removed: list[str] = []
        self._read_only = False
        # Marked as holding personal data, by stored attachment id or file to attach; and
        # as stored, to tell what changed.
        self._personal: dict[str | Path, bool] = {}
        self._stored_personal: dict[str, bool] = {}
        self.setAcceptDrops(True)

        self.list = QListWidget()
        self.list.setAcceptDrops(False)  # drops go to the widget
        self.list.setMinimumHeight(PREVIEW_SIZE.height())
        self.list.setMaximumHeight(PREVIEW_SIZE.height() * 2)
        self.list.currentRowChanged.connect(self._show_current)
        self.list.itemActivated.connect(lambda _item: self.open_current())
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("QLabel { border: 1px solid palette(mid); }")
        self.hint = QLabel(self.tr("Drag files here, or click “Add files…”."))
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        self.personal_box = QCheckBox(self.tr("Holds personal data (names, signatures): sent encrypted, only the department can open it"))
        self.personal_box.toggled.connect(self._mark_current)

        self.add_button = QPushButton(self.tr("Add files…"))
        self.open_button = QPushButton(self.tr("Open"))
        self.remove_button = QPushButton(self.tr("Remove"))
        for button in (self.add_button, self.open_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_current)
        self.remove_button.clicked.connect(self.remove_current)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for widget in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.hint, 1)
        buttons.addStretch()  # keeps the buttons small when the hint is hidden (read-only)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.list, 1)
        top.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.personal_box)
        layout.addWidget(self.message)
        self._show_current(-1)

    # --- contents ------------------------------------------------------------------------

    def load(self, files: Iterable[StoredFile]) -> None:
        """Show an activity's stored files (and forget unsaved changes)."""
        self._removed.clear()
        self._personal.clear()
        self._stored_personal.clear()
        self.list.clear()
        for stored in files:
            self._personal[stored.id] = self._stored_personal[stored.id] = stored.personal
            self._add_entry(_Entry(stored.name, stored.size, stored=stored))
        self._show_current(self.list.currentRow())

    def add_files(self, paths: Iterable[Path | str]) -> None:
        """Add files to attach on save (folders and files already listed are skipped)."""
        known = set(self.pending_files())
        added = False
        for raw in paths:
            path = Path(raw)
            if not path.is_file() or path in known:
                continue
            known.add(path)
            self._personal[path] = False
            self._add_entry(_Entry(nfc(path.name), path.stat().st_size, path=path))
            added = True
        if added:
            self.list.setCurrentRow(self.list.count() - 1)
            self.changed.emit()

    def pending_files(self) -> list[Path]:
        return [e.path for e in self._entries() if e.path is not None]

    def removed_ids(self) -> list[str]:
        return list(self._removed)

    def personal_marks(self) -> dict[str | Path, bool]:
        """Files to attach marked as personal (by path), and stored attachments whose mark
        changed (by id)."""
        pending = {p: True for p in self.pending_files() if self._personal.get(p)}
        stored = {
            e.stored.id: self._personal[e.stored.id]
            for e in self._entries()
            if e.stored is not None and self._personal[e.stored.id] != self._stored_personal[e.stored.id]
        }
        return {**pending, **stored}

    def names(self) -> list[str]:
        return [e.name for e in self._entries()]

    def has_changes(self) -> bool:
        return bool(self._removed or self.pending_files() or self.personal_marks())

    def set_read_only(self, read_only: bool) -> None:
        self.setAcceptDrops(not read_only)
        for widget in (self.add_button, self.remove_button, self.hint):
            widget.setVisible(not read_only)
        self.personal_box.setEnabled(not read_only and self._current() is not None)
        self._read_only = read_only

    # --- actions -------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        self.add_files(names)

    def open_current(self) -> None:
        """Open the selected file in the program the system uses for it (a copy, for stored files)."""
        entry = self._current()
        if entry is None:
            return
        try:
            path = entry.path or temp_copy(self._files_dir, entry.stored.sha256, entry.name)
        except (TtdnError, OSError) as exc:
            self._say(exc.message(ui_language()) if isinstance(exc, TtdnError) else str(exc))
            return
        self._say("")
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_current(self) -> None:
        row = self.list.currentRow()
        entry = self._current()
        if entry is None:
            return
        if entry.stored is not None:
            self._removed.append(entry.stored.id)
        self.list.takeItem(row)
        self.changed.emit()

    # --- drag and drop -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_files(url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile())
        event.acceptProposedAction()

    # --- helpers -------------------------------------------------------------------------

    def _mark_current(self, checked: bool) -> None:
        entry = self._current()
        if entry is None or self._personal.get(self._key(entry)) == checked:
            return
        self._personal[self._key(entry)] = checked
        self._label(self.list.currentItem(), entry)
        self.changed.emit()

    @staticmethod
    def _key(entry: _Entry) -> str | Path:
        return entry.stored.id if entry.stored is not None else entry.path

    def _label(self, item: QListWidgetItem, entry: _Entry) -> None:
        text = f"{entry.name}  ({format_size(entry.size)})"
        if self._personal.get(self._key(entry)):
            text += "  · " + self.tr("personal data, encrypted")
        item.setText(text)

    def _add_entry(self, entry: _Entry) -> None:
        item = QListWidgetItem(self.list)
        item.setData(Qt.ItemDataRole.UserRole, entry)
        item.setToolTip(str(entry.path) if entry.path else entry.name)
        self._label(item, entry)

    def _entries(self) -> list[_Entry]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _current(self) -> _Entry | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _show_current(self, _row: int) -> None:
        entry = self._current()
        for button in (self.open_button, self.remove_button):
            button.setEnabled(entry is not None)
        self.personal_box.blockSignals(True)
        self.personal_box.setChecked(entry is not None and bool(self._personal.get(self._key(entry))))
        self.personal_box.blockSignals(False)
        self.personal_box.setEnabled(entry is not None and not self._read_only)
        pixmap = QPixmap()
        if entry is not None and guess_mime(entry.name).startswith("image/"):
            pixmap.load(str(entry.local_file(self._files_dir)))
        if pixmap.isNull():
            self.preview.clear()
            self.preview.setText(self.tr("No preview") if entry is not None else "")
        else:
            self.preview.setPixmap(
                pixmap.scaled(PREVIEW_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
