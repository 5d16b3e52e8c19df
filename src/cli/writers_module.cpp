// The command's writers come from a module loaded on the first conversion:
// XSLT, PoDoFo, HarfBuzz and fontconfig are then loaded only when something
// is written, and `communique check` starts with the core libraries alone.
#include "cli/writers_module.hpp"

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
using parameters_entry = int (*)(const options*, const std::vector<std::string>*, bool, std::vector<std::string>*,
                                 std::string*);

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

void* writers_module_entry(const char* name) {
    void* f = ::dlsym(module(), name);
    if (!f) throw std::runtime_error(std::string("the writers module has no ") + name);
    return f;
}

std::vector<std::string> stylesheet_parameters(const options& opts, const std::vector<std::string>& formats,
                                               bool catalog) {
    auto call = reinterpret_cast<parameters_entry>(writers_module_entry("communique_stylesheet_parameters"));
    std::vector<std::string> names;
    std::string error;
    if (call(&opts, &formats, catalog, &names, &error) != 0) throw std::runtime_error(error);
    return names;
}

std::unique_ptr<writers> make_writers(const options& opts) {
    auto make = reinterpret_cast<factory>(writers_module_entry("communique_make_writers"));
    return std::unique_ptr<writers>(make(&opts));
}

}  // namespace communique::detail
