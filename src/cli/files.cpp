#include "cli/files.hpp"

#include "batch/io.hpp"

#include <fmt/core.h>

#include <iostream>
#include <iterator>

namespace fs = std::filesystem;

namespace cli {

std::optional<input> read_input(const std::string& name, std::string& error) {
    input in{name, {}};
    if (name == "-") {
        in.bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return in;
    }
    std::optional<std::string> bytes = batch::read_file(name, error);
    if (!bytes) return std::nullopt;
    in.bytes = std::move(*bytes);
    return in;
}

std::optional<input> read_input(const std::string& name) {
    std::string error;
    std::optional<input> in = read_input(name, error);
    if (!in) fmt::print(stderr, "communique: {}: {}\n", name, error);
    return in;
}

std::string display_name(const std::string& name) { return name == "-" ? "<stdin>" : name; }

bool write_atomically(const fs::path& path, std::string_view bytes, std::optional<fs::perms> mode) {
    std::string error;
    if (batch::write_atomically(path, bytes, error, mode) == 0) return true;
    fmt::print(stderr, "communique: {}: {}\n", path.string(), error);
    return false;
}

}  // namespace cli
