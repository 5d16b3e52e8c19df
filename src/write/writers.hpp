// The writers: one per output format, driven by the format table.
#pragma once

#include "tree/release.hpp"

#include <communique/communique.hpp>

#include <span>
#include <string>
#include <string_view>

namespace communique::detail {

std::span<const format_info> format_table() noexcept;

// Everything the writers load once per engine (compiled stylesheets, fonts).
class writers {
public:
    writers();
    ~writers();
    // The release in the named format (a name from format_table()).
    std::string write(const release_tree& tree, std::string_view format) const;
};

}  // namespace communique::detail
