"""Where the real plans from outside the project are: ``../shared/realplans/`` beside the
checkout (or ``$PLANSITE_REALPLANS``), and ``tests/fixtures/realplans/`` (plans of other
sectors kept in the repository, sources in its README.md). The shared texts stay there;
a test copies a plan's folder into its own temporary content folder (``copied``): a plan
folder linked from outside the content folder is refused, as an editor's would be."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = [Path(os.environ["PLANSITE_REALPLANS"])] if os.environ.get("PLANSITE_REALPLANS") else []
CANDIDATES += [ROOT.parent / "shared" / "realplans", Path("/work/shared/realplans")]
REALPLANS = next((p for p in CANDIDATES if p.is_dir()), None)
FIXTURE_REALPLANS = ROOT / "tests" / "fixtures" / "realplans"


def real_plan_folders() -> list[Path]:
    """The shared real plans (when beside the checkout), then those in the repository."""
    shared = sorted(p for p in REALPLANS.iterdir() if (p / "plan.yml").is_file()) if REALPLANS else []
    return shared + fixture_plan_folders()


def fixture_plan_folders() -> list[Path]:
    """The real plans of other sectors kept in ``tests/fixtures/realplans/``, by slug."""
    return sorted(p for p in FIXTURE_REALPLANS.iterdir() if (p / "plan.yml").is_file())


def copied(folder: Path, content: Path) -> Path:
    """``folder`` copied into ``content`` (made if missing); returns the copy."""
    content.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copytree(folder, content / folder.name))
