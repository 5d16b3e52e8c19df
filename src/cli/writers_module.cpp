// The command's side of the writers' seam (write/writers_entry.h): the
// module is loaded on the first conversion, so that XSLT, PoDoFo, HarfBuzz
// and fontconfig are loaded only when something is written and `communique
// check`, run by pre-commit hooks, starts with the core libraries alone.
#include "cli/writers_module.hpp"

#include "write/writers.hpp"

#include <dlfcn.h>
#include <linux/limits.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>

namespace communique::detail {

namespace {

std::filesystem::path executable_folder() {
    char buffer[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (n <= 0) return {};
    return std::filesystem::path(std::string(buffer, static_cast<std::size_t>(n))).parent_path();
}

// Where the module may be: COMMUNIQUE_WRITERS_MODULE, beside an installed
// command (bin/../lib/communique/), or in the build tree.
std::vector<std::filesystem::path> candidates() {
    std::vector<std::filesystem::path> out;
    if (const char* env = std::getenv("COMMUNIQUE_WRITERS_MODULE"); env && *env) out.emplace_back(env);
    std::filesystem::path here = executable_folder();
    out.push_back(here / ".." / CQ_WRITERS_INSTALL_DIR / CQ_WRITERS_FILE);
    out.push_back(here / CQ_WRITERS_FILE);
    out.emplace_back(CQ_WRITERS_BUILD_PATH);
    return out;
}

// The module's handle, loaded once and kept for the life of the process.
void* module() {
    static std::once_flag once;
    static void* handle = nullptr;
    static std::string failure;
    std::call_once(once, [] {
        for (const auto& path : candidates()) {
            std::error_code ec;
            if (!std::filesystem::exists(path, ec)) continue;
            if ((handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL))) return;
            failure += std::string("; ") + ::dlerror();
        }
    });
    if (!handle)
        throw std::runtime_error("cannot load the writers module (" CQ_WRITERS_FILE
                                 "); set COMMUNIQUE_WRITERS_MODULE to its path" + failure);
    return handle;
}

}  // namespace

// The module's table, its version, size and build checked against the
// command's own: its C++ objects must be the command's.
const communique_writers_v1_table& writers_table() {
    static const communique_writers_v1_table* table = [] {
        using entry = const communique_writers_v1_table* (*)();
        auto get = reinterpret_cast<entry>(::dlsym(module(), "communique_writers_v1"));
        if (!get) throw std::runtime_error("the writers module (" CQ_WRITERS_FILE ") has no communique_writers_v1");
        const communique_writers_v1_table* t = get();
        if (!t || t->version != COMMUNIQUE_WRITERS_VERSION || t->size != sizeof(communique_writers_v1_table) ||
            std::strcmp(t->build, writers_build) != 0)
            throw std::runtime_error(
                std::string("the writers module (" CQ_WRITERS_FILE ") is not of this build of communique: it has "
                            "table version ") +
                (t ? std::to_string(t->version) + " from " + t->build : std::string("none")) + ", the command wants " +
                std::to_string(COMMUNIQUE_WRITERS_VERSION) + " from " + writers_build +
                "; install the module that came with this command, or set COMMUNIQUE_WRITERS_MODULE to its path");
        return t;
    }();
    return *table;
}

std::vector<std::string> stylesheet_parameters(const options& opts, const std::vector<std::string>& formats,
                                               bool catalog) {
    const communique_writers_v1_table& t = writers_table();
    std::vector<std::string> names;
    int failure = 0;
    char* error = nullptr;
    if (t.stylesheet_parameters(&opts, &formats, catalog ? 1 : 0, &names, &failure, &error) != 0) {
        std::string message = error ? error : "unknown error";
        t.free_error(error);
        throw std::runtime_error(message);
    }
    return names;
}

}  // namespace communique::detail
