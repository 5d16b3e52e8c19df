#include "pdf/fo_parser.hpp"

#include "tree/release.hpp"

#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <set>
#include <stdexcept>
#include <string_view>

namespace communique::detail::pdf {

namespace {

using namespace std::string_view_literals;

constexpr std::string_view fo_ns = "http://www.w3.org/1999/XSL/Format";
constexpr std::string_view xmp_meta_ns = "adobe:ns:meta/";
constexpr std::string_view rdf_ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view dc_ns = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view xmp_ns = "http://ns.adobe.com/xap/1.0/";

// The parser stops at the first problem by throwing it, from however deep
// in the FO it is found; parse_fo, in this file, returns it. It is never
// seen outside this file.
struct fo_error {
    explicit fo_error(std::string message) : why(rule::pdf, std::move(message)) {}
    problem why;
};

std::string_view text_of(const xmlChar* s) { return s ? reinterpret_cast<const char*>(s) : std::string_view{}; }

bool in_ns(const xmlNode* n, std::string_view ns) { return n->ns && text_of(n->ns->href) == ns; }
bool is_fo(const xmlNode* n, std::string_view name) {
    return n->type == XML_ELEMENT_NODE && in_ns(n, fo_ns) && text_of(n->name) == name;
}

std::string display_name(const xmlNode* n) {
    if (in_ns(n, fo_ns)) return "fo:" + std::string(text_of(n->name));
    return std::string(text_of(n->name));
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return std::string(s);
}

std::string normalize_space(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
        } else {
            if (space) out += ' ';
            space = false;
            out += c;
        }
    }
    return out;
}

// ---- property values ---------------------------------------------------------

// What relative lengths are measured against where a property is read.
struct length_context {
    double font_size = 12;              // for em
    double percent_base = std::nan("");  // for %; NaN: percentages not allowed here
    // For body-start() and label-end(), inside a list.
    bool in_list = false;
    double body_start = 0, label_end = 0;
};

[[noreturn]] void bad_value(std::string_view element, std::string_view property, std::string_view value,
                            std::string_view why = {}) {
    std::string msg = "unsupported value '" + std::string(value) + "' of " + std::string(property) + " on " +
                      std::string(element);
    if (!why.empty()) msg += " (" + std::string(why) + ")";
    throw fo_error(msg);
}

// One term of a length expression: a signed number with a unit, or
// body-start() or label-end().
bool parse_term(std::string_view& s, const length_context& ctx, double& out) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    for (auto [name, is_body] : {std::pair{std::string_view("body-start()"), true}, {"label-end()", false}}) {
        if (s.starts_with(name)) {
            if (!ctx.in_list) return false;
            out = is_body ? ctx.body_start : ctx.label_end;
            s.remove_prefix(name.size());
            return true;
        }
    }
    double v = 0;
    const char* first = s.data();
    if (!s.empty() && s.front() == '+') ++first;
    auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), v);
    if (ec != std::errc{}) return false;
    s.remove_prefix(static_cast<std::size_t>(ptr - s.data()));
    struct unit {
        std::string_view name;
        double points;
    };
    static constexpr unit units[] = {{"pt", 1.0},          {"mm", 72.0 / 25.4}, {"cm", 72.0 / 2.54},
                                     {"in", 72.0},         {"pc", 12.0}};
    for (const unit& u : units) {
        if (s.starts_with(u.name)) {
            out = v * u.points;
            s.remove_prefix(u.name.size());
            return true;
        }
    }
    if (s.starts_with("em")) {
        out = v * ctx.font_size;
        s.remove_prefix(2);
        return true;
    }
    if (s.starts_with("%")) {
        if (std::isnan(ctx.percent_base)) return false;
        out = v * ctx.percent_base / 100.0;
        s.remove_prefix(1);
        return true;
    }
    // A bare 0 needs no unit.
    if (v == 0) {
        out = 0;
        return true;
    }
    return false;
}

// A length, or a sum and difference of lengths and the list functions:
// "12pt", "-1.5em", "body-start() + 2mm".
bool parse_length_expr(std::string_view s, const length_context& ctx, double& out) {
    double total = 0, term = 0;
    if (!parse_term(s, ctx, term)) return false;
    total = term;
    for (;;) {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        if (s.empty()) break;
        char op = s.front();
        if (op != '+' && op != '-') return false;
        s.remove_prefix(1);
        if (!parse_term(s, ctx, term)) return false;
        total += op == '+' ? term : -term;
    }
    out = total;
    return true;
}

double length_value(std::string_view element, std::string_view property, std::string_view value,
                    const length_context& ctx) {
    double out = 0;
    if (!parse_length_expr(value, ctx, out)) bad_value(element, property, value);
    return out;
}

bool parse_keep(std::string_view element, std::string_view property, std::string_view value) {
    if (value == "auto") return false;
    if (value == "always") return true;
    // An integer strength: the renderer keeps as for "always".
    int strength = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), strength);
    if (ec == std::errc{} && ptr == value.data() + value.size()) return strength > 0;
    bad_value(element, property, value);
}

text_align parse_align(std::string_view element, std::string_view property, std::string_view value) {
    if (value == "start" || value == "left") return text_align::start;
    if (value == "center") return text_align::center;
    if (value == "end" || value == "right") return text_align::end;
    if (value == "justify") return text_align::justify;
    bad_value(element, property, value);
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

rgb parse_color(std::string_view element, std::string_view value) {
    static constexpr std::pair<std::string_view, std::string_view> names[] = {
        {"black", "#000000"}, {"white", "#FFFFFF"}, {"red", "#FF0000"}, {"green", "#008000"},
        {"blue", "#0000FF"},  {"gray", "#808080"},  {"grey", "#808080"}, {"navy", "#000080"}};
    for (auto [name, hex] : names)
        if (value == name) return parse_color(element, hex);
    if (value.size() == 4 || value.size() == 7) {
        if (value.front() == '#') {
            std::string_view h = value.substr(1);
            int d[6];
            bool ok = true;
            for (std::size_t i = 0; i < h.size(); ++i) ok = ok && (d[i] = hex_digit(h[i])) >= 0;
            if (ok && h.size() == 3)
                return {float(d[0] * 17) / 255.f, float(d[1] * 17) / 255.f, float(d[2] * 17) / 255.f};
            if (ok && h.size() == 6)
                return {float(d[0] * 16 + d[1]) / 255.f, float(d[2] * 16 + d[3]) / 255.f,
                        float(d[4] * 16 + d[5]) / 255.f};
        }
    }
    bad_value(element, "color", value, "use #rrggbb");
}

std::vector<std::string> parse_families(std::string_view value) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= value.size()) {
        std::size_t comma = value.find(',', start);
        if (comma == std::string_view::npos) comma = value.size();
        std::string name = trim(value.substr(start, comma - start));
        if (name.size() >= 2 && (name.front() == '\'' || name.front() == '"') && name.back() == name.front())
            name = name.substr(1, name.size() - 2);
        if (!name.empty()) out.push_back(name);
        start = comma + 1;
    }
    return out;
}

// The URI inside url('...') / url("...") / url(...), or the value as it is.
std::string parse_uri(std::string_view value) {
    std::string v = trim(value);
    if (v.starts_with("url(") && v.ends_with(")")) {
        v = trim(std::string_view(v).substr(4, v.size() - 5));
        if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"') && v.back() == v.front())
            v = v.substr(1, v.size() - 2);
    }
    return v;
}

// ---- which properties each element accepts -------------------------------------

enum prop_set : unsigned {
    p_font = 1,        // font-family, font-size, font-weight, font-style, color, language, country, hyphenate
    p_paragraph = 2,   // text-align(-last), start/end-indent, text-indent, line-height, widows, orphans, keep-together
    p_block_box = 4,   // space-before/after, keep-with-next/previous, break-before/after
    p_id = 8,          // id
    p_list = 16,       // provisional-distance-between-starts, provisional-label-separation
    p_within_line = 32,  // keep-together(.within-line) on inlines
    p_link = 64,       // external-destination
    p_citation = 128,  // ref-id
};

bool property_in(std::string_view name, unsigned sets) {
    static constexpr std::string_view font[] = {"font-family", "font-size", "font-weight", "font-style",
                                                "color",       "language",  "country",     "hyphenate"};
    static constexpr std::string_view paragraph[] = {
        "text-align",   "text-align-last",         "start-indent",           "end-indent",
        "text-indent",  "line-height",             "widows",                 "orphans",
        "keep-together", "keep-together.within-page", "keep-together.within-column"};
    static constexpr std::string_view block_box[] = {
        "space-before",  "space-after", "keep-with-next", "keep-with-next.within-page",
        "keep-with-next.within-column", "keep-with-previous", "keep-with-previous.within-page",
        "keep-with-previous.within-column", "break-before", "break-after"};
    auto any = [&](auto& list) { return std::find(std::begin(list), std::end(list), name) != std::end(list); };
    if ((sets & p_font) && any(font)) return true;
    if ((sets & p_paragraph) && any(paragraph)) return true;
    if ((sets & p_block_box) && any(block_box)) return true;
    if ((sets & p_id) && name == "id") return true;
    if ((sets & p_list) && (name == "provisional-distance-between-starts" || name == "provisional-label-separation"))
        return true;
    if ((sets & p_within_line) && (name == "keep-together" || name == "keep-together.within-line")) return true;
    if ((sets & p_link) && name == "external-destination") return true;
    if ((sets & p_citation) && name == "ref-id") return true;
    return false;
}

// Every unqualified attribute must be a property the element accepts, or
// one of `extra` (structural attributes such as master-name); attributes in
// other namespaces (xml:lang, extension namespaces) pass.
void check_properties(const xmlNode* el, unsigned sets, std::initializer_list<std::string_view> extra = {}) {
    for (const xmlAttr* a = el->properties; a; a = a->next) {
        if (a->ns) continue;
        std::string_view name = text_of(a->name);
        if (property_in(name, sets)) continue;
        if (std::find(extra.begin(), extra.end(), name) != extra.end()) continue;
        throw fo_error("unsupported property " + std::string(name) + " on " + display_name(el));
    }
}

// Whether xmlGetNoNsProp may find a value that is not among an element's
// attribute nodes: a DTD may give attributes defaults.
bool may_default(const xmlNode* el) { return el->doc && (el->doc->intSubset || el->doc->extSubset); }

// The value of an attribute node, trimmed, as xmlGetNoNsProp gives it but
// without its copy when it is one text node.
std::string value_of(const xmlAttr* a) {
    if (!a->children) return std::string();
    if (a->children->type == XML_TEXT_NODE && !a->children->next) return trim(text_of(a->children->content));
    xmlChar* v = xmlNodeListGetString(a->doc, a->children, 1);
    std::string out = trim(text_of(v));
    xmlFree(v);
    return out;
}

std::optional<std::string> attr(const xmlNode* el, const char* name) {
    if (may_default(el)) {
        xmlChar* v = xmlGetNoNsProp(el, reinterpret_cast<const xmlChar*>(name));
        if (!v) return std::nullopt;
        std::string out = trim(text_of(v));
        xmlFree(v);
        return out;
    }
    const xmlAttr* a = el->properties;
    while (a && (a->ns || std::strcmp(reinterpret_cast<const char*>(a->name), name) != 0)) a = a->next;
    if (!a) return std::nullopt;
    return value_of(a);
}

// An element's attributes without a namespace, listed once for the forty
// properties apply_inherited and apply_box ask each element for (it sets a
// few): names are compared by length first.
class attribute_list {
public:
    explicit attribute_list(const xmlNode* el) : el_(el), whole_(!may_default(el)) {
        for (const xmlAttr* a = el->properties; a && whole_; a = a->next) {
            if (a->ns) continue;
            if (count_ == std::size(list_)) whole_ = false;
            else list_[count_++] = {text_of(a->name), a};
        }
    }
    std::optional<std::string> operator()(std::string_view name) const {
        if (!whole_) return attr(el_, std::string(name).c_str());
        for (std::size_t i = 0; i < count_; ++i)
            if (list_[i].first == name) return value_of(list_[i].second);
        return std::nullopt;
    }

private:
    const xmlNode* el_;
    bool whole_;  // list_ holds every attribute: no DTD, not more than it has room for
    std::pair<std::string_view, const xmlAttr*> list_[16];
    std::size_t count_ = 0;
};

// role (XSL-FO 1.1, 7.5.2): the structure type a block stands for in a
// tagged PDF, one of the standard types for blocks (PDF 1.7, 14.8.4.2 to
// 14.8.4.3), as FOP's accessibility mode reads it too.
std::string block_role(const xmlNode* el) {
    std::string out = attr(el, "role").value_or("");
    if (out.empty()) return out;
    static constexpr std::string_view roles[] = {"P",  "H",  "H1",         "H2",      "H3",   "H4",        "H5",
                                                 "H6", "Div", "BlockQuote", "Caption", "Note", "Sect", "Art"};
    if (std::find(std::begin(roles), std::end(roles), out) == std::end(roles)) bad_value("fo:block", "role", out);
    return out;
}

std::optional<std::string> xml_lang(const xmlNode* el) {
    xmlChar* v = xmlGetNsProp(el, reinterpret_cast<const xmlChar*>("lang"), XML_XML_NAMESPACE);
    if (!v) return std::nullopt;
    std::string out = trim(text_of(v));
    xmlFree(v);
    return out;
}

// ---- inherited state ----------------------------------------------------------------

enum class last_align : std::uint8_t { relative, start, center, end, justify };

struct inherited {
    text_style style;
    text_align align = text_align::start;
    last_align align_last = last_align::relative;
    double start_indent = 0, end_indent = 0, text_indent = 0;
    line_height leading;
    int widows = 2, orphans = 2;
    bool keep_together = false;
    bool hyphenate = true;  // hyphenate="false" turns justified text's hyphenation off
    // The list the element is in, for body-start() and label-end().
    bool in_list = false;
    double body_start = 0, label_end = 0;
    double reference_width = 0;  // the region's content width
};

// ---- paragraphs ---------------------------------------------------------------------

// Collects inline content, collapsing white space as XSL-FO's defaults do:
// every XML white space character is a space, a run of them is one space,
// and none stands at the start or end of a paragraph.
class paragraph_builder {
public:
    void text(std::string_view utf8, std::uint32_t style) {
        auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
        std::size_t i = 0;
        while (i < utf8.size()) {
            if (is_space(utf8[i])) {
                if (!pending_space_) {
                    pending_space_ = true;
                    space_style_ = style;
                }
                ++i;
                continue;
            }
            // A word, decoded straight into the paragraph's text: ASCII as
            // it is, the rest by U8_NEXT (a space is one byte that U8_NEXT
            // never takes as part of a broken sequence).
            flush_space();
            const auto at = static_cast<std::uint32_t>(p_.text.size());
            while (i < utf8.size() && !is_space(utf8[i])) {
                const auto byte = static_cast<unsigned char>(utf8[i]);
                if (byte < 0x80) {
                    p_.text.push_back(char16_t(byte));
                    ++i;
                    continue;
                }
                UChar32 c = 0;
                U8_NEXT(reinterpret_cast<const std::uint8_t*>(utf8.data()), i, utf8.size(), c);
                if (c < 0) c = 0xFFFD;
                char16_t units[2];
                std::size_t n = 0;
                U16_APPEND_UNSAFE(units, n, c);
                p_.text.append(units, n);
            }
            extend_spans(at, style);
        }
    }

    // A page number goes here (static content): a space before it is kept.
    void field(std::uint32_t style, std::string ref_id) {
        flush_space();
        p_.fields.push_back({static_cast<std::uint32_t>(p_.text.size()), style, std::move(ref_id)});
        has_content_ = true;
    }

    std::uint32_t mark() const { return static_cast<std::uint32_t>(p_.text.size()); }

    // [begin, end) of content added since mark(), leading space excluded.
    std::pair<std::uint32_t, std::uint32_t> since(std::uint32_t begin) const {
        auto end = static_cast<std::uint32_t>(p_.text.size());
        if (begin < end && p_.text[begin] == u' ') ++begin;
        return {begin, end};
    }

    void link(std::uint32_t begin, std::string uri) {
        auto [b, e] = since(begin);
        if (b < e) p_.links.push_back({b, e, std::move(uri)});
    }
    void no_break(std::uint32_t begin) {
        auto [b, e] = since(begin);
        if (b < e) p_.no_break.emplace_back(b, e);
    }

    bool empty() const { return p_.text.empty() && !has_content_; }

    paragraph take() {
        paragraph out = std::move(p_);
        p_ = {};
        pending_space_ = false;
        has_content_ = false;
        return out;
    }

private:
    void flush_space() {
        if (pending_space_ && (!p_.text.empty() || has_content_)) append(u" ", space_style_);
        pending_space_ = false;
    }
    void append(std::u16string_view s, std::uint32_t style) {
        auto at = static_cast<std::uint32_t>(p_.text.size());
        p_.text.append(s);
        extend_spans(at, style);
    }
    // Text from `at` on, just appended, is in `style`.
    void extend_spans(std::uint32_t at, std::uint32_t style) {
        if (!p_.spans.empty() && p_.spans.back().style == style && p_.spans.back().end == at)
            p_.spans.back().end = static_cast<std::uint32_t>(p_.text.size());
        else
            p_.spans.push_back({at, static_cast<std::uint32_t>(p_.text.size()), style});
    }

    paragraph p_;
    bool pending_space_ = false;
    bool has_content_ = false;
    std::uint32_t space_style_ = 0;
};

// ---- the parser ---------------------------------------------------------------------------

class parser {
public:
    explicit parser(document& doc) : doc_(doc) {}

    void root(const xmlNode* root) {
        if (!is_fo(root, "root")) throw fo_error("the document element is not fo:root");
        check_properties(root, p_font | p_paragraph);
        inherited ctx;
        ctx.style.font.families = {"serif"};
        ctx.style.size = 12;
        apply_inherited(root, ctx);
        root_lang_ = ctx.style.lang;

        bool masters = false;
        for (const xmlNode* c = root->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE) continue;
            if (is_fo(c, "layout-master-set")) {
                layout_master_set(c);
                masters = true;
            } else if (is_fo(c, "declarations")) {
                declarations(c);
            } else if (is_fo(c, "page-sequence")) {
                if (!masters) throw fo_error("fo:page-sequence before fo:layout-master-set");
                sequence(c, ctx);
            } else {
                unsupported(c);
            }
        }
        if (doc_.sequences.empty()) throw fo_error("the document has no fo:page-sequence");
        if (doc_.meta.language.empty()) doc_.meta.language = root_lang_;
    }

private:
    [[noreturn]] static void unsupported(const xmlNode* n) {
        if (in_ns(n, fo_ns)) throw fo_error("unsupported FO element " + display_name(n));
        throw fo_error("unexpected element " + display_name(n) + " in the FO");
    }

    // ---- page masters ----

    void layout_master_set(const xmlNode* set) {
        check_properties(set, 0);
        for (const xmlNode* c = set->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE) continue;
            if (!is_fo(c, "simple-page-master")) unsupported(c);
            simple_page_master(c);
        }
    }

    struct margins {
        double top = 0, bottom = 0, left = 0, right = 0;
    };

    static margins read_margins(const xmlNode* el) {
        margins m;
        length_context lc;
        std::string name = display_name(el);
        if (auto v = attr(el, "margin")) m.top = m.bottom = m.left = m.right = length_value(name, "margin", *v, lc);
        if (auto v = attr(el, "margin-top")) m.top = length_value(name, "margin-top", *v, lc);
        if (auto v = attr(el, "margin-bottom")) m.bottom = length_value(name, "margin-bottom", *v, lc);
        if (auto v = attr(el, "margin-left")) m.left = length_value(name, "margin-left", *v, lc);
        if (auto v = attr(el, "margin-right")) m.right = length_value(name, "margin-right", *v, lc);
        return m;
    }

    static display_align read_display_align(const xmlNode* el) {
        auto v = attr(el, "display-align");
        if (!v || *v == "auto" || *v == "before") return display_align::before;
        if (*v == "center") return display_align::center;
        if (*v == "after") return display_align::after;
        bad_value(display_name(el), "display-align", *v);
    }

    void simple_page_master(const xmlNode* spm) {
        check_properties(spm, 0, {"master-name", "page-width", "page-height", "margin", "margin-top",
                                  "margin-bottom", "margin-left", "margin-right"});
        page_master pm;
        length_context lc;
        pm.name = attr(spm, "master-name").value_or("");
        if (pm.name.empty()) throw fo_error("fo:simple-page-master without master-name");
        if (auto v = attr(spm, "page-width"); v && *v != "auto")
            pm.width = length_value("fo:simple-page-master", "page-width", *v, lc);
        if (auto v = attr(spm, "page-height"); v && *v != "auto")
            pm.height = length_value("fo:simple-page-master", "page-height", *v, lc);
        margins page = read_margins(spm);
        box content{page.left, page.top, pm.width - page.left - page.right, pm.height - page.top - page.bottom};
        bool body = false;
        for (const xmlNode* c = spm->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE) continue;
            if (is_fo(c, "region-body")) {
                check_properties(c, 0, {"margin", "margin-top", "margin-bottom", "margin-left", "margin-right",
                                        "region-name"});
                check_region_name(c, "xsl-region-body");
                margins m = read_margins(c);
                pm.body = {content.x + m.left, content.y + m.top, content.width - m.left - m.right,
                           content.height - m.top - m.bottom};
                body = true;
            } else if (is_fo(c, "region-before") || is_fo(c, "region-after")) {
                bool before = is_fo(c, "region-before");
                check_properties(c, 0, {"extent", "display-align", "region-name"});
                check_region_name(c, before ? "xsl-region-before" : "xsl-region-after");
                double extent = 0;
                if (auto v = attr(c, "extent")) extent = length_value(display_name(c), "extent", *v, lc);
                box b{content.x, before ? content.y : content.y + content.height - extent, content.width, extent};
                (before ? pm.before : pm.after) = b;
                (before ? pm.before_align : pm.after_align) = read_display_align(c);
            } else {
                unsupported(c);
            }
        }
        if (!body) throw fo_error("fo:simple-page-master '" + pm.name + "' has no fo:region-body");
        if (pm.body.width <= 0 || pm.body.height <= 0)
            throw fo_error("the region-body of '" + pm.name + "' has no room left inside its margins");
        doc_.masters.push_back(std::move(pm));
    }

    static void check_region_name(const xmlNode* region, std::string_view expected) {
        if (auto v = attr(region, "region-name"); v && *v != expected)
            throw fo_error("region-name '" + *v + "' on " + display_name(region) + " (only the default " +
                           std::string(expected) + " is supported)");
    }

    // ---- metadata ----

    void declarations(const xmlNode* decl) {
        check_properties(decl, 0);
        for (const xmlNode* c = decl->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE) continue;
            if (in_ns(c, fo_ns)) unsupported(c);
            if (in_ns(c, xmp_meta_ns) && text_of(c->name) == "xmpmeta") read_xmp(c);
            // Other foreign declarations are not for this renderer.
        }
    }

    // The value of an XMP property element: its text, or its rdf:li items
    // (for rdf:Alt the x-default one first).
    static std::vector<std::string> xmp_values(const xmlNode* prop) {
        std::vector<std::string> out;
        for (const xmlNode* c = prop->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE || !in_ns(c, rdf_ns)) continue;
            std::string_view container = text_of(c->name);
            if (container != "Alt" && container != "Seq" && container != "Bag") continue;
            for (const xmlNode* li = c->children; li; li = li->next) {
                if (li->type != XML_ELEMENT_NODE || !in_ns(li, rdf_ns) || text_of(li->name) != "li") continue;
                std::string v = normalize_space(text_content(li));
                std::optional<std::string> lang = xml_lang(li);
                if (container == "Alt" && lang && *lang == "x-default")
                    out.insert(out.begin(), v);
                else
                    out.push_back(v);
            }
            return out;
        }
        std::string v = normalize_space(text_content(prop));
        if (!v.empty()) out.push_back(v);
        return out;
    }

    void read_xmp(const xmlNode* n) {
        for (const xmlNode* c = n->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE) continue;
            if (in_ns(c, rdf_ns) && (text_of(c->name) == "RDF" || text_of(c->name) == "Description")) {
                read_xmp(c);
                continue;
            }
            std::string_view name = text_of(c->name);
            std::vector<std::string> values = xmp_values(c);
            if (values.empty()) continue;
            metadata& m = doc_.meta;
            if (in_ns(c, dc_ns)) {
                if (name == "title") m.title = values.front();
                else if (name == "creator") m.authors = values;
                else if (name == "description") m.subject = values.front();
                else if (name == "language") m.language = values.front();
            } else if (in_ns(c, xmp_ns) && name == "CreateDate") {
                m.create_date = values.front();
            }
        }
    }

    // ---- properties ----

    std::uint32_t style_index(const text_style& s) {
        for (std::size_t i = 0; i < doc_.styles.size(); ++i)
            if (doc_.styles[i] == s) return static_cast<std::uint32_t>(i);
        doc_.styles.push_back(s);
        return static_cast<std::uint32_t>(doc_.styles.size() - 1);
    }

    // The inherited properties an element sets, applied to ctx. font-size
    // first: other lengths on the element count their em in it.
    static void apply_inherited(const xmlNode* el, inherited& ctx) {
        const attribute_list get(el);
        std::string name = display_name(el);
        const double parent_size = ctx.style.size;
        length_context lc;
        lc.font_size = parent_size;
        if (auto v = get("font-size")) {
            lc.percent_base = parent_size;
            ctx.style.size = length_value(name, "font-size", *v, lc);
            if (ctx.style.size <= 0 || ctx.style.size > 1000) bad_value(name, "font-size", *v);
        }
        lc.font_size = ctx.style.size;
        lc.percent_base = std::nan("");
        if (auto v = get("font-family")) {
            ctx.style.font.families = parse_families(*v);
            if (ctx.style.font.families.empty()) bad_value(name, "font-family", *v);
        }
        if (auto v = get("font-weight")) {
            if (*v == "normal") ctx.style.font.weight = 400;
            else if (*v == "bold") ctx.style.font.weight = 700;
            else if (*v == "bolder") ctx.style.font.weight = std::min(900, ctx.style.font.weight + 300);
            else if (*v == "lighter") ctx.style.font.weight = std::max(100, ctx.style.font.weight - 300);
            else {
                int w = 0;
                auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), w);
                if (ec != std::errc{} || ptr != v->data() + v->size() || w < 100 || w > 900 || w % 100)
                    bad_value(name, "font-weight", *v);
                ctx.style.font.weight = w;
            }
        }
        if (auto v = get("font-style")) {
            if (*v == "normal") ctx.style.font.italic = false;
            else if (*v == "italic" || *v == "oblique") ctx.style.font.italic = true;
            else bad_value(name, "font-style", *v);
        }
        if (auto v = get("color")) ctx.style.color = parse_color(name, *v);
        if (auto v = xml_lang(el)) ctx.style.lang = *v;
        if (auto v = get("language"); v && *v != "none") {
            std::string lang = *v;
            if (auto c = get("country"); c && *c != "none") lang += "-" + *c;
            ctx.style.lang = lang;
        }
        if (auto v = get("hyphenate")) {
            if (*v != "false" && *v != "true") bad_value(name, "hyphenate", *v);
            ctx.hyphenate = *v == "true";
        }

        if (auto v = get("text-align")) ctx.align = parse_align(name, "text-align", *v);
        if (auto v = get("text-align-last")) {
            if (*v == "relative") ctx.align_last = last_align::relative;
            else ctx.align_last = static_cast<last_align>(static_cast<int>(parse_align(name, "text-align-last", *v)) + 1);
        }
        lc.in_list = ctx.in_list;
        lc.body_start = ctx.body_start;
        lc.label_end = ctx.label_end;
        if (auto v = get("start-indent")) ctx.start_indent = length_value(name, "start-indent", *v, lc);
        if (auto v = get("end-indent")) ctx.end_indent = length_value(name, "end-indent", *v, lc);
        lc.in_list = false;
        if (auto v = get("text-indent")) {
            lc.percent_base = ctx.reference_width;
            ctx.text_indent = length_value(name, "text-indent", *v, lc);
            lc.percent_base = std::nan("");
        }
        if (auto v = get("line-height")) {
            double number = 0;
            auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), number);
            if (*v == "normal") {
                ctx.leading = {true, 1.2};
            } else if (ec == std::errc{} && ptr == v->data() + v->size()) {
                ctx.leading = {true, number};
            } else {
                lc.percent_base = ctx.style.size;
                ctx.leading = {false, length_value(name, "line-height", *v, lc)};
                lc.percent_base = std::nan("");
            }
            if (ctx.leading.value <= 0) bad_value(name, "line-height", *v);
        }
        auto integer = [&](std::string_view prop, int& out) {
            if (auto v = get(prop)) {
                auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
                if (ec != std::errc{} || ptr != v->data() + v->size() || out < 1) bad_value(name, prop, *v);
            }
        };
        integer("widows", ctx.widows);
        integer("orphans", ctx.orphans);
        for (std::string_view prop : {"keep-together"sv, "keep-together.within-page"sv, "keep-together.within-column"sv})
            if (auto v = get(prop); v && is_block_level(el)) ctx.keep_together = parse_keep(name, prop, *v);
    }

    static bool is_block_level(const xmlNode* el) {
        for (const char* n : {"block", "list-block", "list-item", "list-item-label", "list-item-body", "root",
                              "page-sequence", "flow", "static-content", "table", "table-header", "table-body",
                              "table-row", "table-cell"})
            if (is_fo(el, n)) return true;
        return false;
    }

    // The non-inherited block-box properties.
    void apply_box(const xmlNode* el, const inherited& ctx, block_props& p) {
        const attribute_list get(el);
        std::string name = display_name(el);
        length_context lc;
        lc.font_size = ctx.style.size;
        if (auto v = get("space-before")) p.space_before = length_value(name, "space-before", *v, lc);
        if (auto v = get("space-after")) p.space_after = length_value(name, "space-after", *v, lc);
        for (std::string_view prop : {"keep-with-next"sv, "keep-with-next.within-page"sv, "keep-with-next.within-column"sv})
            if (auto v = get(prop)) p.keep_with_next = parse_keep(name, prop, *v);
        for (std::string_view prop :
             {"keep-with-previous"sv, "keep-with-previous.within-page"sv, "keep-with-previous.within-column"sv})
            if (auto v = get(prop)) p.keep_with_previous = parse_keep(name, prop, *v);
        auto page_break = [&](std::string_view prop, bool& out) {
            if (auto v = get(prop)) {
                if (*v == "auto") out = false;
                else if (*v == "page" || *v == "column" || *v == "odd-page" || *v == "even-page") out = true;
                else bad_value(name, prop, *v);
            }
        };
        page_break("break-before", p.break_before);
        page_break("break-after", p.break_after);
        if (auto v = get("id")) {
            if (!ids_.insert(*v).second) throw fo_error("the id '" + *v + "' is used twice");
            p.id = *v;
        }
    }

    block_props paragraph_props(const inherited& ctx) {
        block_props p;
        p.align = ctx.align;
        p.hyphenate = ctx.hyphenate;
        switch (ctx.align_last) {
            case last_align::relative:
                p.align_last = ctx.align == text_align::justify ? text_align::start : ctx.align;
                break;
            case last_align::start: p.align_last = text_align::start; break;
            case last_align::center: p.align_last = text_align::center; break;
            case last_align::end: p.align_last = text_align::end; break;
            case last_align::justify: p.align_last = text_align::justify; break;
        }
        p.start_indent = ctx.start_indent;
        p.end_indent = ctx.end_indent;
        p.text_indent = ctx.text_indent;
        p.leading = ctx.leading;
        p.widows = ctx.widows;
        p.orphans = ctx.orphans;
        p.keep_together = ctx.keep_together;
        p.style = style_index(ctx.style);
        return p;
    }

    // ---- page sequences ----

    void sequence(const xmlNode* ps, inherited ctx) {
        check_properties(ps, p_font | p_paragraph, {"master-reference", "format"});
        apply_inherited(ps, ctx);
        page_sequence seq;
        std::string ref = attr(ps, "master-reference").value_or("");
        auto it = std::find_if(doc_.masters.begin(), doc_.masters.end(),
                               [&](const page_master& m) { return m.name == ref; });
        if (it == doc_.masters.end())
            throw fo_error("fo:page-sequence refers to '" + ref + "', which is no fo:simple-page-master");
        seq.master = static_cast<std::size_t>(it - doc_.masters.begin());
        if (auto v = attr(ps, "format")) seq.zero_digit = zero_digit(*v);
        const page_master& pm = *it;

        bool flow = false;
        for (const xmlNode* c = ps->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE) continue;
            if (is_fo(c, "static-content")) {
                check_properties(c, p_font | p_paragraph, {"flow-name"});
                std::string name = attr(c, "flow-name").value_or("");
                inherited sctx = ctx;
                if (name == "xsl-region-before" || name == "xsl-region-after") {
                    const auto& region = name == "xsl-region-before" ? pm.before : pm.after;
                    if (!region) throw fo_error("fo:static-content for " + name + ", which the page master lacks");
                    sctx.reference_width = region->width;
                    apply_inherited(c, sctx);
                    node content = flow_content(c, sctx, true);
                    (name == "xsl-region-before" ? seq.static_before : seq.static_after) = std::move(content);
                } else {
                    throw fo_error("fo:static-content for '" + name +
                                   "' (only xsl-region-before and xsl-region-after are supported)");
                }
            } else if (is_fo(c, "flow")) {
                check_properties(c, p_font | p_paragraph, {"flow-name"});
                if (flow) throw fo_error("a page-sequence with two fo:flow");
                if (attr(c, "flow-name").value_or("") != "xsl-region-body")
                    throw fo_error("fo:flow must flow into xsl-region-body");
                inherited fctx = ctx;
                fctx.reference_width = pm.body.width;
                apply_inherited(c, fctx);
                seq.flow = flow_content(c, fctx, false);
                flow = true;
            } else {
                unsupported(c);
            }
        }
        if (!flow) throw fo_error("a page-sequence without fo:flow");
        doc_.sequences.push_back(std::move(seq));
    }

    // format="1" or a format token whose digit is another script's one
    // ("١", "១"): page numbers in that script's digits.
    static char16_t zero_digit(std::string_view format) {
        std::u16string units;
        std::size_t i = 0;
        UChar32 c = 0;
        U8_NEXT(reinterpret_cast<const std::uint8_t*>(format.data()), i, format.size(), c);
        if (c > 0 && i == format.size() && c <= 0xFFFF && u_charDigitValue(c) == 1 &&
            u_charType(c) == U_DECIMAL_DIGIT_NUMBER)
            return static_cast<char16_t>(c - 1);
        throw fo_error("unsupported page number format '" + std::string(format) + "' (a single digit one, such as 1)");
    }

    // ---- blocks ----

    node flow_content(const xmlNode* container, const inherited& ctx, bool is_static) {
        node out;
        out.what = node::kind::block;
        out.props = paragraph_props(ctx);
        block_children(container, ctx, out, is_static, /*allow_inline=*/false);
        return out;
    }

    // The children of a block-level element: blocks and lists; with
    // allow_inline, also text and inlines, gathered into paragraphs.
    void block_children(const xmlNode* el, const inherited& ctx, node& out, bool is_static, bool allow_inline) {
        paragraph_builder pb;
        bool first = true;
        auto flush = [&] {
            if (pb.empty()) return;
            node t;
            t.what = node::kind::text;
            t.props = paragraph_props(ctx);
            t.para = pb.take();
            t.para.first_of_block = first;
            first = false;
            out.children.push_back(std::move(t));
        };
        const std::uint32_t style = style_index(ctx.style);
        for (const xmlNode* c = el->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
                std::string_view text = text_of(c->content);
                if (!allow_inline) {
                    if (text.find_first_not_of(" \t\r\n") != std::string_view::npos)
                        throw fo_error("text directly inside " + display_name(el));
                    continue;
                }
                pb.text(text, style);
                continue;
            }
            if (c->type != XML_ELEMENT_NODE) continue;
            if (is_fo(c, "block") || is_fo(c, "list-block") || is_fo(c, "table")) {
                flush();
                first = false;
                out.children.push_back(is_fo(c, "block")        ? block(c, ctx, is_static)
                                       : is_fo(c, "list-block") ? list_block(c, ctx, is_static)
                                                                : table(c, ctx, is_static));
            } else if (allow_inline && is_inline(c)) {
                inline_content(c, ctx, pb, is_static);
            } else {
                unsupported(c);
            }
        }
        flush();
    }

    static bool is_inline(const xmlNode* n) {
        for (const char* name : {"inline", "wrapper", "basic-link", "page-number", "page-number-citation"})
            if (is_fo(n, name)) return true;
        return false;
    }

    node block(const xmlNode* el, inherited ctx, bool is_static) {
        check_properties(el, p_font | p_paragraph | p_block_box | p_id, {"role"});
        apply_inherited(el, ctx);
        node out;
        out.what = node::kind::block;
        out.props = paragraph_props(ctx);
        apply_box(el, ctx, out.props);
        out.role = block_role(el);
        block_children(el, ctx, out, is_static, true);
        return out;
    }

    node list_block(const xmlNode* el, inherited ctx, bool is_static) {
        check_properties(el, p_font | p_paragraph | p_block_box | p_id | p_list);
        apply_inherited(el, ctx);
        node out;
        out.what = node::kind::list_block;
        out.props = paragraph_props(ctx);
        apply_box(el, ctx, out.props);
        length_context lc;
        lc.font_size = ctx.style.size;
        double distance = 24, separation = 6;  // the XSL-FO initial values
        if (auto v = attr(el, "provisional-distance-between-starts"))
            distance = length_value("fo:list-block", "provisional-distance-between-starts", *v, lc);
        if (auto v = attr(el, "provisional-label-separation"))
            separation = length_value("fo:list-block", "provisional-label-separation", *v, lc);
        ctx.in_list = true;
        ctx.body_start = ctx.start_indent + distance;
        ctx.label_end = ctx.reference_width - (distance + ctx.start_indent - separation);
        for (const xmlNode* c = el->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE && text_of(c->content).find_first_not_of(" \t\r\n") == std::string_view::npos)
                continue;
            if (!is_fo(c, "list-item")) {
                if (c->type != XML_ELEMENT_NODE) throw fo_error("text directly inside fo:list-block");
                unsupported(c);
            }
            out.children.push_back(list_item(c, ctx, is_static));
        }
        return out;
    }

    // ---- tables ----

    // A table: fixed column widths (lengths, percentages of the table's
    // width, proportional-column-width(N) sharing what is left), rows of
    // cells of blocks. Without fo:table-column, the columns share the width
    // equally. Spans, footers and automatic layout are not in the subset.
    node table(const xmlNode* el, inherited ctx, bool is_static) {
        check_properties(el, p_font | p_paragraph | p_block_box | p_id, {"table-layout", "width", "border-collapse"});
        apply_inherited(el, ctx);
        node out;
        out.what = node::kind::table;
        out.props = paragraph_props(ctx);
        apply_box(el, ctx, out.props);
        if (auto v = attr(el, "table-layout"); v && *v != "fixed" && *v != "auto")
            bad_value("fo:table", "table-layout", *v);
        if (auto v = attr(el, "border-collapse"); v && *v != "collapse" && *v != "separate")
            bad_value("fo:table", "border-collapse", *v);
        const double available = ctx.reference_width - ctx.start_indent - ctx.end_indent;
        double width = available;
        length_context lc;
        lc.font_size = ctx.style.size;
        lc.percent_base = available;
        if (auto v = attr(el, "width"); v && *v != "auto") width = length_value("fo:table", "width", *v, lc);
        if (!(width > 0) || width > available + 0.01) bad_value("fo:table", "width", attr(el, "width").value_or(""));

        std::vector<std::pair<double, bool>> columns;  // a width, or a proportion when second is true
        std::size_t most_cells = 0;
        bool body = false;
        for (const xmlNode* c = el->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE && text_of(c->content).find_first_not_of(" \t\r\n") == std::string_view::npos)
                continue;
            if (c->type != XML_ELEMENT_NODE) throw fo_error("text directly inside fo:table");
            if (is_fo(c, "table-column")) {
                if (!out.children.empty()) throw fo_error("fo:table-column after the table's rows");
                check_properties(c, 0, {"column-width"});
                columns.push_back(column_width(attr(c, "column-width").value_or(""), width, ctx.style.size));
            } else if (is_fo(c, "table-header") || is_fo(c, "table-body")) {
                check_properties(c, p_font | p_paragraph);
                body = body || is_fo(c, "table-body");
                inherited rctx = ctx;
                apply_inherited(c, rctx);
                for (const xmlNode* r = c->children; r; r = r->next) {
                    if (r->type == XML_TEXT_NODE &&
                        text_of(r->content).find_first_not_of(" \t\r\n") == std::string_view::npos)
                        continue;
                    if (!is_fo(r, "table-row")) {
                        if (r->type != XML_ELEMENT_NODE) throw fo_error("text directly inside " + display_name(c));
                        unsupported(r);
                    }
                    out.children.push_back(table_row(r, rctx, is_static));
                    if (is_fo(c, "table-header"))
                        for (node& cell : out.children.back().children) cell.role = "TH";
                    most_cells = std::max(most_cells, out.children.back().children.size());
                }
            } else {
                unsupported(c);
            }
        }
        if (!body) throw fo_error("fo:table without fo:table-body");
        if (columns.empty()) columns.assign(std::max<std::size_t>(most_cells, 1), {1.0, true});
        if (most_cells > columns.size())
            throw fo_error("a fo:table-row of " + std::to_string(most_cells) + " cells in a table of " +
                           std::to_string(columns.size()) + " fo:table-column");
        double fixed = 0, shares = 0;
        for (auto [w, proportional] : columns) (proportional ? shares : fixed) += w;
        if (fixed > width + 0.01) throw fo_error("the fo:table-column widths add up to more than the table's width");
        for (auto [w, proportional] : columns)
            out.columns.push_back(proportional ? (shares > 0 ? (width - fixed) * w / shares : 0) : w);
        return out;
    }

    // column-width: proportional-column-width(N) (a share), a length, or a
    // percentage of the table's width.
    static std::pair<double, bool> column_width(const std::string& value, double table_width, double font_size) {
        constexpr std::string_view fn = "proportional-column-width(";
        if (value.starts_with(fn) && value.ends_with(")")) {
            std::string_view number = std::string_view(value).substr(fn.size(), value.size() - fn.size() - 1);
            double share = 0;
            auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), share);
            if (ec != std::errc{} || ptr != number.data() + number.size() || !(share > 0) || share > 1e6)
                bad_value("fo:table-column", "column-width", value);
            return {share, true};
        }
        length_context lc;
        lc.font_size = font_size;
        lc.percent_base = table_width;
        double w = length_value("fo:table-column", "column-width", value, lc);
        if (!(w >= 0)) bad_value("fo:table-column", "column-width", value);
        return {w, false};
    }

    node table_row(const xmlNode* el, inherited ctx, bool is_static) {
        check_properties(el, p_font | p_paragraph | p_block_box | p_id);
        apply_inherited(el, ctx);
        node out;
        out.what = node::kind::table_row;
        out.props = paragraph_props(ctx);
        apply_box(el, ctx, out.props);
        for (const xmlNode* c = el->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE && text_of(c->content).find_first_not_of(" \t\r\n") == std::string_view::npos)
                continue;
            if (!is_fo(c, "table-cell")) {
                if (c->type != XML_ELEMENT_NODE) throw fo_error("text directly inside fo:table-row");
                unsupported(c);
            }
            out.children.push_back(table_cell(c, ctx, is_static));
        }
        return out;
    }

    // A cell's blocks are measured from its content edges; its width is
    // known once the table's columns are, so it is set there (layout).
    node table_cell(const xmlNode* el, inherited ctx, bool is_static) {
        check_properties(el, p_font | p_paragraph | p_id, {"border", "padding"});
        apply_inherited(el, ctx);
        node out;
        out.what = node::kind::table_cell;
        length_context lc;
        lc.font_size = ctx.style.size;
        if (auto v = attr(el, "padding")) {
            out.frame.padding = length_value("fo:table-cell", "padding", *v, lc);
            if (out.frame.padding < 0) bad_value("fo:table-cell", "padding", *v);
        }
        if (auto v = attr(el, "border")) out.frame = border(*v, out.frame, lc);
        ctx.start_indent = ctx.end_indent = ctx.text_indent = 0;
        out.props = paragraph_props(ctx);
        if (auto v = attr(el, "id")) {
            if (!ids_.insert(*v).second) throw fo_error("the id '" + *v + "' is used twice");
            out.props.id = *v;
        }
        block_children(el, ctx, out, is_static, false);
        return out;
    }

    // border="0.5pt solid #808080" (width, style and colour in any order;
    // solid is the only style drawn), or none.
    static cell_frame border(const std::string& value, cell_frame frame, const length_context& lc) {
        frame.border = 0.5;
        bool drawn = true;
        std::string_view rest = value;
        while (!rest.empty()) {
            std::size_t end = std::min(rest.find(' '), rest.size());
            std::string_view token = rest.substr(0, end);
            rest.remove_prefix(std::min(end + 1, rest.size()));
            if (token.empty()) continue;
            if (token == "none" || token == "hidden") drawn = false;
            else if (token == "solid") drawn = true;
            else if (token.front() == '#' || (token.front() >= 'a' && token.front() <= 'z'))
                frame.border_color = parse_color("fo:table-cell", token);
            else frame.border = length_value("fo:table-cell", "border", token, lc);
        }
        if (!drawn) frame.border = 0;
        if (frame.border < 0 || frame.border > 20) bad_value("fo:table-cell", "border", value);
        return frame;
    }

    node list_item(const xmlNode* el, inherited ctx, bool is_static) {
        check_properties(el, p_font | p_paragraph | p_block_box | p_id);
        apply_inherited(el, ctx);
        node out;
        out.what = node::kind::list_item;
        out.props = paragraph_props(ctx);
        apply_box(el, ctx, out.props);
        bool label = false, body = false;
        for (const xmlNode* c = el->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE && text_of(c->content).find_first_not_of(" \t\r\n") == std::string_view::npos)
                continue;
            bool is_label = is_fo(c, "list-item-label");
            if (!is_label && !is_fo(c, "list-item-body")) {
                if (c->type != XML_ELEMENT_NODE) throw fo_error("text directly inside fo:list-item");
                unsupported(c);
            }
            if ((is_label && (label || body)) || (!is_label && body))
                throw fo_error("fo:list-item needs one fo:list-item-label followed by one fo:list-item-body");
            (is_label ? label : body) = true;
            check_properties(c, p_font | p_paragraph | p_id);
            inherited cctx = ctx;
            apply_inherited(c, cctx);
            node part;
            part.what = is_label ? node::kind::list_label : node::kind::list_body;
            part.props = paragraph_props(cctx);
            if (auto v = attr(c, "id")) {
                if (!ids_.insert(*v).second) throw fo_error("the id '" + *v + "' is used twice");
                part.props.id = *v;
            }
            block_children(c, cctx, part, is_static, false);
            out.children.push_back(std::move(part));
        }
        if (!label || !body)
            throw fo_error("fo:list-item needs one fo:list-item-label followed by one fo:list-item-body");
        return out;
    }

    // ---- inlines ----

    void inline_content(const xmlNode* el, inherited ctx, paragraph_builder& pb, bool is_static) {
        std::string name = display_name(el);
        if (is_fo(el, "page-number") || is_fo(el, "page-number-citation")) {
            bool citation = is_fo(el, "page-number-citation");
            check_properties(el, p_font | (citation ? p_citation : 0u));
            if (!is_static)
                throw fo_error(name + " in the flow (page numbers are supported in fo:static-content)");
            apply_inherited(el, ctx);
            std::string ref;
            if (citation) {
                ref = attr(el, "ref-id").value_or("");
                if (ref.empty()) throw fo_error("fo:page-number-citation without ref-id");
                citations_.push_back(ref);
            }
            pb.field(style_index(ctx.style), ref);
            return;
        }
        bool link = is_fo(el, "basic-link");
        check_properties(el, p_font | p_within_line | (link ? p_link : 0u));
        apply_inherited(el, ctx);
        std::string uri;
        if (link) {
            uri = parse_uri(attr(el, "external-destination").value_or(""));
            if (uri.empty()) throw fo_error("fo:basic-link needs an external-destination");
        }
        bool keep_line = false;
        for (const char* prop : {"keep-together", "keep-together.within-line"})
            if (auto v = attr(el, prop)) keep_line = parse_keep(name, prop, *v);
        const std::uint32_t begin = pb.mark();
        const std::uint32_t style = style_index(ctx.style);
        for (const xmlNode* c = el->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
                pb.text(text_of(c->content), style);
            } else if (c->type == XML_ELEMENT_NODE) {
                if (!is_inline(c)) {
                    if (is_fo(c, "block")) throw fo_error("fo:block inside " + name + " is not supported");
                    unsupported(c);
                }
                inline_content(c, ctx, pb, is_static);
            }
        }
        if (link) pb.link(begin, uri);
        if (keep_line) pb.no_break(begin);
    }

public:
    void check_citations() const {
        for (const std::string& ref : citations_)
            if (!ids_.count(ref)) throw fo_error("fo:page-number-citation refers to the unknown id '" + ref + "'");
    }

private:
    document& doc_;
    std::string root_lang_;
    std::set<std::string> ids_;
    std::vector<std::string> citations_;
};

// ---- the logical structure -------------------------------------------------------------------

class structure_builder {
public:
    explicit structure_builder(document& doc) : doc_(doc) {}

    void build() {
        doc_.structure.clear();
        doc_.structure.push_back({"Document", -1, {}});
        for (page_sequence& seq : doc_.sequences)
            for (node& c : seq.flow.children) walk(c, 0, doc_.meta.language);
    }

private:
    // parent_lang: the language the parent element's content is in.
    void walk(node& n, std::int32_t parent, const std::string& parent_lang, bool only_child = false) {
        const std::string& lang = doc_.styles[n.props.style].lang;
        if (n.what == node::kind::text) {
            n.para.tag = parent;
            for (link_span& l : n.para.links) l.tag = add("Link", parent, {});
            return;
        }
        std::string role = n.role;
        if (role.empty()) role = implied_role(n, parent, only_child);
        std::int32_t self = parent;
        std::string self_lang = parent_lang;
        if (!role.empty()) {
            self = add(role, parent, lang != parent_lang ? lang : std::string());
            self_lang = lang;
        }
        for (node& c : n.children) walk(c, self, self_lang, n.children.size() == 1);
    }

    // A block of text is a paragraph, but a list label, or a table cell of
    // one block, holds its text itself (one element less each: a table's
    // cells are most of its elements); a block of blocks only groups them
    // and is no element.
    std::string implied_role(const node& n, std::int32_t parent, bool only_child) const {
        switch (n.what) {
            case node::kind::block: {
                const bool text = std::any_of(n.children.begin(), n.children.end(),
                                              [](const node& c) { return c.what == node::kind::text; });
                const std::string& holder = doc_.structure[std::size_t(parent)].role;
                const bool holds_text = holder == "Lbl" || (only_child && (holder == "TD" || holder == "TH"));
                return text && !holds_text ? "P" : "";
            }
            case node::kind::list_block: return "L";
            case node::kind::list_item: return "LI";
            case node::kind::list_label: return "Lbl";
            case node::kind::list_body: return "LBody";
            case node::kind::table: return "Table";
            case node::kind::table_row: return "TR";
            case node::kind::table_cell: return "TD";
            case node::kind::text: break;
        }
        return "";
    }

    std::int32_t add(std::string role, std::int32_t parent, std::string lang) {
        doc_.structure.push_back({std::move(role), parent, std::move(lang)});
        return static_cast<std::int32_t>(doc_.structure.size() - 1);
    }

    document& doc_;
};

}  // namespace

void build_structure(document& doc) { structure_builder(doc).build(); }

expected<document> parse_fo(xmlDocPtr fo) {
    const xmlNode* root = fo ? xmlDocGetRootElement(fo) : nullptr;
    if (!root) return problem{rule::pdf, "the FO document is empty"};
    document out;
    try {
        parser p(out);
        p.root(root);
        p.check_citations();
        return out;
    } catch (fo_error& e) {
        return std::move(e.why);
    }
}

}  // namespace communique::detail::pdf
