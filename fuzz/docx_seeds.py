#!/usr/bin/env python3
"""The .docx files given, as the unzipped seeds of fuzz/docx_fuzzer.cpp.

    docx_seeds.py OUT-FOLDER FILE.docx...

An input of the docx fuzzer that does not start with "PK" is the parts the
reader reads, separated by the marker <<<part>>>, in this order:
word/document.xml, word/styles.xml, word/numbering.xml,
word/_rels/document.xml.rels (an empty part is left out of the zip); the
fuzzer zips them itself, so that mutations reach the WordprocessingML
instead of breaking the zip's checksums. Here each .docx becomes
OUT-FOLDER/NAME.parts. Word's latent styles (most of a python-docx
styles.xml, and nothing the reader looks at) are dropped to keep the seeds
small, and so are the styles no paragraph, run, table or numbering level
names (python-docx's template defines hundreds). Files that are not zips
are skipped.
"""
import os
import re
import sys
import zipfile

PARTS = ["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/_rels/document.xml.rels"]
MARKER = b"<<<part>>>"


STYLE = re.compile(rb"<w:style\b[^>]*>.*?</w:style>", re.S)


def used_styles(styles, users):
    styles = re.sub(rb"<w:latentStyles\b.*?</w:latentStyles>", b"", styles, flags=re.S)
    wanted = set(re.findall(rb'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]*)"', users))
    defined = {}
    for m in STYLE.finditer(styles):
        sid = re.search(rb'w:styleId="([^"]*)"', m.group(0))
        defined[sid.group(1) if sid else b""] = m.group(0)
        if re.search(rb'w:default="(?:1|true)"', m.group(0).split(b">", 1)[0]) and sid:
            wanted.add(sid.group(1))
    todo = list(wanted)
    while todo:
        block = defined.get(todo.pop(), b"")
        for ref in re.findall(rb'<w:(?:basedOn|link) w:val="([^"]*)"', block):
            if ref not in wanted:
                wanted.add(ref)
                todo.append(ref)

    def keep(m):
        sid = re.search(rb'w:styleId="([^"]*)"', m.group(0))
        return m.group(0) if sid and sid.group(1) in wanted else b""

    return STYLE.sub(keep, styles)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for path in sys.argv[2:]:
        try:
            z = zipfile.ZipFile(path)
            parts = []
            for name in PARTS:
                try:
                    data = z.read(name)
                except KeyError:
                    data = b""
                parts.append(data)
            parts[1] = used_styles(parts[1], parts[0] + parts[2])
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            continue
        if not parts[0]:
            continue
        name = os.path.splitext(os.path.basename(path))[0] + ".parts"
        with open(os.path.join(out, name), "wb") as f:
            f.write(MARKER.join(parts))


if __name__ == "__main__":
    main()
