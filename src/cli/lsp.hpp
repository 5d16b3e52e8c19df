// `communique lsp`: a language server (LSP 3.17) over standard input and
// output, so that an editor shows a draft's diagnostics while it is typed.
#pragma once

#include "cli/commands.hpp"

#include <communique/diagnostic.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace cli {

// Runs until the client sends `exit`: 0 after a `shutdown`, 1 without one
// (as the protocol says), 1 too when standard input ends first.
int run_lsp(const settings& cli_settings);

namespace lsp {

// A position as the protocol counts it: lines from 0, characters in UTF-16
// code units.
struct position {
    std::uint32_t line = 0;
    std::uint32_t character = 0;
};

// The UTF-16 position of a diagnostic's (line, code point column) in `text`;
// column 0 (unknown) is the line's start, a line past the end the text's end.
position to_lsp(std::string_view text, communique::source_position where);

// The byte offset of an LSP position in `text`, clamped to the line's end
// (and to the text's end), as the protocol asks of a client's positions.
std::size_t to_offset(std::string_view text, position where);

// "did you mean 30 April 2024?": the printed date of a date-invalid
// diagnostic ("31 April 2024", ISO 2024-04-31) with its day moved to the
// month's last; nothing when the day is not the problem or is not written
// in ASCII digits.
std::string nearest_real_date(std::string_view printed, std::string_view iso);

}  // namespace lsp
}  // namespace cli
