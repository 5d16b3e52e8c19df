#include "pdf/fonts.hpp"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb-subset.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

namespace communique::detail::pdf {

namespace {

// Big-endian fields of an OpenType table.
struct table {
    hb_blob_t* blob;
    const std::uint8_t* data = nullptr;
    unsigned size = 0;
    table(hb_face_t* face, hb_tag_t tag) : blob(hb_face_reference_table(face, tag)) {
        data = reinterpret_cast<const std::uint8_t*>(hb_blob_get_data(blob, &size));
    }
    ~table() { hb_blob_destroy(blob); }
    table(const table&) = delete;
    table& operator=(const table&) = delete;
    bool has(unsigned offset, unsigned bytes) const { return data && offset + bytes <= size; }
    unsigned u16(unsigned at) const { return has(at, 2) ? unsigned(data[at] << 8 | data[at + 1]) : 0; }
    int s16(unsigned at) const { return static_cast<std::int16_t>(u16(at)); }
    std::uint32_t u32(unsigned at) const { return std::uint32_t(u16(at)) << 16 | u16(at + 2); }
};

// A PostScript name as PDF names want it: printable ASCII, no delimiters.
std::string clean_name(std::string_view s) {
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') out += c;
    return out;
}

bool same_family(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool is_generic(std::string_view family) {
    for (std::string_view g : {"serif", "sans-serif", "sans", "monospace", "cursive", "fantasy"})
        if (same_family(family, g)) return true;
    return false;
}

}  // namespace

// ---- font_face ---------------------------------------------------------------------------

std::unique_ptr<font_face> font_face::load(const std::string& path, unsigned index) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
    if (!blob) return nullptr;
    std::unique_ptr<font_face> f(new font_face());
    f->path_ = path;
    f->index_ = index;
    f->blob_ = blob;
    f->face_ = hb_face_create(blob, index);
    f->glyph_count_ = hb_face_get_glyph_count(f->face_);
    {
        // Only TrueType outlines are embedded (FontFile2).
        table glyf(f->face_, HB_TAG('g', 'l', 'y', 'f'));
        table loca(f->face_, HB_TAG('l', 'o', 'c', 'a'));
        if (!glyf.size || !loca.size || f->glyph_count_ == 0) return nullptr;
    }
    hb_face_make_immutable(f->face_);
    f->upem_ = hb_face_get_upem(f->face_);
    f->font_ = hb_font_create(f->face_);
    hb_font_set_scale(f->font_, int(f->upem_), int(f->upem_));
    hb_font_make_immutable(f->font_);
    for (char32_t c = 0; c < f->ascii_glyphs_.size(); ++c) {
        hb_codepoint_t g = 0;
        f->ascii_glyphs_[c] = hb_font_get_nominal_glyph(f->font_, c, &g) ? g : 0;
    }

    const double em = f->upem_;
    hb_glyph_extents_t notdef{};
    f->notdef_drawn_ = hb_font_get_glyph_extents(f->font_, 0, &notdef) && notdef.width != 0 && notdef.height != 0;
    hb_font_extents_t ext{};
    if (hb_font_get_h_extents(f->font_, &ext)) {
        f->ascender_ = ext.ascender / em;
        f->descender_ = -ext.descender / em;
    }
    hb_position_t cap = 0;
    if (hb_ot_metrics_get_position(f->font_, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) && cap > 0)
        f->cap_height_ = cap / em;
    else
        f->cap_height_ = f->ascender_;
    {
        table head(f->face_, HB_TAG('h', 'e', 'a', 'd'));
        if (head.has(36, 8))
            f->bbox_ = {head.s16(36) / em, head.s16(38) / em, head.s16(40) / em, head.s16(42) / em};
        table post(f->face_, HB_TAG('p', 'o', 's', 't'));
        if (post.has(4, 12)) {
            f->italic_angle_ = static_cast<std::int32_t>(post.u32(4)) / 65536.0;
            f->fixed_pitch_ = post.u32(12) != 0;
        }
        table os2(f->face_, HB_TAG('O', 'S', '/', '2'));
        if (os2.has(4, 2)) f->weight_ = std::clamp(int(os2.u16(4)), 100, 900);
        if (os2.has(62, 2)) f->italic_ = (os2.u16(62) & 0x0201) != 0;  // ITALIC or OBLIQUE
        else if (head.has(44, 2)) f->italic_ = (head.u16(44) & 2) != 0;
    }
    char name[128];
    unsigned len = sizeof name;
    hb_ot_name_get_utf8(f->face_, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, name);
    f->postscript_name_ = clean_name(std::string_view(name, len));
    if (f->postscript_name_.empty()) {
        std::string stem = path.substr(path.find_last_of('/') + 1);
        f->postscript_name_ = clean_name(stem.substr(0, stem.find('.')));
    }
    if (f->postscript_name_.empty()) f->postscript_name_ = "Font";
    return f;
}

font_face::~font_face() {
    if (subset_source_) hb_face_destroy(subset_source_);
    hb_font_destroy(font_);
    hb_face_destroy(face_);
    hb_blob_destroy(blob_);
}

bool font_face::has(char32_t c) const { return glyph(c) != 0; }

std::uint32_t font_face::glyph(char32_t c) const {
    if (c < ascii_glyphs_.size()) return ascii_glyphs_[c];
    hb_codepoint_t g = 0;
    return hb_font_get_nominal_glyph(font_, c, &g) ? g : 0;
}

namespace {

double per_mille(hb_position_t advance, unsigned units_per_em) {
    return std::round(advance * 1000000.0 / units_per_em) / 1000;
}

}  // namespace

int font_face::advance(std::uint32_t gid) const {
    if (!advances_ready_.load(std::memory_order_acquire)) std::call_once(advances_once_, [this] {
        std::vector<hb_codepoint_t> gids(glyph_count_);
        for (std::uint32_t g = 0; g < glyph_count_; ++g) gids[g] = g;
        advances_.resize(glyph_count_);
        if (glyph_count_ != 0)
            hb_font_get_glyph_h_advances(font_, glyph_count_, gids.data(), sizeof(hb_codepoint_t), advances_.data(),
                                         sizeof(hb_position_t));
        per_mille_.resize(glyph_count_);
        for (std::uint32_t g = 0; g < glyph_count_; ++g) per_mille_[g] = per_mille(advances_[g], upem_);
        advances_ready_.store(true, std::memory_order_release);
    });
    return gid < advances_.size() ? advances_[gid] : hb_font_get_glyph_h_advance(font_, gid);
}

double font_face::advance_per_mille(std::uint32_t gid) const {
    if (gid >= glyph_count_) return per_mille(advance(gid), upem_);
    advance(0);  // makes the tables on first use
    return per_mille_[gid];
}

hb_face_t* font_face::subset_source() const {
    constexpr unsigned plain_subsets = 2;  // cut from the face itself, before it is worth preparing
    if (subsets_cut_.load(std::memory_order_relaxed) < plain_subsets &&
        subsets_cut_.fetch_add(1, std::memory_order_relaxed) < plain_subsets)
        return face_;
    std::call_once(subset_once_, [this] {
        // Preprocessing builds the subsetter's lookup structures once, so
        // that cutting a subset for each document stays cheap.
        subset_source_ = hb_subset_preprocess(face_);
        if (!subset_source_ || subset_source_ == hb_face_get_empty()) subset_source_ = hb_face_reference(face_);
    });
    return subset_source_;
}

// ---- font_library ------------------------------------------------------------------------

struct font_library::fc {
    FcConfig* config = nullptr;
    // Every character some installed font has: a character outside it is
    // answered at once, without sorting every font for it (a release of
    // thousands of private-use characters would take minutes).
    FcCharSet* coverage = nullptr;
    fc() : config(FcInitLoadConfigAndFonts()), coverage(FcCharSetCreate()) {
        if (!config) return;
        for (FcSetName which : {FcSetSystem, FcSetApplication}) {
            FcFontSet* set = FcConfigGetFonts(config, which);
            for (int i = 0; set && i < set->nfont; ++i) {
                FcCharSet* cs = nullptr;
                if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
                    FcCharSetMerge(coverage, cs, nullptr);
            }
        }
    }
    ~fc() {
        FcCharSetDestroy(coverage);
        if (config) FcConfigDestroy(config);
    }
    fc(const fc&) = delete;
    fc& operator=(const fc&) = delete;
};

namespace {

struct fc_pattern {
    FcPattern* p;
    explicit fc_pattern(FcPattern* pattern) : p(pattern) {}
    ~fc_pattern() {
        if (p) FcPatternDestroy(p);
    }
    fc_pattern(const fc_pattern&) = delete;
    fc_pattern& operator=(const fc_pattern&) = delete;
};

void add_style(FcPattern* p, int weight, bool italic) {
    FcPatternAddInteger(p, FC_WEIGHT, FcWeightFromOpenType(weight));
    FcPatternAddInteger(p, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
}

std::optional<std::pair<std::string, unsigned>> file_of(FcPattern* font) {
    FcChar8* file = nullptr;
    int index = 0;
    if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch) return std::nullopt;
    FcPatternGetInteger(font, FC_INDEX, 0, &index);
    return std::pair{std::string(reinterpret_cast<const char*>(file)), unsigned(std::max(index, 0))};
}

}  // namespace

font_library& font_library::instance() {
    static font_library library;
    return library;
}

font_library::font_library() = default;
font_library::~font_library() = default;

const font_face* font_library::load_locked(const std::string& path, unsigned index) {
    auto key = std::pair{path, index};
    auto it = faces_.find(key);
    if (it == faces_.end()) it = faces_.emplace(key, font_face::load(path, index)).first;
    return it->second.get();
}

font_use font_library::use_for(const font_face* face, int weight, bool italic) const {
    return {face, weight >= 600 && face->weight() < 600, italic && !face->italic()};
}

std::vector<font_use> font_library::resolve(const font_request& request) {
    std::lock_guard lock(mutex_);
    if (!fc_) fc_ = std::make_unique<fc>();
    std::vector<font_use> out;
    auto lookup = [&](const std::string& family, bool any) -> std::optional<font_use> {
        if (!fc_->config) return std::nullopt;
        fc_pattern pattern(FcPatternCreate());
        FcPatternAddString(pattern.p, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
        add_style(pattern.p, request.weight, request.italic);
        FcConfigSubstitute(fc_->config, pattern.p, FcMatchPattern);
        FcDefaultSubstitute(pattern.p);
        FcResult result = FcResultNoMatch;
        fc_pattern match(FcFontMatch(fc_->config, pattern.p, &result));
        if (!match.p) return std::nullopt;
        if (!any) {
            // fontconfig always answers with something; only a face of the
            // family asked for counts as that family being installed.
            bool named = false;
            FcChar8* name = nullptr;
            for (int i = 0; FcPatternGetString(match.p, FC_FAMILY, i, &name) == FcResultMatch; ++i)
                named = named || same_family(reinterpret_cast<const char*>(name), family);
            if (!named) return std::nullopt;
        }
        auto file = file_of(match.p);
        if (!file) return std::nullopt;
        const font_face* face = load_locked(file->first, file->second);
        if (!face) return std::nullopt;
        return use_for(face, request.weight, request.italic);
    };
    for (const std::string& family : request.families) {
        auto key = std::tuple{family, request.weight, request.italic};
        auto it = families_.find(key);
        if (it == families_.end()) it = families_.emplace(key, lookup(family, is_generic(family))).first;
        if (it->second && std::find(out.begin(), out.end(), *it->second) == out.end()) out.push_back(*it->second);
    }
    if (out.empty() && !request.families.empty()) {
        auto key = std::tuple{"\x01" + request.families.front(), request.weight, request.italic};
        auto it = families_.find(key);
        if (it == families_.end()) it = families_.emplace(key, lookup(request.families.front(), true)).first;
        if (it->second) out.push_back(*it->second);
    }
    return out;
}

std::optional<font_use> font_library::fallback(char32_t c, const font_request& request) {
    std::lock_guard lock(mutex_);
    if (!fc_) fc_ = std::make_unique<fc>();
    const int weight = request.weight;
    const bool bold = weight >= 600, italic = request.italic;
    std::string generic;
    for (const std::string& f : request.families)
        if (is_generic(f)) {
            generic = f;
            break;
        }
    if (!fc_->config || !FcCharSetHasChar(fc_->coverage, c)) return std::nullopt;
    auto key = std::tuple{c, bold, italic, generic};
    if (auto it = fallbacks_.find(key); it != fallbacks_.end()) return it->second;

    std::optional<font_use> found;
    // A face an earlier fallback found usually covers the neighbours of
    // that character too (the rest of the script).
    std::vector<const font_face*>& known = fallback_faces_[generic];
    for (const font_face* face : known) {
        if (face->has(c) && (face->weight() >= 600) == bold && face->italic() == italic) {
            found = use_for(face, weight, italic);
            break;
        }
    }
    if (!found && fc_->config) {
        fc_pattern pattern(FcPatternCreate());
        FcCharSet* charset = FcCharSetCreate();
        FcCharSetAddChar(charset, c);
        FcPatternAddCharSet(pattern.p, FC_CHARSET, charset);
        FcCharSetDestroy(charset);
        if (!generic.empty())
            FcPatternAddString(pattern.p, FC_FAMILY, reinterpret_cast<const FcChar8*>(generic.c_str()));
        add_style(pattern.p, weight, italic);
        FcConfigSubstitute(fc_->config, pattern.p, FcMatchPattern);
        FcDefaultSubstitute(pattern.p);
        FcResult result = FcResultNoMatch;
        FcFontSet* set = FcFontSort(fc_->config, pattern.p, FcTrue, nullptr, &result);
        for (int i = 0; set && i < set->nfont && !found; ++i) {
            FcCharSet* cs = nullptr;
            if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) != FcResultMatch || !FcCharSetHasChar(cs, c))
                continue;
            auto file = file_of(set->fonts[i]);
            if (!file) continue;
            const font_face* face = load_locked(file->first, file->second);
            if (!face || !face->has(c)) continue;
            found = use_for(face, weight, italic);
            if (std::find(known.begin(), known.end(), face) == known.end()) known.push_back(face);
        }
        if (set) FcFontSetDestroy(set);
    }
    fallbacks_.emplace(key, found);
    return found;
}

std::optional<font_use> font_library::missing_glyph_font(const font_request& request) {
    std::lock_guard lock(mutex_);
    if (!fc_) fc_ = std::make_unique<fc>();
    auto key = std::tuple{request.families, request.weight >= 600, request.italic};
    if (auto it = notdef_fonts_.find(key); it != notdef_fonts_.end()) return it->second;
    std::optional<font_use> found;
    if (fc_->config) {
        fc_pattern pattern(FcPatternCreate());
        for (const std::string& family : request.families)
            FcPatternAddString(pattern.p, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
        add_style(pattern.p, request.weight, request.italic);
        FcConfigSubstitute(fc_->config, pattern.p, FcMatchPattern);
        FcDefaultSubstitute(pattern.p);
        FcResult result = FcResultNoMatch;
        // Untrimmed: a face that adds no characters may still be the one
        // with a box.
        FcFontSet* set = FcFontSort(fc_->config, pattern.p, FcFalse, nullptr, &result);
        for (int i = 0; set && i < set->nfont && !found; ++i) {
            auto file = file_of(set->fonts[i]);
            if (!file) continue;
            const font_face* face = load_locked(file->first, file->second);
            if (face && face->notdef_drawn()) found = use_for(face, request.weight, request.italic);
        }
        if (set) FcFontSetDestroy(set);
    }
    notdef_fonts_.emplace(key, found);
    return found;
}

}  // namespace communique::detail::pdf
