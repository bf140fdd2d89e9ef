"""What the kiosk's statistics say to staff: the Insights tab, its page and its cards."""
