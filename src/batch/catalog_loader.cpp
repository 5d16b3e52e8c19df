#include "batch/catalog_loader.hpp"

#include "cli/writers_module.hpp"

#include <mutex>
#include <stdexcept>

namespace batch {

namespace {

using entry_point = int (*)(const communique::catalog_entry*, std::size_t,
                            std::vector<std::pair<std::string, std::string>>*, std::string*);

}  // namespace

std::vector<std::pair<std::string, std::string>> write_catalog(std::span<const communique::catalog_entry> entries) {
    static std::once_flag once;
    static entry_point call = nullptr;
    std::call_once(once, [] {
        call = reinterpret_cast<entry_point>(communique::detail::writers_module_entry("communique_write_catalog"));
    });
    std::vector<std::pair<std::string, std::string>> files;
    std::string error;
    if (call(entries.data(), entries.size(), &files, &error) != 0) throw std::runtime_error(error);
    return files;
}

}  // namespace batch
