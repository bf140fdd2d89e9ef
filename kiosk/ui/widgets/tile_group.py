"""Figure tiles shown together: one number size for the row, and a staggered count-up."""

from __future__ import annotations

from kiosk.content.models import LANGUAGES
from kiosk.ui.style import theme
from kiosk.ui.widgets.figure_tile import FigureTile


class TileGroup:
    """Tiles shown together share one number size: the largest at which all of them fit."""

    def __init__(self, tiles: list[FigureTile]) -> None:
        self.tiles = tiles
        self._cache_key: tuple[object, ...] = ()
        self._number_px = 0
        self._fitted: dict[int, int] = {}
        for tile in tiles:
            tile.group = self

    def number_px(self) -> int:
        """The row's number size: what most of its tiles can take (the median of their best fits)
        in either language, so a language switch leaves the numbers as large as they were.

        A tile that cannot take it fits its own, smaller number on the row's baseline, so one
        long figure no longer shrinks every number beside it.
        """
        key = tuple((tile.size().toTuple(), tile.language, tile.scale) for tile in self.tiles)
        if key != self._cache_key:
            self._cache_key = key
            # Worked out once per size and language: a count-up repaints 60 times a second.
            self._fitted = {id(tile): tile.fitted_number_px() for tile in self.tiles}
            medians = []
            for language in LANGUAGES:
                ordered = sorted(tile.fitted_number_px(language) for tile in self.tiles)
                medians.append(ordered[len(ordered) // 2])
            self._number_px = min(medians)
        return self._number_px

    def number_px_for(self, tile: FigureTile) -> int:
        """The row's size, or the tile's own best fit when smaller: a tile never clips."""
        row = self.number_px()
        return min(row, self._fitted[id(tile)])


def count_up_staggered(
    tiles: list[FigureTile], start: float, reduced_motion: bool, delay: float = 0.0
) -> None:
    """Count a set of tiles up one after another, or show them final when motion is reduced."""
    for index, tile in enumerate(tiles):
        if reduced_motion:
            tile.show_final()
        else:
            tile.count_up_from(start + delay + index * theme.STAGGER_S)
