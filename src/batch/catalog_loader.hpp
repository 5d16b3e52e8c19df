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
std::vector<std::pair<std::string, std::string>> write_catalog(std::span<const communique::catalog_entry> entries,
                                                               const communique::catalog_options& options);

// The names of the parameters the stylesheets of `formats` declare (with
// `catalog`, the catalog's too), the user's stylesheets in `opts` among
// them. Throws std::runtime_error as write_catalog does, or when a user's
// stylesheet cannot be loaded.
std::vector<std::string> stylesheet_parameters(const communique::options& opts, const std::vector<std::string>& formats,
                                               bool catalog);

}  // namespace batch
