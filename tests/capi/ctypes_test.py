"""Loads the shared library with ctypes, as a Python program embedding
communique would, reads the version and converts a draft to HTML through the
C API; an unknown format must fail with the last error naming it.

Usage: ctypes_test.py LIBRARY VERSION DRAFT
"""
import ctypes
import sys

library, version, draft_path = sys.argv[1:4]
lib = ctypes.CDLL(library)


class Diagnostic(ctypes.Structure):
    _fields_ = [
        ("severity", ctypes.c_int),
        ("rule", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("line", ctypes.c_uint32),
        ("column", ctypes.c_uint32),
        ("end_line", ctypes.c_uint32),
        ("end_column", ctypes.c_uint32),
    ]


handle = ctypes.c_void_p
lib.communique_version.restype = ctypes.c_char_p
lib.communique_version.argtypes = []
lib.communique_last_error.restype = ctypes.c_char_p
lib.communique_last_error.argtypes = []
lib.communique_engine_new.restype = handle
lib.communique_engine_new.argtypes = [handle]
lib.communique_engine_free.restype = None
lib.communique_engine_free.argtypes = [handle]
lib.communique_convert.restype = handle
lib.communique_convert.argtypes = [handle, ctypes.c_char_p, ctypes.c_size_t,
                                   ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t]
lib.communique_result_ok.restype = ctypes.c_int
lib.communique_result_ok.argtypes = [handle]
lib.communique_result_output_count.restype = ctypes.c_size_t
lib.communique_result_output_count.argtypes = [handle]
lib.communique_result_output.restype = ctypes.POINTER(ctypes.c_char)
lib.communique_result_output.argtypes = [handle, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t)]
lib.communique_result_diagnostic_count.restype = ctypes.c_size_t
lib.communique_result_diagnostic_count.argtypes = [handle]
lib.communique_result_diagnostic.restype = ctypes.c_int
lib.communique_result_diagnostic.argtypes = [handle, ctypes.c_size_t, ctypes.POINTER(Diagnostic)]
lib.communique_result_free.restype = None
lib.communique_result_free.argtypes = [handle]


def convert(engine, data, formats):
    names = (ctypes.c_char_p * len(formats))(*[f.encode() for f in formats])
    return lib.communique_convert(engine, data, len(data), names, len(formats))


got = lib.communique_version().decode()
assert got == version, f"communique_version() is {got!r}, expected {version!r}"

with open(draft_path, "rb") as f:
    draft = f.read()
headline = next(line for line in draft.decode().splitlines() if line.startswith("Kampot pepper"))

engine = lib.communique_engine_new(None)
assert engine, lib.communique_last_error()
result = convert(engine, draft, ["html"])
assert result, lib.communique_last_error()
try:
    diagnostics = []
    for i in range(lib.communique_result_diagnostic_count(result)):
        d = Diagnostic()
        assert lib.communique_result_diagnostic(result, i, ctypes.byref(d)) == 0
        diagnostics.append(f"{d.line}:{d.column}: {d.rule.decode()}: {d.message.decode()}")
    assert lib.communique_result_ok(result) == 1, diagnostics
    assert lib.communique_result_output_count(result) == 1
    size = ctypes.c_size_t()
    html = ctypes.string_at(lib.communique_result_output(result, 0, ctypes.byref(size)), size.value).decode()
finally:
    lib.communique_result_free(result)
assert "<html" in html and headline in html, html[:400]

assert not convert(engine, draft, ["rtf"]), "an unknown format was accepted"
error = lib.communique_last_error().decode()
assert error == "unknown format: rtf", error
lib.communique_engine_free(engine)
print(f"ctypes: communique {got} converted {draft_path} to {len(html)} bytes of HTML")
