#include "pdf/font_embedding.hpp"

#include "core/hash.hpp"
#include "pdf/numbers.hpp"
#include "pdf/pdf_objects.hpp"

#include <hb-subset.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <iterator>
#include <mutex>
#include <string_view>
#include <unordered_set>

namespace communique::detail::pdf {

namespace {

std::vector<char32_t> code_points(std::u16string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        UChar32 c = 0;
        U16_NEXT(s.data(), i, s.size(), c);
        out.push_back(static_cast<char32_t>(c));
    }
    return out;
}

void append_code_point(std::u16string& s, char32_t c) {
    char16_t units[2];
    std::size_t n = 0;
    U16_APPEND_UNSAFE(units, n, c);
    s.append(units, n);
}

}  // namespace

// ---- glyph_text ----------------------------------------------------------------------------

void glyph_text::assign(std::uint32_t gid, std::u16string text) {
    if (known(gid) || text.empty()) return;  // an empty meaning is no meaning: a later one may still come
    texts_.push_back(std::move(text));
    slot_[gid] = static_cast<std::uint32_t>(texts_.size());
}

void glyph_text::learn(const placed_run& run) {
    const auto& g = run.glyphs;
    for (std::size_t a = 0; a < g.size();) {
        std::size_t b = a + 1;
        while (b < g.size() && g[b].cluster == g[a].cluster) ++b;
        if (b - a == 1 && known(g[a].gid)) {  // most glyphs of a document: no string made for them
            a = b;
            continue;
        }
        // The cluster's characters run to where the next cluster starts.
        std::uint32_t end = static_cast<std::uint32_t>(run.text.size());
        for (std::size_t k = b; k < g.size(); ++k)
            if (g[k].cluster > g[a].cluster) {
                end = std::min(end, g[k].cluster);
                break;
            }
        const std::u16string_view chars = std::u16string_view(run.text).substr(g[a].cluster, end - g[a].cluster);
        if (b - a == 1) {
            assign(g[a].gid, std::u16string(chars));
        } else {
            std::vector<char32_t> left = code_points(chars);
            std::vector<std::size_t> unmatched;
            for (std::size_t k = a; k < b; ++k) {
                auto it = std::find_if(left.begin(), left.end(), [&](char32_t c) { return face_.glyph(c) == g[k].gid; });
                if (it == left.end()) {
                    unmatched.push_back(k);
                    continue;
                }
                std::u16string one;
                append_code_point(one, *it);
                assign(g[k].gid, one);
                left.erase(it);
            }
            if (!unmatched.empty() && !left.empty()) {
                std::u16string rest;
                for (char32_t c : left) append_code_point(rest, c);
                assign(g[unmatched.front()].gid, rest);
            }
        }
        a = b;
    }
}

std::vector<std::pair<std::uint32_t, const std::u16string*>> glyph_text::all() const {
    std::vector<std::pair<std::uint32_t, const std::u16string*>> out;
    for (std::uint32_t g = 0; g < slot_.size(); ++g)
        if (slot_[g]) out.emplace_back(g, &texts_[slot_[g] - 1]);
    return out;
}

// ---- subsets -------------------------------------------------------------------------------

namespace {

// make_subset, cut from `source`: the face itself or the face prepared for
// repeated subsetting (the same subset either way).
expected<void> cut_subset(const font_face& face, hb_face_t* source, const std::vector<std::uint32_t>& glyphs,
                          bool notdef_outline, font_subset& out) {
    // One input per thread, made once: creating one (default sets of
    // tables, name IDs, layout features) is a good part of cutting a small
    // subset. Only the glyphs and the flags change from one subset to the
    // next.
    struct reused_input {
        hb_subset_input_t* input = hb_subset_input_create_or_fail();
        reused_input() {
            if (!input) return;
            // Positions come from the content stream: layout tables and
            // hinting would only add bytes.
            hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
            for (const char* tag : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "mort", "kerx",
                                    "feat", "trak", "hdmx", "VDMX", "LTSH", "DSIG", "gasp", "vhea", "vmtx"})
                hb_set_add(drop, hb_tag_from_string(tag, 4));
        }
        ~reused_input() { hb_subset_input_destroy(input); }
    };
    thread_local reused_input reused;
    hb_subset_input_t* input = reused.input;
    if (!input) {
        return problem{rule::pdf, "hb-subset could not start (out of memory)"};
    }
    hb_set_t* keep = hb_subset_input_glyph_set(input);
    hb_set_clear(keep);
    for (std::uint32_t g : glyphs) hb_set_add(keep, g);
    unsigned flags = HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_RETAIN_GIDS;
    if (notdef_outline) flags |= HB_SUBSET_FLAGS_NOTDEF_OUTLINE;
    hb_subset_input_set_flags(input, hb_subset_flags_t(flags));
    hb_face_t* result = hb_subset_or_fail(source, input);
    if (!result) {
        return problem{rule::pdf, "hb-subset could not subset " + face.path()};
    }
    hb_blob_t* blob = hb_face_reference_blob(result);
    unsigned size = 0;
    const char* data = hb_blob_get_data(blob, &size);
    out.program.assign(data, size);
    hb_blob_destroy(blob);
    hb_face_destroy(result);
    if (out.program.empty()) {
        return problem{rule::pdf, "hb-subset produced an empty subset of " + face.path()};
    }

    // A stable hash (not std::hash): the same glyphs get the same tag on every machine.
    fnv1a h;
    h.add(face.postscript_name());
    h.add_le32(face.index());
    for (std::uint32_t g : glyphs) h.add_le32(g);
    if (notdef_outline) h.add("notdef");  // another program: another name
    std::uint64_t tag_bits = h.value();
    std::string tag;
    for (int i = 0; i < 6; ++i) {
        tag += static_cast<char>('A' + tag_bits % 26);
        tag_bits /= 26;
    }
    out.base_font = tag + "+" + face.postscript_name();
    return {};
}

}  // namespace

expected<void> make_subset(const font_face& face, const std::vector<std::uint32_t>& glyphs, bool notdef_outline,
                           font_subset& out) {
    return cut_subset(face, face.subset_source(), glyphs, notdef_outline, out);
}

// ---- rounding glyph sets up to blocks --------------------------------------------------------

namespace {

// The blocks a subset of a Latin face is rounded up to (plan_subset): a
// document drawing any glyph of a block gets all of it. Blocks of what
// occurs together, so that a face drawn for a header line or a date pays
// only for the blocks it touches; within one, the letters a release does
// not draw. A glyph two characters share means the first one's character
// (space before no-break space).
constexpr std::u32string_view glyph_blocks[] = {
    U"abcdefghijklmnopqrstuvwxyz .,-'\u00A0",         // lower case, and what every sentence has
    U"ABCDEFGHIJKLMNOPQRSTUVWXYZ",                    // capitals
    U"0123456789",                                    // digits
    U":;!?()/&%\"",                                   // other punctuation
    U"\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u2022",  // curly quotes, dashes, ellipsis, bullet
    U"#$*+<=>@[\\]^_`{|}~",                           // the other ASCII signs (addresses, codes)
};
constexpr std::size_t block_count = std::size(glyph_blocks);

// Rounding pays when the glyphs a release draws outside the blocks are few
// enough to recur from release to release (an accented name, a ligature);
// a script the blocks do not cover draws dozens.
constexpr std::size_t max_glyphs_outside = 8;

struct face_blocks {
    std::string path;  // which face: a test may unload one and load another at its address
    unsigned index = 0;
    std::vector<std::uint32_t> block[block_count];              // each sorted
    std::vector<std::uint8_t> of;                               // by glyph ID: 1 << block, for each block it is in
    std::vector<std::pair<std::uint32_t, char32_t>> meanings;  // by glyph ID: the first character mapped to it
    mutable std::atomic<unsigned> rounded_cuts{0};
};

// Rounded subsets are few per face, so the first ones are cut from the
// face itself: preparing a face for repeated subsetting (subset_source)
// costs about as much as forty cuts without it, which a run converging on
// a dozen sets would never earn back. A face whose rounded sets keep
// differing (accented letters of many names) is prepared after all.
constexpr unsigned plain_rounded_cuts = 32;

const face_blocks& blocks_of(const font_face& face) {
    static std::mutex mutex;
    static std::map<const font_face*, std::unique_ptr<face_blocks>> known;
    std::lock_guard lock(mutex);
    std::unique_ptr<face_blocks>& b = known[&face];
    if (b && b->path == face.path() && b->index == face.index()) return *b;
    b = std::make_unique<face_blocks>();
    b->path = face.path();
    b->index = face.index();
    b->of.assign(face.glyph_count(), 0);
    for (std::size_t k = 0; k < block_count; ++k) {
        for (char32_t c : glyph_blocks[k]) {
            const std::uint32_t g = face.glyph(c);
            if (g == 0 || g >= b->of.size()) continue;
            b->block[k].push_back(g);
            b->of[g] |= std::uint8_t(1u << k);
            b->meanings.emplace_back(g, c);
        }
        std::sort(b->block[k].begin(), b->block[k].end());
        b->block[k].erase(std::unique(b->block[k].begin(), b->block[k].end()), b->block[k].end());
    }
    std::stable_sort(b->meanings.begin(), b->meanings.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    b->meanings.erase(std::unique(b->meanings.begin(), b->meanings.end(),
                                  [](const auto& x, const auto& y) { return x.first == y.first; }),
                      b->meanings.end());
    return *b;
}

// The character the block table gives `gid`, 0 for none.
char32_t block_meaning(const face_blocks& b, std::uint32_t gid) {
    auto it = std::lower_bound(b.meanings.begin(), b.meanings.end(), gid,
                               [](const auto& m, std::uint32_t g) { return m.first < g; });
    return it != b.meanings.end() && it->first == gid ? it->second : 0;
}

}  // namespace

subset_plan plan_subset(const font_face& face, const std::vector<std::uint32_t>& drawn) {
    const face_blocks& b = blocks_of(face);
    unsigned touched = 0;
    std::size_t outside = 0;
    for (std::uint32_t g : drawn) {
        const unsigned in = g < b.of.size() ? b.of[g] : 0;
        touched |= in;
        outside += g != 0 && in == 0;
    }
    // No block touched (an emoji font): nothing to converge on.
    if (outside > max_glyphs_outside || touched == 0) return {drawn, false};
    subset_plan plan{drawn, true};
    for (std::size_t k = 0; k < block_count; ++k) {
        if (!(touched & (1u << k))) continue;
        std::vector<std::uint32_t> merged;
        merged.reserve(plan.glyphs.size() + b.block[k].size());
        std::set_union(plan.glyphs.begin(), plan.glyphs.end(), b.block[k].begin(), b.block[k].end(),
                       std::back_inserter(merged));
        plan.glyphs.swap(merged);
    }
    return plan;
}

// ---- packed subsets, cached ---------------------------------------------------------------

namespace {

class subset_cache {
public:
    static subset_cache& instance() {
        static subset_cache cache;
        return cache;
    }
    struct key {
        const font_face* face;  // fonts are never unloaded: the address names the face
        bool notdef_outline;
        std::vector<std::uint32_t> glyphs;
        auto operator<=>(const key&) const = default;
    };
    std::shared_ptr<const packed_subset> find(const key& k) {
        std::lock_guard lock(mutex_);
        auto it = map_.find(k);
        return it == map_.end() ? nullptr : it->second;
    }
    // An exact subset is kept the second time it is made, not the first:
    // most exact glyph sets occur once in an archive, and keeping those
    // too costs much memory for little time; kept from its second use, a
    // set seen n times is cut twice instead of n times (the figures:
    // docs/performance.md, PDF round 3). A rounded one is made to recur:
    // kept from the first.
    void add(key k, std::shared_ptr<const packed_subset> s, bool rounded) {
        fnv1a h;
        const auto face = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(k.face));
        h.add_le32(static_cast<std::uint32_t>(face)).add_le32(static_cast<std::uint32_t>(face >> 32));
        h.add_le32(k.notdef_outline);
        for (std::uint32_t g : k.glyphs) h.add_le32(g);
        const std::size_t size = s->packed.size() + s->base_font.size() + s->widths.size() +
                                 s->block_to_unicode.size() + k.glyphs.size() * 12 + overhead;
        std::lock_guard lock(mutex_);
        if (!rounded) {
            if (seen_.size() >= max_seen) seen_.clear();
            if (seen_.insert(h.value()).second) return;  // the first time (or a hash collision: harmless)
        }
        if (bytes_ + size > budget) {
            map_.clear();
            bytes_ = 0;
        }
        if (map_.emplace(std::move(k), std::move(s)).second) bytes_ += size;
    }

private:
    static constexpr std::size_t budget = 4 << 20, overhead = 160, max_seen = 100000;
    std::mutex mutex_;
    std::map<key, std::shared_ptr<const packed_subset>> map_;
    std::unordered_set<std::uint64_t> seen_;  // hashes of the glyph sets made once
    std::size_t bytes_ = 0;
};

}  // namespace

namespace {

std::string to_unicode_cmap(const std::vector<std::pair<std::uint32_t, const std::u16string*>>& entries);

// The ToUnicode CMap of a rounded subset for a document whose glyphs each
// mean what the block table says: every glyph of the subset with a
// character in the table.
std::string block_to_unicode(const face_blocks& b, const std::vector<std::uint32_t>& glyphs) {
    std::vector<std::u16string> texts;
    std::vector<std::uint32_t> gids;
    for (const auto& [g, c] : b.meanings) {
        if (!std::binary_search(glyphs.begin(), glyphs.end(), g)) continue;
        texts.emplace_back();
        append_code_point(texts.back(), c);
        gids.push_back(g);
    }
    std::vector<std::pair<std::uint32_t, const std::u16string*>> entries;
    for (std::size_t i = 0; i < gids.size(); ++i) entries.emplace_back(gids[i], &texts[i]);
    return to_unicode_cmap(entries);
}

}  // namespace

expected<std::shared_ptr<const packed_subset>> packed_subset_for(const font_face& face,
                                                                 const std::vector<std::uint32_t>& drawn,
                                                                 bool notdef_outline) {
    subset_plan plan = plan_subset(face, drawn);
    subset_cache::key k{&face, notdef_outline, std::move(plan.glyphs)};
    if (auto known = subset_cache::instance().find(k)) return known;
    font_subset subset;
    const bool plain = plan.rounded && blocks_of(face).rounded_cuts.fetch_add(1) < plain_rounded_cuts;
    hb_face_t* source = plain ? face.face() : face.subset_source();
    if (auto made = cut_subset(face, source, k.glyphs, notdef_outline, subset); !made) return std::move(made).error();
    auto packed = std::make_shared<packed_subset>();
    packed->packed = deflate(subset.program);
    packed->program_size = subset.program.size();
    packed->base_font = std::move(subset.base_font);
    packed->glyphs = k.glyphs;
    for (std::uint32_t g : packed->glyphs) {
        const double w = pdf_width(face, g);
        if (w == std::floor(w)) {
            packed->widths += ' ';
            append_int(packed->widths, static_cast<std::int64_t>(w));
        } else {
            append_compact_real(packed->widths, w);
        }
        packed->width_ends.push_back(static_cast<std::uint32_t>(packed->widths.size()));
    }
    if (plan.rounded) packed->block_to_unicode = deflate(block_to_unicode(blocks_of(face), packed->glyphs));
    std::shared_ptr<const packed_subset> out = packed;
    subset_cache::instance().add(std::move(k), out, plan.rounded);
    return out;
}

// ---- the font objects ------------------------------------------------------------------------

namespace {

std::string to_unicode_cmap(const std::vector<std::pair<std::uint32_t, const std::u16string*>>& entries) {
    std::string s =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (std::size_t i = 0; i < entries.size(); i += 100) {  // at most 100 entries a block
        const std::size_t count = std::min<std::size_t>(100, entries.size() - i);
        append_int(s, std::int64_t(count));
        s += " beginbfchar\n";
        for (std::size_t k = i; k < i + count; ++k) {
            s += '<';
            append_hex4(s, entries[k].first);
            s += "> <";
            for (char16_t u : *entries[k].second) append_hex4(s, u);
            s += ">\n";
        }
        s += "endbfchar\n";
    }
    s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return s;
}

// Whether each glyph drawn means what the block table gives it (nothing for
// a glyph outside the table): then the document's CMap is the subset's
// block_to_unicode.
bool means_blocks(const face_blocks& b, const std::vector<std::uint32_t>& drawn, const glyph_text& text) {
    for (std::uint32_t g : drawn) {
        const std::u16string& t = text.text_of(g);
        const char32_t c = block_meaning(b, g);
        if (c == 0 ? !t.empty() : (t.size() != 1 || t[0] != c)) return false;  // the table's characters are in the BMP
    }
    return true;
}

// The document's CMap: the glyphs drawn with the meaning it learned, the
// subset's other glyphs with the block table's.
std::string document_to_unicode(const face_blocks& b, const packed_subset& subset,
                                const std::vector<std::uint32_t>& drawn, const glyph_text& text) {
    std::vector<std::pair<std::uint32_t, const std::u16string*>> entries = text.all();
    std::vector<std::u16string> texts;
    std::vector<std::uint32_t> gids;
    for (const auto& [g, c] : b.meanings) {
        if (!std::binary_search(subset.glyphs.begin(), subset.glyphs.end(), g) ||
            std::binary_search(drawn.begin(), drawn.end(), g))
            continue;
        texts.emplace_back();
        append_code_point(texts.back(), c);
        gids.push_back(g);
    }
    const auto learned = static_cast<std::ptrdiff_t>(entries.size());
    for (std::size_t i = 0; i < gids.size(); ++i) entries.emplace_back(gids[i], &texts[i]);
    std::inplace_merge(entries.begin(), entries.begin() + learned, entries.end(),
                       [](const auto& x, const auto& y) { return x.first < y.first; });
    return to_unicode_cmap(entries);
}

}  // namespace

double pdf_width(const font_face& face, std::uint32_t gid) { return face.advance_per_mille(gid); }

PoDoFo::PdfObject* embed_font(PoDoFo::PdfVecObjects& objects, const font_face& face, const packed_subset& subset,
                              const std::vector<std::uint32_t>& drawn, const glyph_text& text) {
    using namespace PoDoFo;
    const double per_em = 1000;  // PDF glyph space units per em

    PdfObject* file = objects.CreateObject();
    set_deflated_stream(file, subset.packed);
    file->GetDictionary().AddKey("Length1", static_cast<pdf_int64>(subset.program_size));

    // The three dictionaries are written straight into PDF syntax
    // (PdfData), the bytes PoDoFo would write for them (/Type first, then
    // the keys in its order), as the structure tree's are: built as PoDoFo
    // objects, they cost more than the rest of embedding a shared subset.
    auto raw = [](PdfObject* object, const std::string& text) {
        static_cast<PdfVariant&>(*object) = PdfVariant(PdfData(text.data(), text.size()));
    };
    auto ref = [](std::string& out, const PdfObject* o) { append_compact(out, PdfVariant(o->Reference())); };
    std::string name;  // "/ABCDEF+PostScriptName"
    append_compact(name, PdfVariant(PdfName(subset.base_font)));

    PdfObject* descriptor = objects.CreateObject();
    // Symbolic (4): the glyphs are addressed by ID, not by a standard
    // encoding; plus FixedPitch (1) and Italic (64) when they apply.
    std::int64_t flags = 4;
    if (face.fixed_pitch()) flags |= 1;
    if (face.italic()) flags |= 64;
    std::string d = "<</Type/FontDescriptor/Ascent ";
    append_int(d, std::lround(face.ascender() * per_em));
    d += "/CapHeight ";
    append_int(d, std::lround(face.cap_height() * per_em));
    d += "/Descent ";
    append_int(d, -std::lround(face.descender() * per_em));
    d += "/Flags ";
    append_int(d, flags);
    d += "/FontBBox[";
    for (double v : face.bbox()) {
        d += ' ';
        append_int(d, std::lround(v * per_em));
    }
    d += "]/FontFile2";
    ref(d, file);
    d += "/FontName" + name + "/ItalicAngle ";
    append_int(d, std::lround(face.italic_angle()));
    // The stem width is not in the font; viewers only use it to synthesise
    // a substitute, which never happens for an embedded font.
    d += "/StemV ";
    append_int(d, face.weight() >= 600 ? 140 : 80);
    d += ">>";
    raw(descriptor, d);

    // Widths of the glyphs drawn (CID = glyph ID): consecutive CIDs share
    // one array. Written straight into PDF syntax (what PoDoFo would write
    // for the PdfArray, see append_compact): a font's hundred widths as
    // PoDoFo objects cost more to build than the rest of the font. Each
    // width's text comes from the subset (which holds every glyph drawn).
    std::string widths = "[";
    std::size_t at = 0;  // in subset.glyphs
    for (std::size_t i = 0; i < drawn.size();) {
        std::size_t j = i;
        widths += ' ';
        append_int(widths, drawn[i]);
        widths += '[';
        do {
            while (subset.glyphs[at] != drawn[j]) ++at;
            const std::size_t from = at == 0 ? 0 : subset.width_ends[at - 1];
            widths.append(subset.widths, from, subset.width_ends[at] - from);
            ++j;
        } while (j < drawn.size() && drawn[j] == drawn[j - 1] + 1);
        widths += ']';
        i = j;
    }
    widths += ']';

    // The content stream uses glyph IDs as CIDs (/CIDToGIDMap /Identity).
    PdfObject* cid = objects.CreateObject();
    std::string c = "<</Type/Font/BaseFont" + name +
                    "/CIDSystemInfo<</Ordering(Identity)/Registry(Adobe)/Supplement 0>>/CIDToGIDMap/Identity"
                    "/FontDescriptor";
    ref(c, descriptor);
    c += "/Subtype/CIDFontType2/W" + widths + ">>";
    raw(cid, c);

    PdfObject* cmap = objects.CreateObject();
    if (!subset.block_to_unicode.empty() && means_blocks(blocks_of(face), drawn, text)) {
        set_deflated_stream(cmap, subset.block_to_unicode);
    } else {
        set_stream(cmap, document_to_unicode(blocks_of(face), subset, drawn, text));
    }

    PdfObject* type0 = objects.CreateObject();
    std::string t = "<</Type/Font/BaseFont" + name + "/DescendantFonts[";
    ref(t, cid);
    t += "]/Encoding/Identity-H/Subtype/Type0/ToUnicode";
    ref(t, cmap);
    t += ">>";
    raw(type0, t);
    return type0;
}

}  // namespace communique::detail::pdf
