// How the command prints diagnostics.
#pragma once

#include <communique/diagnostic.hpp>

#include <cstdio>
#include <span>
#include <string>
#include <string_view>

namespace cli {

// Colour only on a terminal, and never when NO_COLOR is set.
bool use_color(std::FILE* stream);

// file:line:col: severity[rule]: message, then the source line with a caret
// under the span.
void print_human(std::FILE* stream, std::string_view file, std::string_view text,
                 std::span<const communique::diagnostic> diagnostics, bool color);

}  // namespace cli
