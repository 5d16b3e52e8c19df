// Embedding fonts: what each glyph stands for in text (for /ToUnicode), the
// glyph-ID based subset hb-subset cuts, and the objects of a composite font
// (Type0 -> CIDFontType2 -> FontDescriptor -> FontFile2, Identity-H).
#pragma once

#include "core/expected.hpp"
#include "pdf/fonts.hpp"
#include "pdf/layout.hpp"

#include <podofo/podofo.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace communique::detail::pdf {

// The characters each glyph of one face stands for, learned from HarfBuzz's
// clusters. A cluster of one glyph stands for all its characters (a
// ligature "fi" for f and i); in a cluster of several glyphs (a Khmer
// syllable) a glyph the font's cmap maps a character to stands for that
// character, and the first remaining glyph for what is left (a subscript
// form for coeng + consonant). A glyph keeps the first meaning it gets; a
// run whose glyphs then read differently from its text gets /ActualText.
// .notdef stands for nothing: it may show any character no font has, and
// its runs carry their text in /ActualText.
class glyph_text {
public:
    explicit glyph_text(const font_face& face) : face_(face), slot_(face.glyph_count(), 0) {}
    void learn(const placed_run& run);
    // Empty when the glyph stands for nothing known.
    const std::u16string& text_of(std::uint32_t gid) const;
    // Every glyph with a meaning, by ascending ID.
    std::vector<std::pair<std::uint32_t, const std::u16string*>> all() const;

private:
    void assign(std::uint32_t gid, std::u16string text);
    // Whether assign() would leave the glyph as it is.
    bool known(std::uint32_t gid) const { return gid == 0 || gid >= slot_.size() || slot_[gid] != 0; }
    const font_face& face_;
    // By glyph ID, 1 + the index of its text in texts_ (0: none yet): a
    // face has thousands of glyphs and a document draws a hundred, so
    // strings are made only for those.
    std::vector<std::uint32_t> slot_;
    std::vector<std::u16string> texts_;
};

struct font_subset {
    std::string program;    // the subset, a TrueType font
    std::string base_font;  // "ABCDEF+PostScriptName"
};

// Cuts the subset holding `glyphs` (and .notdef, and the components of
// composite glyphs) with hardly any table but the outlines and metrics: no
// hinting, no layout tables, since the PDF carries positioned glyphs.
// .notdef keeps its outline only when `notdef_outline` (the document draws
// it for a character no font has); otherwise it is left empty.
// Glyph IDs are kept (the glyphs not used are left empty), so a CID in the
// content stream is the glyph's ID in the installed font (/CIDToGIDMap
// /Identity) and anyone can check it against hb-shape. The six-letter tag
// comes from a hash of the face and the glyph set, so the same document
// gets the same name.
// A problem (rule pdf) when hb-subset fails.
expected<void> make_subset(const font_face& face, const std::vector<std::uint32_t>& glyphs, bool notdef_outline,
                           font_subset& out);

// A subset as the PDF embeds it: its program Flate-compressed.
struct packed_subset {
    std::string packed;             // the subset's program, compressed as set_stream compresses
    std::size_t program_size = 0;   // its size before (/Length1)
    std::string base_font;          // as font_subset's
};

// make_subset's subset, packed. Releases of one batch draw the same glyphs
// of a face often enough (one font in six, over a thousand generated
// releases) that packed subsets are kept for the process, by face, glyphs
// and notdef_outline, from the second time a glyph set is cut: cutting and
// compressing a subset again costs more than the rest of embedding its
// font. The cache is bounded (emptied when full) and shared by threads; a
// subset is the same whether it comes from it or not.
expected<std::shared_ptr<const packed_subset>> packed_subset_for(const font_face& face,
                                                                 const std::vector<std::uint32_t>& glyphs,
                                                                 bool notdef_outline);

// A glyph's width in the PDF's /W array: the font's hmtx advance in
// thousandths of the em, to three decimals (so that, at any sensible size,
// the viewer's pen lands where HarfBuzz's does and TJ needs adjustments
// only for kerning, marks and justification).
double pdf_width(const font_face& face, std::uint32_t gid);

// The Type0 font object for the subset of `glyphs` (sorted), with its
// descendants, widths and a ToUnicode CMap.
PoDoFo::PdfObject* embed_font(PoDoFo::PdfVecObjects& objects, const font_face& face, const packed_subset& subset,
                              const std::vector<std::uint32_t>& glyphs, const glyph_text& text);

}  // namespace communique::detail::pdf
