"""A page's hero figures: tiles that count up, staggered, in a grid that reflows for portrait."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QWidget,
)

from kiosk.content.models import Figure, Language
from kiosk.ui.style import theme
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.widgets.figure_tile import FigureTile, TileGroup, count_up_staggered
from kiosk.ui.widgets.tile_style import WALL


class HeroFigures(QWidget):
    """Figures that count up, staggered, in a grid that reflows for portrait."""

    def __init__(self, figures: list[Figure], family: str, colour: str, driver: FrameDriver) -> None:
        super().__init__()
        self.tiles = [FigureTile(figure, family, colour, driver, WALL) for figure in figures]
        self.group = TileGroup(self.tiles) if self.tiles else None
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 0
        # The tiles' height by design for the screen; `grow_to_fit` may give them more.
        self.design_height = 244

    def set_metrics(self, metrics: theme.Metrics) -> None:
        count = len(self.tiles)
        columns = min(count, (3 if count == 3 else 2) if metrics.portrait else 4) or 1
        if columns != self._columns:
            self._columns = columns
            for tile in self.tiles:
                self.grid.removeWidget(tile)
            for index, tile in enumerate(self.tiles):
                self.grid.addWidget(tile, index // columns, index % columns)
        self.grid.setSpacing(metrics.px(theme.GAP_PX * 0.75))
        for tile in self.tiles:
            tile.set_scale(metrics.scale)
        self.design_height = metrics.px(300 if metrics.portrait else 244)
        self.set_tile_height(self.design_height)

    def rows(self) -> int:
        return -(-len(self.tiles) // max(1, self._columns))

    def set_tile_height(self, height: int) -> None:
        for tile in self.tiles:
            tile.setFixedHeight(height)

    def grow_to_fit(self) -> None:
        """Taller tiles where a label, even at its smallest, would be cut at the design height (a
        longer language): tall enough for the tile that needs most, at its full size."""
        self.set_tile_height(self.design_height)
        if not all(tile.fits() for tile in self.tiles):
            self.set_tile_height(max(tile.heightForWidth(tile.width()) for tile in self.tiles))

    def set_language(self, language: Language) -> None:
        for tile in self.tiles:
            tile.set_language(language)

    def count_up(self, start: float, reduced_motion: bool = False) -> None:
        count_up_staggered(self.tiles, start, reduced_motion)
