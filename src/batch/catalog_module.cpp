// The catalog's entry point in the writers module (communique-writers.so).
//
// The command links only the core and loads the writers, with libxslt, on
// its first conversion (cli/writers_module.cpp). The catalog is written by
// stylesheets too, so the command reaches communique::write_catalog through
// this C entry point of the same module (batch/catalog_loader.cpp), and
// `check` still never loads libxslt. Built into the module only, so the
// public library exports nothing more than its API.
#include <communique/communique.hpp>

#include <exception>
#include <string>
#include <utility>
#include <vector>

// Both sides come from one build (the loader looks beside the command), so
// C++ types may cross, as they do for communique_make_writers. Exceptions do
// not: they come back as an error message and 1.
extern "C" __attribute__((visibility("default"))) int communique_write_catalog(
    const communique::catalog_entry* entries, std::size_t count,
    std::vector<std::pair<std::string, std::string>>* files, std::string* error) noexcept {
    try {
        *files = communique::write_catalog({entries, count});
        return 0;
    } catch (const std::exception& e) {
        *error = e.what();
    } catch (...) {
        *error = "unknown error";
    }
    return 1;
}
