#include "read/document.hpp"

#include "core/unicode.hpp"

#include <algorithm>

namespace communique::detail {

namespace {

bool is_space_only(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

bool block::bold() const noexcept {
    return textual() && !lines.empty() && std::all_of(lines.begin(), lines.end(), [](const line& l) { return l.bold; });
}

bool block::emphasised() const noexcept {
    return textual() && !lines.empty() &&
           std::all_of(lines.begin(), lines.end(), [](const line& l) { return l.emphasised && !l.bold; });
}

std::string block::joined() const {
    std::string out;
    for (const line& l : lines) {
        if (!out.empty()) out += ' ';
        out += l.text;
    }
    return out;
}

bool has_mark(const block& b, const run& r, mark_kind kind) noexcept {
    return std::any_of(r.marks.begin(), r.marks.end(), [&](std::uint32_t m) { return b.marks[m].kind == kind; });
}

void finish_lines(block& b) {
    b.lines.clear();
    b.lines.emplace_back();
    bool has_runs = false;  // the current line has a run of its own (not only the
                            // break before it)
    for (std::size_t i = 0; i < b.runs.size(); ++i) {
        const run& r = b.runs[i];
        line& l = b.lines.back();
        if (r.kind != run_kind::text) {
            l.end_run = i;
            b.lines.emplace_back();
            b.lines.back().first_run = i + 1;
            b.lines.back().end_run = i + 1;
            has_runs = false;
            continue;
        }
        has_runs = true;
        l.end_run = i + 1;
        if (l.text.empty() && l.begin.line == 0) l.begin = r.where.begin;
        l.text += r.text;
        l.end = r.where.end;
        if (!is_space_only(r.text)) {
            l.bold = l.bold && has_mark(b, r, mark_kind::strong);
            l.emphasised = l.emphasised && has_mark(b, r, mark_kind::emphasis);
        }
    }
    // A break that ends the block opens no line.
    if (!has_runs && b.lines.size() > 1) b.lines.pop_back();
    for (line& l : b.lines) {
        // Lines without text still need a position for reporting.
        if (l.begin.line == 0) l.begin = l.end = b.where.begin;
        std::string_view t = trim(l.text);
        if (t.size() != l.text.size()) l.text = std::string(t);
    }
    if (b.lines.size() == 1 && b.lines[0].text.empty() && b.runs.empty()) b.lines.clear();
}

std::vector<block> plain_text_paragraphs(const block& preformatted) {
    std::vector<block> out;
    block current;
    auto finish = [&] {
        while (!current.runs.empty() && current.runs.back().kind != run_kind::text) current.runs.pop_back();
        if (current.runs.empty()) return;
        current.where = {current.runs.front().where.begin, current.runs.back().where.end};
        current.marks = preformatted.marks;
        finish_lines(current);
        if (!current.lines.empty()) out.push_back(std::move(current));
        current = block{};
    };
    bool blank = true;  // no text on the line so far
    for (const run& r : preformatted.runs) {
        if (r.kind == run_kind::text) {
            if (r.text.find_first_not_of(" \t") != std::string::npos) blank = false;
            current.runs.push_back(r);
            continue;
        }
        if (blank) {
            finish();  // a blank line: the paragraph ends
            continue;
        }
        blank = true;
        run soft = r;
        soft.kind = run_kind::soft_break;
        current.runs.push_back(std::move(soft));
    }
    finish();
    return out;
}

void run_builder::open(mark_kind kind, source_span where, std::string target) {
    block_.marks.push_back({kind, std::move(target), where});
    open_.push_back(static_cast<std::uint32_t>(block_.marks.size() - 1));
}

void run_builder::close() {
    if (!open_.empty()) open_.pop_back();
}

void run_builder::text(std::string_view text, source_span where) {
    if (text.empty()) return;
    run r;
    r.text = to_nfc(text);
    r.where = where;
    r.marks = open_;
    r.caps = current_.caps;
    r.size = current_.size;
    block_.runs.push_back(std::move(r));
}

void run_builder::line_break(run_kind kind, source_span where) {
    run r;
    r.kind = kind;
    r.where = where;
    r.marks = open_;
    block_.runs.push_back(std::move(r));
}

void run_builder::text(std::string_view piece, source_span where, const style& s) {
    if (piece.empty()) return;
    auto wanted = [&](const mark& m) {
        switch (m.kind) {
            case mark_kind::strong: return s.strong;
            case mark_kind::emphasis: return s.emphasis;
            case mark_kind::underline: return s.underline;
            case mark_kind::link: return !s.link.empty() && m.target == s.link;
        }
        return false;
    };
    // Keep the open marks the style still wants, up to the first it does
    // not: the marks inside that one close with it.
    std::size_t keep = 0;
    while (keep < open_.size() && wanted(block_.marks[open_[keep]])) ++keep;
    open_.resize(keep);
    auto is_open = [&](mark_kind k) {
        return std::any_of(open_.begin(), open_.end(), [&](std::uint32_t m) { return block_.marks[m].kind == k; });
    };
    if (s.strong && !is_open(mark_kind::strong)) open(mark_kind::strong, where);
    if (s.emphasis && !is_open(mark_kind::emphasis)) open(mark_kind::emphasis, where);
    if (s.underline && !is_open(mark_kind::underline)) open(mark_kind::underline, where);
    if (!s.link.empty() && !is_open(mark_kind::link)) open(mark_kind::link, where, s.link);
    for (std::uint32_t m : open_) block_.marks[m].where.end = where.end;
    current_ = s;
    text(piece, where);
}

}  // namespace communique::detail
