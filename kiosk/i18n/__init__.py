"""Languages as data: the set of languages, how each writes dates and ordinals, and the catalogues
of every sentence the kiosk's code says (kiosk/i18n/<language>.json), keyed by typed keys."""
