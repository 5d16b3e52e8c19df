// Laying text out in a fixed-width terminal: widths as a terminal shows them
// and line breaks where ICU says a line may break (between words, also in
// scripts written without spaces, such as Khmer and Thai).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace communique::detail {

// Columns the text takes in a terminal: combining marks and format
// characters take none, wide and fullwidth characters two.
std::size_t display_width(std::string_view utf8);

// The text, whitespace collapsed, broken into lines of at most `width`
// columns (prefixes included) joined by '\n'. first_prefix starts the first
// line, next_prefix every later one. A word wider than a line is cut between
// grapheme clusters, never inside one.
std::string wrap(std::string_view text, std::size_t width, std::string_view first_prefix = {},
                 std::string_view next_prefix = {});

// The text with enough spaces before it to stand centred in `width` columns.
std::string center(std::string_view text, std::size_t width);

}  // namespace communique::detail
