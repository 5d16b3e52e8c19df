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

// A PDF text string (Info values, URIs): ASCII as a literal string, anything
// else as UTF-16BE with a byte order mark.
PoDoFo::PdfString text_string(std::string_view utf8);

// <FEFF...>: a UTF-16BE hex string for a content stream (ActualText).
std::string utf16_hex_string(std::u16string_view text);

}  // namespace communique::detail::pdf
