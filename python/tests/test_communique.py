"""The Python package as users get it: run by tests/capi/python_test.sh with
/usr/bin/python3 -m pytest against a `cmake --install` into a temporary
prefix, PYTHONPATH set to its dist-packages and nothing telling the package
where the library is (no LD_LIBRARY_PATH, no COMMUNIQUE_LIBRARY).

COMMUNIQUE_TEST_PREFIX and COMMUNIQUE_TEST_VERSION say what was installed.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import communique

PREFIX = Path(os.environ["COMMUNIQUE_TEST_PREFIX"]).resolve()
VERSION = os.environ["COMMUNIQUE_TEST_VERSION"]
HEADLINE = "Clean water reaches 120 more villages in the northeast"
# A draft whose dateline gives a day April does not have.
DRAFT = f"""KINGDOM OF CAMBODIA
NATION RELIGION KING

**MINISTRY OF RURAL DEVELOPMENT
AND INFRASTRUCTURE**

PRESS RELEASE

{HEADLINE}

The Ministry of Rural Development and Infrastructure announces that 120 villages in three \
northeastern provinces gained access to safe drinking water through new piped systems.

**His Excellency CHEA Ratanak**, Minister of Rural Development and Infrastructure, thanked \
village water committees for their work.

Phnom Penh, 31 April 2024
"""
DATE_LINE = DRAFT.splitlines().index("Phnom Penh, 31 April 2024") + 1
DATE_COLUMN = len("Phnom Penh, ") + 1
VALID = DRAFT.replace("31 April 2024", "30 April 2024")


def loaded_libraries() -> set[str]:
    with open("/proc/self/maps") as maps:
        return {line.split()[-1] for line in maps if "libcommunique" in line}


def test_the_installed_package_loads_the_installed_library() -> None:
    assert "LD_LIBRARY_PATH" not in os.environ and "COMMUNIQUE_LIBRARY" not in os.environ
    assert Path(communique.__file__).resolve().is_relative_to(PREFIX)
    assert (Path(communique.__file__).parent / "py.typed").is_file()
    libraries = loaded_libraries()
    assert libraries, "no libcommunique is loaded"
    assert all(Path(p).resolve().is_relative_to(PREFIX) for p in libraries), libraries
    assert communique.__version__ == VERSION


def test_convert_returns_the_page() -> None:
    html = communique.convert(VALID, "html")
    assert isinstance(html, str)
    assert html.lstrip().lower().startswith("<!doctype html")
    assert HEADLINE in html


def test_check_finds_31_april_at_its_line() -> None:
    diagnostics = communique.check(DRAFT)
    dates = [d for d in diagnostics if d.rule == "date-invalid"]
    assert len(dates) == 1, diagnostics
    d = dates[0]
    assert (d.line, d.column, d.severity, d.file) == (DATE_LINE, DATE_COLUMN, "error", None)
    assert "31 April 2024" in d.message
    assert communique.check(VALID) == [] or all(x.severity != "error" for x in communique.check(VALID))


def test_check_reads_a_path_and_names_it(tmp_path: Path) -> None:
    draft = tmp_path / "release.md"
    draft.write_text(DRAFT)
    for source in (draft, str(draft)):
        (d,) = [d for d in communique.check(source) if d.rule == "date-invalid"]
        assert d.file == str(draft)
        assert str(d).startswith(f"{draft}:{DATE_LINE}:{DATE_COLUMN}: error[date-invalid]: ")


def test_convert_raises_with_the_diagnostics() -> None:
    with pytest.raises(communique.InvalidRelease) as caught:
        communique.convert(DRAFT, "html")
    assert isinstance(caught.value, communique.Error)
    assert any(d.rule == "date-invalid" and d.line == DATE_LINE for d in caught.value.diagnostics)
    assert "date-invalid" in str(caught.value)


def test_binary_formats_are_bytes() -> None:
    pdf = communique.convert(VALID, "pdf")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")
    docx = communique.convert(VALID.encode(), "docx")
    assert isinstance(docx, bytes) and docx.startswith(b"PK")


def test_misuse_raises_error_with_the_reason() -> None:
    # The C API's last error, as communique_convert left it, names the format.
    with pytest.raises(communique.Error, match=r"^communique: unknown format: rtf$"):
        communique.convert(VALID, "rtf")
    with pytest.raises(communique.Error, match="no-such-rule"):
        communique.Engine(rules={"no-such-rule": "off"})
    with pytest.raises(communique.Error):
        communique.Engine(format="pptx")
    with pytest.raises(TypeError):
        communique.check(42)  # type: ignore[arg-type]


def test_stylesheet_parameters() -> None:
    text = communique.convert(VALID, "txt", width=40)
    assert isinstance(text, str) and "Clean water" in text
    assert max(len(line) for line in text.splitlines()) <= 40
    assert max(len(line) for line in communique.convert(VALID, "txt").splitlines()) > 40


def test_engine_options_and_reuse() -> None:
    with communique.Engine(rules={"date-invalid": "warning"}) as engine:
        (d,) = [d for d in engine.check(DRAFT) if d.rule == "date-invalid"]
        assert d.severity == "warning"
        result = engine.run(VALID, ["html", "txt"])
        assert result.ok and set(result.outputs) == {"html", "txt"}
        assert HEADLINE in result.outputs["html"] and HEADLINE in result.outputs["txt"]
        # The date is still no xs:date for the schema: run gives the errors, no outputs, and raises nothing.
        invalid = engine.run(DRAFT, "html")
        assert not invalid.ok and invalid.outputs == {}
        assert any(d.rule == "date-invalid" for d in invalid.diagnostics)
    with pytest.raises(communique.Error, match="closed"):
        engine.check(DRAFT)
    off = communique.Engine(rules={"date-invalid": "off"})
    assert not [d for d in off.check(DRAFT) if d.rule == "date-invalid"]


def test_config_file(tmp_path: Path) -> None:
    config = tmp_path / ".communique.toml"
    config.write_text('[rules]\ndate-invalid = "note"\n')
    (d,) = [d for d in communique.check(DRAFT, config=config) if d.rule == "date-invalid"]
    assert d.severity == "note"
    # A changed file is read again.
    config.write_text('[rules]\ndate-invalid = "off"\n')
    os.utime(config, ns=(1, 1))
    assert not [d for d in communique.check(DRAFT, config=config) if d.rule == "date-invalid"]
    config.write_text('[rules]\nno-such-rule = "off"\n')
    with pytest.raises(communique.ConfigError) as caught:
        communique.Engine(config=config)
    assert caught.value.diagnostics and all(d.file == str(config) for d in caught.value.diagnostics)


def test_threads_share_an_engine() -> None:
    engine = communique.Engine()
    expected = engine.convert(VALID, "html")
    barrier = threading.Barrier(4)

    def work(i: int) -> tuple[bool, str]:
        barrier.wait()
        same = all(engine.convert(VALID, "html") == expected for _ in range(5))
        # The last error is each thread's own.
        try:
            engine.convert(VALID, f"nope{i}")
        except communique.Error as e:
            return same, str(e)
        return same, ""

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(work, range(4)))
    assert all(same for same, _ in results)
    assert [message.endswith(f"nope{i}") for i, (_, message) in enumerate(results)] == [True] * 4


def test_type_hints_are_published(tmp_path: Path) -> None:
    # mypy reads the installed package's hints (py.typed): clean code passes,
    # and a wrong use of a result is caught.
    good = tmp_path / "good.py"
    good.write_text(
        "import communique\n"
        "out: str | bytes = communique.convert('x', 'html')\n"
        "ds: list[communique.Diagnostic] = communique.check('x', format='markdown')\n"
        "lines: list[int] = [d.line for d in ds]\n"
        "r: communique.Result = communique.Engine(rules={'date-invalid': 'off'}).run(b'x', ['txt'])\n"
        "with communique.Job(inputs=['in'], output_dir='out', formats='html', shard=(1, 2),\n"
        "                    progress=lambda done, total, path: print(done + total, path.upper())) as job:\n"
        "    s: communique.JobSummary = job.run()\n"
        "    n: int = s.converted + s.up_to_date + s.invalid + s.failed + s.status\n")
    bad = tmp_path / "bad.py"
    bad.write_text("import communique\nn: int = communique.convert('x', 'html')\n"
                   "communique.Job(inputs='in', output_dir='out', shard=1)\n")
    mypy = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull]
    for target in (["-p", "communique"], [str(good)]):
        checked = subprocess.run([*mypy, *target], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    caught = subprocess.run([*mypy, str(bad)], capture_output=True, text=True)
    assert caught.returncode == 1 and "bad.py:2: error: Incompatible types in assignment" in caught.stdout, caught.stdout
    assert 'bad.py:3: error: Argument "shard" to "Job" has incompatible type' in caught.stdout, caught.stdout
