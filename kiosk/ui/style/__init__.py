"""The look: theme tokens and style sheet, the icon registry, bundled fonts and resources, motion."""
