// A unified diff of two texts, line by line, as `diff -u` writes it: what
// `fmt --diff` shows.
#pragma once

#include <string>
#include <string_view>

namespace cli {

// "--- NAME\n+++ NAME\n" and the hunks (three lines of context) that turn
// `before` into `after`, applicable with `patch -p0`; empty when the texts
// are the same. Lines keep their ends (a CRLF shows as such); a last line
// without one is marked "\ No newline at end of file".
std::string unified_diff(std::string_view name, std::string_view before, std::string_view after);

}  // namespace cli
