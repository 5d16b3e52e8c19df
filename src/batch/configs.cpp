#include "batch/configs.hpp"

#include "batch/io.hpp"

#include <fmt/core.h>

namespace fs = std::filesystem;

namespace batch {

engine_cache::engine_cache(std::optional<fs::path> explicit_config, std::function<void(communique::options&)> overrides,
                           communique::input_format from, communique::options base, bool find_configs)
    : explicit_(std::move(explicit_config)),
      overrides_(std::move(overrides)),
      from_(from),
      base_(std::move(base)),
      find_configs_(find_configs) {}

communique::input_format input_format_of(const std::string& name, communique::input_format from) {
    if (from != communique::input_format::automatic) return from;
    std::string ext = fs::path(name).extension().string();
    for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (ext == ".docx") return communique::input_format::docx;
    if (ext == ".html" || ext == ".htm") return communique::input_format::html;
    return communique::input_format::automatic;
}

std::optional<fs::path> engine_cache::find_config(const fs::path& folder) {
    if (auto it = config_of_folder_.find(folder.native()); it != config_of_folder_.end()) return it->second;
    std::optional<fs::path> found;
    std::error_code ec;
    if (fs::exists(folder / config_name, ec))
        found = folder / config_name;
    else if (folder.has_parent_path() && folder.parent_path() != folder)
        found = find_config(folder.parent_path());
    config_of_folder_[folder.native()] = found;
    return found;
}

std::optional<fs::path> engine_cache::config_for_input(const std::string& name) {
    if (explicit_) return explicit_;
    if (!find_configs_) return std::nullopt;
    // By the folder as the name writes it, first: a run's inputs share a
    // few folders, and the working folder does not change during a run, so
    // most inputs need no path made absolute (a getcwd each) and no lookup.
    const std::size_t slash = name.rfind('/');
    std::string written = name == "-" ? name : name.substr(0, slash == std::string::npos ? 0 : slash + 1);
    if (auto it = config_of_written_folder_.find(written); it != config_of_written_folder_.end()) return it->second;
    std::error_code ec;
    fs::path start = name == "-" ? fs::current_path(ec) : fs::absolute(fs::path(name), ec).parent_path();
    std::optional<fs::path> found = ec ? std::nullopt : find_config(start);
    config_of_written_folder_.emplace(std::move(written), found);
    return found;
}

std::string engine_cache::config_key_of(const std::string& name) {
    std::optional<fs::path> config = config_for_input(name);
    return config ? config->string() : std::string();
}

const communique::options* engine_cache::options_for_input(const std::string& name) {
    std::string key = config_key_of(name) + '\n' + std::string(communique::to_string(input_format_of(name, from_)));
    auto it = options_by_key_.find(key);
    return it == options_by_key_.end() ? nullptr : &it->second;
}

expected<const communique::engine*> engine_cache::for_input(const std::string& name,
                                                            std::vector<config_problem>& problems) {
    std::optional<fs::path> config = config_for_input(name);
    communique::input_format format = input_format_of(name, from_);
    std::string config_key = config ? config->string() : std::string();
    auto fail = [&](std::string why, bool in_file) {
        broken_[config_key] = {why, in_file};
        return problem{in_file ? communique::detail::rule::config : communique::detail::rule::stylesheet,
                       std::move(why)};
    };
    if (const failure& broken = broken_[config_key]; !broken.why.empty()) return fail(broken.why, broken.in_file);
    std::string key = config_key + '\n' + std::string(communique::to_string(format));
    auto& slot = by_config_[key];
    if (slot) return slot.get();

    // A configuration is read (and its mistakes reported) once, whatever
    // formats its inputs come in.
    auto known = options_of_config_.find(config_key);
    if (known == options_of_config_.end()) {
        communique::options read_opts = base_;
        if (config) {
            auto text = read_file(config->string());
            if (!text) {
                problems.push_back({config->string(), {}, {std::move(text).error().at_level()}});
                return fail(fmt::format("its configuration file {} cannot be read", config->string()), true);
            }
            communique::config_result parsed = communique::parse_config(*text, base_);
            const bool usable = parsed.ok();
            if (!parsed.diagnostics.empty())
                problems.push_back({config->string(), std::move(*text), std::move(parsed.diagnostics)});
            if (!usable) return fail(fmt::format("its configuration file {} has errors", config->string()), true);
            read_opts = std::move(parsed.opts);
        }
        known = options_of_config_.emplace(config_key, std::move(read_opts)).first;
    }
    communique::options opts = known->second;
    if (overrides_) overrides_(opts);
    opts.input = format;
    try {
        slot = std::make_unique<communique::engine>(opts);
    } catch (const std::exception& e) {
        return fail(e.what(), false);
    }
    options_by_key_[key] = std::move(opts);
    return slot.get();
}

}  // namespace batch
