// .communique.toml: rule severities, house-rule parameters, reading and
// writing settings. Every mistake is reported at its line.
#include <communique/communique.hpp>

#include "check/rules.hpp"
#include "core/rule.hpp"

#define TOML_HEADER_ONLY 1  // see src/CMakeLists.txt: no shared library to load at start-up
#include <toml++/toml.h>

#include <algorithm>

namespace communique {
COMMUNIQUE_INLINE_NAMESPACE_BEGIN

bool config_result::ok() const noexcept {
    return std::none_of(diagnostics.begin(), diagnostics.end(),
                        [](const diagnostic& d) { return d.level == severity::error; });
}

namespace {

class reader {
public:
    explicit reader(config_result& out) : out_(out) {}

    void error(const toml::source_region& where, std::string message) {
        source_position p{static_cast<std::uint32_t>(where.begin.line), static_cast<std::uint32_t>(where.begin.column)};
        out_.diagnostics.push_back(
            detail::make_diagnostic(severity::error, detail::rule::config, std::move(message), p, p));
    }

    // Every key of a table must be one we know.
    void known_keys(const toml::table& table, std::string_view name, std::initializer_list<std::string_view> keys) {
        for (const auto& [key, node] : table)
            if (std::find(keys.begin(), keys.end(), key.str()) == keys.end())
                error(key.source(), "unknown key '" + std::string(key.str()) + "' in [" + std::string(name) + "]");
    }

    std::optional<std::string> string(const toml::node& node, std::string_view what) {
        if (auto s = node.value<std::string>()) return s;
        error(node.source(), std::string(what) + " must be a string");
        return std::nullopt;
    }

    std::vector<std::string> strings(const toml::node& node, std::string_view what) {
        std::vector<std::string> out;
        const toml::array* array = node.as_array();
        if (!array) {
            error(node.source(), std::string(what) + " must be an array of strings");
            return out;
        }
        for (const toml::node& item : *array)
            if (auto s = string(item, what)) out.push_back(*s);
        return out;
    }

    std::optional<unsigned> number(const toml::node& node, std::string_view what, unsigned lo, unsigned hi) {
        auto v = node.value<std::int64_t>();
        if (v && *v >= lo && *v <= hi) return static_cast<unsigned>(*v);
        error(node.source(), std::string(what) + " must be a whole number from " + std::to_string(lo) + " to " +
                                 std::to_string(hi));
        return std::nullopt;
    }

private:
    config_result& out_;
};

}  // namespace

config_result parse_config(std::string_view text, const options& base) {
    config_result out{base, {}};
    reader r(out);
    toml::table doc;
    try {
        doc = toml::parse(text);
    } catch (const toml::parse_error& e) {
        r.error(e.source(), std::string(e.description()));
        return out;
    }
    options& o = out.opts;
    r.known_keys(doc, "top level", {"profile", "rules", "dates", "house", "language", "text", "limits", "html"});

    // The profile first: [rules] tunes the levels it gives, wherever it stands.
    if (const toml::node* n = doc.get("profile"))
        if (auto v = r.string(*n, "profile")) {
            if (auto p = house_profile_named(*v)) o.profile = *p;
            else r.error(n->source(), "profile is \"general\" or \"kh-ministry\", not \"" + *v + "\"");
        }

    if (const toml::node* rules = doc.get("rules")) {
        if (const toml::table* t = rules->as_table()) {
            for (const auto& [key, node] : *t) {
                if (!detail::find_rule(key.str())) {
                    r.error(key.source(), "unknown rule '" + std::string(key.str()) + "' (see communique check --list-rules)");
                    continue;
                }
                auto level = r.string(node, "a rule's severity");
                if (!level) continue;
                if (*level == "off") o.rule_levels[std::string(key.str())] = std::nullopt;
                else if (*level == "error") o.rule_levels[std::string(key.str())] = severity::error;
                else if (*level == "warning") o.rule_levels[std::string(key.str())] = severity::warning;
                else if (*level == "note") o.rule_levels[std::string(key.str())] = severity::note;
                else r.error(node.source(), "a rule's severity is \"error\", \"warning\", \"note\" or \"off\", not \"" + *level + "\"");
            }
        } else {
            r.error(rules->source(), "[rules] must be a table");
        }
    }
    if (const toml::table* dates = doc["dates"].as_table()) {
        r.known_keys(*dates, "dates", {"order", "format"});
        if (const toml::node* order = dates->get("order")) {
            auto v = r.string(*order, "dates.order");
            if (v == "day-first") o.numeric_dates = date_order::day_first;
            else if (v == "month-first") o.numeric_dates = date_order::month_first;
            else if (v) r.error(order->source(), "dates.order is \"day-first\" or \"month-first\"");
        }
        // How `communique fmt` (the draft writer) writes the dates of English text.
        if (const toml::node* format = dates->get("format")) {
            auto v = r.string(*format, "dates.format");
            if (v == "day-month-year" || v == "month-day-year" || v == "iso") o.parameters["date-format"] = *v;
            else if (v) r.error(format->source(), "dates.format is \"day-month-year\", \"month-day-year\" or \"iso\"");
        }
    }
    if (const toml::table* house = doc["house"].as_table()) {
        r.known_keys(*house, "house", {"issuers", "genres", "places", "headline-max-words"});
        if (const toml::node* n = house->get("issuers")) o.allowed_issuers = r.strings(*n, "house.issuers");
        if (const toml::node* n = house->get("genres")) o.allowed_genres = r.strings(*n, "house.genres");
        if (const toml::node* n = house->get("places")) o.places = r.strings(*n, "house.places");
        if (const toml::node* n = house->get("headline-max-words"))
            if (auto v = r.number(*n, "house.headline-max-words", 3, 200)) o.headline_max_words = *v;
    }
    if (const toml::table* language = doc["language"].as_table()) {
        r.known_keys(*language, "language", {"default"});
        if (const toml::node* n = language->get("default"))
            if (auto v = r.string(*n, "language.default")) o.default_language = *v;
    }
    if (const toml::table* html = doc["html"].as_table()) {
        r.known_keys(*html, "html", {"content"});
        if (const toml::node* n = html->get("content"))
            if (auto v = r.string(*n, "html.content")) o.html_content = *v;
    }
    if (const toml::table* txt = doc["text"].as_table()) {
        r.known_keys(*txt, "text", {"width"});
        if (const toml::node* n = txt->get("width"))
            if (auto v = r.number(*n, "text.width", 20, 1000)) o.text_width = *v;
    }
    if (const toml::table* limits = doc["limits"].as_table()) {
        r.known_keys(*limits, "limits", {"input-bytes", "nesting", "elements", "pages"});
        if (const toml::node* n = limits->get("input-bytes"))
            if (auto v = r.number(*n, "limits.input-bytes", 1024, 1u << 30)) o.max_input_bytes = *v;
        if (const toml::node* n = limits->get("nesting"))
            if (auto v = r.number(*n, "limits.nesting", 1, 10000)) o.max_nesting = *v;
        if (const toml::node* n = limits->get("elements"))
            if (auto v = r.number(*n, "limits.elements", 1, 100'000'000)) o.max_elements = *v;
        if (const toml::node* n = limits->get("pages"))
            if (auto v = r.number(*n, "limits.pages", 1, 100000)) o.max_pages = *v;
    }
    // toml++ keeps a table's keys sorted; report in the file's order.
    std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const diagnostic& a, const diagnostic& b) {
        return std::tie(a.begin.line, a.begin.column) < std::tie(b.begin.line, b.begin.column);
    });
    return out;
}

COMMUNIQUE_INLINE_NAMESPACE_END
}  // namespace communique
