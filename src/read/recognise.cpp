// The recogniser: what a release's blocks mean. It sees only the document
// model (document.hpp), never a parser's types, so every reader shares it.
// Small passes, each with one job, fill in a `findings`: the header's parts,
// the headline and subheadline, the closing, the dateline; then one builder
// writes the release tree, with inline content (persons, dates, emphasis,
// links) made from the blocks' runs and every element's position in the
// user's text.
#include "read/recognise.hpp"

#include "core/unicode.hpp"
#include "read/vocabulary.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace communique::detail {

namespace {

// The position just past `text` when it starts at p (on one line).
source_position past(source_position p, std::string_view text) {
    p.column += static_cast<std::uint32_t>(count_code_points(text));
    return p;
}

// A list marker typed as text rather than made by the format (a Markdown
// list or Word numbering), as press offices type them:
// "(a)", "(iv)", "(1)", "a)", "a.", "IV.", "A.", "•".
struct pseudo_marker {
    std::string text;    // as printed, "(a)"
    std::string family;  // items of one list share a family
    std::string other;   // a second family for a letter that is a numeral too ("C." of I. or A.)
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

enum class role { none, state, motto, organisation, unit, lunar, reference, genre, embargo, dateline };

// An embargo line: "EMBARGOED UNTIL 10:00 ICT, 12 April 2024", "EMBARGO:
// ...", "Not for publication before ...". It has a date in it.
bool is_embargo_line(std::string_view line, date_order order) {
    if (line.size() > 160) return false;
    // Every lead opens with one of these letters: another line is none and is not folded.
    if (!may_fold_to_open_with(line, "EHNSU")) return false;
    std::string f = fold(line, 40);  // the leads are shorter
    for (std::string_view lead : {"EMBARGO", "UNDER EMBARGO", "STRICTLY EMBARGOED", "NOT FOR PUBLICATION BEFORE",
                                  "NOT FOR PUBLICATION UNTIL", "NOT FOR RELEASE BEFORE", "NOT FOR RELEASE UNTIL",
                                  "HOLD FOR RELEASE UNTIL", "NOT TO BE PUBLISHED BEFORE", "NOT TO BE PUBLISHED UNTIL"})
        if (f.starts_with(lead)) return !find_dates(line, order).empty();
    return false;
}

// When an embargo ends, as xs:dateTime ("2024-04-12T10:00:00+07:00"), or
// xs:date when the line gives no time; empty when it names no real day. A
// zone is given only when the line names one communique knows.
std::string embargo_when(std::string_view line, date_order order) {
    auto dates = find_dates(line, order);
    if (dates.empty() || !dates.front().valid) return {};
    const date_match& d = dates.front();
    auto digit = [&](std::size_t i) { return i < line.size() && line[i] >= '0' && line[i] <= '9'; };
    // The first "10:00", "10.00", "10am" or "10 p.m." outside the date.
    int hour = -1, minute = 0;
    std::size_t after = 0;
    for (std::size_t i = 0; i < line.size() && hour < 0; ++i) {
        if (!digit(i) || (i > 0 && digit(i - 1)) || (i >= d.begin && i < d.end)) continue;
        std::size_t j = i;
        int h = 0;
        while (digit(j) && j - i < 2) h = h * 10 + (line[j++] - '0');
        if (digit(j) || h > 24) continue;
        int m = 0;
        bool clock = j + 2 < line.size() && (line[j] == ':' || line[j] == '.') && digit(j + 1) && digit(j + 2) &&
                     !digit(j + 3);
        if (clock) {
            m = (line[j + 1] - '0') * 10 + (line[j + 2] - '0');
            j += 3;
        }
        std::size_t k = j;
        while (k < line.size() && line[k] == ' ') ++k;
        std::string_view rest = line.substr(k);
        bool pm = rest.starts_with("pm") || rest.starts_with("p.m.") || rest.starts_with("PM") ||
                  rest.starts_with("P.M.");
        bool am = rest.starts_with("am") || rest.starts_with("a.m.") || rest.starts_with("AM") ||
                  rest.starts_with("A.M.");
        if (!clock && !am && !pm) continue;
        if (m > 59 || ((am || pm) && (h < 1 || h > 12))) continue;
        hour = pm && h < 12 ? h + 12 : am && h == 12 ? 0 : h;
        minute = m;
        after = am || pm ? k + (rest[1] == '.' ? 4 : 2) : j;
    }
    if (hour < 0) return d.iso();
    if (hour == 24) return d.iso();  // "24:00" is the next day's start: left to the text
    std::string out = d.iso() + "T" + (hour < 10 ? "0" : "") + std::to_string(hour) + ":" + (minute < 10 ? "0" : "") +
                      std::to_string(minute) + ":00";
    // The zone: an abbreviation or GMT/UTC with an offset, right after the time.
    std::string_view rest = line.substr(std::min(after, line.size()));
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '(')) rest.remove_prefix(1);
    static constexpr std::pair<std::string_view, std::string_view> zones[] = {
        {"ICT", "+07:00"}, {"WIB", "+07:00"},  {"WITA", "+08:00"}, {"WIT", "+09:00"}, {"SGT", "+08:00"},
        {"MYT", "+08:00"}, {"PHT", "+08:00"},  {"HKT", "+08:00"},  {"JST", "+09:00"}, {"KST", "+09:00"},
        {"MMT", "+06:30"}, {"IST", "+05:30"},  {"CET", "+01:00"},  {"CEST", "+02:00"}, {"BST", "+01:00"},
        {"EST", "-05:00"}, {"EDT", "-04:00"},  {"AEST", "+10:00"}, {"GMT", "Z"},      {"UTC", "Z"}};
    for (auto [name, offset] : zones) {
        bool longer = rest.size() > name.size() && rest[name.size()] >= 'A' && rest[name.size()] <= 'Z';
        if (!rest.starts_with(name) || longer) continue;
        std::string_view o = rest.substr(name.size());
        if (offset == "Z" && o.size() >= 2 && (o[0] == '+' || o[0] == '-') && o[1] >= '0' && o[1] <= '9') {
            // "GMT+7", "UTC+07:00", "UTC+0530"
            int oh = o[1] - '0';
            std::size_t at = 2;
            if (at < o.size() && o[at] >= '0' && o[at] <= '9') oh = oh * 10 + (o[at++] - '0');
            int om = 0;
            if (at < o.size() && o[at] == ':') ++at;
            if (at + 1 < o.size() && o[at] >= '0' && o[at] <= '9' && o[at + 1] >= '0' && o[at + 1] <= '9')
                om = (o[at] - '0') * 10 + (o[at + 1] - '0');
            if (oh > 14 || om > 59) return out;
            out += std::string(1, o[0]) + (oh < 10 ? "0" : "") + std::to_string(oh) + ":" + (om < 10 ? "0" : "") +
                   std::to_string(om);
            return out;
        }
        return out + std::string(offset);
    }
    return out;
}

// A letterhead laid out as a table (the ministry on the left, the national
// header on the right, as Word and old web pages set it) is read as lines:
// the cells' blocks one after another, the national header's cell first,
// wherever it stands. Only a table that opens the document (after a line
// or two of the web page's, such as its date) and holds a state line is a
// letterhead; nothing when there is none.
std::vector<block> unwrap_letterhead(const std::vector<block>& blocks) {
    std::size_t at = 0;
    while (at < blocks.size() && at < 2 && blocks[at].kind == block_kind::paragraph && blocks[at].lines.size() == 1)
        ++at;
    if (at == blocks.size() || blocks[at].kind != block_kind::table) return {};
    std::vector<const block*> cells;
    for (const block& row : blocks[at].children)
        for (const block& cell : row.children) cells.push_back(&cell);
    auto has_state = [](const block* cell) {
        return std::any_of(cell->children.begin(), cell->children.end(), [](const block& b) {
            return b.textual() &&
                   std::any_of(b.lines.begin(), b.lines.end(), [](const line& l) { return is_state_line(l.text); });
        });
    };
    // A table of figures that opens a headerless release stays a table.
    if (std::none_of(cells.begin(), cells.end(), has_state)) return {};
    std::stable_partition(cells.begin(), cells.end(), has_state);
    std::vector<block> out(blocks.begin(), blocks.begin() + static_cast<long>(at));
    for (const block* cell : cells)
        for (const block& b : cell->children)
            if (b.textual()) out.push_back(b);
    if (out.size() == at) return {};
    out.insert(out.end(), blocks.begin() + static_cast<long>(at) + 1, blocks.end());
    return out;
}

// Lines [from, to) of a textual block as a block of their own.
block lines_of(const block& b, std::size_t from, std::size_t to) {
    block out;
    out.kind = b.kind;
    out.level = b.level;
    out.align = b.align;
    out.indent = b.indent;
    out.marks = b.marks;
    out.runs.assign(b.runs.begin() + static_cast<long>(b.lines[from].first_run),
                    b.runs.begin() + static_cast<long>(b.lines[to - 1].end_run));
    out.where = {from == 0 ? b.where.begin : b.lines[from].begin,
                 to == b.lines.size() ? b.where.end : b.lines[to - 1].end};
    finish_lines(out);
    return out;
}

// A line that signs a release off above its date, as Thai ministries end
// theirs: the unit's or ministry's name, short, not a sentence.
bool is_sign_off_line(std::string_view text) {
    return count_words(text, 11) <= 10 && !text.ends_with('.') && (has_unit_word(text) || has_organisation_word(text));
}

// Text pasted from Word or an e-mail: a paragraph a line, no blank line
// between them, so that a draft reads as one paragraph of many lines. A
// paragraph of three lines or more, two of them of 25 words or more (no
// one wraps lines that long), is read a paragraph a line.
bool is_pasted(const block& b) {
    if (b.kind != block_kind::paragraph || b.lines.size() < 3) return false;
    return std::count_if(b.lines.begin(), b.lines.end(),
                         [](const line& l) { return count_words(l.text, 25) >= 25; }) >= 2;
}

// Where a list typed as text starts after its lead-in line, in one
// paragraph ("The two sides agreed to:" then "(a) ...", "(b) ..."): the
// first of two lines or more, to the end, that open with markers of one
// family, after a line that ends with a colon; 0 if none.
std::size_t lead_in_list(const block& b) {
    if (b.kind != block_kind::paragraph || b.lines.size() < 3 || find_pseudo_marker(b.lines[0].text)) return 0;
    // The first lead-in line that a marker follows: one count of the items
    // after it, so that a hostile paragraph of many colons stays linear.
    for (std::size_t k = 1; k + 1 < b.lines.size(); ++k) {
        if (!b.lines[k - 1].text.ends_with(':')) continue;
        auto m = find_pseudo_marker(b.lines[k].text);
        if (!m) continue;
        std::size_t items = std::count_if(b.lines.begin() + static_cast<long>(k), b.lines.end(), [&](const line& l) {
            auto other = find_pseudo_marker(l.text);
            return other && other->fits(m->families());
        });
        return items >= 2 ? k : 0;
    }
    return 0;
}

// The state line and the motto run into one line (a paste, a converter
// that joined the lines): cut into two lines of one block.
std::optional<block> motto_apart(const block& b) {
    if (!b.textual()) return std::nullopt;
    for (const line& l : b.lines) {
        std::size_t at = motto_after_state(l.text);
        if (at == 0) continue;
        // The run holding the motto's first byte: the line's text is its
        // runs' text less the spaces at either end.
        std::string joined;
        for (std::size_t i = l.first_run; i < l.end_run; ++i) joined += b.runs[i].text;
        std::size_t offset = at + joined.find_first_not_of(" \t");
        block out = b;
        for (std::size_t i = l.first_run, seen = 0; i < l.end_run; seen += b.runs[i].text.size(), ++i) {
            if (offset >= seen + b.runs[i].text.size()) continue;
            run first = b.runs[i], second = b.runs[i];
            first.text = b.runs[i].text.substr(0, offset - seen);
            second.text = b.runs[i].text.substr(offset - seen);
            second.where.begin = past(first.where.begin, first.text);
            first.where.end = second.where.begin;
            run gap = second;
            gap.kind = run_kind::soft_break;
            gap.text.clear();
            gap.where.end = gap.where.begin;
            auto at_run = out.runs.begin() + static_cast<long>(i);
            *at_run = second;
            out.runs.insert(at_run, {first, gap});
            finish_lines(out);
            return out;
        }
    }
    return std::nullopt;
}

// A signatory's block under a dateline: one to four short lines, a name
// and a title, no sentence.
bool is_signature(const block& b) {
    // A Word document's bold title line may come as a heading.
    if (!b.textual() || b.lines.empty() || b.lines.size() > 4) return false;
    return std::all_of(b.lines.begin(), b.lines.end(), [](const line& l) {
        return count_words(l.text, 9) <= 8 && !l.text.ends_with('.') &&
               l.text.find_first_of("0123456789") == std::string::npos;
    });
}

// The blocks as the passes want them: a letterhead table undone, pasted
// text cut a paragraph a line, a lead-in line parted from the list it
// introduces, a state line and its motto on one line cut in two, a
// dateline typed on a paragraph's last line cut off, empty paragraphs
// left out. Nothing when none of that is there (the document's blocks serve
// as they are). `own`, when given, is `blocks` itself, whose blocks may be
// moved instead of copied.
std::vector<block> prepare(const std::vector<block>& blocks, date_order order, std::vector<block>* own) {
    std::vector<block> letterhead = unwrap_letterhead(blocks);
    const std::vector<block>& in = letterhead.empty() ? blocks : letterhead;
    std::vector<block>* movable = letterhead.empty() ? own : &letterhead;
    // The dateline typed on the last paragraph's last line, with no blank
    // line before it; one of the last two paragraphs (a signature may follow).
    std::size_t tail = in.size();
    for (std::size_t i = in.size(); i > 0 && i + 2 > in.size(); --i) {
        const block& b = in[i - 1];
        if (b.kind != block_kind::paragraph || b.lines.size() < 2) continue;
        auto m = match_dateline(b.lines.back().text, order);
        // A date with no place is cut off only under the lines that sign
        // the release off ("Department of Information" / "12 April 2024").
        bool signed_off = std::all_of(b.lines.begin(), b.lines.end() - 1,
                                      [](const line& l) { return is_sign_off_line(l.text); });
        if (m && !m->run_in && (m->place_end > m->place_begin || signed_off)) tail = i - 1;
    }
    // The dateline on a paragraph's first line, the office signing under it
    // ("Jakarta, 11 Desember 2024" / "Biro Hukum dan Organisasi").
    std::size_t head = in.size();
    for (std::size_t i = in.size(); i > 0 && i + 2 > in.size(); --i) {
        const block& b = in[i - 1];
        if (i - 1 == tail || b.kind != block_kind::paragraph || b.lines.size() < 2 || b.lines.size() > 5) continue;
        auto m = match_dateline(b.lines[0].text, order);
        if (m && !m->run_in && m->place_end > m->place_begin && is_signature(lines_of(b, 1, b.lines.size())))
            head = i - 1;
    }
    std::vector<std::optional<block>> mottos;
    for (std::size_t i = 0; i < in.size() && i < 6; ++i) mottos.push_back(motto_apart(in[i]));
    // A paragraph with no line (a reader's empty one) is left out: every
    // pass may read a textual block's first line.
    auto cut_here = [](const block& b) {
        return is_pasted(b) || lead_in_list(b) > 0 || (b.textual() && b.lines.empty());
    };
    bool cut = tail < in.size() || head < in.size() ||
               std::any_of(mottos.begin(), mottos.end(), [](auto& m) { return m.has_value(); }) ||
               std::any_of(in.begin(), in.end(), cut_here);
    if (!cut) return letterhead;
    std::vector<block> out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const block& b = in[i];
        if (b.textual() && b.lines.empty()) continue;
        if (i < mottos.size() && mottos[i]) {
            out.push_back(std::move(*mottos[i]));
        } else if (i == tail && !is_pasted(b)) {
            out.push_back(lines_of(b, 0, b.lines.size() - 1));
            out.push_back(lines_of(b, b.lines.size() - 1, b.lines.size()));
        } else if (i == head && !is_pasted(b)) {
            out.push_back(lines_of(b, 0, 1));
            out.push_back(lines_of(b, 1, b.lines.size()));
        } else if (is_pasted(b)) {
            for (std::size_t l = 0; l < b.lines.size(); ++l)
                if (!b.lines[l].text.empty()) out.push_back(lines_of(b, l, l + 1));
        } else if (std::size_t k = lead_in_list(b)) {
            out.push_back(lines_of(b, 0, k));
            out.push_back(lines_of(b, k, b.lines.size()));
        } else if (movable) {
            out.push_back(std::move((*movable)[i]));  // b is read no more
        } else {
            out.push_back(b);
        }
    }
    return out;
}

// A genre label that opens the headline's line: "Media Statement: Minister
// opens ...", "PRESS RELEASE – ...", "Joint Statement on ...". The label
// ends at `label`; the headline starts at `headline`, past the separator,
// or at 0 when the label is a part of the title ("Joint Statement on ...").
struct genre_prefix {
    std::string_view kind;
    std::size_t label = 0, headline = 0;
};

// A wire's place and credit run into the first paragraph without a year:
// "SINGAPORE--(BUSINESS WIRE)--", "PHNOM PENH, Aug 8 (Mekong Wire) - ".
struct wire_credit {
    std::size_t place_end;  // the place is [0, place_end)
    std::size_t text_end;   // the dateline's text, the credit included, is [0, text_end)
    std::size_t body;       // where the paragraph's own text starts
};

std::optional<wire_credit> run_in_place(std::string_view t) {
    std::size_t sep = std::string_view::npos, sep_end = 0;
    for (std::string_view mark : {"--", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " - "}) {
        std::size_t at = t.find(mark);
        if (at != std::string_view::npos && at < sep) sep = at, sep_end = at + mark.size();
    }
    if (sep == std::string_view::npos || sep == 0 || sep > 80) return std::nullopt;
    wire_credit w{sep, sep, sep_end};
    // "SINGAPORE--(BUSINESS WIRE)--": the credit between two double dashes.
    if (t.substr(sep).starts_with("--(")) {
        std::size_t close = t.find(")--", sep);
        if (close == std::string_view::npos || close > sep + 40) return std::nullopt;
        w.text_end = close + 1;
        w.body = close + 3;
    }
    std::string_view head = t.substr(0, sep);
    // "PHNOM PENH, Aug 8 (Mekong Wire)": the place before its first comma, a
    // short credit after it.
    if (std::size_t comma = head.find(','); comma != std::string_view::npos) {
        std::string_view credit = head.substr(comma + 1);
        if (count_words(credit, 6) > 5 || credit.find_first_of(".;:") != std::string_view::npos) return std::nullopt;
        w.place_end = comma;
    }
    std::string_view place = t.substr(0, w.place_end);
    if (!is_place_name(place) || count_words(place, 5) > 4) return std::nullopt;
    while (w.body < t.size() && t[w.body] == ' ') ++w.body;
    if (w.body >= t.size()) return std::nullopt;
    return w;
}

// What the passes found, as indices into the document's top-level blocks.
struct findings {
    struct header_part {
        role what;
        std::size_t block, from, to;  // lines [from, to) of blocks[block]
        bool continues = false;       // the name of the part before goes on here
        std::size_t skip = 0;         // bytes of its first line before it: a label ("From: ")
    };
    std::vector<header_part> parts;
    std::optional<std::string_view> kind;  // the genre's /release/@kind
    std::optional<genre_prefix> prefix;    // the genre label opens the headline's first line
    // A genre line that goes on with the release's number ("PRESS RELEASE
    // NO. 24/331"): the line, and where its label ends. The number is the
    // header's reference when it has no other.
    const line* numbered_genre = nullptr;
    std::size_t genre_label_end = 0;
    bool genre_page_date = false;  // what follows the label is the web page's date, left out
    std::size_t first = 0;                 // the first block of the release (web page remnants before it)
    std::size_t last = 0;                  // just past its last block (web page remnants after it)
    std::size_t next = 0;                  // the first block after the header, headline and subheadline

    std::optional<dateline_match> dateline;
    const line* dateline_line = nullptr;
    const line* dateline_place_line = nullptr;  // the place on a line of its own, above the date
    const char* dateline_position = "top";
    bool run_in = false;  // the dateline opens the body's first paragraph
    std::size_t run_in_block = npos;  // ... or the paragraph after the highlights that open the body
    // A wire's run-in place and credit, the date from the line above the
    // headline (dateline_line): one dateline, at the place.
    std::optional<wire_credit> wire_place;
    const line* wire_place_line = nullptr;

    std::size_t headline_block = npos, headline_from = 0, headline_to = 0;  // lines [from, to)
    // A web page's title heading set above the release's letterhead: the
    // headline, when the release under it does not repeat it.
    std::size_t title_block = npos;
    const line* sub_line = nullptr;  // a subheadline on the headline's last line
    std::size_t sub_block = npos;

    std::size_t body_from = 0, body_to = 0;
    std::vector<std::size_t> closing;
    // A second release in the file: its blocks [from, to), kept after the
    // first one's closing so that nothing of the file is lost.
    std::size_t second_from = 0, second_to = 0;
    // A date alone under the headline, taken for the dateline: its block.
    std::size_t date_block = npos;
    bool page_dated = false;  // the dateline is a web page's metadata date (find_page_metadata)
    // An issuer signing off above the end dateline: lines [0, signoff_to)
    // of signoff_block. The header's issuer when it names none.
    std::size_t signoff_block = npos, signoff_to = 0;

    // From the draft's front matter: the title as the headline, its date
    // (and the place on the release's last line, or the front matter's) as
    // the dateline, when the text has none.
    bool title_headline = false;
    std::optional<date_match> meta_date;
    const line* meta_place_line = nullptr;

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

class recogniser {
public:
    // own_blocks: doc.blocks, when the caller is done with them: prepare()
    // may move them.
    recogniser(const document& doc, const read_options& opts, std::vector<block>* own_blocks = nullptr)
        : doc_(doc),
          prepared_(prepare(doc.blocks, opts.numeric_dates, own_blocks)),
          blocks_(prepared_.empty() ? doc.blocks : prepared_),
          opts_(opts) {
        for (const std::string& g : opts.genres) house_genres_.push_back(fold(g));
        for (const std::string& i : opts.issuers) house_issuers_.push_back(fold(i));
        for (const std::string& p : opts.places) house_places_.push_back(fold(p));
    }

    read_result read();

private:
    const document& doc_;
    std::vector<block> prepared_;  // the blocks as prepare() cut them, when it cut any
    const std::vector<block>& blocks_;
    const read_options& opts_;
    std::vector<diagnostic> diags_;
    std::unique_ptr<release_tree> tree_;
    findings f_;
    std::size_t header_stop_line_ = 0;  // the line of blocks_[f_.next] where the header stopped
    std::vector<std::string> house_genres_, house_issuers_, house_places_;  // folded

    // A genre label's kind, the house's own labels included ("other" for
    // one the built-in vocabulary has no kind for).
    std::optional<std::string_view> genre_of(std::string_view line) const {
        if (auto k = kind_of(line)) return k;
        if (house_genres_.empty()) return std::nullopt;
        std::string folded = fold(line);
        if (std::find(house_genres_.begin(), house_genres_.end(), folded) == house_genres_.end()) return std::nullopt;
        return std::string_view("other");
    }
    // A line of one of the house's issuers: the whole name, or the first or
    // a following line of a name set over several ("MINISTRY OF FOREIGN
    // AFFAIRS" / "AND INTERNATIONAL COOPERATION").
    bool is_house_issuer_line(std::string_view line) const {
        if (house_issuers_.empty()) return false;
        std::string folded = fold(line);
        if (folded.size() < 4) return false;
        return std::any_of(house_issuers_.begin(), house_issuers_.end(), [&](const std::string& issuer) {
            std::size_t at = issuer.find(folded);
            return at != std::string::npos && (at == 0 || issuer[at - 1] == ' ') &&
                   (at + folded.size() == issuer.size() || issuer[at + folded.size()] == ' ');
        });
    }
    // genre_kind(line), kept for each line asked: the passes ask it of the
    // same lines at the top of a release again and again. (Longer lines are
    // none, and are answered at once.) Kept by where the text is and its
    // length, the text itself compared: a line of blocks_ stays where it is,
    // and a temporary string that takes its place is asked again.
    std::optional<std::string_view> kind_of(std::string_view line) const {
        if (line.size() > 120) return genre_kind(line);
        asked_kind& a = genre_kinds_[{line.data(), line.size()}];
        if (!a.asked || a.text != line) {
            a.text.assign(line);
            a.kind = genre_kind(line);
            a.asked = true;
        }
        return a.kind;
    }
    struct asked_kind {
        bool asked = false;
        std::string text;
        std::optional<std::string_view> kind;
    };
    struct where_hash {
        std::size_t operator()(const std::pair<const char*, std::size_t>& w) const noexcept {
            return std::hash<const char*>()(w.first) ^ (w.second * 0x9E3779B97F4A7C15u);
        }
    };
    mutable std::unordered_map<std::pair<const char*, std::size_t>, asked_kind, where_hash> genre_kinds_;
    // A genre label that opens a headline's line.
    std::optional<genre_prefix> find_genre_prefix(std::string_view line) const;
    // A line that is only a place name, the house's places included.
    bool is_place(std::string_view line) const;

    void report(severity level, rule id, std::string message, source_span where) {
        diags_.push_back(make_diagnostic(level, id, std::move(message), where.begin, where.end));
    }

    // ---- the passes ------------------------------------------------------
    void skip_page_remnants();
    void skip_trailing_remnants();
    void find_header();
    void find_headline();
    void find_closing();
    void find_closing_from_end();
    bool is_listing() const;
    // The block where an issuer's sign-off over the end dateline starts,
    // the dateline's last block being `block`; npos when there is none.
    std::size_t find_signoff(std::size_t block, std::size_t body_from);
    void find_run_in_dateline();
    void find_page_metadata();
    void find_release_instruction();
    void find_second_release();
    std::string ends_of_text() const;
    void use_front_matter_date();

    // A one-line paragraph that is a dateline and nothing else.
    std::optional<dateline_match> whole_dateline(const block& b) const;
    std::optional<dateline_match> find_whole_dateline(const block& b) const;
    // An end mark, or a paragraph that opens the closing ("For media enquiries:").
    bool is_closing_block(const block& b) const;
    bool find_closing_block(const block& b) const;
    // b's index in blocks_; npos for a block of its own (a part of one, a child).
    std::size_t index_of(const block& b) const;
    // Those two answers for each of blocks_, once asked.
    mutable std::vector<std::optional<std::optional<dateline_match>>> whole_datelines_;
    mutable std::vector<signed char> closing_blocks_;  // -1: not asked yet
    bool signs_off(std::string_view name, std::size_t from) const;
    bool signs_off_issuer(const block& b) const;
    std::size_t tail_start(std::size_t from, std::size_t to) const;
    std::string end_mark_text(const block& b) const;

    // ---- the tree builder ------------------------------------------------
    void build();
    void build_header();
    void build_headline();
    void build_closing();
    void build_front_matter_dateline();
    void build_wire_dateline();
    void mark_languages(xmlNodePtr body, const std::string& lang);
    // Each of blocks_'s text as build() joins it, and its letters and words
    // counted for its language.
    struct counted_text {
        std::string text;
        language_counts counts;
    };
    std::vector<counted_text> block_texts_;
    // The body's paragraphs made of a whole block of blocks_, in order: the
    // element and the block's index.
    std::vector<std::pair<const xmlNode*, std::size_t>> paragraph_blocks_;

    // Lines [from, to) of a paragraph as inline content (a line break is a space).
    void add_lines(xmlNodePtr parent, const block& b, std::size_t from, std::size_t to,
                   const std::vector<std::uint32_t>& dropped = {});
    // The same as plain text, line breaks kept as br: header parts, whose
    // element says how they look. The first line from its byte skip.
    void add_plain_lines(xmlNodePtr parent, const block& b, std::size_t from, std::size_t to, std::size_t skip = 0);
    void add_dateline(const line& l, const dateline_match& m, const char* position);
    void add_blocks(xmlNodePtr parent, const std::vector<block>& blocks, std::size_t from, std::size_t to);
    void add_list(xmlNodePtr parent, const block& list);
    void add_item_content(xmlNodePtr item, const block& b);
    std::size_t add_pseudo_list(xmlNodePtr parent, const std::vector<block>& blocks, std::size_t at, std::size_t to);
    void add_table(xmlNodePtr parent, const block& table);
    void add_figure(xmlNodePtr parent, const block& image);

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

    // Runs [from, to) of b under parent, their marks made elements. A mark
    // in `dropped` is left out (its runs are still written): the bold that
    // makes a line a subheading is what it is, not a part of its text.
    void add_runs(xmlNodePtr parent, const block& b, std::size_t from, std::size_t to,
                  const std::vector<std::uint32_t>& dropped = {});
    void append_text(std::string_view text, source_position pos);
    void flush(xmlNodePtr parent);
    source_position run_position(std::size_t offset) const;
    // A strong mark over runs [from, to) that names a person: added as one.
    bool add_person(xmlNodePtr parent, const block& b, std::uint32_t mark, std::size_t from, std::size_t to);
};

// The outermost mark shared by every run of [from, to), if one is.
std::optional<std::uint32_t> single_outer_mark(const block& b, std::size_t from, std::size_t to) {
    if (from >= to || b.runs[from].marks.empty()) return std::nullopt;
    std::uint32_t m = b.runs[from].marks.front();
    for (std::size_t i = from; i < to; ++i)
        if (b.runs[i].marks.empty() || b.runs[i].marks.front() != m) return std::nullopt;
    return m;
}

// A header line that can only go on with the name above it: one that opens
// with a joining word ("AND INTERNATIONAL COOPERATION", "OF PUBLIC WORKS")
// or a small letter.
bool continues_name(std::string_view line) {
    std::string folded = fold(line, 40);  // its start is enough
    for (std::string_view word : {"AND ", "OF ", "FOR ", "ON ", "TO ", "IN ", "& ", "និង"})
        if (folded.starts_with(word)) return true;
    return !line.empty() && line.front() >= 'a' && line.front() <= 'z';
}

// A line that is only a place name: a dateline's place set above its date
// ("VIENTIANE", "Phnom Penh,"): a few words, no digits, no sentence.
bool is_place_line(std::string_view text) {
    std::string_view t = text;
    while (!t.empty() && (t.back() == ',' || t.back() == ' ')) t.remove_suffix(1);
    if (t.empty() || count_words(t, 5) > 4 || t.find_first_of("0123456789.:;!?") != std::string_view::npos)
        return false;
    return is_place_name(t);
}

// Lines of the web page around a release (defined with the passes that
// leave them out).
bool is_page_label(const line& l, date_order order);
bool is_page_chrome(const line& l, date_order order);

}  // namespace

bool recogniser::is_place(std::string_view line) const {
    std::string_view t = line;
    while (!t.empty() && (t.back() == ',' || t.back() == ' ')) t.remove_suffix(1);
    if (!house_places_.empty() && std::find(house_places_.begin(), house_places_.end(), fold(t)) != house_places_.end())
        return true;
    // An office's name over the date is its sign-off, not a place.
    return is_place_line(t) && !has_organisation_word(t) && !has_unit_word(t);
}

namespace {

// A release's title set right above its genre label, as the U.S. State
// Department does: a line of five or more words in title case that names
// no office.
bool is_title_over_label(const block& b) {
    if (b.kind != block_kind::paragraph || b.lines.size() != 1) return false;
    const std::string& t = b.lines[0].text;
    return count_words(t, 5) >= 5 && has_lowercase(t) && !has_organisation_word(t) && !has_unit_word(t) &&
           !t.ends_with('.');
}

// A date and the time of issue on a line of their own, as wire services
// print them under the title: "June 4, 2024 08:00 AM Singapore Standard
// Time". A dateline without a place, the time kept in it.
std::optional<dateline_match> timed_date(std::string_view text, date_order order) {
    if (text.size() > 80) return std::nullopt;
    auto dates = find_dates(text, order);
    if (dates.size() != 1 || dates[0].begin != 0) return std::nullopt;
    std::size_t at = dates[0].end;
    while (at < text.size() && text[at] == ' ') ++at;
    // "3 February 2024 @ 4:15 PM", "12 April 2024, 10:00"
    if (at < text.size() && (text[at] == '@' || text[at] == ',')) ++at;
    while (at < text.size() && text[at] == ' ') ++at;
    std::size_t colon = text.find_first_of(":.", at);
    if (at == text.size() || !(text[at] >= '0' && text[at] <= '9') || colon == std::string_view::npos ||
        colon > at + 2)
        return std::nullopt;
    dateline_match m;
    m.date = dates[0];
    m.end = m.text_end = text.size();
    return m;
}

// A release's number on a line of its own: "No. 41/2024", "Nomor:
// HM.01.01/B/1412/2024", or a code such as "SG/SM/22187".
bool is_document_number(std::string_view text) {
    if (is_reference_line(text)) return true;
    return text.size() <= 40 && std::count(text.begin(), text.end(), ' ') <= 1 &&
           text.find('/') != std::string_view::npos &&
           text.find_first_of("0123456789") != std::string_view::npos && !text.ends_with('.');
}

// A web page's title set as a heading above the release's letterhead:
// a few words in sentence or title case, not a name in capitals.
bool is_page_title(const block& b) {
    if (b.kind != block_kind::heading || b.lines.size() > 2) return false;
    std::string text = b.joined();
    std::size_t words = count_words(text, 41);
    // An office's name is short: a long line that mentions one ("U.S.
    // Embassy Marks Independence Day with ...") is a title.
    return words >= 4 && words <= 40 && has_lowercase(text) && (words >= 9 || !has_organisation_word(text));
}

// A heading over the boilerplate that may follow a release: "About the
// Ministry", "Notes to editors": one short line, not a sentence.
bool is_about_heading(const block& b) {
    if (!b.textual() || b.lines.size() != 1 || b.lines[0].text.ends_with('.')) return false;
    std::string f = fold(b.lines[0].text);
    if (count_words(f, 11) > 10) return false;
    return f.starts_with("ABOUT ") || f.starts_with("NOTE TO EDITOR") || f.starts_with("NOTES TO EDITOR");
}

// Contact details under a contact lead: a few short lines ("Sok Dara, Press
// Officer", "Tel: +855 23 216 122"), no sentence.
bool is_contact_detail(const block& b) {
    if (b.kind != block_kind::paragraph || b.lines.empty() || b.lines.size() > 6) return false;
    return std::all_of(b.lines.begin(), b.lines.end(),
                       [](const line& l) { return count_words(l.text, 13) <= 12 && !l.text.ends_with('.'); });
}

// "DATE:" as a whole line is "DATE".
std::string_view trim_label(std::string_view label) {
    while (!label.empty() && (label.back() == ' ' || label.back() == ':')) label.remove_suffix(1);
    return label;
}

// The outermost marks of a kind over the block's runs.
std::vector<std::uint32_t> outer_marks(const block& b, mark_kind kind) {
    std::vector<std::uint32_t> out;
    for (const run& r : b.runs)
        if (!r.marks.empty() && b.marks[r.marks.front()].kind == kind &&
            std::find(out.begin(), out.end(), r.marks.front()) == out.end())
            out.push_back(r.marks.front());
    return out;
}

// ---- the passes -------------------------------------------------------------

std::optional<genre_prefix> recogniser::find_genre_prefix(std::string_view line) const {
    static constexpr std::pair<std::string_view, bool> separators[] = {
        {": ", true}, {" – ", true}, {" — ", true}, {" - ", true}, {" | ", true}, {" on ", false},
        // "Statement attributable to the Spokesperson for the Secretary-General",
        // "Press Statement by the Minister": the label and who speaks, a title.
        {" attributable to ", false}, {" by ", false}, {" BY ", false}};
    std::optional<genre_prefix> best;
    for (auto [sep, cut] : separators) {
        // A label is short: only the line's start is searched, not a paragraph.
        std::size_t at = line.substr(0, 60 + sep.size()).find(sep);
        if (at == std::string_view::npos || at == 0 || at > 60 || (best && at >= best->label)) continue;
        if (auto kind = kind_of(line.substr(0, at))) best = genre_prefix{*kind, at, cut ? at + sep.size() : 0};
    }
    if (best && best->headline >= line.size()) return std::nullopt;  // a label and nothing after it
    return best;
}

std::size_t recogniser::index_of(const block& b) const {
    const std::less<const block*> before;
    if (blocks_.empty() || before(&b, blocks_.data()) || !before(&b, blocks_.data() + blocks_.size()))
        return findings::npos;
    return static_cast<std::size_t>(&b - blocks_.data());
}

std::optional<dateline_match> recogniser::whole_dateline(const block& b) const {
    if (b.kind != block_kind::paragraph || b.lines.size() != 1) return std::nullopt;
    // The passes ask it of the same blocks again and again: each block's answer is kept.
    const std::size_t at = index_of(b);
    if (at == findings::npos) return find_whole_dateline(b);
    if (whole_datelines_.empty()) whole_datelines_.resize(blocks_.size());
    if (!whole_datelines_[at]) whole_datelines_[at] = find_whole_dateline(b);
    return *whole_datelines_[at];
}

std::optional<dateline_match> recogniser::find_whole_dateline(const block& b) const {
    auto m = match_dateline(b.lines[0].text, opts_.numeric_dates);
    if (!m || m->run_in) return std::nullopt;
    // "Monetary Policy Committee's Decision on 21 August 2024" is a title:
    // an office's name is no place.
    std::string_view place = std::string_view(b.lines[0].text).substr(m->place_begin, m->place_end - m->place_begin);
    if (!place.empty() && (has_organisation_word(place) || has_unit_word(place)) && !is_place(place))
        return std::nullopt;
    return m;
}

std::string recogniser::end_mark_text(const block& b) const {
    if (b.kind == block_kind::thematic_break) return b.printed.empty() ? std::string("***") : b.printed;
    // The mark as printed: "***END***" is an end mark, not bold "END".
    // Marks are short: a paragraph's line is not one, and is not folded.
    if (b.kind == block_kind::paragraph && b.lines.size() == 1 && b.lines[0].text.size() <= 40) {
        if (!b.printed.empty() && is_end_mark(b.printed)) return b.printed;
        if (is_end_mark(b.lines[0].text)) return b.lines[0].text;
    }
    return {};
}

bool recogniser::is_closing_block(const block& b) const {
    // Asked of the release's last blocks by two passes: each block's answer is kept.
    const std::size_t at = index_of(b);
    if (at == findings::npos) return find_closing_block(b);
    if (closing_blocks_.empty()) closing_blocks_.resize(blocks_.size(), -1);
    if (closing_blocks_[at] < 0) closing_blocks_[at] = find_closing_block(b);
    return closing_blocks_[at] != 0;
}

bool recogniser::find_closing_block(const block& b) const {
    if (!end_mark_text(b).empty()) return true;
    if (b.kind != block_kind::paragraph || b.lines.empty()) return false;
    // A lead opens its line: only the line's start is folded.
    std::string_view first = b.lines[0].text;
    return is_closing_lead(first.substr(0, advance_code_points(first, 48)));
}

// The name is printed again on a line of the release's last blocks after
// `from`, among the lines that sign it off above the date.
bool recogniser::signs_off(std::string_view name, std::size_t from) const {
    if (!is_sign_off_line(name)) return false;
    std::string folded = fold(name);
    for (std::size_t i = blocks_.size(); i > from + 2 && i + 3 > blocks_.size(); --i) {
        const block& b = blocks_[i - 1];
        if (b.kind != block_kind::paragraph || b.lines.size() > 4) continue;
        for (const line& l : b.lines)
            if (fold(l.text) == folded) return true;
    }
    return false;
}

// A block of sign-off lines, one of them a name the header gave the issuer.
bool recogniser::signs_off_issuer(const block& b) const {
    if (b.kind != block_kind::paragraph || b.lines.empty() || b.lines.size() > 4 ||
        !std::all_of(b.lines.begin(), b.lines.end(), [](const line& l) { return is_sign_off_line(l.text); }))
        return false;
    for (const findings::header_part& p : f_.parts) {
        if (p.what != role::organisation && p.what != role::unit) continue;
        for (std::size_t k = p.from; k < p.to; ++k) {
            std::string name = fold(blocks_[p.block].lines[k].text);
            for (const line& l : b.lines)
                if (fold(l.text) == name) return true;
        }
    }
    return false;
}

void recogniser::find_header() {
    // A genre label near the top closes the header: every line before it is
    // part of the header, whatever words it uses.
    std::size_t genre_block = blocks_.size();
    for (std::size_t i = f_.first; i < blocks_.size() && i < f_.first + 12; ++i) {
        const block& b = blocks_[i];
        if (!b.textual()) break;
        if (std::any_of(b.lines.begin(), b.lines.end(), [&](const line& l) { return genre_of(l.text).has_value(); })) {
            genre_block = i;
            break;
        }
    }
    std::size_t block_index = f_.first, line_index = 0;  // where the header stopped: block and line
    bool header_done = false;
    role last = role::none;
    unsigned seen_roles = 0;  // a bit per role found so far
    auto seen = [&](role r) { return (seen_roles >> static_cast<unsigned>(r) & 1u) != 0; };
    for (; block_index < blocks_.size() && !header_done; ++block_index) {
        const block& b = blocks_[block_index];
        line_index = 0;  // a block the header stops before is not read at all
        // A heading ends the header, unless a genre label is still to come:
        // a web page may set its letterhead lines as headings.
        bool before_genre = block_index < genre_block && genre_block < blocks_.size();
        // (A title heading with a genre label in front, "MFA Press Statement:
        // ...", is read on: the label is the genre.)
        if (!b.textual() || (b.kind == block_kind::heading && !genre_of(b.joined()) && !before_genre &&
                             !(f_.parts.empty() && b.lines.size() == 1 && find_genre_prefix(b.lines[0].text))))
            break;
        // The web page's own lines among the letterhead's ("Posted on: 30
        // Aug 2024", "Home > Newsroom > Press releases", "Hits: 4031").
        // A date alone there is the release's own dateline.
        if (before_genre && !whole_dateline(b) && std::all_of(b.lines.begin(), b.lines.end(), [&](const line& l) {
                return is_page_chrome(l, opts_.numeric_dates);
            })) {
            report(severity::note, rule::page_remnant,
                   "\"" + b.joined() + "\" is the web page's, not the release's: left out", b.where);
            continue;
        }
        if (before_genre && f_.parts.empty() && f_.title_block == findings::npos &&
            (is_page_title(b) || (block_index + 1 == genre_block && is_title_over_label(b)))) {
            f_.title_block = block_index;
            continue;
        }
        for (line_index = 0; line_index < b.lines.size(); ++line_index) {
            const std::string& t = b.lines[line_index].text;
            bool caps = !has_lowercase(t) && has_letter(t);
            std::size_t words = count_words(t, 17);
            bool sentence = t.ends_with('.') && words > 3;
            role r = role::none;
            bool continuation = false;
            std::size_t skip = 0;
            if (auto k = genre_of(t)) {
                r = role::genre;
                // "FOR IMMEDIATE RELEASE" over "PRESS RELEASE": one genre of
                // two lines, the kind the last one's.
                continuation = last == role::genre;
                f_.kind = k;
                if (std::size_t end = genre_label_end(t); !continuation && end > 0 && end < t.size()) {
                    f_.numbered_genre = &b.lines[line_index];
                    f_.genre_label_end = end;
                    // "News Release | 4 December 2024": the page's date,
                    // when the release is dated in its own text.
                    std::string_view rest = std::string_view(t).substr(end);
                    if (rest.starts_with(" | ")) {
                        rest.remove_prefix(3);
                        auto dates = find_dates(rest, opts_.numeric_dates);
                        bool whole = dates.size() == 1 && dates[0].begin == 0 && dates[0].end == rest.size();
                        f_.genre_page_date = whole || timed_date(rest, opts_.numeric_dates);
                        if (f_.genre_page_date)
                            report(severity::note, rule::page_remnant,
                                   "\"" + std::string(rest) + "\" is the web page's date, not the release's: left out",
                                   {past(b.lines[line_index].begin, std::string_view(t).substr(0, end + 3)),
                                    b.lines[line_index].end});
                    }
                }
            } else if (is_embargo_line(t, opts_.numeric_dates)) {
                r = role::embargo;
            } else if (auto p = !seen(role::genre) ? find_genre_prefix(t) : std::nullopt) {
                f_.kind = p->kind;
                // "STATEMENT BY THE SPOKESPERSON OF ..." over a headline of its
                // own is the genre line; alone, it is the title too.
                const block* after = block_index + 1 < blocks_.size() ? &blocks_[block_index + 1] : nullptr;
                bool own_headline = p->headline == 0 && line_index + 1 == b.lines.size() && after &&
                                    block_index + 2 < blocks_.size() && after->textual() && after->lines.size() == 1 &&
                                    count_words(after->lines[0].text, 26) <= 25 &&
                                    !after->lines[0].text.ends_with('.') && !whole_dateline(*after);
                if (own_headline) {
                    r = role::genre;
                } else {
                    // The headline's line, with the genre label in front of it.
                    f_.prefix = p;
                    header_done = true;
                    break;
                }
            } else if (!seen(role::state) && (!seen(role::organisation) || (line_index == 0 && !seen(role::genre))) &&
                       is_state_line(t)) {
                // Over the issuer, or beside it in a two-column letterhead read
                // left to right (Vietnam's agencies).
                r = role::state;
            } else if (last == role::state && !seen(role::motto) &&
                       (is_known_motto(t) || (caps && words <= 6 && !has_organisation_word(t) &&
                                              t.find_first_of("0123456789") == std::string::npos))) {
                r = role::motto;
            } else if (is_lunar_date_line(t)) {
                r = role::lunar;
            } else if (is_reference_line(t)) {
                r = role::reference;
            } else if (auto d = match_dateline(t, opts_.numeric_dates);
                       d && !d->run_in &&
                       (b.lines.size() == 1 || (line_index + 1 == b.lines.size() && d->place_end > d->place_begin &&
                                                (last == role::motto || last == role::state)))) {
                // On a line of its own, or under the national header in its
                // cell, as Vietnam's letterheads set it.
                r = role::dateline;
                f_.dateline = d;
                f_.dateline_line = &b.lines[line_index];
            } else if (auto timed =
                           !f_.dateline && b.lines.size() == 1 ? timed_date(t, opts_.numeric_dates) : std::nullopt) {
                // A wire page's date and time over its source ("December 03,
                // 2024 07:00 ET" / "| Source: ...").
                r = role::dateline;
                f_.dateline = timed;
                f_.dateline_line = &b.lines[line_index];
            } else if (std::size_t label = issuer_label_length(t);
                       label > 0 && !seen(role::organisation) && words <= 12) {
                // "| Source: SolarShare Asia Pte. Ltd.", "From: British Embassy Phnom Penh".
                r = role::organisation;
                skip = label;
            } else if (sentence || words > 16) {
                r = role::none;
            } else if (last == role::organisation && !f_.parts.empty() && f_.parts.back().block == block_index &&
                       (caps || b.lines[line_index].bold || (words <= 3 && is_place_line(t)))) {
                // ... or names its country ("Australian Embassy" / "Cambodia")
                r = role::organisation;  // the organisation's name goes on over a second line
            } else if ((last == role::organisation || last == role::unit) && line_index == 0 && !f_.parts.empty() &&
                       continues_name(t)) {
                // ... or over a second paragraph, as a Word or HTML letterhead sets each line.
                r = last;
                continuation = true;
            } else if (seen(role::organisation) && last == role::organisation && line_index == 0 && !b.bold() &&
                       !has_uppercase(t) && has_unit_word(t) && !is_house_issuer_line(t)) {
                // In a script without capitals, a plain paragraph under the
                // ministry that names a unit is that unit, whatever else it
                // names ("the Royal Government's Spokesperson Unit").
                r = role::unit;
            } else if (is_house_issuer_line(t) || (b.bold() && (caps || has_organisation_word(t))) ||
                       (caps && has_organisation_word(t)) ||
                       (!seen(role::organisation) && has_organisation_word(t) && !seen(role::genre))) {
                r = role::organisation;
            } else if (has_unit_word(t) && (seen(role::organisation) || seen(role::state))) {
                r = role::unit;
            } else if (caps && has_uppercase(t) && seen(role::organisation) && last == role::organisation) {
                // A name in capitals goes on; in a script without capitals
                // the next paragraph is a unit (below).
                r = role::organisation;
            } else if (block_index < genre_block && genre_block < blocks_.size()) {
                r = seen(role::organisation) ? role::unit : role::organisation;
            }
            // A news agency's name over the date and time of its story
            // ("MEKONG WIRE" / "August 8, 2024 10:14 AM GMT+7").
            if (r == role::none && f_.parts.empty() && line_index == 0 && b.lines.size() == 1 && caps &&
                has_uppercase(t) && words <= 4 && block_index + 1 < blocks_.size() &&
                blocks_[block_index + 1].kind == block_kind::paragraph && blocks_[block_index + 1].lines.size() == 1 &&
                timed_date(blocks_[block_index + 1].lines[0].text, opts_.numeric_dates))
                r = role::organisation;
            // A Thai ministry's layout: no national header, the unit's name on
            // the first line, and the same name again above the date at the end.
            // Its headline follows that line.
            bool signed_layout = r == role::none && f_.parts.empty() && line_index == 0 && block_index == f_.first &&
                                 !sentence && signs_off(t, block_index);
            if (signed_layout) r = role::organisation;
            if (r == role::none) {
                header_done = true;
                break;
            }
            // Lines of one paragraph that play the same part are one element.
            bool joins = !f_.parts.empty() && f_.parts.back().block == block_index && f_.parts.back().what == r &&
                         (r == role::organisation || r == role::unit);
            if (joins)
                f_.parts.back().to = line_index + 1;
            else
                f_.parts.push_back({r, block_index, line_index, line_index + 1, continuation, skip});
            seen_roles |= 1u << static_cast<unsigned>(r);
            last = r;
            if (signed_layout) {
                header_done = true;
                ++line_index;
                break;
            }
            // A genre label ends the header, unless another follows it.
            const line* after = line_index + 1 < b.lines.size() ? &b.lines[line_index + 1]
                                : block_index + 1 < blocks_.size() && !blocks_[block_index + 1].lines.empty()
                                    ? &blocks_[block_index + 1].lines[0]
                                    : nullptr;
            // An embargo line under the genre label ends it instead.
            bool more = after && (genre_of(after->text) || (r == role::genre &&
                                                             is_embargo_line(after->text, opts_.numeric_dates)));
            if ((r == role::genre || (r == role::embargo && seen(role::genre))) && !more) {
                header_done = true;
                ++line_index;
                break;
            }
        }
        if (header_done) break;
    }
    if (block_index < blocks_.size() && line_index >= blocks_[block_index].lines.size()) {
        ++block_index;
        line_index = 0;
    }
    // The headline may be preceded by a dateline on its own line, or under
    // the lunar date in one paragraph, as Myanmar's ministries set it.
    if (!f_.dateline && block_index < blocks_.size() && line_index == 0) {
        const block& b = blocks_[block_index];
        std::optional<dateline_match> under_lunar;
        if (b.kind == block_kind::paragraph && b.lines.size() == 2 && !seen(role::lunar) &&
            is_lunar_date_line(b.lines[0].text))
            if (auto d = match_dateline(b.lines[1].text, opts_.numeric_dates); d && !d->run_in) under_lunar = d;
        if (under_lunar) {
            f_.parts.push_back({role::lunar, block_index, 0, 1});
            f_.dateline = under_lunar;
            f_.dateline_line = &b.lines[1];
            ++block_index;
        } else if (auto d = whole_dateline(blocks_[block_index])) {
            f_.dateline = d;
            f_.dateline_line = &blocks_[block_index].lines[0];
            ++block_index;
        }
    }

    f_.next = block_index;
    header_stop_line_ = line_index;
}

void recogniser::find_headline() {
    std::size_t block_index = f_.next, line_index = header_stop_line_;
    std::size_t next = block_index;
    std::size_t headline_block = blocks_.size(), headline_from = 0, headline_to = 0;
    // Under the genre label, before the headline: the release's number
    // ("No. 41/2024", "SG/SM/22187"), its date, and, under a title set
    // above the label, the office ("OFFICE OF THE SPOKESPERSON").
    auto has = [&](role r) {
        return std::any_of(f_.parts.begin(), f_.parts.end(),
                           [&](const findings::header_part& p) { return p.what == r; });
    };
    for (int k = 0; k < 3 && block_index < blocks_.size(); ++k) {
        const block& b = blocks_[block_index];
        // The number may be the last line of the genre label's paragraph.
        if (b.kind != block_kind::paragraph || b.lines.size() != line_index + 1) break;
        const std::string& t = b.lines[line_index].text;
        if (!has(role::reference) && is_document_number(t)) {
            f_.parts.push_back({role::reference, block_index, line_index, line_index + 1, false});
        } else if (line_index > 0) {
            break;
        } else if (auto d = whole_dateline(b); (d || (d = timed_date(t, opts_.numeric_dates))) && !f_.dateline) {
            f_.dateline = d;
            f_.dateline_line = &b.lines[0];
        } else if (f_.title_block != findings::npos && !has(role::organisation) && !has_lowercase(t) &&
                   (has_organisation_word(t) || has_unit_word(t) || is_house_issuer_line(t))) {
            f_.parts.push_back({role::organisation, block_index, 0, 1, false});
        } else {
            break;
        }
        next = ++block_index;
        line_index = 0;
    }
    if (f_.title_block != findings::npos) {
        // The page's title is the headline, unless the release repeats it:
        // then the release's own words are, and the page's copy is left out.
        headline_block = f_.title_block;
        if (block_index < blocks_.size() && line_index == 0 && blocks_[block_index].textual() &&
            fold(blocks_[block_index].joined()) == fold(blocks_[headline_block].joined())) {
            const block& copy = blocks_[f_.title_block];
            report(severity::note, rule::page_remnant,
                   "\"" + copy.joined() + "\" is the web page's copy of the title: left out", copy.where);
            headline_block = block_index;
            ++next;
        }
        headline_to = blocks_[headline_block].lines.size();
    } else if (block_index < blocks_.size() && blocks_[block_index].textual()) {
        headline_block = block_index;
        headline_from = line_index;
        headline_to = blocks_[block_index].lines.size();
        next = block_index + 1;
        // "Headline\nPhnom Penh, 12 April 2024": a dateline on the headline's last
        // line.
        if (!f_.dateline && headline_to - headline_from >= 2) {
            const line& l = blocks_[block_index].lines[headline_to - 1];
            if (auto d = match_dateline(l.text, opts_.numeric_dates); d && !d->run_in) {
                f_.dateline = d;
                f_.dateline_line = &l;
                f_.dateline_position = "under-headline";
                --headline_to;
            }
        }
    }
    // A front matter's title is the headline when what stands there is not
    // one: the body's first paragraph, a sentence of many words.
    // (Only a candidate the header has not been cut from, whose last line
    // gave no dateline: the whole block goes back to the body.)
    const bool whole_candidate = headline_block == blocks_.size() ||
                                 (f_.title_block == findings::npos && headline_from == 0 &&
                                  headline_to == blocks_[headline_block].lines.size());
    if (const auto& title = doc_.meta.title; title && whole_candidate) {
        bool none = headline_block == blocks_.size();
        std::string candidate;
        for (std::size_t i = headline_from; !none && i < headline_to; ++i)
            candidate += (i > headline_from ? " " : "") + blocks_[headline_block].lines[i].text;
        std::size_t words = count_words(candidate, 31);
        if (none ||
            (fold(candidate) != fold(title->text) && (words > 30 || (candidate.ends_with('.') && words > 12)))) {
            f_.title_headline = true;
            f_.prefix.reset();  // the candidate goes to the body whole
            f_.next = none ? next : headline_block;
            if (!f_.dateline && f_.next < blocks_.size())
                if (auto d = whole_dateline(blocks_[f_.next])) {
                    f_.dateline = d;
                    f_.dateline_line = &blocks_[f_.next].lines[0];
                    f_.dateline_position = "under-headline";
                    ++f_.next;
                }
            return;
        }
    }
    std::size_t sub_block = blocks_.size();
    const line* sub_line = nullptr;
    if (headline_block < blocks_.size() && headline_to - headline_from >= 2) {
        const line& l = blocks_[headline_block].lines[headline_to - 1];
        if (l.emphasised && !l.bold) {
            sub_line = &l;
            --headline_to;
        }
    }
    if (!sub_line && headline_block < blocks_.size() && next < blocks_.size()) {
        const block& h = blocks_[headline_block];
        const block& s = blocks_[next];
        bool italic = s.kind == block_kind::paragraph && s.emphasised() && count_words(s.joined(), 41) <= 40;
        bool deeper = h.kind == block_kind::heading && s.kind == block_kind::heading && s.level == h.level + 1;
        if (italic || deeper) sub_block = next++;
    }
    if (!f_.dateline && next < blocks_.size()) {
        if (auto d = whole_dateline(blocks_[next])) {
            f_.dateline = d;
            f_.dateline_line = &blocks_[next].lines[0];
            f_.dateline_position = "under-headline";
            f_.date_block = next;
            ++next;
        }
    }

    if (headline_block < blocks_.size()) {
        f_.headline_block = headline_block;
        f_.headline_from = headline_from;
        f_.headline_to = headline_to;
    }
    f_.sub_line = sub_line;
    if (sub_block < blocks_.size()) f_.sub_block = sub_block;
    f_.next = next;
}

// Where what follows a release starts: an end mark, a contact lead or an
// "About ..." heading with nothing after it but more of the same, contact
// details, the boilerplate under an About heading, and the dateline with
// its signature. `to` when there is no such tail.
std::size_t recogniser::tail_start(std::size_t from, std::size_t to) const {
    std::size_t start = to;
    bool about = false;  // under an About heading: its paragraphs are boilerplate
    for (std::size_t i = from + 1; i < to; ++i) {
        const block& b = blocks_[i];
        bool heading = is_about_heading(b);
        bool opener = heading || is_closing_block(b);
        if (start < to && !opener) {
            bool dateline = whole_dateline(b).has_value();
            // A dateline under an About section: the section was the body's.
            bool fits = about ? b.kind == block_kind::paragraph && !dateline
                              : dateline || is_contact_detail(b) || is_signature(b) ||
                                    b.kind == block_kind::table;  // the contacts in a table
            if (!fits) {
                start = to;
                about = false;
            }
        }
        if (!opener) continue;
        if (start == to) start = i;
        about = about || heading;
    }
    return start;
}

void recogniser::find_closing() {
    // A bare date under the headline may be a web page's ("20 November
    // 2024" under the title): when the release ends with its own place and
    // date, those are the dateline, and the date above is text of the body.
    if (f_.dateline && f_.dateline->place_begin == f_.dateline->place_end && f_.date_block != findings::npos &&
        f_.date_block + 1 == f_.next) {
        findings kept = f_;
        f_.dateline.reset();
        f_.dateline_line = nullptr;
        f_.next = f_.date_block;
        f_.date_block = findings::npos;
        find_closing_from_end();
        bool placed = f_.dateline && f_.dateline_position == std::string_view("end") &&
                      (f_.dateline_place_line || f_.dateline->place_end > f_.dateline->place_begin);
        if (placed) return;
        f_ = std::move(kept);
    }
    find_closing_from_end();
}

void recogniser::find_closing_from_end() {
    std::size_t body_from = f_.next;
    std::size_t tail = tail_start(body_from, f_.last);
    std::size_t body_to = tail;
    bool end_dateline = false;
    std::vector<std::size_t>& closing = f_.closing;
    for (std::size_t i = tail; i < f_.last; ++i) {
        if (!f_.dateline && !is_closing_block(blocks_[i]))
            if (auto d = whole_dateline(blocks_[i])) {
                f_.dateline = d;
                f_.dateline_line = &blocks_[i].lines[0];
                f_.dateline_position = "end";
                end_dateline = true;
                continue;
            }
        closing.push_back(i);
    }
    // A unit's name above the date signs the release off: it is no place,
    // unless the house lists it as one.
    auto place_line = [&](std::string_view t) {
        return is_sign_off_line(t) ? is_place(t) && !is_place_line(t) : is_place(t);
    };
    bool signed_off = false;
    for (std::size_t i = tail; i > body_from; --i) {
        const block& b = blocks_[i - 1];
        if (is_closing_block(b)) {
            closing.push_back(i - 1);
            body_to = i - 1;
            continue;
        }
        // The issuer's name again above an end dateline, signing the release
        // off: the closing's, not the body's.
        if (end_dateline && !signed_off && i - 1 > body_from && signs_off_issuer(b)) {
            closing.push_back(i - 1);
            body_to = i - 1;
            signed_off = true;
            continue;
        }
        if (!f_.dateline && !end_dateline) {
            if (std::size_t first = find_signoff(i - 1, body_from); first != findings::npos) {
                end_dateline = true;
                body_to = first;
                if (first + 1 < i) --i;  // the sign-off's own block is done with too
                continue;
            }
            auto d = whole_dateline(b);
            bool placeless = d && d->place_begin == d->place_end;
            if (d && !(placeless && i - 1 > body_from && blocks_[i - 2].kind == block_kind::paragraph &&
                       blocks_[i - 2].lines.size() == 1 && place_line(blocks_[i - 2].lines[0].text))) {
                end_dateline = true;
                f_.dateline = d;
                f_.dateline_line = &b.lines[0];
                f_.dateline_position = "end";
                body_to = i - 1;
                continue;
            }
            // The place on one line, the date on the next: "VIENTIANE" /
            // "14 March 2024", in one paragraph or two.
            const line* place = nullptr;
            const line* date = nullptr;
            if (b.kind == block_kind::paragraph && b.lines.size() == 2) {
                place = &b.lines[0];
                date = &b.lines[1];
            } else if (b.kind == block_kind::paragraph && b.lines.size() == 1 && i - 1 > body_from &&
                       blocks_[i - 2].kind == block_kind::paragraph && blocks_[i - 2].lines.size() == 1) {
                place = &blocks_[i - 2].lines[0];
                date = &b.lines[0];
            }
            if (place && place_line(place->text)) {
                auto d = match_dateline(date->text, opts_.numeric_dates);
                if (d && !d->run_in && d->place_begin == d->place_end) {
                    end_dateline = true;
                    f_.dateline = d;
                    f_.dateline_line = date;
                    f_.dateline_place_line = place;
                    f_.dateline_position = "end";
                    body_to = place == &b.lines[0] ? i - 1 : i - 2;
                    continue;
                }
            }

            // A signature under the dateline: the signatory's title and
            // name, in up to three blocks ("Minister of Commerce" /
            // "(Signed and sealed)" / "CHAN Sokunthea").
            if (is_signature(b)) {
                // An end dateline in one paragraph: on one line, or the place
                // over the date.
                auto dateline_block = [&](const block& d) {
                    if (whole_dateline(d)) return true;
                    if (d.kind != block_kind::paragraph || d.lines.size() != 2 || !is_place(d.lines[0].text))
                        return false;
                    auto m = match_dateline(d.lines[1].text, opts_.numeric_dates);
                    return m && !m->run_in && m->place_begin == m->place_end;
                };
                std::size_t j = i - 1;
                while (j > body_from && j + 3 >= i && is_signature(blocks_[j - 1]) && !dateline_block(blocks_[j - 1]))
                    --j;
                if (j > body_from && dateline_block(blocks_[j - 1])) {
                    closing.push_back(i - 1);
                    body_to = i - 1;
                    continue;
                }
            }
        }
        break;
    }
    std::sort(closing.begin(), closing.end());

    f_.body_from = body_from;
    f_.body_to = body_to;
}

// The issuer signing off over the place and the date:
// "MINISTRY OF FOREIGN AFFAIRS" / "SINGAPORE" / "14 MARCH 2024", or
// "WISMA PUTRA" / "Putrajaya, 9 May 2024".
std::size_t recogniser::find_signoff(std::size_t block_index, std::size_t body_from) {
    // The office's lines and the date in one paragraph, or the date cut off
    // on its own (prepare() cuts a date typed on a paragraph's last line).
    std::vector<const line*> lines;
    std::size_t first = block_index;
    const block& b = blocks_[block_index];
    if (b.kind != block_kind::paragraph || b.lines.empty()) return findings::npos;
    if (b.lines.size() == 1 && block_index > body_from && blocks_[block_index - 1].kind == block_kind::paragraph &&
        blocks_[block_index - 1].lines.size() <= 5) {
        first = block_index - 1;
        for (const line& l : blocks_[first].lines) lines.push_back(&l);
    }
    for (const line& l : b.lines) lines.push_back(&l);
    const std::size_t n = lines.size();
    if (n < 2 || n > 6) return findings::npos;
    auto d = match_dateline(lines[n - 1]->text, opts_.numeric_dates);
    if (!d) d = timed_date(lines[n - 1]->text, opts_.numeric_dates);  // "3 February 2024 @ 4:15 PM"
    if (!d || d->run_in) return findings::npos;
    // The place over a bare date, or none: "Department of Information" /
    // "Ministry of Foreign Affairs" / "12 March 2024".
    const bool placeless = d->place_begin == d->place_end;
    const bool place_above = placeless && is_place(lines[n - 2]->text);
    const std::size_t signoff_to = place_above ? n - 2 : n - 1;
    if (signoff_to == 0) return findings::npos;  // a place over its date, nobody signing
    for (std::size_t k = 0; k < signoff_to; ++k) {
        const std::string& t = lines[k]->text;
        bool caps = !has_lowercase(t) && has_letter(t);
        if (count_words(t, 9) > 8 || t.ends_with('.') ||
            !(caps || lines[k]->bold || has_organisation_word(t) || has_unit_word(t) || is_house_issuer_line(t)))
            return findings::npos;
    }
    // The sign-off's lines must all stand in one block.
    const std::size_t in_first = blocks_[first].lines.size();
    if (first != block_index && signoff_to != in_first && !(place_above && signoff_to + 1 == in_first))
        return findings::npos;
    f_.dateline = d;
    f_.dateline_line = lines[n - 1];
    f_.dateline_place_line = place_above ? lines[n - 2] : nullptr;
    f_.dateline_position = "end";
    f_.signoff_block = first;
    f_.signoff_to = signoff_to;
    return first;
}

// A block whose text is all one or more links (a menu entry, a listing's
// title).
bool all_link(const block& b) {
    return !b.runs.empty() && std::all_of(b.runs.begin(), b.runs.end(), [&](const run& r) {
        return r.kind != run_kind::text || r.text.find_first_not_of(" \t") == std::string::npos ||
               has_mark(b, r, mark_kind::link);
    });
}

// A line a web page prints above the release: "Posted on 8 May 2024 by
// admin", "Release date", "Date: 2024-06-05", a date alone.
bool is_page_label(const line& l, date_order order) {
    // The labels open with these letters; they are shorter than 40 bytes.
    if (may_fold_to_open_with(l.text, "BDLNOPRU")) {
        std::string folded = fold(l.text, 40);
        for (std::string_view label :
             {"POSTED ", "PUBLISHED", "RELEASE DATE", "DATE:", "DATE ", "UPDATED", "LAST UPDATED", "BY ",
              "NAI-POST ", "OLEH "})  // Filipino "posted", Indonesian "by"
            if (folded.starts_with(label) || folded == trim_label(label)) return true;
    }
    // A date alone, or with the time the page was posted ("08/10/2024 16:45").
    const auto date = date_at_start(l.text, order);
    return (date && date->end == l.text.size()) || timed_date(l.text, order).has_value();
}

// A line of the web page around a release: a posting date or time, a
// breadcrumb trail, a hit counter, share buttons.
bool is_page_chrome(const line& l, date_order order) {
    if (is_page_label(l, order)) return true;
    std::string_view t = l.text;
    std::size_t trail = 0;
    for (std::size_t at = t.find(" > "); at != std::string_view::npos; at = t.find(" > ", at + 3)) ++trail;
    if (trail >= 2 && count_words(t, 13) <= 12) return true;
    if (!may_fold_to_open_with(t, "BHPSV")) return false;  // the labels' first letters
    std::string folded = fold(t.substr(0, std::min<std::size_t>(t.size(), 40)));
    for (std::string_view label : {"HITS:", "VIEWS:", "SHARE:", "SHARE THIS", "PRINT THIS", "BACK TO"})
        if (folded.starts_with(label)) return true;
    return false;
}

// What a web page prints below a release: a link alone ("Back to index",
// "Read more"), "Posted in Press releases", share and tag lines; and the
// rule that parts them from the release.
void recogniser::skip_trailing_remnants() {
    f_.last = blocks_.size();
    auto remnant = [&](const block& b) {
        if (!b.textual() || b.lines.size() != 1 || count_words(b.lines[0].text, 9) > 8) return false;
        std::string folded = fold(b.lines[0].text);
        for (std::string_view label : {"POSTED IN", "BACK TO", "RETURN TO", "SHARE", "TAGS", "CATEGORIES", "PRINT"})
            if (folded.starts_with(label)) return true;
        return all_link(b);
    };
    std::size_t end = blocks_.size();
    while (end > 1 && remnant(blocks_[end - 1])) --end;
    if (end == blocks_.size()) return;
    while (end > 1 && blocks_[end - 1].kind == block_kind::thematic_break) --end;
    for (std::size_t i = end; i < blocks_.size(); ++i)
        if (blocks_[i].textual())
            report(severity::note, rule::page_remnant,
                   "\"" + blocks_[i].joined() + "\" is the web page's, not the release's: left out", blocks_[i].where);
    f_.last = end;
}

// Blocks a web page prints above the release, before its letterhead: its
// date and author lines and its own copy of the title. They are left out
// (with a note) only when the release's letterhead follows them: a state
// line or a genre label within the next few blocks.
void recogniser::skip_page_remnants() {
    std::size_t letterhead = blocks_.size();
    for (std::size_t i = 0; i < blocks_.size() && i < 8; ++i) {
        const block& b = blocks_[i];
        if (!b.textual()) break;
        if (is_state_line(b.lines[0].text) || kind_of(b.lines[0].text)) {
            letterhead = i;
            break;
        }
    }
    if (letterhead == blocks_.size() || letterhead == 0) return;
    auto repeated_later = [&](const block& b) {
        std::string text = b.joined();
        for (std::size_t i = letterhead; i < blocks_.size() && i < letterhead + 12; ++i)
            if (blocks_[i].textual() && blocks_[i].joined() == text) return true;
        return false;
    };
    auto label = [&](const block& b) {
        return b.lines.size() <= 2 && std::all_of(b.lines.begin(), b.lines.end(), [&](const line& l) {
                   return is_page_label(l, opts_.numeric_dates);
               });
    };
    for (std::size_t i = 0; i < letterhead; ++i) {
        const block& b = blocks_[i];
        // An issuer's name repeated lower down (a sign-off, a second
        // release) is the letterhead, not the page's copy of the title.
        bool issuer = has_organisation_word(b.joined()) || is_house_issuer_line(b.lines[0].text);
        if (!label(b) && (issuer || !repeated_later(b))) {
            // Letterhead material after all: only the page's own lines in
            // front of it ("Posted on ...", "08/10/2024 16:45") are left out;
            // a date alone may be the release's dateline.
            std::size_t page_lines = 0;
            while (page_lines < i && label(blocks_[page_lines]) && !whole_dateline(blocks_[page_lines])) ++page_lines;
            letterhead = page_lines;
            break;
        }
    }
    if (letterhead == 0) return;
    for (std::size_t i = 0; i < letterhead; ++i) {
        const block& b = blocks_[i];
        report(severity::note, rule::page_remnant,
               "\"" + b.joined() + "\" is the web page's, not the release's: left out", b.where);
    }
    f_.first = letterhead;
}

// A web page's index of releases: the "headline" a link, and at least
// three more titles that are links, no paragraph of text among them.
bool recogniser::is_listing() const {
    if (f_.headline_block == findings::npos || !all_link(blocks_[f_.headline_block])) return false;
    std::size_t titles = 0;
    for (std::size_t i = f_.body_from; i < f_.body_to; ++i) {
        const block& b = blocks_[i];
        if (!b.textual()) continue;
        if (all_link(b)) ++titles;
        else if (count_words(b.joined(), 26) > 25) return false;
    }
    return titles >= 3;
}

void recogniser::find_run_in_dateline() {
    if (f_.body_from >= f_.body_to) return;
    // A wire release may set a summary line between its headline and the
    // paragraph that opens with the dateline: that line is the subheadline.
    std::size_t at = f_.body_from;
    // A wire's place and credit with no year may stand for the dateline's
    // place when its date is above the headline.
    bool dated_above = f_.dateline && f_.dateline->place_begin == f_.dateline->place_end;
    auto opens = [&](const block& b) {
        if (b.kind != block_kind::paragraph || b.lines.empty()) return false;
        auto d = match_dateline(b.lines[0].text, opts_.numeric_dates);
        return (d && d->run_in) || (dated_above && run_in_place(b.lines[0].text));
    };
    if (f_.sub_block == findings::npos && !f_.sub_line && f_.headline_block != findings::npos &&
        at + 1 < f_.body_to && blocks_[at].kind == block_kind::paragraph && blocks_[at].lines.size() == 1 &&
        count_words(blocks_[at].lines[0].text, 41) <= 40 && !opens(blocks_[at]) && opens(blocks_[at + 1]))
        ++at;
    // Or its highlights, a list, before that paragraph (the IMF's): they
    // stay where they are, at the body's top.
    std::size_t highlights = at;
    if (blocks_[at].kind == block_kind::list && at + 1 < f_.body_to && blocks_[at + 1].kind == block_kind::paragraph &&
        !blocks_[at + 1].lines.empty())
        ++at;
    if (blocks_[at].kind != block_kind::paragraph || blocks_[at].lines.empty()) return;
    const block& b = blocks_[at];
    auto d = match_dateline(b.lines[0].text, opts_.numeric_dates);
    if (!d || !d->run_in) {
        // A wire's place and credit with no year ("SINGAPORE--(BUSINESS
        // WIRE)--", "PHNOM PENH, Aug 8 (Mekong Wire) - "), the date and time
        // above the headline: one dateline of the two.
        auto p = dated_above && at == highlights ? run_in_place(b.lines[0].text) : std::nullopt;
        if (!p) return;
        if (at > f_.body_from) {
            f_.sub_block = f_.body_from;
            f_.body_from = at;
        }
        f_.wire_place = p;
        f_.wire_place_line = &b.lines[0];
        f_.dateline_position = "run-in";
        f_.date_block = findings::npos;
        std::erase_if(f_.parts, [&](const findings::header_part& part) {
            return part.what == role::dateline && &blocks_[part.block].lines[part.from] == f_.dateline_line;
        });
        return;
    }
    if (f_.dateline) {
        // A web page's date under its title, and the release's own dateline
        // run in with a place and the same day: the page's date is left out.
        // Or its date and time in the header, over the wire's source line.
        auto in_header = std::find_if(f_.parts.begin(), f_.parts.end(), [&](const findings::header_part& p) {
            return p.what == role::dateline && &blocks_[p.block].lines[p.from] == f_.dateline_line;
        });
        bool shown_apart = (f_.date_block != findings::npos && f_.date_block + 1 == f_.body_from) ||
                           in_header != f_.parts.end() || f_.page_dated;
        bool page_date = f_.dateline->place_begin == f_.dateline->place_end && shown_apart &&
                         d->place_end > d->place_begin && d->date.iso() == f_.dateline->date.iso();
        if (!page_date) return;
        const line& shown = *f_.dateline_line;
        report(severity::note, rule::page_remnant,
               "\"" + shown.text + "\" is the web page's, not the release's: left out", {shown.begin, shown.end});
        f_.date_block = findings::npos;
        if (in_header != f_.parts.end()) f_.parts.erase(in_header);
    }
    if (at > highlights) {
        f_.run_in_block = at;
    } else if (at > f_.body_from) {
        f_.sub_block = f_.body_from;
        f_.body_from = at;
    }
    f_.dateline = d;
    f_.dateline_line = &b.lines[0];
    f_.dateline_position = "run-in";
    f_.run_in = true;
}

// A government web page's metadata under its title and summary (GOV.UK):
// "From: ORG" and "Published 4 June 2024", a line each or a label over its
// value (the page's <dl>); a wire page's "News provided by" / ORG / its
// date and time. The organisation is the issuer when the header
// names none, the date the dateline when the release has none; the summary
// above them is the subheadline. Read only when a publication date is among
// them: "From:" alone may open a body's paragraph.
void recogniser::find_page_metadata() {
    if (f_.headline_block == findings::npos || f_.body_from >= f_.body_to) return;
    std::size_t start = f_.body_from;
    bool summary = f_.sub_block == findings::npos && !f_.sub_line && start + 1 < f_.body_to &&
                   blocks_[start].kind == block_kind::paragraph && !issuer_label_length(blocks_[start].lines[0].text);
    if (summary) ++start;
    // The lines of the short paragraphs from there on, each with its block.
    struct at_line {
        std::size_t block;
        const line* l;
    };
    std::vector<at_line> lines;
    for (std::size_t i = start; i < f_.body_to && i < start + 6; ++i) {
        const block& b = blocks_[i];
        if (b.kind != block_kind::paragraph || b.lines.size() > 2) break;
        for (const line& l : b.lines) lines.push_back({i, &l});
    }
    // Only the lines' starts are compared with labels: a paragraph is not folded whole.
    auto published = [&](std::string_view text) -> std::optional<dateline_match> {
        std::string folded = fold(text, 40);
        std::size_t label = 0;
        for (std::string_view lead : {"PUBLISHED ON ", "PUBLISHED ", "RELEASE DATE: ", "RELEASE DATE "})
            if (folded.starts_with(lead)) label = lead.size();
        if (label == 0) return std::nullopt;
        // The date after the label, to the line's end (offsets in the line: the label is ASCII).
        auto dates = find_dates(text, opts_.numeric_dates);
        if (dates.size() != 1 || dates[0].end != text.size() || dates[0].begin < label - 1) return std::nullopt;
        dateline_match m;
        m.place_begin = m.place_end = dates[0].begin;
        m.date = dates[0];
        m.end = text.size();
        return m;
    };
    const line* issuer_line = nullptr;
    std::size_t issuer_block = 0, issuer_skip = 0;
    const line* date_line = nullptr;
    std::optional<dateline_match> date;
    std::vector<const line*> labels;  // labels alone over their values
    std::size_t k = 0;
    for (; k < lines.size(); ++k) {
        const line& l = *lines[k].l;
        std::string folded = fold(l.text, 40);
        bool next = k + 1 < lines.size();
        if (std::size_t skip = issuer_label_length(l.text); skip > 0 && !issuer_line && folded.starts_with("FROM")) {
            issuer_line = &l, issuer_block = lines[k].block, issuer_skip = skip;
        } else if ((folded == "FROM" || folded == "NEWS PROVIDED BY") && next && !issuer_line) {
            labels.push_back(&l);
            ++k;
            issuer_line = lines[k].l, issuer_block = lines[k].block;
        } else if (auto m = !date ? published(l.text) : std::nullopt) {
            date = m, date_line = &l;
        } else if (auto t = !date && issuer_line ? timed_date(l.text, opts_.numeric_dates) : std::nullopt) {
            date = t, date_line = &l;  // a wire's "17 Sep, 2024, 08:00 ICT" under its source
        } else if ((folded == "PUBLISHED" || folded == "RELEASE DATE") && next && !date &&
                   (date = whole_dateline(blocks_[lines[k + 1].block]))) {
            labels.push_back(&l);
            ++k;
            date_line = lines[k].l;
        } else {
            break;
        }
    }
    // Whole paragraphs only, and a date among them.
    if (!date || k == 0 || (k < lines.size() && lines[k].block == lines[k - 1].block)) return;
    std::size_t end = lines[k - 1].block + 1;
    if (summary) f_.sub_block = f_.body_from;
    f_.body_from = end;
    auto left_out = [&](const line& l) {
        report(severity::note, rule::page_remnant, "\"" + l.text + "\" is the web page's, not the release's: left out",
               {l.begin, l.end});
    };
    for (const line* l : labels) left_out(*l);
    if (issuer_line) {
        if (std::none_of(f_.parts.begin(), f_.parts.end(),
                         [](const findings::header_part& p) { return p.what == role::organisation; })) {
            const block& b = blocks_[issuer_block];
            std::size_t line_index = static_cast<std::size_t>(issuer_line - b.lines.data());
            f_.parts.push_back({role::organisation, issuer_block, line_index, line_index + 1, false, issuer_skip});
        } else {
            left_out(*issuer_line);
        }
    }
    if (!f_.dateline && !f_.meta_date) {
        f_.dateline = date;
        f_.dateline_line = date_line;
        f_.dateline_position = "top";
        f_.page_dated = true;
    } else {
        left_out(*date_line);
    }
}

void recogniser::use_front_matter_date() {
    if (f_.dateline || !doc_.meta.date) return;
    auto dates = find_dates(doc_.meta.date->text, opts_.numeric_dates);
    if (dates.empty() || dates.front().begin != 0) return;
    f_.meta_date = dates.front();
    // The place alone on the release's last line: "Phnom Penh".
    if (f_.body_to > f_.body_from + 1) {
        const block& b = blocks_[f_.body_to - 1];
        if (b.kind == block_kind::paragraph && b.lines.size() == 1 && is_place_line(b.lines[0].text)) {
            f_.meta_place_line = &b.lines[0];
            --f_.body_to;
        }
    }
}

// Where a diagnostic says what the text holds where a release's parts were
// looked for: "; it opens with "..." (line 1) and ends with "..." (line 9)".
std::string recogniser::ends_of_text() const {
    auto quote = [](const block& b) {
        std::string text = excerpt(b.lines[0].text);
        if (b.lines.size() > 1 && !text.ends_with("…")) text += "…";
        return "\"" + text + "\" (line " + std::to_string(b.lines[0].begin.line) + ")";
    };
    const block* first = nullptr;
    const block* last = nullptr;
    for (const block& b : blocks_) {
        if (!b.textual() || b.lines.empty()) continue;
        if (!first) first = &b;
        last = &b;
    }
    if (!first) return {};
    std::string out = "; it opens with " + quote(*first);
    if (last != first) out += " and ends with " + quote(*last);
    return out;
}

// "FOR IMMEDIATE RELEASE" under the headline (the IMF's layout) says when
// to publish, as an embargo line does: it joins the header's embargo, and
// starts no second release.
void recogniser::find_release_instruction() {
    if (f_.headline_block == findings::npos || f_.next >= f_.last) return;
    const block& b = blocks_[f_.next];
    if (b.kind != block_kind::paragraph || b.lines.size() != 1 || fold(b.lines[0].text, 40) != "FOR IMMEDIATE RELEASE")
        return;
    if (std::any_of(f_.parts.begin(), f_.parts.end(),
                    [](const findings::header_part& p) { return p.what == role::embargo; }))
        return;
    f_.parts.push_back({role::embargo, f_.next, 0, 1});
    ++f_.next;
}

void recogniser::find_second_release() {
    // A second national header or genre label after the headline starts
    // another release, with the issuer lines set above its label: the first
    // release ends there, so that its own dateline closes it.
    for (std::size_t i = f_.next; i < f_.last; ++i) {
        const block& b = blocks_[i];
        if (!b.textual()) continue;
        const line& l = b.lines[0];
        if (b.lines.size() > 3 || !(is_state_line(l.text) || (b.lines.size() == 1 && genre_of(l.text)))) continue;
        std::size_t start = i;
        while (start > f_.next + 1 && start + 3 > i) {
            const block& above = blocks_[start - 1];
            bool letterhead = above.textual() && above.lines.size() <= 3 && !whole_dateline(above) &&
                              (is_state_line(above.lines[0].text) || has_organisation_word(above.joined()) ||
                               is_house_issuer_line(above.lines[0].text));
            if (!letterhead) break;
            --start;
        }
        const line& first = blocks_[start].lines[0];
        report(severity::error, rule::several_releases,
               "a second release starts here; put each release in its own file", {first.begin, first.end});
        f_.second_from = start;
        f_.second_to = f_.last;
        f_.last = start;
        return;
    }
}

read_result recogniser::read() {
    diags_ = doc_.diagnostics;
    skip_page_remnants();
    skip_trailing_remnants();
    find_header();
    find_headline();
    find_release_instruction();
    find_second_release();
    find_closing();
    // An issuer named only where it signs off is the release's issuer.
    if (f_.signoff_block != findings::npos &&
        std::none_of(f_.parts.begin(), f_.parts.end(),
                     [](const findings::header_part& p) { return p.what == role::organisation; })) {
        // Line by line: a department over its ministry is the unit.
        const block& b = blocks_[f_.signoff_block];
        bool named = false;
        for (std::size_t k = 0; k < f_.signoff_to; ++k)
            named = named || !has_unit_word(b.lines[k].text) || has_organisation_word(b.lines[k].text);
        for (std::size_t k = 0; k < f_.signoff_to; ++k) {
            const std::string& t = b.lines[k].text;
            bool unit = named && has_unit_word(t) && !has_organisation_word(t);
            if (!unit && !f_.parts.empty() && f_.parts.back().what == role::organisation &&
                f_.parts.back().block == f_.signoff_block)
                f_.parts.back().to = k + 1;  // a name over two lines
            else
                f_.parts.push_back({unit ? role::unit : role::organisation, f_.signoff_block, k, k + 1, false});
        }
        f_.signoff_block = findings::npos;
    }
    // ... or where it signs off after the end mark ("***" / "Monetary
    // Authority of Singapore").
    if (std::none_of(f_.parts.begin(), f_.parts.end(),
                     [](const findings::header_part& p) { return p.what == role::organisation; })) {
        for (auto it = f_.closing.begin(); it != f_.closing.end(); ++it) {
            const block& b = blocks_[*it];
            if (b.kind == block_kind::paragraph && b.lines.size() == 1 && count_words(b.lines[0].text, 9) <= 8 &&
                (has_organisation_word(b.lines[0].text) || is_house_issuer_line(b.lines[0].text)) &&
                end_mark_text(b).empty() && !is_closing_lead(b.lines[0].text)) {
                f_.parts.push_back({role::organisation, *it, 0, 1, false});
                f_.closing.erase(it);
                break;
            }
        }
    }
    for (std::size_t i = f_.second_from; i < f_.second_to; ++i) {
        const block& b = blocks_[i];
        if (b.kind == block_kind::table || (b.textual() && !b.lines.empty()))
            f_.closing.push_back(i);
        else if (b.kind != block_kind::thematic_break && b.kind != block_kind::page_break)
            report(severity::note, rule::page_remnant,
                   "this part of the second release (a list, quote or image) is left out of the first", b.where);
    }
    find_page_metadata();
    find_run_in_dateline();
    use_front_matter_date();
    // Still read, so that --accept-invalid shows what the page holds.
    if (is_listing())
        report(severity::error, rule::not_a_release,
               "this is a list of releases (a web page's index: titles that are links), not a release; "
               "convert each release's own page",
               {{1, 1}, {1, 1}});
    if (!f_.dateline && !f_.meta_date && f_.parts.empty()) {
        // Not a release: what was said of a second one does not apply.
        std::erase_if(diags_, [](const diagnostic& d) { return d.rule == rule_id(rule::several_releases); });
        report(severity::error, rule::not_a_release,
               "this is not a press release: no national header, issuer, genre label or dateline was found" +
                   ends_of_text(),
               {{1, 1}, {1, 1}});
        return {nullptr, std::move(diags_)};
    }
    build();
    return {std::move(tree_), std::move(diags_)};
}

// ---- the tree builder
// --------------------------------------------------------

void recogniser::build() {
    tree_ = std::make_unique<release_tree>();
    xmlNodePtr root = tree_->root();
    tree_->set_span(root, {{1, 1}, doc_.end});
    // The release's language is that of its blocks' text, each block's
    // counted apart so that a paragraph of the body need not be counted again.
    language_counts all;
    block_texts_.reserve(blocks_.size());
    for (const block& b : blocks_) {
        std::string text = b.joined();
        const language_counts counts = count_language(text);
        all += counts;
        block_texts_.push_back({std::move(text), counts});
    }
    std::string lang = decide_language(all, opts_.default_language);
    tree_->set_attribute(root, "version", format_version);
    tree_->set_attribute(root, "xml:lang", lang);
    tree_->set_attribute(root, "kind", f_.kind ? *f_.kind : "other");

    build_header();
    build_headline();

    xmlNodePtr body = tree_->add(root, "body",
                                 f_.body_from < f_.body_to
                                     ? source_span{blocks_[f_.body_from].where.begin, blocks_[f_.body_to - 1].where.end}
                                     : source_span{doc_.end, doc_.end});
    // The run-in dateline is dropped from its paragraph's text, below the
    // highlights when they come first.
    std::size_t run_in_at = f_.run_in && f_.run_in_block != findings::npos ? f_.run_in_block : f_.body_from;
    add_blocks(body, blocks_, f_.body_from, run_in_at);
    if (f_.run_in) skip_ = f_.dateline->end;
    if (f_.wire_place) skip_ = f_.wire_place->body;
    add_blocks(body, blocks_, run_in_at, f_.body_to);
    skip_ = 0;

    if (f_.dateline && f_.dateline_place_line) {
        // "VIENTIANE" / "14 March 2024": one dateline, the line end a space.
        const line& place = *f_.dateline_place_line;
        const line& date = *f_.dateline_line;
        const dateline_match& m = *f_.dateline;
        xmlNodePtr d = tree_->add(tree_->root(), "dateline", {place.begin, past(date.begin, date.text)});
        tree_->set_attribute(d, "position", f_.dateline_position);
        xmlNodePtr p = tree_->add(d, "place", {place.begin, place.end});
        tree_->add_text(p, place.text);
        tree_->add_text(d, " ");
        // What the date line prints before its date ("ရက်စွဲ၊ ", a Hijri date).
        tree_->add_text(d, std::string_view(date.text).substr(0, m.date.begin));
        xmlNodePtr when = tree_->add(d, "date",
                                     {past(date.begin, std::string_view(date.text).substr(0, m.date.begin)),
                                      past(date.begin, std::string_view(date.text).substr(0, m.date.end))});
        tree_->set_attribute(when, "when", m.date.iso());
        tree_->add_text(when, std::string_view(date.text).substr(m.date.begin, m.date.end - m.date.begin));
        tree_->add_text(d, std::string_view(date.text).substr(m.date.end));
    } else if (f_.dateline && f_.wire_place) {
        build_wire_dateline();
    } else if (f_.dateline) {
        add_dateline(*f_.dateline_line, *f_.dateline, f_.dateline_position);
    } else if (f_.meta_date) {
        build_front_matter_dateline();
    }
    build_closing();
    mark_languages(body, lang);
    if (opts_.indent) tree_->indent();
}

// The wire's run-in place and credit, then the date and time printed above
// the headline: "<place>SINGAPORE</place>--(BUSINESS WIRE) <date>June 4,
// 2024</date> 08:00 AM Singapore Standard Time".
void recogniser::build_wire_dateline() {
    const line& run = *f_.wire_place_line;
    const line& top = *f_.dateline_line;
    const wire_credit& w = *f_.wire_place;
    const date_match& m = f_.dateline->date;
    std::string_view r = run.text, t = top.text;
    xmlNodePtr d = tree_->add(tree_->root(), "dateline", {run.begin, past(run.begin, r.substr(0, w.text_end))});
    tree_->set_attribute(d, "position", "run-in");
    xmlNodePtr place = tree_->add(d, "place", {run.begin, past(run.begin, r.substr(0, w.place_end))});
    tree_->add_text(place, r.substr(0, w.place_end));
    tree_->add_text(d, r.substr(w.place_end, w.text_end - w.place_end));
    tree_->add_text(d, " ");
    tree_->add_text(d, t.substr(0, m.begin));
    xmlNodePtr date =
        tree_->add(d, "date", {past(top.begin, t.substr(0, m.begin)), past(top.begin, t.substr(0, m.end))});
    tree_->set_attribute(date, "when", m.iso());
    tree_->add_text(date, t.substr(m.begin, m.end - m.begin));
    tree_->add_text(d, t.substr(m.end));
}

// The dateline made of the front matter's date, with the place from the
// release's last line or the front matter's, as printed there.
void recogniser::build_front_matter_dateline() {
    const front_matter& meta = doc_.meta;
    const date_match& m = *f_.meta_date;
    std::string_view date_text = std::string_view(meta.date->text).substr(m.begin, m.end - m.begin);
    source_span date_at = {past(meta.date->where.begin, std::string_view(meta.date->text).substr(0, m.begin)),
                           past(meta.date->where.begin, std::string_view(meta.date->text).substr(0, m.end))};
    const line* l = f_.meta_place_line;
    std::optional<source_span> place_at;
    std::string_view place;
    if (l) {
        place = l->text;
        while (!place.empty() && (place.back() == ',' || place.back() == ' ')) place.remove_suffix(1);
        place_at = source_span{l->begin, past(l->begin, place)};
    } else if (meta.place) {
        place = meta.place->text;
        place_at = meta.place->where;
    }
    xmlNodePtr d =
        tree_->add(tree_->root(), "dateline", place_at && l ? source_span{place_at->begin, l->end} : date_at);
    tree_->set_attribute(d, "position", l ? "end" : "top");
    if (place_at) {
        xmlNodePtr p = tree_->add(d, "place", *place_at);
        tree_->add_text(p, place);
        tree_->add_text(d, ", ");
    }
    xmlNodePtr when = tree_->add(d, "date", date_at);
    tree_->set_attribute(when, "when", m.iso());
    tree_->add_text(when, date_text);
}

void recogniser::build_header() {
    const auto& parts = f_.parts;
    // The genre label in front of the headline: its text and where it stands.
    std::optional<source_span> prefix;
    std::string_view prefix_text;
    if (f_.prefix && f_.headline_block != findings::npos) {
        const line& l = blocks_[f_.headline_block].lines[f_.headline_from];
        prefix_text = std::string_view(l.text).substr(0, f_.prefix->label);
        prefix = source_span{l.begin, past(l.begin, prefix_text)};
    }
    if (parts.empty() && !prefix) return;
    // From the first part to the last, in the draft's order: a part may come
    // from below the headline (a sign-off) while the prefix stands above.
    auto before = [](source_position a, source_position b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    };
    std::optional<source_span> where = prefix;
    for (const findings::header_part& p : parts) {
        const block& b = blocks_[p.block];
        source_span s{p.from == 0 ? b.where.begin : b.lines[p.from].begin, b.lines[p.to - 1].end};
        if (!where) where = s;
        if (before(s.begin, where->begin)) where->begin = s.begin;
        if (before(where->end, s.end)) where->end = s.end;
    }
    xmlNodePtr header = tree_->add(tree_->root(), "header", *where);
    // Header parts are written in the schema's order, whatever order the draft
    // used.
    static constexpr std::pair<role, const char*> order[] = {
        {role::state, "state"}, {role::motto, "motto"},      {role::organisation, "organisation"},
        {role::unit, "unit"},   {role::lunar, "lunar-date"}, {role::reference, "reference"},
        {role::genre, "genre"}, {role::embargo, "embargo"}};
    xmlNodePtr issuer = nullptr;
    // "PRESS RELEASE NO. 24/331": the number is the reference, unless the
    // header has one of its own.
    const bool numbered =
        f_.numbered_genre && !f_.genre_page_date &&
        std::none_of(parts.begin(), parts.end(),
                     [](const findings::header_part& p) { return p.what == role::reference; });
    for (auto [r, name] : order) {
        if (r == role::genre && numbered) {  // the reference's turn has come: write it first
            const line& l = *f_.numbered_genre;
            std::size_t from = f_.genre_label_end;
            while (from < l.text.size() && (l.text[from] == ' ' || l.text[from] == ',')) ++from;
            std::string_view number = std::string_view(l.text).substr(from);
            std::string_view before = std::string_view(l.text).substr(0, from);
            xmlNodePtr ref = tree_->add(header, "reference", {past(l.begin, before), l.end});
            tree_->add_text(ref, number);
        }
        xmlNodePtr previous = nullptr;  // the element of this role made last
        for (const findings::header_part& p : parts) {
            if (p.what != r) continue;
            if (p.continues && previous) {
                const block& b = blocks_[p.block];
                tree_->add(previous, "br", {b.lines[p.from].begin, b.lines[p.from].begin});
                add_plain_lines(previous, b, p.from, p.to);
                static_cast<source_span*>(previous->_private)->end = b.lines[p.to - 1].end;
                if (issuer && previous->parent == issuer)
                    static_cast<source_span*>(issuer->_private)->end = b.lines[p.to - 1].end;
                continue;
            }
            if ((r == role::state || r == role::motto || r == role::lunar || r == role::reference ||
                 r == role::genre || r == role::embargo) &&
                child(header, name))
                continue;  // the schema keeps one of each
            const block& b = blocks_[p.block];
            xmlNodePtr parent = header;
            // A part that starts its paragraph starts where the paragraph does,
            // emphasis markers included.
            const line& first = b.lines[p.from];
            source_position part_begin = p.skip > 0    ? past(first.begin, first.text.substr(0, p.skip))
                                         : p.from == 0 ? b.where.begin
                                                       : first.begin;
            if (r == role::genre && (numbered || f_.genre_page_date) && &b.lines[p.from] == f_.numbered_genre) {
                // The label alone; its number went to the reference, its page date was left out.
                const line& l = *f_.numbered_genre;
                std::string_view label = std::string_view(l.text).substr(0, f_.genre_label_end);
                xmlNodePtr e = tree_->add(header, name, {part_begin, past(l.begin, label)});
                tree_->add_text(e, label);
                previous = e;
                continue;
            }
            const char* element = name;
            if (r == role::organisation || r == role::unit) {
                if (!issuer) {
                    // A unit that names no organisation above it ("Press and
                    // information team of the Delegation") is the issuer itself.
                    if (r == role::unit) element = "organisation";
                    issuer = tree_->add(header, "issuer", {part_begin, b.lines[p.to - 1].end});
                }
                parent = issuer;
            }
            xmlNodePtr e = tree_->add(parent, element, {part_begin, b.lines[p.to - 1].end});
            if (r == role::embargo)
                if (std::string when = embargo_when(b.lines[p.from].text, opts_.numeric_dates); !when.empty())
                    tree_->set_attribute(e, "when", when);
            add_plain_lines(e, b, p.from, p.to, p.skip);
            previous = e;
        }
        if (issuer && r == role::unit) {
            if (xmlNodePtr last_child = xmlGetLastChild(issuer); last_child && last_child->_private)
                static_cast<source_span*>(issuer->_private)->end = static_cast<source_span*>(last_child->_private)->end;
        }
    }
    if (prefix && !child(header, "genre")) {
        xmlNodePtr genre = tree_->add(header, "genre", *prefix);
        tree_->add_text(genre, prefix_text);
        if (xmlNodePtr embargo = child(header, "embargo")) {  // the schema's order: the genre first
            xmlUnlinkNode(genre);
            xmlAddPrevSibling(embargo, genre);
        }
    }
}

void recogniser::build_headline() {
    xmlNodePtr root = tree_->root();
    if (f_.title_headline) {
        xmlNodePtr headline = tree_->add(root, "headline", doc_.meta.title->where);
        tree_->add_text(headline, doc_.meta.title->text);
        return;
    }
    if (f_.headline_block != findings::npos) {
        const block& h = blocks_[f_.headline_block];
        const line& first = h.lines[f_.headline_from];
        // A genre label in front of the headline is the header's, not the headline's.
        std::size_t cut = f_.prefix ? f_.prefix->headline : 0;
        xmlNodePtr headline = tree_->add(
            root, "headline",
            {past(first.begin, std::string_view(first.text).substr(0, cut)), h.lines[f_.headline_to - 1].end});
        // A headline set in bold throughout (as Word users set it) is a
        // headline, not a strong one.
        std::vector<std::uint32_t> dropped;
        if (std::all_of(h.lines.begin() + static_cast<long>(f_.headline_from),
                        h.lines.begin() + static_cast<long>(f_.headline_to), [](const line& l) { return l.bold; }))
            dropped = outer_marks(h, mark_kind::strong);
        skip_ = cut;
        add_lines(headline, h, f_.headline_from, f_.headline_to, dropped);
        skip_ = 0;
    }
    if (const line* l = f_.sub_line) {
        const block& h = blocks_[f_.headline_block];
        xmlNodePtr sub = tree_->add(root, "subheadline", {l->begin, l->end});
        // The italics are what make it a subheadline; its text is the content.
        std::vector<std::uint32_t> dropped;
        if (auto m = single_outer_mark(h, l->first_run, l->end_run); m && h.marks[*m].kind == mark_kind::emphasis)
            dropped.push_back(*m);
        add_runs(sub, h, l->first_run, l->end_run, dropped);
        flush(sub);
    }
    if (f_.sub_block != findings::npos) {
        const block& s = blocks_[f_.sub_block];
        xmlNodePtr sub = tree_->add(root, "subheadline", s.where);
        std::vector<std::uint32_t> dropped;
        if (s.kind == block_kind::paragraph)
            if (auto m = single_outer_mark(s, 0, s.runs.size())) dropped.push_back(*m);
        add_runs(sub, s, 0, s.runs.size(), dropped);
        flush(sub);
    }
}

void recogniser::build_closing() {
    // The closing blocks, and the issuer's sign-off over the dateline in
    // its place among them (lines of a block that also holds the dateline).
    std::vector<std::size_t> order = f_.closing;
    const bool signoff = f_.signoff_block != findings::npos;
    if (signoff) order.insert(std::upper_bound(order.begin(), order.end(), f_.signoff_block), f_.signoff_block);
    if (order.empty()) return;
    xmlNodePtr c = tree_->add(tree_->root(), "closing",
                              {blocks_[order.front()].where.begin, blocks_[order.back()].where.end});
    for (std::size_t i : order) {
        const block& b = blocks_[i];
        if (std::string mark = end_mark_text(b); !mark.empty()) {
            xmlNodePtr m = tree_->add(c, "end-mark", b.where);
            tree_->add_text(m, mark);
        } else if (b.kind == block_kind::table) {
            // The closing holds lines: a table of contacts is set a row a line, its cells apart.
            xmlNodePtr p = tree_->add(c, "p", b.where);
            for (std::size_t r = 0; r < b.children.size(); ++r) {
                const block& row = b.children[r];
                if (r > 0) {
                    flush(p);
                    tree_->add(p, "br", row.where);
                }
                for (std::size_t k = 0; k < row.children.size(); ++k) {
                    if (k > 0) append_text(" | ", row.children[k].where.begin);
                    for (const block& t : row.children[k].children)
                        if (t.textual()) add_runs(p, t, 0, t.runs.size());
                }
            }
            flush(p);
        } else {
            // Contact blocks and sign-offs are set line by line.
            const std::size_t to = signoff && i == f_.signoff_block ? f_.signoff_to : b.lines.size();
            xmlNodePtr p = tree_->add(c, "p", {b.where.begin, b.lines[to - 1].end});
            softbreak_as_br_ = true;
            add_lines(p, b, 0, to);
            softbreak_as_br_ = false;
        }
    }
}

void recogniser::mark_languages(xmlNodePtr body, const std::string& lang) {
    // Paragraphs in another language than the release's are marked.
    std::size_t next = 0;  // in paragraph_blocks_, which lists the body's paragraphs in order
    for (xmlNodePtr p = first_element(body); p; p = next_element(p)) {
        if (!is(p, "p")) continue;
        const counted_text* block_text = nullptr;
        if (next < paragraph_blocks_.size() && paragraph_blocks_[next].first == p)
            block_text = &block_texts_[paragraph_blocks_[next++].second];
        std::string text = text_content(p);
        if (count_words(text, 4) < 4) continue;
        // The block's counts are the paragraph's when it has the block's text
        // (a run-in dateline taken out of it, it has not).
        std::string own = decide_language(
            block_text && block_text->text == text ? block_text->counts : count_language(text), lang);
        if (own != lang) tree_->set_attribute(p, "xml:lang", own);
    }
}

// ---- inline content
// -----------------------------------------------------------

void recogniser::append_text(std::string_view text, source_position pos) {
    if (skip_ > 0) {
        std::size_t drop = std::min(skip_, text.size());
        skip_ -= drop;
        pos = past(pos, text.substr(0, drop));
        text.remove_prefix(drop);
        if (skip_ == 0) {  // the run-in separator's spaces go with the dateline
            std::size_t spaces = text.find_first_not_of(' ');
            if (spaces == std::string_view::npos) spaces = text.size();
            pos = past(pos, text.substr(0, spaces));
            text.remove_prefix(spaces);
        }
        if (text.empty()) return;
    }
    pieces_.push_back({run_.size(), pos});
    run_ += text;
}

source_position recogniser::run_position(std::size_t offset) const {
    auto it = std::upper_bound(pieces_.begin(), pieces_.end(), offset,
                               [](std::size_t o, const piece& p) { return o < p.offset; });
    if (it == pieces_.begin()) return {};
    --it;
    piece from = *it;
    if (last_position_ && last_position_->offset >= it->offset && last_position_->offset <= offset &&
        (std::next(it) == pieces_.end() || last_position_->offset < std::next(it)->offset))
        from = *last_position_;
    last_position_ = piece{offset, past(from.pos, std::string_view(run_).substr(from.offset, offset - from.offset))};
    return last_position_->pos;
}

void recogniser::flush(xmlNodePtr parent) {
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

bool recogniser::add_person(xmlNodePtr parent, const block& b, std::uint32_t mark, std::size_t from, std::size_t to) {
    // Only plain text, perhaps over two lines, names a person.
    std::string text;
    for (std::size_t i = from; i < to; ++i) {
        const run& r = b.runs[i];
        if (r.marks.back() != mark) return false;
        if (r.kind == run_kind::text)
            text += r.text;
        else if (r.kind == run_kind::soft_break)
            text += ' ';
        else
            return false;
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
    source_position p = b.runs[from].where.begin;
    xmlNodePtr person = tree_->add(parent, "person", b.marks[mark].where);
    xmlNodePtr hon = tree_->add(person, "honorific", {p, past(p, text.substr(0, h))});
    tree_->add_text(hon, std::string_view(text).substr(0, h));
    tree_->add_text(person, rest.substr(0, gap));
    p = past(p, std::string_view(text).substr(0, h + gap));
    bool office = who.starts_with("the ") || who.starts_with("The ");
    xmlNodePtr name = tree_->add(person, office ? "role" : "name", {p, past(p, who)});
    tree_->add_text(name, who);
    return true;
}

void recogniser::add_runs(xmlNodePtr parent, const block& b, std::size_t from, std::size_t to,
                          const std::vector<std::uint32_t>& dropped) {
    // The elements open now, one per mark, outermost first. A mark with no
    // element of its own (underline: the release has no such element) keeps
    // its parent's.
    struct open_mark {
        std::uint32_t mark;
        xmlNodePtr element;
        bool own;
    };
    std::vector<open_mark> open;
    auto current = [&] { return open.empty() ? parent : open.back().element; };
    auto close_to = [&](std::size_t depth) {
        while (open.size() > depth) {
            open_mark m = open.back();
            open.pop_back();
            if (!m.own) continue;
            flush(m.element);
            if (!m.element->children) {  // all of it was a run-in dateline
                xmlUnlinkNode(m.element);
                xmlFreeNode(m.element);
            } else if (b.marks[m.mark].kind == mark_kind::link) {
                tree_->set_attribute(m.element, "href", b.marks[m.mark].target);
            }
        }
    };
    std::vector<std::uint32_t> marks;
    for (std::size_t i = from; i < to; ++i) {
        const run& r = b.runs[i];
        marks.clear();
        for (std::uint32_t m : r.marks)
            if (std::find(dropped.begin(), dropped.end(), m) == dropped.end()) marks.push_back(m);
        std::size_t same = 0;
        while (same < open.size() && same < marks.size() && open[same].mark == marks[same]) ++same;
        close_to(same);
        bool person = false;
        for (std::size_t k = same; k < marks.size() && !person; ++k) {
            const mark& m = b.marks[marks[k]];
            if (m.kind == mark_kind::underline) {
                open.push_back({marks[k], current(), false});
                continue;
            }
            if (m.kind == mark_kind::strong && skip_ == 0) {
                flush(current());
                std::size_t end = i;
                while (end < to && std::find(b.runs[end].marks.begin(), b.runs[end].marks.end(), marks[k]) !=
                                       b.runs[end].marks.end())
                    ++end;
                if (add_person(current(), b, marks[k], i, end)) {
                    i = end - 1;
                    person = true;
                    break;
                }
            }
            flush(current());
            const char* name = m.kind == mark_kind::strong ? "strong" : m.kind == mark_kind::emphasis ? "em" : "link";
            open.push_back({marks[k], tree_->add(current(), name, m.where), true});
        }
        if (person) continue;
        switch (r.kind) {
            case run_kind::text: append_text(r.text, r.where.begin); break;
            case run_kind::soft_break:
                if (!softbreak_as_br_) {
                    if (!run_.empty() || skip_ == 0) append_text(" ", run_position(run_.size()));
                    break;
                }
                [[fallthrough]];
            case run_kind::hard_break:
                flush(current());
                tree_->add(current(), "br", r.where);
                break;
        }
    }
    close_to(0);
}

// ---- blocks
// -------------------------------------------------------------------

void recogniser::add_lines(xmlNodePtr parent, const block& b, std::size_t from, std::size_t to,
                           const std::vector<std::uint32_t>& dropped) {
    if (from == 0 && to == b.lines.size()) {
        add_runs(parent, b, 0, b.runs.size(), dropped);
        flush(parent);
        return;
    }
    // Part of a paragraph: cut at its line breaks.
    for (std::size_t i = from; i < to; ++i) {
        if (i > from) append_text(" ", b.lines[i].begin);
        add_runs(parent, b, b.lines[i].first_run, b.lines[i].end_run, dropped);
        while (!run_.empty() && run_.back() == ' ') run_.pop_back();
    }
    flush(parent);
}

void recogniser::add_plain_lines(xmlNodePtr parent, const block& b, std::size_t from, std::size_t to,
                                 std::size_t skip) {
    for (std::size_t i = from; i < to; ++i) {
        if (i > from) tree_->add(parent, "br", {b.lines[i].begin, b.lines[i].begin});
        tree_->add_text(parent, std::string_view(b.lines[i].text).substr(i == from ? skip : 0));
    }
}

void recogniser::add_dateline(const line& l, const dateline_match& m, const char* position) {
    std::string_view t = l.text;
    auto pos = [&](std::size_t offset) { return past(l.begin, t.substr(0, offset)); };
    // The dateline ends at its date, plus closing brackets or a full stop;
    // a run-in separator is not part of it.
    std::size_t end = m.date.end;
    while (end < t.size() && end < m.end && (t[end] == ')' || t[end] == '.' || t[end] == ']')) ++end;
    if (m.text_end > end) end = m.text_end;
    xmlNodePtr d = tree_->add(tree_->root(), "dateline", {l.begin, pos(end)});
    tree_->set_attribute(d, "position", position);
    if (m.place_begin >= m.date.end && m.place_end > m.place_begin) {  // "2024年4月12日于金边"
        tree_->add_text(d, t.substr(0, m.date.begin));
        xmlNodePtr date = tree_->add(d, "date", {pos(m.date.begin), pos(m.date.end)});
        tree_->set_attribute(date, "when", m.date.iso());
        tree_->add_text(date, t.substr(m.date.begin, m.date.end - m.date.begin));
        tree_->add_text(d, t.substr(m.date.end, m.place_begin - m.date.end));
        xmlNodePtr place = tree_->add(d, "place", {pos(m.place_begin), pos(m.place_end)});
        tree_->add_text(place, t.substr(m.place_begin, m.place_end - m.place_begin));
        tree_->add_text(d, t.substr(m.place_end, end - m.place_end));
        return;
    }
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

// An item's content: its paragraphs one after another, a line break between
// them, and its nested lists.
void recogniser::add_item_content(xmlNodePtr item, const block& b) {
    bool first = true;
    for (const block& c : b.children) {
        if (c.kind == block_kind::list) {
            flush(item);
            add_list(item, c);
            continue;
        }
        if (!first) {
            flush(item);
            tree_->add(item, "br", c.where);
        }
        first = false;
        // Anything else in an item (a quote, a table) is read as its text.
        std::vector<const block*> todo{&c};
        while (!todo.empty()) {
            const block* t = todo.back();
            todo.pop_back();
            add_runs(item, *t, 0, t->runs.size());
            for (auto it = t->children.rbegin(); it != t->children.rend(); ++it) todo.push_back(&*it);
        }
        flush(item);
    }
}

void recogniser::add_list(xmlNodePtr parent, const block& list) {
    xmlNodePtr l = tree_->add(parent, "list", list.where);
    tree_->set_attribute(l, "type", list.ordered ? "ordered" : "unordered");
    tree_->set_attribute(l, "marker", list.marker);
    for (const block& item : list.children) {
        xmlNodePtr it = tree_->add(l, "item", item.where);
        add_item_content(it, item);
    }
}

std::size_t recogniser::add_pseudo_list(xmlNodePtr parent, const std::vector<block>& blocks, std::size_t at,
                                        std::size_t to) {
    auto first = find_pseudo_marker(blocks[at].lines[0].text);
    // The families the items so far agree on: "A. B. C." is letters, "I. II.
    // III." numerals.
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
        if (b.kind != block_kind::paragraph || b.lines.empty()) break;
        if (!belongs(find_pseudo_marker(b.lines[0].text))) break;
        xmlNodePtr item = nullptr;
        for (const line& l : b.lines) {
            auto lm = find_pseudo_marker(l.text);
            if (!item || belongs(lm)) {
                if (item) flush(item);
                item = tree_->add(list, "item", {l.begin, l.end});
                skip_ = lm->length;
            } else {
                append_text(" ", l.begin);
            }
            add_runs(item, b, l.first_run, l.end_run);
            while (!run_.empty() && run_.back() == ' ') run_.pop_back();
        }
        flush(item);
        xmlNodePtr last = xmlGetLastChild(list);
        if (last && last->_private) static_cast<source_span*>(last->_private)->end = b.where.end;
        static_cast<source_span*>(list->_private)->end = b.where.end;
    }
    return i;
}

// A table as rows of cells; a cell holds inline content only, so what its
// blocks are (paragraphs, a list) is read as their text, a line break
// between them. Rows without cells and a table without rows carry nothing.
void recogniser::add_table(xmlNodePtr parent, const block& table) {
    xmlNodePtr t = nullptr;
    for (const block& row : table.children) {
        if (row.kind != block_kind::table_row || row.children.empty()) continue;
        if (!t) t = tree_->add(parent, "table", table.where);
        xmlNodePtr r = tree_->add(t, "row", row.where);
        if (row.header) tree_->set_attribute(r, "header", "true");
        for (const block& cell : row.children) {
            xmlNodePtr c = tree_->add(r, "cell", cell.where);
            // A Word cell is aligned by its paragraphs: all set to the right, it is.
            alignment align = cell.align;
            if (align == alignment::unspecified && !cell.children.empty() &&
                std::all_of(cell.children.begin(), cell.children.end(),
                            [](const block& c) { return c.align == alignment::right; }))
                align = alignment::right;
            if (align == alignment::right || align == alignment::centre)
                tree_->set_attribute(c, "align", align == alignment::right ? "right" : "centre");
            bool first = true;
            std::vector<const block*> todo;
            for (auto it = cell.children.rbegin(); it != cell.children.rend(); ++it) todo.push_back(&*it);
            while (!todo.empty()) {
                const block* t = todo.back();
                todo.pop_back();
                if (!t->runs.empty()) {
                    if (!first) {
                        flush(c);
                        tree_->add(c, "br", t->where);
                    }
                    first = false;
                    // The bold of a heading row is what makes it one, not a part of its text.
                    add_runs(c, *t, 0, t->runs.size(),
                             row.header && t->bold() ? outer_marks(*t, mark_kind::strong)
                                                     : std::vector<std::uint32_t>{});
                }
                for (auto it = t->children.rbegin(); it != t->children.rend(); ++it) todo.push_back(&*it);
            }
            flush(c);
        }
    }
}

// An image set on its own: its address when the draft gives one, its
// alternative text and caption. One with none of them carries nothing.
void recogniser::add_figure(xmlNodePtr parent, const block& image) {
    if (image.src.empty() && image.alt.empty() && image.caption.empty()) return;
    xmlNodePtr f = tree_->add(parent, "figure", image.where);
    if (!image.src.empty()) tree_->set_attribute(f, "src", image.src);
    if (!image.alt.empty()) tree_->set_attribute(f, "alt", image.alt);
    if (!image.caption.empty()) tree_->add_text(tree_->add(f, "caption", image.where), image.caption);
}

void recogniser::add_blocks(xmlNodePtr parent, const std::vector<block>& blocks, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to;) {
        const block& b = blocks[i];
        switch (b.kind) {
            case block_kind::paragraph: {
                if (b.lines.empty()) break;
                auto m = find_pseudo_marker(b.lines[0].text);
                auto same_list = [&](std::string_view text) {
                    auto other = find_pseudo_marker(text);
                    return other && other->fits(m->families());
                };
                bool listy = m && (std::count_if(b.lines.begin(), b.lines.end(),
                                                 [&](const line& l) { return same_list(l.text); }) >= 2 ||
                                   (i + 1 < to && blocks[i + 1].textual() && !blocks[i + 1].lines.empty() &&
                                    same_list(blocks[i + 1].lines[0].text)));
                if (listy) {
                    i = add_pseudo_list(parent, blocks, i, to);
                    continue;
                }
                bool subheading = b.bold() && b.lines.size() == 1 && count_words(b.lines[0].text, 13) <= 12;
                xmlNodePtr p = tree_->add(parent, subheading ? "subheading" : "p", b.where);
                if (&blocks == &blocks_ && !subheading) paragraph_blocks_.emplace_back(p, i);
                // The bold is what makes it a subheading; its text is the content.
                add_runs(p, b, 0, b.runs.size(),
                         subheading ? outer_marks(b, mark_kind::strong) : std::vector<std::uint32_t>{});
                flush(p);
                break;
            }
            case block_kind::heading: {
                xmlNodePtr h = tree_->add(parent, "subheading", b.where);
                add_runs(h, b, 0, b.runs.size());
                flush(h);
                break;
            }
            case block_kind::list: add_list(parent, b); break;
            case block_kind::quote: {
                xmlNodePtr q = tree_->add(parent, "quote", b.where);
                add_blocks(q, b.children, 0, b.children.size());
                if (!first_element(q)) {  // "> " with nothing in it
                    xmlUnlinkNode(q);
                    xmlFreeNode(q);
                }
                break;
            }
            case block_kind::preformatted: {
                xmlNodePtr p = tree_->add(parent, "p", b.where);
                for (const run& r : b.runs) {
                    if (r.kind == run_kind::text)
                        tree_->add_text(p, r.text);
                    else
                        tree_->add(p, "br");
                }
                break;
            }
            case block_kind::table: add_table(parent, b); break;
            case block_kind::image: add_figure(parent, b); break;
            default:
                break;  // a thematic break or a page break inside the body carries no text
        }
        ++i;
    }
}

}  // namespace

read_result recognise(const document& doc, const read_options& opts) {
    // A reader that refused the file (a damaged .docx, an XPath that
    // selects nothing) left its reasons and no blocks.
    if (doc.blocks.empty() && !doc.diagnostics.empty()) return {nullptr, doc.diagnostics};
    return recogniser(doc, opts).read();
}

read_result recognise(document&& doc, const read_options& opts) {
    if (doc.blocks.empty() && !doc.diagnostics.empty()) return {nullptr, doc.diagnostics};
    return recogniser(doc, opts, &doc.blocks).read();
}

}  // namespace communique::detail
