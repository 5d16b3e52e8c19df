// Layout: paragraphs set into lines, blocks stacked with their spaces,
// lists put beside their labels, and the stack cut into pages with
// keep-with-next, keep-with-previous, keep-together, widows and orphans
// honoured; then the running header and footer of each page, with its page
// numbers. The result is every glyph's position on every page: what the PDF
// writer draws.
#pragma once

#include <stdexcept>

#include "core/expected.hpp"
#include "pdf/fo_model.hpp"
#include "pdf/fonts.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace communique::detail::pdf {

struct placed_glyph {
    std::uint32_t gid = 0;     // in the face (not yet the subset)
    std::uint32_t cluster = 0;  // offset into the run's text
    float advance = 0;          // the pen moves this far (justification included), points
    float justification = 0;    // the part of advance justification added (only ever on a space)
    float x_offset = 0, y_offset = 0;
};

// Glyphs of one font, size and colour on one baseline.
struct placed_run {
    font_use font;
    double size = 12;
    rgb color;
    double x = 0, y = 0;  // the pen's start on the baseline, PDF user space (origin bottom left)
    std::vector<placed_glyph> glyphs;
    std::u16string text;  // the characters the glyphs show, in logical order
    std::int32_t tag = -1;  // its structure element (document::structure); -1: an artifact
    // The last glyph is a hyphen the line breaker added (a word hyphenated
    // at the line's end); text ends with the '-' it draws.
    bool hyphenated = false;
    // What text extraction should read for these glyphs, when it is not
    // `text`: at a line end inside a word or a phrase written without
    // spaces, the rest of it up to its space (and no added hyphen); for that
    // rest, drawn at the next line's start, nothing. See join_line_ends.
    std::optional<std::u16string> actual_text;
};

struct link_area {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // PDF user space
    std::string uri;
    std::int32_t tag = -1;  // its Link structure element
};

// A straight line drawn across the page (a table's cell borders).
struct placed_rule {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // PDF user space
    double width = 0.5;
    rgb color;
};

struct laid_out_page {
    double width = 0, height = 0;
    std::vector<placed_run> runs;
    std::vector<link_area> links;
    std::vector<placed_rule> rules;
};

// The pages of `doc`, or why not: a problem of rule too-many-pages when it
// needs more than max_pages pages, of rule pdf for a missing font or
// right-to-left text.
expected<std::vector<laid_out_page>> lay_out(const document& doc, font_library& fonts, std::size_t max_pages);

}  // namespace communique::detail::pdf
