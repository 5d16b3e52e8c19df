#include "core/source.hpp"

#include "core/unicode.hpp"

#include <algorithm>
#include <cstring>

namespace communique::detail {

source_text::source_text(std::string_view bytes) : text_(bytes) {
    if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
    line_starts_.push_back(0);
    if (text_.empty()) return;  // its data() may be null, which memchr must not be given
    // Most drafts end their lines with LF alone: then memchr finds each end,
    // many bytes at a time.
    if (text_.find('\r') == std::string_view::npos) {
        const char* const begin = text_.data();
        const char* const end = begin + text_.size();
        for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) && ++p < end;)
            line_starts_.push_back(static_cast<std::size_t>(p - begin));
        return;
    }
    for (std::size_t i = 0; i < text_.size(); ++i) {
        char c = text_[i];
        if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
            if (i + 1 < text_.size()) line_starts_.push_back(i + 1);
        }
    }
}

std::string_view source_text::line(std::uint32_t n) const noexcept {
    if (n == 0 || n > line_starts_.size()) return {};
    std::size_t begin = line_starts_[n - 1];
    // Up to the next line's start (or the end), less the line end: constant
    // time, however long the line.
    std::size_t end = n < line_starts_.size() ? line_starts_[n] : text_.size();
    if (end > begin && text_[end - 1] == '\n') --end;
    if (end > begin && text_[end - 1] == '\r') --end;
    return text_.substr(begin, end - begin);
}

source_position source_text::position_at(std::size_t offset) const noexcept {
    offset = std::min(offset, text_.size());
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
    std::size_t begin = line_starts_[line - 1];
    auto column = static_cast<std::uint32_t>(count_code_points(text_.substr(begin, offset - begin)));
    return {line, column + 1};
}

source_position source_text::from_byte_column(std::uint32_t line, std::uint32_t byte_column) const noexcept {
    if (line == 0 || line > line_starts_.size()) return {line, byte_column};
    std::string_view l = this->line(line);
    std::size_t bytes = byte_column > 0 ? std::min<std::size_t>(byte_column - 1, l.size()) : 0;
    // Counted from the last column converted on this line when there is one:
    // the reader converts the columns of a line in nearly increasing order,
    // so a line of n nodes costs O(length), not O(n * length).
    std::size_t points;
    if (cache_.line == line && bytes >= cache_.bytes)
        points = cache_.code_points + count_code_points(l.substr(cache_.bytes, bytes - cache_.bytes));
    else if (cache_.line == line && cache_.bytes - bytes < bytes)
        points = cache_.code_points - count_code_points(l.substr(bytes, cache_.bytes - bytes));
    else
        points = count_code_points(l.substr(0, bytes));
    cache_ = {line, bytes, points};
    return {line, static_cast<std::uint32_t>(points + 1)};
}

std::size_t source_text::offset_of(source_position pos) const noexcept {
    if (pos.line == 0 || pos.line > line_starts_.size()) return text_.size();
    std::string_view l = line(pos.line);
    std::size_t offset = line_starts_[pos.line - 1];
    return offset + advance_code_points(l, pos.column > 0 ? pos.column - 1 : 0);
}

expected<void> check_encoding(const source_text& src) {
    std::string_view t = src.text();
    auto error = [&](std::size_t at, std::string message) {
        source_position p = src.position_at(at);
        return problem_at(rule::input_encoding, std::move(message), p);
    };
    if (t.starts_with("\xFF\xFE") || t.starts_with("\xFE\xFF"))
        return error(0, "the file is UTF-16; save it as UTF-8");
    if (auto nul = t.find('\0'); nul != std::string_view::npos) {
        // UTF-16 without a byte order mark: in mostly-ASCII text every other
        // byte is NUL, on the same side of each pair.
        std::size_t pairs = std::min<std::size_t>(t.size() / 2, 128), even = 0, odd = 0;
        for (std::size_t i = 0; i < pairs; ++i) {
            even += t[2 * i] == '\0' && t[2 * i + 1] != '\0';
            odd += t[2 * i] != '\0' && t[2 * i + 1] == '\0';
        }
        bool utf16 = pairs >= 2 && std::max(even, odd) * 10 >= pairs * 9;
        return error(nul, utf16 ? "the file looks like UTF-16 without a byte order mark; save it as UTF-8"
                                : "the file contains NUL bytes: binary data, not a text draft");
    }
    if (std::size_t bad = find_invalid_utf8(t); bad != std::string_view::npos)
        return error(bad, "invalid UTF-8 byte sequence; the file must be UTF-8");
    return {};
}

}  // namespace communique::detail
