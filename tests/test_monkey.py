"""Monkey: thousands of random touches on the kiosk, as a crowd of children would give it.

Random taps (anywhere, or aimed at whatever can be touched on screen), swipes, long presses (corners
included) and multi-finger touches, all sent to the top-level window at a point as the touchscreen
does, with the injected clock moving between them: sometimes a moment, sometimes long enough for the
idle countdown or the return to the showcase. Throughout: no exception, exactly one visible top-level
window, the kiosk either on the showcase with a slide playing or on a visitor page with its navigation
bar, and no page half-built (every page the visitor view knows sits in its stack).

The seed is printed and named in every assertion; KIOSK_MONKEY_SEED=N replays a run. CI sends about
1500 actions; long mode (`--long` or KIOSK_SOAK_HOURS) sends 20000.
"""

from __future__ import annotations

import os
import random
from collections import deque
from collections.abc import Callable

import pytest
from kiosk_factory import FINGER, VISITOR_PACE_S, KioskUnderTest, MakeKiosk
from PySide6.QtCore import QPoint, QSize
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.visitor.pages.page import Page
from kiosk.ui.visitor.pages.stories import StoryCarousel

DEFAULT_SEED = 20230701
SEED = int(os.environ.get("KIOSK_MONKEY_SEED", DEFAULT_SEED))
CI_ACTIONS = 1500
LONG_ACTIONS = 20_000
CHECK_EVERY = 1  # every action: a wrong mark lasts only until the next navigation

# The offscreen test screen is 800x800 and the kiosk window 1920x1080: a gesture whose hot spot falls
# off that screen has no top-level window under it (QApplication::topLevelAt), and Qt warns. On a
# screen as large as the window (offscreen:configfile with a 1920x1080 screen) the same run of the
# monkey raises no warning at all, so this one message is an artefact of the test screen.
OFF_SCREEN_GESTURE = pytest.mark.qt_log_ignore(
    r"QGestureManager::deliverEvents?: could not find the target for gesture", extend=True
)


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk, request: pytest.FixtureRequest) -> KioskUnderTest:
    return make_kiosk(size=getattr(request, "param", QSize(1920, 1080)), playlist="short")


class Monkey:
    def __init__(self, kiosk: KioskUnderTest, seed: int) -> None:
        self.kiosk = kiosk
        self.seed = seed
        self.rng = random.Random(seed)
        self.log: deque[str] = deque(maxlen=12)
        self.step = 0
        self.pages_seen: set[str] = set()
        self.languages_seen: set[str] = set()
        self.returns_to_showcase = 0
        window = kiosk.shell
        self.width, self.height = window.width(), window.height()
        actions: list[tuple[Callable[[], None], int]] = [
            (self.tap_anywhere, 26),
            (self.tap_something, 30),
            (self.swipe, 14),
            (self.long_press, 6),
            (self.fingers, 10),
            (self.mouse_click, 3),
            (self.wait_a_moment, 8),
            (self.walk_away, 3),
        ]
        self.actions = [action for action, _ in actions]
        self.weights = [weight for _, weight in actions]

    # Where ---------------------------------------------------------------------------------

    def anywhere(self) -> QPoint:
        return QPoint(self.rng.randrange(self.width), self.rng.randrange(self.height))

    def corner(self) -> QPoint:
        x = self.rng.choice([self.rng.randrange(0, 40), self.rng.randrange(self.width - 40, self.width)])
        y = self.rng.choice([self.rng.randrange(0, 40), self.rng.randrange(self.height - 40, self.height)])
        return QPoint(x, y)

    def touchable(self) -> list[QWidget]:
        """Everything on screen a finger can aim at: buttons, tiles, the carousel, the showcase."""
        shell = self.kiosk.shell
        if not shell.showing_visitor_pages():
            return [shell.player]
        targets: list[QWidget] = [
            widget
            for widget in shell.findChildren(QAbstractButton)
            if widget.isVisible() and widget.isEnabled()
        ]
        targets += [widget for widget in shell.findChildren(StoryCarousel) if widget.isVisible()]
        return targets

    def inside(self, widget: QWidget) -> QPoint:
        rect = widget.rect()
        local = QPoint(
            rect.left() + self.rng.randrange(max(1, rect.width())),
            rect.top() + self.rng.randrange(max(1, rect.height())),
        )
        point = widget.mapTo(self.kiosk.shell, local)
        return QPoint(min(max(point.x(), 0), self.width - 1), min(max(point.y(), 0), self.height - 1))

    # What ----------------------------------------------------------------------------------

    def tap_anywhere(self) -> None:
        point = self.anywhere()
        self.log.append(f"tap at {point.toTuple()}")
        self.kiosk.touch([point])
        self.kiosk.advance(self.rng.uniform(0.02, 0.6))

    def tap_something(self) -> None:
        widget = self.rng.choice(self.touchable())
        point = self.inside(widget)
        self.log.append(f"tap on {widget.objectName() or type(widget).__name__} at {point.toTuple()}")
        self.kiosk.touch([point])
        self.kiosk.advance(self.rng.uniform(0.02, 0.6))

    def swipe(self) -> None:
        start = self.anywhere()
        dx, dy = self.rng.randint(-900, 900), self.rng.randint(-600, 600)
        steps = self.rng.randint(2, 6)
        points = [
            QPoint(
                min(max(start.x() + dx * step // steps, 0), self.width - 1),
                min(max(start.y() + dy * step // steps, 0), self.height - 1),
            )
            for step in range(steps + 1)
        ]
        self.log.append(f"swipe from {start.toTuple()} by {(dx, dy)}")
        self.kiosk.touch(points)
        self.kiosk.advance(self.rng.uniform(0.02, 0.6))

    def long_press(self) -> None:
        point = self.corner() if self.rng.random() < 0.4 else self.anywhere()
        held = self.rng.uniform(0.8, 4.0)
        self.log.append(f"long press at {point.toTuple()} for {held:.1f} s")
        self.kiosk.press(point)
        for _ in range(4):
            self.kiosk.advance(held / 4)
        self.kiosk.release(point)
        self.kiosk.advance(0.1)

    def fingers(self) -> None:
        count = self.rng.randint(2, 5)
        points = [self.anywhere() for _ in range(count)]
        self.log.append(f"{count} fingers at {[point.toTuple() for point in points]}")
        window = self.kiosk.shell
        press = QTest.touchEvent(window, FINGER)
        for finger, point in enumerate(points):
            press.press(finger, point, window)
        press.commit()
        QApplication.processEvents()
        if self.rng.random() < 0.5:
            shift = QPoint(self.rng.randint(-200, 200), self.rng.randint(-200, 200))
            moved = [
                QPoint(
                    min(max(point.x() + shift.x(), 0), self.width - 1),
                    min(max(point.y() + shift.y(), 0), self.height - 1),
                )
                for point in points
            ]
            move = QTest.touchEvent(window, FINGER)
            for finger, point in enumerate(moved):
                move.move(finger, point, window)
            move.commit()
            QApplication.processEvents()
            points = moved
        if self.rng.random() < 0.5:
            release = QTest.touchEvent(window, FINGER)
            for finger, point in enumerate(points):
                release.release(finger, point, window)
            release.commit()
        else:
            # Fingers lift one at a time; the ones still down stay where they are.
            for lifted in range(count):
                sequence = QTest.touchEvent(window, FINGER)
                for finger in range(lifted, count):
                    if finger == lifted:
                        sequence.release(finger, points[finger], window)
                    else:
                        sequence.stationary(finger)
                sequence.commit()
                QApplication.processEvents()
        QApplication.processEvents()
        self.kiosk.advance(self.rng.uniform(0.02, 0.6))

    def mouse_click(self) -> None:
        point = self.anywhere()
        self.log.append(f"mouse click at {point.toTuple()}")
        self.kiosk.click_at(point)
        self.kiosk.advance(self.rng.uniform(0.02, 0.6))

    def wait_a_moment(self) -> None:
        seconds = self.rng.uniform(0.5, 20.0)
        self.log.append(f"nobody touches for {seconds:.1f} s")
        self.kiosk.advance(seconds)

    def walk_away(self) -> None:
        seconds = self.rng.choice([59.0, 61.0, 65.0, 69.5, 71.0, 90.0])
        self.log.append(f"nobody touches for {seconds:.1f} s")
        on_pages = self.kiosk.shell.showing_visitor_pages()
        self.kiosk.advance(seconds - 1.0)
        self.kiosk.advance(1.0)
        if on_pages and not self.kiosk.shell.showing_visitor_pages():
            self.returns_to_showcase += 1
        self.check()

    # Checks --------------------------------------------------------------------------------

    def where(self) -> str:
        replay = f"KIOSK_MONKEY_SEED={self.seed} replays it"
        return f"seed {self.seed} ({replay}), step {self.step}, last actions: {list(self.log)}"

    def check(self) -> None:
        shell = self.kiosk.shell
        visitor = shell.visitor
        windows = [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
        assert windows == [shell], f"{self.where()}: visible top-level windows {windows}"
        built = list(visitor.pages.values())
        assert all(visitor.stack.indexOf(page) >= 0 for page in built), (
            f"{self.where()}: a page is half-built"
        )
        assert visitor.stack.count() == len(built), f"{self.where()}: the stack holds a page nobody knows"
        if shell.showing_visitor_pages():
            page = visitor.stack.currentWidget()
            assert isinstance(page, Page) and page.isVisible(), f"{self.where()}: no page on screen"
            assert visitor.nav.isVisible(), f"{self.where()}: the navigation bar is gone"
            assert visitor.nav.home_button.isChecked() == (page.page_id == "hub"), self.where()
            assert visitor.idle.running, f"{self.where()}: a visit without the idle watch"
            self.pages_seen.add(page.page_id)
            self.languages_seen.add(visitor.language)
        else:
            player = shell.player
            assert player.isVisible(), f"{self.where()}: neither the showcase nor a page"
            assert player.current is not None and player.current.as_widget().isVisible(), (
                f"{self.where()}: no slide"
            )
            assert player.sequencer.cue is not None, f"{self.where()}: the showcase is not playing"
            assert not visitor.idle.running, f"{self.where()}: the idle watch runs on the showcase"
            assert not visitor.overlay.isVisible(), self.where()

    def run(self, actions: int) -> None:
        for self.step in range(actions):
            self.rng.choices(self.actions, self.weights)[0]()
            if self.step % CHECK_EVERY == 0:
                self.check()
        self.check()


def run_monkey(qtbot: QtBot, kiosk: KioskUnderTest, actions: int) -> Monkey:
    print(f"monkey seed {SEED} (set KIOSK_MONKEY_SEED to replay), {actions} actions")
    monkey = Monkey(kiosk, SEED)
    with qtbot.capture_exceptions() as exceptions:
        monkey.run(actions)
    assert not exceptions, f"{monkey.where()}: {[str(error) for _, error, _ in exceptions]}"

    # It ends somewhere valid, and the showcase it returns to still plays.
    shell = kiosk.shell
    kiosk.advance(kiosk.settings.idle_timeout_s + kiosk.settings.idle_countdown_s + 1)
    assert not shell.showing_visitor_pages(), f"{monkey.where()}: the idle return did not happen"
    shown = shell.player.stats.slides_shown
    cue = shell.player.sequencer.cue
    assert cue is not None
    kiosk.advance(cue.duration_s + 0.01)
    assert shell.player.stats.slides_shown > shown, f"{monkey.where()}: the showcase is stuck"
    monkey.step = actions
    monkey.check()
    print(
        f"pages seen {sorted(monkey.pages_seen)}, languages {sorted(monkey.languages_seen)}, "
        f"idle returns {monkey.returns_to_showcase}"
    )
    return monkey


@OFF_SCREEN_GESTURE
@pytest.mark.parametrize("kiosk", [pytest.param(QSize(1920, 1080), id="landscape")], indirect=True)
def test_a_thousand_random_touches_leave_the_kiosk_whole(qtbot: QtBot, kiosk: KioskUnderTest) -> None:
    monkey = run_monkey(qtbot, kiosk, CI_ACTIONS)
    assert monkey.pages_seen >= {"hub", "industry", "innovation", "livelihood", "regional", "intro"}, (
        f"seed {SEED}: the monkey reached only {sorted(monkey.pages_seen)}"
    )
    assert monkey.returns_to_showcase > 0, f"seed {SEED}: the idle return was never exercised"


@pytest.mark.slow
@OFF_SCREEN_GESTURE
@pytest.mark.parametrize(
    "kiosk",
    [pytest.param(QSize(1920, 1080), id="landscape"), pytest.param(QSize(1080, 1920), id="portrait")],
    indirect=True,
)
def test_twenty_thousand_random_touches_leave_the_kiosk_whole(qtbot: QtBot, kiosk: KioskUnderTest) -> None:
    """Long mode: 20000 actions in each orientation."""
    run_monkey(qtbot, kiosk, LONG_ACTIONS)


def test_quick_taps_on_different_targets_all_land(kiosk: KioskUnderTest) -> None:
    """Found by the monkey: a tap within the double-click interval of the previous one, on a page's
    scrolling area, was swallowed ("Home", then a quick tap on a hub tile, did nothing)."""
    shell = kiosk.shell
    visitor = shell.visitor
    kiosk.tap(shell.player, VISITOR_PACE_S)
    for page_id in ("hub", "industry", "innovation", "regional"):
        visitor.page(page_id)  # built ahead, so that the taps below follow each other quickly
    hub = visitor.page("hub")
    opened: list[str] = []
    visitor.page_shown.connect(opened.append)
    # Every press below comes well within Qt's double-click interval of the one before.
    kiosk.tap(visitor.nav.language_button, VISITOR_PACE_S)
    kiosk.tap(hub.tiles["industry"], VISITOR_PACE_S)  # type: ignore[attr-defined]
    kiosk.tap(visitor.nav.home_button, VISITOR_PACE_S)
    kiosk.tap(hub.tiles["innovation"], VISITOR_PACE_S)  # type: ignore[attr-defined]
    kiosk.tap(visitor.nav.home_button, VISITOR_PACE_S)
    kiosk.tap(visitor.nav.language_button, VISITOR_PACE_S)
    kiosk.tap(hub.tiles["regional"], VISITOR_PACE_S)  # type: ignore[attr-defined]
    assert opened == ["industry", "hub", "innovation", "hub", "regional"]
    assert visitor.language == "zh", "the language was switched twice"


def test_the_nav_bar_marks_the_page_on_screen_whatever_is_tapped(kiosk: KioskUnderTest) -> None:
    """Found by the long monkey: a tap on the navigation button of the page already on screen, or on
    any of them too soon after the last navigation, toggled that button's mark, so Home was lit on a
    topic page, or dark on the hub."""
    shell = kiosk.shell
    visitor = shell.visitor
    nav = visitor.nav
    buttons: dict[str, QAbstractButton] = dict([("hub", nav.home_button), *nav.topic_buttons.items()])

    def marked() -> list[str]:
        return [page_id for page_id, button in buttons.items() if button.isChecked()]

    kiosk.tap(shell.player, VISITOR_PACE_S)
    kiosk.tap(nav.home_button, VISITOR_PACE_S)  # already on the hub
    assert visitor.current_page_id() == "hub" and marked() == ["hub"]
    kiosk.tap(nav.topic_buttons["innovation"], after_s=0.1)
    kiosk.tap(nav.home_button, after_s=0.1)  # too soon after the last navigation: refused
    assert visitor.current_page_id() == "innovation" and marked() == ["innovation"]
    kiosk.tap(nav.topic_buttons["innovation"], VISITOR_PACE_S)  # the page on screen
    assert visitor.current_page_id() == "innovation" and marked() == ["innovation"]
