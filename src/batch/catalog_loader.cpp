#include "batch/catalog_loader.hpp"

#include <dlfcn.h>
#include <linux/limits.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace batch {

namespace {

using entry_point = int (*)(const communique::catalog_entry*, std::size_t,
                            std::vector<std::pair<std::string, std::string>>*, std::string*);

// The same places, in the same order, as cli/writers_module.cpp looks for
// the writers (CQ_WRITERS_* are the command's compile definitions), so that
// the catalog comes from the very module the conversions used; dlopen()
// of an already loaded module returns it again.
std::vector<std::filesystem::path> candidates() {
    std::vector<std::filesystem::path> out;
    if (const char* env = std::getenv("COMMUNIQUE_WRITERS_MODULE"); env && *env) out.emplace_back(env);
    char buffer[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    std::filesystem::path here =
        n > 0 ? std::filesystem::path(std::string(buffer, static_cast<std::size_t>(n))).parent_path()
              : std::filesystem::path();
    out.push_back(here / ".." / CQ_WRITERS_INSTALL_DIR / CQ_WRITERS_FILE);
    out.push_back(here / CQ_WRITERS_FILE);
    out.emplace_back(CQ_WRITERS_BUILD_PATH);
    return out;
}

entry_point load() {
    std::string tried;
    for (const auto& path : candidates()) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) continue;
        void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);  // kept for the life of the process
        if (!handle) {
            tried += std::string("; ") + ::dlerror();
            continue;
        }
        if (auto f = reinterpret_cast<entry_point>(::dlsym(handle, "communique_write_catalog"))) return f;
        tried += "; " + path.string() + ": no catalog entry point";
    }
    throw std::runtime_error("cannot load the writers module (" CQ_WRITERS_FILE "); set COMMUNIQUE_WRITERS_MODULE" +
                             tried);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> write_catalog(std::span<const communique::catalog_entry> entries) {
    static std::once_flag once;
    static entry_point call = nullptr;
    std::call_once(once, [] { call = load(); });
    std::vector<std::pair<std::string, std::string>> files;
    std::string error;
    if (call(entries.data(), entries.size(), &files, &error) != 0) throw std::runtime_error(error);
    return files;
}

}  // namespace batch
