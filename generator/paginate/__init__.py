"""The paginate phase: which page shows each node, URLs, citations, navigation and the stages of each clause."""
