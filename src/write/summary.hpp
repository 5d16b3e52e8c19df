// What a catalog needs to know of a release, read off its tree.
#pragma once

#include "tree/release.hpp"

#include <communique/communique.hpp>

namespace communique::detail {

release_info summarize(const release_tree& tree);

}  // namespace communique::detail
