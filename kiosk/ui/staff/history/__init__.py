"""The History page: every versioned file, its kept versions, a version's content, restore."""
