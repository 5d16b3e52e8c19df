// Reading a release: bytes in any input format in, a release tree and the
// diagnostics met on the way out. A draft format (Markdown, DOCX, HTML) is
// translated into the document model by its reader (readers.hpp), then the
// recogniser finds the release in it (recognise.hpp); canonical XML is
// parsed as it is.
#pragma once

#include "core/source.hpp"
#include "read/dates.hpp"
#include "tree/release.hpp"

#include <communique/diagnostic.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace communique::detail {

enum class input_format : std::uint8_t { automatic, markdown, docx, html, xml };

struct read_options {
    input_format format = input_format::automatic;  // automatic: by content (see read_release)
    std::string html_content;                       // XPath of the article in an HTML page; empty: found
    std::size_t max_inflated = 64u << 20;           // bytes a .docx may unpack to
    date_order numeric_dates = date_order::day_first;
    std::string default_language = "en";  // for text whose script does not tell its language
    unsigned max_nesting = 64;             // quotes and lists inside one another
    // The house's own issuers, genre labels and dateline places
    // (house.issuers, house.genres, house.places): each is recognised as
    // such wherever the house prints it, beside the built-in vocabulary.
    std::span<const std::string> issuers, genres, places;
    // The tree laid out as the canonical XML is written (a line and an
    // indent before each element of element-only content). A caller that
    // only checks the release, writing nothing, leaves it out: it costs a
    // text node for every element.
    bool indent = true;
};

struct read_result {
    std::unique_ptr<release_tree> tree;  // null when nothing release-like could be read
    std::vector<diagnostic> diagnostics;
};

// True when the text is canonical XML rather than a draft.
bool looks_like_xml(std::string_view text) noexcept;

// A Markdown or plain-text draft.
read_result read_draft(const source_text& src, const read_options& opts);
read_result read_xml(const source_text& src);

// The input in opts.format, or when automatic, by its content: a zip is a
// .docx, an HTML document is HTML, XML with a <release> is canonical XML,
// anything else a draft. Text formats are checked to be UTF-8 first.
read_result read_release(const source_text& src, const read_options& opts);

// The format read_release would take the bytes for.
input_format detect_format(std::string_view bytes) noexcept;

}  // namespace communique::detail
