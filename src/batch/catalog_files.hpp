// The files a catalog is, in the order communique::write_catalog returns them
// and the bulk runner writes them at the top of the output folder (and
// records them in the manifest, so that the next run does not read
// index.html as a release).
#pragma once

#include <communique/communique.hpp>

#include <cstddef>
#include <functional>
#include <span>
#include <string_view>

namespace communique::detail {

inline constexpr const char* catalog_files[] = {"index.html", "catalog.json", "feed.atom"};

// How many releases make one part of the page and the JSON: a part's trees
// (about 15 KB a release) are all the catalog holds at once.
inline constexpr std::size_t catalog_part_size = 256;

// The catalog file catalog_files[file] of write_catalog, passed to `sink`
// piece by piece, in order, as it is made: the memory it takes does not grow
// with the number of entries (the entries' sorted order aside). Stops with
// false as soon as `sink` returns false; true when every piece was taken.
// Throws as write_catalog does, std::invalid_argument for a `file` out of
// range. `part_size` is there for the tests: the output is the same for
// every part size. In the library and the writers module (catalog.cpp); the
// command reaches it through its writers (write/writers.hpp).
bool write_catalog_file(std::span<const catalog_entry> entries, const catalog_options& options, std::size_t file,
                        const std::function<bool(std::string_view)>& sink,
                        std::size_t part_size = catalog_part_size);

}  // namespace communique::detail
