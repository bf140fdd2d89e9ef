"""What the History page says, in Chinese and English."""

from __future__ import annotations

HISTORY_TEXTS: dict[str, tuple[str, str]] = {
    "tab_history": ("版本历史", "Version history"),
    "files": ("文件", "Files"),
    "versions": ("保存过的版本（最近 {kept} 个）", "Saved versions (the last {kept})"),
    "content": ("该版本的内容", "What this version holds"),
    "no_files": (
        "还没有保存过的版本：保存播放列表、排期、设置或幻灯片后，这里会列出它们。",
        "No saved versions yet: each save of a playlist, the schedule, the settings or a slide adds one.",
    ),
    "pick_version": ("请选择一个版本查看内容。", "Choose a version to see what it holds."),
    "file_settings": ("设置与开放时间", "Settings and opening hours"),
    "file_schedule": ("排期", "Schedule"),
    "file_playlist": ("播放列表：{name}", "Playlist: {name}"),
    "file_slide": ("幻灯片：{name}", "Slide: {name}"),
    "version_line": ("第 {number} 版 · {when} · {who}", "Version {number} · {when} · {who}"),
    "current": ("当前", "current"),
    "who_glass": ("触摸屏", "on the glass"),
    "who_cli": ("终端命令", "by command"),
    "who_hall": ("展厅同步", "from the hall"),
    "who_copied": ("外部复制", "copied in"),
    "restore": ("恢复此版本", "Restore this version"),
    "restore_ask": (
        "恢复{file}的第 {number} 版？当前版本仍保留在历史中。",
        "Restore version {number} of {file}? The current version stays in the history.",
    ),
    "restore_yes": ("恢复", "Restore"),
    "restored": (
        "已恢复为第 {number} 版，轮播已更新",
        "Restored as version {number}; the showcase now uses it",
    ),
    "is_current": ("这就是当前版本。", "This is the current version."),
    "version_refused": ("此版本未被采用：{reason}", "This version is refused: {reason}"),
    "summary_default": ("默认列表：{name}", "Default playlist: {name}"),
    "summary_rules": ("时段 {count} 个", "{count} time windows"),
    "summary_play_now": ("立即播放：{name}，至 {until}", "Playing now: {name} until {until}"),
    "summary_items": ("{count} 张幻灯片", "{count} slides"),
    "summary_idle": ("无操作返回轮播：{seconds} 秒", "Back to the showcase after {seconds} s idle"),
    "summary_language": ("默认语言：{language}", "Default language: {language}"),
    "summary_switches": (
        "仅展示：{display}；减少动画：{motion}；统计：{stats}",
        "Display only: {display}; reduced motion: {motion}; statistics: {stats}",
    ),
    "summary_hours_off": ("开放时间：未启用", "Opening hours: off"),
    "summary_hours": (
        "开放时间：每周 {days} 天，闭馆日 {closed} 个",
        "Opening hours: {days} days a week, {closed} closed dates",
    ),
    "on": ("开", "on"),
    "off": ("关", "off"),
}
