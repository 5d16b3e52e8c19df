#!/usr/bin/env python3
"""communique lsp at the protocol level: a client on the server's pipes.

Usage: protocol_test.py COMMUNIQUE SOURCE_DIR
Checks sync (full and incremental), the debounce, UTF-16 ranges (Khmer and
a flag emoji), formatting (the same text as `communique fmt`), hover,
document symbols, code actions, configuration files, bad messages and
shutdown/exit.
"""
import datetime
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

COMMUNIQUE, SOURCE = sys.argv[1], sys.argv[2]
FIXTURES = os.path.join(SOURCE, "fixtures")
failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def utf16(s):
    return len(s.encode("utf-16-le")) // 2


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def uri_of(path):
    return "file://" + path.replace("%", "%25").replace(" ", "%20")


class Client:
    def __init__(self, cwd):
        self.proc = subprocess.Popen([COMMUNIQUE, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd)
        self.inbox = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.stderr = b""
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                key, _, value = line.partition(b":")
                if key.lower() == b"content-length":
                    length = int(value)
            self.inbox.put(json.loads(out.read(length)))

    def _read_stderr(self):
        for line in self.proc.stderr:
            self.stderr += line

    def raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(dict(jsonrpc="2.0", **message)).encode()
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def wait(self, match, timeout=5.0):
        """The first message that matches; messages skipped on the way are kept."""
        deadline = time.monotonic() + timeout
        kept = []
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                try:
                    m = self.inbox.get(timeout=left)
                except queue.Empty:
                    return None
                if match(m):
                    return m
                kept.append(m)
        finally:
            for m in kept:
                self.inbox.put(m)

    def diagnostics(self, uri, version=None, timeout=5.0):
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                      and (version is None or m["params"].get("version") == version), timeout)
        return None if m is None else m["params"]["diagnostics"]

    def drain(self):
        while not self.inbox.empty():
            self.inbox.get()

    def open(self, path, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(path), "languageId": "markdown",
                                                              "version": version, "text": text}})

    def initialize(self, capabilities=None):
        return self.request("initialize", {"processId": os.getpid(), "rootUri": None,
                                           "capabilities": capabilities or {}})


work = tempfile.mkdtemp(prefix="communique-lsp-")
try:
    impossible = read(os.path.join(FIXTURES, "invalid", "impossible-date.md"))
    valid = impossible.replace("31 April 2024", "30 April 2024")
    client = Client(work)
    init = client.initialize()
    caps = init["result"]["capabilities"]
    expect(caps["textDocumentSync"]["change"] == 2, "incremental sync is offered")
    expect(caps.get("documentFormattingProvider") is True, "formatting is offered")
    expect(not caps.get("documentRangeFormattingProvider"), "range formatting is not offered")
    client.notify("initialized", {})

    # Open: the impossible date's diagnostic, at the dateline, within a second.
    draft = os.path.join(work, "draft.md")
    uri = uri_of(draft)
    started = time.monotonic()
    client.open(draft, impossible)
    diags = client.diagnostics(uri, 1, timeout=1.0)
    expect(diags is not None, "diagnostics published within a second of didOpen")
    lines = impossible.split("\n")
    dateline = next(i for i, line in enumerate(lines) if "31 April 2024" in line)
    invalid = [d for d in diags or [] if d["code"] == "date-invalid"]
    expect(len(invalid) == 1, f"one date-invalid diagnostic: {diags}")
    if invalid:
        r = invalid[0]["range"]
        col = utf16(lines[dateline][:lines[dateline].index("31 April 2024")])
        expect(r["start"] == {"line": dateline, "character": col}, f"date-invalid starts at the date: {r}")
        expect(r["end"] == {"line": dateline, "character": col + len("31 April 2024")}, f"and ends after it: {r}")
        expect(invalid[0]["severity"] == 1, "an error is severity 1")
        expect(invalid[0]["source"] == "communique", "the source is communique")

    # Code action on it: did you mean 30 April 2024?
    if invalid:
        actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": invalid[0]["range"],
                                                             "context": {"diagnostics": invalid}})["result"]
        titles = [a["title"] for a in actions]
        expect("Did you mean 30 April 2024?" in titles, f"the impossible date's fix is offered: {titles}")
        fix = next((a for a in actions if a["title"].startswith("Did you mean")), None)
        if fix:
            edits = fix["edit"]["changes"][uri]
            expect(edits == [{"range": invalid[0]["range"], "newText": "30 April 2024"}], f"the fix's edit: {edits}")

    # Full sync to the valid draft clears it.
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": valid}]})
    diags = client.diagnostics(uri, 2, timeout=2.0)
    expect(diags == [], f"the valid draft has no diagnostics: {diags}")

    # Debounce: five quick incremental edits give one check, of the last text.
    # Each types one character of "31" over "30" and back; the last leaves 31.
    col = utf16(lines[dateline][:lines[dateline].index("31 April 2024")])
    day = {"start": {"line": dateline, "character": col}, "end": {"line": dateline, "character": col + 2}}
    for version, text in zip(range(3, 8), ["31", "30", "31", "30", "31"]):
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"range": day, "text": text}]})
    diags = client.diagnostics(uri, 7, timeout=2.0)
    expect(diags is not None and [d["code"] for d in diags] == ["date-invalid"],
           f"incremental edits are applied: {diags}")
    early = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                        and m["params"].get("version") in (3, 4, 5, 6), timeout=0.5)
    expect(early is None, f"the debounce checks once, not at every edit: {early}")
    client.drain()

    # Hover on the date: its ISO value and weekday.
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 8},
                                             "contentChanges": [{"text": valid}]})
    client.diagnostics(uri, 8)
    weekday = datetime.date(2024, 4, 30).strftime("%A")
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": dateline, "character": col + 3}})["result"]
    text = hover["contents"]["value"] if hover else ""
    expect("2024-04-30" in text and weekday in text, f"hover on the date: {text}")
    person_line = next(i for i, line in enumerate(lines) if "CHEA Ratanak" in line)
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {
        "line": person_line, "character": utf16(lines[person_line][:lines[person_line].index("CHEA")]) + 1}})["result"]
    text = hover["contents"]["value"] if hover else ""
    expect("Person" in text and "CHEA Ratanak" in text, f"hover on a person: {text}")
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": dateline, "character": 2}})["result"]
    text = hover["contents"]["value"] if hover else ""
    expect("Dateline" in text and "Phnom Penh" in text and "2024-04-30" in text, f"hover on the dateline: {text}")

    # The outline.
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})["result"]
    names = [s["name"] for s in symbols]
    headline_line = next(i for i, line in enumerate(lines) if line.startswith("Clean water"))
    expect(names == ["Header", lines[headline_line], "Body", "Dateline"], f"document symbols: {names}")
    by_name = {s["name"]: s for s in symbols}
    if "Dateline" in by_name:
        expect(by_name["Dateline"]["range"]["start"]["line"] == dateline, "the dateline symbol is at its line")
    if lines[headline_line] in by_name:
        expect(by_name[lines[headline_line]]["range"]["start"]["line"] == headline_line, "the headline's line")

    # Formatting returns what `communique fmt` writes.
    messy = valid.replace("\n\n", "\n\n\n").replace("Phnom Penh, 30 April 2024", "Phnom Penh,   30 April 2024  ")
    copy = os.path.join(work, "messy.md")
    with open(copy, "w", encoding="utf-8") as f:
        f.write(messy)
    subprocess.run([COMMUNIQUE, "fmt", copy], check=True)
    formatted = read(copy)
    expect(formatted != messy, "the fixture for formatting is not already formatted")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 9},
                                             "contentChanges": [{"text": messy}]})
    edits = client.request("textDocument/formatting", {"textDocument": {"uri": uri},
                                                       "options": {"tabSize": 4, "insertSpaces": True}})["result"]
    expect(isinstance(edits, list) and len(edits) == 1, f"formatting returns an edit: {edits}")
    if edits:
        end = edits[0]["range"]["end"]
        messy_lines = messy.split("\n")
        expect(edits[0]["range"]["start"] == {"line": 0, "character": 0}
               and end == {"line": len(messy_lines) - 1, "character": utf16(messy_lines[-1])},
               f"the edit spans the document: {edits[0]['range']}")
        expect(edits[0]["newText"] == formatted, "formatting's text is communique fmt's")
    answer = client.request("textDocument/rangeFormatting", {"textDocument": {"uri": uri}, "range": day,
                                                             "options": {"tabSize": 4, "insertSpaces": True}})
    expect("error" in answer and "range" in answer["error"]["message"], f"range formatting is refused: {answer}")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 10},
                                             "contentChanges": [{"text": impossible}]})
    client.diagnostics(uri, 10)
    answer = client.request("textDocument/formatting", {"textDocument": {"uri": uri},
                                                        "options": {"tabSize": 4, "insertSpaces": True}})
    expect("error" in answer and "errors" in answer["error"]["message"], f"a draft with errors is not formatted: {answer}")

    # UTF-16 ranges: Khmer before the date (3 UTF-8 bytes, one UTF-16 unit
    # each), and a flag (two code points outside the BMP, four units).
    km = read(os.path.join(FIXTURES, "releases", "2024-04-12-km-trade-delegation.md"))
    km = km.replace("ថ្ងៃទី១២ ខែមេសា ឆ្នាំ២០២៤", "ថ្ងៃទី៣១ ខែមេសា ឆ្នាំ២០២៤")
    km_path = os.path.join(work, "km.md")
    client.open(km_path, km)
    diags = client.diagnostics(uri_of(km_path), 1) or []
    km_lines = km.split("\n")
    at = next(i for i, line in enumerate(km_lines) if "ថ្ងៃទី៣១ ខែមេសា" in line)
    invalid = [d for d in diags if d["code"] == "date-invalid"]
    expect(len(invalid) == 1, f"the Khmer impossible date: {diags}")
    if invalid:
        start = utf16(km_lines[at][:km_lines[at].index("ថ្ងៃទី៣១")])
        expect(invalid[0]["range"]["start"] == {"line": at, "character": start}, f"Khmer range: {invalid[0]['range']}")
        expect(invalid[0]["range"]["end"] == {"line": at, "character": start + utf16("ថ្ងៃទី៣១ ខែមេសា ឆ្នាំ២០២៤")},
               f"Khmer range end: {invalid[0]['range']}")
    flag = impossible.replace("Phnom Penh, 31 April", "Phnom Penh \U0001F1F0\U0001F1ED, 31 April")
    flag_path = os.path.join(work, "flag.md")
    client.open(flag_path, flag)
    diags = [d for d in client.diagnostics(uri_of(flag_path), 1) or [] if d["code"] == "date-invalid"]
    flag_line = flag.split("\n")[dateline]
    start = utf16(flag_line[:flag_line.index("31 April")])
    expect(len(flag_line[:flag_line.index("31 April")]) != start, "the flag line tells code points from UTF-16 units")
    expect(diags and diags[0]["range"]["start"] == {"line": dateline, "character": start},
           f"UTF-16 range after an emoji: {diags}")

    # A missing dateline: the code action inserts one, and the error goes.
    missing = read(os.path.join(FIXTURES, "invalid", "missing-dateline.md"))
    missing_path = os.path.join(work, "missing.md")
    missing_uri = uri_of(missing_path)
    client.open(missing_path, missing)
    diags = [d for d in client.diagnostics(missing_uri, 1) or [] if d["code"] == "dateline-missing"]
    expect(len(diags) == 1, f"dateline-missing: {diags}")
    if diags:
        actions = client.request("textDocument/codeAction", {"textDocument": {"uri": missing_uri},
                                                             "range": diags[0]["range"],
                                                             "context": {"diagnostics": diags}})["result"]
        insert = [a for a in actions if "dateline" in a["title"].lower()]
        expect(len(insert) == 1, f"a dateline template is offered: {actions}")
        if insert:
            (edit,) = insert[0]["edit"]["changes"][missing_uri]
            client.notify("textDocument/didChange", {"textDocument": {"uri": missing_uri, "version": 2},
                                                     "contentChanges": [{"range": edit["range"],
                                                                         "text": edit["newText"]}]})
            after = client.diagnostics(missing_uri, 2) or [{"code": "none published"}]
            expect(not [d for d in after if d["code"] == "dateline-missing"],
                   f"the inserted dateline is read as one: {after}")

    # The nearest .communique.toml applies, and is read again when it changes.
    sub = os.path.join(work, "office")
    os.mkdir(sub)
    with open(os.path.join(sub, ".communique.toml"), "w") as f:
        f.write('[rules]\n"date-invalid" = "warning"\n')
    office = os.path.join(sub, "draft.md")
    client.open(office, impossible)
    diags = [d for d in client.diagnostics(uri_of(office), 1) or [] if d["code"] == "date-invalid"]
    expect(diags and diags[0]["severity"] == 2, f"the folder's configuration makes it a warning: {diags}")
    time.sleep(0.05)
    with open(os.path.join(sub, ".communique.toml"), "w") as f:
        f.write('[rules]\n"date-invalid" = "note"\n')
    os.utime(os.path.join(sub, ".communique.toml"), (time.time() + 5, time.time() + 5))
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri_of(office), "version": 2},
                                             "contentChanges": [{"text": impossible + "\n"}]})
    diags = [d for d in client.diagnostics(uri_of(office), 2) or [] if d["code"] == "date-invalid"]
    expect(diags and diags[0]["severity"] == 3, f"the changed configuration is read again: {diags}")

    # A configuration with a mistake: said on the draft's first line.
    broken_dir = os.path.join(work, "broken")
    os.mkdir(broken_dir)
    with open(os.path.join(broken_dir, ".communique.toml"), "w") as f:
        f.write('[rules]\n"no-such-rule" = "error"\n')
    broken_draft = os.path.join(broken_dir, "draft.md")
    client.open(broken_draft, valid)
    diags = client.diagnostics(uri_of(broken_draft), 1) or []
    config = [d for d in diags if d["code"] == "config"]
    expect(config and config[0]["range"]["start"] == {"line": 0, "character": 0}
           and ".communique.toml" in config[0]["message"], f"a configuration's mistake: {diags}")

    # Web pages and Word documents are not drafts an editor edits: not checked.
    page = os.path.join(work, "page.html")
    client.open(page, "<html><body><p>31 April 2024</p></body></html>")
    published = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri_of(page), timeout=0.5)
    expect(published is None, f"an .html file is not checked: {published}")

    # Bad messages: an error answer each, and the server carries on.
    client.raw(b"Content-Length: 9\r\n\r\n{not json")
    m = client.wait(lambda m: m.get("error", {}).get("code") == -32700)
    expect(m is not None and m["id"] is None, f"a parse error is answered: {m}")
    client.raw(b"X-Nonsense: 1\r\n\r\n")
    answer = client.request("no/such/method", {})
    expect(answer.get("error", {}).get("code") == -32601, f"an unknown method: {answer}")
    answer = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": "here"})
    expect(answer.get("error", {}).get("code") == -32602, f"bad parameters: {answer}")
    client.send({"id": 99, "method": 5})
    m = client.wait(lambda m: m.get("id") == 99)
    expect(m is not None and m["error"]["code"] == -32600, f"a method that is not a string: {m}")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri}})

    # Shutdown and exit: status 0.
    answer = client.request("shutdown", None)
    expect("result" in answer and answer["result"] is None, f"shutdown answers null: {answer}")
    client.notify("exit", None)
    try:
        status = client.proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        client.proc.kill()
        status = "still running"
    expect(status == 0, f"exit after shutdown ends with 0, got {status}")
    expect(b"communique lsp:" in client.stderr, "bad messages are logged on standard error")

    # Exit without shutdown: 1, as the protocol says.
    other = Client(work)
    other.initialize()
    other.notify("exit", None)
    expect(other.proc.wait(timeout=5) == 1, "exit without shutdown ends with 1")
    print(f"protocol test: {time.monotonic() - started:.1f}s", file=sys.stderr)
finally:
    shutil.rmtree(work, ignore_errors=True)

if failures:
    print(f"{len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
print("lsp protocol: all checks passed")
