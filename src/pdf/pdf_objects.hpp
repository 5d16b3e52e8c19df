// Small helpers for building PDF objects with PoDoFo: streams compressed
// here with zlib (at a level chosen for speed, see docs/pdf.md), and text
// strings in the encodings PDF wants.
#pragma once

#include <podofo/podofo.h>

#include <string>
#include <string_view>

namespace communique::detail::pdf {

// The object's stream holds `data`, Flate-compressed when `compress`.
void set_stream(PoDoFo::PdfObject* object, std::string_view data, bool compress = true);

// `data` Flate-compressed (zlib format), as set_stream compresses it.
std::string deflate(std::string_view data);

// The object's stream holds `packed`, data deflate() compressed before.
void set_deflated_stream(PoDoFo::PdfObject* object, std::string_view packed);

// The bytes PoDoFo 0.9.8 writes for `value` in its compact mode, appended
// to `out`, made without its writer: that writer formats every number,
// bracket and reference with two vsnprintf calls and every real through an
// ostringstream, which cost more than the rest of a document's writing.
// Strings and any name needing #-escapes are still written by PoDoFo.
void append_compact(std::string& out, const PoDoFo::PdfVariant& value);

// A real as append_compact writes it (" 556.152").
void append_compact_real(std::string& out, double v);

// The whole file as PoDoFo 0.9.8's PdfWriter writes it (PDF 1.7, compact
// mode, a classic xref table: PoDoFo's cross-reference streams have a size
// qpdf --check rejects), with append_compact for every value, since
// PdfWriter prints each object header and xref line through vsnprintf
// too. Only the trailer's /ID differs: it is left as zeros for the caller
// to fill. The objects must be numbered 1 to n, as a fresh PdfVecObjects
// numbers them.
void write_file(const PoDoFo::PdfVecObjects& objects, const PoDoFo::PdfReference& root, const PoDoFo::PdfObject& info,
                std::string& out);

// A PDF text string (Info values, URIs): ASCII as a literal string, anything
// else as UTF-16BE with a byte order mark.
PoDoFo::PdfString text_string(std::string_view utf8);

// <FEFF...>: a UTF-16BE hex string for a content stream (ActualText).
std::string utf16_hex_string(std::u16string_view text);

}  // namespace communique::detail::pdf
