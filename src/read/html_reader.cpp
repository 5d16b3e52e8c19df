// The HTML reader: a web page (a CMS article page, or communique's own HTML
// output) translated into the document model. It finds the article in the
// page, leaves out what is not part of it (navigation, share buttons,
// scripts, hidden text), and turns the rest into blocks and styled runs as a
// browser would print them: white space collapsed, <b> and font-weight bold,
// <center> and text-align centred, list numbers computed.
//
// The parser is libxml2's HTML parser. It is already linked into every
// communique program (the XML reader and the stylesheets use libxml2), it
// never fetches anything with HTML_PARSE_NONET, and it copes with the tag
// soup that CMS pages are made of. Gumbo would parse more like a browser
// but would be another library to ship, and its upstream is archived. What
// libxml2's tree lacks is columns: it keeps a line per element only. So the
// reader hooks the parser's SAX callbacks (which still build the tree) and
// records, for each piece of text the parser reports, where in the file the
// parser stood; the piece's source is then found by matching its text
// backwards from there. A character reference (&amp;, &#233;) is a piece of
// its own whose source is the whole reference. Every run therefore has the
// exact line and column of its text, and a run never spans text whose
// source differs from it (a reference, collapsed white space): a position
// inside a run is its start plus the code points before it.
//
// libxml2 2.9 stops parsing an HTML page nested deeper than 256 elements
// (xmlParserMaxDepth): such a page is refused as nested too deeply, since
// the rest of it is lost. The reader walks the tree without recursion, and
// refuses quotes, lists and tables nested deeper than limits.max_nesting as
// the Markdown reader does. A start tag with hundreds of attributes, on
// which libxml2 2.9 is quadratic, is refused before parsing.
//
// The article is the element the content XPath selects, else the <main> or
// <article> holding most text (an <article> inside the <main> first),
// unless most paragraph text is elsewhere; else the element whose <p>
// children hold most text outside links (a readability score: a paragraph
// counts for its parent, half for its grandparent); else the <body>.
//
// Formatting comes from the markup and style attributes (and the alignment
// classes of WordPress and Bootstrap); the page's style sheets are not
// applied. A blank line made of two <br> ends a paragraph, as a blank line
// does in a draft. <pre> is a preformatted block.
//
// What is left out of the article, kept small on purpose:
//   - elements that print no text of the article: script, style, noscript,
//     template, head, form controls, iframe, object, embed, svg, math,
//     canvas, audio, video, map, dialog, and a table's caption;
//   - the page's bars: nav, aside, menu; header and footer unless inside an
//     <article> (a <header> holding an <h1> is also kept: a headline);
//   - hidden elements: the hidden attribute, aria-hidden="true",
//     style="display:none" or "visibility:hidden";
//   - chrome by ARIA role (navigation, banner, contentinfo, complementary,
//     search, menu, menubar) and by a word of its class or id (see
//     chrome_word: breadcrumbs, share buttons, related news, tags, ...),
//     unless it wraps the article;
//   - comments, and screen-reader-only text (sr-only, visually-hidden).
//
// communique's own HTML (xslt/html.xsl) prints some of the release's
// emphasis through its style sheet: persons and the organisation are bold,
// the subheadline italic, the header centred. Inside an
// <article class="release"> those classes give the runs and blocks the
// emphasis and alignment the draft had (see communique_class), so that a
// page communique wrote reads back to the same release.
#include "read/readers.hpp"

#include "core/numerals.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/xpath.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace communique::detail {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// A problem that ends the reading, thrown from however deep it is found:
// the document gets it as its one diagnostic and no blocks.
struct fatal {
    fatal(rule id, std::string message, source_position where = {1, 1})
        : why(id, std::move(message), where, where) {}
    problem why;
};

// ---------------------------------------------------------------- strings

std::string_view view(const xmlChar* s) { return s ? reinterpret_cast<const char*>(s) : std::string_view(); }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

constexpr std::string_view nbsp = "\u00A0";

// Bytes of non-breaking spaces at the start of s.
std::size_t leading_nbsp(std::string_view s) {
    std::size_t n = 0;
    while (s.substr(n, nbsp.size()) == nbsp) n += nbsp.size();
    return n;
}

// Text that prints as space only (spaces, tabs, non-breaking spaces).
bool blank(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == ' ' || s[i] == '\t') ++i;
        else if (s.substr(i, nbsp.size()) == nbsp) i += nbsp.size();
        else return false;
    }
    return true;
}

// Bytes of s that are not white space: the measure of "how much text".
std::size_t text_bytes(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return !is_space(c); }));
}

// The words of a class or id attribute: "post-share_buttons x" gives post,
// share, buttons, x.
std::vector<std::string> words_of(std::string_view s) {
    std::vector<std::string> out;
    std::string w;
    for (char c : s) {
        if (is_space(c) || c == '-' || c == '_') {
            if (!w.empty()) out.push_back(lower(w));
            w.clear();
        } else {
            w += c;
        }
    }
    if (!w.empty()) out.push_back(lower(w));
    return out;
}

// The class tokens of a class attribute.
std::vector<std::string_view> tokens_of(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_space(s[i])) ++i;
        std::size_t j = i;
        while (j < s.size() && !is_space(s[j])) ++j;
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

// ---------------------------------------------------------------- nodes

std::string_view name_of(const xmlNode* n) { return view(n->name); }

bool is_element(const xmlNode* n, std::string_view name) {
    return n && n->type == XML_ELEMENT_NODE && name_of(n) == name;
}

// An attribute's value (the HTML parser gives names in lower case and has
// decoded the references in the value), or nothing.
std::optional<std::string> attribute(const xmlNode* n, std::string_view name) {
    for (const xmlAttr* a = n->properties; a; a = a->next) {
        if (view(a->name) != name) continue;
        std::string value;
        for (const xmlNode* c = a->children; c; c = c->next)
            if (c->type == XML_TEXT_NODE) value += view(c->content);
        return value;
    }
    return std::nullopt;
}

bool has_class(const xmlNode* n, std::string_view token) {
    auto cls = attribute(n, "class");
    if (!cls) return false;
    auto tokens = tokens_of(*cls);
    return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

// True when `inner` is `outer` or inside it.
bool within(const xmlNode* inner, const xmlNode* outer) {
    for (const xmlNode* n = inner; n; n = n->parent)
        if (n == outer) return true;
    return false;
}

// True when an element of n's subtree (n excluded) is named `name`; iterative.
bool has_descendant(const xmlNode* n, std::string_view name) {
    const xmlNode* c = n->children;
    while (c && c != n) {
        if (is_element(c, name)) return true;
        if (c->type == XML_ELEMENT_NODE && c->children) {
            c = c->children;
            continue;
        }
        while (c != n && !c->next) c = c->parent;
        if (c != n) c = c->next;
    }
    return false;
}

// ---------------------------------------------------------------- what an element is

enum class element_kind : std::uint8_t {
    skipped,        // prints nothing of the article
    inline_,        // text-level: its content flows into the paragraph around it
    line_break,     // br
    image,          // img
    rule,           // hr
    flow,           // a block holding paragraphs and blocks (div, p, section...)
    heading,        // h1-h6
    preformatted,   // pre
    quote,          // blockquote
    list,           // ul, ol
    item,           // li
    table,          // table
    table_section,  // thead, tbody, tfoot
    row,            // tr
    cell,           // td, th
};

bool one_of(std::string_view s, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

element_kind kind_of(std::string_view name) {
    if (one_of(name, {"script", "style", "noscript", "template", "head", "title", "form", "button", "select",
                      "input", "textarea", "option", "iframe", "frame", "frameset", "object", "embed", "svg",
                      "math", "canvas", "audio", "video", "map", "dialog", "caption", "nav", "aside", "menu"}))
        return element_kind::skipped;
    if (name == "br") return element_kind::line_break;
    if (name == "img") return element_kind::image;
    if (name == "hr") return element_kind::rule;
    if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return element_kind::heading;
    if (one_of(name, {"pre", "listing", "xmp", "plaintext"})) return element_kind::preformatted;
    if (name == "blockquote") return element_kind::quote;
    if (one_of(name, {"ul", "ol", "dir"})) return element_kind::list;
    if (name == "li") return element_kind::item;
    if (name == "table") return element_kind::table;
    if (one_of(name, {"thead", "tbody", "tfoot"})) return element_kind::table_section;
    if (name == "tr") return element_kind::row;
    if (name == "td" || name == "th") return element_kind::cell;
    if (one_of(name, {"html", "body", "div", "p", "section", "article", "main", "header", "footer", "center",
                      "address", "figure", "figcaption", "details", "summary", "dl", "dt", "dd", "hgroup",
                      "fieldset", "legend", "search", "noframes"}))
        return element_kind::flow;
    return element_kind::inline_;
}

// Words of a class or id that mark a page's chrome rather than its article
// ("breadcrumbs", "post-share", "related_news", a post's "entry-footer" with
// its categories): the list is short on purpose, each word common on CMS
// pages and rare in an article's markup. "meta" is one only for a byline
// (see byline): a page's metadata may name the issuer instead ("News
// provided by" / the company, an EU delegation's team under the title).
bool chrome_word(std::string_view w) {
    return one_of(w, {"breadcrumb", "breadcrumbs", "share", "sharing", "social", "related", "tags", "pagination",
                      "pager", "cookie", "cookies", "consent", "newsletter", "subscribe", "sidebar", "menu",
                      "navbar", "nav", "navigation", "comments", "advert", "advertisement", "byline",
                      "posted", "labels", "footer"});
}

// A "meta" element's text that is the page's byline, not the issuer: a
// date, "Posted on ... by ...", "Submitted by", an author. One that names
// the issuer ("News provided by", "From:", "Source:", "Issued by") is read.
bool byline(const xmlNode* n) {
    xmlChar* content = xmlNodeGetContent(n);
    std::string text = content ? lower(reinterpret_cast<const char*>(content)) : std::string();
    xmlFree(content);
    std::string_view t = trim(text);
    for (std::string_view issuer : {"news provided by", "from:", "source:", "issued by"})
        if (t.starts_with(issuer)) return false;
    if (t.find_first_of("0123456789") != std::string_view::npos) return true;
    for (std::string_view word : {"posted", "by ", "submitted", "author", "updated", "written"})
        if (t.find(word) != std::string_view::npos) return true;
    return false;
}

bool chrome_role(std::string_view r) {
    return one_of(r, {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"});
}

// Screen-reader text ("Share on Facebook", "Opens in a new window").
bool unprinted_class(std::string_view c) {
    return one_of(c, {"sr-only", "visually-hidden", "screen-reader-text", "hidden"});
}

bool inside_article(const xmlNode* n) {
    for (; n; n = n->parent)
        if (is_element(n, "article")) return true;
    return false;
}

// A style attribute's declarations, property and value in lower case.
std::vector<std::pair<std::string, std::string>> declarations(std::string_view css) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t i = 0;
    while (i <= css.size()) {
        std::size_t semi = css.find(';', i);
        if (semi == npos) semi = css.size();
        std::string_view decl = css.substr(i, semi - i);
        i = semi + 1;
        std::size_t colon = decl.find(':');
        if (colon == npos) continue;
        std::string value = lower(trim(decl.substr(colon + 1)));
        if (std::size_t bang = value.find('!'); bang != npos) value = std::string(trim(value.substr(0, bang)));
        out.emplace_back(lower(trim(decl.substr(0, colon))), std::move(value));
    }
    return out;
}

// True when the element prints nothing of the article (the content root
// itself is never asked).
bool left_out(const xmlNode* n) {
    std::string_view name = name_of(n);
    if (kind_of(name) == element_kind::skipped) return true;
    if (name == "header" && !inside_article(n) && !has_descendant(n, "h1")) return true;
    if (name == "footer" && !inside_article(n)) return true;
    if (attribute(n, "hidden")) return true;
    if (auto v = attribute(n, "aria-hidden"); v && lower(trim(*v)) == "true") return true;
    if (auto css = attribute(n, "style"))
        for (auto& [property, value] : declarations(*css))
            if ((property == "display" && value == "none") || (property == "visibility" && value == "hidden"))
                return true;
    if (auto role = attribute(n, "role"); role && chrome_role(lower(trim(*role)))) return true;
    if (auto cls = attribute(n, "class"))
        for (std::string_view t : tokens_of(*cls))
            if (unprinted_class(lower(t))) return true;
    // A class or id word: unless the element wraps the article ("site
    // has-sidebar" around everything), as an <article>, a <main> or an <h1>
    // in it shows.
    bool chrome = false;
    for (const char* a : {"class", "id"})
        if (auto value = attribute(n, a))
            for (const std::string& w : words_of(*value))
                chrome = chrome || chrome_word(w) || (w == "meta" && byline(n));
    if (chrome && !has_descendant(n, "article") && !has_descendant(n, "main") && !has_descendant(n, "h1"))
        return true;
    return false;
}

// ---------------------------------------------------------------- source offsets

// A stretch of a text node's (decoded) content and the source it came from.
// A verbatim piece is its source byte for byte; any other piece (a
// character reference, a CR the parser dropped) maps as a whole.
struct piece {
    std::size_t text_begin = 0, text_end = 0;
    std::size_t source_begin = 0, source_end = 0;
    bool verbatim = true;
};

// What the reader knows of a node, found through its _private pointer.
struct node_info {
    // Elements: the start tag's '<' (or where an implied element began),
    // just past the start tag, just past the end (tag).
    std::size_t tag_begin = 0, content_begin = 0, end = npos;
    // Text nodes: the content's length so far and its pieces.
    std::size_t length = 0;
    std::vector<piece> pieces;
    // The article search: text in the element, of it in links, and the
    // paragraph score it gets from its children and grandchildren.
    std::size_t text = 0, link = 0;
    double score = 0;
};

// The SAX hooks' state: the source, and the node_info of every node built.
class recorder {
public:
    explicit recorder(std::string_view text) : text_(text) {}

    node_info& info(xmlNode* n) {
        if (!n->_private) {
            infos_.push_back(std::make_unique<node_info>());
            n->_private = infos_.back().get();
        }
        return *static_cast<node_info*>(n->_private);
    }
    static const node_info* find(const xmlNode* n) { return static_cast<const node_info*>(n->_private); }

    std::size_t offset(xmlParserCtxtPtr ctxt) const {
        if (!ctxt->input || !ctxt->input->cur || !ctxt->input->base) return last_;  // no input: as before
        auto at = static_cast<std::size_t>(ctxt->input->consumed) +
                  static_cast<std::size_t>(ctxt->input->cur - ctxt->input->base);
        return std::min(at, text_.size());
    }

    // The parser reports a start tag standing on its '>' (or "/>"); an
    // element it implied (<tbody>, a <p> it opened) has no tag there.
    void started(xmlParserCtxtPtr ctxt, xmlNode* element) {
        std::size_t at = offset(ctxt);
        std::size_t after = at;
        if (text_.substr(at, 1) == ">") after = at + 1;
        else if (text_.substr(at, 2) == "/>") after = at + 2;
        node_info& ni = info(element);
        ni.content_begin = after;
        ni.tag_begin = after != at ? tag_start(at, name_of(element)) : at;
        seen(at);
    }

    // Reported past its end tag, or (an element the parser closed itself)
    // wherever the parser was.
    void ended(xmlParserCtxtPtr ctxt, xmlNode* element) {
        std::size_t at = offset(ctxt);
        info(element).end = at;
        seen(at);
    }

    // A piece of text the parser added to text node t, which it reported
    // with the parser standing at `end`.
    void characters(xmlParserCtxtPtr ctxt, xmlNode* t, bool appended, std::string_view decoded) {
        node_info& ni = info(t);
        if (!appended) ni.length = 0;
        std::size_t end = offset(ctxt);
        locate(decoded, end, ni.length, ni.pieces);
        ni.length += decoded.size();
        seen(end);
    }

    void seen(std::size_t at) { last_ = std::max(last_, at); }
    // About where the parser stopped.
    std::size_t last() const { return last_; }

private:
    std::string_view text_;
    std::vector<std::unique_ptr<node_info>> infos_;
    std::size_t last_ = 0;  // the furthest the parser was at an event

    // The '<' of the start tag whose '>' is at `at`; `at` if there is none.
    std::size_t tag_start(std::size_t at, std::string_view name) const {
        std::size_t lt = text_.rfind('<', at);
        if (lt == npos || lower(text_.substr(lt + 1, name.size())) != name) return at;
        return lt;
    }

    // True when the source just before `end` is the end of `decoded` (its
    // last characters, up to 16 bytes).
    bool ends_with_at(std::string_view decoded, std::size_t end) const {
        std::size_t k = std::min<std::size_t>(decoded.size(), 16);
        return end >= k && end <= text_.size() && text_.substr(end - k, k) == decoded.substr(decoded.size() - k);
    }

    // Finds the source of `decoded`, which ends at `end` (or one character
    // later: the parser reports a full buffer before it steps over the last
    // character), matching backwards. What does not match is a reference:
    // its source starts at the '&' before it.
    void locate(std::string_view decoded, std::size_t end, std::size_t text_at, std::vector<piece>& out) const {
        if (decoded.empty()) return;
        if (!ends_with_at(decoded, end) && end < text_.size()) {
            std::size_t step = 1;
            while (end + step < text_.size() && (static_cast<unsigned char>(text_[end + step]) & 0xC0) == 0x80) ++step;
            if (ends_with_at(decoded, end + step)) end += step;
        }
        std::vector<piece> found;  // backwards
        std::size_t i = decoded.size(), j = end;
        std::size_t run_i = i, run_j = j;  // the end of the verbatim stretch being matched
        auto close_run = [&] {
            if (run_i > i) found.push_back({text_at + i, text_at + run_i, j, run_j, true});
        };
        while (i > 0 && j > 0) {
            if (text_[j - 1] == decoded[i - 1]) {
                --i, --j;
            } else if (text_[j - 1] == '\r') {
                // The parser reads CR LF as LF (the LF matched already), and
                // a lone CR as LF.
                close_run();
                bool before_lf = j < text_.size() && text_[j] == '\n';
                if (!before_lf && decoded[i - 1] == '\n') {
                    found.push_back({text_at + i - 1, text_at + i, j - 1, j, false});
                    --i;
                }
                --j;
                run_i = i, run_j = j;
            } else {
                break;
            }
        }
        close_run();
        if (i > 0) {
            // A reference: from its '&' to where the matched text begins.
            // The '&' is before a name or number and maybe a ';' (a name
            // in Thai or Khmer letters can be long); without one, the piece
            // is taken to be as long as its source.
            std::size_t amp = j;
            auto in_name = [](char c) { return !is_space(c) && c != '<' && c != '>' && c != '&'; };
            while (amp > 0 && in_name(text_[amp - 1])) --amp;
            std::size_t begin = amp > 0 && text_[amp - 1] == '&' ? amp - 1 : j - std::min(j, i);
            // "&foo;" and "&copy" (no reference, or none without its ';')
            // come as a literal "&", reported past the name after it.
            bool literal = decoded.substr(0, i) == "&" && text_.substr(begin, 1) == "&" && j > 0 &&
                           text_[j - 1] != ';';
            if (literal) found.push_back({text_at, text_at + 1, begin, begin + 1, true});
            else found.push_back({text_at, text_at + i, std::min(begin, j), j, false});
        }
        out.insert(out.end(), found.rbegin(), found.rend());
    }
};

recorder* recorder_of(void* ctx) {
    auto ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    return static_cast<recorder*>(ctxt->_private);
}

void on_start(void* ctx, const xmlChar* name, const xmlChar** attributes) {
    auto ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    xmlNode* parent = ctxt->node;
    xmlSAX2StartElement(ctx, name, attributes);
    if (recorder* r = recorder_of(ctx); r && ctxt->node && ctxt->node != parent) r->started(ctxt, ctxt->node);
}

void on_end(void* ctx, const xmlChar* name) {
    auto ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    if (recorder* r = recorder_of(ctx); r && ctxt->node) r->ended(ctxt, ctxt->node);
    xmlSAX2EndElement(ctx, name);
}

// Text, and white space the parser deems ignorable: libxml2 would drop the
// space in "<time>…</time> <span>" (it does not know <time> holds text),
// and a browser prints it.
void on_characters(void* ctx, const xmlChar* ch, int len) {
    auto ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    xmlNode* parent = ctxt->node;
    xmlNode* before = parent ? parent->last : nullptr;
    xmlSAX2Characters(ctx, ch, len);
    recorder* r = recorder_of(ctx);
    if (!r) return;
    if (!parent || !parent->last || parent->last->type != XML_TEXT_NODE) {
        r->seen(r->offset(ctxt));
        return;
    }
    r->characters(ctxt, parent->last, parent->last == before,
                  std::string_view(reinterpret_cast<const char*>(ch), static_cast<std::size_t>(len)));
}

void on_comment(void* ctx, const xmlChar* value) {
    xmlSAX2Comment(ctx, value);
    if (recorder* r = recorder_of(ctx)) r->seen(r->offset(static_cast<xmlParserCtxtPtr>(ctx)));
}

void on_cdata(void* ctx, const xmlChar* value, int len) {
    xmlSAX2CDataBlock(ctx, value, len);
    if (recorder* r = recorder_of(ctx)) r->seen(r->offset(static_cast<xmlParserCtxtPtr>(ctx)));
}

// libxml2 2.9 checks a start tag's attributes pairwise and adds each by
// walking the element's list to its end: one tag with 100,000 attributes
// takes a minute. A web page's elements have a few; a start tag with more
// than this many is refused before parsing.
constexpr std::size_t max_attributes = 256;

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The attributes of the start tag at `at` (its '<'), counted by their names
// ("a=1", "b = 'x'", "hidden"), up to limit + 1; `end` is set past it.
std::size_t count_attributes(std::string_view text, std::size_t at, std::size_t limit, std::size_t& end) {
    std::size_t count = 0, j = at + 1;
    while (j < text.size() && !is_space(text[j]) && text[j] != '>' && text[j] != '/') ++j;  // the name
    char quote = 0;
    bool in_token = false, value_next = false;
    for (; j < text.size() && count <= limit; ++j) {
        char c = text[j];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
            value_next = false;
        } else if (c == '>') {
            break;
        } else if (is_space(c) || c == '/') {
            in_token = false;
        } else if (c == '=') {
            in_token = false;
            value_next = true;
        } else if (!in_token) {
            in_token = true;
            if (value_next) value_next = false;  // an unquoted value
            else ++count;
        }
    }
    end = j;
    return count;
}

// The offset of the first start tag with more than max_attributes
// attributes, or npos. Comments are skipped whole, and the content of
// script and style elements (which is not markup). Linear.
std::size_t crowded_start_tag(std::string_view text) {
    auto skip_past = [&](std::size_t from, std::string_view what) {
        std::size_t at = text.find(what, from);
        return at == npos ? text.size() : at + what.size();
    };
    for (std::size_t i = text.find('<'); i < text.size(); i = text.find('<', i)) {
        if (text.substr(i, 4) == "<!--") {
            i = skip_past(i + 4, "-->");
            continue;
        }
        if (i + 1 == text.size() || !is_letter(text[i + 1])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        if (count_attributes(text, i, max_attributes, end) > max_attributes) return i;
        std::string name = lower(text.substr(i + 1, 6));
        i = end;
        for (std::string_view raw : {"script", "style"}) {
            if (!name.starts_with(raw) || (name.size() > raw.size() && is_letter(name[raw.size()]))) continue;
            // To its end tag, in any case.
            for (i = text.find("</", i); i < text.size(); i = text.find("</", i + 2))
                if (lower(text.substr(i + 2, raw.size())) == raw) break;
        }
    }
    return npos;
}

struct doc_deleter {
    void operator()(xmlDoc* d) const noexcept { xmlFreeDoc(d); }
};
using html_doc = std::unique_ptr<xmlDoc, doc_deleter>;

// ---------------------------------------------------------------- positions

// Byte offsets to line and column, as source_text counts them, walking
// forward from the last offset converted: the reader asks in nearly
// increasing order, so a page on one long line (minified HTML) costs its
// length, not its length for every run.
class position_finder {
public:
    explicit position_finder(const source_text& src) : src_(src) {}

    source_position at(std::size_t offset) {
        std::string_view t = src_.text();
        offset = std::min(offset, t.size());
        if (offset < offset_) {
            offset_ = offset;
            pos_ = src_.position_at(offset);
            return pos_;
        }
        for (; offset_ < offset; ++offset_) {
            char c = t[offset_];
            bool line_end = c == '\n' || (c == '\r' && (offset_ + 1 == t.size() || t[offset_ + 1] != '\n'));
            if (line_end && offset_ + 1 < t.size()) {
                ++pos_.line;
                pos_.column = 1;
            } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
                ++pos_.column;
            }
        }
        return pos_;
    }

private:
    const source_text& src_;
    std::size_t offset_ = 0;
    source_position pos_{1, 1};
};

// ---------------------------------------------------------------- styles

// What an element passes on to its content.
struct style {
    run_builder::style run;
    alignment align = alignment::unspecified;
    bool pre = false;         // white space kept (inside <pre>)
    bool communique = false;  // inside communique's own <article class="release">
};

bool same_run_style(const run_builder::style& a, const run_builder::style& b) {
    return a.strong == b.strong && a.emphasis == b.emphasis && a.underline == b.underline && a.caps == b.caps &&
           a.link == b.link && a.size == b.size;
}

std::optional<alignment> alignment_of(std::string_view value) {
    std::string v = lower(trim(value));
    if (v == "left" || v == "start") return alignment::left;
    if (v == "center" || v == "middle") return alignment::centre;
    if (v == "right" || v == "end") return alignment::right;
    if (v == "justify") return alignment::justified;
    return std::nullopt;
}

// A CSS number at the start of s ("700", "1.5em"), or nothing.
std::optional<double> leading_number(std::string_view s, std::size_t& used) {
    std::size_t i = 0;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) ++i;
    if (i == 0) return std::nullopt;
    used = i;
    try {
        return std::stod(std::string(s.substr(0, i)));
    } catch (...) {
        return std::nullopt;
    }
}

void apply_css(style& st, std::string_view css, bool block_level) {
    for (auto& [property, value] : declarations(css)) {
        if (property == "font-weight") {
            std::size_t used = 0;
            if (value == "bold" || value == "bolder") st.run.strong = true;
            else if (value == "normal" || value == "lighter") st.run.strong = false;
            else if (auto w = leading_number(value, used)) st.run.strong = *w >= 600;
        } else if (property == "font-style") {
            if (value == "italic" || value.starts_with("oblique")) st.run.emphasis = true;
            else if (value == "normal") st.run.emphasis = false;
        } else if (property == "text-decoration" || property == "text-decoration-line") {
            if (value.find("underline") != npos) st.run.underline = true;
            else if (value == "none") st.run.underline = false;
        } else if (property == "text-transform") {
            if (value == "uppercase") st.run.caps = true;
            else if (value == "none" || value == "lowercase" || value == "capitalize") st.run.caps = false;
        } else if (property == "font-size") {
            // Relative sizes only: an absolute one needs the body's size.
            std::size_t used = 0;
            if (auto v = leading_number(value, used); v && *v > 0) {
                std::string_view unit = std::string_view(value).substr(used);
                if (unit == "%") st.run.size *= static_cast<float>(*v / 100);
                else if (unit == "em" || unit == "rem") st.run.size *= static_cast<float>(*v);
            }
        } else if (property == "text-align" && block_level) {
            if (auto a = alignment_of(value)) st.align = *a;
        }
    }
}

// What communique's style sheet (xslt/html.xsl) prints for its classes,
// limited to what the draft had: the persons and the organisation bold,
// the subheadline italic, the header and the end mark centred, a dateline
// at the end on the right. The national header, the genre and a run-in
// dateline are bold on the page but plain in the draft and the release, so
// they are left plain.
void communique_class(style& st, std::string_view cls) {
    for (std::string_view t : tokens_of(cls)) {
        if (t == "person" || t == "organisation") st.run.strong = true;
        else if (t == "subheadline") st.run.emphasis = true;
        else if (t == "release-header" || t == "end-mark") st.align = alignment::centre;
        else if (t == "dateline-end") st.align = alignment::right;
    }
}

// The alignment CMS themes give by class, their style sheet out of reach:
// WordPress's block editor and Bootstrap.
std::optional<alignment> class_alignment(std::string_view cls) {
    std::optional<alignment> found;
    for (std::string_view t : tokens_of(cls)) {
        if (one_of(t, {"has-text-align-center", "text-center", "aligncenter"})) found = alignment::centre;
        else if (one_of(t, {"has-text-align-right", "text-right", "text-end", "alignright"})) found = alignment::right;
        else if (one_of(t, {"has-text-align-left", "text-left", "text-start", "alignleft"})) found = alignment::left;
        else if (one_of(t, {"has-text-align-justify", "text-justify"})) found = alignment::justified;
    }
    return found;
}

style style_of(const xmlNode* n, const style& parent, element_kind kind) {
    style st = parent;
    std::string_view name = name_of(n);
    bool block_level = kind != element_kind::inline_;
    if (name == "b" || name == "strong") st.run.strong = true;
    else if (name == "i" || name == "em" || name == "cite" || name == "dfn" || name == "var") st.run.emphasis = true;
    else if (name == "u" || name == "ins") st.run.underline = true;
    else if (name == "center") st.align = alignment::centre;
    else if (name == "a") {
        if (auto href = attribute(n, "href"); href && !trim(*href).empty()) st.run.link = std::string(trim(*href));
    }
    if (kind == element_kind::preformatted) st.pre = true;
    if (block_level)
        if (auto align = attribute(n, "align"))
            if (auto a = alignment_of(*align)) st.align = *a;
    if (auto cls = attribute(n, "class")) {
        if (block_level)
            if (auto a = class_alignment(*cls)) st.align = *a;
        if (name == "article" && has_class(n, "release")) st.communique = true;
        if (st.communique) communique_class(st, *cls);
    }
    if (auto css = attribute(n, "style")) apply_css(st, *css, block_level);
    return st;
}

// ---------------------------------------------------------------- list markers

// The counter as a browser prints it for an <ol type>: "1", "c", "IV".
std::string counter_text(long n, char type) {
    if (type == 'a' || type == 'A') {
        if (n >= 1) return alphabetic_numeral(static_cast<double>(n), type == 'A');
    } else if (type == 'i' || type == 'I') {
        if (n >= 1 && n < 4000) return roman_numeral(static_cast<double>(n), type == 'I');
    }
    return std::to_string(n);
}

std::optional<long> integer_of(std::string_view s) {
    s = trim(s);
    bool negative = s.starts_with('-');
    if (negative) s.remove_prefix(1);
    if (s.empty() || s[0] < '0' || s[0] > '9') return std::nullopt;
    long v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') break;
        v = std::min<long>(v * 10 + (c - '0'), 1'000'000'000);
    }
    return negative ? -v : v;
}

// ---------------------------------------------------------------- the reader

// Where inline content goes: a block filled with paragraphs and blocks
// (flow), or a list, table or row whose content must be items, rows, cells.
enum class role : std::uint8_t { flow, list, table, row };

// A run of text not yet given to the run builder: consecutive verbatim
// text with one style becomes one run.
struct pending_text {
    bool active = false;
    std::string text;
    std::size_t begin = 0, end = 0;
    bool verbatim = false;
    run_builder::style style;
};

struct container {
    role what = role::flow;
    std::vector<block>* out = nullptr;  // flow: where its blocks go
    block* owner = nullptr;            // the block it fills (quote, list, item, table, row, cell); null: none
    const xmlNode* element = nullptr;
    int levels = 0;  // quotes, lists and tables around it, itself included

    // Flow: the paragraphs it makes of inline content.
    block_kind para_kind = block_kind::paragraph;
    int level = 0;
    alignment align = alignment::unspecified;
    bool element_is_paragraph = false;  // the element is the paragraph itself (p, h1, pre)
    bool first = true;                  // no paragraph of it yet

    // List: its counter and how its markers print.
    bool ordered = false;
    long counter = 1;
    char type = '1';
    std::string prefix, suffix = ".", bullet = "•";

    // The open paragraph.
    block* para = nullptr;
    std::optional<run_builder> builder;
    bool line_has_text = false;
    pending_text text;
    pending_text space;  // collapsed white space, printed only if text follows on the line
};

struct frame {
    xmlNode* node = nullptr;
    xmlNode* next = nullptr;  // the next child to read
    style st;
    std::size_t container = 0;  // where its content goes (index into containers_)
    bool owns_container = false;
};

class html_reader {
public:
    html_reader(const source_text& src, const reader_limits& limits, std::string_view xpath)
        : src_(src), limits_(limits), xpath_(xpath), rec_(src.text()), pos_(src) {}

    document read();

private:
    const source_text& src_;
    const reader_limits& limits_;
    std::string_view xpath_;
    recorder rec_;
    position_finder pos_;
    document doc_;
    std::size_t end_ = npos;  // just past the last text that is not white space

    std::vector<container> containers_;
    std::vector<frame> frames_;

    html_doc parse();
    xmlNode* select(xmlDoc* doc);
    xmlNode* find_article(xmlDoc* doc);
    xmlNode* with_title(xmlNode* paragraphs, xmlNode* root);
    void measure(xmlNode* top, std::vector<xmlNode*>& mains, std::vector<xmlNode*>& articles,
                 std::vector<xmlNode*>& scored);
    void walk(xmlNode* root);

    // The tree walk.
    void enter(xmlNode* n, std::size_t parent, const style& parent_style, bool root);
    void leave(const frame& f);
    void text(xmlNode* t, std::size_t c, const style& st);
    void push_container(container c, xmlNode* n, const style& st);
    void enter_flow(xmlNode* n, container& c, const style& st, element_kind kind);
    void enter_level(xmlNode* n, container& c, const style& st, element_kind kind);
    void enter_item(xmlNode* n, container& list, const style& st);
    void enter_cell(xmlNode* n, container& c, const style& st);
    void describe_markers(container& list, const xmlNode* n);
    std::vector<block>* target(container& c);
    block& open_block(container& c, block_kind kind, xmlNode* n);
    void close_block(block& b, xmlNode* n);

    // Paragraphs.
    void ensure_paragraph(container& c, std::size_t at);
    void close_paragraph(container& c, bool element_ends);
    void add_text(container& c, std::string_view s, std::size_t begin, std::size_t end, bool verbatim,
                  const style& st);
    void add_space(container& c, std::size_t begin, std::size_t end, const style& st);
    void add_break(container& c, xmlNode* br);
    void flush(container& c);
    void add_image(container& c, xmlNode* img);
    bool add_caption(container& c, xmlNode* figcaption);
    void add_words(container& c, std::string_view s, const piece& p, const style& st);
    void add_lines(container& c, std::string_view s, const piece& p, const style& st);

    // Positions.
    std::size_t tag_begin(const xmlNode* n) const {
        const node_info* ni = recorder::find(n);
        return ni ? ni->tag_begin : 0;
    }
    std::size_t content_begin(const xmlNode* n) const {
        const node_info* ni = recorder::find(n);
        return ni ? ni->content_begin : 0;
    }
    // Just past the element's end tag; npos when it has none in the source.
    std::size_t end_tag_end(const xmlNode* n) const;
    source_span span_of(std::size_t begin, std::size_t end) { return {pos_.at(begin), pos_.at(end)}; }
    std::string marker_of(container& list, const xmlNode* li);
};

html_doc html_reader::parse() {
    std::string_view text = src_.text();
    if (std::size_t tag = crowded_start_tag(text); tag != npos)
        throw fatal{
            rule::html_content,
            "an element has more than " + std::to_string(max_attributes) + " attributes (a web page's have a few)",
            src_.position_at(tag)};
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) throw std::bad_alloc();
    ctxt->_private = &rec_;
    ctxt->sax->startElement = on_start;
    ctxt->sax->endElement = on_end;
    ctxt->sax->characters = on_characters;
    ctxt->sax->ignorableWhitespace = on_characters;
    ctxt->sax->comment = on_comment;
    ctxt->sax->cdataBlock = on_cdata;
    // NONET: never fetch. The caller checked the bytes are UTF-8: said so,
    // the parser ignores a <meta charset> that claims otherwise.
    int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
    xmlDocPtr doc = htmlCtxtReadMemory(ctxt, text.data(), static_cast<int>(text.size()), nullptr, "UTF-8", options);
    // A parser that stopped before the end (libxml2 stops at 256 levels of
    // elements) has lost the rest of the page.
    bool stopped = ctxt->disableSAX != 0;
    int error = ctxt->errNo;
    htmlFreeParserCtxt(ctxt);
    html_doc owned(doc);
    if (stopped) {
        source_position p = src_.position_at(rec_.last());
        if (error == XML_ERR_INTERNAL_ERROR)
            throw fatal{rule::nesting_too_deep,
                        "the page's elements are nested deeper than 256 levels; the rest of it cannot be read", p};
        throw fatal{rule::html_content, "the HTML parser stopped before the end of the page", p};
    }
    if (!owned || !xmlDocGetRootElement(doc)) throw fatal{rule::html_content, "the page has no HTML elements"};
    return owned;
}

#if LIBXML_VERSION >= 21200
void ignore_xpath_error(void*, const xmlError*) {}
#else
void ignore_xpath_error(void*, xmlErrorPtr) {}
#endif

// The element the user's XPath selects: the first one in document order.
xmlNode* html_reader::select(xmlDoc* doc) {
    std::string expr(xpath_);
    auto fail = [&](std::string why) { return fatal{rule::html_content, "the content XPath \"" + expr + "\" " + why}; };
    std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> ctx(xmlXPathNewContext(doc),
                                                                         xmlXPathFreeContext);
    if (!ctx) throw std::bad_alloc();
    ctx->error = ignore_xpath_error;  // reported here, not on stderr
    std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> result(
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expr.c_str()), ctx.get()), xmlXPathFreeObject);
    if (!result) throw fail("is not a valid XPath expression");
    if (result->type != XPATH_NODESET) throw fail("does not select elements");
    xmlNodeSetPtr set = result->nodesetval;
    xmlNode* first = nullptr;
    for (int i = 0; set && i < set->nodeNr; ++i) {
        xmlNode* n = set->nodeTab[i];
        if (n->type != XML_ELEMENT_NODE) continue;
        if (!first || xmlXPathCmpNodes(n, first) > 0) first = n;  // > 0: n comes first
    }
    if (!first) throw fail("selects no element of the page");
    return first;
}

// Text, link text and paragraph scores of the elements under top that are
// not left out, and the <main> and <article> elements among them.
void html_reader::measure(xmlNode* top, std::vector<xmlNode*>& mains, std::vector<xmlNode*>& articles,
                          std::vector<xmlNode*>& scored) {
    std::vector<std::pair<xmlNode*, xmlNode*>> stack{{top, top->children}};
    auto element_parent = [](xmlNode* n) {
        return n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : nullptr;
    };
    while (!stack.empty()) {
        auto& [element, next] = stack.back();
        if (next) {
            xmlNode* c = next;
            next = c->next;
            if (c->type == XML_TEXT_NODE) {
                rec_.info(element).text += text_bytes(view(c->content));
            } else if (c->type == XML_ELEMENT_NODE && !left_out(c)) {
                if (is_element(c, "main")) mains.push_back(c);
                if (is_element(c, "article")) articles.push_back(c);
                stack.emplace_back(c, c->children);
            }
            continue;
        }
        xmlNode* done = element;
        stack.pop_back();
        node_info& ni = rec_.info(done);
        if (is_element(done, "a")) ni.link = ni.text;
        // A paragraph scores its text outside links for its parent, and half
        // of it for its grandparent: the element holding the paragraphs wins.
        if (is_element(done, "p") || is_element(done, "pre")) {
            double score = static_cast<double>(ni.text - std::min(ni.link, ni.text));
            if (xmlNode* p = element_parent(done)) {
                rec_.info(p).score += score;
                scored.push_back(p);
                if (xmlNode* g = element_parent(p)) {
                    rec_.info(g).score += score / 2;
                    scored.push_back(g);
                }
            }
        }
        if (!stack.empty()) {
            node_info& parent = rec_.info(stack.back().first);
            parent.text += ni.text;
            parent.link += ni.link;
        }
    }
}

// The article: the <main> or <article> holding most text (an <article> in
// the <main> first), unless the paragraphs are mostly elsewhere; else the
// element whose paragraphs hold most text; else the body.
xmlNode* html_reader::find_article(xmlDoc* doc) {
    xmlNode* root = xmlDocGetRootElement(doc);
    std::vector<xmlNode*> mains, articles, scored;
    measure(root, mains, articles, scored);
    auto text = [&](xmlNode* n) { return rec_.info(n).text; };
    auto most_text = [&](const std::vector<xmlNode*>& v, xmlNode* inside) {
        xmlNode* best = nullptr;
        for (xmlNode* n : v)
            if ((!inside || within(n, inside)) && (!best || text(n) > text(best))) best = n;
        return best;
    };
    xmlNode* main = most_text(mains, nullptr);
    xmlNode* article = most_text(articles, main);
    if (!article && !main) article = most_text(articles, nullptr);
    xmlNode* semantic = article ? article : main;

    xmlNode* best = nullptr;
    for (xmlNode* n : scored)
        if (!best || rec_.info(n).score > rec_.info(best).score) best = n;

    // Most of the article's text in one <pre> (a mailing list's archive):
    // that is the article.
    auto inner_pre = [&](xmlNode* article) {
        for (xmlNode* c = article->children; c; c = c->next)
            if (is_element(c, "pre") && !left_out(c) && 10 * text(c) >= 6 * text(article)) return c;
        return article;
    };
    if (semantic && semantic != root) {
        bool paragraphs_elsewhere = best && !within(best, semantic) && !within(semantic, best) &&
                                    rec_.info(best).score > 2.0 * static_cast<double>(text(semantic));
        if (!paragraphs_elsewhere) return inner_pre(semantic);
    }
    if (best) return inner_pre(with_title(best, root));
    for (xmlNode* c = root->children; c; c = c->next)
        if (is_element(c, "body")) return c;
    return root;
}

// A CMS may set the title (and the letterhead lines above it) outside the
// element of the body's paragraphs: their parent, when it adds an <h1> and
// little other text, is the article.
xmlNode* html_reader::with_title(xmlNode* paragraphs, xmlNode* root) {
    xmlNode* parent = paragraphs->parent;
    if (!parent || parent == root || parent->type != XML_ELEMENT_NODE || is_element(parent, "body")) return paragraphs;
    const std::size_t inner = rec_.info(paragraphs).text, outer = rec_.info(parent).text;
    if (10 * outer > 16 * inner) return paragraphs;
    // An <h1> among the parent's other children, at any depth.
    std::vector<xmlNode*> stack;
    for (xmlNode* c = parent->children; c; c = c->next)
        if (c != paragraphs) stack.push_back(c);
    while (!stack.empty()) {
        xmlNode* n = stack.back();
        stack.pop_back();
        if (n->type != XML_ELEMENT_NODE || left_out(n)) continue;
        if (is_element(n, "h1")) return parent;
        for (xmlNode* c = n->children; c; c = c->next) stack.push_back(c);
    }
    return paragraphs;
}

std::size_t html_reader::end_tag_end(const xmlNode* n) const {
    const node_info* ni = recorder::find(n);
    if (!ni || ni->end == npos || ni->end == 0) return npos;
    std::string_view t = src_.text();
    if (t[ni->end - 1] != '>') return npos;
    std::size_t lt = t.rfind("</", ni->end - 1);
    if (lt == npos || lt < ni->content_begin) return npos;
    std::string_view name = name_of(n);
    if (lower(t.substr(lt + 2, name.size())) != name) return npos;
    return ni->end;
}

document html_reader::read() {
    try {
        html_doc doc = parse();
        xmlNode* root = xpath_.empty() ? find_article(doc.get()) : select(doc.get());
        walk(root);
        // An article that is one <pre> is plain text (a mailing list's
        // archive, a pasted draft): its blank lines part paragraphs.
        if (doc_.blocks.size() == 1 && doc_.blocks.front().kind == block_kind::preformatted)
            doc_.blocks = plain_text_paragraphs(doc_.blocks.front());
        doc_.end = end_ == npos ? pos_.at(content_begin(root)) : src_.position_at(end_);
    } catch (fatal& f) {
        doc_.blocks.clear();
        doc_.end = {};
        doc_.diagnostics.push_back(std::move(f.why).at_level());
    }
    return std::move(doc_);
}

// ---------------------------------------------------------------- the walk

void html_reader::walk(xmlNode* root) {
    container base;
    base.out = &doc_.blocks;
    containers_.push_back(std::move(base));
    enter(root, 0, style{}, true);
    while (!frames_.empty()) {
        frame& f = frames_.back();
        if (!f.next) {
            frame done = std::move(f);
            frames_.pop_back();
            leave(done);
            continue;
        }
        xmlNode* c = f.next;
        f.next = c->next;
        std::size_t into = f.container;
        style st = f.st;  // a copy: enter() may push frames and move this one
        if (c->type == XML_TEXT_NODE) text(c, into, st);
        else if (c->type == XML_ELEMENT_NODE) enter(c, into, st, false);
    }
    close_paragraph(containers_.front(), false);
}

std::vector<block>* html_reader::target(container& c) {
    auto last_child = [](block& b, block_kind kind) -> block& {
        if (b.children.empty() || b.children.back().kind != kind) {
            block child;
            child.kind = kind;
            child.where = b.where;
            b.children.push_back(std::move(child));
        }
        return b.children.back();
    };
    switch (c.what) {
        case role::flow: return c.out;
        case role::list: {
            // Content of a list outside its items (a <ul> right in a <ul>)
            // belongs to the item before it.
            if (c.owner->children.empty()) {
                block item;
                item.kind = block_kind::list_item;
                item.where = c.owner->where;
                c.owner->children.push_back(std::move(item));
            }
            return &c.owner->children.back().children;
        }
        case role::table: return &last_child(last_child(*c.owner, block_kind::table_row), block_kind::table_cell).children;
        case role::row: return &last_child(*c.owner, block_kind::table_cell).children;
    }
    return c.out;
}

// A new block where the container puts its blocks; an item or a row goes
// right into the list or table the container fills.
block& html_reader::open_block(container& c, block_kind kind, xmlNode* n) {
    close_paragraph(c, false);
    bool part = kind == block_kind::list_item || kind == block_kind::table_row;
    std::vector<block>* out = part ? &c.owner->children : target(c);
    block b;
    b.kind = kind;
    b.where.begin = b.where.end = pos_.at(tag_begin(n));
    out->push_back(std::move(b));
    return out->back();
}

// The end of a block that held others: its end tag, else its last child's end.
void html_reader::close_block(block& b, xmlNode* n) {
    std::size_t e = end_tag_end(n);
    if (e != npos) b.where.end = pos_.at(e);
    else if (!b.children.empty()) b.where.end = b.children.back().where.end;
}

// A frame that reads n's children into a new container.
void html_reader::push_container(container c, xmlNode* n, const style& st) {
    c.element = n;
    c.align = st.align;
    containers_.push_back(std::move(c));
    frames_.push_back({n, n->children, st, containers_.size() - 1, true});
}

// A container that fills `owner` (a quote, list, item, table, row or cell).
container filling(block& owner, role what, int levels) {
    container c;
    c.what = what;
    c.owner = &owner;
    c.out = &owner.children;
    c.levels = levels;
    return c;
}

void html_reader::enter(xmlNode* n, std::size_t parent, const style& parent_style, bool root) {
    if (!root && left_out(n)) return;
    element_kind kind = kind_of(name_of(n));
    if (root && (kind == element_kind::skipped || kind == element_kind::inline_)) kind = element_kind::flow;
    style st = style_of(n, parent_style, kind);
    container& c = containers_[parent];
    // Inside a list or a table, the elements that build it; anything else
    // flows into the last item or cell (target()).
    if (c.what == role::list && kind == element_kind::item) return enter_item(n, c, st);
    if (c.what == role::table && kind == element_kind::table_section) {
        frames_.push_back({n, n->children, st, parent, false});
        return;
    }
    if (c.what == role::table && kind == element_kind::row) {
        block& row = open_block(c, block_kind::table_row, n);
        return push_container(filling(row, role::row, c.levels), n, st);
    }
    if ((c.what == role::table || c.what == role::row) && kind == element_kind::cell) return enter_cell(n, c, st);
    if (name_of(n) == "figcaption" && add_caption(c, n)) return;
    switch (kind) {
        case element_kind::skipped: return;
        case element_kind::inline_: frames_.push_back({n, n->children, st, parent, false}); return;
        case element_kind::line_break: return add_break(c, n);
        case element_kind::image: return add_image(c, n);
        case element_kind::rule: {
            block& hr = open_block(c, block_kind::thematic_break, n);
            hr.where.end = pos_.at(std::max(tag_begin(n), content_begin(n)));
            return;
        }
        case element_kind::quote:
        case element_kind::list:
        case element_kind::table: return enter_level(n, c, st, kind);
        default: return enter_flow(n, c, st, kind);
    }
}

// A block of paragraphs in the same place as the paragraphs around it: a
// div, a p, a heading, a pre (and a stray li, tr or td outside its list or
// table).
void html_reader::enter_flow(xmlNode* n, container& c, const style& st, element_kind kind) {
    close_paragraph(c, false);
    container inside;
    inside.out = target(c);
    inside.levels = c.levels;
    if (kind == element_kind::heading) {
        inside.para_kind = block_kind::heading;
        inside.level = name_of(n)[1] - '0';
    } else if (kind == element_kind::preformatted) {
        inside.para_kind = block_kind::preformatted;
    }
    inside.element_is_paragraph =
        kind == element_kind::heading || kind == element_kind::preformatted || is_element(n, "p");
    push_container(std::move(inside), n, st);
}

// A quote, list or table: a level of nesting, bounded by the limit.
void html_reader::enter_level(xmlNode* n, container& c, const style& st, element_kind kind) {
    int levels = c.levels + 1;
    if (levels > static_cast<int>(limits_.max_nesting))
        throw fatal{rule::nesting_too_deep,
                    "quotes, lists and tables are nested deeper than the limit of " +
                        std::to_string(limits_.max_nesting) + " levels; raise it with --max-depth or [limits] nesting",
                    pos_.at(tag_begin(n))};
    if (kind == element_kind::quote) {
        block& q = open_block(c, block_kind::quote, n);
        return push_container(filling(q, role::flow, levels), n, st);
    }
    if (kind == element_kind::table) {
        block& t = open_block(c, block_kind::table, n);
        return push_container(filling(t, role::table, levels), n, st);
    }
    block& l = open_block(c, block_kind::list, n);
    container inside = filling(l, role::list, levels);
    describe_markers(inside, n);
    l.ordered = inside.ordered;
    push_container(std::move(inside), n, st);
}

// How a list's markers print: its type and start, a list-style-type, and
// the classes communique's own HTML gives lists (xslt/html.xsl) for what
// its CSS draws: "(a)", "a)", a dash.
void html_reader::describe_markers(container& list, const xmlNode* n) {
    list.ordered = is_element(n, "ol");
    if (list.ordered) {
        if (auto start = attribute(n, "start"))
            if (auto v = integer_of(*start)) list.counter = *v;
        if (auto type = attribute(n, "type"); type && type->size() == 1 && std::string_view("1aAiI").find((*type)[0]) != npos)
            list.type = (*type)[0];
    } else if (auto type = attribute(n, "type")) {
        std::string t = lower(trim(*type));
        if (t == "circle") list.bullet = "◦";
        else if (t == "square") list.bullet = "▪";
    }
    if (auto css = attribute(n, "style"))
        for (auto& [property, value] : declarations(*css)) {
            if (property != "list-style-type" && property != "list-style") continue;
            for (std::string_view t : tokens_of(value)) {
                if (t == "decimal") list.type = '1';
                else if (t == "lower-alpha" || t == "lower-latin") list.type = 'a';
                else if (t == "upper-alpha" || t == "upper-latin") list.type = 'A';
                else if (t == "lower-roman") list.type = 'i';
                else if (t == "upper-roman") list.type = 'I';
                else if (t == "disc") list.bullet = "•";
                else if (t == "circle") list.bullet = "◦";
                else if (t == "square") list.bullet = "▪";
                else if (t == "none") list.bullet.clear();
            }
        }
    if (auto cls = attribute(n, "class"))
        for (std::string_view t : tokens_of(*cls)) {
            if (t.starts_with("marker-paren-")) list.prefix = "(", list.suffix = ")";
            else if (t.starts_with("marker-rparen-")) list.suffix = ")";
            // "-" and "–" both print as a dash; the draft's marker was "-".
            else if (t == "bullet-dash") list.bullet = "-";
            else if (t == "bullet-circle") list.bullet = "◦";
            else if (t == "bullet-square") list.bullet = "▪";
            else if (t == "bullet-triangle") list.bullet = "‣";
        }
}

void html_reader::enter_item(xmlNode* n, container& list, const style& st) {
    std::string marker = marker_of(list, n);
    block& item = open_block(list, block_kind::list_item, n);
    item.marker = std::move(marker);
    if (list.owner->children.size() == 1) list.owner->marker = item.marker;
    push_container(filling(item, role::flow, list.levels), n, st);
}

// A cell: in its row, or (a cell right in a table) in the table's last row.
void html_reader::enter_cell(xmlNode* n, container& c, const style& st) {
    close_paragraph(c, false);
    block* row = c.owner;
    if (c.what == role::table) {
        if (c.owner->children.empty() || c.owner->children.back().kind != block_kind::table_row) {
            block r;
            r.kind = block_kind::table_row;
            r.where.begin = r.where.end = pos_.at(tag_begin(n));
            c.owner->children.push_back(std::move(r));
        }
        row = &c.owner->children.back();
    }
    block cell;
    cell.kind = block_kind::table_cell;
    cell.where.begin = cell.where.end = pos_.at(tag_begin(n));
    // Figures set to the right stay so; a centred page centres everything.
    if (st.align == alignment::right) cell.align = alignment::right;
    // A row of headings is one of <th> only.
    bool heading = name_of(n) == "th";
    row->header = row->children.empty() ? heading : row->header && heading;
    row->children.push_back(std::move(cell));
    push_container(filling(row->children.back(), role::flow, c.levels), n, st);
}

void html_reader::leave(const frame& f) {
    if (!f.owns_container) return;
    container& c = containers_[f.container];
    close_paragraph(c, true);
    if (c.owner) close_block(*c.owner, f.node);
    containers_.pop_back();
}

std::string html_reader::marker_of(container& list, const xmlNode* li) {
    if (!list.ordered) return list.bullet;
    if (auto value = attribute(li, "value"))
        if (auto v = integer_of(*value)) list.counter = *v;
    std::string marker = list.prefix + counter_text(list.counter, list.type) + list.suffix;
    ++list.counter;
    return marker;
}

// ---------------------------------------------------------------- paragraphs

void html_reader::ensure_paragraph(container& c, std::size_t at) {
    if (c.para) return;
    std::vector<block>* out = target(c);
    block b;
    b.kind = c.para_kind;
    b.level = c.level;
    b.align = c.align;
    // The paragraph an element is (<p>) begins at its tag; one that a <div>
    // holds, or the rest of a <p> after a block inside it, at its text.
    std::size_t begin = c.element_is_paragraph && c.first && c.element ? tag_begin(c.element) : at;
    b.where.begin = b.where.end = pos_.at(std::min(begin, at));
    out->push_back(std::move(b));
    c.para = &out->back();
    c.builder.emplace(*c.para);
    c.first = false;
    c.line_has_text = false;
}

void html_reader::flush(container& c) {
    pending_text& p = c.text;
    if (!p.active) return;
    p.active = false;
    c.builder->text(p.text, span_of(p.begin, p.end), p.style);
}

void html_reader::close_paragraph(container& c, bool element_ends) {
    if (!c.para) return;
    flush(c);
    c.space.active = false;
    block& b = *c.para;
    // Breaks and spaces (&nbsp; spacers) that end the paragraph are not
    // part of its text.
    while (!b.runs.empty() && (b.runs.back().kind != run_kind::text || blank(b.runs.back().text)))
        b.runs.pop_back();
    std::vector<block>* out = target(c);
    c.builder.reset();
    c.para = nullptr;
    c.line_has_text = false;
    if (b.runs.empty()) {
        out->pop_back();  // the paragraph is the last block there
        return;
    }
    std::size_t e = element_ends && c.element_is_paragraph && c.element ? end_tag_end(c.element) : npos;
    b.where.end = e != npos ? pos_.at(e) : b.runs.back().where.end;
    finish_lines(b);
}

void html_reader::add_text(container& c, std::string_view s, std::size_t begin, std::size_t end, bool verbatim,
                           const style& st) {
    // Non-breaking spaces that open a line indent it (Blogger, Word): they
    // are not part of its text.
    if (!c.para || !c.line_has_text) {
        std::size_t n = leading_nbsp(s);
        s.remove_prefix(n);
        if (verbatim) begin += n;
    }
    if (s.empty()) return;
    ensure_paragraph(c, begin);
    if (c.space.active) {
        pending_text sp = std::move(c.space);
        c.space.active = false;
        add_text(c, sp.text, sp.begin, sp.end, sp.verbatim, style{sp.style, {}, false, false});
    }
    pending_text& p = c.text;
    if (p.active && p.verbatim && verbatim && p.end == begin && same_run_style(p.style, st.run)) {
        p.text += s;
        p.end = end;
    } else {
        flush(c);
        p.active = true;
        p.text = std::string(s);
        p.begin = begin;
        p.end = end;
        p.verbatim = verbatim;
        p.style = st.run;
    }
    c.line_has_text = true;
    if (s != " " && (end_ == npos || end > end_)) end_ = end;
}

// White space between words: one space, printed only when text follows it
// on the same line.
void html_reader::add_space(container& c, std::size_t begin, std::size_t end, const style& st) {
    if (!c.para || !c.line_has_text || c.space.active) return;
    std::string_view src = src_.text().substr(begin, end - begin);
    c.space = {true, " ", begin, end, src == " ", st.run};
}

// A line break. Two in a row leave an empty line, which ends the paragraph
// as it does in a draft (pages set paragraphs apart with <br><br>). Breaks
// before a paragraph's first text are not kept, nor those after its last.
void html_reader::add_break(container& c, xmlNode* br) {
    if (!c.para) return;
    flush(c);
    c.space.active = false;
    std::vector<run>& runs = c.para->runs;
    while (!runs.empty() && runs.back().kind == run_kind::text && blank(runs.back().text)) runs.pop_back();
    if (!c.line_has_text) {
        close_paragraph(c, false);
        return;
    }
    std::size_t b = tag_begin(br);
    c.builder->line_break(run_kind::hard_break, span_of(b, std::max(b, content_begin(br))));
    c.line_has_text = false;
}

// An image alone in its block is a block of its own; one amid text is left
// out (it prints no text).
void html_reader::add_image(container& c, xmlNode* img) {
    if (c.para) return;  // a paragraph is open only once it has text
    block& b = open_block(c, block_kind::image, img);
    b.alt = std::string(trim(attribute(img, "alt").value_or("")));
    // An image embedded as a data: address is embedded, as in a Word file:
    // no address to keep.
    std::string address = attribute(img, "src").value_or("");
    std::string_view src = trim(address);
    if (!(src.size() >= 5 && lower(src.substr(0, 5)) == "data:")) b.src = std::string(src);
    b.where.end = pos_.at(std::max(tag_begin(img), content_begin(img)));
}

// A <figcaption> right after an image (<figure><img><figcaption>) is the
// image's caption, its text collapsed; elsewhere it is text of its own.
bool html_reader::add_caption(container& c, xmlNode* figcaption) {
    if (c.para) return false;
    std::vector<block>* out = target(c);
    if (!out || out->empty() || out->back().kind != block_kind::image || !out->back().caption.empty()) return false;
    xmlChar* content = xmlNodeGetContent(figcaption);
    std::string caption;
    bool gap = false;
    for (char ch : view(content)) {
        if (is_space(ch)) {
            gap = !caption.empty();
            continue;
        }
        if (gap) caption += ' ';
        gap = false;
        caption += ch;
    }
    xmlFree(content);
    out->back().caption = std::move(caption);
    return !out->back().caption.empty();
}

// A text node's content, collapsed as a browser prints it, or line for line
// in <pre>.
void html_reader::text(xmlNode* t, std::size_t into, const style& st) {
    container& c = containers_[into];
    std::string_view content = view(t->content);
    if (content.empty()) return;
    if (c.what != role::flow && trim(content).empty()) return;  // white space between items, rows, cells
    const node_info* ni = recorder::find(t);
    std::vector<piece> fallback;
    if (!ni || ni->pieces.empty() || ni->pieces.back().text_end != content.size()) {
        // Not recorded (should not happen): the whole text at its element's start.
        std::size_t at = t->parent ? content_begin(t->parent) : 0;
        fallback.push_back({0, content.size(), at, at, false});
    }
    const std::vector<piece>& pieces = fallback.empty() ? ni->pieces : fallback;
    for (const piece& p : pieces) {
        std::string_view s = content.substr(p.text_begin, p.text_end - p.text_begin);
        if (st.pre) add_lines(c, s, p, st);
        else add_words(c, s, p, st);
    }
}

// Where the bytes [i, j) of a piece came from: the same bytes when it is
// verbatim, else the whole of the piece's source.
std::pair<std::size_t, std::size_t> source_of(const piece& p, std::size_t i, std::size_t j) {
    if (p.verbatim) return {p.source_begin + i, p.source_begin + j};
    return {p.source_begin, p.source_end};
}

// Words and the white space between them.
void html_reader::add_words(container& c, std::string_view s, const piece& p, const style& st) {
    for (std::size_t i = 0, j = 0; i < s.size(); i = j) {
        bool space = is_space(s[i]);
        while (j < s.size() && is_space(s[j]) == space) ++j;
        auto [b, e] = source_of(p, i, j);
        if (space) add_space(c, b, e, st);
        else add_text(c, s.substr(i, j - i), b, e, p.verbatim, st);
    }
}

// Preformatted text: its lines as they are, each line end (LF, CR LF or a
// CR the parser left) a break. The line end right after <pre> is not
// printed (HTML), nor are the others before the first text.
void html_reader::add_lines(container& c, std::string_view s, const piece& p, const style& st) {
    for (std::size_t i = 0, j = 0; i < s.size(); i = j) {
        if (s[i] == '\n' || s[i] == '\r') {
            j = i + (s.substr(i, 2) == "\r\n" ? 2 : 1);
            if (!c.para) continue;
            auto [b, e] = source_of(p, i, j);
            flush(c);
            c.builder->line_break(run_kind::hard_break, span_of(b, e));
            c.line_has_text = false;
            continue;
        }
        j = std::min(s.find_first_of("\r\n", i), s.size());
        auto [b, e] = source_of(p, i, j);
        add_text(c, s.substr(i, j - i), b, e, p.verbatim, st);
    }
}

}  // namespace

document read_html(const source_text& src, const reader_limits& limits, std::string_view content_xpath) {
    html_reader reader(src, limits, content_xpath);
    return reader.read();
}

}  // namespace communique::detail
