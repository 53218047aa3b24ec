"""A plan through time: its editions aligned (``align.py``: ids kept across editions) and
where each edition's pages stand (``place.py``)."""
