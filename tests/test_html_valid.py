"""Every page passes the Nu HTML Checker (vnu.jar from npm, run with the machine's Java)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(built_site):
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run `make test-deps` (as root it installs Debian's default-jre-headless)")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "gnu",
                             str(built_site)], capture_output=True, text=True, timeout=300)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert errors == []
    assert result.returncode == 0
