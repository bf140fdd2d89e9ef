"""A page's hero figures: tiles that count up, staggered, in a grid that reflows for portrait."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QWidget,
)

from kiosk.content.models import LANGUAGES, Figure, Language
from kiosk.ui.style import theme
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.widgets.figure_tile import FigureTile
from kiosk.ui.widgets.tile_group import TileGroup, count_up_staggered
from kiosk.ui.widgets.tile_style import WALL

# How finely the tiles give back height to a chart: a few pixels at a time, each tried for fit.
GIVE_BACK_STEP_PX = 4


class HeroFigures(QWidget):
    """Figures that count up, staggered, in a grid that reflows for portrait."""

    def __init__(self, figures: list[Figure], family: str, colour: str, driver: FrameDriver) -> None:
        super().__init__()
        self.tiles = [FigureTile(figure, family, colour, driver, WALL) for figure in figures]
        self.group = TileGroup(self.tiles) if self.tiles else None
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 0
        self._least_height = 0
        self._portrait = False

    def set_metrics(self, metrics: theme.Metrics) -> None:
        count = len(self.tiles)
        columns = min(count, 2 if metrics.portrait else 4) or 1
        if columns != self._columns:
            self._columns = columns
            for tile in self.tiles:
                self.grid.removeWidget(tile)
            for index, tile in enumerate(self.tiles):
                row, column = divmod(index, columns)
                # The last of an odd number takes its whole row: three side by side in portrait
                # left each a third of the width, "25.4 billion yuan" at half the size.
                span = columns - column if index == count - 1 else 1
                self.grid.addWidget(tile, row, column, 1, span)
        self._portrait = metrics.portrait
        self.grid.setSpacing(metrics.px(theme.GAP_PX * 0.75))
        for tile in self.tiles:
            tile.set_scale(metrics.scale)
        self._least_height = metrics.px(300 if metrics.portrait else 244)
        self.set_tile_height(self._least_height)
        self._fit_row()

    def rows(self) -> int:
        return -(-len(self.tiles) // max(1, self._columns))

    def _fit_row(self) -> None:
        """Tiles are as tall as the tallest needs in either language, so that English, with labels
        of more lines, shows its numbers as large as Chinese and a language switch moves nothing.
        (Several rows in landscape are composed to the screen by the page.)"""
        if self.width() <= 1 or (self.rows() > 1 and not self._portrait):
            return
        gap = self.grid.spacing()
        width = (self.width() - gap * (self._columns - 1)) // self._columns
        needed = max(tile.natural_height(width, language) for tile in self.tiles for language in LANGUAGES)
        self.set_tile_height(min(max(self._least_height, needed), round(self._least_height * 1.4)))

    def give_back(self, height: int) -> None:
        """Shorten the tiles by up to `height`, never below the least height for the screen, and only
        as far as every tile still shows whole in the language on screen."""
        current = self.tiles[0].height() if self.tiles else 0
        for candidate in range(max(self._least_height, current - height), current, GIVE_BACK_STEP_PX):
            self.set_tile_height(candidate)
            if all(tile.fits() for tile in self.tiles):
                return
        self.set_tile_height(current)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit_row()

    def set_tile_height(self, height: int) -> None:
        for tile in self.tiles:
            tile.setFixedHeight(height)
        # The page measures where its chart starts right after: the row's own height must be new.
        self.grid.invalidate()
        self.grid.activate()
        self.updateGeometry()

    def grow_to_fit(self) -> None:
        """Taller tiles where a label, even at its smallest, would still be cut (a language longer
        than those the row is sized for): tall enough for the tile that needs most."""
        if not all(tile.fits() for tile in self.tiles):
            self.set_tile_height(max(tile.heightForWidth(tile.width()) for tile in self.tiles))

    def set_language(self, language: Language) -> None:
        for tile in self.tiles:
            tile.set_language(language)

    def count_up(self, start: float, reduced_motion: bool = False) -> None:
        count_up_staggered(self.tiles, start, reduced_motion)
