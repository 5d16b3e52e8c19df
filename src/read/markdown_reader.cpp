// The Markdown reader: cmark-gfm parses the draft and its blocks and inlines
// are translated into the document model, one to one, with their positions
// in the draft. Nothing here decides what a block means (recognise.cpp
// does); what is Markdown's own stays here: how deep the draft nests, which
// emphasis never closed, what a list's marker was, how an end mark such as
// "***END***" was printed before the parser read it as emphasis.
#include "core/unicode.hpp"
#include "read/readers.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

namespace communique::detail {

namespace {

struct cmark_deleter {
    void operator()(cmark_node* n) const noexcept { cmark_node_free(n); }
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string_view literal_of(cmark_node* n) {
    const char* l = cmark_node_get_literal(n);
    return l ? std::string_view(l) : std::string_view();
}

// The table extension's nodes have types it assigns when it registers, not
// constants of the public header: they are told by name.
bool is_type(cmark_node* n, const char* name) {
    const char* t = cmark_node_get_type_string(n);
    return t && std::strcmp(t, name) == 0;
}

// The images of a paragraph that holds nothing else (white space and line
// ends aside): a picture set on its own, not one amid text. Empty if none.
std::vector<cmark_node*> images_alone(cmark_node* paragraph) {
    std::vector<cmark_node*> images;
    for (cmark_node* n = cmark_node_first_child(paragraph); n; n = cmark_node_next(n)) {
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_IMAGE: images.push_back(n); break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK: break;
            case CMARK_NODE_TEXT:
                if (literal_of(n).find_first_not_of(" \t") == std::string_view::npos) break;
                return {};
            default: return {};
        }
    }
    return images;
}

// An image's alternative text: the text of what its brackets hold.
void alt_text(cmark_node* parent, std::string& out) {
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        if (cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK || cmark_node_get_type(n) == CMARK_NODE_LINEBREAK)
            out += ' ';
        else
            out += literal_of(n);
        alt_text(n, out);
    }
}

class markdown_reader {
public:
    markdown_reader(const source_text& src, const reader_limits& limits) : src_(src), limits_(limits) {}

    document run();

private:
    const source_text& src_;
    const reader_limits& limits_;
    document doc_;

    source_position start_of(cmark_node* n) const {
        return src_.from_byte_column(static_cast<std::uint32_t>(cmark_node_get_start_line(n)),
                                     static_cast<std::uint32_t>(cmark_node_get_start_column(n)));
    }
    source_position end_of(cmark_node* n) const {
        return src_.from_byte_column(static_cast<std::uint32_t>(cmark_node_get_end_line(n)),
                                     static_cast<std::uint32_t>(cmark_node_get_end_column(n)) + 1);
    }
    source_span span_of(cmark_node* n) const { return {start_of(n), end_of(n)}; }

    void report(rule id, std::string message, source_span where) {
        doc_.diagnostics.push_back(make_diagnostic(severity::error, id, std::move(message), where.begin, where.end));
    }

    bool nests_too_deep(cmark_node* root);
    void find_unclosed_emphasis(cmark_node* root);
    std::optional<block> make_block(cmark_node* n) const;
    void add_blocks(std::vector<block>& out, cmark_node* n) const;
    block make_table(cmark_node* table) const;
    // in_cell: a table cell's, where "<br>" is the line break (a line end
    // would end the row).
    void add_inlines(run_builder& out, cmark_node* parent, bool in_cell = false) const;
    std::string list_marker(cmark_node* list) const;
};

// The tree is built recursively: a draft nested deeper than any release is
// refused before it could exhaust the stack. The limit counts quotes and
// lists; emphasis and the rest may add as many levels again.
bool markdown_reader::nests_too_deep(cmark_node* root) {
    unsigned depth = 0, levels = 0;
    auto is_level = [](cmark_node* n) {
        return cmark_node_get_type(n) == CMARK_NODE_BLOCK_QUOTE || cmark_node_get_type(n) == CMARK_NODE_LIST;
    };
    cmark_iter* it = cmark_iter_new(root);
    bool deep = false;
    for (cmark_event_type ev; !deep && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node* n = cmark_iter_get_node(it);
        if (is_level(n)) levels += ev == CMARK_EVENT_ENTER ? 1 : -1;  // a container gets both events
        if (ev == CMARK_EVENT_ENTER && cmark_node_first_child(n)) {
            // A list level is two nodes (list, item).
            if (levels > limits_.max_nesting || ++depth > limits_.max_nesting * 2 + 8) {
                report(rule::nesting_too_deep,
                       "quotes, lists or emphasis are nested deeper than the limit of " +
                           std::to_string(limits_.max_nesting) +
                           " levels; raise it with --max-depth or [limits] nesting",
                       span_of(n));
                deep = true;
            }
        } else if (ev == CMARK_EVENT_EXIT && cmark_node_first_child(n)) {
            --depth;
        }
    }
    cmark_iter_free(it);
    return deep;
}

void markdown_reader::find_unclosed_emphasis(cmark_node* root) {
    // Delimiters that cmark could not pair stay in the text as literal
    // characters; a run of them at the start of a word opened emphasis that
    // never closed.
    cmark_iter* it = cmark_iter_new(root);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node* n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_TEXT) continue;
        // Not find_first_of: libstdc++ calls a function per character for it.
        const std::string_view text = literal_of(n);
        if (text.empty() ||
            (!std::memchr(text.data(), '*', text.size()) && !std::memchr(text.data(), '_', text.size())))
            continue;
        // The source of the node, where a backslash still shows that a
        // character was escaped on purpose.
        auto line = static_cast<std::uint32_t>(cmark_node_get_start_line(n));
        if (line == 0 || cmark_node_get_end_line(n) != cmark_node_get_start_line(n)) continue;
        std::string_view whole = src_.line(line);
        auto from = static_cast<std::size_t>(std::max(cmark_node_get_start_column(n) - 1, 0));
        auto to = std::min<std::size_t>(static_cast<std::size_t>(cmark_node_get_end_column(n)), whole.size());
        if (from >= to) continue;
        std::string_view t = whole.substr(from, to - from);
        for (std::size_t i = 0; i < t.size(); ++i) {
            char c = t[i];
            if (c == '\\') {
                ++i;  // an escaped character is text
                continue;
            }
            if (c != '*' && c != '_') continue;
            std::size_t j = i;
            while (j < t.size() && t[j] == c) ++j;
            bool word_start = i == 0 ? true : (t[i - 1] == ' ' || t[i - 1] == '(' || t[i - 1] == '"');
            bool before_word = j < t.size() && t[j] != ' ';
            bool word_end = j == t.size() || t[j] == ' ' || t[j] == '.' || t[j] == ',';
            bool after_word = i > 0 && t[i - 1] != ' ';
            if ((word_start && before_word) || (j - i >= 2 && after_word && word_end)) {
                source_position p = src_.from_byte_column(line, static_cast<std::uint32_t>(from + i + 1));
                std::string marker(t.substr(i, j - i));
                source_position q = p;
                q.column += static_cast<std::uint32_t>(marker.size());
                report(rule::emphasis_unclosed,
                       "emphasis '" + marker + "' is never closed; add the closing '" + marker + "'", {p, q});
                break;  // one report per text node is enough
            }
            i = j - 1;
        }
    }
    cmark_iter_free(it);
}

void markdown_reader::add_inlines(run_builder& out, cmark_node* parent, bool in_cell) const {
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_HTML_INLINE:
                if (std::string_view l = literal_of(n); in_cell && (l == "<br>" || l == "<br/>" || l == "<br />")) {
                    out.line_break(run_kind::hard_break, span_of(n));
                    break;
                }
                [[fallthrough]];
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE: out.text(literal_of(n), span_of(n)); break;
            case CMARK_NODE_SOFTBREAK: out.line_break(run_kind::soft_break, span_of(n)); break;
            case CMARK_NODE_LINEBREAK: out.line_break(run_kind::hard_break, span_of(n)); break;
            case CMARK_NODE_EMPH:
            case CMARK_NODE_STRONG:
            case CMARK_NODE_LINK:
            case CMARK_NODE_IMAGE: {  // an image amid text: a link to it, its alt text the link's
                cmark_node_type t = cmark_node_get_type(n);
                const char* url = t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE ? cmark_node_get_url(n) : nullptr;
                out.open(t == CMARK_NODE_EMPH     ? mark_kind::emphasis
                         : t == CMARK_NODE_STRONG ? mark_kind::strong
                                                  : mark_kind::link,
                         span_of(n), url ? url : "");
                add_inlines(out, n, in_cell);
                out.close();
                break;
            }
            default: add_inlines(out, n, in_cell); break;
        }
    }
}

std::string markdown_reader::list_marker(cmark_node* list) const {
    if (cmark_node_get_list_type(list) == CMARK_ORDERED_LIST)
        return std::to_string(cmark_node_get_list_start(list)) +
               (cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ")" : ".");
    // The bullet as typed: "-", "*" or "+".
    std::string_view line = trim(src_.line(static_cast<std::uint32_t>(cmark_node_get_start_line(list))));
    while (!line.empty() && line.front() == '>') line = trim(line.substr(1));
    return line.empty() ? "-" : std::string(1, line.front());
}

std::optional<block> markdown_reader::make_block(cmark_node* n) const {
    block b;
    b.where = span_of(n);
    auto children = [&] {
        for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) add_blocks(b.children, c);
    };
    auto printed_line = [&] { return std::string(trim(src_.line(b.where.begin.line))); };
    switch (cmark_node_get_type(n)) {
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING: {
            bool heading = cmark_node_get_type(n) == CMARK_NODE_HEADING;
            b.kind = heading ? block_kind::heading : block_kind::paragraph;
            if (heading) b.level = cmark_node_get_heading_level(n);
            run_builder out(b);
            add_inlines(out, n);
            finish_lines(b);
            if (b.lines.empty()) {
                if (!heading) return std::nullopt;
                // "###" alone is an empty heading to CommonMark and an end mark to a
                // press office.
                b.kind = block_kind::thematic_break;
                b.printed = printed_line();
            } else if (b.lines.size() == 1 && !heading) {
                b.printed = printed_line();
            }
            return b;
        }
        case CMARK_NODE_THEMATIC_BREAK:
            b.kind = block_kind::thematic_break;
            b.printed = printed_line();
            return b;
        case CMARK_NODE_LIST:
            b.kind = block_kind::list;
            b.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
            b.marker = list_marker(n);
            children();
            return b;
        case CMARK_NODE_ITEM:
            b.kind = block_kind::list_item;
            children();
            return b;
        case CMARK_NODE_BLOCK_QUOTE:
            b.kind = block_kind::quote;
            children();
            return b;
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK: {
            std::string_view literal = literal_of(n);
            if (literal.starts_with("<!--")) return std::nullopt;  // an editor's comment, not the release's text
            b.kind = block_kind::preformatted;
            run_builder out(b);
            for (std::size_t at = 0, line_no = 0; at < literal.size(); ++line_no) {
                std::size_t nl = std::min(literal.find('\n', at), literal.size());
                if (line_no > 0) out.line_break(run_kind::hard_break, b.where);
                out.text(literal.substr(at, nl - at), b.where);
                at = nl + 1;
            }
            return b;
        }
        default:
            if (is_type(n, "table")) return make_table(n);
            return std::nullopt;
    }
}

// A block's blocks, a paragraph of images alone being those images.
void markdown_reader::add_blocks(std::vector<block>& out, cmark_node* n) const {
    if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) {
        std::vector<cmark_node*> images = images_alone(n);
        for (cmark_node* img : images) {
            block b;
            b.kind = block_kind::image;
            b.where = span_of(img);
            alt_text(img, b.alt);
            b.alt = std::string(trim(b.alt));
            const char* url = cmark_node_get_url(img);
            const char* title = cmark_node_get_title(img);
            b.src = url ? url : "";
            b.caption = title ? std::string(trim(title)) : std::string();
            out.push_back(std::move(b));
        }
        if (!images.empty()) return;
    }
    if (auto b = make_block(n)) out.push_back(std::move(*b));
}

// A pipe table: its rows, the first its column headings unless every one of
// them is empty (how a table without headings is written in Markdown, whose
// tables must have a heading row), each cell one paragraph of its inlines.
block markdown_reader::make_table(cmark_node* table) const {
    block t;
    t.kind = block_kind::table;
    t.where = span_of(table);
    // Each column's alignment as the delimiter row set it (":--", ":-:", "--:").
    std::uint16_t columns = cmark_gfm_extensions_get_table_columns(table);
    const std::uint8_t* aligns = cmark_gfm_extensions_get_table_alignments(table);
    auto column_alignment = [&](std::size_t column) {
        char a = aligns && column < columns ? static_cast<char>(aligns[column]) : 0;
        return a == 'l' ? alignment::left : a == 'c' ? alignment::centre : a == 'r' ? alignment::right
                                                                                      : alignment::unspecified;
    };
    for (cmark_node* r = cmark_node_first_child(table); r; r = cmark_node_next(r)) {
        // The heading row's type is named "table_header".
        bool header = is_type(r, "table_header");
        if (!header && !is_type(r, "table_row")) continue;
        block row;
        row.kind = block_kind::table_row;
        row.where = span_of(r);
        row.header = header || cmark_gfm_extensions_get_table_row_is_header(r) != 0;
        bool empty = true;
        for (cmark_node* c = cmark_node_first_child(r); c; c = cmark_node_next(c)) {
            if (!is_type(c, "table_cell")) continue;
            block cell;
            cell.kind = block_kind::table_cell;
            cell.where = span_of(c);
            cell.align = column_alignment(row.children.size());
            block p;
            p.where = cell.where;
            run_builder out(p);
            add_inlines(out, c, true);
            finish_lines(p);
            if (!p.lines.empty()) {
                cell.children.push_back(std::move(p));
                empty = false;
            }
            row.children.push_back(std::move(cell));
        }
        if (row.header && empty) continue;
        t.children.push_back(std::move(row));
    }
    return t;
}

// cmark-gfm's extensions register themselves in a process-wide list that
// is not guarded: once, before any parser looks for one.
cmark_syntax_extension* table_extension() {
    static cmark_syntax_extension* table = [] {
        cmark_gfm_core_extensions_ensure_registered();
        return cmark_find_syntax_extension("table");
    }();
    return table;
}

struct parser_deleter {
    void operator()(cmark_parser* p) const noexcept { cmark_parser_free(p); }
};

// YAML front matter as a CMS exports it: "---" on the first line, then
// "key: value" lines (lists and comments too), then "---" or "...". Its
// title, date and place are kept; the number of its lines, 0 when there is
// none. Only the first 100 lines are looked at.
std::uint32_t read_front_matter(const source_text& src, front_matter& meta) {
    if (trim(src.line(1)) != "---") return 0;
    front_matter found;
    bool keys = false;
    for (std::uint32_t n = 2; n <= src.line_count() && n <= 100; ++n) {
        std::string_view l = src.line(n);
        if (trim(l) == "---" || trim(l) == "...") {
            if (!keys) return 0;
            meta = std::move(found);
            return n;
        }
        if (trim(l).empty() || trim(l).starts_with('#') || l.starts_with(' ') || l.starts_with('-')) continue;
        std::size_t colon = l.find(':');
        std::string_view key = l.substr(0, colon);
        if (colon == std::string_view::npos || key.empty() ||
            key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") !=
                std::string_view::npos)
            return 0;  // not YAML: a thematic break and what follows it
        keys = true;
        std::size_t at = colon + 1;
        while (at < l.size() && (l[at] == ' ' || l[at] == '\t')) ++at;
        std::string_view v = trim(l.substr(at));
        if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
            v = v.substr(1, v.size() - 2);
            ++at;
        }
        if (v.empty() || v == "|" || v == ">") continue;  // a block value: not read
        std::optional<front_matter::value>* slot = key == "title" || key == "headline" ? &found.title
                                                   : key == "date"                   ? &found.date
                                                   : key == "place" || key == "location" ? &found.place
                                                                                          : nullptr;
        if (!slot || *slot) continue;
        source_position begin = src.from_byte_column(n, static_cast<std::uint32_t>(at + 1));
        source_position end = src.from_byte_column(n, static_cast<std::uint32_t>(at + v.size() + 1));
        *slot = front_matter::value{std::string(v), {begin, end}};
    }
    return 0;
}

document markdown_reader::run() {
    // The front matter's lines are parsed as empty lines, so that every line
    // after them keeps its number.
    std::string without_front_matter;
    std::string_view text = src_.text();
    if (std::uint32_t lines = read_front_matter(src_, doc_.meta)) {
        without_front_matter.assign(lines, '\n');
        if (lines < src_.line_count()) without_front_matter += text.substr(src_.offset_of({lines + 1, 1}));
        text = without_front_matter;
    }
    // GFM's pipe tables are read as tables; its other extensions (autolinks,
    // strikethrough, task lists) are not: a release's text is plain CommonMark.
    std::unique_ptr<cmark_parser, parser_deleter> parser(cmark_parser_new(CMARK_OPT_SOURCEPOS));
    if (cmark_syntax_extension* table = table_extension()) cmark_parser_attach_syntax_extension(parser.get(), table);
    cmark_parser_feed(parser.get(), text.data(), text.size());
    std::unique_ptr<cmark_node, cmark_deleter> root(cmark_parser_finish(parser.get()));
    if (nests_too_deep(root.get())) return std::move(doc_);
    std::size_t top = 0;  // room for the blocks at once: a block is large to move
    for (cmark_node* c = cmark_node_first_child(root.get()); c; c = cmark_node_next(c)) ++top;
    doc_.blocks.reserve(top);
    for (cmark_node* c = cmark_node_first_child(root.get()); c; c = cmark_node_next(c)) add_blocks(doc_.blocks, c);
    find_unclosed_emphasis(root.get());
    doc_.end = src_.position_at(src_.text().find_last_not_of(" \t\r\n") + 1);
    return std::move(doc_);
}

// cmark 0.29 copies a link reference definition's destination and title
// into every link that uses it: one definition of 100 KB used 30,000 times
// is 3 GB. An upper bound of that copying, taken before parsing: the longest
// stretch from a line that opens a definition ("[label]:") to the next blank
// line or definition, times the number of ']' (no reference can be used more
// often). Linear.
// How many times c occurs in s, by memchr: the bounds below count two
// bytes over the whole draft, and few lines hold either.
std::size_t count_byte(std::string_view s, char c) noexcept {
    if (s.empty()) return 0;
    std::size_t n = 0;
    for (const char *p = s.data(), *end = s.data() + s.size();
         (p = static_cast<const char*>(std::memchr(p, c, static_cast<std::size_t>(end - p)))) != nullptr; ++p)
        ++n;
    return n;
}

std::size_t reference_expansion_bound(std::string_view text) noexcept {
    constexpr std::size_t none = std::string_view::npos;
    std::size_t longest = 0, closers = 0, opened = none;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = std::min(text.find('\n', at), text.size());
        std::string_view line = text.substr(at, end - at);
        std::size_t indent = line.find_first_not_of(' ');
        bool blank = line.find_first_not_of(" \t\r") == none;
        bool opens = indent != none && indent <= 3 && line[indent] == '[' && line.find("]:", indent) != none;
        if (opened != none && (blank || opens)) {
            longest = std::max(longest, at - opened);
            opened = none;
        }
        if (opens) opened = at;
        closers += count_byte(line, ']');
        at = end + 1;
    }
    if (opened != none) longest = std::max(longest, text.size() - opened);
    return longest * closers;
}

// cmark-gfm's table extension fills every row of a table with as many cells
// as its delimiter row has columns: a delimiter row of 5,000 columns over
// 60,000 one-cell rows (260 KB) asks for 300 million cells. And the version
// Debian 12 ships takes time quadratic in the pipes of a row (80,000 took
// 14 s). Upper bounds of both, taken before parsing: for each line that
// could be a delimiter row ("|---|:--:|", nothing else on it), its columns
// times the lines up to the next blank line, which are all the rows the
// table can have; and the most pipes on a line of a table, the line above
// its delimiter row (the heading row) included. Linear.
struct table_bounds {
    std::size_t cells = 0;           // over all tables
    std::size_t widest = 0;          // pipes on one line of a table
    std::uint32_t cells_line = 0;    // the delimiter row of the table with the most cells
    std::uint32_t widest_line = 0;
};

table_bounds bound_tables(std::string_view text) noexcept {
    table_bounds b;
    std::size_t columns = 0, rows = 0, largest = 0, previous_pipes = 0;
    std::uint32_t line_no = 0, at_line = 0;
    auto close = [&] {
        b.cells += columns * (rows + 1);
        if (columns * (rows + 1) > largest) largest = columns * (rows + 1), b.cells_line = at_line;
        columns = rows = 0;
    };
    auto wide = [&](std::size_t pipes, std::uint32_t line) {
        if (pipes > b.widest) b.widest = pipes, b.widest_line = line;
    };
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = std::min(text.find('\n', at), text.size());
        std::string_view line = text.substr(at, end - at);
        ++line_no;
        at = end + 1;
        const std::size_t pipes = count_byte(line, '|');
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            close();
            previous_pipes = 0;
            continue;
        }
        bool delimiter = line.find('-') != std::string_view::npos &&
                         line.find_first_not_of("|-: \t\r") == std::string_view::npos;
        if (delimiter) {
            close();
            // "|---|---|" is two columns: the outer pipes open and close the row.
            std::string_view cells = line.substr(line.find_first_not_of(" \t"));
            cells = cells.substr(0, cells.find_last_not_of(" \t\r") + 1);
            columns = pipes + 1;
            if (cells.size() > 1 && cells.front() == '|') --columns;
            if (cells.size() > 1 && cells.back() == '|') --columns;
            at_line = line_no;
            wide(previous_pipes, line_no - 1);
            wide(pipes, line_no);
        } else if (columns > 0) {
            ++rows;
            wide(pipes, line_no);
        }
        previous_pipes = pipes;
    }
    close();
    return b;
}

}  // namespace

document read_markdown(const source_text& src, const reader_limits& limits) {
    // What the links may expand to: a generous multiple of what a release
    // with a few references reaches, whatever its size.
    constexpr std::size_t max_expansion = 64u << 20;
    if (reference_expansion_bound(src.text()) > max_expansion) {
        document doc;
        doc.diagnostics.push_back(make_diagnostic(severity::error, rule::input_too_large,
                                                  "link reference definitions here could expand "
                                                  "to more than 64 MiB of links; "
                                                  "write the links inline",
                                                  {1, 1}, {1, 1}));
        return doc;
    }
    // Cells and columns enough for any table a release prints, many times over.
    constexpr std::size_t max_cells = 50'000, max_pipes = 500;
    table_bounds tables = bound_tables(src.text());
    if (tables.cells > max_cells || tables.widest > max_pipes) {
        bool wide = tables.widest > max_pipes;
        std::uint32_t line = wide ? tables.widest_line : tables.cells_line;
        document doc;
        doc.diagnostics.push_back(
            make_diagnostic(severity::error, rule::input_too_large,
                            wide ? "a table row here has more than 500 cells; split the table"
                                 : "the tables here could have more than 50,000 cells (a table has as many "
                                   "cells in each row as its delimiter row has columns); split the table",
                            {line, 1}, {line, 1}));
        return doc;
    }
    return markdown_reader(src, limits).run();
}

}  // namespace communique::detail
