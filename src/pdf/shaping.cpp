#include "pdf/shaping.hpp"

#include <hb-ot.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace communique::detail::pdf {

namespace {

// Characters that belong to the glyph before them, or to none: they stay
// in that glyph's font rather than start a run of their own.
bool attaches_to_previous(UChar32 c) {
    if (c < 0x80) return false;  // ASCII has no marks, ignorables or selectors: most text asks ICU nothing
    const auto type = u_charType(c);
    return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK ||
           u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || u_hasBinaryProperty(c, UCHAR_VARIATION_SELECTOR);
}

bool is_neutral(UScriptCode s) { return s == USCRIPT_COMMON || s == USCRIPT_INHERITED || s == USCRIPT_INVALID_CODE; }

std::string code_point_name(UChar32 c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

// One character's decisions.
struct char_info {
    std::uint32_t at = 0, length = 0;
    UScriptCode script = USCRIPT_COMMON;
    font_use font;
    bool cut_before = false;  // shaped apart from the marks before it (see max_marks)
};

// HarfBuzz attaches each mark by looking back over the marks before it to
// their base: a letter with 500,000 combining marks took minutes. Marks
// past the first 30 on one base (Unicode's stream-safe text format allows
// no more in a row; Khmer needs a handful) are shaped in runs of their own.
constexpr std::uint32_t max_marks = 30;

// hb_buffer_t is not cheap to create: one per thread, reused.
hb_buffer_t* thread_buffer() {
    struct holder {
        hb_buffer_t* buffer = hb_buffer_create();
        ~holder() { hb_buffer_destroy(buffer); }
    };
    thread_local holder h;
    hb_buffer_clear_contents(h.buffer);
    return h.buffer;
}

// The glyphs of a piece of text, in font units, clusters counted from the
// piece's start: what HarfBuzz gives, before scaling to a size.
struct unit_glyph {
    std::uint32_t gid = 0, cluster = 0;
    hb_position_t x_advance = 0, x_offset = 0, y_offset = 0;
};
using glyph_run = std::vector<unit_glyph>;

// What shapes a piece besides its text.
struct piece_style {
    const font_face* face = nullptr;
    hb_script_t script = HB_SCRIPT_LATIN;
    hb_language_t language = HB_LANGUAGE_INVALID;
    unsigned flags = 0;  // hb_buffer_flags_t, BOT and EOT aside
    bool operator==(const piece_style&) const = default;
};

// A hash of a piece's style and `more` (what else tells cached pieces apart),
// for the caches below.
std::size_t hash_of(const piece_style& ps, std::size_t seed, std::initializer_list<std::size_t> more) {
    std::size_t h = seed;
    for (std::size_t v : {reinterpret_cast<std::uintptr_t>(ps.face), std::size_t(ps.script),
                          reinterpret_cast<std::uintptr_t>(ps.language), std::size_t(ps.flags)})
        h = (h ^ v) * 0x100000001B3ull;
    for (std::size_t v : more) h = (h ^ v) * 0x100000001B3ull;
    return h;
}

// text[begin, end) of text[0, n) shaped with `flags`, the rest of the text
// HarfBuzz's context; clusters counted from begin.
void shape_range(const char16_t* text, std::uint32_t n, std::uint32_t begin, std::uint32_t end, const piece_style& ps,
                 unsigned flags, glyph_run& out, std::vector<hb_glyph_flags_t>* glyph_flags = nullptr) {
    hb_buffer_t* buf = thread_buffer();
    hb_buffer_add_utf16(buf, reinterpret_cast<const std::uint16_t*>(text), int(n), begin, int(end - begin));
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, ps.script);
    hb_buffer_set_language(buf, ps.language);
    hb_buffer_set_flags(buf, hb_buffer_flags_t(flags));
    hb_shape(ps.face->hb(), buf, nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &count);
    out.resize(count);
    if (glyph_flags) glyph_flags->resize(count);
    for (unsigned g = 0; g < count; ++g) {
        out[g] = {info[g].codepoint, info[g].cluster - begin, pos[g].x_advance, pos[g].x_offset, pos[g].y_offset};
        if (glyph_flags) (*glyph_flags)[g] = hb_glyph_info_get_glyph_flags(&info[g]);
    }
}

// text[begin, end) shaped with the rest of the text as HarfBuzz's context.
void shape_piece(const std::u16string& text, std::uint32_t begin, std::uint32_t end, const piece_style& ps,
                 glyph_run& out) {
    const auto n = static_cast<std::uint32_t>(text.size());
    unsigned flags = ps.flags;
    if (begin == 0) flags |= HB_BUFFER_FLAG_BOT;
    if (end == n) flags |= HB_BUFFER_FLAG_EOT;
    shape_range(text.data(), n, begin, end, ps, flags, out);
}

// Runs shaped before, by everything HarfBuzz sees of them: font, script,
// language, flags, text and the context around it. Releases of one
// archive repeat their headers, sign-offs and boilerplate, and the cache
// outlives a document (fonts are never unloaded, so a face's address
// names it for the process). Only exact repeats are reused: the default
// fonts kern the space with the letters on both sides, so words shaped
// apart would not match the run shaped whole. Sharded so that threads
// seldom wait for each other; a shard over its size is emptied, which
// bounds the memory and changes no output.
class run_cache {
public:
    static run_cache& instance() {
        static run_cache cache;
        return cache;
    }

    // Calls use(const glyph_run&) with the glyphs of text[begin, end).
    template <class Use>
    void shape(const std::u16string& text, std::uint32_t begin, std::uint32_t end, const piece_style& ps, Use use) {
        if (end - begin > longest_run) {
            glyph_run run;
            shape_piece(text, begin, end, ps, run);
            use(run);
            return;
        }
        // HarfBuzz keeps up to five characters of context on either side.
        const std::uint32_t from = begin > context ? begin - context : 0;
        const std::uint32_t to = std::min<std::uint32_t>(static_cast<std::uint32_t>(text.size()), end + context);
        key k{ps, begin - from, end - from, text.substr(from, to - from)};
        const std::size_t h = key_hash{}(k);
        shard& sh = shards_[h % shard_count];
        {
            std::lock_guard lock(sh.mutex);
            if (auto it = sh.map.find(k); it != sh.map.end()) {
                use(it->second);
                return;
            }
        }
        glyph_run run;
        shape_piece(text, begin, end, ps, run);
        use(run);
        const std::size_t bytes = k.text.size() * sizeof(char16_t) + run.size() * sizeof(unit_glyph) + entry_overhead;
        std::lock_guard lock(sh.mutex);
        if (sh.bytes + bytes > bytes_per_shard) {
            sh.map.clear();
            sh.bytes = 0;
        }
        if (sh.map.emplace(std::move(k), std::move(run)).second) sh.bytes += bytes;
    }

private:
    static constexpr std::uint32_t longest_run = 1024;  // UTF-16 units; longer runs are shaped every time
    static constexpr std::uint32_t context = 10;        // UTF-16 units: five characters, surrogate pairs included
    static constexpr std::size_t shard_count = 16, bytes_per_shard = 512 * 1024, entry_overhead = 128;
    struct key {
        piece_style style;
        std::uint32_t begin, end;  // the run within text, which holds its context too
        std::u16string text;
        bool operator==(const key&) const = default;
    };
    struct key_hash {
        std::size_t operator()(const key& k) const {
            return hash_of(k.style, std::hash<std::u16string_view>{}(k.text), {k.begin, k.end});
        }
    };
    struct shard {
        std::mutex mutex;
        std::unordered_map<key, glyph_run, key_hash> map;
        std::size_t bytes = 0;
    };
    std::array<shard, shard_count> shards_;
};

// A piece of text shaped alone (no context), clusters counted from its start.
void shape_alone(const char16_t* text, std::uint32_t length, const piece_style& ps, unsigned flags, glyph_run& out,
                 std::vector<hb_glyph_flags_t>* glyph_flags = nullptr) {
    shape_range(text, length, 0, length, ps, flags, out, glyph_flags);
}

bool operator==(const unit_glyph& a, const unit_glyph& b) {
    return a.gid == b.gid && a.cluster == b.cluster && a.x_advance == b.x_advance && a.x_offset == b.x_offset &&
           a.y_offset == b.y_offset;
}

// Cutting runs into words. A paragraph shaped whole is seldom seen again,
// but its words are: kept, an archive's vocabulary is shaped once instead
// of every paragraph in full. A cut must change no glyph and no position,
// and the default fonts kern the space with some letters on either side
// ("r. T", "y A"), so a run is cut only after a single space whose
// neighbours are known not to interact with it or with each other across
// it:
//  - the face: the space is no mark (which lookups may skip), takes part
//    in no substitution at all, and in no positioning lookup but single
//    and pair adjustments and mark attachment; no lookup but mark
//    attachment skips base glyphs; and the face has no table HarfBuzz
//    would shape with besides (Apple's, or an old 'kern' without GPOS
//    kerning): what reaches across a space is kerning of the space with
//    a neighbour;
//  - the neighbours L and R, once per face and style: "L R" shaped whole
//    is exactly "L " shaped alone followed by "R" shaped alone, and
//    HarfBuzz does not mark R unsafe to break.
// Only Latin (and neutral) text is cut: HarfBuzz's shaper for it reads no
// context outside the buffer, except for a mark at the buffer's start,
// and every piece starts with a letter, figure or punctuation that is not
// a mark; so a piece is keyed by its own text.
class word_cutter {
public:
    // Whether runs in this font and style may be cut at all.
    bool may_cut(const piece_style& ps) {
        if (ps.script != HB_SCRIPT_LATIN || (ps.flags & HB_BUFFER_FLAG_DO_NOT_INSERT_DOTTED_CIRCLE)) return false;
        auto it = faces_.find(ps.face);
        if (it == faces_.end()) it = faces_.emplace(ps.face, face_allows_cuts(*ps.face)).first;
        return it->second;
    }

    // Whether a run may be cut between "left " and right (the character after the space).
    bool cut_between(const piece_style& ps, char16_t left, char16_t right) {
        const probe_key k{ps, left, right};
        auto it = probes_.find(k);
        if (it == probes_.end()) {
            if (probes_.size() >= max_probes) {
                probes_.clear();
                singles_.clear();
            }
            it = probes_.emplace(k, probe(ps, left, right)).first;
        }
        return it->second;
    }

private:
    // A lookup's type (an extension's, for type 7 of GSUB and 9 of GPOS)
    // and flags, read from the table's LookupList; empty when the table is
    // missing, and nullopt when it cannot be read.
    struct lookup_kind {
        unsigned type = 0, flags = 0;
    };
    static std::optional<std::vector<lookup_kind>> lookup_kinds(hb_face_t* face, hb_tag_t tag) {
        hb_blob_t* blob = hb_face_reference_table(face, tag);
        unsigned size = 0;
        const auto* data = reinterpret_cast<const unsigned char*>(hb_blob_get_data(blob, &size));
        auto u16 = [&](std::size_t at) -> std::optional<unsigned> {
            if (at + 2 > size) return std::nullopt;
            return unsigned(data[at]) << 8 | data[at + 1];
        };
        std::optional<std::vector<lookup_kind>> out = std::vector<lookup_kind>{};
        const unsigned extension = tag == HB_OT_TAG_GSUB ? 7 : 9;
        if (size > 0) {
            const auto list = u16(8), count = list ? u16(*list) : std::nullopt;
            if (!count) out.reset();
            for (unsigned l = 0; out && l < *count; ++l) {
                const auto offset = u16(*list + 2 + 2 * l);
                const std::size_t at = offset ? *list + *offset : 0;
                const auto type = u16(at), flags = u16(at + 2), subtables = u16(at + 4);
                if (!offset || !type || !flags || !subtables) {
                    out.reset();
                    break;
                }
                lookup_kind kind{*type, *flags};
                if (kind.type == extension && *subtables > 0) {
                    const auto first = u16(at + 6), real = first ? u16(at + *first + 2) : std::nullopt;
                    if (!real) {
                        out.reset();
                        break;
                    }
                    kind.type = *real;
                }
                out->push_back(kind);
            }
        }
        hb_blob_destroy(blob);
        return out;
    }

    static bool face_allows_cuts(const font_face& face) {
        const std::uint32_t space = face.glyph(U' ');
        if (space == 0) return false;
        hb_face_t* f = face.face();
        if (hb_ot_layout_get_glyph_class(f, space) == HB_OT_LAYOUT_GLYPH_CLASS_MARK) return false;
        // Apple's tables (substitutions and contextual kerning by state
        // machine) are not read here; an old 'kern' table is HarfBuzz's
        // kerning only where GPOS has none.
        unsigned table_count = hb_face_get_table_tags(f, 0, nullptr, nullptr);
        std::vector<hb_tag_t> tables(table_count);
        hb_face_get_table_tags(f, 0, &table_count, tables.data());
        auto has_table = [&](const char* tag) {
            return std::find(tables.begin(), tables.end(), hb_tag_from_string(tag, 4)) != tables.end();
        };
        if (has_table("morx") || has_table("mort") || has_table("kerx")) return false;
        if (has_table("kern")) {
            unsigned feature_count = hb_ot_layout_table_get_feature_tags(f, HB_OT_TAG_GPOS, 0, nullptr, nullptr);
            std::vector<hb_tag_t> features(feature_count);
            hb_ot_layout_table_get_feature_tags(f, HB_OT_TAG_GPOS, 0, &feature_count, features.data());
            if (std::find(features.begin(), features.end(), HB_TAG('k', 'e', 'r', 'n')) == features.end()) return false;
        }
        hb_set_t* sets[4] = {hb_set_create(), hb_set_create(), hb_set_create(), hb_set_create()};
        bool ok = true;
        for (hb_tag_t table : {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS}) {
            const auto kinds = lookup_kinds(f, table);
            const unsigned lookups = hb_ot_layout_table_get_lookup_count(f, table);
            ok = ok && kinds && kinds->size() == lookups;
            for (unsigned l = 0; l < lookups && ok; ++l) {
                const lookup_kind kind = (*kinds)[l];
                // Mark attachment (types 4 to 6) acts on marks only, and
                // finds their base before them, in the same piece: no piece
                // starts with a mark, nor follows a space with one.
                if (table == HB_OT_TAG_GPOS && kind.type >= 4 && kind.type <= 6) continue;
                // Any other lookup that skips base glyphs could reach across
                // the space without naming it.
                constexpr unsigned ignore_base_glyphs = 2;
                if (kind.flags & ignore_base_glyphs) {
                    ok = false;
                    break;
                }
                for (hb_set_t* s : sets) hb_set_clear(s);
                hb_ot_layout_lookup_collect_glyphs(f, table, l, sets[0], sets[1], sets[2], sets[3]);
                const bool any = hb_set_has(sets[0], space) || hb_set_has(sets[1], space) ||
                                 hb_set_has(sets[2], space) || hb_set_has(sets[3], space);
                // No substitution touches the space; a positioning lookup may
                // only adjust it alone (type 1) or in a pair (type 2).
                ok = !any || (table == HB_OT_TAG_GPOS && (kind.type == 1 || kind.type == 2));
            }
        }
        for (hb_set_t* s : sets) hb_set_destroy(s);
        return ok;
    }

    bool probe(const piece_style& ps, char16_t left, char16_t right) {
        if (U16_IS_SURROGATE(left) || U16_IS_SURROGATE(right) || attaches_to_previous(left) ||
            attaches_to_previous(right) || !ps.face->has(left) || !ps.face->has(right))
            return false;
        const char16_t whole[3] = {left, u' ', right};
        glyph_run all;
        std::vector<hb_glyph_flags_t> flags;
        shape_alone(whole, 3, ps, ps.flags | HB_BUFFER_FLAG_PRODUCE_UNSAFE_TO_CONCAT, all, &flags);
        const glyph_run& before = single(ps, left, true);
        const glyph_run& after = single(ps, right, false);
        if (all.size() != 3 || before.size() != 2 || after.size() != 1) return false;
        if (flags[2] & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) return false;
        unit_glyph last = after[0];
        last.cluster = 2;
        return all[0] == before[0] && all[1] == before[1] && all[2] == last;
    }

    // "c " (spaced) or "c" shaped alone: each character takes part in many probes.
    const glyph_run& single(const piece_style& ps, char16_t c, bool spaced) {
        const probe_key k{ps, spaced ? c : u'\0', spaced ? u'\0' : c};
        auto it = singles_.find(k);
        if (it == singles_.end()) {
            const char16_t text[2] = {c, u' '};
            glyph_run run;
            shape_alone(text, spaced ? 2 : 1, ps, ps.flags, run);
            it = singles_.emplace(k, std::move(run)).first;
        }
        return it->second;
    }

    struct probe_key {
        piece_style style;
        char16_t left, right;
        bool operator==(const probe_key&) const = default;
    };
    struct probe_hash {
        std::size_t operator()(const probe_key& k) const {
            return hash_of(k.style, 0xcbf29ce484222325ull, {std::size_t(k.left) << 16 | k.right});
        }
    };
    // Fonts are never unloaded: a face's address names it for the process.
    // The verdicts are few (pairs of characters met around spaces), kept
    // per thread so that no lock is taken per word.
    std::unordered_map<const font_face*, bool> faces_;
    static constexpr std::size_t max_probes = 1 << 16;  // then forgotten: bounds the memory
    std::unordered_map<probe_key, bool, probe_hash> probes_;
    std::unordered_map<probe_key, glyph_run, probe_hash> singles_;
};

// Pieces (words with their space) shaped before, by everything HarfBuzz
// sees of them: font, script, language, flags and text. Per thread, so
// that a word costs no lock; emptied when over its size, which bounds the
// memory and changes no output.
class piece_cache {
public:
    // The glyphs of text[begin, end) shaped alone, if known; valid until the next add().
    const glyph_run* find(const std::u16string& text, std::uint32_t begin, std::uint32_t end, const piece_style& ps,
                          unsigned flags) {
        set_scratch(text, begin, end, ps, flags);
        auto it = map_.find(scratch_);
        return it == map_.end() ? nullptr : &it->second;
    }

    void add(const std::u16string& text, std::uint32_t begin, std::uint32_t end, const piece_style& ps,
             unsigned flags, glyph_run run) {
        set_scratch(text, begin, end, ps, flags);
        const std::size_t bytes =
            scratch_.text.size() * sizeof(char16_t) + run.size() * sizeof(unit_glyph) + entry_overhead;
        if (bytes_ + bytes > max_bytes) {
            map_.clear();
            bytes_ = 0;
        }
        if (map_.emplace(scratch_, std::move(run)).second) bytes_ += bytes;
    }

    std::size_t size() const { return map_.size(); }

private:
    static constexpr std::size_t max_bytes = 4 * 1024 * 1024, entry_overhead = 128;
    struct key {
        piece_style style;
        std::u16string text;
        bool operator==(const key&) const = default;
    };
    struct key_hash {
        std::size_t operator()(const key& k) const {
            return hash_of(k.style, std::hash<std::u16string_view>{}(k.text), {});
        }
    };
    void set_scratch(const std::u16string& text, std::uint32_t begin, std::uint32_t end, const piece_style& ps,
                     unsigned flags) {
        scratch_.style = {ps.face, ps.script, ps.language, flags};
        scratch_.text.assign(text, begin, end - begin);
    }
    key scratch_;  // the key being looked up, its text's buffer reused
    std::unordered_map<key, glyph_run, key_hash> map_;
    std::size_t bytes_ = 0;
};

struct thread_shapers {
    // Cutting pays once words repeat: a thread that sets one release would
    // spend more learning where to cut (the probes, the face's lookups)
    // than it saves. Its first runs are shaped whole, as they would be anyway.
    static constexpr std::uint32_t runs_before_cutting = 200;
    std::uint32_t runs = 0;
    word_cutter cutter;
    piece_cache pieces;
    std::vector<std::uint32_t> cuts;        // of the run being shaped, its ends included
    std::vector<const glyph_run*> found;  // its pieces, from the cache
};

thread_shapers& shapers() {
    thread_local thread_shapers s;
    return s;
}

// Calls use(const glyph_run&, std::uint32_t offset) for each piece of
// text[begin, end), in order, offset being where the piece starts.
template <class Use>
void shape_run(const std::u16string& text, std::uint32_t begin, std::uint32_t end, const piece_style& ps, Use use) {
    thread_shapers& ts = shapers();
    const auto n = static_cast<std::uint32_t>(text.size());
    if (ts.runs < thread_shapers::runs_before_cutting) ++ts.runs;
    else if (end - begin >= 3 && !attaches_to_previous(text[begin]) && ts.cutter.may_cut(ps)) {
        std::vector<std::uint32_t>& cuts = ts.cuts;
        cuts.assign(1, begin);
        for (std::uint32_t i = begin + 2; i < end; ++i)
            if (text[i - 1] == u' ' && text[i - 2] != u' ' && text[i] != u' ' &&
                ts.cutter.cut_between(ps, text[i - 2], text[i]))
                cuts.push_back(i);
        if (cuts.size() > 1) {
            cuts.push_back(end);
            auto flags_of = [&](std::size_t k) {
                unsigned flags = ps.flags;
                if (cuts[k] == 0) flags |= HB_BUFFER_FLAG_BOT;
                if (cuts[k + 1] == n) flags |= HB_BUFFER_FLAG_EOT;
                return flags;
            };
            const std::size_t count = cuts.size() - 1;
            std::size_t missing = 0;
            ts.found.clear();
            for (std::size_t k = 0; k < count; ++k) {
                const glyph_run* g = ts.pieces.find(text, cuts[k], cuts[k + 1], ps, flags_of(k));
                missing += g == nullptr;
                ts.found.push_back(g);
            }
            // Words not seen before: a few are shaped alone and kept; when
            // many are new, the run is shaped whole, exactly as when it is
            // not cut (one call to HarfBuzz costs less than one a word), and
            // its words are kept, cut from it.
            if (missing == 0) {
                for (std::size_t k = 0; k < count; ++k) use(*ts.found[k], cuts[k]);
                return;
            }
            if (missing * 4 <= count) {
                std::vector<glyph_run> fresh(count);
                for (std::size_t k = 0; k < count; ++k)
                    if (!ts.found[k])
                        shape_alone(text.data() + cuts[k], cuts[k + 1] - cuts[k], ps, flags_of(k), fresh[k]);
                for (std::size_t k = 0; k < count; ++k) use(ts.found[k] ? *ts.found[k] : fresh[k], cuts[k]);
                // Only now: adding may empty the cache, and with it what was found.
                for (std::size_t k = 0; k < count; ++k)
                    if (!ts.found[k]) ts.pieces.add(text, cuts[k], cuts[k + 1], ps, flags_of(k), std::move(fresh[k]));
                return;
            }
            glyph_run whole;
            shape_piece(text, begin, end, ps, whole);
            use(whole, begin);
            std::vector<glyph_run> pieces(count);
            std::size_t g = 0;
            for (std::size_t k = 0; k < count; ++k) {
                const std::uint32_t from = cuts[k] - begin, to = cuts[k + 1] - begin;
                for (; g < whole.size() && whole[g].cluster < to; ++g) {
                    if (whole[g].cluster < from) return;
                    unit_glyph u = whole[g];
                    u.cluster -= from;
                    pieces[k].push_back(u);
                }
                // Each piece starts with its first character's glyph (a
                // glyph across a cut would make the pieces wrong: then
                // none is kept).
                if (pieces[k].empty() || pieces[k].front().cluster != 0) return;
            }
            for (std::size_t k = 0; k < count; ++k)
                ts.pieces.add(text, cuts[k], cuts[k + 1], ps, flags_of(k), std::move(pieces[k]));
            return;
        }
    }
    run_cache::instance().shape(text, begin, end, ps, [&](const glyph_run& g) { use(g, begin); });
}

// The fonts of a style, as font_library::resolve gives them: asked for
// every paragraph, and resolving takes the library's lock and looks each
// family up again. A document has a handful of styles; each thread keeps
// the answers (resolve always gives the same for a request), forgetting
// them all when it holds many.
class chain_cache {
public:
    // Valid until the next call.
    const std::vector<font_use>& get(font_library& fonts, const font_request& request) {
        for (const entry& e : entries_)
            if (e.library == &fonts && e.request == request) return e.faces;
        if (entries_.size() >= max_entries) entries_.clear();
        entries_.push_back({&fonts, request, fonts.resolve(request)});
        return entries_.back().faces;
    }

private:
    static constexpr std::size_t max_entries = 32;
    struct entry {
        const font_library* library;
        font_request request;
        std::vector<font_use> faces;
    };
    std::vector<entry> entries_;
};

chain_cache& known_chains() {
    thread_local chain_cache cache;
    return cache;
}

}  // namespace

expected<void> shape_paragraph(const paragraph& para, const std::vector<text_style>& styles, font_library& fonts,
                               shaped_paragraph& out) {
    out = {};
    const std::u16string& text = para.text;
    const auto n = static_cast<std::uint32_t>(text.size());
    out.x_before.assign(n + 1, 0.0);
    out.cluster_start.assign(n + 1, false);
    out.cluster_start[n] = true;
    if (n == 0) return {};
    // ICU's answers for ASCII, asked once: most text is ASCII.
    static const std::array<UScriptCode, 0x80> ascii_scripts = [] {
        std::array<UScriptCode, 0x80> scripts{};
        for (UChar32 c = 0; c < 0x80; ++c) {
            UErrorCode status = U_ZERO_ERROR;
            scripts[static_cast<std::size_t>(c)] = uscript_getScript(c, &status);
        }
        return scripts;
    }();
    std::vector<char_info> span_chars;
    span_chars.reserve(n);

    auto chain = [&](std::uint32_t style) -> const std::vector<font_use>& {
        return known_chains().get(fonts, styles[style].font);
    };

    for (const style_span& sp : para.spans) {
        const text_style& style = styles[sp.style];
        const std::vector<font_use>& faces = chain(sp.style);

        // Scripts and fonts, character by character.
        std::vector<char_info>& chars = span_chars;
        chars.clear();
        std::uint32_t marks = 0;  // in a row, before this character
        for (std::uint32_t i = sp.begin; i < sp.end;) {
            char_info ci;
            ci.at = i;
            UChar32 c = 0;
            U16_NEXT(text.data(), i, sp.end, c);
            ci.length = i - ci.at;
            const bool attaches = attaches_to_previous(c);
            marks = attaches ? marks + 1 : 0;
            ci.cut_before = marks > max_marks && (marks - 1) % max_marks == 0;
            if (c < 0x80) {
                ci.script = ascii_scripts[static_cast<std::size_t>(c)];
            } else {
                UErrorCode status = U_ZERO_ERROR;
                ci.script = uscript_getScript(c, &status);
            }
            const char_info* prev = chars.empty() ? nullptr : &chars.back();
            if (prev && (attaches || is_neutral(ci.script)) &&
                (prev->font.face->has(c) || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))) {
                ci.font = prev->font;
            } else {
                for (const font_use& f : faces) {
                    if (f.face->has(c)) {
                        ci.font = f;
                        break;
                    }
                }
                if (!ci.font.face && u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) && !faces.empty())
                    ci.font = faces.front();  // HarfBuzz removes it; any font will do
                if (!ci.font.face) {
                    if (auto fb = fonts.fallback(static_cast<char32_t>(c), style.font)) {
                        ci.font = *fb;
                    } else if (auto box = fonts.missing_glyph_font(style.font)) {
                        // No installed font has it: a font of the style
                        // draws its missing-glyph box (.notdef), and the
                        // caller learns of it from the glyph ID 0 placed.
                        ci.font = *box;
                    } else if (!faces.empty()) {
                        ci.font = faces.front();  // a blank .notdef, if no font draws a box
                    } else {
                        std::string why = "missing font: no installed font has a glyph for " + code_point_name(c);
                        if (!style.font.families.empty()) why += " (font-family " + style.font.families.front() + ")";
                        return problem{rule::pdf, std::move(why)};
                    }
                }
            }
            chars.push_back(ci);
        }
        // Neutral characters take the script of the text around them: the
        // one before, or at the start the first real script after.
        UScriptCode current = USCRIPT_COMMON;
        for (const char_info& ci : chars)
            if (!is_neutral(ci.script)) {
                current = ci.script;
                break;
            }
        for (char_info& ci : chars) {
            if (is_neutral(ci.script)) ci.script = current;
            else current = ci.script;
        }

        // Runs, shaped.
        for (std::size_t a = 0; a < chars.size();) {
            std::size_t b = a + 1;
            while (b < chars.size() && chars[b].script == chars[a].script && chars[b].font == chars[a].font &&
                   !chars[b].cut_before)
                ++b;
            shaped_run run;
            run.begin = chars[a].at;
            run.end = chars[b - 1].at + chars[b - 1].length;
            run.style = sp.style;
            run.font = chars[a].font;

            hb_script_t script = chars[a].script == USCRIPT_COMMON
                                     ? HB_SCRIPT_LATIN
                                     : hb_script_from_string(uscript_getShortName(chars[a].script), -1);
            if (hb_script_get_horizontal_direction(script) == HB_DIRECTION_RTL) {
                return problem{rule::pdf, "right-to-left text (" + std::string(uscript_getName(chars[a].script)) +
                                              " script) is not supported"};
            }
            unsigned flags = HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES;
            if (chars[a].cut_before) flags |= HB_BUFFER_FLAG_DO_NOT_INSERT_DOTTED_CIRCLE;
            const piece_style ps{run.font.face, script, hb_language_from_string(style.lang.c_str(), -1), flags};
            const double scale = style.size / run.font.face->units_per_em();
            auto place = [&](const unit_glyph& u, std::uint32_t base) {
                glyph gl;
                gl.gid = u.gid;
                gl.cluster = base + u.cluster;
                gl.advance = float(u.x_advance * scale);
                gl.x_offset = float(u.x_offset * scale);
                gl.y_offset = float(u.y_offset * scale);
                run.glyphs.push_back(gl);
                out.x_before[gl.cluster + 1] += gl.advance;  // turned into prefix sums below
                out.cluster_start[gl.cluster] = true;
            };
            shape_run(text, run.begin, run.end, ps, [&](const glyph_run& glyphs, std::uint32_t base) {
                for (const unit_glyph& u : glyphs) place(u, base);
            });
            out.cluster_start[run.begin] = true;
            out.runs.push_back(std::move(run));
            a = b;
        }
    }
    // Prefix sums: x_before[i + 1] held the advance of the cluster at i.
    for (std::uint32_t i = 1; i <= n; ++i) out.x_before[i] += out.x_before[i - 1];
    return {};
}

std::size_t kept_words() { return shapers().pieces.size(); }

}  // namespace communique::detail::pdf
