#include "cli/configs.hpp"

#include "cli/files.hpp"
#include "cli/report.hpp"

#include <fmt/core.h>

namespace fs = std::filesystem;

namespace cli {

engines::engines(std::optional<fs::path> explicit_config, std::function<void(communique::options&)> overrides)
    : explicit_(std::move(explicit_config)), overrides_(std::move(overrides)) {}

std::optional<fs::path> engines::find_config(const fs::path& folder) {
    if (auto it = config_of_folder_.find(folder); it != config_of_folder_.end()) return it->second;
    std::optional<fs::path> found;
    std::error_code ec;
    if (fs::exists(folder / config_name, ec)) found = folder / config_name;
    else if (folder.has_parent_path() && folder.parent_path() != folder) found = find_config(folder.parent_path());
    config_of_folder_[folder] = found;
    return found;
}

std::optional<fs::path> engines::config_for_input(const std::string& name) {
    if (explicit_) return explicit_;
    std::error_code ec;
    fs::path start = name == "-" ? fs::current_path(ec) : fs::absolute(fs::path(name), ec).parent_path();
    return ec ? std::nullopt : find_config(start);
}

const communique::engine* engines::for_input(const std::string& name) {
    std::optional<fs::path> config = config_for_input(name);
    std::string key = config ? config->string() : std::string();
    if (broken_[key]) return nullptr;
    auto& slot = by_config_[key];
    if (slot) return slot.get();

    communique::options opts;
    if (config) {
        auto text = read_input(config->string());
        if (!text) {
            broken_[key] = true;
            return nullptr;
        }
        communique::config_result parsed = communique::parse_config(text->bytes);
        if (!parsed.diagnostics.empty()) {
            reporter r(report_format::human);
            r.add(config->string(), text->bytes, parsed.diagnostics);
        }
        if (!parsed.ok()) {
            broken_[key] = true;
            return nullptr;
        }
        opts = std::move(parsed.opts);
    }
    overrides_(opts);
    try {
        slot = std::make_unique<communique::engine>(std::move(opts));
    } catch (const std::exception& e) {
        fmt::print(stderr, "communique: {}\n", e.what());
        broken_[key] = true;
        return nullptr;
    }
    return slot.get();
}

}  // namespace cli
