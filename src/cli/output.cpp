#include "cli/output.hpp"

#include <fmt/core.h>

#include <cstdlib>
#include <unistd.h>

namespace cli {

namespace {

std::string_view line_of(std::string_view text, std::uint32_t n) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::size_t at = 0;
    for (std::uint32_t i = 1; i < n; ++i) {
        std::size_t nl = text.find_first_of("\r\n", at);
        if (nl == std::string_view::npos) return {};
        at = nl + (text.compare(nl, 2, "\r\n") == 0 ? 2 : 1);
    }
    std::size_t end = text.find_first_of("\r\n", at);
    return text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool printable(std::string_view line) {
    for (unsigned char c : line)
        if (c < 0x20 && c != '\t') return false;
    return line.size() <= 400;
}

}  // namespace

bool use_color(std::FILE* stream) {
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return ::isatty(::fileno(stream)) == 1;
}

void print_human(std::FILE* stream, std::string_view file, std::string_view text,
                 std::span<const communique::diagnostic> diagnostics, bool color) {
    for (const communique::diagnostic& d : diagnostics) {
        std::string where = fmt::format("{}:{}", file, d.begin.line);
        if (d.begin.column > 0) where += fmt::format(":{}", d.begin.column);
        std::string_view level = communique::to_string(d.level);
        const char* tint = d.level == communique::severity::error ? "\033[1;31m"
                           : d.level == communique::severity::warning ? "\033[1;35m"
                                                                      : "\033[1;36m";
        if (color)
            fmt::print(stream, "\033[1m{}:\033[0m {}{}[{}]:\033[0m \033[1m{}\033[0m\n", where, tint, level, d.rule,
                       d.message);
        else
            fmt::print(stream, "{}: {}[{}]: {}\n", where, level, d.rule, d.message);
        std::string_view line = line_of(text, d.begin.line);
        if (d.begin.line == 0 || line.empty() || !printable(line)) continue;
        fmt::print(stream, "{:>5} | {}\n", d.begin.line, line);
        if (d.begin.column == 0) continue;
        std::string pad;
        // Tabs are kept so the caret lines up under the same characters.
        std::size_t col = 0;
        for (std::size_t i = 0; i < line.size() && col + 1 < d.begin.column; ++i) {
            unsigned char c = static_cast<unsigned char>(line[i]);
            if ((c & 0xC0) == 0x80) continue;
            pad += c == '\t' ? '\t' : ' ';
            ++col;
        }
        std::size_t width = 1;
        if (d.end.line == d.begin.line && d.end.column > d.begin.column) width = d.end.column - d.begin.column;
        width = std::min(width, code_points(line) + 1);
        std::string marks = "^" + std::string(width > 1 ? width - 1 : 0, '~');
        if (color)
            fmt::print(stream, "      | {}{}{}\033[0m\n", pad, tint, marks);
        else
            fmt::print(stream, "      | {}{}\n", pad, marks);
    }
}

}  // namespace cli
