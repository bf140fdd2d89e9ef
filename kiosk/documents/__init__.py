"""What every file the kiosk reads shares: decoding, problems as sentences, declared limits. No Qt."""
