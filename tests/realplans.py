"""Where the real plans from outside the project are: ``../shared/realplans/`` beside the
checkout (or ``$PLANSITE_REALPLANS``). Their texts stay there; tests read them in place."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = [Path(os.environ["PLANSITE_REALPLANS"])] if os.environ.get("PLANSITE_REALPLANS") else []
CANDIDATES += [ROOT.parent / "shared" / "realplans", Path("/work/shared/realplans")]
REALPLANS = next((p for p in CANDIDATES if p.is_dir()), None)


def real_plan_folders() -> list[Path]:
    if REALPLANS is None:
        return []
    return sorted(p for p in REALPLANS.iterdir() if (p / "plan.yml").is_file())
