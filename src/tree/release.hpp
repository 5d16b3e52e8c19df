// The release tree: the canonical XML document that readers build and that
// the checker and every writer consume, plus where each element came from in
// the user's text.
#pragma once

#include "core/source.hpp"

#include <communique/diagnostic.hpp>

#include <libxml/tree.h>

#include <deque>
#include <memory>
#include <string>
#include <string_view>

namespace communique::detail {

inline constexpr const char* release_ns = "urn:communique:release:1";
inline constexpr const char* format_version = "1.0";

class release_tree {
public:
    // An empty document with a <release> root in the release namespace.
    release_tree();
    // Takes ownership of a parsed document.
    explicit release_tree(xmlDocPtr doc);
    ~release_tree();
    release_tree(const release_tree&) = delete;
    release_tree& operator=(const release_tree&) = delete;

    xmlDocPtr doc() const noexcept { return doc_; }
    xmlNodePtr root() const noexcept { return xmlDocGetRootElement(doc_); }

    // A new element in the release namespace, appended to parent.
    xmlNodePtr add(xmlNodePtr parent, const char* name, source_span where = {});
    // Text appended to parent (merged with a preceding text node).
    void add_text(xmlNodePtr parent, std::string_view text);
    void set_attribute(xmlNodePtr node, const char* name, std::string_view value);

    void set_span(xmlNodePtr node, source_span where);
    // Where a node came from: its own span, else the nearest ancestor's, else
    // the line the XML parser recorded.
    source_span span_of(const xmlNode* node) const;

    // The text the spans point into, when its lines and columns are the
    // spans' (Markdown, HTML, XML; not a .docx, whose spans count
    // paragraphs). Kept as a pointer: the caller keeps the text alive.
    void set_source(const source_text* text) noexcept { source_ = text; }
    // Where the character at byte `offset` of a text node came from: the
    // same occurrence of that character in the source text within the span
    // of the node's element, when the source is known and holds it as
    // written (not as an entity or escape); else the element's start (a
    // point).
    source_span position_of(const xmlNode* text, std::size_t offset) const;

    // Lays the document out canonically: element-only containers indented
    // two spaces a level, mixed content left exactly as it is.
    void indent();

    // UTF-8 with an XML declaration.
    std::string serialize() const;

private:
    xmlDocPtr doc_;
    xmlNsPtr ns_ = nullptr;
    std::deque<source_span> spans_;  // node->_private points into this
    const source_text* source_ = nullptr;
    // The text node add_text() last appended to, with room to spare in its
    // buffer: libxml2's own append reallocates to the exact size each time,
    // which is quadratic wherever realloc cannot grow in place (a paragraph
    // of 10,000 "&amp;" arrives in 20,000 pieces).
    struct growing_text {
        xmlNodePtr node = nullptr;
        const xmlChar* content = nullptr;  // node->content when we last grew it
        std::size_t length = 0, capacity = 0;
    } growing_;
};

// DOM helpers for the release namespace.
bool is(const xmlNode* node, const char* name) noexcept;
xmlNodePtr child(const xmlNode* parent, const char* name) noexcept;
xmlNodePtr next_element(xmlNodePtr node) noexcept;
xmlNodePtr first_element(const xmlNode* parent) noexcept;
// The text of a node and its descendants, as xmlNodeGetContent gives it,
// in time linear in its length (libxml2's grows its buffer by exact sizes).
std::string text_content(const xmlNode* node);
// The text of an element's descendants with each <br/> read as a space, as
// the line is said rather than printed; "" for null.
std::string spoken_text(const xmlNode* node);
// The element that comes after `count` others below node in document order
// (the first one over a limit of `count`), or null when there are no more.
const xmlNode* element_past(const xmlNode* node, std::size_t count);
std::string attribute(const xmlNode* node, const char* name);

}  // namespace communique::detail
