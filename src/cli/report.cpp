#include "cli/report.hpp"

#include "batch/diagnostic_json.hpp"
#include "core/unicode.hpp"

#include <communique/communique.hpp>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <vector>
#include <unistd.h>

namespace cli {

namespace {

using communique::diagnostic;
using communique::severity;
using json = nlohmann::ordered_json;

// The JSON report's version: it only ever gains keys.
constexpr int json_version = 1;

// The lines of a file, found once: a file with thousands of diagnostics
// costs one pass, not one per diagnostic. A .docx has none to show: its
// positions are paragraphs and characters, not lines of the file.
class line_index {
public:
    explicit line_index(std::string_view text) : text_(text) {
        if (communique::detect_input_format(text_) == communique::input_format::docx) text_ = {};
        if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
        starts_.push_back(0);
        for (std::size_t at = 0; (at = text_.find_first_of("\r\n", at)) != std::string_view::npos;) {
            at += text_.compare(at, 2, "\r\n") == 0 ? 2 : 1;
            starts_.push_back(at);
        }
    }
    // Line n (from 1) without its line end; empty past the end.
    std::string_view line(std::uint32_t n) const {
        if (n == 0 || n > starts_.size()) return {};
        std::size_t begin = starts_[n - 1];
        std::size_t end = n < starts_.size() ? starts_[n] : text_.size();
        while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
        return text_.substr(begin, end - begin);
    }

private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
};

bool printable(std::string_view line) {
    if (line.size() > 400) return false;
    for (unsigned char c : line)
        if (c < 0x20 && c != '\t') return false;
    return true;
}

bool color_wanted() {
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return ::isatty(STDERR_FILENO) == 1;
}

void print_human(std::string_view file, const line_index& lines, const diagnostic& d, bool color) {
    std::string where(file);
    if (d.begin.line > 0) where += fmt::format(":{}", d.begin.line);
    if (d.begin.column > 0) where += fmt::format(":{}", d.begin.column);
    std::string_view level = communique::to_string(d.level);
    const char* tint = d.level == severity::error ? "\033[1;31m" : d.level == severity::warning ? "\033[1;35m" : "\033[1;36m";
    if (color)
        fmt::print(stderr, "\033[1m{}:\033[0m {}{}[{}]:\033[0m \033[1m{}\033[0m\n", where, tint, level, d.rule, d.message);
    else
        fmt::print(stderr, "{}: {}[{}]: {}\n", where, level, d.rule, d.message);
    std::string_view line = lines.line(d.begin.line);
    if (d.begin.line == 0 || line.empty() || !printable(line)) return;
    fmt::print(stderr, "{:>5} | {}\n", d.begin.line, line);
    if (d.begin.column == 0) return;
    // Tabs are kept so that the caret stands under the same character.
    // Characters are counted by their first bytes, as count_code_points counts
    // them below: a stray byte in a line an input-encoding error points into
    // moves the caret as it always has.
    std::string pad;
    std::size_t col = 1;
    for (std::size_t i = 0; i < line.size() && col < d.begin.column; ++i) {
        auto c = static_cast<unsigned char>(line[i]);
        if (communique::detail::is_utf8_continuation(c)) continue;
        pad += c == '\t' ? '\t' : ' ';
        ++col;
    }
    std::size_t width = 1;
    if (d.end.line == d.begin.line && d.end.column > d.begin.column) width = d.end.column - d.begin.column;
    width = std::min(width, communique::detail::count_code_points(line) + 1);
    std::string marks = "^" + std::string(width - 1, '~');
    if (color)
        fmt::print(stderr, "      | {}{}{}\033[0m\n", pad, tint, marks);
    else
        fmt::print(stderr, "      | {}{}\n", pad, marks);
}

// GitHub workflow commands escape these in values and properties.
std::string github_escape(std::string_view s, bool property) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            case ':': out += property ? "%3A" : ":"; break;
            case ',': out += property ? "%2C" : ","; break;
            default: out += c;
        }
    }
    return out;
}

void print_github(std::string_view file, const diagnostic& d) {
    const char* command = d.level == severity::error ? "error" : d.level == severity::warning ? "warning" : "notice";
    std::string props = "file=" + github_escape(file, true);
    if (d.begin.line > 0) {
        props += fmt::format(",line={}", d.begin.line);
        if (d.begin.column > 0) props += fmt::format(",col={}", d.begin.column);
        if (d.end.line >= d.begin.line && d.end.line > 0) {
            props += fmt::format(",endLine={}", d.end.line);
            if (d.end.column > 0) props += fmt::format(",endColumn={}", d.end.column);
        }
    }
    props += ",title=" + github_escape(d.rule, true);
    fmt::print("::{} {}::{}\n", command, props, github_escape(d.message, false));
}

}  // namespace

struct reporter::impl {
    report_format format;
    bool color = false;
    json diagnostics = json::array();
    json files = json::array();
};

reporter::reporter(report_format format) : impl_(std::make_unique<impl>()) {
    impl_->format = format;
    impl_->color = format == report_format::human && color_wanted();
}

reporter::~reporter() = default;

void reporter::add(std::string_view file, std::string_view text, std::span<const diagnostic> diagnostics) {
    switch (impl_->format) {
        case report_format::human: {
            const line_index lines(diagnostics.empty() ? std::string_view() : text);
            for (const diagnostic& d : diagnostics) print_human(file, lines, d, impl_->color);
            return;
        }
        case report_format::github:
            for (const diagnostic& d : diagnostics) print_github(file, d);
            return;
        case report_format::json:
        case report_format::sarif: break;
    }
    bool ok = true;
    for (const diagnostic& d : diagnostics) {
        ok = ok && d.level != severity::error;
        impl_->diagnostics.push_back(batch::diagnostic_json(file, d));
    }
    impl_->files.push_back({{"file", file}, {"valid", ok}});
}

void reporter::finish() {
    if (impl_->format == report_format::json) {
        json out{{"version", json_version},
                 {"tool", {{"name", "communique"}, {"version", communique::version()}}},
                 {"files", impl_->files},
                 {"diagnostics", impl_->diagnostics}};
        fmt::print("{}\n", out.dump(2));
        return;
    }
    if (impl_->format != report_format::sarif) return;
    json rules = json::array();
    auto all = communique::rules();
    // The default profile's level (a configuration may choose another
    // profile per file; each result carries the level it was reported at).
    for (const auto& r : all) {
        std::optional<communique::severity> level = r.level(communique::house_profile::general);
        json configuration{{"level", level ? std::string(communique::to_string(*level)) : std::string("none")}};
        if (!level) configuration["enabled"] = false;
        rules.push_back({{"id", r.id},
                         {"shortDescription", {{"text", r.description}}},
                         {"defaultConfiguration", std::move(configuration)}});
    }
    json results = json::array();
    for (const json& d : impl_->diagnostics) {
        std::string rule = d["rule"];
        std::size_t index = 0;
        for (; index < all.size() && all[index].id != rule; ++index) {
        }
        // SARIF regions start at line 1; a diagnostic with no position
        // (a stylesheet failure) is put at the top of the file.
        json region{{"startLine", d["line"].is_null() ? json(1) : d["line"]}};
        if (!d["column"].is_null()) region["startColumn"] = d["column"];
        if (!d["end_line"].is_null()) region["endLine"] = d["end_line"];
        if (!d["end_column"].is_null()) region["endColumn"] = d["end_column"];
        json result{{"ruleId", rule},
                    {"level", d["severity"]},  // SARIF names the levels as communique does
                    {"message", {{"text", d["message"]}}},
                    {"locations",
                     json::array({{{"physicalLocation",
                                    {{"artifactLocation", {{"uri", d["file"]}}}, {"region", region}}}}})}};
        if (index < all.size()) result["ruleIndex"] = index;
        results.push_back(std::move(result));
    }
    json sarif{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
               {"version", "2.1.0"},
               {"runs", json::array({{{"tool",
                                       {{"driver",
                                         {{"name", "communique"},
                                          {"version", communique::version()},
                                          {"rules", rules}}}}},
                                      {"columnKind", "unicodeCodePoints"},
                                      {"results", results}}})}};
    fmt::print("{}\n", sarif.dump(2));
}

}  // namespace cli
