// The draft reader: cmark-gfm parses the Markdown, then the release's
// structure (header, headline, body, dateline, closing) is recognised from
// the blocks it found, and the release tree is built with every element's
// position in the draft.
#include "core/unicode.hpp"
#include "read/reader.hpp"
#include "read/vocabulary.hpp"

#include <cmark-gfm.h>

#include <algorithm>
#include <optional>
#include <string>

namespace communique::detail {

namespace {

struct cmark_deleter {
    void operator()(cmark_node* n) const noexcept { cmark_node_free(n); }
};

// One printed line of a paragraph or heading.
struct text_line {
    std::string text;  // plain text (no emphasis markers), NFC
    source_position begin, end;
    cmark_node* first = nullptr;  // the paragraph's top-level inline nodes of this line: [first, stop)
    cmark_node* stop = nullptr;
    bool bold = true;        // every non-space character is strong
    bool emphasised = true;  // every non-space character is emphasis
};

struct block {
    cmark_node* node = nullptr;
    cmark_node_type type = CMARK_NODE_NONE;
    int heading_level = 0;
    span where;
    std::vector<text_line> lines;  // paragraphs and headings only

    bool textual() const { return type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING; }
    bool bold() const {
        return textual() && !lines.empty() && std::all_of(lines.begin(), lines.end(), [](auto& l) { return l.bold; });
    }
    bool emphasised() const {
        return textual() && !lines.empty() &&
               std::all_of(lines.begin(), lines.end(), [](auto& l) { return l.emphasised && !l.bold; });
    }
    std::string joined() const {
        std::string out;
        for (const auto& l : lines) {
            if (!out.empty()) out += ' ';
            out += l.text;
        }
        return out;
    }
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool is_space_only(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

// A list marker that CommonMark does not know but press offices use:
// "(a)", "(iv)", "(1)", "a)", "a.", "IV.", "A.", "•".
struct pseudo_marker {
    std::string text;    // as printed, "(a)"
    std::string family;  // items of one list share a family
    std::string other;   // a second family for letters that are also numerals: "C." is "I." or "A."
    bool ordered = true;
    std::size_t length = 0;  // bytes including the spaces after it

    bool fits(const std::vector<std::string>& families) const {
        return std::any_of(families.begin(), families.end(),
                           [&](const std::string& f) { return f == family || (!other.empty() && f == other); });
    }
    std::vector<std::string> families() const {
        return other.empty() ? std::vector<std::string>{family} : std::vector<std::string>{family, other};
    }
};

std::optional<pseudo_marker> find_pseudo_marker(std::string_view line) {
    auto with_space = [&](std::size_t n, std::string family, bool ordered) -> std::optional<pseudo_marker> {
        if (n >= line.size() || (line[n] != ' ' && line[n] != '\t')) return std::nullopt;
        std::size_t len = n;
        while (len < line.size() && (line[len] == ' ' || line[len] == '\t')) ++len;
        if (len == line.size()) return std::nullopt;  // a marker with nothing after it
        return pseudo_marker{std::string(line.substr(0, n)), std::move(family), {}, ordered, len};
    };
    for (std::string_view bullet : {"•", "●", "▪", "◦", "‣", "–"})
        if (line.starts_with(bullet)) return with_space(bullet.size(), std::string(bullet), false);
    auto is_roman = [](char c) { return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C'; };
    auto is_lower_roman = [](char c) { return c == 'i' || c == 'v' || c == 'x'; };
    std::size_t n = 0;
    if (line.starts_with('(')) {
        n = 1;
        while (n < line.size() && n <= 5 && ((line[n] >= 'a' && line[n] <= 'z') || (line[n] >= '0' && line[n] <= '9')))
            ++n;
        if (n > 1 && n < line.size() && line[n] == ')') {
            bool digits = line[1] >= '0' && line[1] <= '9';
            bool roman = std::all_of(line.begin() + 1, line.begin() + static_cast<long>(n), is_lower_roman);
            if (n > 2 && !digits && !roman) return std::nullopt;  // "(ab)" is not a marker
            return with_space(n + 1, digits ? "(1)" : "(a)", true);
        }
        return std::nullopt;
    }
    if (line.size() >= 2 && line[0] >= 'a' && line[0] <= 'z' && (line[1] == ')' || line[1] == '.'))
        return with_space(2, line[1] == ')' ? "a)" : "a.", true);
    while (n < line.size() && n < 6 && is_roman(line[n])) ++n;
    if (n > 0 && n < line.size() && line[n] == '.') {
        auto m = with_space(n + 1, "I.", true);
        if (m && n == 1) m->other = "A.";
        return m;
    }
    if (line.size() >= 2 && line[0] >= 'A' && line[0] <= 'Z' && line[1] == '.') return with_space(2, "A.", true);
    return std::nullopt;
}

class draft_reader {
public:
    draft_reader(const source_text& src, const read_options& opts) : src_(src), opts_(opts) {}

    read_result run();

private:
    const source_text& src_;
    const read_options& opts_;
    std::vector<diagnostic> diags_;
    std::unique_ptr<release_tree> tree_;

    // ---- positions --------------------------------------------------------
    source_position start_of(cmark_node* n) const {
        return src_.from_byte_column(static_cast<std::uint32_t>(cmark_node_get_start_line(n)),
                                     static_cast<std::uint32_t>(cmark_node_get_start_column(n)));
    }
    source_position end_of(cmark_node* n) const {
        return src_.from_byte_column(static_cast<std::uint32_t>(cmark_node_get_end_line(n)),
                                     static_cast<std::uint32_t>(cmark_node_get_end_column(n)) + 1);
    }
    span span_of(cmark_node* n) const { return {start_of(n), end_of(n)}; }
    static source_position advance(source_position p, std::string_view text) {
        p.column += static_cast<std::uint32_t>(count_code_points(text));
        return p;
    }

    void report(severity level, std::string rule, std::string message, span where) {
        diags_.push_back({level, std::move(rule), std::move(message), where.begin, where.end});
    }

    // ---- blocks ----------------------------------------------------------
    block make_block(cmark_node* n) const;
    void collect_lines(cmark_node* parent, int strong, int emph, std::vector<text_line>& lines) const;
    std::optional<dateline_match> whole_dateline(const block& b) const;
    bool is_closing_block(const block& b) const;
    std::string end_mark_text(const block& b) const;
    void find_unclosed_emphasis(cmark_node* doc);

    // ---- building --------------------------------------------------------
    // Lines [from, to) of a paragraph as inline content (a line break is a space).
    void add_lines(xmlNodePtr parent, const block& b, std::size_t from, std::size_t to);
    // The same as plain text, line breaks kept as br: header parts, whose
    // element says how they look.
    void add_plain_lines(xmlNodePtr parent, const block& b, std::size_t from, std::size_t to);
    void add_dateline(const text_line& line, const dateline_match& m, const char* position);
    void add_blocks(xmlNodePtr parent, const std::vector<block>& blocks, std::size_t from, std::size_t to);
    void add_list(xmlNodePtr parent, cmark_node* list);
    std::size_t add_pseudo_list(xmlNodePtr parent, const std::vector<block>& blocks, std::size_t at, std::size_t to);

    // Inline content: text runs are gathered so that dates split over a line
    // break are still found, and positions are kept per piece.
    struct piece {
        std::size_t offset;  // in run_
        source_position pos;
    };
    std::string run_;
    std::vector<piece> pieces_;
    // The last position run_position() answered: dates are asked for in
    // increasing order, so counting on from there makes a paragraph of n
    // dates cost its length, not n times its length.
    mutable std::optional<piece> last_position_;
    std::size_t skip_ = 0;  // plain-text bytes still to drop (a run-in dateline)
    bool softbreak_as_br_ = false;

    void add_inlines(xmlNodePtr parent, cmark_node* first, cmark_node* stop);
    void add_inline(xmlNodePtr parent, cmark_node* n);
    void append_text(std::string_view text, source_position pos);
    void flush(xmlNodePtr parent);
    source_position run_position(std::size_t offset) const;
    bool add_person(xmlNodePtr parent, cmark_node* strong);
};

void draft_reader::collect_lines(cmark_node* parent, int strong, int emph, std::vector<text_line>& lines) const {
    for (cmark_node* c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
        switch (cmark_node_get_type(c)) {
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                if (strong == 0 && emph == 0 && parent == cmark_node_parent(c)) lines.back().stop = c;
                lines.emplace_back();
                lines.back().first = cmark_node_next(c);
                break;
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
            case CMARK_NODE_HTML_INLINE: {
                text_line& l = lines.back();
                std::string text = to_nfc(cmark_node_get_literal(c) ? cmark_node_get_literal(c) : "");
                if (l.text.empty() && l.begin.line == 0) l.begin = start_of(c);
                l.text += text;
                l.end = end_of(c);
                if (!is_space_only(text)) {
                    l.bold = l.bold && strong > 0;
                    l.emphasised = l.emphasised && emph > 0;
                }
                break;
            }
            case CMARK_NODE_STRONG: collect_lines(c, strong + 1, emph, lines); break;
            case CMARK_NODE_EMPH: collect_lines(c, strong, emph + 1, lines); break;
            default: collect_lines(c, strong, emph, lines); break;
        }
    }
}

block draft_reader::make_block(cmark_node* n) const {
    block b;
    b.node = n;
    b.type = cmark_node_get_type(n);
    b.where = span_of(n);
    if (b.type == CMARK_NODE_HEADING) b.heading_level = cmark_node_get_heading_level(n);
    if (b.textual()) {
        b.lines.emplace_back();
        b.lines.back().first = cmark_node_first_child(n);
        collect_lines(n, 0, 0, b.lines);
        for (auto& l : b.lines) {
            // Lines the parser trimmed still need a position for reporting.
            if (l.begin.line == 0) l.begin = l.end = b.where.begin;
            std::string_view t = trim(l.text);
            if (t.size() != l.text.size()) l.text = std::string(t);
        }
        std::erase_if(b.lines, [](const text_line& l) { return l.text.empty() && l.first == nullptr; });
    }
    return b;
}

std::optional<dateline_match> draft_reader::whole_dateline(const block& b) const {
    if (b.type != CMARK_NODE_PARAGRAPH || b.lines.size() != 1) return std::nullopt;
    auto m = match_dateline(b.lines[0].text, opts_.numeric_dates);
    if (!m || m->run_in) return std::nullopt;
    return m;
}

std::string draft_reader::end_mark_text(const block& b) const {
    std::string_view line = trim(src_.line(b.where.begin.line));
    if (b.type == CMARK_NODE_THEMATIC_BREAK) return line.empty() ? std::string("***") : std::string(line);
    // The mark as printed: "***END***" is an end mark, not bold "END".
    if (b.type == CMARK_NODE_PARAGRAPH && b.lines.size() == 1) {
        if (is_end_mark(line)) return std::string(line);
        if (is_end_mark(b.lines[0].text)) return b.lines[0].text;
    }
    return {};
}

bool draft_reader::is_closing_block(const block& b) const {
    if (!end_mark_text(b).empty()) return true;
    return b.type == CMARK_NODE_PARAGRAPH && !b.lines.empty() && is_closing_lead(b.lines[0].text);
}

void draft_reader::find_unclosed_emphasis(cmark_node* doc) {
    // Delimiters that cmark could not pair stay in the text as literal
    // characters; a run of them at the start of a word opened emphasis that
    // never closed.
    cmark_iter* it = cmark_iter_new(doc);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node* n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_TEXT) continue;
        std::string_view literal = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
        if (literal.find_first_of("*_") == std::string_view::npos) continue;
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
                report(severity::error, "emphasis-unclosed",
                       "emphasis '" + marker + "' is never closed; add the closing '" + marker + "'",
                       {p, advance(p, marker)});
                break;  // one report per text node is enough
            }
            i = j - 1;
        }
    }
    cmark_iter_free(it);
}

// ---- inline content -------------------------------------------------------

void draft_reader::append_text(std::string_view text, source_position pos) {
    if (skip_ > 0) {
        std::size_t drop = std::min(skip_, text.size());
        skip_ -= drop;
        pos = advance(pos, text.substr(0, drop));
        text.remove_prefix(drop);
        if (skip_ == 0) {  // the run-in separator's spaces go with the dateline
            std::size_t spaces = text.find_first_not_of(' ');
            if (spaces == std::string_view::npos) spaces = text.size();
            pos = advance(pos, text.substr(0, spaces));
            text.remove_prefix(spaces);
        }
        if (text.empty()) return;
    }
    pieces_.push_back({run_.size(), pos});
    run_ += text;
}

source_position draft_reader::run_position(std::size_t offset) const {
    auto it = std::upper_bound(pieces_.begin(), pieces_.end(), offset,
                               [](std::size_t o, const piece& p) { return o < p.offset; });
    if (it == pieces_.begin()) return {};
    --it;
    piece from = *it;
    if (last_position_ && last_position_->offset >= it->offset && last_position_->offset <= offset &&
        (std::next(it) == pieces_.end() || last_position_->offset < std::next(it)->offset))
        from = *last_position_;
    last_position_ = piece{offset, advance(from.pos, std::string_view(run_).substr(from.offset, offset - from.offset))};
    return last_position_->pos;
}

void draft_reader::flush(xmlNodePtr parent) {
    if (run_.empty()) return;
    std::size_t at = 0;
    for (const date_match& d : find_dates(run_, opts_.numeric_dates)) {
        tree_->add_text(parent, std::string_view(run_).substr(at, d.begin - at));
        xmlNodePtr date = tree_->add(parent, "date", {run_position(d.begin), run_position(d.end)});
        tree_->set_attribute(date, "when", d.iso());
        tree_->add_text(date, std::string_view(run_).substr(d.begin, d.end - d.begin));
        at = d.end;
    }
    tree_->add_text(parent, std::string_view(run_).substr(at));
    run_.clear();
    pieces_.clear();
    last_position_.reset();
}

bool draft_reader::add_person(xmlNodePtr parent, cmark_node* strong) {
    std::string text;
    for (cmark_node* c = cmark_node_first_child(strong); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_TEXT) text += cmark_node_get_literal(c) ? cmark_node_get_literal(c) : "";
        else if (t == CMARK_NODE_SOFTBREAK) text += ' ';
        else return false;
    }
    text = to_nfc(text);
    std::size_t h = honorific_length(text);
    if (h == 0) return false;
    std::string_view rest = std::string_view(text).substr(h);
    std::size_t gap = rest.find_first_not_of(' ');
    if (gap == std::string_view::npos) return false;
    std::string_view who = rest.substr(gap);
    // "His Excellency SOK Chenda Sophea and Her Excellency ..." names two people.
    if (who.find(" and ") != std::string_view::npos || who.find(", ") != std::string_view::npos) return false;
    span where = span_of(strong);
    source_position p = advance(where.begin, "**");
    xmlNodePtr person = tree_->add(parent, "person", where);
    xmlNodePtr hon = tree_->add(person, "honorific", {p, advance(p, text.substr(0, h))});
    tree_->add_text(hon, std::string_view(text).substr(0, h));
    tree_->add_text(person, rest.substr(0, gap));
    p = advance(p, std::string_view(text).substr(0, h + gap));
    bool office = who.starts_with("the ") || who.starts_with("The ");
    xmlNodePtr name = tree_->add(person, office ? "role" : "name", {p, advance(p, who)});
    tree_->add_text(name, who);
    return true;
}

void draft_reader::add_inline(xmlNodePtr parent, cmark_node* n) {
    auto literal = [&] { return std::string_view(cmark_node_get_literal(n) ? cmark_node_get_literal(n) : ""); };
    auto element = [&](const char* name) {
        flush(parent);
        xmlNodePtr e = tree_->add(parent, name, span_of(n));
        add_inlines(e, cmark_node_first_child(n), nullptr);
        flush(e);
        if (!e->children) {  // all of it was a run-in dateline
            xmlUnlinkNode(e);
            xmlFreeNode(e);
        }
        return e;
    };
    switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE: append_text(to_nfc(literal()), start_of(n)); break;
        case CMARK_NODE_SOFTBREAK:
            if (!softbreak_as_br_) {
                if (!run_.empty() || skip_ == 0) append_text(" ", run_position(run_.size()));
                break;
            }
            [[fallthrough]];
        case CMARK_NODE_LINEBREAK:
            flush(parent);
            tree_->add(parent, "br", span_of(n));
            break;
        case CMARK_NODE_EMPH: element("em"); break;
        case CMARK_NODE_STRONG:
            if (skip_ == 0) {
                flush(parent);
                if (add_person(parent, n)) break;
            }
            element("strong");
            break;
        case CMARK_NODE_LINK: {
            xmlNodePtr e = element("link");
            if (e->parent) tree_->set_attribute(e, "href", cmark_node_get_url(n) ? cmark_node_get_url(n) : "");
            break;
        }
        default: add_inlines(parent, cmark_node_first_child(n), nullptr); break;  // images: their alt text
    }
}

void draft_reader::add_inlines(xmlNodePtr parent, cmark_node* first, cmark_node* stop) {
    for (cmark_node* c = first; c && c != stop; c = cmark_node_next(c)) add_inline(parent, c);
}

// ---- blocks ---------------------------------------------------------------

void draft_reader::add_lines(xmlNodePtr parent, const block& b, std::size_t from, std::size_t to) {
    if (from == 0 && to == b.lines.size()) {
        add_inlines(parent, cmark_node_first_child(b.node), nullptr);
        flush(parent);
        return;
    }
    // Part of a paragraph: cut at its line breaks.
    for (std::size_t i = from; i < to; ++i) {
        if (i > from) append_text(" ", b.lines[i].begin);
        add_inlines(parent, b.lines[i].first, b.lines[i].stop);
        while (!run_.empty() && run_.back() == ' ') run_.pop_back();
    }
    flush(parent);
}

void draft_reader::add_plain_lines(xmlNodePtr parent, const block& b, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
        if (i > from) tree_->add(parent, "br", {b.lines[i].begin, b.lines[i].begin});
        tree_->add_text(parent, b.lines[i].text);
    }
}

void draft_reader::add_dateline(const text_line& line, const dateline_match& m, const char* position) {
    std::string_view t = line.text;
    auto pos = [&](std::size_t offset) { return advance(line.begin, t.substr(0, offset)); };
    // The dateline ends at its date, plus closing brackets or a full stop;
    // a run-in separator is not part of it.
    std::size_t end = m.date.end;
    while (end < t.size() && end < m.end && (t[end] == ')' || t[end] == '.' || t[end] == ']')) ++end;
    xmlNodePtr d = tree_->add(tree_->root(), "dateline", {line.begin, pos(end)});
    tree_->set_attribute(d, "position", position);
    tree_->add_text(d, t.substr(0, m.place_begin));
    if (m.place_end > m.place_begin) {
        xmlNodePtr place = tree_->add(d, "place", {pos(m.place_begin), pos(m.place_end)});
        tree_->add_text(place, t.substr(m.place_begin, m.place_end - m.place_begin));
    }
    tree_->add_text(d, t.substr(m.place_end, m.date.begin - m.place_end));
    xmlNodePtr date = tree_->add(d, "date", {pos(m.date.begin), pos(m.date.end)});
    tree_->set_attribute(date, "when", m.date.iso());
    tree_->add_text(date, t.substr(m.date.begin, m.date.end - m.date.begin));
    tree_->add_text(d, t.substr(m.date.end, end - m.date.end));
}

void draft_reader::add_list(xmlNodePtr parent, cmark_node* list) {
    xmlNodePtr l = tree_->add(parent, "list", span_of(list));
    bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
    tree_->set_attribute(l, "type", ordered ? "ordered" : "unordered");
    std::string marker;
    if (ordered) {
        marker = std::to_string(cmark_node_get_list_start(list));
        marker += cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ")" : ".";
    } else {
        std::string_view line = trim(src_.line(static_cast<std::uint32_t>(cmark_node_get_start_line(list))));
        while (!line.empty() && line.front() == '>') line = trim(line.substr(1));
        marker = line.empty() ? "-" : std::string(1, line.front());
    }
    tree_->set_attribute(l, "marker", marker);
    for (cmark_node* item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
        xmlNodePtr it = tree_->add(l, "item", span_of(item));
        bool first = true;
        for (cmark_node* c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
            if (cmark_node_get_type(c) == CMARK_NODE_LIST) {
                flush(it);
                add_list(it, c);
                continue;
            }
            if (!first) {
                flush(it);
                tree_->add(it, "br", span_of(c));
            }
            first = false;
            add_inlines(it, cmark_node_first_child(c), nullptr);
            flush(it);
        }
    }
}

std::size_t draft_reader::add_pseudo_list(xmlNodePtr parent, const std::vector<block>& blocks, std::size_t at,
                                          std::size_t to) {
    auto first = find_pseudo_marker(blocks[at].lines[0].text);
    // The families the items so far agree on: "A. B. C." is letters, "I. II. III." numerals.
    std::vector<std::string> families = first->families();
    auto belongs = [&](const std::optional<pseudo_marker>& m) {
        if (!m || !m->fits(families)) return false;
        std::erase_if(families, [&](const std::string& f) { return f != m->family && f != m->other; });
        return true;
    };
    xmlNodePtr list = tree_->add(parent, "list", blocks[at].where);
    tree_->set_attribute(list, "type", first->ordered ? "ordered" : "unordered");
    tree_->set_attribute(list, "marker", first->text);
    std::size_t i = at;
    for (; i < to; ++i) {
        const block& b = blocks[i];
        if (b.type != CMARK_NODE_PARAGRAPH || b.lines.empty()) break;
        if (!belongs(find_pseudo_marker(b.lines[0].text))) break;
        xmlNodePtr item = nullptr;
        for (const text_line& line : b.lines) {
            auto lm = find_pseudo_marker(line.text);
            if (!item || belongs(lm)) {
                if (item) flush(item);
                item = tree_->add(list, "item", {line.begin, line.end});
                skip_ = lm->length;
            } else {
                append_text(" ", line.begin);
            }
            add_inlines(item, line.first, line.stop);
            while (!run_.empty() && run_.back() == ' ') run_.pop_back();
        }
        flush(item);
        xmlNodePtr last = xmlGetLastChild(list);
        if (last && last->_private) static_cast<span*>(last->_private)->end = b.where.end;
        static_cast<span*>(list->_private)->end = b.where.end;
    }
    return i;
}

void draft_reader::add_blocks(xmlNodePtr parent, const std::vector<block>& blocks, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to;) {
        const block& b = blocks[i];
        switch (b.type) {
            case CMARK_NODE_PARAGRAPH: {
                if (b.lines.empty()) break;
                auto m = find_pseudo_marker(b.lines[0].text);
                auto same_list = [&](std::string_view text) {
                    auto other = find_pseudo_marker(text);
                    return other && other->fits(m->families());
                };
                bool listy = m && (std::count_if(b.lines.begin(), b.lines.end(),
                                                 [&](const text_line& l) { return same_list(l.text); }) >= 2 ||
                                   (i + 1 < to && blocks[i + 1].textual() && !blocks[i + 1].lines.empty() &&
                                    same_list(blocks[i + 1].lines[0].text)));
                if (listy) {
                    i = add_pseudo_list(parent, blocks, i, to);
                    continue;
                }
                bool subheading = b.bold() && b.lines.size() == 1 && count_words(b.lines[0].text) <= 12;
                xmlNodePtr p = tree_->add(parent, subheading ? "subheading" : "p", b.where);
                if (subheading) {
                    // The bold is what makes it a subheading; its text is the content.
                    cmark_node* only = cmark_node_first_child(b.node);
                    add_inlines(p, cmark_node_first_child(only), nullptr);
                    flush(p);
                } else {
                    add_inlines(p, cmark_node_first_child(b.node), nullptr);
                    flush(p);
                }
                break;
            }
            case CMARK_NODE_HEADING: {
                xmlNodePtr h = tree_->add(parent, "subheading", b.where);
                add_inlines(h, cmark_node_first_child(b.node), nullptr);
                flush(h);
                break;
            }
            case CMARK_NODE_LIST: add_list(parent, b.node); break;
            case CMARK_NODE_BLOCK_QUOTE: {
                xmlNodePtr q = tree_->add(parent, "quote", b.where);
                std::vector<block> inner;
                for (cmark_node* c = cmark_node_first_child(b.node); c; c = cmark_node_next(c))
                    inner.push_back(make_block(c));
                add_blocks(q, inner, 0, inner.size());
                if (!first_element(q)) {  // "> " with nothing in it
                    xmlUnlinkNode(q);
                    xmlFreeNode(q);
                }
                break;
            }
            case CMARK_NODE_CODE_BLOCK:
            case CMARK_NODE_HTML_BLOCK: {
                std::string_view literal = cmark_node_get_literal(b.node) ? cmark_node_get_literal(b.node) : "";
                if (literal.starts_with("<!--")) break;  // an editor's comment, not the release's text
                xmlNodePtr p = tree_->add(parent, "p", b.where);
                std::size_t line_no = 0;
                for (std::size_t at = 0; at < literal.size();) {
                    std::size_t nl = literal.find('\n', at);
                    if (nl == std::string_view::npos) nl = literal.size();
                    if (line_no++ > 0) tree_->add(p, "br");
                    tree_->add_text(p, to_nfc(literal.substr(at, nl - at)));
                    at = nl + 1;
                }
                break;
            }
            default: break;  // a thematic break inside the body carries no text
        }
        ++i;
    }
}

read_result draft_reader::run() {
    std::unique_ptr<cmark_node, cmark_deleter> doc(
        cmark_parse_document(src_.text().data(), src_.text().size(), CMARK_OPT_SOURCEPOS));
    // The tree is built recursively: a draft nested deeper than any release
    // is refused before it could exhaust the stack. The limit counts quotes
    // and lists; emphasis and the rest may add as many levels again.
    {
        unsigned depth = 0, levels = 0;
        auto is_level = [](cmark_node* n) {
            return cmark_node_get_type(n) == CMARK_NODE_BLOCK_QUOTE || cmark_node_get_type(n) == CMARK_NODE_LIST;
        };
        cmark_iter* it = cmark_iter_new(doc.get());
        for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
            cmark_node* n = cmark_iter_get_node(it);
            if (is_level(n)) levels += ev == CMARK_EVENT_ENTER ? 1 : -1;  // a container gets both events
            if (ev == CMARK_EVENT_ENTER && cmark_node_first_child(n)) {
                // A list level is two nodes (list, item).
                if (levels > opts_.max_nesting || ++depth > opts_.max_nesting * 2 + 8) {
                    report(severity::error, "nesting-too-deep",
                           "quotes, lists or emphasis are nested deeper than the limit of " +
                               std::to_string(opts_.max_nesting) + " levels",
                           span_of(n));
                    cmark_iter_free(it);
                    return {nullptr, std::move(diags_)};
                }
            } else if (ev == CMARK_EVENT_EXIT && cmark_node_first_child(n)) {
                --depth;
            }
        }
        cmark_iter_free(it);
    }
    std::vector<block> blocks;
    for (cmark_node* c = cmark_node_first_child(doc.get()); c; c = cmark_node_next(c)) {
        block b = make_block(c);
        // "###" alone is an empty heading to CommonMark and an end mark to a press office.
        if (b.type == CMARK_NODE_HEADING && b.lines.empty()) b.type = CMARK_NODE_THEMATIC_BREAK;
        if (b.textual() && b.lines.empty()) continue;
        blocks.push_back(std::move(b));
    }
    find_unclosed_emphasis(doc.get());

    tree_ = std::make_unique<release_tree>();
    xmlNodePtr root = tree_->root();
    source_position last_pos = src_.position_at(src_.text().find_last_not_of(" \t\r\n") + 1);
    tree_->set_span(root, {{1, 1}, last_pos});

    // ---- header ----------------------------------------------------------
    enum class role { none, state, motto, organisation, unit, lunar, reference, genre, dateline };
    struct header_part {
        role what;
        std::size_t block, from, to;  // lines [from, to) of blocks[block]
    };
    std::vector<header_part> parts;
    std::optional<std::string_view> kind;
    std::optional<dateline_match> top_dateline;
    const text_line* top_dateline_line = nullptr;
    // A genre label near the top closes the header: every line before it is
    // part of the header, whatever words it uses.
    std::size_t genre_block = blocks.size();
    for (std::size_t i = 0; i < blocks.size() && i < 12; ++i) {
        const block& b = blocks[i];
        if (!b.textual()) break;
        if (std::any_of(b.lines.begin(), b.lines.end(), [](const text_line& l) { return genre_kind(l.text); })) {
            genre_block = i;
            break;
        }
    }
    std::size_t bi = 0, li = 0;  // where the header stopped: block and line
    bool header_done = false;
    role last = role::none;
    unsigned seen_roles = 0;  // a bit per role found so far
    auto seen = [&](role r) { return (seen_roles >> static_cast<unsigned>(r) & 1u) != 0; };
    for (; bi < blocks.size() && !header_done; ++bi) {
        const block& b = blocks[bi];
        if (!b.textual() || (b.type == CMARK_NODE_HEADING && !genre_kind(b.joined()))) break;
        for (li = 0; li < b.lines.size(); ++li) {
            const std::string& t = b.lines[li].text;
            bool caps = !has_lowercase(t) && has_letter(t);
            std::size_t words = count_words(t);
            bool sentence = t.ends_with('.') && words > 3;
            role r = role::none;
            if (auto k = genre_kind(t)) {
                r = role::genre;
                kind = k;
            } else if (!seen(role::state) && !seen(role::organisation) && is_state_line(t)) {
                r = role::state;
            } else if (last == role::state && !seen(role::motto) &&
                       (is_known_motto(t) ||
                        (caps && words <= 6 && !has_organisation_word(t) && t.find_first_of("0123456789") ==
                                                                                std::string::npos))) {
                r = role::motto;
            } else if (is_lunar_date_line(t)) {
                r = role::lunar;
            } else if (is_reference_line(t)) {
                r = role::reference;
            } else if (auto d = match_dateline(t, opts_.numeric_dates); d && !d->run_in && b.lines.size() == 1) {
                r = role::dateline;
                top_dateline = d;
                top_dateline_line = &b.lines[li];
            } else if (sentence || words > 16) {
                r = role::none;
            } else if (last == role::organisation && !parts.empty() && parts.back().block == bi &&
                       (caps || b.lines[li].bold)) {
                r = role::organisation;  // the organisation's name goes on over a second line
            } else if ((b.bold() && (caps || has_organisation_word(t))) || (caps && has_organisation_word(t)) ||
                       (!seen(role::organisation) && has_organisation_word(t) && !seen(role::genre))) {
                r = role::organisation;
            } else if (has_unit_word(t) && (seen(role::organisation) || seen(role::state))) {
                r = role::unit;
            } else if (caps && seen(role::organisation) && last == role::organisation) {
                r = role::organisation;
            } else if (bi < genre_block && genre_block < blocks.size()) {
                r = seen(role::organisation) ? role::unit : role::organisation;
            }
            if (r == role::none) {
                header_done = true;
                break;
            }
            // Lines of one paragraph that play the same part are one element.
            bool joins = !parts.empty() && parts.back().block == bi && parts.back().what == r &&
                         (r == role::organisation || r == role::unit);
            if (joins)
                parts.back().to = li + 1;
            else
                parts.push_back({r, bi, li, li + 1});
            seen_roles |= 1u << static_cast<unsigned>(r);
            last = r;
            if (r == role::genre) {
                header_done = true;
                ++li;
                break;
            }
        }
        if (header_done) break;
    }
    if (bi < blocks.size() && li >= blocks[bi].lines.size()) {
        ++bi;
        li = 0;
    }
    // The headline may be preceded by a dateline on its own line.
    const auto dateline_count = [&] { return top_dateline ? 1 : 0; };
    if (!top_dateline && bi < blocks.size() && li == 0) {
        if (auto d = whole_dateline(blocks[bi])) {
            top_dateline = d;
            top_dateline_line = &blocks[bi].lines[0];
            ++bi;
        }
    }
    const char* dateline_position = "top";

    // ---- headline, subheadline -----------------------------------------
    std::size_t headline_block = blocks.size(), headline_from = 0, headline_to = 0;
    std::size_t next = bi;
    if (bi < blocks.size() && blocks[bi].textual()) {
        headline_block = bi;
        headline_from = li;
        headline_to = blocks[bi].lines.size();
        next = bi + 1;
        // "Headline\nPhnom Penh, 12 April 2024": a dateline on the headline's last line.
        if (!top_dateline && headline_to - headline_from >= 2) {
            const text_line& l = blocks[bi].lines[headline_to - 1];
            if (auto d = match_dateline(l.text, opts_.numeric_dates); d && !d->run_in) {
                top_dateline = d;
                top_dateline_line = &l;
                dateline_position = "under-headline";
                --headline_to;
            }
        }
    }
    std::size_t sub_block = blocks.size();
    const text_line* sub_line = nullptr;  // a subheadline on the headline's last line
    if (headline_block < blocks.size() && headline_to - headline_from >= 2) {
        const text_line& l = blocks[headline_block].lines[headline_to - 1];
        if (l.emphasised && !l.bold) {
            sub_line = &l;
            --headline_to;
        }
    }
    if (!sub_line && headline_block < blocks.size() && next < blocks.size()) {
        const block& h = blocks[headline_block];
        const block& s = blocks[next];
        bool italic = s.type == CMARK_NODE_PARAGRAPH && s.emphasised() && count_words(s.joined()) <= 40;
        bool deeper = h.type == CMARK_NODE_HEADING && s.type == CMARK_NODE_HEADING &&
                      s.heading_level == h.heading_level + 1;
        if (italic || deeper) sub_block = next++;
    }
    if (!top_dateline && next < blocks.size()) {
        if (auto d = whole_dateline(blocks[next])) {
            top_dateline = d;
            top_dateline_line = &blocks[next].lines[0];
            dateline_position = "under-headline";
            ++next;
        }
    }

    // ---- closing and end dateline --------------------------------------
    std::size_t body_from = next, body_to = blocks.size();
    std::optional<dateline_match> end_dateline;
    const text_line* end_dateline_line = nullptr;
    std::vector<std::size_t> closing;
    for (std::size_t i = blocks.size(); i > body_from; --i) {
        const block& b = blocks[i - 1];
        if (is_closing_block(b)) {
            closing.push_back(i - 1);
            body_to = i - 1;
            continue;
        }
        if (!top_dateline && !end_dateline) {
            if (auto d = whole_dateline(b)) {
                end_dateline = d;
                end_dateline_line = &b.lines[0];
                body_to = i - 1;
                continue;
            }
        }
        break;
    }
    std::reverse(closing.begin(), closing.end());

    // ---- run-in dateline -----------------------------------------------
    std::optional<dateline_match> run_in;
    if (!top_dateline && !end_dateline && body_from < body_to && blocks[body_from].type == CMARK_NODE_PARAGRAPH) {
        auto d = match_dateline(blocks[body_from].lines[0].text, opts_.numeric_dates);
        if (d && d->run_in) run_in = d;
    }

    bool have_dateline = top_dateline || end_dateline || run_in;
    if (!have_dateline && parts.empty()) {
        report(severity::error, "not-a-release",
               "this is not a press release: no national header, issuer, genre label or dateline was found",
               {{1, 1}, {1, 1}});
        return {nullptr, std::move(diags_)};
    }

    // A second national header or genre label in the body starts another release.
    for (std::size_t i = body_from; i < body_to; ++i) {
        const block& b = blocks[i];
        if (!b.textual()) continue;
        const text_line& l = b.lines[0];
        if (b.lines.size() <= 3 && (is_state_line(l.text) || (b.lines.size() == 1 && genre_kind(l.text)))) {
            report(severity::error, "several-releases",
                   "a second release starts here; put each release in its own file", {l.begin, l.end});
            break;
        }
    }

    // ---- build the tree -------------------------------------------------
    std::string all_text;
    for (const block& b : blocks) {
        all_text += b.joined();
        all_text += ' ';
    }
    std::string lang = detect_language(all_text, opts_.default_language);
    tree_->set_attribute(root, "version", format_version);
    tree_->set_attribute(root, "xml:lang", lang);
    tree_->set_attribute(root, "kind", kind ? *kind : "other");

    if (!parts.empty()) {
        const block& first = blocks[parts.front().block];
        const block& final = blocks[parts.back().block];
        source_position begin = parts.front().from == 0 ? first.where.begin : first.lines[parts.front().from].begin;
        xmlNodePtr header = tree_->add(root, "header", {begin, final.lines[parts.back().to - 1].end});
        // Header parts are written in the schema's order, whatever order the draft used.
        static constexpr std::pair<role, const char*> order[] = {
            {role::state, "state"},   {role::motto, "motto"},         {role::organisation, "organisation"},
            {role::unit, "unit"},     {role::lunar, "lunar-date"},    {role::reference, "reference"},
            {role::genre, "genre"}};
        xmlNodePtr issuer = nullptr;
        for (auto [r, name] : order) {
            for (const header_part& p : parts) {
                if (p.what != r) continue;
                if ((r == role::state || r == role::motto || r == role::lunar || r == role::reference ||
                     r == role::genre) &&
                    child(header, name))
                    continue;  // the schema keeps one of each
                const block& b = blocks[p.block];
                xmlNodePtr parent = header;
                if (r == role::organisation || r == role::unit) {
                    if (!issuer) {
                        if (r == role::unit) continue;  // units belong to an organisation
                        issuer = tree_->add(header, "issuer",
                                            {p.from == 0 ? b.where.begin : b.lines[p.from].begin, b.lines[p.to - 1].end});
                    }
                    parent = issuer;
                }
                // A part that starts its paragraph starts where the paragraph does,
                // emphasis markers included.
                source_position begin = p.from == 0 ? b.where.begin : b.lines[p.from].begin;
                xmlNodePtr e = tree_->add(parent, name, {begin, b.lines[p.to - 1].end});
                add_plain_lines(e, b, p.from, p.to);
            }
            if (issuer && r == role::unit) {
                if (xmlNodePtr last_child = xmlGetLastChild(issuer); last_child && last_child->_private)
                    static_cast<span*>(issuer->_private)->end = static_cast<span*>(last_child->_private)->end;
            }
        }
    }

    if (headline_block < blocks.size()) {
        const block& h = blocks[headline_block];
        xmlNodePtr headline =
            tree_->add(root, "headline", {h.lines[headline_from].begin, h.lines[headline_to - 1].end});
        add_lines(headline, h, headline_from, headline_to);
    }
    if (sub_line) {
        xmlNodePtr sub = tree_->add(root, "subheadline", {sub_line->begin, sub_line->end});
        cmark_node* only = sub_line->first;
        bool just_italics = only && cmark_node_get_type(only) == CMARK_NODE_EMPH && cmark_node_next(only) == sub_line->stop;
        if (just_italics)
            add_inlines(sub, cmark_node_first_child(only), nullptr);
        else
            add_inlines(sub, sub_line->first, sub_line->stop);
        flush(sub);
    }
    if (sub_block < blocks.size()) {
        const block& s = blocks[sub_block];
        xmlNodePtr sub = tree_->add(root, "subheadline", s.where);
        if (s.type == CMARK_NODE_PARAGRAPH && cmark_node_first_child(s.node) == cmark_node_last_child(s.node))
            add_inlines(sub, cmark_node_first_child(cmark_node_first_child(s.node)), nullptr);  // drop the italics
        else
            add_inlines(sub, cmark_node_first_child(s.node), nullptr);
        flush(sub);
    }

    xmlNodePtr body = tree_->add(root, "body", body_from < body_to
                                                    ? span{blocks[body_from].where.begin, blocks[body_to - 1].where.end}
                                                    : span{last_pos, last_pos});
    if (run_in) skip_ = run_in->end;
    add_blocks(body, blocks, body_from, body_to);
    skip_ = 0;

    if (top_dateline) add_dateline(*top_dateline_line, *top_dateline, dateline_position);
    else if (end_dateline) add_dateline(*end_dateline_line, *end_dateline, "end");
    else if (run_in) add_dateline(blocks[body_from].lines[0], *run_in, "run-in");
    (void)dateline_count;

    if (!closing.empty()) {
        xmlNodePtr c = tree_->add(root, "closing", {blocks[closing.front()].where.begin, blocks[closing.back()].where.end});
        for (std::size_t i : closing) {
            const block& b = blocks[i];
            if (std::string mark = end_mark_text(b); !mark.empty()) {
                xmlNodePtr m = tree_->add(c, "end-mark", b.where);
                tree_->add_text(m, mark);
            } else {
                // Contact blocks are set line by line.
                xmlNodePtr p = tree_->add(c, "p", b.where);
                softbreak_as_br_ = true;
                add_lines(p, b, 0, b.lines.size());
                softbreak_as_br_ = false;
            }
        }
    }

    // Paragraphs in another language than the release's are marked.
    for (xmlNodePtr p = first_element(body); p; p = next_element(p)) {
        if (!is(p, "p")) continue;
        std::string text = text_content(p);
        if (count_words(text) < 4) continue;
        std::string own = detect_language(text, lang);
        if (own != lang) tree_->set_attribute(p, "xml:lang", own);
    }

    tree_->indent();
    return {std::move(tree_), std::move(diags_)};
}

// cmark 0.29 copies a link reference definition's destination and title
// into every link that uses it: one definition of 100 KB used 30,000 times
// is 3 GB. An upper bound of that copying, taken before parsing: the longest
// stretch from a line that opens a definition ("[label]:") to the next blank
// line or definition, times the number of ']' (no reference can be used more
// often). Linear.
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
        closers += static_cast<std::size_t>(std::count(line.begin(), line.end(), ']'));
        at = end + 1;
    }
    if (opened != none) longest = std::max(longest, text.size() - opened);
    return longest * closers;
}

}  // namespace

read_result read_draft(const source_text& src, const read_options& opts) {
    // What the links may expand to: a generous multiple of what a release
    // with a few references reaches, whatever its size.
    constexpr std::size_t max_expansion = 64u << 20;
    if (reference_expansion_bound(src.text()) > max_expansion)
        return {nullptr,
                {{severity::error, "input-too-large",
                  "link reference definitions here could expand to more than 64 MiB of links; "
                  "write the links inline",
                  {1, 1},
                  {1, 1}}}};
    return draft_reader(src, opts).run();
}

}  // namespace communique::detail
