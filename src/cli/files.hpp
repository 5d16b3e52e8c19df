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

using batch::expected;
using batch::problem;

// Reads a file or standard input ("-"); why not (rule io) when it cannot be
// read. Nothing is printed: the command says it where it reports.
expected<input> read_input(const std::string& name);

// Says why something failed on standard error, the way every command says
// it: "communique: WHAT: MESSAGE".
void say_problem(std::string_view what, const problem& p);

using batch::io_diagnostic;

// The name diagnostics use for an input.
std::string display_name(const std::string& name);

// Writing a file so that it is either the old file or the whole new one:
// batch::write_atomically, which says why it failed (a full disk, a
// read-only folder) and leaves no temporary file behind.
using batch::write_atomically;

}  // namespace cli
