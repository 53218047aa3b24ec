"""Tiny PDFs written byte by byte, for the PDF converter's rule tests.

Text is set in the PDF standard Chinese font ``STSong-Light`` (Adobe-GB1) through the
predefined CMap ``UniGB-UCS2-H``: the strings are UTF-16 code units, nothing is embedded,
and every PDF reader maps them back to Unicode. Every character is one em wide (the
font's default width), so a line of n characters at size s is n·s points long. Coordinates
are PDF points from the page's bottom-left corner; pages are A4 (595 × 842).
"""
from __future__ import annotations

from dataclasses import dataclass, field

WIDTH, HEIGHT = 595, 842


@dataclass
class Page:
    """What one page draws: text runs, ruling lines and rectangles, an image."""

    texts: list[tuple[float, float, float, str]] = field(default_factory=list)  # x, y, size, text
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # x0, y0, x1, y1
    image: bool = False  # a grey full-page image and no text: a scanned page
    unmapped_font: bool = False  # set the text in a font with no Unicode map (Identity-H, no ToUnicode)

    def text(self, x: float, y: float, text: str, size: float = 16) -> "Page":
        self.texts.append((x, y, size, text))
        return self

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> "Page":
        self.rules.append((x0, y0, x1, y1))
        return self

    def grid(self, xs: list[float], ys: list[float]) -> "Page":
        """A ruled table: vertical lines at ``xs``, horizontal lines at ``ys``."""
        for x in xs:
            self.rule(x, min(ys), x, max(ys))
        for y in ys:
            self.rule(min(xs), y, max(xs), y)
        return self


def _content(page: Page) -> bytes:
    parts = []
    for x0, y0, x1, y1 in page.rules:
        parts.append(f"0.5 w {x0:.2f} {y0:.2f} m {x1:.2f} {y1:.2f} l S")
    for x, y, size, text in page.texts:
        if page.unmapped_font:
            hexed = "".join(f"{0x0400 + i:04X}" for i, _ in enumerate(text))
        else:
            hexed = text.encode("utf-16-be").hex().upper()
        parts.append(f"BT /F1 {size:g} Tf {x:.2f} {y:.2f} Td <{hexed}> Tj ET")
    if page.image:
        parts.append(f"q {WIDTH} 0 0 {HEIGHT} 0 0 cm /Im1 Do Q")
    return "\n".join(parts).encode("ascii")


def make_pdf(pages: list[Page], encrypt: bool = False) -> bytes:
    """The PDF file drawing ``pages``; ``encrypt`` adds an /Encrypt entry (a file that
    asks for a password)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
               b"/DescendantFonts [" + str(len(objects) + 3).encode() + b" 0 R] >>")
    add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (GB1) /Supplement 4 >> /FontDescriptor " + str(font + 1).encode() + b" 0 R /DW 1000 >>")
    bare = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /Unmapped /Encoding /Identity-H "
               b"/DescendantFonts [" + str(len(objects) + 2).encode() + b" 0 R] >>")
    add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Unmapped /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor " + str(font + 1).encode() + b" 0 R /DW 1000 >>")
    pixels = bytes([128]) * 64
    image = add(b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Length 64 >>\nstream\n" + pixels + b"\nendstream")
    kids = []
    for page in pages:
        content = _content(page)
        stream = add(b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream")
        used = bare if page.unmapped_font else font
        kids.append(add(
            b"<< /Type /Page /Parent " + str(pages_id).encode() + b" 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 " + str(used).encode() + b" 0 R >> /XObject << /Im1 "
            + str(image).encode() + b" 0 R >> >> /Contents " + str(stream).encode() + b" 0 R >>"))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages " + str(pages_id).encode() + b" 0 R >>"
    objects[pages_id - 1] = (b"<< /Type /Pages /Count " + str(len(kids)).encode() + b" /Kids ["
                             + b" ".join(str(k).encode() + b" 0 R" for k in kids) + b"] >>")
    encryption = None
    if encrypt:
        encryption = add(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"00" * 32 + b"> /U <" + b"00" * 32
                         + b"> /P -4 >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root {catalog} 0 R"
    if encryption:
        trailer += f" /Encrypt {encryption} 0 R /ID [<{'00' * 16}> <{'00' * 16}>]"
    out += f"trailer\n{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
