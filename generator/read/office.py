"""Old binary office files (.doc, .wps: the OLE2 container) through LibreOffice headless.

LibreOffice is not a dependency of plansite: when neither ``soffice`` nor ``libreoffice`` is
on PATH, the editor is told to save the file as .docx. When it is, the file is converted to
.docx in a temporary folder and read by ``read.docx``. Each call has its own LibreOffice
profile (``-env:UserInstallation``): two conversions on one profile lose one. A conversion
that takes longer than :data:`TIMEOUT` seconds is killed (its whole process group).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from generator.read.lines import SourceLine
from generator.structure.diagnostics import Report
from generator.structure.messages import msg

TIMEOUT = 120  # seconds: the seed's .doc converts in about 5 s
OFFICE_PROGRAMS = ("soffice", "libreoffice")


def office_program() -> str | None:
    """The path of LibreOffice's command on PATH, or None."""
    return next((found for name in OFFICE_PROGRAMS if (found := shutil.which(name))), None)


def ole_lines(data: bytes, where: str, report: Report) -> list[SourceLine] | None:
    """The lines of a .doc or .wps file (converted to .docx by LibreOffice), or None after
    an error: LibreOffice missing, the conversion failed or timed out."""
    program = office_program()
    if program is None:
        report.error(where, 1, "doc-needs-office",
                     msg("the file is an old Word or WPS file (.doc/.wps), which plansite reads only through "
                         "LibreOffice, and LibreOffice (soffice) is not installed here: open the file in Word or "
                         "WPS, save it as .docx (Word document) and name that file in source:"))
        return None
    converted = _convert(program, data, where, report)
    if converted is None:
        return None
    from generator.read.docx import docx_lines

    return docx_lines(converted, where, report)


def _convert(program: str, data: bytes, where: str, report: Report) -> bytes | None:
    with tempfile.TemporaryDirectory(prefix="plansite-office-") as folder:
        work = Path(folder)
        (work / "in.doc").write_bytes(data)
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(work / "in.doc")]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   start_new_session=True, env={**os.environ, "HOME": str(work)})
        try:
            _, errors = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)  # LibreOffice and the processes it started
            except ProcessLookupError:
                pass
            process.communicate()
            report.error(where, 1, "doc-timeout",
                         msg("LibreOffice did not convert the file within {seconds} s: save it as .docx and name "
                             "that file in source:", seconds=TIMEOUT))
            return None
        result = work / "out" / "in.docx"
        if process.returncode != 0 or not result.is_file():
            detail = errors.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            report.error(where, 1, "doc-unconvertible",
                         msg("LibreOffice could not convert the file ({reason}): open it in Word or WPS, save it "
                             "as .docx and name that file in source:", reason=detail[0][:200]))
            return None
        return result.read_bytes()
