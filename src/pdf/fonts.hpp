// Fonts: families resolved through fontconfig, font files loaded once per
// process, and a fallback that finds a font for a character no named family
// has. Everything here is a process-wide cache: resolving and loading cost
// milliseconds, a document must not pay them again.
#pragma once

#include "pdf/fo_model.hpp"

#include <hb.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace communique::detail::pdf {

// One face of a font file (a .ttc holds several), loaded once and never
// changed afterwards, so that any number of threads shape with it at once
// (HarfBuzz objects are safe to share once immutable).
class font_face {
public:
    // nullptr when the file cannot be read or has no TrueType outlines
    // (CFF-flavoured OpenType is not embedded by this renderer).
    static std::unique_ptr<font_face> load(const std::string& path, unsigned index);
    ~font_face();
    font_face(const font_face&) = delete;
    font_face& operator=(const font_face&) = delete;

    const std::string& path() const { return path_; }
    unsigned index() const { return index_; }
    hb_font_t* hb() const { return font_; }  // scaled to units_per_em: positions come in font units
    hb_face_t* face() const { return face_; }
    unsigned units_per_em() const { return upem_; }

    bool has(char32_t c) const;
    std::uint32_t glyph(char32_t c) const;  // 0 when the font lacks it
    std::uint32_t glyph_count() const { return glyph_count_; }
    // Horizontal advance in font units, as the hmtx table has it (what a
    // PDF viewer uses for /W). Asked of HarfBuzz for every glyph at once on
    // first use: a document asks for each glyph it draws, and one call
    // through HarfBuzz's font functions costs more than the rest of
    // drawing the glyph.
    int advance(std::uint32_t gid) const;
    // The same advance in thousandths of the em, rounded to three decimals:
    // the glyph's width in a PDF's /W array (see pdf_width), from a table
    // made with the advances.
    double advance_per_mille(std::uint32_t gid) const;

    // Metrics as fractions of the em. descender is positive (below the baseline).
    double ascender() const { return ascender_; }
    double descender() const { return descender_; }
    double cap_height() const { return cap_height_; }
    double italic_angle() const { return italic_angle_; }
    const std::array<double, 4>& bbox() const { return bbox_; }  // xMin yMin xMax yMax, in em
    bool fixed_pitch() const { return fixed_pitch_; }
    // Whether .notdef has an outline (a box) rather than being blank.
    bool notdef_drawn() const { return notdef_drawn_; }
    int weight() const { return weight_; }  // 100 to 900
    bool italic() const { return italic_; }
    const std::string& postscript_name() const { return postscript_name_; }

    // The face to cut a subset from: the face itself for its first few
    // subsets, then the face prepared for repeated subsetting
    // (hb_subset_preprocess, made once). Preparing a text face costs about
    // as much as eighty subsets of it: a document or a small batch would
    // pay more for it than it saves. Both give the same subset.
    hb_face_t* subset_source() const;

private:
    font_face() = default;
    std::string path_;
    unsigned index_ = 0;
    hb_blob_t* blob_ = nullptr;
    hb_face_t* face_ = nullptr;
    hb_font_t* font_ = nullptr;
    unsigned upem_ = 1000;
    std::uint32_t glyph_count_ = 0;
    double ascender_ = 0.8, descender_ = 0.2, cap_height_ = 0.7, italic_angle_ = 0;
    std::array<double, 4> bbox_{0, -0.2, 1, 0.8};
    bool fixed_pitch_ = false;
    bool notdef_drawn_ = false;
    int weight_ = 400;
    bool italic_ = false;
    std::string postscript_name_;
    std::array<std::uint32_t, 128> ascii_glyphs_{};  // glyph(c) for ASCII, asked of the cmap once
    mutable std::once_flag advances_once_;
    mutable std::atomic<bool> advances_ready_{false};  // checked first: call_once costs more than the lookup
    mutable std::vector<hb_position_t> advances_;  // by glyph ID
    mutable std::vector<double> per_mille_;        // by glyph ID
    mutable std::once_flag subset_once_;
    mutable hb_face_t* subset_source_ = nullptr;
    mutable std::atomic<unsigned> subsets_cut_{0};
};

// A face as a style uses it: when the family has no bold or italic face,
// the renderer emboldens (stroking the outline) or slants it.
struct font_use {
    const font_face* face = nullptr;
    bool fake_bold = false;
    bool fake_italic = false;
    friend bool operator==(const font_use&, const font_use&) = default;
};

class font_library {
public:
    // The one library of the process, created on first use.
    static font_library& instance();
    ~font_library();
    font_library(const font_library&) = delete;
    font_library& operator=(const font_library&) = delete;

    // The installed faces of the requested families, in order of
    // preference. A family fontconfig does not know is skipped; when none
    // is known, fontconfig's best match for the first name stands in, as it
    // would for any application. Empty only when fontconfig finds no font.
    std::vector<font_use> resolve(const font_request& request);

    // A font that has a glyph for c, in the request's weight and style if
    // one exists, and of its generic family (serif, sans-serif) when it
    // names one: fontconfig queried by character set, answers cached.
    std::optional<font_use> fallback(char32_t c, const font_request& request);

    // For a character no font has: the face, in the request's families and
    // style where one will do, whose .notdef is a visible box (some fonts'
    // is blank), so that the reader sees something is missing.
    std::optional<font_use> missing_glyph_font(const font_request& request);

private:
    font_library();
    struct fc;  // fontconfig state, kept out of this header
    const font_face* load_locked(const std::string& path, unsigned index);
    font_use use_for(const font_face* face, int weight, bool italic) const;

    std::mutex mutex_;  // guards everything below, and every fontconfig call
    std::unique_ptr<fc> fc_;
    std::map<std::pair<std::string, unsigned>, std::unique_ptr<font_face>> faces_;  // by path and index
    std::map<std::tuple<std::string, int, bool>, std::optional<font_use>> families_;  // by family, weight, italic
    // by character, bold, italic and generic family
    std::map<std::tuple<char32_t, bool, bool, std::string>, std::optional<font_use>> fallbacks_;
    // by families, bold and italic
    std::map<std::tuple<std::vector<std::string>, bool, bool>, std::optional<font_use>> notdef_fonts_;
    // Every face a fallback found, by generic family: tried first next time.
    std::map<std::string, std::vector<const font_face*>> fallback_faces_;
};

}  // namespace communique::detail::pdf
