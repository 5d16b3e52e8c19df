#include "cli/configs.hpp"

#include "cli/files.hpp"
#include "cli/report.hpp"

#include <fmt/core.h>

namespace fs = std::filesystem;

namespace cli {

engines::engines(std::optional<fs::path> explicit_config, std::function<void(communique::options&)> overrides,
                 communique::input_format from)
    : explicit_(std::move(explicit_config)), overrides_(std::move(overrides)), from_(from) {}

namespace {

// The format an input is read as: --from's, or its extension's for the
// formats a file name tells reliably, or left to its content.
communique::input_format input_format_of(const std::string& name, communique::input_format from) {
    if (from != communique::input_format::automatic) return from;
    std::string ext = fs::path(name).extension().string();
    for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (ext == ".docx") return communique::input_format::docx;
    if (ext == ".html" || ext == ".htm") return communique::input_format::html;
    return communique::input_format::automatic;
}

}  // namespace

std::optional<fs::path> engines::find_config(const fs::path& folder) {
    if (auto it = config_of_folder_.find(folder); it != config_of_folder_.end()) return it->second;
    std::optional<fs::path> found;
    std::error_code ec;
    if (fs::exists(folder / config_name, ec))
        found = folder / config_name;
    else if (folder.has_parent_path() && folder.parent_path() != folder)
        found = find_config(folder.parent_path());
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
    communique::input_format format = input_format_of(name, from_);
    std::string config_key = config ? config->string() : std::string();
    if (broken_[config_key]) return nullptr;
    std::string key = config_key + '\n' + std::string(communique::to_string(format));
    auto& slot = by_config_[key];
    if (slot) return slot.get();

    // A configuration is read (and its mistakes reported) once, whatever
    // formats its inputs come in.
    auto known = options_of_config_.find(config_key);
    if (known == options_of_config_.end()) {
        communique::options read_opts;
        if (config) {
            auto text = read_input(config->string());
            if (!text) {
                broken_[config_key] = true;
                return nullptr;
            }
            communique::config_result parsed = communique::parse_config(text->bytes);
            if (!parsed.diagnostics.empty()) {
                reporter r(report_format::human);
                r.add(config->string(), text->bytes, parsed.diagnostics);
            }
            if (!parsed.ok()) {
                broken_[config_key] = true;
                return nullptr;
            }
            read_opts = std::move(parsed.opts);
        }
        known = options_of_config_.emplace(config_key, std::move(read_opts)).first;
    }
    communique::options opts = known->second;
    overrides_(opts);
    opts.input = format;
    try {
        slot = std::make_unique<communique::engine>(std::move(opts));
    } catch (const std::exception& e) {
        fmt::print(stderr, "communique: {}\n", e.what());
        broken_[config_key] = true;
        return nullptr;
    }
    return slot.get();
}

}  // namespace cli
