#!/usr/bin/python3
"""The facts an expected-facts table (fixtures/expected.tsv, fixtures/corpus/expected.tsv)
records about a release, read from communique's XML of it. Shared by tests/cli/readers_test.sh
and tools/corpus-accuracy, so that both measure the same thing.

As a module: facts(xml_bytes) -> {field: text}, FIELDS, read_table(path), tsv_row(path, table).
As a command: tools/release_facts.py XML-FILE [FIELD] prints one field, or every field as
FIELD<TAB>VALUE lines.
"""
import csv
import re
import sys
import xml.etree.ElementTree as ET

NS = "{urn:communique:release:1}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FIELDS = ["headline", "dateline_place", "dateline_iso", "issuer", "genre", "lang"]


def text(e, br):  # text of e, <br/> as br
    out = [e.text or ""]
    for c in e:
        out.append(br if c.tag == NS + "br" else text(c, br))
        out.append(c.tail or "")
    return "".join(out)


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def facts(xml):
    empty = dict.fromkeys(FIELDS, "")
    try:
        r = ET.fromstring(xml)
    except ET.ParseError:
        return empty
    header, headline, dateline = (r.find(NS + n) for n in ("header", "headline", "dateline"))
    place = dateline.find(NS + "place") if dateline is not None else None
    date = dateline.find(NS + "date") if dateline is not None else None
    genre = header.find(NS + "genre") if header is not None else None
    orgs = header.findall(f"{NS}issuer/{NS}organisation") if header is not None else []
    return dict(
        headline=norm("".join(headline.itertext())) if headline is not None else "",
        dateline_place=norm(text(place, " ")) if place is not None else "",
        dateline_iso=date.get("when", "") if date is not None else "",
        # Joint issuers are joined with " / " in the tables; a name's <br/> is a space.
        issuer=" / ".join(norm(text(o, " ")) for o in orgs),
        genre=norm(text(genre, " ")) if genre is not None else "",
        lang=r.get(LANG, ""))


def read_table(table="fixtures/expected.tsv"):
    with open(table, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def tsv_row(path, table="fixtures/expected.tsv"):
    return {r["file"]: r for r in read_table(table)}[path]


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3) or (len(sys.argv) == 3 and sys.argv[2] not in FIELDS):
        sys.exit(f"usage: {sys.argv[0]} XML-FILE [{'|'.join(FIELDS)}]")
    got = facts(open(sys.argv[1], "rb").read())
    if len(sys.argv) == 3:
        print(got[sys.argv[2]])
    else:
        for k in FIELDS:
            print(f"{k}\t{got[k]}")
