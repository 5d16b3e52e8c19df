// The command's writers come from a module loaded on the first conversion:
// XSLT, PoDoFo, HarfBuzz and fontconfig are then loaded only when something
// is written, and `communique check` starts as fast as the core allows.
#include "write/writers.hpp"

#include <dlfcn.h>
#include <linux/limits.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace communique::detail {

namespace {

using factory = writers* (*)(const options*);

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

factory load() {
    std::string tried;
    for (const auto& path : candidates()) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) continue;
        // The module is kept loaded for the life of the process.
        void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            tried += std::string("; ") + ::dlerror();
            continue;
        }
        if (auto f = reinterpret_cast<factory>(::dlsym(handle, "communique_make_writers"))) return f;
        tried += "; " + path.string() + ": no entry point";
    }
    throw std::runtime_error("cannot load the writers module (" CQ_WRITERS_FILE "); set COMMUNIQUE_WRITERS_MODULE" +
                             tried);
}

}  // namespace

std::unique_ptr<writers> make_writers(const options& opts) {
    static std::once_flag once;
    static factory make = nullptr;
    std::call_once(once, [] { make = load(); });
    return std::unique_ptr<writers>(make(&opts));
}

}  // namespace communique::detail
