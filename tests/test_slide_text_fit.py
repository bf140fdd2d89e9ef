"""Staff text fits the screen: long, short and mixed-language texts of every template, in
landscape, portrait and 4K, wrap by the typesetting rules, stay inside the text area, and use
only characters the bundled font has. What plays is what the editor previewed."""

from __future__ import annotations

import pytest
from kiosk_harness import discard
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QFontMetricsF, QImage

from kiosk.content.linebreak import violations
from kiosk.playlist.slide_models import SLIDE_SCHEMA_VERSION, SlideText, TextSlide
from kiosk.ui.authoring.staff_text import layout_text_slide, text_box, text_fits
from kiosk.ui.runtime.render import grab
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase.staff_slides import TextSlideView
from kiosk.ui.style import theme
from kiosk.ui.style.resources import bundled_font_chars

SIZES = [QSize(1920, 1080), QSize(1080, 1920), QSize(3840, 2160)]
TEXTS = {
    "short": SlideText(zh="欢迎", en=""),
    "short-en": SlideText(zh="", en="Welcome"),
    "mixed": SlideText(zh="今日16:30闭馆（周一休馆）", en="Closing at 16:30 today (closed on Mondays)."),
    "long": SlideText(
        zh="热烈欢迎湖南省发展和改革委员会、长沙市规划和自然资源局联合考察团一行莅临湖南湘江新区考察指导工作",
        en="A warm welcome to the joint delegation of the Hunan Development and Reform Commission "
        "and the Changsha Bureau of Planning and Natural Resources",
    ),
}
SECOND_LINES = {
    "short": SlideText(),
    "short-en": SlideText(),
    "mixed": SlideText(zh="讲解预约：服务台", en="Guided tours: front desk"),
    "long": SlideText(
        zh="2024年3月1日 · 湘江新区规划展示馆", en="1 March 2024 · Xiangjiang New Area Planning Hall"
    ),
}


def slide(template: str, name: str) -> TextSlide:
    return TextSlide(
        schema_version=SLIDE_SCHEMA_VERSION,
        id=f"{template}-{name}",
        template=template,  # type: ignore[arg-type]
        text=TEXTS[name],
        line2=SECOND_LINES[name],
    )


@pytest.mark.parametrize("size", SIZES, ids=["landscape", "portrait", "4k"])
@pytest.mark.parametrize("name", sorted(TEXTS))
@pytest.mark.parametrize("template", ["welcome", "notice", "closing"])
def test_text_fits_wraps_by_the_rules_and_has_every_glyph(
    runtime: Runtime, template: str, name: str, size: QSize
) -> None:
    made = slide(template, name)
    placed = layout_text_slide(made, size, runtime.family)
    assert placed is not None, "fits"
    box = text_box(size, theme.Metrics.for_size(size))
    last = placed[-1]
    assert last.top + last.line_height * len(last.lines) <= box.height()
    font_chars = bundled_font_chars()
    shown = ""
    for item in placed:
        assert item.font.pixelSize() >= theme.Metrics.for_size(size).px(theme.STAFF_LINE_MIN_PX)
        assert violations(item.lines) == [], item.lines
        metrics = QFontMetricsF(item.font)
        assert all(metrics.horizontalAdvance(line) <= box.width() for line in item.lines)
        assert "".join(item.lines).replace(" ", "") == item.block.text.replace(" ", ""), "nothing dropped"
        shown += "".join(item.lines)
    assert [char for char in shown if char != " " and ord(char) not in font_chars] == []
    # The text's pixels lie inside the text area: nothing is clipped, nothing runs into the frame.
    view = TextSlideView(made, runtime.family)
    image = grab(view, size)
    discard(view)
    assert box.adjusted(-8, -8, 8, 8).contains(text_ink(image, size))


def text_ink(image: QImage, size: QSize) -> QRectF:
    """The bounding box of the light pixels (every template's text is light on a dark ground),
    inside the welcome frame and right of the notice bar."""
    inset = theme.Metrics.for_size(size).px(80)
    found = [
        (x, y)
        for y in range(inset, image.height() - inset, 3)
        for x in range(inset, image.width() - inset, 3)
        if QColor(image.pixel(x, y)).lightnessF() > 0.6
    ]
    assert found, "some text is painted"
    xs, ys = [x for x, _ in found], [y for _, y in found]
    return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def test_the_long_text_shrinks_and_more_text_is_refused(runtime: Runtime) -> None:
    long = slide("welcome", "long")
    landscape = layout_text_slide(long, QSize(1920, 1080), runtime.family)
    short = layout_text_slide(slide("welcome", "short"), QSize(1920, 1080), runtime.family)
    assert landscape is not None and short is not None
    assert landscape[0].font.pixelSize() < short[0].font.pixelSize(), "the long text shrank"
    more = TextSlide(
        schema_version=SLIDE_SCHEMA_VERSION,
        id="too-much",
        template="welcome",
        text=SlideText(zh=long.text.zh * 2, en=long.text.en[:110]),
        line2=SlideText(zh=long.line2.zh * 3, en=long.line2.en * 2),
    )
    assert text_fits(long, runtime.family)
    assert not text_fits(more, runtime.family)


def test_4k_is_the_1080p_layout_doubled(runtime: Runtime) -> None:
    made = slide("notice", "mixed")
    hd = layout_text_slide(made, QSize(1920, 1080), runtime.family)
    uhd = layout_text_slide(made, QSize(3840, 2160), runtime.family)
    assert hd is not None and uhd is not None
    assert [item.lines for item in hd] == [item.lines for item in uhd]
    for small, large in zip(hd, uhd, strict=True):
        assert abs(2 * small.font.pixelSize() - large.font.pixelSize()) <= 1, "doubled, to the pixel"
