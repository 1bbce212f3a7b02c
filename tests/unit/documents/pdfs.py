"""A minimal PDF writer for fixtures: standard-14 fonts, text, filled rectangles, gray images, RC4 encryption.

Written by hand (no dev dependency): each page is a content stream in PDF operator syntax, so tests can say
exactly what is drawn where, in which order, with which colour, size and render mode.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float = 11
    rgb: tuple[float, float, float] = (0, 0, 0)
    render_mode: int = 0  # 3 = invisible


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    rgb: tuple[float, float, float] = (0, 0, 0)


@dataclass(frozen=True)
class Image:
    """An 8x8 gray checkerboard scaled to the box: stands in for a scanned page."""

    x: float
    y: float
    width: float
    height: float


Item = Text | Rect | Image


@dataclass
class Pdf:
    pages: Sequence[Sequence[Item]] = field(default_factory=list)
    size: tuple[float, float] = (612, 792)
    info: dict[str, str] = field(default_factory=dict)
    declared_page_count: int | None = None  # lie about /Count in the page tree
    user_password: str | None = None  # RC4 40-bit (revision 2) encryption when set

    def build(self) -> bytes:
        return _Writer(self).write()


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(items: Sequence[Item]) -> bytes:
    ops: list[bytes] = []
    for item in items:
        if isinstance(item, Text):
            r, g, b = item.rgb
            ops.append(
                f"BT /F1 {item.size:g} Tf {item.render_mode} Tr {r:g} {g:g} {b:g} rg "
                f"{item.x:g} {item.y:g} Td (".encode()
                + _escape(item.text)
                + b") Tj ET"
            )
        elif isinstance(item, Rect):
            r, g, b = item.rgb
            ops.append(f"q {r:g} {g:g} {b:g} rg {item.x:g} {item.y:g} {item.width:g} {item.height:g} re f Q".encode())
        else:
            ops.append(f"q {item.width:g} 0 0 {item.height:g} {item.x:g} {item.y:g} cm /Im1 Do Q".encode())
    return b"\n".join(ops)


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


class _Writer:
    def __init__(self, spec: Pdf) -> None:
        self.spec = spec
        self.objects: list[bytes] = []
        self.file_id = hashlib.md5(repr(spec).encode()).digest()
        self.key: bytes | None = None
        self.encrypt_dict = b""
        if spec.user_password is not None:
            self._setup_encryption(spec.user_password, "owner-" + spec.user_password)

    def _setup_encryption(self, user: str, owner: str) -> None:
        def pad(password: str) -> bytes:
            return (password.encode("latin-1") + _PAD)[:32]

        permissions = -4  # all permissions
        owner_entry = _rc4(hashlib.md5(pad(owner)).digest()[:5], pad(user))
        seed = pad(user) + owner_entry + permissions.to_bytes(4, "little", signed=True) + self.file_id
        self.key = hashlib.md5(seed).digest()[:5]
        user_entry = _rc4(self.key, _PAD)
        self.encrypt_dict = (
            b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <"
            + owner_entry.hex().encode()
            + b"> /U <"
            + user_entry.hex().encode()
            + b"> >>"
        )

    def _crypt(self, number: int, data: bytes) -> bytes:
        if self.key is None:
            return data
        object_key = hashlib.md5(self.key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
        return _rc4(object_key, data)

    def _add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def _stream(self, data: bytes, extra: bytes = b"") -> int:
        number = len(self.objects) + 1
        data = self._crypt(number, data)
        return self._add(b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream")

    def write(self) -> bytes:
        spec = self.spec
        font = self._add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        pixels = bytes((0 if (x + y) % 2 else 255) for y in range(8) for x in range(8))
        image = self._stream(
            pixels, b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        )
        pages_number = len(self.objects) + 2 * len(spec.pages) + 1
        kids = []
        for items in spec.pages:
            content = self._stream(_content(items))
            kids.append(
                self._add(
                    b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                    % (pages_number, spec.size[0], spec.size[1], content, font, image)
                )
            )
        count = spec.declared_page_count if spec.declared_page_count is not None else len(kids)
        refs = b" ".join(b"%d 0 R" % k for k in kids)
        assert self._add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, count)) == pages_number
        catalog = self._add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_number)
        info_number = len(self.objects) + 1
        info_entries = b"".join(
            b"/%s <%s> " % (k.encode(), self._crypt(info_number, v.encode("latin-1")).hex().encode())
            for k, v in spec.info.items()
        )
        info = self._add(b"<< " + info_entries + b">>")
        encrypt = self._add(self.encrypt_dict) if self.key is not None else None
        return self._serialise(catalog, info, encrypt)

    def _serialise(self, catalog: int, info: int, encrypt: int | None) -> bytes:
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        trailer = b"/Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]" % (
            len(self.objects) + 1,
            catalog,
            info,
            self.file_id.hex().encode(),
            self.file_id.hex().encode(),
        )
        if encrypt is not None:
            trailer += b" /Encrypt %d 0 R" % encrypt
        out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)
