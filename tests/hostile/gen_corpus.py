#!/usr/bin/env python3
"""Writes the big pathological inputs of the hostile-input tests into a folder.

    gen_corpus.py OUT_DIR

The small ones are committed in tests/hostile/corpus/; these are made at test
time so that the repository holds no megabytes of junk. Every file is
deterministic (same bytes on every run). Sizes are chosen against the
engine's default limits: max_input_bytes is 1 MiB (1,048,576 bytes), so the
inputs just below it exercise the parsers, and the ones above it check that
the limit refuses them at once. Many have more elements than max_elements
(5,000) allows: the reader still reads them whole before refusing them.
"""
import os
import random
import sys

LIMIT = 1024 * 1024
HEADER = ("KINGDOM OF CAMBODIA\nNATION RELIGION KING\n\n**MINISTRY OF TESTING**\n\nPRESS RELEASE\n\n"
          "Hostile input holds\n\n").encode()
FOOTER = b"\n\nPhnom Penh, 2 April 2024\n"
PARA = ("On 1 April 2024, **His Excellency SOK Chenda Sophea**, Deputy Prime Minister, received "
        "the delegation at the [Ministry](https://example.org/mfaic) to discuss *trade* and investment.")


def release(body: bytes) -> bytes:
    """A release whose body is `body`: header, headline, body, dateline."""
    return HEADER + body + FOOTER


def below_limit(unit: bytes, reserve: int = 1024) -> int:
    """How many `unit`s fit in a release below the size limit."""
    return (LIMIT - len(HEADER) - len(FOOTER) - reserve) // len(unit)


def inputs():
    rnd = random.Random(20240412)
    yield "binary-1mb.bin", bytes(rnd.getrandbits(8) for _ in range(1 << 20))
    # Invalid UTF-8 deep in an otherwise fine draft: an overlong slash, a lone
    # surrogate, a truncated sequence.
    yield "invalid-utf8-late.md", release((PARA + "\n\n").encode() * 2000 + b"bad \xc0\xaf \xed\xa0\x80 \xe2\x82")
    text = (HEADER + (PARA + "\n\n").encode() * 50 + FOOTER).decode()
    yield "utf16le-bom.md", b"\xff\xfe" + text.encode("utf-16-le")
    yield "utf16be-bom.md", b"\xfe\xff" + text.encode("utf-16-be")
    yield "utf16le-nobom.md", text.encode("utf-16-le")
    yield "utf16be-nobom.md", text.encode("utf-16-be")
    yield "utf32le-bom.md", b"\xff\xfe\x00\x00" + text.encode("utf-32-le")
    # One line of 10 MB: over the size limit, refused at once.
    yield "single-line-10mb.md", b"word " * (2 * 1024 * 1024)
    # One line just below the limit, inside a release.
    yield "single-line-1mb.md", release(b"word " * below_limit(b"word "))
    # A 1 MB word: no break opportunity at all.
    yield "single-word-1mb.md", release(b"x" * below_limit(b"x"))
    yield "strong-markers-100k.md", release(b"**" * 100_000)
    yield "strong-openers-100k.md", release(b"**a " * 100_000)
    yield "strong-closers-100k.md", release(b"a** " * 100_000)
    yield "emphasis-alternating-100k.md", release(b"*a_ " * 100_000)
    yield "underscores-100k.md", release(b"_a" * 100_000 + b" " + b"a_" * 100_000)
    yield "nested-emphasis-10k.md", release(b"*" * 10_000 + b"a" + b"*" * 10_000)
    yield "nested-emphasis-words-10k.md", release(b"".join(b"*w%d **" % i for i in range(10_000)) + b"x" +
                                                  b"** *" * 10_000)
    yield "nested-quotes-10k.md", release(b"> " * 10_000 + b"deep")
    yield "nested-quotes-lines-1400.md", release(b"".join(b">" * i + b" q\n" for i in range(1, 1_400)))
    yield "list-levels-10k.md", release(b"- " * 10_000 + b"deep")
    yield "ordered-list-levels-10k.md", release(b"1. " * 10_000 + b"deep")
    yield "list-indented-1k.md", release(b"".join(b"  " * i + b"- level\n" for i in range(1_000)))
    yield "unclosed-brackets-50k.md", release(b"[" * 50_000)
    yield "unclosed-brackets-words-50k.md", release(b"[a " * 50_000)
    yield "closed-brackets-50k.md", release(b"[" * 50_000 + b"]" * 50_000)
    yield "image-brackets-50k.md", release(b"![" * 50_000)
    yield "link-openers-50k.md", release(b"[a](" * 50_000)
    yield "nested-links-10k.md", release(b"[" * 10_000 + b"a" + b"](b)" * 10_000)
    yield "links-30k.md", release(b"[link](https://example.org/x) " * 30_000)
    yield "autolinks-40k.md", release(b"<https://example.org/x> " * 40_000)
    yield "unclosed-autolinks-50k.md", release(b"<https://" * 50_000)
    yield "link-references-25k.md", release(b"".join(b"[r%d]: https://example.org/%d\n" % (i, i)
                                                     for i in range(25_000)) + b"\n" + b"[r1] " * 25_000)
    yield "reference-expansion.md", release(b"[a]: " + b"x" * 100_000 + b"\n\n" + b"[a] " * 30_000)
    yield "backticks-growing.md", release(b" ".join(b"`" * i + b"a" for i in range(1, 1_400)))
    yield "backticks-100k.md", release(b"`a " * 100_000)
    yield "html-open-tags-50k.md", release(b"<a " * 50_000)
    yield "html-comments-50k.md", release(b"<!-- " * 50_000)
    yield "html-processing-50k.md", release(b"<? " * 50_000)
    yield "html-cdata-50k.md", release(b"<![CDATA[ " * 50_000)
    yield "html-declarations-50k.md", release(b"<!A " * 50_000)
    yield "entities-120k.md", release(b"&amp; &#1234; &#x20AC; &bogus; " * 30_000)
    yield "backslashes-1m.md", release(b"\\" * 1_000_000)
    yield "hard-breaks-100k.md", release(b"line  \n" * 100_000)
    yield "lines-40k.md", release(b"".join(b"Line %d of the body.\n" % i for i in range(40_000)))
    yield "paragraphs-20k.md", release(b"".join(b"Paragraph %d of the body.\n\n" % i for i in range(20_000)))
    yield "cr-lines-100k.md", release(b"line\r" * 100_000)
    yield "blank-lines-1m.md", release(b"\n" * 1_000_000)
    yield "whitespace-only-1mb.md", b" \t\r\n" * (256 * 1024)
    row = b"| " + b" | ".join(b"cell %d" % i for i in range(8)) + b" |\n"
    table = b"| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n"
    yield "table-5mb.md", release(table + row * ((5 * 1024 * 1024) // len(row)))
    yield "table-1mb.md", release(table + row * below_limit(row, 4096))
    yield "headings-100k.md", release(b"## Heading\n\n" * 50_000)
    yield "thematic-breaks-100k.md", release(b"***\n\n" * 50_000)
    yield "code-fences-unclosed.md", release(b"```\n" + b"code\n" * 100_000)
    yield "code-fences-50k.md", release(b"```\n" * 50_000)
    yield "dates-60k.md", release(b"On 12 April 2024, 3rd May 2024 and 12/04/2024, " * 20_000)
    yield "date-fragments-70k.md", release(b"12 April 12 April 2024 2024 " * 35_000)
    yield "persons-32k.md", release(b"**His Excellency SOK Chenda Sophea** met **H.E. Dr. Name** " * 16_000)
    yield "pseudo-list-markers-50k.md", release(b"".join(b"(%s) item\n" % bytes([97 + i % 26]) for i in range(50_000)))
    yield "genre-lines-10k.md", b"PRESS RELEASE\n\n" * 10_000
    yield "state-lines-10k.md", b"KINGDOM OF CAMBODIA\n" * 10_000 + b"\nPhnom Penh, 2 April 2024\n"
    yield "datelines-40k.md", b"Phnom Penh, 2 April 2024\n\n" * 40_000
    # Khmer without spaces (ICU's dictionary word breaker) and long combining
    # sequences (normalisation reorders marks).
    khmer = "កម្ពុជាព្រះរាជាណាចក្រ".encode()
    yield "khmer-no-spaces-1mb.md", release(khmer * below_limit(khmer))
    yield "combining-marks-500k.md", release(b"a" + "\u0301\u0316".encode() * 250_000)
    yield "combining-marks-runs.md", release(("a" + "\u0301\u0316" * 30 + " ").encode() * 8_000)
    yield "bidi-controls.md", release(("\u202e\u2066abc\u2069 " * 75_000).encode())
    yield "noncharacters.md", release(("\ufffe\uffff\U0010ffff " * 90_000).encode())
    yield "long-headline-1mb.md", HEADER[:-len("Hostile input holds\n\n")] + b"Headline " * 100_000 + b"\n\n" + \
        PARA.encode() + FOOTER
    # Release XML.
    ns = b'<release xmlns="urn:communique:release:1" version="1.0" xml:lang="en" kind="press-release">'
    yield "xml-deep-100k.xml", b'<?xml version="1.0"?>\n' + ns + b"<body>" + b"<q>" * 100_000 + b"x" + \
        b"</q>" * 100_000 + b"</body></release>\n"
    yield "xml-deep-200.xml", b'<?xml version="1.0"?>\n' + ns + b"<body>" + b"<quote>" * 200 + b"<p>x</p>" + \
        b"</quote>" * 200 + b"</body></release>\n"
    yield "xml-flat-120k.xml", b'<?xml version="1.0"?>\n' + ns + b"<body>" + b"<p>x</p>" * 120_000 + b"</body></release>\n"
    yield "xml-attributes-50k.xml", b'<?xml version="1.0"?>\n<release xmlns="urn:communique:release:1" ' + \
        b" ".join(b'a%d="v"' % i for i in range(50_000)) + b"/>\n"
    yield "xml-long-attribute.xml", b'<?xml version="1.0"?>\n' + ns[:-1] + b' x="' + b"v" * 1_000_000 + b'"/>\n'
    yield "xml-namespaces-20k.xml", b'<?xml version="1.0"?>\n<release xmlns="urn:communique:release:1" ' + \
        b" ".join(b'xmlns:n%d="urn:x:%d"' % (i, i) for i in range(20_000)) + b"/>\n"
    yield "xml-char-refs-130k.xml", b'<?xml version="1.0"?>\n' + ns + b"<body><p>" + b"&#x10FFFF;&amp;" * 65_000 + \
        b"</p></body></release>\n"
    yield "xml-unclosed-100k.xml", b'<?xml version="1.0"?>\n' + ns + b"<p>" * 100_000
    yield "xml-comments-100k.xml", b'<?xml version="1.0"?>\n' + b"<!-- c -->" * 100_000 + ns + b"</release>\n"


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    names = set()
    for name, data in inputs():
        names.add(name)
        path = os.path.join(out, name)
        # Rewritten only when missing or different, so reruns are cheap.
        if os.path.exists(path) and os.path.getsize(path) == len(data):
            with open(path, "rb") as f:
                if f.read() == data:
                    continue
        with open(path + ".tmp", "wb") as f:
            f.write(data)
        os.replace(path + ".tmp", path)
    # Inputs an earlier version made, which the tests would still read.
    for name in os.listdir(out):
        if name not in names and os.path.isfile(os.path.join(out, name)):
            os.remove(os.path.join(out, name))


if __name__ == "__main__":
    main()
