"""The records every phase passes on: the plan's nodes (records), their ids, the site's paths and the diagnostics report."""
