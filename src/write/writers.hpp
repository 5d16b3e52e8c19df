// The writers of every format but the canonical XML: XSLT stylesheets and
// the PDF renderer. They live behind this interface so that the command can
// load them only when it converts: `check` in a pre-commit hook never loads
// libxslt, PoDoFo or HarfBuzz.
#pragma once

#include "write/catalog.hpp"
#include "tree/release.hpp"
#include "write/writers_entry.h"

#include <communique/communique.hpp>
#include <communique/version.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace communique::detail {

class writers {
public:
    virtual ~writers() = default;
    // The release in a format of format_table() other than xml; false with a
    // diagnostic when a stylesheet or the renderer failed. Thread-safe.
    virtual bool write(const release_tree& tree, std::string_view format, std::string& out,
                       std::vector<diagnostic>& diagnostics) const = 0;
    // detail::write_catalog_file (write/catalog.hpp), reached through
    // here by the bulk job: the catalog's stylesheets come with the writers,
    // which the command has only in its module. Thread-safe; throws as
    // write_catalog does.
    virtual bool catalog_file(const catalog_releases& releases, const catalog_options& options, std::size_t file,
                              const std::function<bool(std::string_view)>& sink) const = 0;
};

// The writers for these options, reached through the C table below: one
// definition (write/writers.cpp), in the library and in the command alike.
// Throws std::runtime_error when a user's stylesheet cannot be loaded (or,
// in the command, when the writers module cannot be loaded).
std::unique_ptr<writers> make_writers(const options& opts);

// The XSLT and PDF writers themselves (write/xslt_writers.cpp), made only by
// the table's `open` (write/module.cpp).
std::unique_ptr<writers> make_xslt_writers(const options& opts);

// Which build the table's C++ objects come from; a table from another build
// is refused.
inline constexpr const char* writers_build = COMMUNIQUE_VERSION_STRING " " __VERSION__;

// The writers' table (write/writers_entry.h says why it is a seam). Defined
// twice, one definition a binary: by write/module.cpp in the library and
// the module (the table linked in), and by cli/writers_module.cpp in the
// command, which loads the module on the first call and checks its version.
const communique_writers_v1_table& writers_table();

}  // namespace communique::detail
