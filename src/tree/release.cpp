#include "tree/release.hpp"

#include "core/unicode.hpp"

#include <libxml/xmlsave.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <type_traits>

namespace communique::detail {

namespace {

// libxml2 takes text as xmlChar (unsigned char); ours is UTF-8 in char.
const xmlChar* xml_chars(const char* s) noexcept { return reinterpret_cast<const xmlChar*>(s); }

// Elements whose content is elements only: safe to indent.
bool element_only(const xmlNode* node) noexcept {
    static constexpr const char* names[] = {"release", "header", "issuer", "body", "list",
                                             "quote", "table", "row", "figure", "closing"};
    if (node->type != XML_ELEMENT_NODE) return false;
    for (const char* n : names)
        if (is(node, n)) return true;
    return false;
}

void indent_children(xmlDocPtr doc, xmlNodePtr node, int depth) {
    if (!element_only(node)) return;
    std::string pad = "\n" + std::string(static_cast<std::size_t>(depth + 1) * 2, ' ');
    bool any = false;
    for (xmlNodePtr c = node->children; c;) {
        xmlNodePtr next = c->next;
        if (c->type == XML_TEXT_NODE) {  // whitespace only, in element-only content
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        } else {
            xmlAddPrevSibling(c, xmlNewDocTextLen(doc, xml_chars(pad.c_str()), static_cast<int>(pad.size())));
            indent_children(doc, c, depth + 1);
            any = true;
        }
        c = next;
    }
    if (any) {
        std::string close = "\n" + std::string(static_cast<std::size_t>(depth) * 2, ' ');
        xmlAddChild(node, xmlNewDocTextLen(doc, xml_chars(close.c_str()), static_cast<int>(close.size())));
    }
}

}  // namespace

release_tree::release_tree() : doc_(xmlNewDoc(xml_chars("1.0"))) {
    xmlNodePtr root = xmlNewDocNode(doc_, nullptr, xml_chars("release"), nullptr);
    ns_ = xmlNewNs(root, xml_chars(release_ns), nullptr);
    xmlSetNs(root, ns_);
    xmlDocSetRootElement(doc_, root);
}

release_tree::release_tree(xmlDocPtr doc) : doc_(doc) {
    if (xmlNodePtr root = xmlDocGetRootElement(doc_)) ns_ = xmlSearchNsByHref(doc_, root, xml_chars(release_ns));
}

release_tree::~release_tree() { xmlFreeDoc(doc_); }

xmlNodePtr release_tree::add(xmlNodePtr parent, const char* name, source_span where) {
    growing_ = {};  // text appends resume only in a node add_text() made since
    xmlNodePtr node = xmlNewDocNode(doc_, ns_, xml_chars(name), nullptr);
    xmlAddChild(parent, node);
    if (where.begin.line != 0) set_span(node, where);
    return node;
}

void release_tree::add_text(xmlNodePtr parent, std::string_view text) {
    if (text.empty()) return;
    xmlNodePtr last = parent->last;
    if (!last || last->type != XML_TEXT_NODE) {
        xmlNodePtr node = xmlNewDocTextLen(doc_, reinterpret_cast<const xmlChar*>(text.data()),
                                           static_cast<int>(text.size()));
        xmlAddChild(parent, node);
        // xmlNewDocTextLen allocated exactly the text and its NUL.
        growing_ = {node, node->content, text.size(), text.size() + 1};
        return;
    }
    // Appended in place, into a buffer that doubles when it is full. The
    // buffer is the node's own (xmlMalloc'd, freed by libxml2 with the
    // node). Only the node this tree last made or grew is trusted to have
    // the room recorded (add() forgets it, so that a node freed since
    // cannot be mistaken for it); any other text node is taken over with
    // the room its text needs, no more.
    growing_text& g = growing_;
    if (g.node != last || g.content != last->content) {
        std::size_t length = last->content ? std::strlen(reinterpret_cast<const char*>(last->content)) : 0;
        g = {last, last->content, length, length + 1};
    }
    if (g.length + text.size() + 1 > g.capacity) {
        std::size_t capacity = std::max<std::size_t>(2 * g.capacity, g.length + text.size() + 1);
        auto* grown = static_cast<xmlChar*>(xmlRealloc(last->content, capacity));
        if (!grown) throw std::bad_alloc();
        last->content = grown;
        g.capacity = capacity;
    }
    std::memcpy(last->content + g.length, text.data(), text.size());
    g.length += text.size();
    last->content[g.length] = '\0';
    g.content = last->content;
}

void release_tree::set_attribute(xmlNodePtr node, const char* name, std::string_view value) {
    std::string v(value);
    if (std::strncmp(name, "xml:", 4) == 0)
        xmlNodeSetLang(node, xml_chars(v.c_str()));
    else
        xmlSetProp(node, xml_chars(name), xml_chars(v.c_str()));
}

void release_tree::set_span(xmlNodePtr node, source_span where) {
    spans_.push_back(where);
    node->_private = &spans_.back();
}

source_span release_tree::span_of(const xmlNode* node) const {
    for (const xmlNode* n = node; n && n->type != XML_DOCUMENT_NODE; n = n->parent)
        if (n->_private) return *static_cast<const source_span*>(n->_private);
    for (const xmlNode* n = node; n && n->type != XML_DOCUMENT_NODE; n = n->parent) {
        if (n->line > 0) {
            // libxml2 saturates line numbers of element nodes at 65535.
            auto line = static_cast<std::uint32_t>(xmlGetLineNo(n));
            return {{line, 0}, {line, 0}};
        }
    }
    return {};
}

source_span release_tree::position_of(const xmlNode* text, std::size_t offset) const {
    // The nearest element with a span of its own; in parsed XML, which has
    // none, the text's own element, at the line of its start tag.
    const xmlNode* element = text ? text->parent : nullptr;
    while (element && element->type == XML_ELEMENT_NODE && !element->_private) element = element->parent;
    if (!element || element->type != XML_ELEMENT_NODE) element = text ? text->parent : nullptr;
    if (!element || element->type != XML_ELEMENT_NODE) return {span_of(text).begin, span_of(text).begin};
    const source_span where = span_of(element);
    const std::string_view content = text->content ? reinterpret_cast<const char*>(text->content) : "";
    if (!source_ || offset >= content.size()) return {where.begin, where.begin};
    // The character's UTF-8 bytes, and how many times they come before it
    // in the element's text.
    std::size_t length = 1;
    auto continues = [&](std::size_t at) { return is_utf8_continuation(static_cast<unsigned char>(content[at])); };
    while (offset + length < content.size() && continues(offset + length)) ++length;
    const std::string_view ch = content.substr(offset, length);
    auto count = [&](std::string_view s) {
        std::size_t n = 0;
        for (std::size_t at = s.find(ch); at != std::string_view::npos; at = s.find(ch, at + ch.size())) ++n;
        return n;
    };
    std::size_t before = count(content.substr(0, offset));
    for (const xmlNode* n = element->children; n && n != text;) {
        if (n->type == XML_TEXT_NODE && n->content) before += count(reinterpret_cast<const char*>(n->content));
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && n != element && !n->next) n = n->parent;
        n = n && n != element ? n->next : nullptr;
    }
    // The same occurrence in the element's source: markup never holds such
    // a character, so the text's occurrences are the source's, in order.
    const std::string_view all = source_->text();
    const std::size_t from = source_->offset_of(where.begin);
    const std::size_t to = where.end.line > where.begin.line ||
                                   (where.end.line == where.begin.line && where.end.column > where.begin.column)
                               ? source_->offset_of(where.end)
                               : all.size();  // a position without an end (an XML element's line)
    const std::string_view range = all.substr(std::min(from, all.size()), to > from ? to - from : 0);
    std::size_t at = range.find(ch);
    for (std::size_t i = 0; i < before && at != std::string_view::npos; ++i) at = range.find(ch, at + ch.size());
    if (at == std::string_view::npos) return {where.begin, where.begin};
    return {source_->position_at(from + at), source_->position_at(from + at + ch.size())};
}

void release_tree::indent() {
    growing_ = {};  // it frees whitespace text nodes
    indent_children(doc_, root(), 0);
}

std::string release_tree::serialize() const {
    xmlBufferPtr buffer = xmlBufferCreate();
    xmlSaveCtxtPtr save = xmlSaveToBuffer(buffer, "UTF-8", 0);
    xmlSaveDoc(save, doc_);
    xmlSaveClose(save);
    std::string out(reinterpret_cast<const char*>(xmlBufferContent(buffer)),
                    static_cast<std::size_t>(xmlBufferLength(buffer)));
    xmlBufferFree(buffer);
    return out;
}

bool is(const xmlNode* node, const char* name) noexcept {
    return node && node->type == XML_ELEMENT_NODE && node->ns &&
           std::strcmp(reinterpret_cast<const char*>(node->ns->href), release_ns) == 0 &&
           std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

xmlNodePtr child(const xmlNode* parent, const char* name) noexcept {
    if (!parent) return nullptr;
    for (xmlNodePtr c = parent->children; c; c = c->next)
        if (is(c, name)) return c;
    return nullptr;
}

xmlNodePtr next_element(xmlNodePtr node) noexcept {
    for (node = node ? node->next : nullptr; node; node = node->next)
        if (node->type == XML_ELEMENT_NODE) return node;
    return nullptr;
}

xmlNodePtr first_element(const xmlNode* parent) noexcept {
    for (xmlNodePtr c = parent ? parent->children : nullptr; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) return c;
    return nullptr;
}

namespace {

// f(n) for every descendant n of node, depth first in document order,
// without recursion (a hostile tree may be deep); an f that returns bool
// stops the walk by returning false.
template <class F>
void each_descendant(const xmlNode* node, F&& f) {
    for (const xmlNode* n = node->children; n;) {
        if constexpr (std::is_same_v<std::invoke_result_t<F&, const xmlNode*>, bool>) {
            if (!f(n)) return;
        } else {
            f(n);
        }
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n != node && !n->next) n = n->parent;
        if (n == node) break;
        n = n->next;
    }
}

}  // namespace

std::string spoken_text(const xmlNode* node) {
    std::string out;
    if (!node) return out;
    each_descendant(node, [&](const xmlNode* n) {
        if (n->type == XML_TEXT_NODE && n->content) out += reinterpret_cast<const char*>(n->content);
        else if (is(n, "br")) out += ' ';
    });
    return out;
}

const xmlNode* element_past(const xmlNode* node, std::size_t count) {
    const xmlNode* past = nullptr;
    if (!node) return past;
    std::size_t seen = 0;
    each_descendant(node, [&](const xmlNode* n) {
        if (n->type == XML_ELEMENT_NODE && ++seen > count) past = n;
        return !past;
    });
    return past;
}

std::string text_content(const xmlNode* node) {
    std::string out;
    if (!node) return out;
    auto is_text = [](const xmlNode* n) { return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE; };
    if (is_text(node)) return node->content ? reinterpret_cast<const char*>(node->content) : "";
    if (node->type != XML_ELEMENT_NODE && node->type != XML_DOCUMENT_FRAG_NODE) {
        xmlChar* content = xmlNodeGetContent(node);  // attributes, comments and the like
        if (content) out = reinterpret_cast<const char*>(content);
        xmlFree(content);
        return out;
    }
    each_descendant(node, [&](const xmlNode* n) {
        if (is_text(n) && n->content) {
            out += reinterpret_cast<const char*>(n->content);
        } else if (n->type == XML_ENTITY_REF_NODE) {  // the entity's text, as libxml2 gives it
            xmlChar* content = xmlNodeGetContent(n);
            if (content) out += reinterpret_cast<const char*>(content);
            xmlFree(content);
        }
    });
    return out;
}

std::string attribute(const xmlNode* node, const char* name) {
    if (!node) return {};
    xmlChar* value = xmlGetProp(node, xml_chars(name));
    std::string out = value ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    return out;
}

}  // namespace communique::detail
