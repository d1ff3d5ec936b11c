"""The annual report: its figures, SVG charts and the Markdown/CSV/JSON formats."""
