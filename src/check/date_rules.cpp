#include "check/rules.hpp"

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

}  // namespace

void check_dates(const release_tree& tree, std::vector<diagnostic>& out, unlisted_counts& unlisted) {
    xmlNodePtr root = tree.root();
    std::map<std::string_view, std::size_t> written;
    // The message is made only for a diagnostic that is written.
    auto report = [&](severity level, std::string_view rule, xmlNodePtr node, auto&& message) {
        if (++written[rule] > listed_per_rule + 1) {
            ++unlisted[std::string(rule)];
            return;
        }
        span s = tree.span_of(node);
        out.push_back({level, std::string(rule), message(), s.begin, s.end});
    };
    std::optional<ymd> issued;
    each_date(root, [&](xmlNodePtr date) {
        std::string when = attribute(date, "when");
        auto d = parse_iso(when);
        if (!d || !is_real(*d)) {
            report(severity::error, "date-invalid", date, [&] {
                return "\"" + text_content(date) + "\" is not a real date" + (d ? " (" + when + ")" : std::string());
            });
        } else if (date->parent && is(date->parent, "dateline")) {
            issued = d;
        }
    });
    if (!issued) return;
    const std::string issued_text = attribute(child(child(root, "dateline"), "date"), "when");
    each_date(child(root, "body"), [&](xmlNodePtr date) {
        auto d = parse_iso(attribute(date, "when"));
        if (d && is_real(*d) && *d > *issued)
            report(severity::warning, "date-after-dateline", date, [&] {
                return "\"" + text_content(date) + "\" is later than the dateline's date (" + issued_text +
                       "); is the year right?";
            });
    });
}

}  // namespace communique::detail
