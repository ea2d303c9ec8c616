"""Rendering the Word templates: docxtpl's own steps, with each template loaded, patched and
compiled once per run however many documents it gives, and each document written once, straight
as the final fixed-date zip. The bytes are those of docxtpl's render(), python-docx's save() and
freeze_zip(): that route re-read the template, re-patched and recompiled its XML for every
document and compressed every part twice (the styles alone are 0.8 MB a document)."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.pkgwriter import _ContentTypesItem
from docxtpl import DocxTemplate
from jinja2 import Environment

from pipeline.report.files import ZIP_TIME
from pipeline.report.template_kit import FIXED_TIMESTAMP

# the core properties docxtpl renders as templates (DocxTemplate.render_properties)
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


class CompileOnce(Environment):
    """A Jinja environment that compiles each text once: docxtpl asks it to compile every part of
    every document it renders, and the same template text gives the same compiled template."""

    def __init__(self):
        super().__init__(autoescape=True)   # as DocxTemplate.render(autoescape=True) makes its own
        self.compiled: dict[str, object] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self.compiled:
            self.compiled[source] = super().from_string(source)
        return self.compiled[source]


class Stencil(DocxTemplate):
    """One template loaded and patched once and rendered into many documents. It keeps the loaded
    document and puts each rendering's body into it; a template with headers, footers or
    footnotes (which docxtpl renders in place) is loaded afresh for each document instead."""

    def __init__(self, path: Path, env: CompileOnce):
        super().__init__(str(path))
        self.env = env
        self.init_docx()
        package = self.docx.part.package
        self.kept = not (list(self.get_headers_footers(self.HEADER_URI)) or list(self.get_headers_footers(self.FOOTER_URI))
                         or any(p.content_type == FOOTNOTES for p in package.iter_parts()))
        self.patched = self.patch_xml(self.get_xml())
        self.properties = {p: getattr(self.docx.core_properties, p) for p in PROPERTIES}
        self.blobs: dict[str, bytes] = {}   # the parts a rendering leaves alone, serialised once

    def compile_ahead(self) -> None:
        """Compile now the texts a rendering will ask the environment for: the body as docxtpl's
        render_xml_part passes it, and the core properties."""
        self.env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", self.patched))
        for text in self.properties.values():
            self.env.from_string(text)

    def render_entries(self, context: dict) -> list[tuple[str, bytes]]:
        """The rendered document's zip entries (name, data), in python-docx's order."""
        if not self.kept:
            doc = DocxTemplate(self.template_file)
            doc.render(context, jinja_env=self.env)
            return _entries(_stamped(doc.docx), {})
        self.render_init()   # never marked rendered, so the loaded document stays
        xml = self.render_xml_part(self.patched, self.docx._part, context, self.env)
        tree = self.fix_tables(xml)
        self.fix_docpr_ids(tree)
        self.map_tree(tree)
        for name, text in self.properties.items():
            setattr(self.docx.core_properties, name, self.env.from_string(text).render(context))
        return _entries(_stamped(self.docx), self.blobs)


def _stamped(docx):
    docx.core_properties.created = FIXED_TIMESTAMP
    docx.core_properties.modified = FIXED_TIMESTAMP   # what freeze_zip would write in core.xml
    return docx


def _entries(docx, blobs: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """python-docx's PackageWriter.write: content types, package relationships, then each part
    and its relationships. The body and the core properties change with every rendering; the
    other parts' blobs are taken from (and kept in) ``blobs``."""
    package = docx.part.package
    parts = list(package.iter_parts())
    changing = {p.partname for p in parts if p is docx.part or p.content_type == CT.OPC_CORE_PROPERTIES}
    out = [("[Content_Types].xml", _ContentTypesItem.from_parts(parts).blob), ("_rels/.rels", package.rels.xml)]
    for part in parts:
        name = part.partname.membername
        if part.partname in changing:
            out.append((name, part.blob))
        else:
            out.append((name, blobs[name] if name in blobs else blobs.setdefault(name, part.blob)))
        if len(part.rels):
            out.append((part.partname.rels_uri.membername, part.rels.xml))
    return out


def write_zip(path: Path, entries: list[tuple[str, bytes]], deflated: dict[bytes, tuple[int, bytes]]) -> None:
    """The zip that freeze_zip writes (zipfile's writestr of each entry, deflated, dated ZIP_TIME),
    with each distinct data compressed once: ``deflated`` keeps (CRC, compressed) by data."""
    year, month, day, hour, minute, second = ZIP_TIME
    date, time = (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2
    system, version = zipfile.ZipInfo().create_system, zipfile.DEFAULT_VERSION
    local, central = bytearray(), bytearray()
    for name, data in entries:
        if data not in deflated:
            packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
            deflated[data] = (zlib.crc32(data), packer.compress(data) + packer.flush())
        crc, packed = deflated[data]
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), 0x800
        if len(data) * 1.05 > zipfile.ZIP64_LIMIT or len(local) > zipfile.ZIP64_LIMIT:
            raise ValueError(f"{path.name}: too large for a plain zip")
        fields = (flags, zipfile.ZIP_DEFLATED, time, date, crc, len(packed), len(data), len(encoded))
        central += struct.pack(zipfile.structCentralDir, zipfile.stringCentralDir, version, system, version, 0,
                               *fields, 0, 0, 0, 0, 0o600 << 16, len(local)) + encoded
        local += struct.pack(zipfile.structFileHeader, zipfile.stringFileHeader, version, 0, *fields, 0) + encoded
        local += packed
    end = struct.pack(zipfile.structEndArchive, zipfile.stringEndArchive, 0, 0, len(entries), len(entries),
                      len(central), len(local), 0)
    with open(path, "wb") as fh:
        fh.write(local + central + end)
