#!/usr/bin/env bash
# The .docx writer (--to docx): every fixture converted twice (the same
# bytes), each package opened with python3's zipfile and python-docx and
# held to its release XML: the parts, the headline, a bold run for each
# person, Word numbering for each list, the dateline where it stood, the
# core properties; and a draft with links, nested lists and a quote.
# Arguments: the communique binary, the source folder.
set -uo pipefail
cli=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

# python-docx: Debian's python3-docx, which a python3 earlier on PATH
# (pyenv) may not see.
py=
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import docx' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then echo "SKIP: no python3 with python-docx (apt-get install python3-docx)"; exit 77; fi

# A draft with what the fixtures lack: links, emphasis, a line break,
# lettered, nested and Roman lists, a quote and a subheading.
mkdir -p "$work/drafts"
cp "$src"/fixtures/releases/*.md "$work/drafts/"
cat >"$work/drafts/rich.md" <<'EOF'
KINGDOM OF CAMBODIA
NATION RELIGION KING

**MINISTRY OF FOREIGN AFFAIRS
AND INTERNATIONAL COOPERATION**

Consular Department

PRESS RELEASE

Safe return of eleven fishermen
*Consular teams worked with two coastal provinces*

Phnom Penh, 12 April 2024

On 10 April 2024, **His Excellency SOK Chenda** met the families, with *emphasis*, **strong words**, [the ministry](https://www.example.gov.kh/) and [a second link](https://example.org/?q=1&r=2).\
A second line after a break.

(c) third lettered item
(d) fourth lettered item

1. numbered one
   - nested bullet
   - another nested bullet
2. numbered two

> A quoted paragraph with **His Excellency PRAK Sokhonn** inside.

## Background

I. Roman one
II. Roman two

For media enquiries: Tel: +855 23 555 0117

-END-
EOF

for run in a b; do
  if "$cli" convert "$work/drafts" --to docx,xml -o "$work/$run" >"$work/stdout" 2>"$work/stderr"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL convert run $run"; cat "$work/stderr"
  fi
done

# Deterministic: the same bytes on every run.
for f in "$work"/a/*.docx; do
  if cmp -s "$f" "$work/b/$(basename "$f")"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $(basename "$f") differs between two runs"; fi
done

cat >"$work/check.py" <<'EOF'
import re, sys, zipfile, pathlib
import xml.etree.ElementTree as ET
import docx

R = '{urn:communique:release:1}'
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
PARTS = ['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'docProps/app.xml', 'word/document.xml',
         'word/_rels/document.xml.rels', 'word/styles.xml', 'word/numbering.xml', 'word/settings.xml']
passed = failed = 0

def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print('FAIL', what)

def text(e):  # an element's text as python-docx gives it: br is a newline
    out = []
    def walk(n):
        if n.text: out.append(n.text)
        for c in n:
            if c.tag == R + 'br': out.append('\n')
            else: walk(c)
            if c.tail: out.append(c.tail)
    walk(e)
    return ''.join(out)

def norm(s):
    return ' '.join(s.split())

for path in sorted(pathlib.Path(sys.argv[1]).glob('*.docx')):
    name = path.name
    release = ET.parse(path.with_suffix('.xml')).getroot()
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        check(z.testzip() is None, f'{name}: a damaged zip entry')
        check([i.filename for i in infos] == PARTS, f'{name}: parts {[i.filename for i in infos]}')
        check(all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos), f'{name}: an entry not deflated')
        check(all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos), f'{name}: an entry not dated 1980-01-01')
        core = ET.fromstring(z.read('docProps/core.xml'))
        numbering = ET.fromstring(z.read('word/numbering.xml'))
        rels = z.read('word/_rels/document.xml.rels').decode()
        body = ET.fromstring(z.read('word/document.xml')).find(W + 'body')
    d = docx.Document(str(path))
    paras = d.paragraphs
    headline = norm(text(release.find(R + 'headline')))
    check(any(p.style.style_id == 'Title' and norm(p.text) == headline for p in paras),
          f'{name}: no Title paragraph "{headline}"')
    check(core.findtext('{http://purl.org/dc/elements/1.1/}title') == headline, f'{name}: core title')
    when = release.find(R + 'dateline/' + R + 'date').get('when')
    check(core.findtext('{http://purl.org/dc/terms/}created') == when + 'T00:00:00Z', f'{name}: core created')
    check(core.findtext('{http://purl.org/dc/elements/1.1/}language') ==
          release.get('{http://www.w3.org/XML/1998/namespace}lang'), f'{name}: core language')

    # A bold run for each person: its text within a paragraph's bold runs.
    bold = [''.join(r.text for r in p.runs if r.bold) for p in paras]
    for person in release.iter(R + 'person'):
        who = norm(text(person))
        check(any(who in norm(b) for b in bold), f'{name}: person "{who}" not bold')

    # Header lines: centred paragraphs of their own, the organisation's
    # printed lines kept.
    for tag, style in [('state', 'State'), ('motto', 'Motto'), ('organisation', 'Organisation'), ('genre', 'Genre')]:
        for e in release.iter(R + tag):
            check(any(p.style.style_id == style and p.text == text(e) and p.alignment == 1 for p in paras),
                  f'{name}: no centred {style} paragraph "{text(e)}"')

    # Lists: one Word numbering per list, a numbered paragraph per item.
    lists = list(release.iter(R + 'list'))
    items = sum(len(l.findall(R + 'item')) for l in lists)
    numbered = [p for p in body.iter(W + 'p') if p.find(f'{W}pPr/{W}numPr') is not None]
    check(len(numbered) == items, f'{name}: {len(numbered)} numbered paragraphs for {items} items')
    nums = numbering.findall(W + 'num')
    check(len(nums) == len(lists), f'{name}: {len(nums)} numberings for {len(lists)} lists')
    formats = {'1.': ('decimal', '%1.'), '(a)': ('lowerLetter', '(%1)'), '(c)': ('lowerLetter', '(%1)'),
               'I.': ('upperRoman', '%1.'), '•': ('bullet', '•'), '-': ('bullet', '-')}
    abstract = numbering.findall(W + 'abstractNum')
    for i, l in enumerate(lists):
        lvl = abstract[i].find(W + 'lvl')
        got = (lvl.find(W + 'numFmt').get(W + 'val'), lvl.find(W + 'lvlText').get(W + 'val'))
        want = formats.get(l.get('marker'))
        check(want is None or got == want, f'{name}: list "{l.get("marker")}" numbered as {got}')

    # The dateline: a right-aligned paragraph of its own, or run-in bold at
    # the start of the first paragraph.
    dateline = release.find(R + 'dateline')
    dl = norm(text(dateline))
    if dateline.get('position') == 'run-in':
        first = next(p for p in paras if p.style.style_id == 'BodyText')
        runs = [r for r in first.runs if r.style.style_id == 'RunInDateline']
        check(norm(''.join(r.text for r in runs)) == dl and all(r.bold for r in runs),
              f'{name}: run-in dateline "{dl}"')
    else:
        check(any(p.style.style_id == 'Dateline' and p.alignment == 2 and norm(p.text) == dl for p in paras),
              f'{name}: no right-aligned dateline "{dl}"')
    for mark in release.iter(R + 'end-mark'):
        check(any(p.style.style_id == 'EndMark' and p.text == mark.text for p in paras), f'{name}: end mark')

    # Links: w:hyperlink with a relationship to the external target.
    links = list(release.iter(R + 'link'))
    hyperlinks = list(body.iter(W + 'hyperlink'))
    check(len(hyperlinks) == len(links), f'{name}: {len(hyperlinks)} hyperlinks for {len(links)} links')
    for h, l in zip(hyperlinks, links):
        rid = h.get('{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id')
        target = l.get('href').replace('&', '&amp;')
        check(re.search(f'Id="{rid}"[^>]*Target="{re.escape(target)}" TargetMode="External"', rels) is not None,
              f'{name}: no relationship {rid} to {l.get("href")}')

    if name == 'rich.docx':
        check(len(links) == 2 and len(lists) == 4, 'rich.docx: the draft was read as expected')
        check(any(p.style.style_id == 'Quote' for p in paras), 'rich.docx: a Quote paragraph')
        check(any(p.style.style_id == 'Heading2' and p.text == 'Background' for p in paras), 'rich.docx: Heading2')
        check(any(r.italic and r.text == 'emphasis' for p in paras for r in p.runs), 'rich.docx: italic emphasis')
        levels = [p.find(f'{W}pPr/{W}numPr/{W}ilvl').get(W + 'val') for p in numbered]
        check(levels.count('1') == 2, f'rich.docx: nested items at level 1: {levels}')
        check(abstract[0].find(W + 'lvl/' + W + 'start').get(W + 'val') == '3', 'rich.docx: "(c)" starts at 3')

print(f'{passed} {failed}')
sys.exit(1 if failed else 0)
EOF

if out=$("$py" "$work/check.py" "$work/a"); then :; fi
echo "$out" | grep -v '^[0-9]* [0-9]*$'
read -r p f <<<"$(echo "$out" | tail -n 1)"
passed=$((passed + ${p:-0})) failed=$((failed + ${f:-1}))

# pandoc, when installed, reads the package as a Word document.
if command -v pandoc >/dev/null; then
  if pandoc "$work/a/rich.docx" -t markdown --wrap=none 2>/dev/null | grep -q '\[the ministry\](https://www.example.gov.kh/)'; then
    passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL pandoc does not read the link"; fi
fi

echo "docx writer: $passed passed, $failed failed"
[ "$failed" = 0 ]
