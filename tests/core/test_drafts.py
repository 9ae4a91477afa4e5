"""Drafts of unsaved forms: atomic files under the data folder, read back or discarded."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.services.drafts import discard_draft, draft_path, load_draft, save_draft

DATA = {"kind": "product", "title": "Tin: Ngư dân Vĩnh Châu", "themes": ["CD1"], "cost": "1.500.000"}


def test_a_saved_draft_is_read_back(tmp_path: Path) -> None:
    path = save_draft(tmp_path, "new", DATA)
    assert path == tmp_path / "drafts" / "new.json"
    draft = load_draft(tmp_path, "new")
    assert draft is not None and draft.data == DATA
    assert "Vĩnh Châu" in path.read_text(encoding="utf-8")  # readable UTF-8, not escapes
    assert [p.name for p in path.parent.iterdir()] == ["new.json"]  # no temporary file left


def test_saving_again_replaces_and_discarding_removes(tmp_path: Path) -> None:
    key = "0b5f2c1e-2d7b-4d7e-9d7e-3f1f6d2a9c11"
    save_draft(tmp_path, key, DATA)
    save_draft(tmp_path, key, {**DATA, "title": "Sửa lại"})
    assert load_draft(tmp_path, key).data["title"] == "Sửa lại"
    assert load_draft(tmp_path, "new") is None
    discard_draft(tmp_path, key)
    discard_draft(tmp_path, key)  # twice is harmless
    assert load_draft(tmp_path, key) is None


@pytest.mark.parametrize("content", ["{not json", '{"data": [1, 2]}', '{"saved_at": "x", "data": {}}', "[]", ""])
def test_a_damaged_draft_is_ignored(tmp_path: Path, content: str) -> None:
    path = draft_path(tmp_path, "new")
    path.parent.mkdir()
    path.write_text(content, encoding="utf-8")
    assert load_draft(tmp_path, "new") is None


@pytest.mark.parametrize("key", ["../evil", "a/b", "", "new.json", "x" * 65])
def test_keys_cannot_leave_the_drafts_folder(tmp_path: Path, key: str) -> None:
    with pytest.raises(ValueError):
        save_draft(tmp_path, key, DATA)
