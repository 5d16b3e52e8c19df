// Readers: a draft (plain text with Markdown emphasis) or canonical XML in,
// a release tree and the diagnostics met on the way out.
#pragma once

#include "core/source.hpp"
#include "read/dates.hpp"
#include "tree/release.hpp"

#include <communique/diagnostic.hpp>

#include <memory>
#include <vector>

namespace communique::detail {

struct read_options {
    date_order numeric_dates = date_order::day_first;
    std::string default_language = "en";  // for text whose script does not tell its language
    unsigned max_nesting = 64;             // quotes and lists inside one another
};

struct read_result {
    std::unique_ptr<release_tree> tree;  // null when nothing release-like could be read
    std::vector<diagnostic> diagnostics;
};

// True when the text is canonical XML rather than a draft.
bool looks_like_xml(std::string_view text) noexcept;

read_result read_draft(const source_text& src, const read_options& opts);
read_result read_xml(const source_text& src);

// Either of the above, by looks_like_xml, after the encoding is checked.
read_result read_release(const source_text& src, const read_options& opts);

}  // namespace communique::detail
