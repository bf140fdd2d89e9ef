"""Making staff slides from text and pictures, shared by the staff panel and `kiosk slide`."""
