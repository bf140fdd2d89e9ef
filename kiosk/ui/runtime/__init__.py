"""Process wiring: start-up, the window, signals, systemd, reloads, lockdown, the fleet link and the
opening-hours guard; what `kiosk run` and `kiosk render` put together."""
