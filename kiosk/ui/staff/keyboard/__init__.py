"""The on-screen keyboard with Pinyin: the kiosk side (a field opens it) and its own window process."""
