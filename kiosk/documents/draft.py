"""A value staff edit before saving, with multi-level undo/redo and dirty state: the playlist and
schedule drafts (kiosk/playlist/editing.py) and the settings page build on it.

The staff pages are views over drafts: every change goes through a draft's method, so what the page
shows, what undo restores and what a save writes are always the same thing. Drafts hold immutable
snapshots; each change pushes the previous one on the undo stack.
"""

from __future__ import annotations

from typing import Generic, TypeVar

SnapshotT = TypeVar("SnapshotT")

MAX_UNDO = 100


class Draft(Generic[SnapshotT]):
    """An edited value with multi-level undo/redo and a saved baseline to compare against."""

    def __init__(self, value: SnapshotT) -> None:
        self.value = value
        self.baseline = value
        self._undo: list[SnapshotT] = []
        self._redo: list[SnapshotT] = []

    @property
    def dirty(self) -> bool:
        return self.value != self.baseline

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def _change(self, value: SnapshotT) -> None:
        if value == self.value:
            return
        self._undo.append(self.value)
        del self._undo[:-MAX_UNDO]
        self._redo.clear()
        self.value = value

    def update(self, value: SnapshotT) -> None:
        """Replace the whole value as one undoable change (simple drafts such as settings)."""
        self._change(value)

    def undo(self) -> None:
        if self._undo:
            self._redo.append(self.value)
            self.value = self._undo.pop()

    def redo(self) -> None:
        if self._redo:
            self._undo.append(self.value)
            self.value = self._redo.pop()

    def mark_saved(self) -> None:
        """What is in the draft is now on disk."""
        self.baseline = self.value

    def discard(self) -> None:
        """Back to the last saved state; the edits can still be redone."""
        if self.dirty:
            self._change(self.baseline)
