"""The hall console: the staff PC's window over the hall folder and the kiosks' status files."""
