// The small layout model the FO parser builds and the layout engine reads:
// page geometry, a tree of blocks with computed (inherited, absolute)
// properties, and paragraphs of collapsed text with styled spans. Every
// length is in points; every text offset is a UTF-16 index into its
// paragraph's text (what ICU and HarfBuzz both count in).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace communique::detail::pdf {

struct rgb {
    float r = 0, g = 0, b = 0;
    friend bool operator==(const rgb&, const rgb&) = default;
};

// What a run of text asks of the font system.
struct font_request {
    std::vector<std::string> families;  // in order of preference, as written in font-family
    int weight = 400;                   // 100 to 900
    bool italic = false;
    friend bool operator==(const font_request&, const font_request&) = default;
};

// Everything that decides how a stretch of text is drawn. Paragraph spans
// refer to styles by index into document::styles.
struct text_style {
    font_request font;
    double size = 12;  // font-size
    rgb color;
    std::string lang;  // xml:lang, BCP 47 ("en", "km")
    friend bool operator==(const text_style&, const text_style&) = default;
};

enum class text_align : std::uint8_t { start, center, end, justify };

// line-height: a number is inherited as a factor of each run's font size;
// a length or percentage is computed where it is specified.
struct line_height {
    bool factor = true;
    double value = 1.2;
    double for_size(double font_size) const { return factor ? value * font_size : value; }
};

// A stretch of a paragraph's text in one style (an index into the styles).
struct style_span {
    std::uint32_t begin = 0, end = 0;
    std::uint32_t style = 0;
};

struct link_span {
    std::uint32_t begin = 0, end = 0;
    std::string uri;
    std::int32_t tag = -1;  // its Link structure element (document::structure)
};

// A page number written into static content (fo:page-number, or
// fo:page-number-citation of ref_id), inserted at `at` once pages are known.
struct page_field {
    std::uint32_t at = 0;
    std::uint32_t style = 0;
    std::string ref_id;  // empty: this page's number
};

// Inline content between block boundaries: white space already collapsed
// (XSL-FO defaults: linefeeds as spaces, runs of spaces as one, none at the
// start or end).
struct paragraph {
    std::u16string text;
    std::vector<style_span> spans;                                  // cover text, in order
    std::vector<link_span> links;                                   // fo:basic-link
    std::vector<std::pair<std::uint32_t, std::uint32_t>> no_break;  // keep-together.within-line
    std::vector<page_field> fields;                                 // static content only
    bool first_of_block = true;                                     // text-indent applies
    std::int32_t tag = -1;  // the structure element its text belongs to; -1: an artifact (static content)
};

// Computed block-level properties. Indents are measured from the edges of
// the region's content rectangle, as start-indent and end-indent are.
struct block_props {
    text_align align = text_align::start;
    text_align align_last = text_align::start;
    double start_indent = 0, end_indent = 0, text_indent = 0;
    line_height leading;
    double space_before = 0, space_after = 0;
    bool keep_with_next = false, keep_with_previous = false, keep_together = false;
    bool break_before = false, break_after = false;  // break-before/after="page"
    int widows = 2, orphans = 2;
    // Justified lines may hyphenate (layout.cpp): the renderer's default,
    // where XSL-FO's initial value is false; hyphenate="false" turns it off.
    bool hyphenate = true;
    std::uint32_t style = 0;  // the block's own text style: the strut every line has
    std::string id;
};

// A table cell's frame: its border all round (none when width is 0) and the
// padding inside it.
struct cell_frame {
    double border = 0;
    rgb border_color;
    double padding = 0;
};

// A table's children are its rows (table_row, header rows first), a row's its
// cells (table_cell), a cell's blocks. Each cell's blocks are measured from
// the cell's content edges: indents inside it count from there.
struct node {
    enum class kind : std::uint8_t {
        block, list_block, list_item, list_label, list_body, text, table, table_row, table_cell
    };
    kind what = kind::block;
    block_props props;
    paragraph para;  // kind::text only
    std::vector<node> children;
    std::vector<double> columns;  // kind::table: each column's width, points, from the table's start edge on
    cell_frame frame;             // kind::table_cell
    std::string role;             // a structure type the FO asks for (role), else one its kind implies
};

struct box {
    double x = 0, y = 0, width = 0, height = 0;  // from the page's top-left corner
};

enum class display_align : std::uint8_t { before, center, after };

struct page_master {
    std::string name;
    double width = 595.276, height = 841.89;  // A4
    box body;
    std::optional<box> before, after;  // region-before, region-after
    display_align before_align = display_align::before, after_align = display_align::before;
};

struct page_sequence {
    std::size_t master = 0;  // index into document::masters
    node flow;
    std::optional<node> static_before, static_after;
    char16_t zero_digit = u'0';  // from format="1" or format="១": the digits page numbers use
};

// Document metadata, read from the x:xmpmeta packet in fo:declarations.
struct metadata {
    std::string title;
    std::vector<std::string> authors;
    std::string subject;
    std::string language;     // dc:language, else fo:root's xml:lang
    std::string create_date;  // xmp:CreateDate as written (ISO 8601), may be empty
};

// An element of the tagged PDF's logical structure (PDF 1.7, 14.7): a
// standard structure type and its parent, in document order (a parent
// before its children). Element 0 is the Document.
struct struct_element {
    std::string role;  // a standard structure type: "Document", "H1", "P", "L", "LI", "Lbl", "LBody", "Link", ...
    std::int32_t parent = -1;
    std::string lang;         // written only when it differs from the parent's (the root's from the catalog's)
};

struct document {
    std::vector<text_style> styles;
    std::vector<struct_element> structure;  // empty: nothing to tag
    std::vector<page_master> masters;
    std::vector<page_sequence> sequences;
    metadata meta;
};

}  // namespace communique::detail::pdf
