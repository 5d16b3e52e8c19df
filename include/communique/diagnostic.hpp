// communique: the one diagnostic type that every stage (reader, schema,
// house rules, writers) reports through.
#pragma once

#include <communique/export.hpp>
#include <communique/version.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace communique {
COMMUNIQUE_INLINE_NAMESPACE_BEGIN

enum class severity : std::uint8_t { note, warning, error };

// "note", "warning" or "error".
COMMUNIQUE_API std::string_view to_string(severity level) noexcept;

// A place in the text the user wrote. Lines and columns start at 1; a column
// counts Unicode code points (a tab is one). 0 means "not known" (an XML
// parser reports lines only).
struct source_position {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    friend bool operator==(source_position, source_position) = default;
};

struct diagnostic {
    severity level = severity::error;
    std::string rule;  // stable ID, e.g. "dateline-missing" (see rules())
    std::string message;
    source_position begin;
    source_position end;  // just past the span; equal to begin for a point
};

COMMUNIQUE_INLINE_NAMESPACE_END
}  // namespace communique
