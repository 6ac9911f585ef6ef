"""The text stages: pure functions from a scraped text to the canonical one, each returning its changes."""
