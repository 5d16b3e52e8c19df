// The DOCX reader: WordprocessingML in a zip, translated into the document
// model. The body's paragraphs, tables, lists and runs become blocks and
// styled runs; what Word prints from styles (bold from a paragraph style,
// list numbers from numbering.xml) is resolved here, since the model holds
// only what is printed.
//
// Positions: line = the paragraph's number as Word counts it (every w:p of
// the body in document order, those in tables included; not those in text
// boxes, which are skipped, nor those in the branch of mc:AlternateContent
// not read). Column = the printed character in it, 1-based: each code point
// of w:t text, and one for each tab, line break, symbol, hyphen, inline
// image and footnote reference mark. Field instructions, deleted text and
// hidden text print nothing and take no column.
//
// Footnotes and endnotes are not read: their reference mark takes its column
// and nothing more. The model has no place for a note that is not a body
// paragraph, and a note appended after the body would stand where the
// recogniser looks for the closing dateline.
//
// The parts come from a user's file: each is bounded by the inflation budget
// (reader_limits::max_inflated), its markup is counted before libxml2 builds
// a tree of it, and it is parsed without network, DTD or entity expansion.
#include "core/numerals.hpp"
#include "core/unicode.hpp"
#include "read/readers.hpp"
#include "read/zip_archive.hpp"

#include <libxml/parser.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

namespace communique::detail {

namespace {

// ---------------------------------------------------------------- errors

// A problem that ends the reading, thrown from however deep it is found:
// the document gets it as its one diagnostic (at 1:1) and no blocks.
struct fatal {
    fatal(rule id, std::string message) : why(id, std::move(message), {1, 1}, {1, 1}) {}
    problem why;
};

// ---------------------------------------------------------------- XML

// Namespaces by URI, transitional and strict OOXML alike.
enum class xmlns : std::uint8_t { other, w, r, wp, mc, package };

xmlns namespace_of(const xmlNs* ns) {
    if (!ns || !ns->href) return xmlns::other;
    std::string_view uri = reinterpret_cast<const char*>(ns->href);
    if (uri == "http://schemas.openxmlformats.org/wordprocessingml/2006/main" ||
        uri == "http://purl.oclc.org/ooxml/wordprocessingml/main")
        return xmlns::w;
    if (uri == "http://schemas.openxmlformats.org/officeDocument/2006/relationships" ||
        uri == "http://purl.oclc.org/ooxml/officeDocument/relationships")
        return xmlns::r;
    if (uri == "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ||
        uri == "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing")
        return xmlns::wp;
    if (uri == "http://schemas.openxmlformats.org/markup-compatibility/2006") return xmlns::mc;
    if (uri == "http://schemas.openxmlformats.org/package/2006/relationships") return xmlns::package;
    return xmlns::other;
}

std::string_view local_name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

bool is(const xmlNode* n, xmlns ns, std::string_view name) {
    return n && n->type == XML_ELEMENT_NODE && local_name(n) == name && namespace_of(n->ns) == ns;
}

// The value of an attribute (w:val, r:id, or unqualified with xmlns::other).
// Without entity expansion libxml2 still substitutes character references
// and the predefined entities, so a value is one text node.
std::optional<std::string_view> attribute(const xmlNode* n, xmlns ns, std::string_view name) {
    for (const xmlAttr* a = n->properties; a; a = a->next) {
        if (reinterpret_cast<const char*>(a->name) != name) continue;
        if (ns == xmlns::other ? a->ns != nullptr : namespace_of(a->ns) != ns) continue;
        if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
            return std::string_view(reinterpret_cast<const char*>(a->children->content));
        return std::string_view();
    }
    return std::nullopt;
}

std::string_view w_val(const xmlNode* n) { return attribute(n, xmlns::w, "val").value_or(""); }

// The element children of a node; given a namespace, only those in it.
struct elements {
    const xmlNode* parent;
    std::optional<xmlns> only = std::nullopt;
    struct iterator {
        const xmlNode* n;
        std::optional<xmlns> only;
        const xmlNode* skip(const xmlNode* c) const {
            while (c && (c->type != XML_ELEMENT_NODE || (only && namespace_of(c->ns) != *only))) c = c->next;
            return c;
        }
        const xmlNode* operator*() const { return n; }
        iterator& operator++() {
            n = skip(n->next);
            return *this;
        }
        bool operator!=(const iterator& o) const { return n != o.n; }
    };
    iterator begin() const {
        iterator first{nullptr, only};
        first.n = first.skip(parent ? parent->children : nullptr);
        return first;
    }
    iterator end() const { return {nullptr, only}; }
};

const xmlNode* child(const xmlNode* n, xmlns ns, std::string_view name) {
    for (const xmlNode* c : elements{n})
        if (is(c, ns, name)) return c;
    return nullptr;
}

// The text content of a text-only element (w:t, w:instrText).
std::string text_of(const xmlNode* n) {
    std::string out;
    for (const xmlNode* c = n->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            out += reinterpret_cast<const char*>(c->content);
    return out;
}

std::optional<int> to_int(std::optional<std::string_view> s) {
    if (!s || s->empty()) return std::nullopt;
    long long v = 0;
    std::size_t i = (*s)[0] == '-' ? 1 : 0;
    if (i == s->size()) return std::nullopt;
    for (; i < s->size(); ++i) {
        char c = (*s)[i];
        if (c < '0' || c > '9') break;  // "12.5" and "240pt" keep their integer part
        v = std::min<long long>(v * 10 + (c - '0'), 1'000'000'000);
    }
    return static_cast<int>((*s)[0] == '-' ? -v : v);
}

// A toggle property (w:b, w:i, w:caps): present means on unless its value
// says off.
bool toggle_on(const xmlNode* n) {
    auto v = attribute(n, xmlns::w, "val");
    return !v || !(*v == "0" || *v == "false" || *v == "off");
}

struct xml_doc_deleter {
    void operator()(xmlDoc* d) const noexcept { xmlFreeDoc(d); }
};
using xml_doc = std::unique_ptr<xmlDoc, xml_doc_deleter>;

// libxml2 builds a node of a hundred bytes and more for each tag and
// attribute, and (in 2.9) checks an element's attributes pairwise: a part
// of small tags that inflates from a few kilobytes would take gigabytes and
// minutes. Parts are counted first; these bounds are far above what Word
// writes for a document of hundreds of pages.
constexpr std::size_t max_tags = 1'000'000;
constexpr std::size_t max_attributes_in_part = 2'000'000;
constexpr std::size_t max_attributes_in_tag = 256;

void check_markup(std::string_view name, std::string_view text) {
    std::size_t tags = 0, attributes = 0, in_tag = 0;
    bool inside = false;
    char quote = 0;
    for (char c : text) {
        if (quote) {
            if (c == quote) quote = 0;
        } else if (inside && (c == '"' || c == '\'')) {
            quote = c;
        } else if (c == '<') {
            inside = true;
            in_tag = 0;
            if (++tags > max_tags)
                throw fatal{rule::input_too_large,
                            std::string(name) + " has more than " + std::to_string(max_tags) + " XML tags"};
        } else if (c == '>') {
            inside = false;
        } else if (inside && c == '=') {
            if (++in_tag > max_attributes_in_tag)
                throw fatal{rule::input_too_large, std::string(name) + " has an element with more than " +
                                                       std::to_string(max_attributes_in_tag) + " attributes"};
            if (++attributes > max_attributes_in_part)
                throw fatal{rule::input_too_large, std::string(name) + " has more than " +
                                                       std::to_string(max_attributes_in_part) + " XML attributes"};
        }
    }
}

// How a user raises the limit on what a .docx unpacks to.
constexpr const char* inflation_hint =
    "; the limit is 64 times the input limit: raise it with --max-input-size or [limits] input-bytes";

// The bytes of a part; nothing when an optional part is missing.
std::optional<std::string> read_part(const zip_archive& zip, std::string_view name, std::size_t& budget,
                                     const reader_limits& limits, bool required) {
    expected<std::optional<std::string>> bytes = zip.read(name, budget);
    if (!bytes && bytes.error().id == rule::input_too_large)
        throw fatal{rule::input_too_large, "the .docx unpacks to more than the limit of " +
                                               std::to_string(limits.max_inflated) + " bytes (" +
                                               bytes.error().message + ")" + inflation_hint};
    if (!bytes) throw fatal{rule::input_encoding, "the .docx cannot be read: " + bytes.error().message};
    if (!*bytes && required)
        throw fatal{rule::input_encoding, "not a Word document: the archive has no " + std::string(name)};
    return std::move(*bytes);
}

// A part parsed, with no network and no DTD.
xml_doc parse_part(std::string_view name, const std::string& bytes) {
    check_markup(name, bytes);
    // Word never writes a DOCTYPE; one can only be there to declare entities.
    if (bytes.find("<!DOCTYPE") != std::string::npos)
        throw fatal{rule::xml_doctype, std::string(name) + " has a DOCTYPE (no DTDs or entities are ever loaded)"};
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) throw std::bad_alloc();
    // NONET: never fetch; no NOENT, DTDLOAD or XINCLUDE: entities stay unexpanded.
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
#if LIBXML_VERSION >= 21300
    options |= XML_PARSE_NO_XXE;
#endif
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, options);
    std::string why;
    if (!doc) {
        const xmlError* e = xmlCtxtGetLastError(ctxt);
        why = e && e->message ? e->message : "not well-formed";
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        if (e && e->line > 0) why += " (line " + std::to_string(e->line) + ")";
    }
    bool too_deep = !doc && why.find("Excessive depth") != std::string::npos;
    xmlFreeParserCtxt(ctxt);
    if (too_deep)
        throw fatal{rule::nesting_too_deep,
                    std::string(name) + " nests its elements deeper than libxml2's limit (" + why + ")"};
    if (!doc) throw fatal{rule::xml_syntax, "the .docx is damaged: " + std::string(name) + ": " + why};
    return xml_doc(doc);
}

// The styles part with only the styles a document can use: those its other
// parts name (pStyle, rStyle, tblStyle, numStyleLink, styleLink), the
// defaults, and what they are based on, with the document defaults; the
// latent styles (what Word's menus offer) and every other style left out.
// python-docx's template defines 164 styles in 350 KB, and parsing them all
// was most of reading such a .docx (docs/performance.md). This works on the bytes, before
// parsing: where the part is not laid out as expected (a style that does
// not close, a prefix other than the root's) it is left whole, and the
// caller parses the whole part again if the selection does not parse.
std::string used_styles(const std::string& styles, std::initializer_list<const std::string*> users) {
    std::size_t root = styles.find('<');
    while (root != std::string::npos && root + 1 < styles.size() && (styles[root + 1] == '?' || styles[root + 1] == '!'))
        root = styles.find('<', root + 1);
    if (root == std::string::npos) return styles;
    std::size_t colon = styles.find_first_of(":> ", root);
    if (colon == std::string::npos || styles[colon] != ':') return styles;
    const std::string prefix = styles.substr(root + 1, colon - root);  // "w:"
    if (styles.compare(colon + 1, 7, "styles ") != 0 && styles.compare(colon + 1, 7, "styles>") != 0) return styles;

    // The value of the first val="..." after `from`, inside one tag.
    auto value_after = [](const std::string& text, std::size_t from) -> std::string {
        std::size_t tag_end = text.find('>', from);
        std::size_t v = text.find("val=", from);
        if (v == std::string::npos || v > tag_end || v + 5 > text.size()) return {};
        char quote = text[v + 4];
        std::size_t end = text.find(quote, v + 5);
        return end == std::string::npos ? std::string() : text.substr(v + 5, end - v - 5);
    };
    std::set<std::string> wanted;
    for (const std::string* text : users) {
        if (!text) continue;
        for (const char* tag : {"pStyle ", "rStyle ", "tblStyle ", "numStyleLink ", "styleLink "})
            for (std::size_t at = 0; (at = text->find("<" + prefix + tag, at)) != std::string::npos; ++at)
                wanted.insert(value_after(*text, at));
    }

    struct style_range {
        std::size_t begin, end;
        std::string id, based_on;
        bool is_default;
    };
    std::vector<style_range> found;
    const std::string open = "<" + prefix + "style ", close = "</" + prefix + "style>";
    for (std::size_t at = styles.find(open); at != std::string::npos; at = styles.find(open, at + 1)) {
        std::size_t tag_end = styles.find('>', at);
        if (tag_end == std::string::npos) return styles;
        style_range r{at, 0, {}, {}, false};
        if (styles[tag_end - 1] == '/') {
            r.end = tag_end + 1;
        } else {
            std::size_t c = styles.find(close, tag_end);
            if (c == std::string::npos) return styles;
            r.end = c + close.size();
        }
        std::string_view start(styles.data() + at, tag_end - at);
        if (std::size_t id = start.find("styleId="); id != std::string_view::npos && id + 9 < start.size()) {
            std::size_t end = start.find(start[id + 8], id + 9);
            if (end != std::string_view::npos) r.id = std::string(start.substr(id + 9, end - id - 9));
        }
        if (std::size_t d = start.find("default="); d != std::string_view::npos && d + 9 < start.size()) {
            std::string_view v = start.substr(d + 9);
            r.is_default = v.starts_with("1") || v.starts_with("true") || v.starts_with("on");
        }
        if (std::size_t b = styles.find("<" + prefix + "basedOn ", tag_end); b != std::string::npos && b < r.end)
            r.based_on = value_after(styles, b);
        at = r.end - 1;
        found.push_back(std::move(r));
    }
    if (found.empty()) return styles;
    for (const style_range& r : found)
        if (r.is_default) wanted.insert(r.id);
    // What the wanted styles are based on, to the root of each chain.
    for (bool grew = true; grew;) {
        grew = false;
        for (const style_range& r : found)
            if (wanted.count(r.id) && !r.based_on.empty() && wanted.insert(r.based_on).second) grew = true;
    }
    std::string out = styles.substr(0, found.front().begin);
    // The latent styles stand before the first style.
    const std::string latent = "<" + prefix + "latentStyles", latent_close = "</" + prefix + "latentStyles>";
    if (std::size_t l = out.find(latent); l != std::string::npos) {
        std::size_t e = out.find(latent_close, l);
        std::size_t tag_end = out.find('>', l);
        if (e != std::string::npos) out.erase(l, e + latent_close.size() - l);
        else if (tag_end != std::string::npos && out[tag_end - 1] == '/') out.erase(l, tag_end + 1 - l);
    }
    for (const style_range& r : found)
        if (wanted.count(r.id)) out.append(styles, r.begin, r.end - r.begin);
    out.append(styles, found.back().end, std::string::npos);
    return out;
}

// A code point in UTF-8 (one that is not a surrogate, below 0x110000).
std::string utf8(char32_t cp) {
    std::string out;
    auto tail = [&](int shift) { out += static_cast<char>(0x80 | ((cp >> shift) & 0x3F)); };
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        tail(0);
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        tail(6), tail(0);
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        tail(12), tail(6), tail(0);
    }
    return out;
}

// ---------------------------------------------------------------- styles

// Text in a script Word formats with its complex-script properties: right
// to left and South and South-East Asian scripts.
bool has_complex_script(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = next_code_point(text, i);
        if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0x0900 && c <= 0x0FFF) || (c >= 0x1000 && c <= 0x109F) ||
            (c >= 0x1780 && c <= 0x17FF) || (c >= 0x19E0 && c <= 0x19FF))
            return true;
    }
    return false;
}

struct run_props {
    std::optional<bool> bold, italic, underline, caps, small_caps, hidden;
    // Word sets complex-script text (Khmer, Thai, Arabic...) bold and italic
    // by w:bCs and w:iCs, not w:b and w:i: LibreOffice writes only those.
    std::optional<bool> bold_cs, italic_cs;
    std::optional<int> half_points;

    void over(const run_props& o) {
        for (auto [mine, theirs] : {std::pair{&bold, &o.bold},
                                    {&italic, &o.italic},
                                    {&underline, &o.underline},
                                    {&caps, &o.caps}, {&small_caps, &o.small_caps},
                                    {&hidden, &o.hidden},
                                    {&bold_cs, &o.bold_cs},
                                    {&italic_cs, &o.italic_cs}})
            if (*theirs) *mine = *theirs;
        if (o.half_points) half_points = o.half_points;
    }
};

struct para_props {
    std::optional<alignment> align;
    std::optional<int> indent_twips;
    std::optional<int> num_id, ilvl;
    std::optional<int> outline;
    std::optional<bool> page_break_before;

    void over(const para_props& o) {
        if (o.align) align = o.align;
        if (o.indent_twips) indent_twips = o.indent_twips;
        if (o.num_id) num_id = o.num_id;
        if (o.ilvl) ilvl = o.ilvl;
        if (o.outline) outline = o.outline;
        if (o.page_break_before) page_break_before = o.page_break_before;
    }
};

run_props read_rpr(const xmlNode* rpr) {
    run_props p;
    for (const xmlNode* c : elements{rpr, xmlns::w}) {
        std::string_view n = local_name(c);
        if (n == "b")
            p.bold = toggle_on(c);
        else if (n == "i")
            p.italic = toggle_on(c);
        else if (n == "bCs")
            p.bold_cs = toggle_on(c);
        else if (n == "iCs")
            p.italic_cs = toggle_on(c);
        else if (n == "caps") p.caps = toggle_on(c);
        else if (n == "smallCaps") p.small_caps = toggle_on(c);
        else if (n == "vanish")
            p.hidden = toggle_on(c);
        else if (n == "u")
            p.underline = w_val(c) != "none" && w_val(c) != "0";
        else if (n == "sz") {
            if (auto v = to_int(attribute(c, xmlns::w, "val")); v && *v > 0) p.half_points = *v;
        }
    }
    return p;
}

std::optional<alignment> to_alignment(std::string_view jc) {
    if (jc == "left" || jc == "start") return alignment::left;
    if (jc == "center") return alignment::centre;
    if (jc == "right" || jc == "end") return alignment::right;
    if (jc == "both" || jc == "distribute" || jc == "thaiDistribute" || jc.starts_with("mediumKashida") ||
        jc.starts_with("highKashida") || jc.starts_with("lowKashida"))
        return alignment::justified;
    return std::nullopt;
}

para_props read_ppr(const xmlNode* ppr) {
    para_props p;
    for (const xmlNode* c : elements{ppr, xmlns::w}) {
        std::string_view n = local_name(c);
        if (n == "jc")
            p.align = to_alignment(w_val(c));
        else if (n == "ind") {
            auto v = to_int(attribute(c, xmlns::w, "start"));
            if (!v) v = to_int(attribute(c, xmlns::w, "left"));
            if (v) p.indent_twips = v;
        } else if (n == "numPr") {
            if (const xmlNode* id = child(c, xmlns::w, "numId")) p.num_id = to_int(w_val(id));
            if (const xmlNode* lvl = child(c, xmlns::w, "ilvl")) p.ilvl = to_int(w_val(lvl));
        } else if (n == "outlineLvl") {
            p.outline = to_int(w_val(c));
        } else if (n == "pageBreakBefore") {
            p.page_break_before = toggle_on(c);
        }
    }
    return p;
}

struct style_def {
    std::string name;  // lower case: "heading 1"
    std::string based_on;
    run_props run;
    para_props para;
};

class style_sheet {
public:
    void load(const xmlNode* root) {
        if (!root) return;
        for (const xmlNode* c : elements{root}) {
            if (is(c, xmlns::w, "docDefaults")) {
                if (const xmlNode* r = child(child(c, xmlns::w, "rPrDefault"), xmlns::w, "rPr"))
                    default_run_ = read_rpr(r);
                if (const xmlNode* p = child(child(c, xmlns::w, "pPrDefault"), xmlns::w, "pPr"))
                    default_para_ = read_ppr(p);
            } else if (is(c, xmlns::w, "style")) {
                std::string id(attribute(c, xmlns::w, "styleId").value_or(""));
                std::string_view type = attribute(c, xmlns::w, "type").value_or("paragraph");
                style_def s;
                if (const xmlNode* n = child(c, xmlns::w, "name")) {
                    s.name = w_val(n);
                    std::transform(s.name.begin(), s.name.end(), s.name.begin(),
                                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
                }
                if (const xmlNode* b = child(c, xmlns::w, "basedOn")) s.based_on = w_val(b);
                s.run = read_rpr(child(c, xmlns::w, "rPr"));
                s.para = read_ppr(child(c, xmlns::w, "pPr"));
                if (type == "paragraph" && toggle_on_default(c)) default_paragraph_ = id;
                (type == "character" ? characters_ : paragraphs_).emplace(std::move(id), std::move(s));
            }
        }
    }

    // A paragraph's style id, or the default paragraph style when it names none.
    std::string_view paragraph_style(std::string_view id) const {
        return id.empty() || !paragraphs_.count(std::string(id)) ? std::string_view(default_paragraph_) : id;
    }

    // The run properties a paragraph style gives its text, over the defaults.
    run_props paragraph_run(std::string_view id) const {
        run_props p = default_run_;
        for (const style_def* s : chain(paragraphs_, id)) p.over(s->run);
        return p;
    }
    para_props paragraph(std::string_view id) const {
        para_props p = default_para_;
        for (const style_def* s : chain(paragraphs_, id)) p.over(s->para);
        return p;
    }
    run_props character(std::string_view id) const {
        run_props p;
        for (const style_def* s : chain(characters_, id)) p.over(s->run);
        return p;
    }

    // A quotation's style: Word's built-in "Quote" and "Intense Quote", or a
    // style based on one.
    bool is_quote(std::string_view id) const {
        for (const style_def* s : chain(paragraphs_, id))
            if (s->name == "quote" || s->name == "intense quote") return true;
        return false;
    }

    // The heading level a paragraph style stands for, 0 if none: Word's
    // built-in names ("heading 1", "Title") are English whatever the
    // language of the interface; a custom style says it by its outline level.
    int heading_level(std::string_view id) const {
        auto it = paragraphs_.find(std::string(id));
        if (it != paragraphs_.end()) {
            const std::string& name = it->second.name;
            if (name == "title") return 1;
            if (name.size() == 9 && name.starts_with("heading ") && name[8] >= '1' && name[8] <= '6')
                return name[8] - '0';
        }
        return 0;
    }

    // The size of the body text in half-points, which run sizes are relative to.
    int body_half_points() const { return paragraph_run(default_paragraph_).half_points.value_or(20); }

private:
    static bool toggle_on_default(const xmlNode* style) {
        auto d = attribute(style, xmlns::w, "default");
        return d && (*d == "1" || *d == "true" || *d == "on");
    }

    // A style and those it is based on, the base first. A loop or a chain
    // longer than any real one stops.
    static std::vector<const style_def*> chain(const std::unordered_map<std::string, style_def>& styles,
                                               std::string_view id) {
        std::vector<const style_def*> out;
        std::string key(id);
        while (!key.empty() && out.size() < 32) {
            auto it = styles.find(key);
            if (it == styles.end() || std::find(out.begin(), out.end(), &it->second) != out.end()) break;
            out.push_back(&it->second);
            key = it->second.based_on;
        }
        std::reverse(out.begin(), out.end());
        return out;
    }

    std::unordered_map<std::string, style_def> paragraphs_, characters_;
    run_props default_run_;
    para_props default_para_;
    std::string default_paragraph_;
};

// ---------------------------------------------------------------- numbering

struct level_def {
    int start = 1;
    std::string format = "decimal";
    std::string text;  // lvlText: "%1.", "(%2)"
    bool has_text = false;
    std::optional<int> indent_twips;
};

constexpr int levels = 9;

struct abstract_def {
    std::array<level_def, levels> level;
    std::string style_link;  // numStyleLink: the levels are another numbering's
};

struct num_def {
    std::string abstract_id;
    std::array<std::optional<int>, levels> start_override;
    std::array<std::optional<level_def>, levels> level_override;
};

level_def read_level(const xmlNode* lvl) {
    level_def d;
    if (const xmlNode* s = child(lvl, xmlns::w, "start")) d.start = to_int(w_val(s)).value_or(1);
    if (const xmlNode* f = child(lvl, xmlns::w, "numFmt")) d.format = w_val(f);
    if (const xmlNode* t = child(lvl, xmlns::w, "lvlText")) {
        d.text = w_val(t);
        d.has_text = true;
    }
    d.indent_twips = read_ppr(child(lvl, xmlns::w, "pPr")).indent_twips;
    return d;
}

// A counter's value as a level's number format prints it.
std::string format_number(int n, std::string_view format) {
    if ((format == "lowerLetter" || format == "upperLetter") && n > 0) {
        // Word goes on after z with aa, bb, ...
        char letter = static_cast<char>((format == "lowerLetter" ? 'a' : 'A') + (n - 1) % 26);
        return std::string(static_cast<std::size_t>(std::min((n - 1) / 26 + 1, 16)), letter);
    }
    if ((format == "lowerRoman" || format == "upperRoman") && n > 0 && n < 4000)
        return roman_numeral(n, format == "upperRoman");
    if (format == "decimalZero" && n >= 0 && n < 10) return "0" + std::to_string(n);
    if (format == "none") return {};
    return std::to_string(n);  // decimal, and the formats not known here
}

// A bullet as printed: the private-use characters of the Symbol and
// Wingdings fonts are the fonts' own glyphs (a dot, a square, an arrow),
// shown as the common bullet.
std::string printed_bullet(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        char32_t c = next_code_point(text, i);
        if (c >= 0xE000 && c <= 0xF8FF)
            out += "•";
        else
            out.append(text.substr(start, i - start));
    }
    return out.empty() ? "•" : out;
}

class numbering {
public:
    void load(const xmlNode* root, const std::function<std::optional<int>(std::string_view)>& style_num_id) {
        if (!root) return;
        for (const xmlNode* c : elements{root}) {
            if (is(c, xmlns::w, "abstractNum")) {
                abstract_def a;
                for (const xmlNode* l : elements{c}) {
                    if (is(l, xmlns::w, "lvl")) {
                        int i = to_int(attribute(l, xmlns::w, "ilvl")).value_or(0);
                        if (i >= 0 && i < levels) a.level[static_cast<std::size_t>(i)] = read_level(l);
                    } else if (is(l, xmlns::w, "numStyleLink")) {
                        a.style_link = w_val(l);
                    }
                }
                abstracts_[std::string(attribute(c, xmlns::w, "abstractNumId").value_or(""))] = std::move(a);
            } else if (is(c, xmlns::w, "num")) {
                num_def n;
                if (const xmlNode* a = child(c, xmlns::w, "abstractNumId")) n.abstract_id = w_val(a);
                for (const xmlNode* o : elements{c}) {
                    if (!is(o, xmlns::w, "lvlOverride")) continue;
                    int i = to_int(attribute(o, xmlns::w, "ilvl")).value_or(0);
                    if (i < 0 || i >= levels) continue;
                    if (const xmlNode* s = child(o, xmlns::w, "startOverride"))
                        n.start_override[static_cast<std::size_t>(i)] = to_int(w_val(s));
                    if (const xmlNode* l = child(o, xmlns::w, "lvl"))
                        n.level_override[static_cast<std::size_t>(i)] = read_level(l);
                }
                if (auto id = to_int(attribute(c, xmlns::w, "numId"))) nums_[*id] = std::move(n);
            }
        }
        // A numbering that links to a numbering style takes the levels of
        // the numbering that style names (one step: a chain is not followed).
        for (auto& [id, a] : abstracts_) {
            if (a.style_link.empty()) continue;
            auto num = style_num_id(a.style_link);
            auto target = num ? nums_.find(*num) : nums_.end();
            if (target == nums_.end()) continue;
            auto linked = abstracts_.find(target->second.abstract_id);
            if (linked != abstracts_.end() && linked->second.style_link.empty()) a.level = linked->second.level;
        }
    }

    // The level a numbered paragraph prints, or null: numId 0 means "not
    // numbered", and a numId numbering.xml does not define prints nothing.
    const level_def* level(int num_id, int ilvl) const {
        auto n = nums_.find(num_id);
        if (num_id == 0 || n == nums_.end()) return nullptr;
        auto i = static_cast<std::size_t>(ilvl);
        if (n->second.level_override[i]) return &*n->second.level_override[i];
        auto a = abstracts_.find(n->second.abstract_id);
        return a == abstracts_.end() ? nullptr : &a->second.level[i];
    }

    // Counts one item and returns its marker as printed. Counters are kept
    // per numId and level; an item restarts the levels below its own.
    std::string next_marker(int num_id, int ilvl) {
        auto& counts = counts_[num_id];
        auto i = static_cast<std::size_t>(ilvl);
        ++counts[i];
        for (std::size_t k = i + 1; k < levels; ++k) counts[k] = 0;
        const level_def* lvl = level(num_id, ilvl);
        if (lvl->format == "bullet") return printed_bullet(lvl->has_text ? lvl->text : "•");
        std::string pattern = lvl->has_text ? lvl->text : "%" + std::to_string(ilvl + 1) + ".";
        std::string out;
        for (std::size_t p = 0; p < pattern.size(); ++p) {
            if (pattern[p] == '%' && p + 1 < pattern.size() && pattern[p + 1] >= '1' && pattern[p + 1] <= '9') {
                auto k = static_cast<std::size_t>(pattern[p + 1] - '1');
                const level_def* other = level(num_id, static_cast<int>(k));
                if (other) out += format_number(start(num_id, k, *other) + std::max(counts[k], 1) - 1, other->format);
                ++p;
            } else {
                out += pattern[p];
            }
        }
        return out;
    }

    bool ordered(int num_id, int ilvl) const {
        const level_def* l = level(num_id, ilvl);
        return l && l->format != "bullet";
    }

private:
    int start(int num_id, std::size_t k, const level_def& lvl) const {
        auto n = nums_.find(num_id);
        if (n != nums_.end() && n->second.start_override[k]) return *n->second.start_override[k];
        return lvl.start;
    }

    std::map<std::string, abstract_def> abstracts_;
    std::map<int, num_def> nums_;
    std::map<int, std::array<int, levels>> counts_;
};

// ---------------------------------------------------------------- fields

// A complex field (w:fldChar begin ... separate ... end): its instruction is
// not printed, its result is.
struct field {
    std::string instruction;
    bool in_result = false;
};

// The address a HYPERLINK field goes to, or empty (an anchor in the
// document, \l, is not a link out).
std::string hyperlink_target(std::string_view instruction) {
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < instruction.size();) {
        if (instruction[i] == ' ' || instruction[i] == '\t') {
            ++i;
            continue;
        }
        std::string token;
        if (instruction[i] == '"') {
            std::size_t end = instruction.find('"', i + 1);
            if (end == std::string_view::npos) end = instruction.size();
            token = instruction.substr(i + 1, end - i - 1);
            i = end + 1;
        } else {
            std::size_t end = instruction.find_first_of(" \t", i);
            if (end == std::string_view::npos) end = instruction.size();
            token = instruction.substr(i, end - i);
            i = end;
        }
        tokens.push_back(std::move(token));
    }
    if (tokens.empty()) return {};
    std::string name = tokens[0];
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (name != "HYPERLINK") return {};
    for (std::size_t t = 1; t < tokens.size(); ++t) {
        const std::string& s = tokens[t];
        if (s == "\\l") return {};
        if (s == "\\o" || s == "\\t") {
            ++t;  // these switches take an argument
            continue;
        }
        if (!s.starts_with('\\')) return s;
    }
    return {};
}

// ---------------------------------------------------------------- building blocks

// A numbered paragraph waiting to be put into its list.
struct list_entry {
    int num_id = 0, ilvl = 0;
    bool ordered = false;
    std::string marker;
    block paragraph;
};

// The blocks of one container (the body, a table cell), with
// numbered paragraphs gathered until something else ends their lists.
class container {
public:
    explicit container(std::vector<block>& out) : out_(out) {}

    void add(block b) {
        flush();
        out_.push_back(std::move(b));
        quoting_ = false;
    }
    // Paragraphs in a quotation style one after another are one quote.
    void add_quoted(block b) {
        flush();
        if (!quoting_) {
            block quote;
            quote.kind = block_kind::quote;
            quote.where = b.where;
            out_.push_back(std::move(quote));
            quoting_ = true;
        }
        out_.back().where.end = b.where.end;
        out_.back().children.push_back(std::move(b));
    }
    void add_item(list_entry e) { pending_.push_back(std::move(e)); }

    void flush() {
        if (!pending_.empty()) quoting_ = false;
        for (std::size_t i = 0; i < pending_.size();) out_.push_back(make_list(i));
        pending_.clear();
    }

private:
    // The list that starts at pending_[i], with the deeper items after each
    // of its items nested in that item; i ends past it. A list ends where
    // an item is shallower, or at its own level belongs to another
    // numbering or kind.
    block make_list(std::size_t& i) {
        block list;
        list.kind = block_kind::list;
        const int base = pending_[i].ilvl;
        list.ordered = pending_[i].ordered;
        const int num_id = pending_[i].num_id;
        while (i < pending_.size() && pending_[i].ilvl >= base) {
            list_entry& e = pending_[i];
            if (e.ilvl == base) {
                if (!list.children.empty() && (e.num_id != num_id || e.ordered != list.ordered)) break;
                block item;
                item.kind = block_kind::list_item;
                item.marker = std::move(e.marker);
                item.where = e.paragraph.where;
                item.children.push_back(std::move(e.paragraph));
                list.children.push_back(std::move(item));
                ++i;
            } else {
                block nested = make_list(i);
                if (list.children.empty()) {
                    // A list that opens deeper than its first level: an item
                    // without a marker of its own holds it.
                    block item;
                    item.kind = block_kind::list_item;
                    item.where = nested.where;
                    list.children.push_back(std::move(item));
                }
                block& last = list.children.back();
                last.where.end = nested.where.end;
                last.children.push_back(std::move(nested));
            }
        }
        list.marker = list.children.front().marker;
        list.where = {list.children.front().where.begin, list.children.back().where.end};
        return list;
    }

    std::vector<block>& out_;
    std::vector<list_entry> pending_;
    bool quoting_ = false;  // out_.back() is a quote that goes on
};

// ---------------------------------------------------------------- the reader

// A content control (w:sdt) that shows its placeholder text.
bool showing_placeholder(const xmlNode* sdt) {
    const xmlNode* flag = child(child(sdt, xmlns::w, "sdtPr"), xmlns::w, "showingPlcHdr");
    return flag && toggle_on(flag);
}

class docx_reader {
public:
    docx_reader(const reader_limits& limits, document& doc) : limits_(limits), doc_(doc) {}

    void read(std::string_view bytes);

private:
    // The paragraph being read: the runs of its current piece (a page break
    // inside a paragraph cuts it in pieces) and its printed images.
    struct paragraph_state {
        std::uint32_t number = 0;
        std::uint32_t column = 1;  // of the next printed character
        run_props base;            // what the paragraph style gives its runs
        block piece;
        std::optional<run_builder> builder;
        std::vector<block> pieces;  // finished pieces and page breaks
        std::vector<block> images;
        bool has_text = false;  // printed something other than white space and images

        void start_piece(block_kind kind, int level) {
            piece = block{};
            piece.kind = kind;
            piece.level = level;
            piece.where.begin = {number, column};
            builder.emplace(piece);
        }
    };

    void read_blocks(const xmlNode* parent, container& out, int depth);
    void read_paragraph(const xmlNode* p, container& out);
    void read_table(const xmlNode* tbl, container& out, int depth);
    void collect(const xmlNode* parent, std::string_view name, std::vector<const xmlNode*>& found, int depth);
    void read_inline(const xmlNode* parent, paragraph_state& ps, const std::string& link, int depth);
    void read_run(const xmlNode* r, paragraph_state& ps, const std::string& link, int depth);
    void read_run_content(const xmlNode* parent, paragraph_state& ps, const run_props& props, const std::string& link,
                          int depth);
    void print(paragraph_state& ps, std::string_view text, const run_props& props, const std::string& link);
    void print_break(paragraph_state& ps, const run_props& props);
    void end_piece(paragraph_state& ps);

    // Hostile nesting is refused before it could exhaust the stack.
    void enter(int depth) const {
        if (depth > static_cast<int>(limits_.max_nesting) * 2 + 8)
            throw fatal{rule::nesting_too_deep, "the document's elements are nested deeper than the limit of " +
                                                    std::to_string(limits_.max_nesting) +
                                                    " levels; raise it with --max-depth or [limits] nesting"};
    }

    // The branch of mc:AlternateContent read: the first mc:Choice (Word's
    // own content), else the mc:Fallback.
    static const xmlNode* alternative(const xmlNode* ac) {
        if (const xmlNode* choice = child(ac, xmlns::mc, "Choice")) return choice;
        return child(ac, xmlns::mc, "Fallback");
    }

    bool printing() const {
        return std::all_of(fields_.begin(), fields_.end(), [](const field& f) { return f.in_result; });
    }
    std::string field_link() const {
        for (auto f = fields_.rbegin(); f != fields_.rend(); ++f) {
            std::string t = hyperlink_target(f->instruction);
            if (!t.empty()) return t;
        }
        return {};
    }

    const reader_limits& limits_;
    document& doc_;
    style_sheet styles_;
    numbering numbering_;
    std::unordered_map<std::string, std::string> links_;  // relationship id -> external target
    int body_half_points_ = 20;
    std::uint32_t paragraphs_ = 0;  // w:p read so far
    int tables_ = 0;                // tables open around the current one
    std::vector<field> fields_;
};

void docx_reader::read(std::string_view bytes) {
    expected<std::unique_ptr<zip_archive>> opened = zip_archive::open(bytes);
    if (!opened) throw fatal{rule::input_encoding, "the .docx cannot be read: " + opened.error().message};
    std::unique_ptr<zip_archive> zip = std::move(*opened);
    std::size_t budget = limits_.max_inflated;
    const char* parts[] = {"word/document.xml", "word/styles.xml", "word/numbering.xml",
                           "word/_rels/document.xml.rels"};
    // What the parts declare refuses a bomb before anything is inflated.
    std::uint64_t declared = 0;
    for (const char* part : parts) declared += zip->declared_size(part);
    if (declared > limits_.max_inflated)
        throw fatal{rule::input_too_large, "the .docx unpacks to more than the limit of " +
                                               std::to_string(limits_.max_inflated) + " bytes (its parts declare " +
                                               std::to_string(declared) + ")" + inflation_hint};
    if (!zip->contains("word/document.xml"))
        throw fatal{rule::input_encoding, "not a Word document: the archive has no word/document.xml"};

    std::optional<std::string> main_bytes = read_part(*zip, "word/document.xml", budget, limits_, true);
    std::optional<std::string> numbering_bytes = read_part(*zip, "word/numbering.xml", budget, limits_, false);
    if (std::optional<std::string> styles_bytes = read_part(*zip, "word/styles.xml", budget, limits_, false)) {
        const std::string* numbering_text = numbering_bytes ? &*numbering_bytes : nullptr;
        std::string used = used_styles(*styles_bytes, {&*main_bytes, numbering_text});
        xml_doc styles;
        try {
            styles = parse_part("word/styles.xml", used);
        } catch (const fatal&) {
            styles = parse_part("word/styles.xml", *styles_bytes);  // the whole part speaks for itself
        }
        styles_.load(xmlDocGetRootElement(styles.get()));
    }
    body_half_points_ = std::max(styles_.body_half_points(), 1);
    if (numbering_bytes) {
        xml_doc numbering = parse_part("word/numbering.xml", *numbering_bytes);
        numbering_.load(xmlDocGetRootElement(numbering.get()),
                        [&](std::string_view style) { return styles_.paragraph(style).num_id; });
    }
    xml_doc rels;
    if (auto rels_bytes = read_part(*zip, "word/_rels/document.xml.rels", budget, limits_, false))
        rels = parse_part("word/_rels/document.xml.rels", *rels_bytes);
    if (rels)
        for (const xmlNode* r : elements{xmlDocGetRootElement(rels.get())}) {
            auto mode = attribute(r, xmlns::other, "TargetMode");
            auto id = attribute(r, xmlns::other, "Id");
            auto target = attribute(r, xmlns::other, "Target");
            if (is(r, xmlns::package, "Relationship") && id && target && mode && *mode == "External")
                links_[std::string(*id)] = *target;
        }
    xml_doc main = parse_part("word/document.xml", *main_bytes);
    const xmlNode* root = xmlDocGetRootElement(main.get());
    const xmlNode* body = is(root, xmlns::w, "document") ? child(root, xmlns::w, "body") : nullptr;
    if (!body) throw fatal{rule::input_encoding, "not a Word document: word/document.xml has no w:document/w:body"};
    container top(doc_.blocks);
    read_blocks(body, top, 0);
    top.flush();
}

void docx_reader::read_blocks(const xmlNode* parent, container& out, int depth) {
    enter(depth);
    for (const xmlNode* c : elements{parent}) {
        xmlns ns = namespace_of(c->ns);
        std::string_view n = local_name(c);
        if (ns == xmlns::mc && n == "AlternateContent") {
            if (const xmlNode* branch = alternative(c)) read_blocks(branch, out, depth + 1);
            continue;
        }
        if (ns != xmlns::w) continue;
        if (n == "p")
            read_paragraph(c, out);
        else if (n == "tbl")
            read_table(c, out, depth + 1);
        else if (n == "sdt") {
            // A control still showing its placeholder ("Click or tap here to
            // enter text.") prints a prompt, not the document's text; its
            // paragraphs are read only to be counted.
            std::vector<block> prompt;
            container discard(prompt);
            read_blocks(child(c, xmlns::w, "sdtContent"), showing_placeholder(c) ? discard : out, depth + 1);
        }
        // Wrappers whose content is printed: tracked insertions and moves
        // to, custom XML.
        else if (n == "ins" || n == "moveTo" || n == "customXml")
            read_blocks(c, out, depth + 1);
        // w:del, w:moveFrom, w:sectPr, bookmarks, ranges: nothing printed.
    }
}

void docx_reader::read_paragraph(const xmlNode* p, container& out) {
    paragraph_state ps;
    ps.number = ++paragraphs_;
    const xmlNode* ppr = child(p, xmlns::w, "pPr");
    std::string_view style_id;
    if (const xmlNode* s = child(ppr, xmlns::w, "pStyle")) style_id = w_val(s);
    style_id = styles_.paragraph_style(style_id);
    para_props props = styles_.paragraph(style_id);
    props.over(read_ppr(ppr));
    int level = styles_.heading_level(style_id);
    if (level == 0 && props.outline && *props.outline >= 0 && *props.outline < 9)
        level = std::min(*props.outline + 1, 6);
    const bool quoted = level == 0 && styles_.is_quote(style_id);
    // A heading's or a quotation's style sets its text bold or italic
    // because of what the paragraph is: that is the block's kind, not
    // emphasis in its text (a subheading is not a strong subheading). Its
    // size is kept as evidence.
    ps.base = styles_.paragraph_run(style_id);
    if (level || quoted) {
        run_props plain = styles_.paragraph_run(styles_.paragraph_style({}));
        ps.base.bold = plain.bold;
        ps.base.italic = plain.italic;
        ps.base.bold_cs = plain.bold_cs;
        ps.base.italic_cs = plain.italic_cs;
    }
    const int ilvl = std::clamp(props.ilvl.value_or(0), 0, levels - 1);
    // A numbered heading is counted, so that the items after it are
    // numbered as printed, but stays a heading.
    const level_def* numbered = props.num_id ? numbering_.level(*props.num_id, ilvl) : nullptr;
    const bool item = numbered && level == 0;

    if (props.page_break_before.value_or(false) && tables_ == 0) {
        block brk;
        brk.kind = block_kind::page_break;
        brk.where = {{ps.number, 1}, {ps.number, 1}};
        ps.pieces.push_back(std::move(brk));
    }
    ps.start_piece(level ? block_kind::heading : block_kind::paragraph, level);
    read_inline(p, ps, {}, 0);
    end_piece(ps);
    // A field's instruction never spans paragraphs (its result may, a table
    // of contents): a field still in its instruction here lost its
    // separator, and would otherwise hide the rest of the document.
    while (!fields_.empty() && !fields_.back().in_result) fields_.pop_back();

    auto shape = [&](block& b) {
        b.align = props.align.value_or(alignment::unspecified);
        std::optional<int> twips = props.indent_twips;
        if (!twips && numbered) twips = numbered->indent_twips;
        b.indent = twips.value_or(0) / 20;
    };
    // Counted even when empty: Word prints the number of an empty item.
    std::string marker = numbered ? numbering_.next_marker(*props.num_id, ilvl) : std::string();
    if (!ps.has_text) {
        for (block& image : ps.images) out.add(std::move(image));
        for (block& b : ps.pieces)
            if (b.kind == block_kind::page_break) out.add(std::move(b));
        return;
    }
    bool first = true;
    for (block& b : ps.pieces) {
        if (b.kind == block_kind::page_break) {
            out.add(std::move(b));
            continue;
        }
        shape(b);
        if (item && first) {
            out.add_item({*props.num_id, ilvl, numbering_.ordered(*props.num_id, ilvl), marker, std::move(b)});
        } else if (quoted) {
            out.add_quoted(std::move(b));
        } else {
            out.add(std::move(b));
        }
        first = false;
    }
}

// Finishes the piece of paragraph read so far: kept when it printed text.
void docx_reader::end_piece(paragraph_state& ps) {
    block& b = ps.piece;
    bool printed = std::any_of(b.runs.begin(), b.runs.end(), [](const run& r) {
        return r.kind == run_kind::text && r.text.find_first_not_of(" \t") != std::string::npos;
    });
    ps.builder.reset();
    if (!printed) return;
    b.where.end = b.runs.back().where.end;
    // A break that ends the piece is not part of its text.
    finish_lines(b);
    ps.pieces.push_back(std::move(b));
    ps.has_text = true;
}

void docx_reader::read_table(const xmlNode* tbl, container& out, int depth) {
    enter(depth);
    if (++tables_ > static_cast<int>(limits_.max_nesting))
        throw fatal{rule::nesting_too_deep, "tables are nested deeper than the limit of " +
                                                std::to_string(limits_.max_nesting) +
                                                " levels; raise it with --max-depth or [limits] nesting"};
    // A table, a row and a cell alike begin where the next paragraph will
    // and end where their last child does (where they began, with none).
    auto open_block = [this](block_kind kind) {
        block b;
        b.kind = kind;
        b.where.begin = source_position{paragraphs_ + 1, 1};
        return b;
    };
    auto close_block = [](block& b) { b.where.end = b.children.empty() ? b.where.begin : b.children.back().where.end; };
    block table = open_block(block_kind::table);
    std::vector<const xmlNode*> rows;
    collect(tbl, "tr", rows, depth + 1);
    for (const xmlNode* tr : rows) {
        block row = open_block(block_kind::table_row);
        // A row Word repeats at the top of each page is the table's headings.
        if (const xmlNode* pr = child(tr, xmlns::w, "trPr"))
            if (const xmlNode* h = child(pr, xmlns::w, "tblHeader")) row.header = toggle_on(h);
        std::vector<const xmlNode*> cells;
        collect(tr, "tc", cells, depth + 1);
        for (const xmlNode* tc : cells) {
            block cell = open_block(block_kind::table_cell);
            container inside(cell.children);
            read_blocks(tc, inside, depth + 2);
            inside.flush();
            close_block(cell);
            row.children.push_back(std::move(cell));
        }
        close_block(row);
        table.children.push_back(std::move(row));
    }
    close_block(table);
    --tables_;
    out.add(std::move(table));
}

// The rows of a table or the cells of a row, through the wrappers that may
// hold them (content controls, custom XML, tracked insertions).
void docx_reader::collect(const xmlNode* parent, std::string_view name, std::vector<const xmlNode*>& found, int depth) {
    enter(depth);
    for (const xmlNode* c : elements{parent}) {
        if (is(c, xmlns::w, name))
            found.push_back(c);
        else if (is(c, xmlns::w, "sdt"))
            collect(child(c, xmlns::w, "sdtContent"), name, found, depth + 1);
        else if (is(c, xmlns::w, "customXml") || is(c, xmlns::w, "ins") || is(c, xmlns::w, "moveTo"))
            collect(c, name, found, depth + 1);
    }
}

void docx_reader::read_inline(const xmlNode* parent, paragraph_state& ps, const std::string& link, int depth) {
    enter(depth);
    for (const xmlNode* c : elements{parent}) {
        xmlns ns = namespace_of(c->ns);
        std::string_view n = local_name(c);
        if (ns == xmlns::mc && n == "AlternateContent") {
            if (const xmlNode* branch = alternative(c)) read_inline(branch, ps, link, depth + 1);
            continue;
        }
        if (ns != xmlns::w) continue;
        if (n == "r") {
            read_run(c, ps, link, depth + 1);
        } else if (n == "hyperlink") {
            // Only an external relationship is a link out; w:anchor is a
            // place in the document.
            std::string target = link;
            if (auto id = attribute(c, xmlns::r, "id")) {
                auto it = links_.find(std::string(*id));
                if (it != links_.end()) target = it->second;
            }
            read_inline(c, ps, target, depth + 1);
        } else if (n == "fldSimple") {
            std::string target = hyperlink_target(attribute(c, xmlns::w, "instr").value_or(""));
            read_inline(c, ps, target.empty() ? link : target, depth + 1);
        } else if (n == "sdt") {
            if (!showing_placeholder(c)) read_inline(child(c, xmlns::w, "sdtContent"), ps, link, depth + 1);
        } else if (n == "ins" || n == "moveTo" || n == "smartTag" || n == "customXml" || n == "dir" || n == "bdo") {
            read_inline(c, ps, link, depth + 1);
        }
        // w:del and w:moveFrom are not printed; w:pPr, bookmarks, comment
        // ranges and proofing marks print nothing.
    }
}

void docx_reader::read_run(const xmlNode* r, paragraph_state& ps, const std::string& link, int depth) {
    const xmlNode* rpr = child(r, xmlns::w, "rPr");
    run_props props = ps.base;
    if (const xmlNode* s = child(rpr, xmlns::w, "rStyle")) props.over(styles_.character(w_val(s)));
    props.over(read_rpr(rpr));
    read_run_content(r, ps, props, link, depth);
}

// The alternative text of a drawing: wp:docPr's description, else its title.
std::string drawing_alt(const xmlNode* drawing) {
    for (const xmlNode* frame : elements{drawing}) {
        const xmlNode* pr = child(frame, xmlns::wp, "docPr");
        if (!pr) continue;
        std::string_view descr = attribute(pr, xmlns::other, "descr").value_or("");
        return std::string(descr.empty() ? attribute(pr, xmlns::other, "title").value_or("") : descr);
    }
    return {};
}

void docx_reader::read_run_content(const xmlNode* parent, paragraph_state& ps, const run_props& props,
                                   const std::string& link, int depth) {
    enter(depth);
    for (const xmlNode* c : elements{parent}) {
        xmlns ns = namespace_of(c->ns);
        std::string_view n = local_name(c);
        if (ns == xmlns::mc && n == "AlternateContent") {
            if (const xmlNode* branch = alternative(c)) read_run_content(branch, ps, props, link, depth + 1);
            continue;
        }
        if (ns != xmlns::w) continue;
        if (n == "fldChar") {
            std::string_view type = attribute(c, xmlns::w, "fldCharType").value_or("");
            if (type == "begin") {
                if (fields_.size() >= 64)
                    throw fatal{rule::nesting_too_deep, "fields are nested deeper than 64 levels"};
                fields_.push_back({});
            } else if (type == "separate" && !fields_.empty()) {
                fields_.back().in_result = true;
            } else if (type == "end" && !fields_.empty()) {
                fields_.pop_back();
            }
            continue;
        }
        if (n == "instrText") {
            if (!fields_.empty() && !fields_.back().in_result) fields_.back().instruction += text_of(c);
            continue;
        }
        if (!printing() || props.hidden.value_or(false)) continue;
        std::string target = link;
        if (!fields_.empty())
            if (std::string from_field = field_link(); !from_field.empty()) target = std::move(from_field);
        if (n == "t") {
            print(ps, text_of(c), props, target);
        } else if (n == "tab" || n == "ptab") {
            print(ps, "\t", props, target);
        } else if (n == "noBreakHyphen") {
            print(ps, "-", props, target);
        } else if (n == "softHyphen") {
            // Printed only where a line breaks at it: not part of the text.
        } else if (n == "sym") {
            // A symbol font's private-use code is the font's own glyph: best
            // effort, shown as a bullet; another code is itself.
            auto code = attribute(c, xmlns::w, "char").value_or("");
            char32_t cp = static_cast<char32_t>(std::strtoul(std::string(code).c_str(), nullptr, 16));
            bool own_glyph =
                cp == 0 || cp >= 0x110000 || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xD800 && cp <= 0xDFFF);
            std::string text = own_glyph ? "•" : utf8(cp);
            print(ps, text, props, target);
        } else if (n == "br" || n == "cr") {
            std::string_view type = attribute(c, xmlns::w, "type").value_or("");
            if (type == "page" && tables_ == 0) {
                // A page break inside a paragraph cuts it in two pieces.
                std::uint32_t at = ps.column++;
                block brk;
                brk.kind = block_kind::page_break;
                brk.where = {{ps.number, at}, {ps.number, at + 1}};
                block_kind kind = ps.piece.kind;
                int level = ps.piece.level;
                end_piece(ps);
                ps.pieces.push_back(std::move(brk));
                ps.start_piece(kind, level);
            } else if (type == "column" || type == "page") {
                ++ps.column;  // a new column or page, within a table: no break in the text
            } else {
                print_break(ps, props);
            }
        } else if (n == "drawing") {
            std::uint32_t at = ps.column++;
            block image;
            image.kind = block_kind::image;
            image.alt = drawing_alt(c);
            image.where = {{ps.number, at}, {ps.number, at + 1}};
            ps.images.push_back(std::move(image));
        } else if (n == "footnoteReference" || n == "endnoteReference" || n == "pict" || n == "object") {
            ++ps.column;  // printed as one character; their content is not read
        }
        // w:delText, w:rPr, w:lastRenderedPageBreak, comment references: nothing printed.
    }
}

void docx_reader::print(paragraph_state& ps, std::string_view text, const run_props& props, const std::string& link) {
    if (text.empty()) return;
    auto length = static_cast<std::uint32_t>(count_code_points(text));
    source_span where{{ps.number, ps.column}, {ps.number, ps.column + length}};
    if (std::size_t last = text.find_last_not_of(" \t\r\n"); last != std::string_view::npos) {
        // Just past the last character that is not white space.
        auto before = static_cast<std::uint32_t>(count_code_points(text.substr(0, last)));
        doc_.end = {ps.number, ps.column + before + 1};
    }
    ps.column += length;
    // What Word prints in capitals is read in capitals: "Kingdom of Cambodia"
    // set in w:caps is the state line KINGDOM OF CAMBODIA. (A capital takes
    // one column as its small letter did, for the Latin and Khmer text
    // releases hold.)
    std::string capitals;
    if (props.caps.value_or(false)) {
        capitals = to_upper(text);
        text = capitals;
    }
    run_builder::style s;
    // Complex-script text takes the complex-script properties where they are
    // set (python-docx and hand-made files set only w:b, whatever the script).
    bool cs = has_complex_script(text);
    s.strong = (cs && props.bold_cs ? props.bold_cs : props.bold).value_or(false);
    s.emphasis = (cs && props.italic_cs ? props.italic_cs : props.italic).value_or(false);
    s.underline = props.underline.value_or(false);
    // Small capitals are evidence of capitals, but their small letters are
    // still small letters: the text keeps its case.
    s.caps = props.caps.value_or(false) || props.small_caps.value_or(false);
    s.link = link;
    s.size = static_cast<float>(props.half_points.value_or(body_half_points_)) / static_cast<float>(body_half_points_);
    ps.builder->text(text, where, s);
}

void docx_reader::print_break(paragraph_state& ps, const run_props&) {
    std::uint32_t at = ps.column++;
    source_span where{{ps.number, at}, {ps.number, at + 1}};
    ps.builder->line_break(run_kind::hard_break, where);
}

}  // namespace

document read_docx(std::string_view bytes, const reader_limits& limits) {
    document doc;
    docx_reader reader(limits, doc);
    try {
        reader.read(bytes);
    } catch (fatal& f) {
        doc.blocks.clear();
        doc.end = {};
        doc.diagnostics.push_back(std::move(f.why).at_level());
    }
    return doc;
}

}  // namespace communique::detail
