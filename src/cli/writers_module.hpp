// The writers module (communique-writers.so) that the command loads on its
// first conversion: XSLT, PoDoFo, HarfBuzz and fontconfig come with it, so
// that `communique check` starts with the core libraries alone.
#pragma once

#include <communique/communique.hpp>

#include <string>
#include <vector>

namespace communique::detail {

// The address of one of the module's C entry points, the module loaded on
// the first call and kept for the life of the process. Throws
// std::runtime_error when the module cannot be loaded or has no such entry.
void* writers_module_entry(const char* name);

// The names of the parameters the stylesheets of `formats` declare (with
// `catalog`, the catalog's too), the user's stylesheets in `opts` among
// them: the command warns about a --param none declares. Throws
// std::runtime_error when the module cannot be loaded or a user's
// stylesheet cannot be.
std::vector<std::string> stylesheet_parameters(const options& opts, const std::vector<std::string>& formats,
                                               bool catalog);

}  // namespace communique::detail
