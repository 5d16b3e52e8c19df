"""The C API (include/communique/communique.h) through ctypes: where the
shared library is, and the signature of every function used.

The library is found, in this order:
  1. the path in the environment variable COMMUNIQUE_LIBRARY, when set;
  2. where `cmake --install` put it, recorded relative to this package's folder
     at install time (_location.py), so that an installed tree works wherever
     it is moved and without LD_LIBRARY_PATH;
  3. libcommunique.so.MAJOR by the dynamic linker's own search.
"""
from __future__ import annotations

import ctypes
import os
from pathlib import Path

from . import _location

_HERE = Path(__file__).resolve().parent


class communique_diagnostic(ctypes.Structure):
    # The layout is fixed for a major version (communique.h).
    _fields_ = [
        ("severity", ctypes.c_int),
        ("rule", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("line", ctypes.c_uint32),
        ("column", ctypes.c_uint32),
        ("end_line", ctypes.c_uint32),
        ("end_column", ctypes.c_uint32),
    ]


class communique_job_summary(ctypes.Structure):
    # The layout is fixed for a major version (communique.h).
    _fields_ = [
        ("converted", ctypes.c_size_t),
        ("converted_invalid", ctypes.c_size_t),
        ("up_to_date", ctypes.c_size_t),
        ("invalid", ctypes.c_size_t),
        ("failed", ctypes.c_size_t),
        ("not_started", ctypes.c_size_t),
        ("total", ctypes.c_size_t),
    ]


# The job's callbacks. A ctypes callback takes the GIL itself, so the C
# library may call it from any thread while communique_job_run (which, as
# every call through ctypes.CDLL, runs without the GIL) is under way.
progress_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_char_p)
message_fn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_char_p)


def _candidates() -> list[str]:
    found = []
    override = os.environ.get("COMMUNIQUE_LIBRARY")
    if override:
        found.append(override)
    if _location.LIBRARY:
        installed = _HERE / _location.LIBRARY
        if installed.exists():
            found.append(str(installed))
    found.append(f"libcommunique.so.{_location.MAJOR}")
    return found


def _load() -> ctypes.CDLL:
    errors = []
    for candidate in _candidates():
        try:
            return ctypes.CDLL(candidate)
        except OSError as e:
            errors.append(f"{candidate}: {e}")
    raise ImportError("communique: the shared library libcommunique.so." + str(_location.MAJOR)
                      + " was not found (set COMMUNIQUE_LIBRARY to its path): " + "; ".join(errors))


lib = _load()

_handle = ctypes.c_void_p
_c_int, _c_size, _c_str = ctypes.c_int, ctypes.c_size_t, ctypes.c_char_p
_SIGNATURES = {
    "communique_version": (_c_str, []),
    "communique_last_error": (_c_str, []),
    "communique_free": (None, [ctypes.c_void_p]),
    "communique_options_new": (_handle, []),
    "communique_options_free": (None, [_handle]),
    "communique_options_set_stylesheet": (_c_int, [_handle, _c_str, _c_str]),
    "communique_options_set_param": (_c_int, [_handle, _c_str, _c_str]),
    "communique_options_set_rule_level": (_c_int, [_handle, _c_str, _c_int]),
    "communique_options_set_text_width": (_c_int, [_handle, ctypes.c_uint]),
    "communique_options_set_input_format": (_c_int, [_handle, _c_str]),
    "communique_options_set_profile": (_c_int, [_handle, _c_str]),
    "communique_options_set_html_content": (_c_int, [_handle, _c_str]),
    "communique_options_add_readable_folder": (_c_int, [_handle, _c_str]),
    "communique_options_parse_config": (_handle, [_handle, _c_str, _c_size]),
    "communique_engine_new": (_handle, [_handle]),
    "communique_engine_free": (None, [_handle]),
    "communique_check": (_handle, [_handle, _c_str, _c_size]),
    "communique_convert": (_handle, [_handle, _c_str, _c_size, ctypes.POINTER(_c_str), _c_size]),
    "communique_result_ok": (_c_int, [_handle]),
    "communique_result_output_count": (_c_size, [_handle]),
    # Not c_char_p: an output may hold NUL bytes (a PDF); it is read with its size.
    "communique_result_output": (ctypes.POINTER(ctypes.c_char), [_handle, _c_size, ctypes.POINTER(_c_size)]),
    "communique_result_diagnostic_count": (_c_size, [_handle]),
    "communique_result_diagnostic": (_c_int, [_handle, _c_size, ctypes.POINTER(communique_diagnostic)]),
    "communique_result_free": (None, [_handle]),
    "communique_job_new": (_handle, []),
    "communique_job_free": (None, [_handle]),
    "communique_job_add_input": (_c_int, [_handle, _c_str]),
    "communique_job_add_include": (_c_int, [_handle, _c_str]),
    "communique_job_add_exclude": (_c_int, [_handle, _c_str]),
    "communique_job_set_output_dir": (_c_int, [_handle, _c_str]),
    "communique_job_add_format": (_c_int, [_handle, _c_str]),
    "communique_job_set_jobs": (_c_int, [_handle, ctypes.c_uint]),
    "communique_job_set_report": (_c_int, [_handle, _c_str]),
    "communique_job_set_catalog": (_c_int, [_handle, _c_int]),
    "communique_job_set_shard": (_c_int, [_handle, ctypes.c_uint, ctypes.c_uint]),
    "communique_job_set_force": (_c_int, [_handle, _c_int]),
    "communique_job_set_accept_invalid": (_c_int, [_handle, _c_int]),
    "communique_job_set_options": (_c_int, [_handle, _handle]),
    "communique_job_set_follow_symlinks": (_c_int, [_handle, _c_int]),
    "communique_job_set_files_from": (_c_int, [_handle, _c_str]),
    "communique_job_set_find_config_files": (_c_int, [_handle, _c_int]),
    "communique_job_set_config_file": (_c_int, [_handle, _c_str]),
    "communique_job_set_catalog_param": (_c_int, [_handle, _c_str, _c_str]),
    "communique_job_set_catalog_base_url": (_c_int, [_handle, _c_str]),
    "communique_job_set_progress": (_c_int, [_handle, progress_fn, ctypes.c_void_p]),
    "communique_job_set_messages": (_c_int, [_handle, message_fn, ctypes.c_void_p]),
    "communique_job_cancel": (_c_int, [_handle]),
    "communique_job_run": (_c_int, [_handle, ctypes.POINTER(communique_job_summary)]),
}
for _name, (_restype, _argtypes) in _SIGNATURES.items():
    _function = getattr(lib, _name)
    _function.restype = _restype
    _function.argtypes = _argtypes


def last_error() -> str:
    """Why the last failing call on this thread failed (communique_last_error
    keeps one message per thread, so it is read by the thread that called)."""
    message: bytes = lib.communique_last_error()
    return message.decode("utf-8", "replace")
