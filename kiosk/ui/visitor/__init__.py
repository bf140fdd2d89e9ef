"""What a visitor touches: the visitor view, its pages, the idle return and pages built ahead."""
