"""Charts and page layouts an exhibition designer signs off: network labels that never collide, a
hub on one screen, a topic page's first screen complete, lone stories and events shown plainly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui import theme
from kiosk.ui.app import Runtime, start, warm_up
from kiosk.ui.widgets.charts import NetworkDiagram, build_chart


@pytest.fixture(scope="module")
def runtime(qapp: QApplication) -> Runtime:
    runtime = start()
    warm_up()
    return runtime


def discard(widget: QWidget) -> None:
    widget.close()
    widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize(
    "size", [(1792, 560), (952, 720), (1600, 700), (1100, 500), (700, 900), (3584, 1120)], ids=str
)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_network_labels_never_overlap(runtime: Runtime, size: tuple[int, int], language: str) -> None:
    chart = build_chart(runtime.pack, "regional_network", runtime.family, theme.TOPIC_COLOURS["regional"])
    assert isinstance(chart, NetworkDiagram)
    chart.set_scale(size[1] / 560 if size[0] > 3000 else 1.0)
    chart.set_language(language)  # type: ignore[arg-type]
    chart.resize(QSize(*size))
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    chart.show()
    QApplication.processEvents()
    chart.set_progress(1.0)
    rects = chart.label_rects()
    overlapping = [
        (chart.network.nodes[i].id, chart.network.nodes[j].id)
        for i, a in enumerate(rects)
        for j, b in enumerate(rects)
        if i < j and a.intersects(b)
    ]
    assert overlapping == [], f"{size} {language}"
    discard(chart)
