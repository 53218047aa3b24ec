"""The link phase: cross-references (专栏 projects, indicator statements, serves), figure findings and the editor's ``links.yml``, composed in ``compose``."""
