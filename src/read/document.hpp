// The document model: what every reader (Markdown, DOCX, HTML) translates its
// format into, and all that the recogniser sees. It holds no parser's types.
//
// A document is a list of blocks; a textual block holds runs of styled text
// cut into printed lines. Every block, run and line has a source position
// that its reader defines: Markdown and HTML give the line and column of the
// file, DOCX the paragraph number as Word counts it and the character in it.
// Formatting (bold, centred, capitals, a bigger size) is kept as evidence for
// the recogniser, which decides what the text means (recognise.hpp).
#pragma once

#include "core/source.hpp"

#include <communique/diagnostic.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace communique::detail {

enum class block_kind : std::uint8_t {
    paragraph,
    heading,         // level 1-6
    list,            // children: list_item; marker: the first item's marker
    list_item,       // marker as printed ("1.", "(a)", "•"); children: paragraphs and
                     // nested lists
    quote,           // children: blocks
    table,           // children: table_row
    table_row,       // children: table_cell
    table_cell,      // children: blocks
    thematic_break,  // a rule ("***", "* * *", a bottom border)
    image,           // alt: its alternative text
    page_break,
    preformatted,  // text kept line for line, nothing recognised in it (a code
                   // block)
};

enum class alignment : std::uint8_t { unspecified, left, centre, right, justified };

// What a stretch of runs is marked as. A mark spans runs that follow one
// another, and marks nest: a run lists the marks it is in, outermost first.
enum class mark_kind : std::uint8_t { strong, emphasis, underline, link };

struct mark {
    mark_kind kind = mark_kind::strong;
    std::string target;  // a link's address
    source_span where;   // the whole marked stretch in the source, markup included
};

enum class run_kind : std::uint8_t {
    text,
    soft_break,  // a line end that the format does not keep (Markdown's single
                 // newline)
    hard_break,  // a line end that it keeps (a manual line break, <br>, two spaces
                 // before a newline)
};

struct run {
    run_kind kind = run_kind::text;
    std::string text;                  // NFC; empty for breaks
    source_span where;                 // its source
    std::vector<std::uint32_t> marks;  // indices into block::marks, outermost first
    bool caps = false;                 // printed in capitals by formatting (Word's caps, CSS uppercase)
    float size = 1.0f;                 // font size relative to the document's body text
};

// One printed line of a textual block: the runs between two breaks, with
// what the recogniser asks of it computed once.
struct line {
    std::size_t first_run = 0,
                end_run = 0;  // runs [first_run, end_run) of the block, breaks excluded
    std::string text;         // the plain text, NFC, spaces and tabs trimmed at both ends
    source_position begin, end;
    bool bold = true;        // every non-space character is strong
    bool emphasised = true;  // every non-space character is emphasis
};

struct block {
    block_kind kind = block_kind::paragraph;
    source_span where;
    int level = 0;         // a heading's level
    bool ordered = false;  // a list's items are numbered
    bool header = false;   // a table row of column headings
    std::string marker;    // a list item's marker as printed; a list's first marker
    std::string alt;       // an image's alternative text
    std::string src;       // an image's address as written; empty when the file embeds it (DOCX)
    std::string caption;   // an image's caption (Markdown's title: ![alt](src "caption"))
    // The block as printed with its markup, where the format has markup the
    // text does not show (Markdown's "***END***" reads as emphasis); else
    // empty. Only one-line paragraphs and thematic breaks carry it.
    std::string printed;
    alignment align = alignment::unspecified;
    int indent = 0;  // left indentation in points
    std::vector<run> runs;
    std::vector<mark> marks;
    std::vector<line> lines;  // filled by finish_lines()
    std::vector<block> children;

    bool textual() const noexcept { return kind == block_kind::paragraph || kind == block_kind::heading; }
    bool bold() const noexcept;        // textual, and every line bold
    bool emphasised() const noexcept;  // textual, and every line emphasised and not bold
    // The lines' text joined by spaces.
    std::string joined() const;
};

// What a Markdown draft's YAML front matter says, as a CMS exports it
// ("---", "title: ...", "date: ...", "---"): each value as written and
// where it stands. The front matter is never one of the blocks.
struct front_matter {
    struct value {
        std::string text;
        source_span where;
    };
    std::optional<value> title, date, place;
};

struct document {
    std::vector<block> blocks;
    front_matter meta;
    // Problems the reader met (an unclosed emphasis, a damaged file); a
    // document with a fatal one has no blocks.
    std::vector<diagnostic> diagnostics;
    source_position end;  // just past the last character that is not white space
};

// What a reader needs to know besides the bytes.
struct reader_limits {
    unsigned max_nesting = 64;             // quotes and lists inside one another
    std::size_t max_inflated = 64u << 20;  // bytes a compressed container (.docx) may unpack to
};

// The marks a run is in, by kind.
bool has_mark(const block& b, const run& r, mark_kind kind) noexcept;

// Cuts a textual block's runs into lines at its breaks and computes each
// line's text, position and emphasis. Readers call it once per textual
// block, after its last run.
void finish_lines(block& b);

// Plain text kept line for line (a preformatted block: a mailing list's
// <pre>) read as a plain-text draft is: a blank line ends a paragraph, a
// line end inside one is a soft break.
std::vector<block> plain_text_paragraphs(const block& preformatted);

// Builds a textual block's runs from formatted text, for formats whose
// styles come as properties of each piece of text (DOCX, HTML): a style
// that goes on over consecutive pieces becomes one mark. Readers that see
// the nesting themselves (Markdown) use open()/close() instead.
class run_builder {
public:
    explicit run_builder(block& b) : block_(b) {}

    struct style {
        bool strong = false, emphasis = false, underline = false, caps = false;
        std::string link;  // empty: not a link
        float size = 1.0f;
    };

    // Text with the given style, marks opened and closed to match it.
    void text(std::string_view text, source_span where, const style& s);
    // Explicit nesting: a mark opened here holds every run until close().
    void open(mark_kind kind, source_span where, std::string target = {});
    void close();
    // Text in the marks now open.
    void text(std::string_view text, source_span where);
    void line_break(run_kind kind, source_span where);

private:
    block& block_;
    std::vector<std::uint32_t> open_;  // marks open now, outermost first
    style current_;                    // the style text(..., style) last set
};

}  // namespace communique::detail
