"""Every text staff mode shows, in Chinese and English, and the names it shows instead of ids.

Staff mode has its own language (the toggle in its header), independent of the visitors'.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from kiosk.content.loader import Problem
from kiosk.content.models import Language
from kiosk.playlist.coverage import RuleCoverage
from kiosk.playlist.models import MAX_DURATION_S, MIN_DURATION_S, WEEKDAYS, ScheduleRule
from kiosk.playlist.playlist_deletion import PlaylistDeletion

log = logging.getLogger(__name__)

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("管理模式", "Staff mode"),
    "not_set_up": (
        "管理模式尚未设置：请在终端运行 kiosk set-pin",
        "Staff mode is not set up: run kiosk set-pin",
    ),
    "pin_prompt": ("请输入管理密码", "Enter the staff PIN"),
    "pin_empty": ("请先输入密码", "Type the PIN first"),
    "pin_wrong": ("密码错误，还可尝试 {tries} 次", "Wrong PIN: {tries} tries left"),
    "pin_locked": (
        "尝试次数过多，请 {minutes} 分 {seconds:02d} 秒后再试",
        "Too many tries: wait {minutes}:{seconds:02d}",
    ),
    "cancel": ("取消", "Cancel"),
    "clear": ("清除", "Clear"),
    "ok": ("确定", "OK"),
    "close": ("退出管理", "Leave"),
    "language": ("English", "中文"),
    "playing_now": ("正在播放：{name}", "Playing now: {name}"),
    "unsaved": ("● 有未保存的修改", "● Unsaved changes"),
    "all_saved": ("所有修改已保存", "Everything is saved"),
    "tab_playlists": ("播放列表", "Playlists"),
    "tab_schedule": ("排期", "Schedule"),
    "tab_settings": ("设置", "Settings"),
    "tab_diagnostics": ("诊断", "Diagnostics"),
    "bundled": ("内置", "bundled"),
    "staff_made": ("自建", "staff-made"),
    "new": ("新建", "New"),
    "duplicate": ("复制", "Copy"),
    "delete": ("删除", "Delete"),
    "delete_confirm": ("确定删除“{name}”吗？", 'Delete "{name}"?'),
    "delete_changes": ("删除“{name}”后，排期将随之更改：", 'Deleting "{name}" also changes the schedule:'),
    "delete_drops_rule": ("· 删去时段 {rule}", "· The window {rule} is removed"),
    "delete_new_default": (
        "· 其余时间改为播放“{name}”",
        '· At all other times, "{name}" plays instead',
    ),
    "delete_stops_play_now": (
        "· 停止正在进行的插播（原定至 {until}）",
        "· The play-now running until {until} stops",
    ),
    "deleted": ("已删除“{name}”", '"{name}" is deleted'),
    "schedule_changed_meanwhile": (
        "排期刚刚被更改，以下是按新排期的变动，请再确认一次。",
        "The schedule just changed; here is what deleting does now. Please confirm again.",
    ),
    "delete_yes": ("删除", "Delete"),
    "bundled_no_delete": ("内置列表不能删除，只能复制", "Bundled playlists cannot be deleted, only copied"),
    "add_slide": ("点按添加幻灯片", "Tap a slide to add it"),
    "name_zh": ("中文名称", "Chinese name"),
    "name_en": ("英文名称", "English name"),
    "slides_in_list": ("幻灯片（{count}）· 共 {total}", "Slides ({count}) · {total} in all"),
    "move_up": ("上移", "Up"),
    "move_down": ("下移", "Down"),
    "remove": ("移除", "Remove"),
    "enabled": ("播放", "Plays"),
    "disabled": ("跳过", "Skipped"),
    "save": ("保存", "Save"),
    "undo": ("撤销", "Undo"),
    "redo": ("重做", "Redo"),
    "saved": ("已保存，轮播已更新", "Saved; the showcase now uses it"),
    "preview": ("预览", "Preview"),
    "previewing": ("预览中 · 长按左上角返回", "Previewing · hold the top-left corner to return"),
    "seconds": ("{seconds} 秒", "{seconds} s"),
    "minutes_seconds": ("{minutes} 分 {seconds} 秒", "{minutes} min {seconds} s"),
    "default_playlist": ("其余时间播放", "At all other times"),
    "rules": ("时段（{count}）", "Time windows ({count})"),
    "add_weekly": ("添加每周时段", "Add weekly"),
    "add_one_off": ("添加单次活动", "Add one-off"),
    "no_rules": ("还没有时段：全天播放默认列表", "No windows yet: the default plays all day"),
    "rule_days": ("星期", "Days"),
    "rule_date": ("日期", "Date"),
    "pick_date": ("选择日期", "Choose the date"),
    "pick_start": (
        "开始时间 {time}：先点小时，再点分钟",
        "Start time {time}: tap the hour, then the minutes",
    ),
    "pick_end": ("结束时间 {time}：先点小时，再点分钟", "End time {time}: tap the hour, then the minutes"),
    "rule_until": ("至", "Until"),
    "rule_start": ("开始", "Starts"),
    "rule_end": ("结束", "Ends"),
    "rule_playlist": ("播放", "Plays"),
    "past": ("已结束", "over"),
    "rule_never": ("不会播放", "never plays"),
    "rule_partly": ("部分被覆盖", "partly covered"),
    "clear_past": ("清除已结束的活动", "Clear past"),
    "play_now": ("立即播放", "Play now"),
    "play_for": ("播放 {minutes} 分钟", "Play {minutes} min"),
    "play_choice": ("立即播放的列表：{name}", "To play now: {name}"),
    "play_now_until": ("正在插播“{name}”，至 {until} 结束", 'Playing "{name}" now, until {until}'),
    "play_now_off": ("没有插播：按排期播放", "Nothing forced: the schedule plays"),
    "stop_play_now": ("停止插播", "Stop"),
    "coverage_ok": (
        "每个时段都会完整播放；其余时间播放默认列表",
        "Every window plays in full; the default plays at other times",
    ),
    "coverage_never": (
        "第 {rule} 条（{what}）不会播放：被第 {others} 条完全覆盖",
        "Window {rule} ({what}) never plays: {others} covers it",
    ),
    "coverage_partly": (
        "第 {rule} 条（{what}）只播放一部分：第 {others} 条占用了 {lost} 分钟",
        "Window {rule} ({what}) plays only partly: {others} takes {lost} min of it",
    ),
    "coverage_past": ("第 {rule} 条（{what}）已结束", "Window {rule} ({what}) is over"),
    "idle_timeout": ("无人操作多久后返回轮播", "Back to the showcase after"),
    "idle_countdown": ("返回前倒计时", "Countdown before that"),
    "default_language": ("访客默认语言", "Visitors' default language"),
    "display_only": ("仅展示模式（不响应触摸）", "Display only (ignores touches)"),
    "reduced_motion": ("减少动画", "Reduced motion"),
    "stats_enabled": ("记录使用统计（下次启动生效）", "Record usage statistics (from the next start)"),
    "tab_hours": ("开放时间", "Opening hours"),
    "tab_insights": ("使用统计", "Insights"),
    "stats_off": (
        "统计已关闭：不再记录新的访问和播放，下方只有关闭之前的数据（可在“设置”中开启）。",
        "Statistics are off: no new visits or plays are recorded, so below is only what came before"
        " (turn them on in Settings).",
    ),
    "is_on": ("开", "on"),
    "is_off": ("关", "off"),
    "turn_on": ("开启", "Turn on"),
    "turn_off": ("关闭", "Turn off"),
    "switch_to": ("改为 {language}", "Switch to {language}"),
    "quit": ("退出程序", "Quit the application"),
    "quit_confirm": ("再点一次退出程序", "Tap again to quit"),
    "diag_version": ("软件版本", "App version"),
    "diag_pack": ("内容包", "Content pack"),
    "diag_uptime": ("运行时间", "Uptime"),
    "diag_memory": ("内存", "Memory"),
    "diag_playing": ("正在播放", "Playing"),
    "diag_errors": ("最近的错误", "Recent errors"),
    "diag_log": ("日志", "Log"),
    "diag_files": ("文件位置", "Where files live"),
    "licences": ("许可", "Licences"),
    "licences_back": ("返回诊断", "Back to diagnostics"),
    "licences_intro": (
        "本程序依 GNU 通用公共许可证第 3 版或更新版本（GPL-3.0-or-later）发布。"
        "以下是随附的第三方软件、字体及其许可全文。",
        "This program is published under the GNU General Public License, version 3 or later "
        "(GPL-3.0-or-later). Below: the third-party software and fonts it ships, with their licences.",
    ),
    "licence_of": ("许可：{licence}", "Licence: {licence}"),
    "licences_program": ("本程序", "This program"),
    "licences_parts": ("随附组件：Qt、FFmpeg、Python", "Bundled parts: Qt, FFmpeg, Python"),
    "licences_python": ("Python 软件包", "Python packages"),
    "licences_fonts": ("字体", "Fonts"),
    "none": ("无", "None"),
    "conflict": (
        "此文件在您编辑期间已被更改（可能是技术员复制了新文件）。",
        "This file changed while you were editing it (perhaps a technician copied in a new one).",
    ),
    "conflict_theirs": ("载入新文件", "Load theirs"),
    "conflict_mine": ("保留我的修改", "Keep mine"),
    "changed_on_disk": (
        "文件已在别处更改；保存时会询问您",
        "The file changed elsewhere; saving will ask you",
    ),
    "leave_unsaved": ("有未保存的修改。", "There are unsaved changes."),
    "keep_editing": ("继续编辑", "Keep editing"),
    "timeout_unsaved": (
        "还在编辑吗？{seconds} 秒后退出管理，未保存的修改将放弃",
        "Still editing? Staff mode closes in {seconds} s and unsaved changes will be lost.",
    ),
    "timeout_saved": ("还在使用吗？{seconds} 秒后退出管理", "Still there? Staff mode closes in {seconds} s."),
    "discard": ("放弃修改", "Discard"),
    "write_failed": (
        "无法写入文件，修改未保存。详情见日志。",
        "The file could not be written; nothing was saved. See the log.",
    ),
    "invalid": ("无法保存：{reason}", "Cannot save: {reason}"),
    "pin_old": ("请输入当前密码", "Enter the current PIN"),
    "pin_new": ("请输入新密码（4–8 位数字）", "Enter the new PIN (4–8 digits)"),
    "pin_again": ("请再次输入新密码", "Enter the new PIN again"),
    "pin_changed": ("密码已更改", "The PIN is changed"),
    "pin_mismatch": (
        "两次输入的新密码不一致，请重新输入",
        "The two new PINs differ; start the new PIN again",
    ),
    "pin_bad_old": ("当前密码不正确", "The current PIN is wrong"),
    "pin_format": ("密码须为 4–8 位数字", "A PIN is 4 to 8 digits"),
    "change_pin": ("更改管理密码", "Change the staff PIN"),
}

# Why a draft cannot be saved: the model's English sentence -> what staff read.
REASONS: dict[str, tuple[str, str]] = {
    "no item is enabled": ("列表里没有要播放的幻灯片", "the list has no slide that plays"),
    # Before the general "must be between": a duration's limits, from the model's declared ones.
    f"must be between {MIN_DURATION_S:g} and {MAX_DURATION_S:g}": (
        f"每张幻灯片的时长须在 {MIN_DURATION_S:g} 到 {MAX_DURATION_S:g} 秒之间",
        f"each slide plays {MIN_DURATION_S:g} to {MAX_DURATION_S:g} seconds",
    ),
    "the name is missing": (
        "名称不能为空（中文和英文都需要）",
        "the name is missing (both Chinese and English)",
    ),
    "is not in the catalogue": ("列表里有一张已不存在的幻灯片", "a slide in the list no longer exists"),
    "does not exist": ("排期用到的播放列表不存在", "the schedule names a playlist that does not exist"),
    "at least one day": ("每周时段至少要选一天", "a weekly window needs at least one day"),
    "same time": ("时段的开始和结束不能相同", "a window cannot start and end at the same time"),
    "last date is before": ("结束日期早于开始日期", "the last date is before the first"),
    "must be between": ("数值超出允许范围", "a value is out of range"),
}

TRANSITION_NAMES = {"fade": ("淡入淡出", "Fade"), "slide": ("滑动", "Slide"), "none": ("直接切换", "Cut")}
WEEKDAY_NAMES = {
    "mon": ("周一", "Mon"),
    "tue": ("周二", "Tue"),
    "wed": ("周三", "Wed"),
    "thu": ("周四", "Thu"),
    "fri": ("周五", "Fri"),
    "sat": ("周六", "Sat"),
    "sun": ("周日", "Sun"),
}


def _pick(pair: tuple[str, str], language: Language) -> str:
    return pair[0] if language == "zh" else pair[1]


def text(key: str, language: Language) -> str:
    return _pick(TEXTS[key], language)


def transition_name(transition: str, language: Language) -> str:
    return _pick(TRANSITION_NAMES.get(transition, (transition, transition)), language)


def weekday_name(day: str, language: Language) -> str:
    return _pick(WEEKDAY_NAMES.get(day, (day, day)), language)


def problems_text(problems: list[Problem], language: Language) -> str:
    """One localized sentence per distinct reason; the file and JSON path go to the log only."""
    reasons: list[str] = []
    for problem in problems:
        log.warning("staff save refused: %s", problem)
        pair = next((pair for hint, pair in REASONS.items() if hint in problem.message), None)
        reason = (
            _pick(pair, language) if pair else _pick(("内容不符合要求", "the content is not valid"), language)
        )
        if reason not in reasons:
            reasons.append(reason)
    return "\n".join(text("invalid", language).format(reason=reason) for reason in reasons)


def date_text(day: dt.date | None, language: Language) -> str:
    if day is None:
        return ""
    return f"{day.isoformat()} {weekday_name(WEEKDAYS[day.weekday()], language)}"


def describe_rule(rule: ScheduleRule, language: Language) -> str:
    """`周六 周日  09:00–18:00`, or `2024-03-02  09:30–11:00` for a one-off rule."""
    if rule.date is not None:
        when = rule.date if rule.until in (None, rule.date) else f"{rule.date} – {rule.until}"
    else:
        when = " ".join(weekday_name(day, language) for day in rule.days)
    return f"{when}  {rule.start}–{rule.end}"


def _windows(indices: tuple[int, ...], language: Language) -> str:
    """Windows by number as a sentence names them: 3、4 in Chinese; window 3, windows 3 and 4 in English."""
    numbers = [str(index + 1) for index in indices]
    if language == "zh":
        return "、".join(numbers)
    if len(numbers) <= 1:
        return f"window {numbers[0]}" if numbers else ""
    return f"windows {', '.join(numbers[:-1])} and {numbers[-1]}"


def coverage_text(rules: list[ScheduleRule], coverage: list[RuleCoverage], language: Language) -> str:
    """One sentence per rule that never plays, plays partly or is over; else that all is well."""
    keys = {"never": "coverage_never", "partly": "coverage_partly", "past": "coverage_past"}
    lines = [
        text(keys[item.outcome], language).format(
            rule=item.index + 1,
            what=describe_rule(rules[item.index], language),
            others=_windows(item.covered_by, language),
            lost=item.lost_minutes,
        )
        for item in coverage
        if item.outcome in keys
    ]
    return "\n".join(lines) or text("coverage_ok", language)


def deletion_text(
    deletion: PlaylistDeletion,
    name: str,
    language: Language,
    playlist_name: Callable[[str, Language], str],
) -> str:
    """The question before a playlist is deleted: each change to the schedule, one line each."""
    if not deletion.changes_schedule:
        return text("delete_confirm", language).format(name=name)
    lines = [text("delete_changes", language).format(name=name)]
    lines += [
        text("delete_drops_rule", language).format(rule=describe_rule(rule, language))
        for rule in deletion.removed_rules
    ]
    if deletion.default_becomes is not None:
        new_default = playlist_name(deletion.default_becomes, language)
        lines.append(text("delete_new_default", language).format(name=new_default))
    if deletion.stopped_play_now is not None:
        until = deletion.stopped_play_now.until.replace("T", " ")
        lines.append(text("delete_stops_play_now", language).format(until=until))
    return "\n".join(lines)
