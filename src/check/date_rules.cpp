#include "check/rules.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

namespace communique::detail {

namespace {

struct ymd {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const ymd&) const = default;
};

std::optional<ymd> parse_iso(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    ymd d;
    auto num = [&](std::size_t at, std::size_t len, int& v) {
        auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + len, v);
        return ec == std::errc() && p == s.data() + at + len;
    };
    if (!num(0, 4, d.year) || !num(5, 2, d.month) || !num(8, 2, d.day)) return std::nullopt;
    return d;
}

bool is_real(const ymd& d) {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d.month < 1 || d.month > 12 || d.day < 1) return false;
    bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    int max = days[static_cast<std::size_t>(d.month - 1)] + (d.month == 2 && leap ? 1 : 0);
    return d.day <= max;
}

void each_date(xmlNodePtr node, auto&& fn) {
    for (xmlNodePtr c = node ? node->children : nullptr; c; c = c->next) {
        if (is(c, "date")) fn(c);
        else if (c->type == XML_ELEMENT_NODE) each_date(c, fn);
    }
}

// The block a date stands in (a paragraph, an item, a subheading): its
// nearest ancestor that is not inline markup.
xmlNodePtr block_of(xmlNodePtr date) {
    xmlNodePtr b = date->parent;
    while (b && b->parent && (is(b, "em") || is(b, "strong") || is(b, "link"))) b = b->parent;
    return b;
}

// A block's text and where each date's text is in it. Dates are looked at
// in document order, so the last block's text serves all its dates.
struct block_text {
    xmlNodePtr block = nullptr;
    std::string text;
    std::map<xmlNodePtr, std::pair<std::size_t, std::size_t>> dates;

    void read(xmlNodePtr node) {
        for (xmlNodePtr c = node->children; c; c = c->next) {
            std::size_t begin = text.size();
            if (c->type == XML_TEXT_NODE && c->content) text += reinterpret_cast<const char*>(c->content);
            else if (c->type == XML_ELEMENT_NODE) read(c);
            if (is(c, "date")) dates[c] = {begin, text.size()};
        }
    }
};

// Up to eight words of the date's sentence on either side of it, in small
// letters: the words that say whether what happens on that day is told as
// done or to come. Only the text near the date is looked at, so that a
// paragraph of many dates costs its length.
std::vector<std::string> words_around(xmlNodePtr date, block_text& cache) {
    if (xmlNodePtr b = block_of(date); b != cache.block) {
        cache = block_text{b, {}, {}};
        cache.read(b);
    }
    const std::string& text = cache.text;
    auto [begin, end] = cache.dates[date];
    auto sentence_end = [&](std::size_t i) {
        return (text[i] == '.' || text[i] == ';' || text[i] == '!' || text[i] == '?') &&
               (i + 1 == text.size() || text[i + 1] == ' ');
    };
    constexpr std::size_t reach = 160;  // bytes: more than eight words
    std::size_t from = begin, to = end;
    while (from > 0 && begin - from < reach && !sentence_end(from - 1)) --from;
    while (to < text.size() && to - end < reach && !sentence_end(to)) ++to;
    auto words = [](std::string_view t) {
        std::vector<std::string> out;
        std::string w;
        for (char c : t) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'') {
                w += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
            } else if (!w.empty()) {
                out.push_back(std::move(w));
                w.clear();
            }
        }
        if (!w.empty()) out.push_back(std::move(w));
        return out;
    };
    std::vector<std::string> before = words(std::string_view(text).substr(from, begin - from));
    std::vector<std::string> after = words(std::string_view(text).substr(end, to - end));
    std::vector<std::string> out(before.end() - std::min<std::ptrdiff_t>(8, std::ssize(before)), before.end());
    out.insert(out.end(), after.begin(), after.begin() + std::min<std::ptrdiff_t>(8, std::ssize(after)));
    return out;
}

// The verb that tells a later date as past ("was held on", "On 20 April
// 2024, the Minister met ..."), unless a word near it makes it a plan
// ("will be held", "scheduled", "until"); empty when nothing says it
// happened. An event to come after the release is ordinary: a campaign
// that will run until October, a media advisory's event date.
std::string told_as_past(xmlNodePtr date, block_text& cache) {
    static constexpr std::string_view past[] = {
        "was",        "were",       "had",      "did",       "took",      "held",      "met",
        "visited",    "signed",     "opened",   "arrived",   "returned",  "ended",     "concluded",
        "launched",   "attended",   "received", "welcomed",  "inaugurated", "completed", "occurred",
        "happened",   "presided",   "chaired",  "hosted",    "convened",  "departed",  "adopted",
        "approved",   "began",      "started",  "closed",    "finished",  "rescued",   "died"};
    static constexpr std::string_view future[] = {
        "will",  "shall",   "be",      "until",   "till",       "scheduled", "planned",  "expected",
        "due",   "upcoming", "forthcoming", "next", "deadline", "going",     "intends", "plans"};
    std::vector<std::string> words = words_around(date, cache);
    auto in = [&](auto& list, const std::string& w) { return std::find(std::begin(list), std::end(list), w) != std::end(list); };
    std::string said;
    for (const std::string& w : words) {
        if (in(future, w) || w.ends_with("'ll")) return {};
        if (said.empty() && in(past, w)) said = w;
    }
    return said;
}

}  // namespace

void check_dates(const release_tree& tree, std::vector<diagnostic>& out, unlisted_counts& unlisted) {
    xmlNodePtr root = tree.root();
    std::map<rule, std::size_t> written;
    // The message is made only for a diagnostic that is written.
    auto report = [&](severity level, rule id, xmlNodePtr node, auto&& message) {
        if (++written[id] > listed_per_rule + 1) {
            ++unlisted[std::string(rule_id(id))];
            return;
        }
        source_span s = tree.span_of(node);
        out.push_back(make_diagnostic(level, id, message(), s.begin, s.end));
    };
    std::optional<ymd> issued;
    each_date(root, [&](xmlNodePtr date) {
        std::string when = attribute(date, "when");
        auto d = parse_iso(when);
        if (!d || !is_real(*d)) {
            report(severity::error, rule::date_invalid, date, [&] {
                return "\"" + text_content(date) + "\" is not a real date" + (d ? " (" + when + ")" : std::string());
            });
        } else if (date->parent && is(date->parent, "dateline")) {
            issued = d;
        }
    });
    if (!issued) return;
    const std::string issued_text = attribute(child(child(root, "dateline"), "date"), "when");
    block_text cache;
    each_date(child(root, "body"), [&](xmlNodePtr date) {
        auto d = parse_iso(attribute(date, "when"));
        if (!d || !is_real(*d) || *d <= *issued) return;
        if (std::string verb = told_as_past(date, cache); !verb.empty())
            report(severity::warning, rule::date_after_dateline, date, [&] {
                return "\"" + text_content(date) + "\" is later than the dateline's date (" + issued_text +
                       "), yet the text tells it as past (\"" + verb + "\"); is the year right?";
            });
    });
}

}  // namespace communique::detail
