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

Sources: a `bytes` is the release itself; an `os.PathLike` (pathlib.Path) is
a file to read; a `str` is a file to read when it is one line naming an
existing file, else the release's text.

Failures: an invalid release is an expected outcome, so `check` returns its
diagnostics; `convert`, which has nothing to return then, raises
`InvalidRelease`, whose `.diagnostics` say why. Misuse (an unknown format,
rule or profile) raises `Error` (a `ValueError` too); a configuration file
with errors raises `ConfigError`. Every exception here is an `Error` and
carries `.diagnostics` (empty when there are none).

Threads: an `Engine` may be used by any number of threads at once (the C
engine is immutable), and the C library runs without the GIL; the
module-level functions share engines between threads. Close an engine only
when no thread is using it.
"""
from __future__ import annotations

import ctypes
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence, Union

from . import _native
from ._native import lib

__all__ = [
    "BINARY_FORMATS",
    "ConfigError",
    "Diagnostic",
    "Engine",
    "Error",
    "InvalidRelease",
    "Result",
    "Source",
    "check",
    "convert",
    "__version__",
]

#: The library's version, "major.minor.patch".
__version__: str = lib.communique_version().decode()

#: What `check`, `convert` and an `Engine` read: the bytes of a release, a
#: path to one, or its text (see the module's documentation).
Source = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]"]

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


class Engine:
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
                _require(lib.communique_options_set_stylesheet(options, name.encode(), os.fsencode(path)),
                         "stylesheet")
            if text_width is not None:
                _require(lib.communique_options_set_text_width(options, text_width), "text width")
            if html_content is not None:
                _require(lib.communique_options_set_html_content(options, html_content.encode()), "html content")
            for folder in readable_folders:
                _require(lib.communique_options_add_readable_folder(options, os.fsencode(folder)), "folder")
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

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        # At interpreter exit the module's globals may be gone already.
        if getattr(self, "_handle", None) and lib is not None:
            self.close()


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
