#!/usr/bin/env bash
# Real-world shapes around one release: the example statement of
# fixtures/releases (Phnom Penh, 12 April 2024) written the ways other
# offices and tools write releases (end marks and contacts after it,
# embargo lines, genre prefixes in the title, YAML front matter, a Thai
# ministry's layout). Each must check clean and keep its headline and its
# dateline, and what the shape adds must land where it belongs.
# Usage: shapes_test.sh COMMUNIQUE SOURCE-DIR
set -uo pipefail
cli=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# The example cut into its parts: head (state line to reference), genre,
# headline, body paragraphs, dateline.
example=$src/fixtures/releases/2024-04-12-return-of-fishermen.md
python3 - "$example" "$work" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
head, rest = text.split("STATEMENT\n\n", 1)
headline, rest = rest.split("\n\n", 1)
paras = rest.strip().split("\n\n")
for name, value in [("head", head), ("headline", headline), ("body", "\n\n".join(paras[:-1])), ("dateline", paras[-1])]:
    open(f"{sys.argv[2]}/{name}", "w", encoding="utf-8").write(value.rstrip("\n") + "\n")
PY
head=$(cat "$work/head") headline=$(cat "$work/headline") body=$(cat "$work/body") dateline=$(cat "$work/dateline")

# What a shape reads to, as NAME=VALUE lines (headline, place, when, kind,
# genre, body, closing: text with spaces collapsed) in $work/facts.
facts() {
  python3 - "$1" >"$work/facts" <<'PY'
import re, sys, xml.etree.ElementTree as ET
NS = "{urn:communique:release:1}"
def t(e):
    return re.sub(r"\s+", " ", "".join(e.itertext())).strip() if e is not None else ""
try:
    r = ET.parse(sys.argv[1]).getroot()
except Exception:
    print("xml=broken"); sys.exit()
d = r.find(NS + "dateline")
for k, v in [("headline", t(r.find(NS + "headline"))),
             ("place", t(d.find(NS + "place")) if d is not None else ""),
             ("when", d.find(NS + "date").get("when") if d is not None else ""),
             ("kind", r.get("kind")), ("genre", t(r.find(f"{NS}header/{NS}genre"))),
             ("issuer", t(r.find(f"{NS}header/{NS}issuer"))),
             ("embargo", t(r.find(f"{NS}header/{NS}embargo"))),
             ("embargo_when", (r.find(f"{NS}header/{NS}embargo").get("when") or "")
                              if r.find(f"{NS}header/{NS}embargo") is not None else ""),
             ("body", t(r.find(NS + "body"))), ("closing", t(r.find(NS + "closing"))),
             ("end_mark", t(r.find(f"{NS}closing/{NS}end-mark")))]:
    print(f"{k}={v}")
PY
}
fact() { sed -n "s/^$1=//p" "$work/facts"; }
is() {  # is SHAPE FIELD VALUE
  local got; got=$(fact "$2")
  if [ "$got" = "$3" ]; then ok; else fail "$1: $2 is '$got', wanted '$3'"; fi
}
has() {  # has SHAPE FIELD TEXT: the field holds the text
  local got; got=$(fact "$2")
  if [[ "$got" == *"$3"* ]]; then ok; else fail "$1: $2 has no '$3': '$got'"; fi
}
lacks() {  # lacks SHAPE FIELD TEXT
  local got; got=$(fact "$2")
  if [[ "$got" != *"$3"* ]]; then ok; else fail "$1: $2 has '$3': '$got'"; fi
}

# read_clean NAME FILE: checked clean (exit 0, no error), converted to XML
# beside it, its facts read.
read_clean() {
  local name=$1 file=$2
  "$cli" check "$file" >"$work/check.out" 2>&1
  local rc=$?
  if [ "$rc" = 0 ]; then ok; else fail "$name: check exit $rc"; cat "$work/check.out"; fi
  "$cli" convert "$file" --to xml -o - >"${file%.*}.xml" 2>"$work/convert.err" || {
    fail "$name: convert"; cat "$work/convert.err"; }
  facts "${file%.*}.xml"
}

# shape NAME < DRAFT: written to NAME.md, read clean, its headline
# ($want_headline, else the example's) and dateline the example's.
shape() {
  local name=$1 ext=${2:-md}
  cat >"$work/$name.$ext"
  read_clean "$name" "$work/$name.$ext"
  is "$name" headline "${want_headline:-$headline}"
  # The place as printed: "PHNOM PENH", or "PHNOM PENH, Cambodia" in a wire dateline.
  local place; place=$(fact place)
  place=${place%%,*}
  if [ "${place,,}" = "phnom penh" ]; then ok; else fail "$name: place is '$(fact place)', wanted Phnom Penh"; fi
  is "$name" when "2024-04-12"
}

# ---- shapes read since earlier work, kept here so that each stays read ---

shape "FOR IMMEDIATE RELEASE above the genre" <<EOF
$head
FOR IMMEDIATE RELEASE

STATEMENT

$headline

$body

$dateline
EOF
is "FOR IMMEDIATE RELEASE above the genre" kind "statement"

# Pasted from Word or an e-mail: a paragraph a line, no blank line between.
shape "pasted, a paragraph a line" <<EOF
$head
STATEMENT
$headline
$(printf '%s\n' "$body" | sed '/^$/d')
$dateline
EOF

state_motto=$(printf '%s\n' "$head" | sed -n '1,2p' | paste -sd' ')
shape "state line and motto on one line" <<EOF
$state_motto
$(printf '%s\n' "$head" | sed '1,2d')
STATEMENT

$headline

$body

$dateline
EOF

for end in "Phnom Penh, on 12 April 2024" "Issued in Phnom Penh on 12 April 2024" \
           "Done in Phnom Penh on 12 April 2024, in two originals in the Khmer and English languages." \
           $'PHNOM PENH\n12 April 2024' $'Phnom Penh, 12 April 2024\n\nVONG Pisey\nSecretary of State'; do
  shape "dateline: $end" <<EOF
$head
STATEMENT

$headline

$body

$end
EOF
done

# The dateline on the last paragraph's last line, no blank line before it.
shape "dateline under the last paragraph" <<EOF
$head
STATEMENT

$headline

$body
$dateline
EOF

shape "dateline at the top" <<EOF
$head
STATEMENT

$dateline

$headline

$body
EOF

shape "dateline under the headline" <<EOF
$head
STATEMENT

$headline

$dateline

$body
EOF

shape "wire dateline, run in" <<EOF
$head
STATEMENT

$headline

PHNOM PENH, Cambodia, April 12, 2024 /PRNewswire/ -- $body
EOF

shape "AP dateline, run in" <<EOF
$head
STATEMENT

$headline

PHNOM PENH, 12 April 2024 (AP) — $body
EOF

# A web page's remnants around the release: left out with a note.
shape "web page remnants" <<EOF
Home > Newsroom > Press releases

Posted on 12 April 2024 by admin

$head
STATEMENT

$headline

$body

$dateline

Share this:

[Back to Press releases](https://www.mfaic.gov.kh/news)
EOF
lacks "web page remnants" body "Posted on"
lacks "web page remnants" closing "Back to"

# ---- end marks, contacts and boilerplate after the release ---------------

for mark in "-ENDS-" "– END –" "###" "* * *" ". . ." "-30-"; do
  shape "end-mark $mark" <<EOF
$head
STATEMENT

$headline

$body

$dateline

$mark
EOF
  is "end-mark $mark" end_mark "$mark"
  lacks "end-mark $mark" body "$mark"
done

shape "ends, contact and about" <<EOF
$head
STATEMENT

$headline

$body

$dateline

-ENDS-

Media contact:
Sok Dara, Press Officer
Tel: +855 23 216 122
Email: press@mfaic.gov.kh

About the Ministry

The Ministry of Foreign Affairs and International Cooperation conducts the foreign policy of the Kingdom of Cambodia.

It protects Cambodian nationals abroad.
EOF
for text in "Sok Dara, Press Officer" "press@mfaic.gov.kh" "About the Ministry" "conducts the foreign policy" \
            "protects Cambodian nationals abroad"; do
  has "ends, contact and about" closing "$text"
  lacks "ends, contact and about" body "$text"
done

shape "contact sentence, no end mark" <<EOF
$head
STATEMENT

$headline

$body

$dateline

For more information, contact Mr Sok Dara, Press Officer, on +855 12 345 678 or press@mfaic.gov.kh.

Press office: Ministry of Foreign Affairs

Tel +855 23 216 122 Email press@mfaic.gov.kh
EOF
has "contact sentence, no end mark" closing "For more information, contact Mr Sok Dara"
has "contact sentence, no end mark" closing "Tel +855 23 216 122"

shape "end mark above the dateline, about in bold" <<EOF
$head
STATEMENT

$headline

$body

###

$dateline

**About the Ministry of Foreign Affairs**

The Ministry conducts the foreign policy of the Kingdom of Cambodia.
EOF
has "end mark above the dateline, about in bold" closing "foreign policy of the Kingdom"

# An "About ..." subheading inside the body, the dateline after it, is the body's.
shape "about inside the body" <<EOF
$head
STATEMENT

$headline

$body

About the rescue

The merchant vessel answered a distress call on 30 March 2024.

$dateline
EOF
has "about inside the body" body "About the rescue"
has "about inside the body" body "answered a distress call"
is "about inside the body" closing ""

# ---- a genre label in front of the headline ------------------------------

# PREFIX;GENRE;KIND
for row in "Media Statement: ;Media Statement;press-statement" "PRESS RELEASE – ;PRESS RELEASE;press-release" \
           "**Press Statement —** ;Press Statement;press-statement" "STATEMENT | ;STATEMENT;statement"; do
  IFS=';' read -r prefix genre kind <<<"$row"
  shape "prefix $prefix" <<EOF
$head
$prefix$headline

$body

$dateline
EOF
  is "prefix $prefix" genre "$genre"
  is "prefix $prefix" kind "$kind"
done

# "Joint Statement on ..." names the genre and is the title all the same.
want_headline="Joint Statement on the safe return of eleven Cambodian fishermen" shape "joint statement on" <<EOF
$head
Joint Statement on the safe return of eleven Cambodian fishermen

$body

$dateline
EOF
is "joint statement on" kind "joint-statement"
is "joint statement on" genre "Joint Statement"

# ---- embargo lines: kept as the header's embargo, its end in @when ---------

# LINE;WHEN;WHERE (above the state line, above the genre, under the genre)
for row in "EMBARGOED UNTIL 10:00 ICT, 12 April 2024;2024-04-12T10:00:00+07:00;genre" \
           "EMBARGO: 10:00 (Phnom Penh time), 12 April 2024;2024-04-12T10:00:00;top" \
           "Not for publication before 9.30 a.m. GMT+7 on 12 April 2024;2024-04-12T09:30:00+07:00;under" \
           "Embargoed until 12 April 2024, 3pm UTC;2024-04-12T15:00:00Z;under" \
           "UNDER EMBARGO UNTIL 12 April 2024;2024-04-12;genre"; do
  IFS=';' read -r line when where <<<"$row"
  case $where in
    top) draft="$line"$'\n\n'"$head"$'\nSTATEMENT\n' ;;
    genre) draft="$head"$'\n'"$line"$'\n\nSTATEMENT\n' ;;
    under) draft="$head"$'\nSTATEMENT\n\n'"$line"$'\n' ;;
  esac
  shape "embargo $line" <<EOF
$draft
$headline

$body

$dateline
EOF
  is "embargo $line" embargo "$line"
  is "embargo $line" embargo_when "$when"
  is "embargo $line" genre "STATEMENT"
  lacks "embargo $line" body "$line"
  # Every writer keeps it, and the canonical draft reads back to it.
  for to in html txt nitf draft fo; do
    "$cli" convert "$work/embargo $line.md" --to "$to" -o - >"$work/out" 2>&1
    if grep -qF -- "$line" "$work/out"; then ok; else fail "embargo $line: not in --to $to"; fi
  done
  "$cli" convert "$work/embargo $line.md" --to nitf -o - >"$work/out" 2>&1
  if grep -q "<date.release norm=\"$(echo "$when" | tr -d ':Z-')" "$work/out"; then ok; else
    fail "embargo $line: no date.release in NITF"; grep docdata -A6 "$work/out"; fi
  "$cli" convert "$work/embargo $line.md" --to draft -o - >"$work/again.md" 2>&1
  "$cli" convert "$work/again.md" --to xml -o - >"$work/again.xml" 2>&1
  if cmp -s "$work/again.xml" "$work/embargo $line.xml"; then ok; else
    fail "embargo $line: the canonical draft reads back otherwise"; diff "$work/embargo $line.xml" "$work/again.xml" | head; fi
done

# ---- YAML front matter as a CMS exports it ---------------------------------

# The title is the headline when the draft has none; the date the
# dateline's when the text has none (the place on the last line, or the
# front matter's); never body text.
shape "front matter: title, no headline" <<EOF
---
title: "$headline"
date: 2024-04-12
author: press-office
tags:
  - consular
---

$head
STATEMENT

$body

$dateline
EOF
lacks "front matter: title, no headline" body "title:"
lacks "front matter: title, no headline" body "press-office"
has "front matter: title, no headline" body "eleven Cambodian fishermen, whose vessel"

shape "front matter: date, the place on the last line" <<EOF
---
title: $headline
date: 2024-04-12
---

$head
STATEMENT

$headline

$body

Phnom Penh
EOF
lacks "front matter: date, the place on the last line" body "Phnom Penh$"
has "front matter: date, the place on the last line" body "Cambodian nationals at sea and abroad."

shape "front matter: date and location" <<EOF
---
title: '$headline'
date: 2024-04-12T09:00:00+07:00
location: "Phnom Penh"
# exported by the CMS
---

$head
STATEMENT

$body
EOF
lacks "front matter: date and location" body "2024-04-12T09"

# Lines after the front matter keep their numbers in diagnostics.
printf -- '---\ntitle: A title\ndate: 2024-04-12\n---\n\n%s\nSTATEMENT\n\n%s\n\nThe talks ended on 31 April 2024.\n\n%s\n' \
  "$head" "$headline" "$dateline" >"$work/fm-line.md"
line=$(grep -n "31 April" "$work/fm-line.md" | cut -d: -f1)
"$cli" check "$work/fm-line.md" >"$work/check.out" 2>&1
if grep -q "fm-line.md:$line:20: error\[date-invalid\]" "$work/check.out"; then ok; else
  fail "front matter: a diagnostic after it is not at line $line, column 20"; cat "$work/check.out"; fi

# ---- a Thai ministry's layout ----------------------------------------------

# No national header: the unit's name, the headline, the body, and the name
# again above the date at the end, which signs the release off.
shape "Thai layout" <<EOF
Department of Information

$headline

$body

Department of Information

$dateline
EOF
is "Thai layout" issuer "Department of Information"
is "Thai layout" closing "Department of Information"
lacks "Thai layout" body "Department of Information"

shape "Thai layout, one paragraph at the end" <<EOF
Department of Information

$headline

$body

Department of Information
Ministry of Foreign Affairs
$dateline
EOF
is "Thai layout, one paragraph at the end" issuer "Department of Information"
has "Thai layout, one paragraph at the end" closing "Ministry of Foreign Affairs"
lacks "Thai layout, one paragraph at the end" body "Department of Information"

# In Thai, with the date alone under the unit (no place: a warning only).
cat >"$work/thai.md" <<'EOF'
กรมสารนิเทศ

กระทรวงการต่างประเทศต้อนรับชาวประมงกลับบ้าน

เมื่อวันที่ 11 เมษายน 2567 ชาวประมงสิบเอ็ดคนเดินทางกลับถึงบ้านอย่างปลอดภัย

กระทรวงขอขอบคุณทุกฝ่ายที่ให้ความช่วยเหลือ

กรมสารนิเทศ
12 เมษายน 2567
EOF
"$cli" check "$work/thai.md" >"$work/check.out" 2>&1
if [ $? = 0 ]; then ok; else fail "Thai layout in Thai: check"; cat "$work/check.out"; fi
"$cli" convert "$work/thai.md" --to xml -o - >"$work/thai.xml" 2>"$work/convert.err"
facts "$work/thai.xml"
is "Thai layout in Thai" headline "กระทรวงการต่างประเทศต้อนรับชาวประมงกลับบ้าน"
is "Thai layout in Thai" issuer "กรมสารนิเทศ"
is "Thai layout in Thai" when "2024-04-12"
is "Thai layout in Thai" closing "กรมสารนิเทศ"

# ---- dates after the dateline: flagged only when told as past --------------

# SENTENCE;FLAGGED (1: a date-after-dateline warning, 0: none)
for row in "The awareness campaign will run until 31 October 2024.;0" \
           "The handover ceremony is scheduled for 20 April 2024 at the port of Kelvara.;0" \
           "Boat owners are invited to register their crews before 30 June 2024.;0" \
           "The next meeting of the working group is due on 3 May 2024.;0" \
           "The handover ceremony was held on 20 April 2024 at the port of Kelvara.;1" \
           "On 20 April 2024, the Secretary of State met the families of the crew.;1"; do
  IFS=';' read -r sentence flagged <<<"$row"
  cat >"$work/later.md" <<EOF
$head
STATEMENT

$headline

$body

$sentence

$dateline
EOF
  "$cli" check --fail-on warning "$work/later.md" >"$work/check.out" 2>&1
  rc=$?
  if [ "$flagged" = 1 ]; then
    if [ "$rc" = 1 ] && grep -q "warning\[date-after-dateline\].*yet the text tells it as past" "$work/check.out"; then ok
    else fail "later date told as past not flagged: $sentence"; cat "$work/check.out"; fi
  else
    if [ "$rc" = 0 ]; then ok; else fail "an event to come flagged: $sentence"; cat "$work/check.out"; fi
  fi
done

# A media advisory's event date, after its dateline.
cat >"$work/advisory.md" <<EOF
$head
MEDIA ADVISORY

Handover of eleven Cambodian fishermen to their families

The Ministry invites members of the press to the handover ceremony.

Date: Saturday, 20 April 2024

Venue: Phnom Penh Autonomous Port

$dateline
EOF
"$cli" check --fail-on warning "$work/advisory.md" >"$work/check.out" 2>&1
if [ $? = 0 ]; then ok; else fail "a media advisory's event date flagged"; cat "$work/check.out"; fi

# A ministry's name over a Markdown heading, no genre label: the heading is
# the headline (the header stops before it, and does not skip it).
shape "an issuer over a heading" <<EOF
MINISTRY OF FOREIGN AFFAIRS AND INTERNATIONAL COOPERATION

# $headline

$body

$dateline
EOF
is "an issuer over a heading" issuer "MINISTRY OF FOREIGN AFFAIRS AND INTERNATIONAL COOPERATION"

# The dateline with the signing office under it in one paragraph.
shape "dateline over its office, one paragraph" <<EOF
$head
STATEMENT

$headline

$body

$dateline
Consular Department
EOF
lacks "dateline over its office, one paragraph" body "Consular Department"

# A web page's label with the page's date after a bar: the label is the
# genre, the date is left out for the release's own.
shape "a label and the page's date" <<EOF
News Release | 11 April 2024

# $headline

$body

$dateline
EOF
is "a label and the page's date" genre "News Release"

# A wire page: its date and time over "| Source: ...", the dateline run in
# with the same day.
shape "a wire page's date and source" <<EOF
April 12, 2024 07:00 ET

| Source: Ministry of Foreign Affairs and International Cooperation

# $headline

PHNOM PENH, Cambodia, April 12, 2024 (GLOBE NEWSWIRE) -- $body
EOF
is "a wire page's date and source" issuer "Ministry of Foreign Affairs and International Cooperation"

# A department with no ministry above it: the department is the issuer
# (it was left out, a unit belonging to no organisation).
shape "a department with no ministry above it" <<EOF
KINGDOM OF CAMBODIA
NATION RELIGION KING

Consular Department

STATEMENT

$headline

$body

$dateline
EOF
is "a department with no ministry above it" issuer "Consular Department"

# The IMF's layout: "FOR IMMEDIATE RELEASE" under the headline (a release
# instruction, not a second release), highlights in a list, then the
# paragraph that opens with the dateline.
shape "release instruction and highlights over a run-in dateline" <<EOF
PRESS RELEASE NO. 24/117

# $headline

FOR IMMEDIATE RELEASE

- The crew is home and in good health.
- The ministry thanks the authorities who helped.

Phnom Penh, Cambodia – April 12, 2024: $body
EOF
is "release instruction and highlights over a run-in dateline" embargo "FOR IMMEDIATE RELEASE"
has "release instruction and highlights over a run-in dateline" body "The crew is home and in good health."
lacks "release instruction and highlights over a run-in dateline" body "April 12, 2024:"

# A government web page's metadata under the title and its summary, a line
# each or a label over its value: the issuer, the date (no place: a warning
# only), the summary the subheadline; nothing of them left in the body.
for meta in $'From: Ministry of Foreign Affairs and International Cooperation\nPublished 12 April 2024' \
            $'From:\n\nMinistry of Foreign Affairs and International Cooperation\n\nPublished\n\n12 April 2024'; do
  printf 'Press release\n\n# %s\n\nThe ministry sets out how the crew came home.\n\n%s\n\n%s\n' \
    "$headline" "$meta" "$body" >"$work/govuk.md"
  read_clean "page metadata" "$work/govuk.md"
  is "page metadata" issuer "Ministry of Foreign Affairs and International Cooperation"
  is "page metadata" when "2024-04-12"
  is "page metadata" headline "$headline"
  lacks "page metadata" body "Published"
  lacks "page metadata" body "crew came home"
done

# A statement's label naming who speaks, over the headline or as the title.
shape "statement by the spokesperson, over the headline" <<EOF
STATEMENT BY THE SPOKESPERSON OF THE MINISTRY OF FOREIGN AFFAIRS AND INTERNATIONAL COOPERATION

$headline

$body

$dateline
EOF
is "statement by the spokesperson, over the headline" genre \
  "STATEMENT BY THE SPOKESPERSON OF THE MINISTRY OF FOREIGN AFFAIRS AND INTERNATIONAL COOPERATION"
un_title="Statement attributable to the Spokesperson for the Secretary-General on the fishermen"
want_headline=$un_title shape "statement attributable to the spokesperson, the title" <<EOF
$un_title

$body

$dateline
EOF
is "statement attributable to the spokesperson, the title" kind "statement"

# The house's own names teach the reader, through .communique.toml: a
# genre label, an issuer and a place it does not know otherwise.
mkdir -p "$work/house"
cat >"$work/house/.communique.toml" <<EOF
[house]
issuers = ["Secretariat of the Coastal Council"]
genres = ["NOTICE TO THE PRESS"]
places = ["Kelvara"]
EOF
printf 'Secretariat of the Coastal Council\n\nNOTICE TO THE PRESS\n\n%s\n\n%s\n\nKelvara, 12 April 2024\n' \
  "$headline" "$body" >"$work/house/notice.md"
read_clean "house names" "$work/house/notice.md"
is "house names" genre "NOTICE TO THE PRESS"
is "house names" issuer "Secretariat of the Coastal Council"
is "house names" place "Kelvara"
is "house names" headline "$headline"
# Without the configuration the same draft is not read so.
cp "$work/house/notice.md" "$work/notice.md"
"$cli" convert "$work/notice.md" --to xml --accept-invalid -o "$work/notice.xml" 2>/dev/null
facts "$work/notice.xml"
lacks "house names, none taught" genre "NOTICE TO THE PRESS"

# The profile: a release with no national header is valid in the general
# profile, and not in kh-ministry, chosen by --profile or the configuration.
printf 'PRESS STATEMENT\n\n%s\n\n%s\n\n%s\n' "$headline" "$body" "$dateline" >"$work/no-header.md"
"$cli" check "$work/no-header.md" >"$work/check.out" 2>&1
if [ $? = 0 ]; then ok; else fail "profile general: a release without a national header"; cat "$work/check.out"; fi
"$cli" check --profile kh-ministry "$work/no-header.md" >"$work/check.out" 2>&1
if [ $? = 1 ] && grep -q 'error\[header-missing\]' "$work/check.out"; then ok
else fail "--profile kh-ministry: no header-missing"; cat "$work/check.out"; fi
mkdir -p "$work/strict"
printf 'profile = "kh-ministry"\n' >"$work/strict/.communique.toml"
cp "$work/no-header.md" "$work/strict/"
"$cli" check "$work/strict/no-header.md" >"$work/check.out" 2>&1
if [ $? = 1 ] && grep -q 'error\[header-missing\]' "$work/check.out"; then ok
else fail "profile = kh-ministry in .communique.toml: no header-missing"; cat "$work/check.out"; fi

# ---- errors that say what was found where a part was expected -------------

# No dateline: the diagnostic quotes what the release ends with, and its line.
printf '%s\nSTATEMENT\n\n%s\n\n%s\n\nFor more information, contact the Consular Department.\n' \
  "$head" "$headline" "$body" >"$work/no-dateline.md"
last=$(wc -l <"$work/no-dateline.md")
"$cli" check "$work/no-dateline.md" >"$work/check.out" 2>&1
if grep -qF "error[dateline-missing]: the release has no dateline: it ends with \"For more information, contact the Consular Department.\" (line $last); expected the place and date of issue after the last paragraph" "$work/check.out"
then ok; else fail "dateline-missing does not say what the release ends with"; cat "$work/check.out"; fi

# No headline: what comes after the header instead.
printf '%s\nSTATEMENT\n\n%s\n' "$head" "$dateline" >"$work/no-headline.md"
"$cli" check "$work/no-headline.md" >"$work/check.out" 2>&1
if grep -qF "error[headline-missing]: the release has no headline: after the header's last line \"STATEMENT\"" "$work/check.out" &&
   grep -qF "comes the dateline \"$dateline\"" "$work/check.out"
then ok; else fail "headline-missing does not say what stands in its place"; cat "$work/check.out"; fi

# Not a release: how the text opens and ends.
printf 'The river rises in the rain,\nand the boats come home.\n\nThe market wakes before the sun.\n' >"$work/poem.md"
"$cli" check "$work/poem.md" >"$work/check.out" 2>&1
if grep -qF "it opens with \"The river rises in the rain,…\" (line 1) and ends with \"The market wakes before the sun.\" (line 4)" "$work/check.out"
then ok; else fail "not-a-release does not quote the text"; cat "$work/check.out"; fi

echo "shapes: $passed passed, $failed failed"
[ "$failed" = 0 ]
