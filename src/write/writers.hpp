// The writers of every format but the canonical XML: XSLT stylesheets and
// the PDF renderer. They live behind this interface so that the command can
// load them only when it converts: `check` in a pre-commit hook never loads
// libxslt, PoDoFo or HarfBuzz.
#pragma once

#include "tree/release.hpp"

#include <communique/communique.hpp>

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
    // communique::write_catalog, reached through here by the bulk job: the
    // catalog's stylesheets come with the writers, which the command has only
    // in its module. Thread-safe; throws as write_catalog does.
    virtual std::vector<std::pair<std::string, std::string>> catalog(std::span<const catalog_entry> entries,
                                                                     const catalog_options& options) const = 0;
};

// The writers for these options. Throws std::runtime_error when a user's
// stylesheet cannot be loaded (or, in the command, when the writers module
// cannot be loaded). Defined by write/xslt_writers.cpp in the library, and by
// the command's module loader (cli/writers_module.cpp) in the command.
std::unique_ptr<writers> make_writers(const options& opts);

}  // namespace communique::detail
