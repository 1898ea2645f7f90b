"""Renderers: briefs and exports as Markdown and self-contained HTML (models in, text out)."""
