"""The parse phase: paragraphs to tokens (lex, with the genre's printed forms in grammar) to the frozen record tree, with tables, figures and targets."""
