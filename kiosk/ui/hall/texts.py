"""The console's words in Chinese and English: one table, looked up by key."""

from __future__ import annotations

from kiosk.content.models import Language

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("展厅控制台", "Hall console"),
    "language": ("English", "中文"),
    "emergency": ("紧急通知…", "Emergency message…"),
    "no-kiosks": (
        "状态文件夹中还没有展项的状态文件。",
        "No kiosk has sent a status file to this folder yet.",
    ),
    "last-seen": ("最后在线", "Last seen"),
    "stale": ("已失联", "STALE"),
    "ago": ("{age}前", "{age} ago"),
    "mode": ("模式", "Mode"),
    "playing": ("正在播放", "Playing"),
    "content": ("内容包", "Content"),
    "config": ("配置", "Config"),
    "errors": ("错误", "Errors"),
    "visits": ("今日参观", "Visits today"),
    "none": ("无", "none"),
    "no-picture": ("暂无画面", "No picture yet"),
    "details": ("详情", "Details"),
    "recent-errors": ("最近的错误", "Recent errors"),
    "refused": ("被拒绝的内容包", "Refused content packs"),
    "close": ("关闭", "Close"),
    "mode-normal": ("正常", "normal"),
    "mode-safe": ("安全模式", "safe"),
    "mode-dark": ("闭馆熄屏", "dark"),
    "mode-display-only": ("仅展示", "display-only"),
    "mode-staff in": ("工作人员操作中", "staff in"),
    "mode-emergency": ("显示紧急通知", "emergency"),
    "mode--": ("-", "-"),
    "refreshed": ("已刷新 {time}", "Refreshed {time}"),
    "message-on": ("紧急通知生效中：{title}（至 {until}）", "Emergency message on: {title} (until {until})"),
    # The emergency dialog.
    "compose": ("紧急通知", "Emergency message"),
    "template": ("模板", "Template"),
    "template-evacuation": ("疏散", "Evacuation"),
    "template-closing": ("提前闭馆", "Closing early"),
    "template-announcement": ("公告", "Announcement"),
    "title-zh": ("中文标题", "Chinese title"),
    "lines-zh": ("中文内容（一至两行）", "Chinese text (one or two lines)"),
    "title-en": ("英文标题", "English title"),
    "lines-en": ("英文内容（一至两行）", "English text (one or two lines)"),
    "reach": ("显示在", "Show on"),
    "all-kiosks": ("所有展项", "Every kiosk"),
    "some-kiosks": ("选定的展项", "These kiosks"),
    "ends": ("结束时间", "Ends at"),
    "send": ("发送", "Send"),
    "end-now": ("立即结束", "End now"),
    "sent": ("已写入 {path}，展项将在数秒内显示。", "Written to {path}; the kiosks show it within seconds."),
    "ended": ("已结束紧急通知。", "The emergency message is ended."),
    "nothing-to-end": ("当前没有紧急通知。", "There is no emergency message to end."),
    "refused-message": ("未发送：{reason}", "Not sent: {reason}"),
    "pick-kiosks": ("请至少选择一个展项。", "Choose at least one kiosk."),
}

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


def text(key: str, language: Language, **values: object) -> str:
    zh, en = TEXTS[key]
    return (zh if language == "zh" else en).format(**values)
