import os

# Must run before anything imports PySide6: tests never need a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
