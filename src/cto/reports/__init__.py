"""One report model, many renderings (Markdown, self-contained HTML, JSON)."""
