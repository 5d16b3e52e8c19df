// The writers module (communique-writers.so) that the command loads on its
// first conversion: XSLT, PoDoFo, HarfBuzz and fontconfig come with it, so
// that `communique check` starts with the core libraries alone. The command
// reaches it through its one C entry point (write/writers_entry.h), which
// write/writers.hpp's writers_table() returns.
#pragma once

#include <communique/communique.hpp>

#include <string>
#include <vector>

namespace communique::detail {

// The names of the parameters the stylesheets of `formats` declare (with
// `catalog`, the catalog's too), the user's stylesheets in `opts` among
// them: the command warns about a --param none declares. Throws
// std::runtime_error when the module cannot be loaded or a user's
// stylesheet cannot be.
std::vector<std::string> stylesheet_parameters(const options& opts, const std::vector<std::string>& formats,
                                               bool catalog);

}  // namespace communique::detail
