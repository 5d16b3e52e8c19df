// The canonical XML reader. Release XML comes from other systems and from
// people's hands, so the parser gets no network, no DTD, no entities and no
// XInclude: a document with a DOCTYPE is refused outright, since the
// canonical format never has one.
#include "read/reader.hpp"

#include <libxml/parser.h>

#include <cstring>
#include <string>

namespace communique::detail {

namespace {

struct collected {
    std::vector<diagnostic>* out;
    const source_text* src;
};

void on_xml_error(void* data, xmlErrorPtr error) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(data);
    auto* sink = static_cast<collected*>(ctxt->_private);
    if (!sink || !error) return;
    std::string message = error->message ? error->message : "XML error";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    source_position p{static_cast<std::uint32_t>(error->line > 0 ? error->line : 1),
                      static_cast<std::uint32_t>(error->int2 > 0 ? error->int2 : 0)};
    sink->out->push_back(make_diagnostic(error->level == XML_ERR_WARNING ? severity::warning : severity::error,
                                         rule::xml_syntax, std::move(message), p, p));
}

// libxml2 2.9 adds each attribute by walking the element's list to its end
// and checks duplicates pairwise, so one element with 50,000 attributes takes
// seconds. Release XML has a handful per element: a start tag with more than
// this many is refused before parsing.
constexpr std::size_t max_attributes = 64;

// The offset of the first start tag with more than max_attributes
// attributes (counted as '=' outside quoted values), or npos. Comments,
// CDATA sections and processing instructions are skipped whole. Linear.
std::size_t crowded_start_tag(std::string_view text) noexcept {
    auto skip_past = [&](std::size_t from, std::string_view end) {
        std::size_t at = text.find(end, from);
        return at == std::string_view::npos ? text.size() : at + end.size();
    };
    for (std::size_t i = text.find('<'); i < text.size(); i = text.find('<', i)) {
        std::string_view rest = text.substr(i);
        if (rest.starts_with("<!--")) { i = skip_past(i + 4, "-->"); continue; }
        if (rest.starts_with("<![CDATA[")) { i = skip_past(i + 9, "]]>"); continue; }
        if (rest.starts_with("<?")) { i = skip_past(i + 2, "?>"); continue; }
        std::size_t tag = i, attributes = 0;
        char quote = 0;
        for (++i; i < text.size(); ++i) {
            char c = text[i];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '=') {
                if (++attributes > max_attributes) return tag;
            } else if (c == '>' || c == '<') {
                break;
            }
        }
    }
    return std::string_view::npos;
}

}  // namespace

bool looks_like_xml(std::string_view text) noexcept {
    std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
    text.remove_prefix(i);
    return text.starts_with("<?xml") || text.starts_with("<release") || text.starts_with("<!--") ||
           (text.starts_with('<') && text.find("urn:communique:release:") != std::string_view::npos);
}

read_result read_xml(const source_text& src) {
    read_result result;
    std::string_view text = src.text();
    if (std::size_t doctype = text.find("<!DOCTYPE"); doctype != std::string_view::npos) {
        source_position p = src.position_at(doctype);
        result.diagnostics.push_back(
            make_diagnostic(severity::error, rule::xml_doctype,
                            "a DOCTYPE is not allowed in release XML (no DTDs or entities are loaded)", p, p));
        return result;
    }
    if (std::size_t tag = crowded_start_tag(text); tag != std::string_view::npos) {
        source_position p = src.position_at(tag);
        result.diagnostics.push_back(make_diagnostic(
            severity::error, rule::xml_syntax,
            "an element has more than " + std::to_string(max_attributes) + " attributes (release XML has a few)", p,
            p));
        return result;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) throw std::bad_alloc();
    collected sink{&result.diagnostics, &src};
    ctxt->_private = &sink;
    ctxt->sax->serror = on_xml_error;
    ctxt->vctxt.error = nullptr;
    ctxt->vctxt.warning = nullptr;
    // NONET: never fetch; no NOENT, DTDLOAD or XINCLUDE: entities stay unexpanded.
    int options = XML_PARSE_NONET | XML_PARSE_NOCDATA;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, text.data(), static_cast<int>(text.size()), nullptr, "UTF-8", options);
    xmlFreeParserCtxt(ctxt);
    if (!doc) {
        if (result.diagnostics.empty())
            result.diagnostics.push_back(
                make_diagnostic(severity::error, rule::xml_syntax, "the XML could not be parsed", {1, 1}, {1, 1}));
        return result;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || !root->ns || std::strcmp(reinterpret_cast<const char*>(root->ns->href), release_ns) != 0 ||
        std::strcmp(reinterpret_cast<const char*>(root->name), "release") != 0) {
        source_position p{root ? static_cast<std::uint32_t>(xmlGetLineNo(root)) : 1, 0};
        result.diagnostics.push_back(
            make_diagnostic(severity::error, rule::not_a_release,
                            std::string("the root element must be <release> in the namespace ") + release_ns, p, p));
        xmlFreeDoc(doc);
        return result;
    }
    result.tree = std::make_unique<release_tree>(doc);
    result.tree->indent();
    return result;
}


}  // namespace communique::detail
