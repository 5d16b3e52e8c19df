// Reading inputs and writing outputs so that nothing is half-written.
#pragma once

#include "batch/io.hpp"

#include <communique/diagnostic.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace cli {

struct input {
    std::string name;  // as given; "-" is standard input
    std::string bytes;
};

// Reads a file or standard input ("-"); nothing (after printing why) when it
// cannot be read.
std::optional<input> read_input(const std::string& name);
// The same, with why it cannot be read in `error` instead of printed.
std::optional<input> read_input(const std::string& name, std::string& error);

using batch::io_diagnostic;

// The name diagnostics use for an input.
std::string display_name(const std::string& name);

// Writes bytes to a temporary file beside `path` and renames it into place, so that `path` is either the old file or the whole
// new one. The new file gets `mode` (default: 0666 less the umask). False,
// after printing why, on any failure (a full disk, a read-only folder); no
// temporary file is left behind.
bool write_atomically(const std::filesystem::path& path, std::string_view bytes,
                      std::optional<std::filesystem::perms> mode = std::nullopt);

}  // namespace cli
