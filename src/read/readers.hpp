// The format readers: each translates one format into the document model
// (document.hpp) and nothing more; what the text means is the recogniser's
// business (recognise.hpp).
#pragma once

#include "core/source.hpp"
#include "read/document.hpp"

#include <string_view>

namespace communique::detail {

// Markdown or plain text with Markdown emphasis (cmark-gfm). Positions: the
// line and column of the text.
document read_markdown(const source_text& src, const reader_limits& limits);

// A Word document (WordprocessingML in a zip). Positions: line = the
// paragraph's number as Word counts it (1-based, every w:p of the body in
// document order, those in tables included), column = the character in it
// (1-based, in code points).
document read_docx(std::string_view bytes, const reader_limits& limits);

// An HTML page: the article in it, or the element `content_xpath` selects
// when it is not empty. Positions: the line and column of the file.
document read_html(const source_text& src, const reader_limits& limits, std::string_view content_xpath);

// True when the bytes are a zip archive (a .docx is one).
bool looks_like_zip(std::string_view bytes) noexcept;
// True when the text is an HTML document rather than a draft.
bool looks_like_html(std::string_view text) noexcept;

}  // namespace communique::detail
