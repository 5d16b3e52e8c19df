// Shaping: a paragraph's text cut into runs of one style, one script and
// one font (choosing, character by character, the first font of the style's
// families that has the glyph, else a fallback font), each run shaped by
// HarfBuzz with its script, language and direction set, so that Latin gets
// its kerning and ligatures and Khmer its reordering, subscripts and marks.
#pragma once

#include "core/expected.hpp"
#include "pdf/fo_model.hpp"
#include "pdf/fonts.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace communique::detail::pdf {

struct glyph {
    std::uint32_t gid = 0;
    std::uint32_t cluster = 0;  // UTF-16 offset of the first character the glyph stands for
    float advance = 0;          // points
    float x_offset = 0, y_offset = 0;
};

struct shaped_run {
    std::uint32_t begin = 0, end = 0;  // the text it covers
    std::uint32_t style = 0;
    font_use font;
    std::vector<glyph> glyphs;  // left to right; clusters ascending
};

struct shaped_paragraph {
    std::vector<shaped_run> runs;
    // x_before[i]: the advance of every cluster that starts before offset i,
    // so the width of a cluster-aligned range [a, b) is x_before[b] - x_before[a].
    std::vector<double> x_before;
    // Offsets where a cluster starts (a line may only break there).
    std::vector<bool> cluster_start;
};

// A problem (rule pdf) when the text needs right-to-left layout, or a
// style has no font at all. A character no installed font has a glyph for
// is shaped in the style's first font, which draws it as .notdef (glyph 0).
expected<void> shape_paragraph(const paragraph& para, const std::vector<text_style>& styles, font_library& fonts,
                               shaped_paragraph& out);

// How many words (pieces of runs) the calling thread keeps shaped, for the
// tests: none until a thread has shaped its first few hundred runs.
std::size_t kept_words();

}  // namespace communique::detail::pdf
