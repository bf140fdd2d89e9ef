"""The console's words, from the one language system (kiosk/i18n, concern "hall"), and the
message templates staff start an emergency message from (in both languages: the message shows both)."""

from __future__ import annotations

from kiosk.content.models import Language
from kiosk.i18n.catalogue import hall_text
from kiosk.i18n.keys import HallKey

# Filled into the message fields; staff edit them before sending.
TEMPLATES: dict[str, tuple[tuple[str, list[str]], tuple[str, list[str]]]] = {
    "evacuation": (
        ("请立即有序离馆", ["请保持冷静，跟随工作人员指引，从最近的安全出口离开。", "请勿使用电梯。"]),
        (
            "Please leave the building now",
            ["Stay calm and follow the staff to the nearest exit.", "Do not use the lifts."],
        ),
    ),
    "closing": (
        ("今日提前闭馆", ["本馆今日将于 16:00 闭馆，感谢您的参观。"]),
        ("Closing early today", ["The hall closes at 16:00 today. Thank you for visiting."]),
    ),
    "announcement": (
        ("参观公告", ["请在此填写公告内容。"]),
        ("Announcement", ["Write the announcement here."]),
    ),
}


def text(key: HallKey, language: Language, **values: object) -> str:
    return hall_text(key, language).format(**values)


# What each mode a card shows is called, and each template.
MODE_NAMES: dict[str, HallKey] = {
    "normal": "mode-normal",
    "safe": "mode-safe",
    "dark": "mode-dark",
    "display-only": "mode-display-only",
    "staff in": "mode-staff in",
    "emergency": "mode-emergency",
}
TEMPLATE_NAMES: dict[str, HallKey] = {
    "evacuation": "template-evacuation",
    "closing": "template-closing",
    "announcement": "template-announcement",
}
