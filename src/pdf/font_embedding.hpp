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
    // Empty when the glyph stands for nothing known. Inline: the writer
    // asks for every glyph it draws.
    const std::u16string& text_of(std::uint32_t gid) const {
        const std::uint32_t slot = gid < slot_.size() ? slot_[gid] : 0;
        return slot ? texts_[slot - 1] : no_text_;
    }
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
    static inline const std::u16string no_text_;
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

// The glyphs a document's subset of `face` is cut with, given those it
// draws (sorted, .notdef first), and whether they were rounded up. Nearly
// every release draws its own set of a face's glyphs, so exact subsets
// are cut and compressed anew for each. Rounded up to whole blocks of the
// glyphs Latin press releases draw (lower-case letters, capitals, digits,
// punctuation, typographic punctuation, the other ASCII signs: the table
// in font_embedding.cpp), the releases of a run fall on a handful of
// sets, each cut and compressed once; the price is the outlines of the
// block glyphs a release does not draw (docs/pdf.md). Blocks rather than
// one set of them all: a face drawn for a header line or a date touches
// few blocks, and pays for those only. A face drawn mostly outside the
// blocks (Khmer, Thai, CJK), or in none of them (an emoji font), keeps its
// exact set: its sets would not converge, and rounding would only add
// bytes.
struct subset_plan {
    std::vector<std::uint32_t> glyphs;  // sorted
    bool rounded = false;
};
subset_plan plan_subset(const font_face& face, const std::vector<std::uint32_t>& drawn);

// A subset as the PDF embeds it: its program Flate-compressed.
struct packed_subset {
    std::string packed;             // the subset's program, compressed as set_stream compresses
    std::size_t program_size = 0;   // its size before (/Length1)
    std::string base_font;          // as font_subset's
    std::vector<std::uint32_t> glyphs;  // what it was cut with (sorted)
    // /W entries of those glyphs (" 556" or " 556.152"), one after another:
    // glyph i's ends at width_ends[i].
    std::string widths;
    std::vector<std::uint32_t> width_ends;
    // The ToUnicode CMap, compressed, of a document in which each glyph
    // means the character the block table gives it (see embed_font); empty
    // for a subset not rounded.
    std::string block_to_unicode;
};

// The packed subset for a document that draws `drawn` (plan_subset's
// glyphs). Rounded subsets are kept for the process from their first use,
// since they are meant to recur, and the first few of a face are cut from
// the face itself: a run that converges on a few of them never pays for
// the face's preparation for repeated subsetting
// (font_face::subset_source). Exact subsets are kept
// from the second time the same set is cut: most occur once in an
// archive, and keeping those too costs much memory for little time. The
// cache is bounded (emptied when full) and shared by threads; a subset is
// the same whether it comes from it or not.
expected<std::shared_ptr<const packed_subset>> packed_subset_for(const font_face& face,
                                                                 const std::vector<std::uint32_t>& drawn,
                                                                 bool notdef_outline);

// A glyph's width in the PDF's /W array: the font's hmtx advance in
// thousandths of the em, to three decimals (so that, at any sensible size,
// the viewer's pen lands where HarfBuzz's does and TJ needs adjustments
// only for kerning, marks and justification).
double pdf_width(const font_face& face, std::uint32_t gid);

// The Type0 font object for `subset`, of which the document draws `drawn`
// (sorted), with its descendants, widths and a ToUnicode CMap. /W gives
// the glyphs drawn. /ToUnicode gives those the meaning `text` learned, and
// the subset's other glyphs (those it was rounded up with) the character
// the block table gives them, so that it is the same for the releases
// that share a subset and mean the same by its glyphs; extraction reads
// only the glyphs drawn, so it is as with an exact subset.
PoDoFo::PdfObject* embed_font(PoDoFo::PdfVecObjects& objects, const font_face& face, const packed_subset& subset,
                              const std::vector<std::uint32_t>& drawn, const glyph_text& text);

}  // namespace communique::detail::pdf
