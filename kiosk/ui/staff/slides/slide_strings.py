"""What the slides page and its picture picker say, in Chinese and English."""

from __future__ import annotations

SLIDE_TEXTS: dict[str, tuple[str, str]] = {
    "tab_slides": ("自建幻灯片", "Staff slides"),
    "no_slides": (
        "还没有自建幻灯片：新建欢迎词、通知或结束语，或从 U 盘导入图片。",
        "No slides of your own yet: make a welcome, a notice or a closing card, or import a picture.",
    ),
    "unsaved_slide": ("新幻灯片，尚未保存", "New, not saved yet"),
    "new_welcome": ("新建欢迎", "New welcome"),
    "new_notice": ("新建通知", "New notice"),
    "new_closing": ("新建结束语", "New closing"),
    "import": ("导入图片", "Import picture"),
    "template_welcome": ("欢迎", "Welcome"),
    "template_notice": ("通知", "Notice"),
    "template_closing": ("结束语", "Closing"),
    "kind_picture": ("图片", "Picture"),
    "main_zh": ("中文（如：热烈欢迎；用 | 换行）", "Chinese (e.g. 热烈欢迎; | starts a new line)"),
    "main_en": ("英文", "English"),
    "line2_zh": ("第二行中文（代表团名称、日期）", "Second line, Chinese (delegation, date)"),
    "line2_en": ("第二行英文", "Second line, English"),
    "caption_zh": ("中文说明（可不填）", "Chinese caption (optional)"),
    "caption_en": ("英文说明（可不填）", "English caption (optional)"),
    "fit": ("完整显示", "Whole picture"),
    "fill": ("铺满屏幕", "Fill the screen"),
    "preview_title": ("预览（与播放画面一致）", "Preview (exactly as it plays)"),
    "play_now": ("立即播放 30 分钟", "Play now for 30 minutes"),
    "play_now_name": ("{name}（单页插播）", "{name} (this slide alone)"),
    "saved": ("已保存，可在播放列表中使用", "Saved: it can now be added to any playlist"),
    "imported": ("已导入“{file}”（{width}×{height}）", "Imported {file} ({width}×{height})"),
    "delete_confirm": ("确定删除“{name}”吗？", 'Delete "{name}"?'),
    "delete_in_use": (
        "“{name}”用于播放列表：{uses}。删除后将从这些列表中移除。",
        "“{name}” is used by the playlists {uses}. Deleted, it is taken out of them.",
    ),
    "delete_only_slide": (
        "“{name}”是播放列表“{playlist}”中唯一的幻灯片：请先在该列表中加入其他幻灯片或删除该列表。",
        "“{name}” is the only slide of the playlist “{playlist}”: "
        "add another slide to it, or delete it, first.",
    ),
    "delete_not_here": (
        "“{name}”来自展厅共享文件夹，不能在本机删除。",
        "“{name}” comes from the hall's shared folder and cannot be deleted on this kiosk.",
    ),
    "deleted": ("已删除", "Deleted"),
    "save_first": ("请先修正文字再播放。", "Fix the text before playing it."),
    "picker_sticks": ("选择 U 盘", "Choose a USB stick"),
    "picker_in": ("U 盘：{folder}", "USB stick: {folder}"),
    "picker_up": ("上一级", "Up"),
    "picker_close": ("返回", "Back"),
    "picker_no_stick": (
        "没有找到 U 盘：请插入 U 盘后重试（查找位置：{roots}）",
        "No USB stick found: plug one in and try again (looked in {roots})",
    ),
    "picker_empty": (
        "这个文件夹中没有图片（PNG、JPEG、WebP）。",
        "No pictures (PNG, JPEG, WebP) in this folder.",
    ),
    "picker_gone": (
        "无法打开“{folder}”：U 盘可能已被拔出。",
        "{folder} cannot be opened: was the USB stick removed?",
    ),
    "picker_unusable": ("无法使用", "cannot be used"),
    "picker_heic": ("HEIC 照片\n请转为 JPEG", "HEIC photo:\nuse JPEG"),
    "picker_gif": ("GIF 动图\n请转为 PNG", "GIF image:\nuse PNG"),
}
