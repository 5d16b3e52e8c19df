#include "write/writers.hpp"

#include <stdexcept>

namespace communique::detail {

namespace {

constexpr format_info table[] = {
    {"xml", ".xml", "canonical release XML (schemas/release.xsd)"},
};

}  // namespace

std::span<const format_info> format_table() noexcept { return table; }

writers::writers() = default;
writers::~writers() = default;

std::string writers::write(const release_tree& tree, std::string_view format) const {
    if (format == "xml") return tree.serialize();
    throw std::invalid_argument("unknown format: " + std::string(format));
}

}  // namespace communique::detail
