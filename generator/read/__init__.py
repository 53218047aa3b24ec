"""The read phase: find plan folders, read ``plan.yml`` and the published text, cut it into numbered paragraphs."""
