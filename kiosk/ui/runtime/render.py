"""Headless rendering of any screen to PNG, at a chosen clock time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.clock import ManualClock
from kiosk.content.models import Language
from kiosk.ui.runtime.startup import Runtime, apply_style
from kiosk.ui.showcase.kinds import SlideModel, build_slide
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.style import theme
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.visitor.view import PAGE_IDS, VisitorView


def grab(widget: QWidget, size: QSize) -> QImage:
    """Lay the widget out at `size` and paint it into an image, as the screen would show it."""
    widget.resize(size)
    widget.ensurePolished()
    if widget.isWindow() and not widget.isVisible():
        # Laid out and painted off screen: a render must never flash a window on the kiosk.
        widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.show()
    # Pending layout and resize events must run before painting, or children keep stale sizes.
    QApplication.processEvents()
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(theme.colour(theme.GROUND))
    widget.render(image)
    return image


def save_png(image: QImage, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # PySide6's stubs type the format as bytes, but at run time only a str is accepted.
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
        raise OSError(f"could not write {path}")


def render_slide_png(
    runtime: Runtime,
    slide: SlideModel,
    size: QSize,
    language: Language,
    at: float | None,
    path: Path,
    media: Path | None = None,
) -> None:
    """Render one slide of any kind (`media`: its picture or film); `at` seconds after it appeared,
    or its final frame when None."""
    apply_style(runtime.app, runtime.family, size)
    clock = ManualClock()
    driver = FrameDriver(clock)
    context = SlideContext(runtime.pack, runtime.family, driver)
    view = build_slide(slide, context, media)
    view.set_language(language)
    view.as_widget().resize(size)
    if at is None:
        view.finish()
    else:
        view.enter(clock.monotonic())
        clock.advance(at)
        driver.tick()
    save_png(grab(view.as_widget(), size), path)
    view.as_widget().deleteLater()


def is_page(screen: str) -> bool:
    return screen in PAGE_IDS


def render_page_png(
    runtime: Runtime, page_id: str, size: QSize, language: Language, at: float | None, path: Path
) -> None:
    """Render a visitor page with its navigation bar; `at` seconds after it opened, else settled."""
    apply_style(runtime.app, runtime.family, size)
    clock = ManualClock()
    driver = FrameDriver(clock)
    visitor = VisitorView(runtime.pack, runtime.family, driver, idle_timeout_s=60, idle_countdown_s=10)
    driver.setParent(visitor)
    visitor.resize(size)
    visitor.begin(language)
    clock.advance(1.0)
    visitor.navigate(page_id)
    clock.advance(at if at is not None else 10.0)
    driver.tick()
    save_png(grab(visitor, size), path)
    visitor.end()
    visitor.deleteLater()
