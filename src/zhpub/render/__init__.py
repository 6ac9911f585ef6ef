"""Renderers: thin layers that turn the Document model into pages (site), print HTML (PDF) and data files."""
