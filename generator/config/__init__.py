"""What the build is told besides the plan's text: the YAML loader, the genres' knowledge (``generator/genres/*.yml``) and ``site.yml``."""
