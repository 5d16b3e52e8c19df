// The text of one input as the user wrote it, with the line index that turns
// byte offsets into the line and column a user sees.
#pragma once

#include "core/expected.hpp"

#include <communique/diagnostic.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace communique::detail {

// A stretch of the user's text: from begin to just past end.
struct source_span {
    source_position begin, end;
};

class source_text {
public:
    // Keeps a view of `bytes` (which must outlive this object), without a
    // leading UTF-8 byte order mark. Lines end at LF, CRLF or CR.
    explicit source_text(std::string_view bytes);

    std::string_view text() const noexcept { return text_; }
    std::size_t line_count() const noexcept { return line_starts_.size(); }

    // The 1-based line `n` without its line end; empty past the end.
    std::string_view line(std::uint32_t n) const noexcept;

    // The position of a byte offset into text().
    source_position position_at(std::size_t offset) const noexcept;

    // The position of a 1-based byte column on a 1-based line (what cmark
    // reports), with the column counted in code points.
    source_position from_byte_column(std::uint32_t line, std::uint32_t byte_column) const noexcept;

    // The byte offset of a position (the inverse of position_at).
    std::size_t offset_of(source_position pos) const noexcept;

private:
    std::string_view text_;
    std::vector<std::size_t> line_starts_;
    // The last byte column converted on a line, so that converting many
    // columns of one long line costs their distance, not the line's length
    // each time. (A source_text belongs to one reading; it is not shared
    // between threads.)
    struct column_cache {
        std::uint32_t line = 0;
        std::size_t bytes = 0;
        std::size_t code_points = 0;
    };
    mutable column_cache cache_;
};

// The first reason the bytes are not a UTF-8 text: UTF-16, NUL bytes (binary
// data) or an invalid UTF-8 sequence, at its position (rule input-encoding).
expected<void> check_encoding(const source_text& src);

}  // namespace communique::detail
