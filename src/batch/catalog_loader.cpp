#include "batch/catalog_loader.hpp"

#include "cli/writers_module.hpp"

#include <mutex>
#include <stdexcept>

namespace batch {

namespace {

using entry_point = int (*)(const communique::catalog_entry*, std::size_t, const communique::catalog_options*,
                            std::vector<std::pair<std::string, std::string>>*, std::string*);
using parameters_entry = int (*)(const communique::options*, const std::vector<std::string>*, bool,
                                 std::vector<std::string>*, std::string*);

}  // namespace

std::vector<std::pair<std::string, std::string>> write_catalog(std::span<const communique::catalog_entry> entries,
                                                               const communique::catalog_options& options) {
    static std::once_flag once;
    static entry_point call = nullptr;
    std::call_once(once, [] {
        call = reinterpret_cast<entry_point>(communique::detail::writers_module_entry("communique_write_catalog"));
    });
    std::vector<std::pair<std::string, std::string>> files;
    std::string error;
    if (call(entries.data(), entries.size(), &options, &files, &error) != 0) throw std::runtime_error(error);
    return files;
}

std::vector<std::string> stylesheet_parameters(const communique::options& opts, const std::vector<std::string>& formats,
                                               bool catalog) {
    auto call = reinterpret_cast<parameters_entry>(
        communique::detail::writers_module_entry("communique_stylesheet_parameters"));
    std::vector<std::string> names;
    std::string error;
    if (call(&opts, &formats, catalog, &names, &error) != 0) throw std::runtime_error(error);
    return names;
}

}  // namespace batch
