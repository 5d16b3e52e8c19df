// The output formats: one table drives the engine, the writers, the
// command's help and the tests.
#pragma once

#include <communique/communique.hpp>

#include <span>
#include <string_view>

namespace communique::detail {

struct format_entry {
    format_info info;
    const char* stylesheet;  // built-in resource that writes it, or nullptr for the tree itself
    // Set for a format made from another format's result rather than written
    // by its own stylesheet: "pdf" is rendered from the "fo" stylesheet's
    // tree (a user's fo stylesheet serves both).
    const char* rendered_from = nullptr;
    // Bytes a terminal would show as garbage (a zip, a PDF), not text.
    bool binary = false;
};

std::span<const format_entry> format_entries() noexcept;
std::span<const format_info> format_table() noexcept;
const format_entry* find_format(std::string_view name) noexcept;

}  // namespace communique::detail
