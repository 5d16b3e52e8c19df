// The catalog writer (catalog.cpp), which the library and the writers
// module hold, and what the bulk runner needs to know of it: the files a
// catalog is, in the order communique::write_catalog returns them and the
// runner writes them at the top of the output folder (and records them in
// the manifest, so that the next run does not read index.html as a release).
#pragma once

#include <communique/communique.hpp>

#include <cstddef>
#include <functional>
#include <span>
#include <string_view>

namespace communique::detail {

inline constexpr const char* catalog_files[] = {"index.html", "catalog.json", "feed.atom"};

// How many releases make one part of the page and the JSON: a part's trees
// (about 11 KB a release) are what the catalog holds at once, beside the
// order of the releases.
inline constexpr std::size_t catalog_part_size = 256;

// The releases a catalog lists, as write_catalog_file reads them: the date
// and source of each (what the order is made from) for every release at
// once, each whole entry only when the part that shows it is made. So the
// releases need not all be in memory: the bulk runner reads each one back
// from its log (batch/report.hpp). Calls may come from any thread, one at a
// time.
class catalog_releases {
public:
    virtual ~catalog_releases() = default;
    virtual std::size_t size() const = 0;
    virtual std::string_view date(std::size_t i) const = 0;  // entry(i).info.date
    virtual std::string_view source(std::size_t i) const = 0;  // entry(i).source
    virtual catalog_entry entry(std::size_t i) const = 0;
};

// Entries in memory as catalog_releases (write_catalog's, `communique catalog`'s).
class catalog_span final : public catalog_releases {
public:
    explicit catalog_span(std::span<const catalog_entry> entries) : entries_(entries) {}
    std::size_t size() const override { return entries_.size(); }
    std::string_view date(std::size_t i) const override { return entries_[i].info.date; }
    std::string_view source(std::size_t i) const override { return entries_[i].source; }
    catalog_entry entry(std::size_t i) const override { return entries_[i]; }

private:
    std::span<const catalog_entry> entries_;
};

// The catalog file catalog_files[file] of write_catalog, passed to `sink`
// piece by piece, in order, as it is made: the memory it takes does not grow
// with the number of releases (their sorted order aside). Stops with false
// as soon as `sink` returns false; true when every piece was taken. Throws
// as write_catalog does, std::invalid_argument for a `file` out of range.
// `part_size` is there for the tests: the output is the same for every part
// size. In the library and the writers module (catalog.cpp); the command
// reaches it through its writers (write/writers.hpp).
bool write_catalog_file(const catalog_releases& releases, const catalog_options& options, std::size_t file,
                        const std::function<bool(std::string_view)>& sink,
                        std::size_t part_size = catalog_part_size);

}  // namespace communique::detail
