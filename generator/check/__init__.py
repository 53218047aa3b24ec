"""The check phase: the editor's warnings and the errors that stop a plan; reports, never changes a record."""
