"""Opening hours: the editor of the week and its page in staff mode."""
