"""communique: read, check and convert official press releases, from Python.

A binding of the C API (libcommunique.so, include/communique/communique.h)
through ctypes::

    import communique

    for d in communique.check("release.md"):
        print(d)                        # release.md:17:13: error[date-invalid]: ...
    html = communique.convert(draft_text, "html")
    pdf = communique.convert(draft_text, "pdf")            # bytes

    engine = communique.Engine(profile="kh-ministry")      # for many releases
    result = engine.run(draft_text, ["html", "txt"])

    with communique.Job(inputs="drafts/", output_dir="site/", formats=["html"]) as job:
        summary = job.run()             # folders: summary.converted, .invalid, ...

Sources: a `bytes` is the release itself; an `os.PathLike` (pathlib.Path) is
a file to read; a `str` is a file to read when it is one line naming an
existing file, else the release's text.

Failures: an invalid release is an expected outcome, so `check` returns its
diagnostics; `convert`, which has nothing to return then, raises
`InvalidRelease`, whose `.diagnostics` say why. Misuse (an unknown format,
rule or profile) raises `Error` (a `ValueError` too); a configuration file
with errors raises `ConfigError`. Every exception here is an `Error` and
carries `.diagnostics` (empty when there are none); a `Job` counts invalid
releases and failed inputs in its summary, and its `run` raises, besides
`Error`, what your progress or message function raised (and
KeyboardInterrupt for Ctrl-C).

Threads: an `Engine` may be used by any number of threads at once (the C
engine is immutable), and the C library runs without the GIL; the
module-level functions share engines between threads. Close an engine only
when no thread is using it. A `Job` is run by one thread at a time.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Callable, Iterable, Iterator, Mapping, Optional, Sequence, TypeVar, Union

from . import _native
from ._native import lib

__all__ = [
    "BINARY_FORMATS",
    "ConfigError",
    "Diagnostic",
    "Engine",
    "Error",
    "InvalidRelease",
    "Job",
    "JobSummary",
    "MessageFunction",
    "ProgressFunction",
    "Result",
    "Source",
    "StrPath",
    "check",
    "convert",
    "__version__",
]

#: The library's version, "major.minor.patch".
__version__: str = lib.communique_version().decode()

#: What `check`, `convert` and an `Engine` read: the bytes of a release, a
#: path to one, or its text (see the module's documentation).
Source = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]"]

#: A file or folder: a str or an os.PathLike (pathlib.Path).
StrPath = Union[str, "os.PathLike[str]"]

#: The output formats that are bytes rather than UTF-8 text.
BINARY_FORMATS = frozenset({"pdf", "docx"})

_SEVERITIES = ("note", "warning", "error")
_LEVELS = {"note": 0, "warning": 1, "error": 2, "off": -1, None: -1}


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a release. Lines and columns count from 1 (a
    column counts Unicode code points); 0 means not known. The end is just
    past the span."""

    file: Optional[str]
    line: int
    column: int
    severity: str  # "note", "warning" or "error"
    rule: str  # a stable ID, e.g. "date-invalid"
    message: str
    end_line: int = 0
    end_column: int = 0

    def __str__(self) -> str:
        # As the command prints it: FILE:LINE:COLUMN: SEVERITY[RULE]: MESSAGE.
        where = [part for part in (self.file, self.line or None, self.line and self.column or None) if part]
        prefix = ":".join(str(part) for part in where)
        return f"{prefix + ': ' if prefix else ''}{self.severity}[{self.rule}]: {self.message}"


class Error(ValueError):
    """A call failed; `.diagnostics` has the diagnostics behind it, if any."""

    def __init__(self, message: str, diagnostics: Iterable[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics: list[Diagnostic] = list(diagnostics)


class InvalidRelease(Error):
    """The release has an error, so it was not converted."""


class ConfigError(Error):
    """The configuration (.communique.toml) has an error."""


@dataclass(frozen=True)
class Result:
    """What `Engine.run` gives: every diagnostic, and the outputs by format
    (none when the release has an error)."""

    diagnostics: list[Diagnostic]
    outputs: dict[str, Union[str, bytes]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no diagnostic is an error."""
        return not any(d.severity == "error" for d in self.diagnostics)


def _read(source: Source) -> tuple[bytes, Optional[str]]:
    """The bytes of a source, and the file they came from."""
    if isinstance(source, os.PathLike):
        path = os.fspath(source)
        return Path(path).read_bytes(), path
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), None
    if isinstance(source, str):
        if source and "\n" not in source and len(source) < 4096 and os.path.isfile(source):
            return Path(source).read_bytes(), source
        return source.encode("utf-8"), None
    raise TypeError(f"communique: a release is str, bytes or a path, not {type(source).__name__}")


def _diagnostics(result: int, file: Optional[str]) -> list[Diagnostic]:
    out = []
    d = _native.communique_diagnostic()
    for i in range(lib.communique_result_diagnostic_count(result)):
        if lib.communique_result_diagnostic(result, i, ctypes.byref(d)) != 0:
            raise Error(_native.last_error())
        severity = _SEVERITIES[d.severity] if 0 <= d.severity < len(_SEVERITIES) else str(d.severity)
        out.append(Diagnostic(file, d.line, d.column, severity, d.rule.decode("utf-8", "replace"),
                              d.message.decode("utf-8", "replace"), d.end_line, d.end_column))
    return out


def _output(result: int, i: int, format: str) -> Union[str, bytes]:
    size = ctypes.c_size_t()
    data = lib.communique_result_output(result, i, ctypes.byref(size))
    if not data:
        raise Error(_native.last_error())
    raw = ctypes.string_at(data, size.value)
    return raw if format in BINARY_FORMATS else raw.decode("utf-8")


def _require(status: int, what: str) -> None:
    if status != 0:
        raise Error(f"communique: {what}: {_native.last_error()}")


def _set_options(options: int, *, format: str, profile: Optional[str], rules: Optional[Mapping[str, Optional[str]]],
                 params: Optional[Mapping[str, object]], stylesheets: Optional[Mapping[str, StrPath]],
                 text_width: Optional[int], html_content: Optional[str], readable_folders: Iterable[StrPath]) -> None:
    """Sets how releases are read and written on a communique_options, for
    an Engine and a Job alike (the arguments are documented on Engine)."""
    _require(lib.communique_options_set_input_format(options, format.encode()), f"input format {format!r}")
    if profile is not None:
        _require(lib.communique_options_set_profile(options, profile.encode()), f"profile {profile!r}")
    for rule, level in (rules or {}).items():
        if level not in _LEVELS:
            raise Error(f"communique: rule {rule}: level {level!r} is none of note, warning, error, off")
        _require(lib.communique_options_set_rule_level(options, rule.encode(), _LEVELS[level]), "rule")
    for name, value in (params or {}).items():
        _require(lib.communique_options_set_param(options, name.encode(), str(value).encode()), "param")
    for name, path in (stylesheets or {}).items():
        _require(lib.communique_options_set_stylesheet(options, name.encode(), os.fsencode(path)), "stylesheet")
    if text_width is not None:
        _require(lib.communique_options_set_text_width(options, text_width), "text width")
    if html_content is not None:
        _require(lib.communique_options_set_html_content(options, html_content.encode()), "html content")
    for folder in readable_folders:
        _require(lib.communique_options_add_readable_folder(options, os.fsencode(folder)), "folder")


_Closing = TypeVar("_Closing", bound="_Closes")


class _Closes:
    """What Engine and Job share: a handle from the library (`_handle`, set by
    __init__) that close() frees, at the end of a `with` block or when the
    object is collected."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self: _Closing) -> _Closing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        # At interpreter exit the module's globals may be gone already; and
        # __init__ may have failed before setting _handle.
        if getattr(self, "_handle", None) and lib is not None:
            self.close()


class Engine(_Closes):
    """A compiled engine (schema, stylesheets, rules): build one and reuse it
    for many releases, from any number of threads.

    format: what the inputs are written in: "auto" (the default), "markdown",
        "docx", "html" or "xml".
    config: a .communique.toml file to apply ([rules], [dates], [house], ...),
        or `config_text` its text; the other arguments apply on top of it.
    profile: the house profile, "general" (default) or "kh-ministry".
    rules: rule ID -> "note", "warning", "error", or "off" / None.
    params: stylesheet parameters, passed to every stylesheet as strings.
    stylesheets: format -> a stylesheet file to use instead of the built-in one.
    text_width: the "txt" format's line width.
    html_content: in HTML input, the XPath of the element holding the release.
    readable_folders: folders that user stylesheets may read.
    """

    def __init__(self, *, format: str = "auto", config: Optional[Union[str, "os.PathLike[str]"]] = None,
                 config_text: Optional[str] = None, profile: Optional[str] = None,
                 rules: Optional[Mapping[str, Optional[str]]] = None, params: Optional[Mapping[str, object]] = None,
                 stylesheets: Optional[Mapping[str, Union[str, "os.PathLike[str]"]]] = None,
                 text_width: Optional[int] = None, html_content: Optional[str] = None,
                 readable_folders: Iterable[Union[str, "os.PathLike[str]"]] = ()) -> None:
        self._handle: Optional[int] = None
        options = lib.communique_options_new()
        if not options:
            raise MemoryError("communique: no memory for options")
        try:
            #: The diagnostics of the configuration (warnings; errors raise ConfigError).
            self.config_diagnostics: list[Diagnostic] = []
            if config is not None:
                self._apply_config(options, Path(config).read_bytes(), os.fspath(config))
            if config_text is not None:
                self._apply_config(options, config_text.encode("utf-8"), None)
            _set_options(options, format=format, profile=profile, rules=rules, params=params,
                         stylesheets=stylesheets, text_width=text_width, html_content=html_content,
                         readable_folders=readable_folders)
            handle = lib.communique_engine_new(options)
            if not handle:
                raise Error(f"communique: {_native.last_error()}")
            self._handle = handle
        finally:
            lib.communique_options_free(options)

    def _apply_config(self, options: int, toml: bytes, file: Optional[str]) -> None:
        result = lib.communique_options_parse_config(options, toml, len(toml))
        if not result:
            raise Error(f"communique: configuration: {_native.last_error()}")
        try:
            diagnostics = _diagnostics(result, file)
            ok = lib.communique_result_ok(result) == 1
        finally:
            lib.communique_result_free(result)
        if not ok:
            first = next(d for d in diagnostics if d.severity == "error")
            raise ConfigError(f"communique: the configuration has an error: {first}", diagnostics)
        self.config_diagnostics.extend(diagnostics)

    def _engine(self) -> int:
        if self._handle is None:
            raise Error("communique: the engine is closed")
        return self._handle

    def check(self, source: Source, *, file: Optional[str] = None) -> list[Diagnostic]:
        """Reads and checks a release: its diagnostics, sorted by position
        (empty when it is clean). `file` names it in the diagnostics (default:
        the path it was read from)."""
        data, path = _read(source)
        result = lib.communique_check(self._engine(), data, len(data))
        if not result:
            raise Error(f"communique: {_native.last_error()}")
        try:
            return _diagnostics(result, file if file is not None else path)
        finally:
            lib.communique_result_free(result)

    def run(self, source: Source, formats: Sequence[str], *, file: Optional[str] = None) -> Result:
        """Reads and checks a release and, when it has no error, writes it in
        each format (str, or bytes for BINARY_FORMATS). Never raises for an
        invalid release: see `Result.ok`."""
        if isinstance(formats, str):
            formats = [formats]
        data, path = _read(source)
        names = (ctypes.c_char_p * len(formats))(*[f.encode() for f in formats])
        result = lib.communique_convert(self._engine(), data, len(data), names, len(formats))
        if not result:
            raise Error(f"communique: {_native.last_error()}")
        try:
            diagnostics = _diagnostics(result, file if file is not None else path)
            outputs = {}
            if lib.communique_result_output_count(result) == len(formats):
                outputs = {f: _output(result, i, f) for i, f in enumerate(formats)}
        finally:
            lib.communique_result_free(result)
        return Result(diagnostics, outputs)

    def convert(self, source: Source, to: str, *, file: Optional[str] = None) -> Union[str, bytes]:
        """The release in the format `to`: str, or bytes for BINARY_FORMATS.
        Raises InvalidRelease (with the diagnostics) when it has an error."""
        result = self.run(source, [to], file=file)
        if not result.ok:
            first = next(d for d in result.diagnostics if d.severity == "error")
            raise InvalidRelease(f"communique: the release has an error: {first}", result.diagnostics)
        return result.outputs[to]

    def close(self) -> None:
        """Frees the engine now rather than when it is collected."""
        handle, self._handle = self._handle, None
        if handle:
            lib.communique_engine_free(handle)


#: A Job's progress function: (releases done, releases in all, the input of
#: the last one done, "" before the first).
ProgressFunction = Callable[[int, int, str], object]
#: A Job's message function: one sentence, usually "PATH: why".
MessageFunction = Callable[[str], object]


@dataclass(frozen=True)
class JobSummary:
    """What `Job.run` did. Counts are of releases (of this shard, with one).

    status: 0 when every release was converted or is up to date; 1 when a
        release is invalid (nothing written for it); 2 when an input could
        not be read or an output written, there was nothing to convert or
        the output folder is unusable (the message function is told why),
        or the run was cancelled.
    """

    status: int
    converted: int
    up_to_date: int
    invalid: int
    failed: int
    converted_invalid: int = 0  # written with errors (accept_invalid=True)
    not_started: int = 0  # the run stopped first (cancelled, a full disk)
    total: int = 0

    @property
    def ok(self) -> bool:
        """True when every release was converted or is up to date."""
        return self.status == 0


class _JobCallbacks:
    """The C callbacks of one job and what they share. Kept apart from the
    Job so that the ctypes function objects (which must live as long as the
    C job may call them) refer to this and not to the Job: no cycle keeps a
    Job alive after its last use."""

    def __init__(self, progress: Optional[ProgressFunction], messages: Optional[MessageFunction]) -> None:
        self.progress = progress
        self.messages = messages
        self.handle: Optional[int] = None
        # The first exception a Python function raised during a run. An
        # exception must not unwind into C (ctypes would print and drop it),
        # so it is kept here and raised again when the run returns.
        self.failure: Optional[BaseException] = None
        self._lock = threading.Lock()
        # Always set, even with no progress function: its calls, about ten a
        # second on the thread that runs the job, are when Python runs its
        # signal handlers during a run (see _interrupt_cancels).
        self.c_progress = _native.progress_fn(self._on_progress)
        self.c_messages = _native.message_fn(self._on_message) if messages is not None else None

    def _failed(self, e: BaseException) -> None:
        with self._lock:
            if self.failure is None:
                self.failure = e
        # Nothing more is started; the run ends soon, and the error is raised.
        if self.handle:
            lib.communique_job_cancel(self.handle)

    def _on_progress(self, user: Optional[int], done: int, total: int, path: Optional[bytes]) -> None:
        try:
            if self.progress is not None and self.failure is None:
                self.progress(done, total, os.fsdecode(path or b""))
        except BaseException as e:  # KeyboardInterrupt too: it must reach the caller of run()
            self._failed(e)

    def _on_message(self, user: Optional[int], message: Optional[bytes]) -> None:
        try:
            if self.messages is not None and self.failure is None:
                self.messages((message or b"").decode("utf-8", "replace"))
        except BaseException as e:
            self._failed(e)


@contextlib.contextmanager
def _interrupt_cancels(handle: int) -> Iterator[list[bool]]:
    """While a job runs on the main thread, Ctrl-C (SIGINT) cancels it, so
    that its manifest and report are written, and the list it gives is made
    true for run() to raise KeyboardInterrupt. Python's own handler would
    raise KeyboardInterrupt inside a callback, where ctypes drops it and the
    run goes on. A handler other than Python's default is left in place."""
    interrupted: list[bool] = []
    if threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield interrupted
        return

    def cancel(signum: int, frame: Optional[FrameType]) -> None:
        interrupted.append(True)
        lib.communique_job_cancel(handle)

    previous = signal.signal(signal.SIGINT, cancel)
    try:
        yield interrupted
    finally:
        signal.signal(signal.SIGINT, previous)


def _many(value: Union[StrPath, Iterable[StrPath]]) -> list[StrPath]:
    """One path or glob, or several."""
    if isinstance(value, (str, os.PathLike)):
        return [value]
    return list(value)


class Job(_Closes):
    """Converts folders of releases into an output folder, as
    `communique convert FOLDER -o OUT` does: the inputs (files, and folders
    walked recursively, their tree mirrored under the output folder)
    converted on a pool of threads, each output written atomically, and a
    manifest kept in the output folder so that the next run converts only
    what changed (docs/bulk.md describes the folder, the report and shards)::

        with communique.Job(inputs=["drafts"], output_dir="site", formats=["html", "txt"],
                            progress=lambda done, total, path: print(f"{done}/{total}")) as job:
            summary = job.run()         # summary.converted, .up_to_date, .invalid, .failed, .status

    The arguments, all keywords:

    inputs: files and folders (a str or path is one input; "-" is standard
        input).
    output_dir: the output folder (made when missing).
    formats: output formats ("xml", the default, "html", "txt", "pdf", ...).
        An unknown one raises Error.
    include, exclude: fnmatch(3) globs for the files of a walked folder: one
        with a "/" matches the path below the folder, one without the file
        name. `include` replaces the default (*.md *.markdown *.txt *.xml
        *.docx *.html *.htm).
    files_from: a file listing input files, one a line or NUL-separated
        ("-": standard input), each mirrored by its listed path.
    follow_symlinks: follow symbolic links while walking a folder.
    jobs: worker threads; 0 (the default) is one per core.
    report: where the run's JSON report is written.
    catalog: end the run by writing index.html, catalog.json and feed.atom
        into the output folder; `catalog_params` are the catalog
        stylesheets' parameters (title, feed-id, limit), `base_url` where the
        folder is published (http or https; the feed's links are then
        absolute).
    shard: (index, count), index from 1: convert only that share of the
        releases, split by a hash of their path, so that `count` runs (on as
        many machines) convert each release once.
    force: convert even what the manifest says is up to date.
    accept_invalid: write releases with errors too (summary.converted_invalid).
    config: a .communique.toml applied to every input; `find_config_files`
        applies the nearest one above each input instead (as the command
        does). Unlike an Engine's, a configuration with errors does not
        raise: its inputs fail, and the message function is told.
    progress: called as progress(done, total, path) about ten times a second
        while a run goes on, and once at its end with done == total (unless
        cancelled), from the thread that called run().
    messages: called as messages(text) for what goes wrong outside a
        release's text ("PATH: why"), from any of the job's threads, never
        two calls at once.
    format, profile, rules, params, stylesheets, text_width, html_content,
    readable_folders: how releases are read and written, as for an Engine.

    An exception raised by `progress` or `messages` (KeyboardInterrupt
    too) does not reach the C library: it cancels the run (see `cancel`; the
    job then stays cancelled, so make a new one to run again) and `run`
    raises it once the run has stopped.

    Ctrl-C: while a job runs on the main thread, SIGINT (when Python's
    default handler has it) cancels the run within two tenths of a second
    (the handler runs in one progress call, the cancel is seen at the next),
    and `run` then raises KeyboardInterrupt.

    Threads: one thread at a time may run a job; `cancel` may be called
    from any thread. The C library runs without the GIL, so other Python
    threads go on while a job runs.
    """

    def __init__(self, *, inputs: Union[StrPath, Iterable[StrPath]] = (), output_dir: StrPath,
                 formats: Union[str, Iterable[str]] = (), include: Union[str, Iterable[str]] = (),
                 exclude: Union[str, Iterable[str]] = (), files_from: Optional[StrPath] = None,
                 follow_symlinks: bool = False, jobs: int = 0, report: Optional[StrPath] = None,
                 catalog: bool = False, catalog_params: Optional[Mapping[str, object]] = None,
                 base_url: Optional[str] = None, shard: Optional[tuple[int, int]] = None, force: bool = False,
                 accept_invalid: bool = False, config: Optional[StrPath] = None, find_config_files: bool = False,
                 progress: Optional[ProgressFunction] = None, messages: Optional[MessageFunction] = None,
                 format: str = "auto", profile: Optional[str] = None,
                 rules: Optional[Mapping[str, Optional[str]]] = None, params: Optional[Mapping[str, object]] = None,
                 stylesheets: Optional[Mapping[str, StrPath]] = None, text_width: Optional[int] = None,
                 html_content: Optional[str] = None, readable_folders: Iterable[StrPath] = ()) -> None:
        self._handle: Optional[int] = None
        self._running = threading.Lock()
        self._callbacks = callbacks = _JobCallbacks(progress, messages)
        handle = lib.communique_job_new()
        if not handle:
            raise MemoryError("communique: no memory for a job")
        try:
            for path in _many(inputs):
                _require(lib.communique_job_add_input(handle, os.fsencode(path)), "input")
            _require(lib.communique_job_set_output_dir(handle, os.fsencode(output_dir)), "output folder")
            for name in _many(formats):
                _require(lib.communique_job_add_format(handle, str(name).encode()), "format")
            for glob in _many(include):
                _require(lib.communique_job_add_include(handle, os.fsencode(glob)), "include")
            for glob in _many(exclude):
                _require(lib.communique_job_add_exclude(handle, os.fsencode(glob)), "exclude")
            if files_from is not None:
                _require(lib.communique_job_set_files_from(handle, os.fsencode(files_from)), "files from")
            _require(lib.communique_job_set_follow_symlinks(handle, int(follow_symlinks)), "follow symlinks")
            if jobs < 0:
                raise Error(f"communique: jobs: {jobs} is below 0")
            _require(lib.communique_job_set_jobs(handle, jobs), "jobs")
            if report is not None:
                _require(lib.communique_job_set_report(handle, os.fsencode(report)), "report")
            _require(lib.communique_job_set_catalog(handle, int(catalog)), "catalog")
            for name, value in (catalog_params or {}).items():
                _require(lib.communique_job_set_catalog_param(handle, name.encode(), str(value).encode()),
                         "catalog parameter")
            if base_url is not None:
                _require(lib.communique_job_set_catalog_base_url(handle, base_url.encode()), "base URL")
            if shard is not None:
                index, count = shard
                if index < 0 or count < 0:
                    raise Error(f"communique: shard: {index} of {count} is not in 1..count")
                _require(lib.communique_job_set_shard(handle, index, count), "shard")
            _require(lib.communique_job_set_force(handle, int(force)), "force")
            _require(lib.communique_job_set_accept_invalid(handle, int(accept_invalid)), "accept invalid")
            if config is not None:
                _require(lib.communique_job_set_config_file(handle, os.fsencode(config)), "configuration")
            _require(lib.communique_job_set_find_config_files(handle, int(find_config_files)), "find config files")
            options = lib.communique_options_new()
            if not options:
                raise MemoryError("communique: no memory for options")
            try:
                _set_options(options, format=format, profile=profile, rules=rules, params=params,
                             stylesheets=stylesheets, text_width=text_width, html_content=html_content,
                             readable_folders=readable_folders)
                _require(lib.communique_job_set_options(handle, options), "options")
            finally:
                lib.communique_options_free(options)  # the job keeps a copy
            _require(lib.communique_job_set_progress(handle, callbacks.c_progress, None), "progress")
            if callbacks.c_messages is not None:
                _require(lib.communique_job_set_messages(handle, callbacks.c_messages, None), "messages")
        except BaseException:
            lib.communique_job_free(handle)
            raise
        self._handle = callbacks.handle = handle

    def _job(self) -> int:
        if self._handle is None:
            raise Error("communique: the job is closed")
        return self._handle

    def run(self) -> JobSummary:
        """Runs the job and says what it did. Invalid releases and failed
        inputs are counted, not raised (see `JobSummary.status`); Error is
        raised when the job cannot run at all (no input, ...), and an
        exception from `progress` or `messages` is raised once the run has
        stopped. A job may be run again: the next run converts what changed."""
        handle = self._job()
        if not self._running.acquire(blocking=False):
            raise Error("communique: the job is already running")
        try:
            self._callbacks.failure = None
            summary = _native.communique_job_summary()
            with _interrupt_cancels(handle) as interrupted:
                status = lib.communique_job_run(handle, ctypes.byref(summary))
            error = _native.last_error() if status < 0 else ""
            failure, self._callbacks.failure = self._callbacks.failure, None
        finally:
            self._running.release()
        if failure is not None:
            raise failure
        if interrupted:
            raise KeyboardInterrupt
        if status < 0:
            raise Error(f"communique: {error}")
        return JobSummary(status, summary.converted, summary.up_to_date, summary.invalid, summary.failed,
                          summary.converted_invalid, summary.not_started, summary.total)

    def cancel(self) -> None:
        """Asks a running job to stop, from any thread (or a progress
        function): no new release is started, the ones under way finish,
        the manifest and report are written, and `run` returns with status 2
        and the rest counted as not_started. A cancelled job stays
        cancelled: a later run starts nothing."""
        lib.communique_job_cancel(self._job())

    def close(self) -> None:
        """Frees the job now rather than when it is collected. Error while
        it runs."""
        if not self._running.acquire(blocking=False):
            raise Error("communique: the job is running; cancel it and let run() return first")
        try:
            handle, self._handle = self._handle, None
            self._callbacks.handle = None
            if handle:
                lib.communique_job_free(handle)
        finally:
            self._running.release()


# The module-level functions' engines, by what makes them differ; compiling
# an engine takes the schema and stylesheets, so they are kept (a few).
_ENGINES: "OrderedDict[tuple[object, ...], Engine]" = OrderedDict()
_ENGINES_LOCK = threading.Lock()
_ENGINES_KEPT = 8


def _shared_engine(format: str, config: Optional[Union[str, "os.PathLike[str]"]],
                   params: Mapping[str, object]) -> Engine:
    config_key = None
    if config is not None:
        # A changed file gives a new engine.
        stat = os.stat(config)
        config_key = (os.path.realpath(config), stat.st_mtime_ns, stat.st_size)
    key = (format, config_key, tuple(sorted((k, str(v)) for k, v in params.items())))
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is not None:
            _ENGINES.move_to_end(key)
            return engine
    # Built outside the lock: another thread may build the same one, and the
    # first stored is kept.
    engine = Engine(format=format, config=config, params=params)
    with _ENGINES_LOCK:
        engine = _ENGINES.setdefault(key, engine)
        _ENGINES.move_to_end(key)
        while len(_ENGINES) > _ENGINES_KEPT:
            # Dropped, not closed: another thread may still be using it.
            _ENGINES.popitem(last=False)
    return engine


def check(text_or_path: Source, *, format: str = "auto",
          config: Optional[Union[str, "os.PathLike[str]"]] = None) -> list[Diagnostic]:
    """Reads and checks a release (its text, bytes, or a path to it) and
    returns its diagnostics, sorted by position; [] when it is clean.
    `format` is what it is written in ("auto", "markdown", "docx", "html",
    "xml"); `config` a .communique.toml file to apply."""
    return _shared_engine(format, config, {}).check(text_or_path)


def convert(text_or_bytes: Source, to: str, *, format: str = "auto",
            config: Optional[Union[str, "os.PathLike[str]"]] = None, **params: object) -> Union[str, bytes]:
    """Converts a release to the format `to` ("html", "txt", "xml", "draft",
    "nitf", "fo", or "pdf" and "docx", which come back as bytes); keyword
    arguments are stylesheet parameters. Raises InvalidRelease, with the
    diagnostics, when the release has an error."""
    return _shared_engine(format, config, params).convert(text_or_bytes, to)
