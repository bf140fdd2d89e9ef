"""Line breaking for mixed Chinese and English text, the way a Chinese typesetter expects it.

Qt wraps text by the Unicode line-breaking rules, which still leave a lone character on the last
line ("…“小巨人”企 / 业") and do not know the kiosk's narrow cards. Every visitor-facing text that
wraps (figure labels, story cards, slide captions, and staff slides) is broken here, once:

- no line starts with closing punctuation (，。、：；！？）」』”’》…%) nor ends with opening
  punctuation (（「『“‘《), the rule the Chinese call 避头尾 (kinsoku);
- Latin words and numbers (1,200, 50.8%, "km²") are never split, only broken at spaces;
- the last line never holds a single CJK character alone: one more comes down with it;
- in English, no line ends with a word that belongs to the next one ("of", "the", "per", "over":
  `BINDING`), and the last line is not one word alone ("Zone", "people") when the word before it
  can come down too;
- a word of `WORDS` (规划, 新区, 代表团…) is never split: no segmenter ships with the kiosk, so the
  words staff and the pack use most are listed here, and staff can break a line themselves where
  they want one with `|` (`manual_breaks`).

Measuring is the caller's: `break_lines` takes a function that gives a string's width (in Qt,
`QFontMetricsF(font).horizontalAdvance`), so this module stays free of Qt and is tested alone.
"""

from __future__ import annotations

from collections.abc import Callable

CLOSING = frozenset("，。、：；！？）」』”’》〉】〕…‥—％%,.:;!?)]}·•°℃")
OPENING = frozenset("（「『“‘《〈【〔([{")

Measure = Callable[[str], float]

# Words that lean on the word after them: a line ending in one reads as broken off mid-phrase.
BINDING = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "and",
        "or",
        "per",
        "with",
        "from",
        "as",
        "its",
        "into",
        "than",
        "over",
        "about",
        "nearly",
    }
)


def binds(unit: str) -> bool:
    """True for a unit that is one of the `BINDING` words (any case)."""
    return unit.strip().lower() in BINDING


# Words never split across lines: the exhibition's own and what staff write on welcome, notice and
# closing cards. Where two start at the same character the longer wins (热烈欢迎 over 欢迎).
WORDS = frozenset(
    (
        "规划",
        "新区",
        "湘江",
        "湖南",
        "长沙",
        "株洲",
        "湘潭",
        "长株潭",
        "岳麓",
        "望城",
        "宁乡",
        "大王山",
        "高铁",
        "西城",
        "科学城",
        "展厅",
        "展馆",
        "展示",
        "展览",
        "参观",
        "考察",
        "考察团",
        "代表团",
        "领导",
        "嘉宾",
        "莅临",
        "指导",
        "欢迎",
        "热烈欢迎",
        "欢迎光临",
        "光临",
        "谢谢",
        "感谢",
        "再见",
        "通知",
        "闭馆",
        "开馆",
        "开放",
        "暂停",
        "维修",
        "时间",
        "今天",
        "明天",
        "上午",
        "下午",
        "晚上",
        "周末",
        "活动",
        "会议",
        "论坛",
        "仪式",
        "签约",
        "产业",
        "创新",
        "科技",
        "科创",
        "项目",
        "投资",
        "企业",
        "经济",
        "发展",
        "建设",
        "城市",
        "民生",
        "区域",
        "协同",
        "合作",
        "交流",
        "学校",
        "社区",
        "国家级",
        "人工智能",
        "智能",
        "制造",
        "数字",
        "服务",
        "专班",
        "雷锋",
    )
)
_LONGEST_WORD = max(len(word) for word in WORDS)
# What staff type to start a new line where they want one (the on-screen keyboard has no Enter
# for that: Enter finishes the field).
STAFF_BREAKS = "|｜"


def manual_breaks(text: str) -> str:
    """Staff text with its `|` turned into line breaks."""
    for mark in STAFF_BREAKS:
        text = text.replace(mark, "\n")
    return text


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3400 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x3040 <= code <= 0x30FF
        or 0x20000 <= code <= 0x2FFFF
    )


def units(text: str) -> list[str]:
    """The text cut where a line may break: each CJK character alone (a word of `WORDS` whole),
    each Latin word with the space after it, punctuation glued to what it must not be parted from
    (an opening mark starts a unit even after a Latin character, and takes what follows it, spaces
    included)."""
    pieces: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        word = _word_at(text, index) if is_cjk(char) else char
        index += len(word)
        previous = pieces[-1] if pieces else ""
        if not previous:
            pieces.append(word)
        elif char in CLOSING or previous.rstrip(" ")[-1:] in OPENING or char == " ":
            pieces[-1] += word
        elif char in OPENING or is_cjk(char) or is_cjk(previous[-1]) or previous[-1] == " ":
            pieces.append(word)
        else:
            pieces[-1] += word  # inside a Latin word or a number
    return pieces


def _word_at(text: str, index: int) -> str:
    """The longest word of `WORDS` that starts at `index`, else the one character there."""
    for length in range(min(_LONGEST_WORD, len(text) - index), 1, -1):
        if text[index : index + length] in WORDS:
            return text[index : index + length]
    return text[index]


def break_lines(text: str, width: float, measure: Measure) -> list[str]:
    """`text` broken into lines no wider than `width` (a single unbreakable unit wider than the
    width gets a line of its own); explicit newlines are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _break_paragraph(paragraph, width, measure)
    return lines


def _break_paragraph(paragraph: str, width: float, measure: Measure) -> list[str]:
    pieces = units(paragraph)
    if not pieces:
        return [""]
    lines: list[list[str]] = [[]]
    for piece in pieces:
        current = lines[-1]
        candidate = "".join(current) + piece
        if current and measure(candidate.rstrip(" ")) > width:
            lines.append([*_binding_tail(current, [piece], width, measure), piece])
        else:
            current.append(piece)
    _keep_company(lines, width, measure)
    return ["".join(line).rstrip(" ") for line in lines]


def _binding_tail(line: list[str], following: list[str], width: float, measure: Measure) -> list[str]:
    """The words at the end of `line` that bind to `following`, taken off it, as long as they fit
    on the next line with it; the line keeps at least its first unit."""
    carried: list[str] = []
    while len(line) > 1 and binds(line[-1]):
        if measure("".join([line[-1], *carried, *following]).rstrip(" ")) > width:
            break
        carried.insert(0, line.pop())
    return carried


def _keep_company(lines: list[list[str]], width: float, measure: Measure) -> None:
    """A last line of one CJK character takes the previous line's last unit with it; a last line
    of one English word takes the word before it (and any word binding to that one)."""
    if len(lines) < 2:
        return
    last, before = lines[-1], lines[-2]
    lone = "".join(last).strip()
    latin = bool(lone) and not any(is_cjk(char) for char in lone + before[-1])
    if len(last) == 1 and latin and len(before) > 2:
        word = [before.pop()]
        words = _binding_tail(before, word, width, measure) + word
        if measure("".join(words + last).rstrip(" ")) <= width:
            last[0:0] = words
        else:
            before.extend(words)
        return
    if len(last) == 1 and len(lone) <= 2 and any(is_cjk(char) for char in lone) and len(before) > 1:
        moved = before.pop()
        candidate = moved + "".join(last)
        if measure(candidate.rstrip(" ")) <= width:
            last.insert(0, moved)
        else:
            before.append(moved)


def violations(lines: list[str]) -> list[str]:
    """What a typesetter would mark in `lines`: the checks the tests (and widgets' tests) apply."""
    found = []
    for index, line in enumerate(lines):
        if line and line[0] in CLOSING and index > 0:
            found.append(f"line {index + 1} starts with {line[0]!r}: {line!r}")
        if line and line[-1] in OPENING and index < len(lines) - 1:
            found.append(f"line {index + 1} ends with {line[-1]!r}: {line!r}")
    if len(lines) > 1 and len(lines[-1]) == 1 and is_cjk(lines[-1]):
        found.append(f"a lone {lines[-1]!r} on the last line")
    for index, line in enumerate(lines[:-1]):
        words = line.split(" ")
        if len(words) > 1 and binds(words[-1]) and not is_cjk(line[-1]):
            found.append(f"line {index + 1} ends with {words[-1]!r}, which belongs to the next: {line!r}")
    return found
