#!/usr/bin/python3
"""Makes the .docx fixtures of tests/unit/test_docx_reader.cpp.

Run from anywhere: /usr/bin/python3 tests/unit/docx/make.py (Debian's python3-docx).
python-docx writes what Word itself would (its default template's styles,
numbering and settings); what it has no API for (custom numbering, tracked
changes, fields, footnotes) is written as WordprocessingML by hand into a
minimal package with zipfile. The files are deterministic: fixed timestamps.
"""
import os
import zipfile

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STAMP = (2024, 1, 1, 0, 0, 0)


def fixed_times(path):
    """Rewrites a zip with fixed timestamps so that it is the same every run."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, STAMP), data, zipfile.ZIP_DEFLATED)


def python_docx_styles():
    """Bold directly, through a character style, through a paragraph style
    based on another; a title, a heading, centred and justified text, a
    bigger size, capitals, a manual line break, a page break, a table."""
    d = docx.Document()
    strong = d.styles.add_style("Loud", WD_STYLE_TYPE.CHARACTER)
    strong.font.bold = True
    base = d.styles.add_style("Base Bold", WD_STYLE_TYPE.PARAGRAPH)
    base.base_style = d.styles["Normal"]
    base.font.bold = True
    derived = d.styles.add_style("Derived", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = base
    derived.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("Title Text", style="Title")                             # P1
    p = d.add_paragraph("plain ")                                           # P2
    p.add_run("bold").bold = True
    p.add_run(" and ")
    p.add_run("loud", style="Loud")
    p.add_run(" not").bold = False
    d.add_paragraph("All bold by style", style="Derived")                   # P3
    p = d.add_paragraph("Bold but ", style="Base Bold")                     # P4
    p.add_run("not this").bold = False
    d.add_paragraph("")                                                     # P5, empty
    p = d.add_paragraph("Centred")                                          # P6
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = d.add_paragraph()                                                   # P7
    r = p.add_run("Big")
    r.font.size = Pt(22)
    r = p.add_run(" caps")
    r.font.all_caps = True
    r = p.add_run(" it")
    r.italic = True
    r.underline = True
    p = d.add_paragraph("First line")                                       # P8
    p.add_run().add_break()
    p.add_run("second\tline")
    p = d.add_paragraph("Before")                                           # P9
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("After")
    d.add_heading("A heading", level=2)                                     # P10
    t = d.add_table(rows=2, cols=2)                                         # P11-P14
    for i, row in enumerate(t.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"r{i}c{j}"
    d.add_paragraph("After table").paragraph_format.left_indent = Pt(36)    # P15
    d.add_paragraph("Bullet one", style="List Bullet")                     # P16
    d.add_paragraph("Bullet two", style="List Bullet")                     # P17
    path = os.path.join(HERE, "styles.docx")
    d.save(path)
    fixed_times(path)


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/news" TargetMode="External"/>
</Relationships>"""


def by_hand(name, body, numbering="", footnotes=""):
    """A minimal package around a hand-written body."""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>')
    parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS,
             "word/_rels/document.xml.rels": DOCUMENT_RELS, "word/document.xml": document}
    if numbering:
        parts["word/numbering.xml"] = f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>'
    if footnotes:
        parts["word/footnotes.xml"] = f'<w:footnotes xmlns:w="{W}">{footnotes}</w:footnotes>'
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts.items():
            z.writestr(zipfile.ZipInfo(part, STAMP), text.encode("utf-8"), zipfile.ZIP_DEFLATED)


def para(text, num=None, ilvl=0):
    numpr = f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>' if num else ""
    return f'<w:p>{numpr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def level(ilvl, fmt, text, start=1):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def lists():
    """Decimal with a nested "(a)" level, a restart by startOverride,
    Symbol-font bullets nested two deep."""
    numbering = (
        '<w:abstractNum w:abstractNumId="0">' + level(0, "decimal", "%1.") + level(1, "lowerLetter", "(%2)")
        + level(2, "lowerRoman", "%1.%2.%3") + '</w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1">' + level(0, "bullet", "\uf0b7") + level(1, "bullet", "o")
        + '</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>')
    body = (para("Intro")                          # P1
            + para("One", 1)                       # P2  1.
            + para("Sub a", 1, 1)                  # P3  (a)
            + para("Sub b", 1, 1)                  # P4  (b)
            + para("Deep", 1, 2)                   # P5  2.b.i -> "2.b.i"? no: %1.%2.%3 = 1.b.i
            + para("Two", 1)                       # P6  2.
            + para("Sub again", 1, 1)              # P7  (a): restarted under Two
            + para("Middle")                       # P8
            + para("Dot", 2)                       # P9  •
            + para("Circle", 2, 1)                 # P10 o
            + para("Dot two", 2)                   # P11 •
            + para("Five", 3))                     # P12 5.
    by_hand("lists.docx", body, numbering)


def changes_fields_notes():
    """Tracked changes, a hyperlink, fields (simple and complex, one a
    HYPERLINK), a footnote (not read: only its mark takes a column), a
    content control, alternate content."""
    body = (
        # P1: "Kept inserted moved" - the deletion and the move away are gone.
        '<w:p><w:r><w:t xml:space="preserve">Kept </w:t></w:r>'
        '<w:del w:id="1" w:author="a"><w:r><w:delText>deleted </w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t xml:space="preserve">inserted </w:t></w:r></w:ins>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>gone </w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="a"><w:r><w:t>moved</w:t></w:r></w:moveTo></w:p>'
        # P2: "See site now" with "site" a link.
        '<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r>'
        '<w:hyperlink r:id="rId9"><w:r><w:t>site</w:t></w:r></w:hyperlink>'
        '<w:hyperlink w:anchor="top"><w:r><w:t xml:space="preserve"> now</w:t></w:r></w:hyperlink></w:p>'
        # P3: "Page 7 of go" - a simple field and a complex HYPERLINK field.
        '<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>'
        '<w:r><w:t xml:space="preserve"> of </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/go" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>go</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        # P4: "Noted." with a footnote reference after it (column 7).
        '<w:p><w:r><w:t>Noted.</w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/></w:r></w:p>'
        # P5: a content control and alternate content (the Choice is read).
        '<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>In control</w:t></w:r>'
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="w14"><w:r><w:t xml:space="preserve"> choice</w:t></w:r></mc:Choice>'
        '<mc:Fallback><w:r><w:t xml:space="preserve"> fallback</w:t></w:r></mc:Fallback>'
        '</mc:AlternateContent></w:p></w:sdtContent></w:sdt>')
    footnotes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> The note.</w:t></w:r></w:p></w:footnote>')
    by_hand("changes.docx", body, footnotes=footnotes)


if __name__ == "__main__":
    python_docx_styles()
    lists()
    changes_fields_notes()
