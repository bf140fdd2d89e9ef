"""What the fit tests look for in the pseudo-locale: English typed into the code instead of taken
from a catalogue or the content pack. The pseudo-locale accents every vowel it writes, so a word of
plain English on screen did not come through it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QWidget

from kiosk.i18n.languages import OFFERED_TO_VISITORS, endonym

# Names shown as they are in every language: the program, a unit of memory, and the visitors'
# languages, each in its own words.
NAMES = {"kiosk", "MiB", *(endonym(language) for language in OFFERED_TO_VISITORS)}


def plain_english(word: str) -> bool:
    bare = word.strip("()“”\"'.,:;?!·[]~")
    english = bare.isascii() and bare.isalpha() and bool(set(bare) & set("aeiou"))
    return english and len(bare) >= 3 and bare not in NAMES


def unlocalized_texts(root: QWidget) -> list[str]:
    """Visible lines with words the pseudo-locale did not write; lines quoted from the log (indented)
    are the log's own English and are left out."""
    texts = [label.text() for label in root.findChildren(QLabel) if label.isVisibleTo(root)]
    texts += [button.text() for button in root.findChildren(QPushButton) if button.isVisibleTo(root)]
    for listing in root.findChildren(QListWidget):
        if listing.isVisibleTo(root):
            texts += [listing.item(row).text() for row in range(listing.count())]
    lines = [line for text in texts for line in text.split("\n") if not line.startswith("  ")]
    return [line for line in lines if any(plain_english(word) for word in line.split())]
