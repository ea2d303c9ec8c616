"""The council's Word rendering gives the bytes of docxtpl's render(), python-docx's save() and
freeze_zip(), for each of many documents from one template, with or without a header."""

from __future__ import annotations

import zipfile

import docx
from docxtpl import DocxTemplate

from pipeline.council.word import CompileOnce, Stencil, write_zip
from pipeline.report.files import ZIP_TIME, freeze_zip
from pipeline.report.template_kit import FIXED_TIMESTAMP


def _template(path, header: bool = False):
    d = docx.Document()
    d.add_paragraph("Họ và tên: {{ ten }}")
    d.add_paragraph("{% for x in dong %}{{ x }}; {% endfor %}")
    if header:
        d.sections[0].header.paragraphs[0].text = "Đơn vị: {{ don_vi }}"
    d.save(str(path))
    return path


def _old_way(template, context, path):
    doc = DocxTemplate(str(template))
    doc.render(context, autoescape=True)
    doc.core_properties.created = FIXED_TIMESTAMP
    doc.core_properties.modified = FIXED_TIMESTAMP
    doc.save(str(path))
    freeze_zip(path)
    return path.read_bytes()


def test_each_rendering_is_the_bytes_of_docxtpl_save_and_freeze_zip(tmp_path):
    for header in (False, True):
        template = _template(tmp_path / f"mau_{header}.docx", header)
        stencil, deflated = Stencil(template, CompileOnce()), {}
        assert stencil.kept is not header   # a header is rendered in place: that template is loaded per document
        for i, context in enumerate([{"ten": "Nguyễn Văn A", "dong": ["a", "b"], "don_vi": "Khóm 1"},
                                     {"ten": "Lê Thị B & C <D>", "dong": [], "don_vi": "Khóm 2"}]):
            path = tmp_path / f"moi_{header}_{i}.docx"
            write_zip(path, stencil.render_entries(context), deflated)
            assert path.read_bytes() == _old_way(template, context, tmp_path / f"cu_{header}_{i}.docx")


def test_the_zip_is_the_one_zipfile_writes(tmp_path):
    entries = [("[Content_Types].xml", b"<x/>" * 100), ("word/tài liệu.xml", "Hội đồng".encode() * 50),
               ("empty.bin", b""), ("again.xml", b"<x/>" * 100)]
    with zipfile.ZipFile(tmp_path / "zipfile.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED)
    write_zip(tmp_path / "ours.zip", entries, {})
    assert (tmp_path / "ours.zip").read_bytes() == (tmp_path / "zipfile.zip").read_bytes()


def test_templates_prepared_ahead_give_the_same_bytes_and_a_changed_one_is_loaded_again(tmp_path):
    from pipeline.council import documents
    folder = tmp_path / "van_ban"
    folder.mkdir()
    template = _template(folder / documents.MINUTES)
    context = {"ten": "Trần Văn C", "dong": ["x"], "don_vi": ""}
    documents.prepare(folder)   # the other templates are missing: skipped, left for the documents to report
    ahead = documents._templates()
    assert [key[0].name for key in ahead.loaded] == [documents.MINUTES]
    assert documents._templates() is not ahead   # taken once
    compiled = len(ahead.env.compiled)
    ahead.render(template, context, tmp_path / "a.docx")
    assert len(ahead.env.compiled) == compiled   # everything the rendering compiles was compiled ahead
    assert (tmp_path / "a.docx").read_bytes() == _old_way(template, context, tmp_path / "cu.docx")

    d = docx.Document()
    d.add_paragraph("Người khác: {{ ten }}")
    d.save(str(template))
    ahead.render(template, context, tmp_path / "b.docx")
    assert len(ahead.loaded) == 2   # changed after it was loaded: loaded again
    assert "Người khác: Trần Văn C" in docx.Document(str(tmp_path / "b.docx")).paragraphs[0].text
