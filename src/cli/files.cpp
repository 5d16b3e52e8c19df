#include "cli/files.hpp"

#include "batch/io.hpp"

#include <fmt/core.h>

#include <iostream>
#include <iterator>

namespace fs = std::filesystem;

namespace cli {

expected<input> read_input(const std::string& name) {
    input in{name, {}};
    if (name == "-") {
        in.bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return in;
    }
    expected<std::string> bytes = batch::read_file(name);
    if (!bytes) return std::move(bytes).error();
    in.bytes = std::move(*bytes);
    return in;
}

void say_problem(std::string_view what, const problem& p) {
    fmt::print(stderr, "communique: {}: {}\n", what, p.message);
}

std::string display_name(const std::string& name) { return name == "-" ? "<stdin>" : name; }

}  // namespace cli
