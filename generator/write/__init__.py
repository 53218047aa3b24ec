"""The write phase: the only code that writes the site (staging and swap) and the build cache."""
