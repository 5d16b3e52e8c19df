// communique::write_catalog for the command, which has the writers (and so
// the stylesheets) only in a module it loads on demand.
#pragma once

#include <communique/communique.hpp>

#include <span>
#include <string>
#include <utility>
#include <vector>

namespace batch {

// As communique::write_catalog: file name -> bytes. Throws
// std::runtime_error when the writers module cannot be loaded or a
// stylesheet fails.
std::vector<std::pair<std::string, std::string>> write_catalog(std::span<const communique::catalog_entry> entries);

}  // namespace batch
