// The files a catalog is, in the order communique::write_catalog returns them
// and the bulk runner writes them at the top of the output folder (and
// records them in the manifest, so that the next run does not read
// index.html as a release).
#pragma once

namespace communique::detail {

inline constexpr const char* catalog_files[] = {"index.html", "catalog.json", "feed.atom"};

}  // namespace communique::detail
