"""communique.Job, the C API's bulk job from Python: a folder of drafts in,
an output folder out. Run as test_communique.py is, from the installed tree
(tests/capi/python_test.sh).
"""
from __future__ import annotations

import json
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import communique

WATER = "Clean water reaches 120 more villages in the northeast"
BRIDGE = "New bridge links two districts across the Sen river"


def draft(ministry: str, headline: str, body: str, dateline: str) -> str:
    """A release laid out as fixtures/releases/*.md are."""
    first, second = ministry.split(" AND ")
    return (f"KINGDOM OF CAMBODIA\nNATION RELIGION KING\n\n**{first}\nAND {second}**\n\n"
            f"PRESS RELEASE\n\n{headline}\n\n{body}\n\n{dateline}\n")


def write_drafts(folder: Path) -> dict[str, Path]:
    """Two valid releases (one in a subfolder) and one dated 31 April."""
    drafts = {
        "water": folder / "water.md",
        "bridge": folder / "2024" / "bridge.md",
        "invalid": folder / "invalid.md",
    }
    drafts["bridge"].parent.mkdir(parents=True)
    drafts["water"].write_text(draft(
        "MINISTRY OF RURAL DEVELOPMENT AND INFRASTRUCTURE", WATER,
        "The Ministry of Rural Development and Infrastructure announces that 120 villages in three "
        "northeastern provinces gained access to safe drinking water through new piped systems.",
        "Phnom Penh, 30 April 2024"))
    drafts["bridge"].write_text(draft(
        "MINISTRY OF PUBLIC WORKS AND TRANSPORT", BRIDGE,
        "**His Excellency SOK Dara**, Secretary of State of the Ministry of Public Works and Transport, "
        "opened a 240-metre concrete bridge over the Sen river, which shortens the trip between the two "
        "district markets from two hours to twenty minutes.",
        "Kampong Thom, 14 May 2024"))
    drafts["invalid"].write_text(draft(
        "MINISTRY OF EDUCATION AND SPORT", "Provincial school games open with 3,000 pupils",
        "The Ministry of Education and Sport opened the provincial school games, where 3,000 pupils "
        "from 25 provinces compete in athletics, football and volleyball.",
        "Phnom Penh, 31 April 2024"))
    return drafts


OUTPUTS = ["water.html", "water.txt", "2024/bridge.html", "2024/bridge.txt"]


def test_a_folder_is_converted_with_progress(tmp_path: Path) -> None:
    write_drafts(tmp_path / "in")
    out = tmp_path / "out"
    calls: list[tuple[int, int, str]] = []
    messages: list[str] = []
    with communique.Job(inputs=tmp_path / "in", output_dir=out, formats=["html", "txt"], jobs=2,
                        progress=lambda done, total, path: calls.append((done, total, path)),
                        messages=messages.append) as job:
        summary = job.run()
        assert (summary.converted, summary.up_to_date, summary.invalid, summary.failed) == (2, 0, 1, 0)
        assert (summary.status, summary.total, summary.ok) == (1, 3, False)
        assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.suffix in (".html", ".txt")) \
            == sorted(OUTPUTS)
        assert WATER in (out / "water.html").read_text() and BRIDGE in (out / "2024/bridge.txt").read_text()
        # The last call has every release done, and names one of them.
        done, total, path = calls[-1]
        assert done == total == 3 and path.startswith(str(tmp_path / "in")) and path.endswith(".md")
        assert all(d <= t == 3 for d, t, _ in calls)
        assert messages == []

        # The manifest in the output folder: nothing changed, nothing to write.
        again = job.run()
        assert (again.converted, again.up_to_date, again.invalid, again.failed) == (0, 2, 1, 0)
    # A new job over the same folder reads the same manifest.
    with communique.Job(inputs=[str(tmp_path / "in")], output_dir=str(out), formats=("html", "txt")) as job:
        assert job.run().up_to_date == 2
    # An excluded file is not an input.
    with communique.Job(inputs=tmp_path / "in", output_dir=out, formats=["html", "txt"],
                        exclude="invalid.md") as job:
        clean = job.run()
        assert (clean.status, clean.up_to_date, clean.total, clean.ok) == (0, 2, 2, True)


def test_two_shards_convert_each_release_once(tmp_path: Path) -> None:
    write_drafts(tmp_path / "in")
    out = tmp_path / "out"

    def shard(index: int) -> communique.JobSummary:
        with communique.Job(inputs=tmp_path / "in", output_dir=out, formats="html", shard=(index, 2),
                            jobs=1) as job:
            return job.run()

    # At once, into one folder (shards share its manifest), from two threads.
    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(shard, (1, 2))
    assert first.total + second.total == 3
    assert first.converted + second.converted == 2 and first.invalid + second.invalid == 1
    assert first.up_to_date == second.up_to_date == 0
    assert (out / "water.html").is_file() and (out / "2024/bridge.html").is_file()
    with communique.Job(inputs=tmp_path / "in", output_dir=out, formats="html") as job:
        whole = job.run()
    assert (whole.converted, whole.up_to_date, whole.invalid) == (0, 2, 1)


def test_the_options_reach_the_job(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_drafts(tmp_path / "in")
    # A list of files, mirrored by their listed (relative) paths; the
    # invalid release written all the same; a report and a catalog.
    monkeypatch.chdir(tmp_path / "in")
    (tmp_path / "list").write_text("water.md\ninvalid.md\n")
    out = tmp_path / "out"
    with communique.Job(files_from=tmp_path / "list", output_dir=out, accept_invalid=True,
                        report=tmp_path / "report.json", catalog=True, catalog_params={"title": "Rural news"}) as job:
        summary = job.run()
    assert (summary.status, summary.converted, summary.converted_invalid, summary.invalid, summary.total) \
        == (0, 1, 1, 0, 2)
    assert (out / "water.xml").is_file() and (out / "invalid.xml").is_file() and not (out / "2024").exists()
    assert json.loads((tmp_path / "report.json").read_text())["summary"]["converted_invalid"] == 1
    assert "Rural news" in (out / "index.html").read_text() and (out / "catalog.json").is_file()

    # A configuration with an error fails its inputs, and says so.
    bad = '[rules]\nno-such-rule = "off"\n'
    (tmp_path / "bad.toml").write_text(bad)
    messages: list[str] = []
    with communique.Job(inputs=tmp_path / "in" / "water.md", output_dir=tmp_path / "out2",
                        config=tmp_path / "bad.toml", messages=messages.append) as job:
        failed = job.run()
    assert (failed.status, failed.failed) == (2, 1)
    assert any("water.md" in m and "configuration" in m for m in messages), messages
    # The nearest .communique.toml, when asked for.
    (tmp_path / "in" / ".communique.toml").write_text(bad)
    with communique.Job(inputs=tmp_path / "in", output_dir=tmp_path / "out3") as job:
        assert job.run().failed == 0
    with communique.Job(inputs=tmp_path / "in", output_dir=tmp_path / "out4", find_config_files=True) as job:
        assert job.run().failed == 3


def test_misuse_raises_error(tmp_path: Path) -> None:
    with pytest.raises(communique.Error, match="docz"):
        communique.Job(inputs=tmp_path, output_dir=tmp_path / "out", formats=["html", "docz"])
    with pytest.raises(communique.Error, match="shard"):
        communique.Job(inputs=tmp_path, output_dir=tmp_path / "out", shard=(3, 2))
    with pytest.raises(communique.Error, match="base URL"):
        communique.Job(inputs=tmp_path, output_dir=tmp_path / "out", base_url="ftp://example.org/")
    # The C job refuses to run (-1): its reason is the error's.
    with communique.Job(output_dir=tmp_path / "out") as job, pytest.raises(communique.Error, match="no input"):
        job.run()
    job = communique.Job(inputs=tmp_path, output_dir=tmp_path / "out")
    job.close()
    with pytest.raises(communique.Error, match="closed"):
        job.run()


class Stop(Exception):
    pass


def test_an_exception_in_progress_is_raised_by_run(tmp_path: Path) -> None:
    write_drafts(tmp_path / "in")
    calls = 0

    def progress(done: int, total: int, path: str) -> None:
        nonlocal calls
        calls += 1
        raise Stop(f"stop at {done}/{total}")

    with communique.Job(inputs=tmp_path / "in", output_dir=tmp_path / "out", progress=progress) as job:
        with pytest.raises(Stop, match="stop at"):
            job.run()
    # Once raised, the function is not called again during the run.
    assert calls == 1


def test_messages_tell_what_went_wrong_outside_a_release(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    messages: list[str] = []
    with communique.Job(inputs=missing, output_dir=tmp_path / "out", messages=messages.append) as job:
        summary = job.run()
    assert summary.status == 2
    assert any(str(missing) in m for m in messages), messages

    def fail(message: str) -> None:
        raise Stop(message)

    with communique.Job(inputs=missing, output_dir=tmp_path / "out", messages=fail) as job:
        with pytest.raises(Stop, match="missing.md"):
            job.run()


def write_many(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"fair-{i:03}.md").write_text(draft(
            "MINISTRY OF TRADE AND AGRO-INDUSTRY", f"Provincial trade fair number {i} opens",
            "The provincial trade fair opened today with producers of pepper, salt and rice.",
            "Kampot, 8 January 2024"))


def test_cancel_stops_the_run_for_good(tmp_path: Path) -> None:
    # The cancel asked in the first progress call is seen at the next tick,
    # some 200 ms in: 400 PDFs took that long once the PDF writer shared its
    # font subsets, and a loaded machine finished them all first.
    count = 2000
    write_many(tmp_path / "in", count)
    job = communique.Job(inputs=tmp_path / "in", output_dir=tmp_path / "out", formats="pdf", jobs=1,
                         progress=lambda done, total, path: job.cancel())
    with job:
        stopped = job.run()
        assert stopped.status == 2 and stopped.not_started > 0
        assert stopped.converted + stopped.not_started == stopped.total == count
        # A cancelled job stays cancelled.
        again = job.run()
        assert (again.status, again.converted, again.not_started) == (2, 0, count)


def test_ctrl_c_cancels_the_run_and_raises_keyboard_interrupt(tmp_path: Path) -> None:
    # Enough PDFs (one thread: about two seconds here; 400 took half a
    # second once the PDF writer got faster, and a loaded CI machine finished
    # them all before the cancel was seen) that the run is far from done when
    # the first is written and Ctrl-C is sent; it stops two progress ticks
    # later at most (the handler runs in one, the cancel is seen at the
    # next). No progress function is given: the job's own keeps Python's
    # signal handling going during the run.
    count = 2000
    write_many(tmp_path / "in", count)
    out = tmp_path / "out"

    def interrupt_after_the_first_pdf() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if any(out.glob("*.pdf")):
                os.kill(os.getpid(), signal.SIGINT)
                return
            time.sleep(0.005)

    watcher = threading.Thread(target=interrupt_after_the_first_pdf)
    with communique.Job(inputs=tmp_path / "in", output_dir=out, formats="pdf", jobs=1) as job:
        watcher.start()
        with pytest.raises(KeyboardInterrupt):
            job.run()
        watcher.join()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    written = len(list(out.glob("*.pdf")))
    assert 0 < written < count
    # The manifest was written: a new run finds the done ones up to date.
    with communique.Job(inputs=tmp_path / "in", output_dir=out, formats="pdf") as job:
        rest = job.run()
    assert rest.up_to_date == written and rest.up_to_date + rest.converted == count
