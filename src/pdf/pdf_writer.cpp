#include "pdf/pdf_writer.hpp"

#include "pdf/font_embedding.hpp"
#include "pdf/metadata.hpp"
#include "pdf/numbers.hpp"
#include "pdf/pdf_objects.hpp"

#include <communique/version.hpp>

#include <libdeflate.h>
#include <podofo/podofo.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <optional>

namespace communique::detail::pdf {

namespace {

using namespace PoDoFo;

constexpr std::string_view producer = "communique " COMMUNIQUE_VERSION_STRING " (PoDoFo 0.9.8, HarfBuzz)";
constexpr std::string_view creator_tool = "communique " COMMUNIQUE_VERSION_STRING;
constexpr double fake_italic_skew = 0.21;    // tan 12°
constexpr double fake_bold_stroke = 0.025;   // of the font size

// A face as the document uses it: its glyphs, their meanings, its subset.
struct font_entry {
    const font_face* face;
    std::string resource;     // F1, F2, ...
    std::vector<std::uint8_t> used;  // by glyph ID (bytes: faster than bits); .notdef always (subsets keep it)
    // The glyphs used, in the order first drawn, and their widths by glyph
    // ID (set for those only): the content streams ask for a width per
    // glyph drawn, and a face has thousands of glyphs for a document's
    // hundred, so neither is found by walking all of them.
    std::vector<std::uint32_t> drawn;
    std::unique_ptr<double[]> widths;
    bool notdef_drawn = false;  // a character no font has is shown as the missing-glyph box
    glyph_text text;
    std::shared_ptr<const packed_subset> subset;
    PdfObject* object = nullptr;
    font_entry(const font_face* f, std::string name)
        : face(f), resource(std::move(name)), used(f->glyph_count(), 0),
          widths(new double[std::max<std::size_t>(used.size(), 1)]), text(*f) {
        use(0);
    }
    void use(std::uint32_t gid) {
        if (gid >= used.size() || used[gid]) return;
        used[gid] = 1;
        drawn.push_back(gid);
        widths[gid] = pdf_width(*face, gid);
    }
    double width(std::uint32_t gid) const { return gid < used.size() ? widths[gid] : pdf_width(*face, gid); }
    std::vector<std::uint32_t> glyphs() const {
        std::vector<std::uint32_t> out = drawn;
        std::sort(out.begin(), out.end());
        return out;
    }
};

class font_set {
public:
    font_entry& get(const font_face* face) {
        // Runs in a row mostly share a face: the last one asked is tried first.
        if (last_ < entries_.size() && entries_[last_].face == face) return entries_[last_];
        auto it = index_.find(face);
        if (it != index_.end()) {
            last_ = it->second;
            return entries_[last_];
        }
        last_ = entries_.size();
        index_.emplace(face, last_);
        entries_.emplace_back(face, "F" + std::to_string(entries_.size() + 1));
        return entries_.back();
    }
    std::vector<font_entry>& entries() { return entries_; }

private:
    std::vector<font_entry> entries_;                 // in order of first use: deterministic
    std::map<const font_face*, std::size_t> index_;  // lookup only, never iterated
    std::size_t last_ = SIZE_MAX;
};

// A content stream written through a pointer into space set aside at the
// string's end: show_run writes a few bytes per glyph, and std::string's
// append would check the capacity and move the size for each of them.
class stream_cursor {
public:
    explicit stream_cursor(std::string& s) : s_(s), p_(s.data() + s.size()), end_(p_) {}
    ~stream_cursor() { s_.resize(std::size_t(p_ - s_.data())); }
    stream_cursor(const stream_cursor&) = delete;
    stream_cursor& operator=(const stream_cursor&) = delete;

    // Room for at least n more bytes.
    void need(std::size_t n) {
        if (std::size_t(end_ - p_) < n) grow(n);
    }
    [[gnu::noinline]] void grow(std::size_t n) {
        const auto used = std::size_t(p_ - s_.data());
        // The string's own growth is geometric; the bytes zeroed here are
        // only those set aside, a few runs' worth.
        s_.resize(used + std::max<std::size_t>(n, 2048));
        p_ = s_.data() + used;
        end_ = s_.data() + s_.size();
    }
    void put(char c) { *p_++ = c; }
    void put(std::string_view v) {
        std::memcpy(p_, v.data(), v.size());
        p_ += v.size();
    }
    // A number as append_number writes it (numbers.hpp), at most `max_number` bytes.
    void number(double v, int decimals) { p_ = write_number(p_, v, decimals); }
    // A glyph code's two bytes inside a literal string.
    void code(std::uint32_t gid) {
        byte(static_cast<unsigned char>(gid >> 8));
        byte(static_cast<unsigned char>(gid));
    }

    static constexpr std::size_t max_number = max_number_chars;

private:
    // Bytes a literal string cannot hold as they are: its delimiters, the
    // escape character, and line ends (a raw CR would be read as LF).
    static constexpr std::array<char, 256> escapes = [] {
        std::array<char, 256> e{};
        e['('] = '(';
        e[')'] = ')';
        e['\\'] = '\\';
        e['\r'] = 'r';
        e['\n'] = 'n';
        return e;
    }();
    void byte(unsigned char b) {
        if (const char e = escapes[b]) {
            put('\\');
            put(e);
        } else {
            put(static_cast<char>(b));
        }
    }

    std::string& s_;
    char* p_;
    char* end_;
};

// The text operators for one run. The pen's position is tracked against the
// position HarfBuzz (and justification) asked for, and every difference -
// kerning, marks' offsets, stretched spaces - goes into TJ adjustments, so
// rounding never accumulates along a line.
// The glyph codes are literal strings, two bytes a glyph (Identity-H), not
// hex strings at four: the stream is smaller to write and to deflate.
void show_run(std::string& s, const placed_run& r, font_entry& f, rgb& fill, bool& stroking) {
    // /ActualText when the glyphs, read in order through /ToUnicode, would
    // not give the text (reordered Khmer vowels, subscripts), and when marks
    // are positioned over other glyphs: extractors that order characters by
    // position would move them.
    // The reading is compared with the text piece by piece, not built.
    // The first glyph that settles it ends the search.
    bool actual_text = r.actual_text.has_value();
    std::size_t read = 0;
    const std::size_t length = r.text.size();
    for (auto g = r.glyphs.begin(); !actual_text && g != r.glyphs.end(); ++g) {
        const std::u16string& t = f.text.text_of(g->gid);
        const std::size_t n = t.size();
        actual_text = g->x_offset != 0 || g->y_offset != 0 || n > length - read ||
                      (n == 1 ? r.text[read] != t[0] : r.text.compare(read, n, t) != 0);
        read += n;
    }
    actual_text = actual_text || read != length;
    if (actual_text) s += "/Span<</ActualText " + utf16_hex_string(r.actual_text.value_or(r.text)) + ">>BDC\n";

    constexpr std::size_t number = stream_cursor::max_number;
    stream_cursor c(s);
    c.need(f.resource.size() + 16 * number + 64);
    c.put("BT\n/");
    c.put(f.resource);
    c.put(' ');
    c.number(r.size, 2);
    c.put(" Tf\n");
    if (!(r.color == fill)) {
        fill = r.color;
        for (float v : {fill.r, fill.g, fill.b}) {
            c.number(v, 3);
            c.put(' ');
        }
        c.put("rg\n");
    }
    if (r.font.fake_bold) {
        for (float v : {fill.r, fill.g, fill.b}) {
            c.number(v, 3);
            c.put(' ');
        }
        c.put("RG 2 Tr ");
        c.number(r.size * fake_bold_stroke, 3);
        c.put(" w\n");
        stroking = true;
    } else if (stroking) {
        c.put("0 Tr\n");
        stroking = false;
    }
    // BT starts from the identity matrix, so an upright run is moved to its
    // place with Td, the same matrix as "1 0 0 1 x y Tm" in fewer bytes.
    if (r.font.fake_italic) {
        c.put("1 0 ");
        c.number(fake_italic_skew, 3);
        c.put(" 1 ");
    }
    c.number(r.x, 3);
    c.put(' ');
    c.number(r.y, 3);
    c.put(r.font.fake_italic ? " Tm\n[" : " Td\n[");

    double want = 0, have = 0, rise = 0;
    bool open = false;  // inside a string
    for (const placed_glyph& g : r.glyphs) {
        // A glyph at most: an adjustment, a change of rise, the code escaped.
        c.need(2 * number + 24);
        const double target = want + g.x_offset;
        const double diff = target - have;
        if (std::abs(diff) > 0.0005) {
            double adjust = std::round(-diff * 1000 / r.size * 100) / 100;
            if (adjust != 0) {
                if (open) c.put(')');
                open = false;
                c.number(adjust, 2);
                have -= adjust * r.size / 1000;
            }
        }
        if (std::abs(g.y_offset - rise) > 0.0005) {
            if (open) c.put(')');
            open = false;
            rise = g.y_offset;
            c.put("]TJ ");
            c.number(rise, 3);
            c.put(" Ts[");
        }
        if (!open) c.put('(');
        open = true;
        c.code(g.gid);
        have += f.width(g.gid) * r.size / 1000;
        want += g.advance;
    }
    c.need(32);
    if (open) c.put(')');
    c.put("]TJ\n");
    if (rise != 0) c.put("0 Ts\n");
    c.put("ET\n");
    if (actual_text) c.put("EMC\n");
}

// Rules (table borders), drawn before the text in a state of their own.
void draw_rules(std::string& s, const std::vector<placed_rule>& rules) {
    if (rules.empty()) return;
    s += "q 0 J\n";
    std::optional<rgb> stroke;
    std::optional<double> width;
    for (const placed_rule& r : rules) {
        if (!(stroke && *stroke == r.color)) {
            stroke = r.color;
            for (float c : {r.color.r, r.color.g, r.color.b}) {
                append_number(s, c, 3);
                s += ' ';
            }
            s += "RG\n";
        }
        if (!(width && *width == r.width)) {
            width = r.width;
            append_number(s, r.width, 3);
            s += " w\n";
        }
        for (double v : {r.x0, r.y0}) {
            append_number(s, v, 3);
            s += ' ';
        }
        s += "m ";
        for (double v : {r.x1, r.y1}) {
            append_number(s, v, 3);
            s += ' ';
        }
        s += "l S\n";
    }
    s += "Q\n";
}

// The logical structure, gathered as the pages are written: each page's
// marked-content sequences in order (its entry in the ParentTree: MCID n is
// the n-th), and each element's kids in the order their content comes. An
// element joins its parent's kids when its first content is drawn, so that
// kids interleave as the text does (a P's words, its Link, its words) and
// an element with nothing drawn is left out.
class structure_writer {
public:
    structure_writer(const std::vector<struct_element>& elements, std::string document_lang)
        : elements_(elements), kids_(elements.size()), attached_(elements.size(), false),
          page_(elements.size(), none), document_lang_(std::move(document_lang)) {}

    bool enabled() const { return !elements_.empty(); }

    // The language an element's text is in: its own /Lang or an ancestor's,
    // else the catalog's.
    const std::string& language_of(std::int32_t tag) const {
        for (std::int32_t e = tag; e >= 0; e = elements_[std::size_t(e)].parent)
            if (!elements_[std::size_t(e)].lang.empty()) return elements_[std::size_t(e)].lang;
        return document_lang_;
    }

    void begin_page() { mcids_.emplace_back(); }

    // Opens the marked content of `tag`'s text on the current page (an
    // artifact for -1); the caller closes it with EMC.
    void open(std::string& s, std::int32_t tag) {
        if (tag < 0) {
            s += "/Artifact BMC\n";
            return;
        }
        const std::size_t page = mcids_.size() - 1;
        const auto mcid = static_cast<std::int64_t>(mcids_.back().size());
        mcids_.back().push_back(tag);
        s += '/';
        s += elements_[std::size_t(tag)].role;
        s += "<</MCID " + std::to_string(mcid) + ">>BDC\n";
        add(tag, {kid::content, page, mcid, nullptr});
    }

    // A link annotation of the current page belongs to the Link `tag`.
    void annotation(std::int32_t tag, PdfObject* annot) {
        if (tag < 0) return;
        add(tag, {kid::annotation, mcids_.size() - 1, 0, annot});
        annots_.emplace_back(annot, tag);
    }

    // The structure tree's objects, the pages' /StructParents and the
    // catalog's /StructTreeRoot and /MarkInfo.
    void finish(PdfVecObjects& objects, const std::vector<PdfObject*>& pages, PdfDictionary& catalog) {
        PdfObject* root = objects.CreateObject("StructTreeRoot");
        std::vector<PdfObject*> objs(elements_.size(), nullptr);
        attached_[0] = true;
        // No /Type: it is optional for structure elements, and an element is
        // small enough that the name is a sixth of it.
        for (std::size_t i = 0; i < elements_.size(); ++i)
            if (attached_[i]) objs[i] = objects.CreateObject();
        // The elements and the parent tree are many small dictionaries:
        // written straight into PDF syntax (PdfData), the bytes PoDoFo
        // would write for them (keys in its order: K, Lang, P, Pg, S), at a
        // fraction of the cost of building them as PoDoFo objects.
        // A reference as append_compact writes one, without a PdfVariant
        // made and destroyed for each of the tree's many.
        auto ref = [](std::string& out, const PdfObject* o) {
            const PdfReference& r = o->Reference();
            out += ' ';
            append_int(out, r.ObjectNumber());
            out += ' ';
            append_int(out, r.GenerationNumber());
            out += " R";
        };
        std::string d;
        for (std::size_t i = 0; i < elements_.size(); ++i) {
            if (!objs[i]) continue;
            const struct_element& e = elements_[i];
            d.assign("<</K");
            const bool one = kids_[i].size() == 1;
            if (!one) d += '[';
            for (const kid& c : kids_[i]) {
                if (c.what == kid::element) {
                    ref(d, objs[c.page]);
                } else if (c.what == kid::content && c.page == page_[i]) {
                    d += ' ';
                    append_int(d, c.mcid);
                } else {
                    d += c.what == kid::content ? "<</Type/MCR/MCID " : "<</Type/OBJR/Obj";
                    if (c.what == kid::content) append_int(d, c.mcid);
                    else ref(d, c.annot);
                    d += "/Pg";
                    ref(d, pages[c.page]);
                    d += ">>";
                }
            }
            if (!one) d += ']';
            if (!e.lang.empty()) {
                d += "/Lang";
                append_compact(d, PdfVariant(text_string(e.lang)));
            }
            d += "/P";
            ref(d, e.parent < 0 ? root : objs[std::size_t(e.parent)]);
            if (page_[i] != none) {
                d += "/Pg";
                ref(d, pages[page_[i]]);
            }
            d += "/S";
            // Roles are standard structure types, names written as they are.
            auto letter_or_digit = [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            };
            if (!e.role.empty() && std::all_of(e.role.begin(), e.role.end(), letter_or_digit)) {
                d += '/';
                d += e.role;
            } else {
                append_compact(d, PdfVariant(PdfName(e.role)));
            }
            d += ">>";
            static_cast<PdfVariant&>(*objs[i]) = PdfVariant(PdfData(d.data(), d.size()));
        }
        std::string nums = "[";
        for (std::size_t p = 0; p < pages.size(); ++p) {
            pages[p]->GetDictionary().AddKey("StructParents", static_cast<pdf_int64>(p));
            nums += ' ';
            append_int(nums, std::int64_t(p));
            nums += '[';
            for (std::int32_t tag : mcids_[p]) ref(nums, objs[std::size_t(tag)]);
            nums += ']';
        }
        auto key = static_cast<pdf_int64>(pages.size());
        for (auto [annot, tag] : annots_) {
            annot->GetDictionary().AddKey("StructParent", key);
            nums += ' ';
            append_int(nums, key++);
            ref(nums, objs[std::size_t(tag)]);
        }
        nums += ']';
        const std::string parent_tree = "<</Nums" + nums + ">>";
        PdfDictionary& r = root->GetDictionary();
        PdfArray top;
        top.push_back(objs[0]->Reference());
        r.AddKey("K", top);
        r.AddKey("ParentTree", PdfVariant(PdfData(parent_tree.data(), parent_tree.size())));
        r.AddKey("ParentTreeNextKey", key);
        catalog.AddKey("StructTreeRoot", root->Reference());
        PdfDictionary mark;
        mark.AddKey("Marked", PdfVariant(true));
        catalog.AddKey("MarkInfo", mark);
    }

private:
    static constexpr std::size_t none = SIZE_MAX;
    // An element's kid: another element (its index in `page`), a marked-content
    // sequence (page, MCID) or an annotation (page, object).
    struct kid {
        enum kind : std::uint8_t { element, content, annotation } what;
        std::size_t page;
        std::int64_t mcid;
        PdfObject* annot;
    };

    void add(std::int32_t tag, kid k) {
        const auto t = std::size_t(tag);
        if (k.what == kid::content && page_[t] == none) page_[t] = k.page;
        kids_[t].push_back(k);
        for (std::size_t e = t; !attached_[e] && elements_[e].parent >= 0;) {
            attached_[e] = true;
            const auto parent = std::size_t(elements_[e].parent);
            kids_[parent].push_back({kid::element, e, 0, nullptr});
            e = parent;
        }
    }

    const std::vector<struct_element>& elements_;
    std::vector<std::vector<kid>> kids_;
    std::vector<bool> attached_;
    std::vector<std::size_t> page_;                // the page of an element's first content: its /Pg
    std::vector<std::vector<std::int32_t>> mcids_;  // per page: the element of each MCID
    std::vector<std::pair<PdfObject*, std::int32_t>> annots_;
    std::string document_lang_;
};

// The language a run's script tells without doubt (Khmer, Thai, Lao, each
// written for one language), else nothing: a Latin word may be English or
// French, and the FO says which only per block.
std::string_view script_language(const std::u16string& text) {
    for (std::size_t i = 0; i < text.size();) {
        UChar32 c = 0;
        U16_NEXT(text.data(), i, text.size(), c);
        UErrorCode status = U_ZERO_ERROR;
        switch (uscript_getScript(c, &status)) {
            case USCRIPT_COMMON:
            case USCRIPT_INHERITED: continue;
            case USCRIPT_KHMER: return "km";
            case USCRIPT_THAI: return "th";
            case USCRIPT_LAO: return "lo";
            default: return {};
        }
    }
    return {};
}

bool same_language(std::string_view primary, std::string_view tag) {
    return tag.substr(0, tag.find('-')) == primary;
}

// URIs must be 7-bit: anything else is percent-encoded (an IRI becomes a URI).
std::string ascii_uri(std::string_view uri) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : uri) {
        if (c > 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

PdfArray rect(double x0, double y0, double x1, double y1) {
    PdfArray a;
    for (double v : {x0, y0, x1, y1}) a.push_back(PdfVariant(std::round(v * 1000) / 1000));
    return a;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty()) out += separator;
        out += p;
    }
    return out;
}

// PoDoFo 0.9.8 derives the trailer's /ID from the Info dictionary alone, so
// two releases with the same title and date would share one. The ID is
// rewritten in place (same length, offsets unchanged) from checksums of
// the whole file: zlib's CRC-32 and Adler-32 of all of it and CRC-32s of
// its two halves, 16 bytes that change with any byte of the content.
void replace_file_id(std::string& pdf) {
    const std::size_t key = pdf.rfind("/ID");
    if (key == std::string::npos) return;
    const char* data = pdf.data();
    const std::size_t size = pdf.size(), half = size / 2;
    // The checksums zlib's crc32 and adler32 give, computed by libdeflate's
    // (vectorised: a third of the instructions); the whole file's CRC from
    // its halves' (zlib's crc32_combine): one pass, not two.
    const std::uint32_t first = libdeflate_crc32(0, data, half), second = libdeflate_crc32(0, data + half, size - half);
    const std::uint32_t parts[] = {static_cast<std::uint32_t>(crc32_combine(first, second, z_off_t(size - half))),
                                   libdeflate_adler32(1, data, size), first, second};
    std::string hex;
    for (std::uint32_t p : parts) {
        append_hex4(hex, p >> 16);
        append_hex4(hex, p & 0xFFFF);
    }
    std::size_t at = key;
    for (int i = 0; i < 2; ++i) {
        const std::size_t open = pdf.find('<', at), close = pdf.find('>', open);
        if (open == std::string::npos || close == std::string::npos || close - open - 1 != hex.size()) return;
        pdf.replace(open + 1, hex.size(), hex);
        at = close + 1;
    }
}

}  // namespace

expected<void> write_pdf(const std::vector<laid_out_page>& pages, const metadata& meta,
                         const std::vector<struct_element>& structure,
                         const std::optional<std::int64_t>& source_date_epoch, std::string& out) {
    out.clear();
    try {
        // Which glyphs of which fonts, and what they mean.
        font_set fonts;
        for (const laid_out_page& page : pages)
            for (const placed_run& r : page.runs) {
                font_entry& f = fonts.get(r.font.face);
                for (const placed_glyph& g : r.glyphs) {
                    f.use(g.gid);
                    f.notdef_drawn = f.notdef_drawn || g.gid == 0;
                }
                f.text.learn(r);
            }

        PdfVecObjects objects;
        objects.SetAutoDelete(true);
        for (font_entry& f : fonts.entries()) {
            const std::vector<std::uint32_t> drawn = f.glyphs();
            auto subset = packed_subset_for(*f.face, drawn, f.notdef_drawn);
            if (!subset) return std::move(subset).error();
            f.subset = std::move(*subset);
            f.object = embed_font(objects, *f.face, *f.subset, drawn, f.text);
        }

        PdfObject* tree = objects.CreateObject("Pages");
        PdfArray kids;
        structure_writer tags(structure, meta.language);
        std::vector<PdfObject*> page_objects;
        for (const laid_out_page& page : pages) {
            std::string content;
            rgb fill;
            bool stroking = false;
            std::vector<font_entry*> used;
            if (tags.enabled()) {
                tags.begin_page();
                if (!page.rules.empty()) {
                    content += "/Artifact BMC\n";
                    draw_rules(content, page.rules);
                    content += "EMC\n";
                }
            } else {
                draw_rules(content, page.rules);
            }
            // Consecutive runs of one element are one marked-content sequence.
            std::optional<std::int32_t> open;
            for (const placed_run& r : page.runs) {
                font_entry& f = fonts.get(r.font.face);
                if (std::find(used.begin(), used.end(), &f) == used.end()) used.push_back(&f);
                if (tags.enabled() && open != r.tag) {
                    if (open) content += "EMC\n";
                    tags.open(content, r.tag);
                    open = r.tag;
                }
                // A run in another script than its paragraph's language (a
                // Khmer name in an English sentence) says its language.
                std::string_view lang;
                if (tags.enabled() && r.tag >= 0) lang = script_language(r.text);
                const bool span = !lang.empty() && !same_language(lang, tags.language_of(r.tag));
                if (span) content += "/Span<</Lang(" + std::string(lang) + ")>>BDC\n";
                show_run(content, r, f, fill, stroking);
                if (span) content += "EMC\n";
            }
            if (open) content += "EMC\n";
            PdfObject* contents = objects.CreateObject();
            set_stream(contents, content);

            PdfObject* p = objects.CreateObject("Page");
            PdfDictionary& d = p->GetDictionary();
            d.AddKey("Parent", tree->Reference());
            d.AddKey("MediaBox", rect(0, 0, page.width, page.height));
            PdfDictionary font_resources;
            for (font_entry* f : used) font_resources.AddKey(PdfName(f->resource), f->object->Reference());
            PdfDictionary resources;
            resources.AddKey("Font", font_resources);
            d.AddKey("Resources", resources);
            d.AddKey("Contents", contents->Reference());
            page_objects.push_back(p);
            // PDF/UA: annotations are visited in the structure's order.
            if (tags.enabled()) d.AddKey("Tabs", PdfName("S"));
            if (!page.links.empty()) {
                PdfArray annots;
                for (const link_area& l : page.links) {
                    PdfObject* a = objects.CreateObject("Annot");
                    PdfDictionary& ad = a->GetDictionary();
                    ad.AddKey("Subtype", PdfName("Link"));
                    ad.AddKey("Rect", rect(l.x0, l.y0, l.x1, l.y1));
                    PdfArray border;
                    for (int i = 0; i < 3; ++i) border.push_back(PdfObject(pdf_int64{0}));
                    ad.AddKey("Border", border);
                    PdfDictionary action;
                    action.AddKey("Type", PdfName("Action"));
                    action.AddKey("S", PdfName("URI"));
                    const std::string uri = ascii_uri(l.uri);
                    action.AddKey("URI", PdfString(uri.data(), static_cast<pdf_long>(uri.size())));
                    ad.AddKey("A", action);
                    ad.AddKey("P", p->Reference());
                    if (tags.enabled()) {
                        // PDF/UA asks a link for a description: its address.
                        ad.AddKey("Contents", text_string(l.uri));
                        tags.annotation(l.tag, a);
                    }
                    annots.push_back(a->Reference());
                }
                d.AddKey("Annots", annots);
            }
            kids.push_back(p->Reference());
        }
        tree->GetDictionary().AddKey("Kids", kids);
        tree->GetDictionary().AddKey("Count", static_cast<pdf_int64>(pages.size()));

        // The date: SOURCE_DATE_EPOCH when given, else the dateline's.
        std::optional<timestamp> created;
        if (source_date_epoch) created = from_epoch(*source_date_epoch);
        else if (!meta.create_date.empty()) created = parse_iso8601(meta.create_date);

        PdfObject* xmp = objects.CreateObject("Metadata");
        xmp->GetDictionary().AddKey("Subtype", PdfName("XML"));
        set_stream(xmp, xmp_packet(meta, created, producer, creator_tool, tags.enabled()), false);

        PdfObject* catalog = objects.CreateObject("Catalog");
        PdfDictionary& cat = catalog->GetDictionary();
        cat.AddKey("Pages", tree->Reference());
        cat.AddKey("Metadata", xmp->Reference());
        if (!meta.language.empty()) cat.AddKey("Lang", text_string(meta.language));
        PdfDictionary prefs;
        prefs.AddKey("DisplayDocTitle", PdfVariant(true));
        cat.AddKey("ViewerPreferences", prefs);
        if (tags.enabled()) tags.finish(objects, page_objects, cat);

        PdfObject* info = objects.CreateObject();
        PdfDictionary& id = info->GetDictionary();
        if (!meta.title.empty()) id.AddKey("Title", text_string(meta.title));
        if (!meta.authors.empty()) id.AddKey("Author", text_string(join(meta.authors, "; ")));
        if (!meta.subject.empty()) id.AddKey("Subject", text_string(meta.subject));
        id.AddKey("Creator", text_string(creator_tool));
        id.AddKey("Producer", text_string(producer));
        if (created) {
            const std::string d = pdf_date(*created);
            id.AddKey("CreationDate", PdfString(d.c_str()));
            id.AddKey("ModDate", PdfString(d.c_str()));
        }

        write_file(objects, catalog->Reference(), *info, out);
        replace_file_id(out);
        return {};
    } catch (const PdfError& e) {
        out.clear();
        return problem{rule::pdf, std::string("PoDoFo could not write the PDF: ") + PdfError::ErrorName(e.GetError())};
    } catch (const std::exception& e) {
        out.clear();
        return problem{rule::pdf, std::string("the PDF could not be written: ") + e.what()};
    }
}

}  // namespace communique::detail::pdf
