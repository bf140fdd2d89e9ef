"""Staff's own slides: the page, its fields, list, buttons and preview, the picture picker, and
their words."""
