// The writers: one per output format, driven by the format table.
#pragma once

#include "tree/release.hpp"

#include <communique/communique.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace communique::detail {

std::span<const format_info> format_table() noexcept;

// Everything the writers load once per engine: the compiled stylesheets.
// Thread-safe after construction.
class writers {
public:
    explicit writers(const options& opts);
    ~writers();

    // The release in the named format (a name from format_table()); false
    // with a diagnostic when a stylesheet failed.
    bool write(const release_tree& tree, std::string_view format, std::string& out,
               std::vector<diagnostic>& diagnostics) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace communique::detail
