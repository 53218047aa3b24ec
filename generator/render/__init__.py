"""The render phase: view models, HTML from the templates, and the open-data export."""
