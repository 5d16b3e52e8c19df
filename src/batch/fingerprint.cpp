#include "batch/fingerprint.hpp"

#include "batch/io.hpp"
#include "core/hash.hpp"

#include <communique/communique.hpp>

namespace fs = std::filesystem;

namespace batch {

namespace {

void put(std::string& out, std::string_view s) {
    // Length-prefixed, so that no two different settings give the same bytes.
    out += std::to_string(s.size());
    out += ':';
    out += s;
}

}  // namespace

fingerprints::fingerprints(const std::vector<std::string>& formats, const cli::settings& cli_settings) {
    put(base_, "communique");
    put(base_, communique::version());
    for (const std::string& f : formats) put(base_, "format=" + f);
    if (cli_settings.date_order) put(base_, "date-order=" + *cli_settings.date_order);
    if (cli_settings.width) put(base_, "width=" + std::to_string(*cli_settings.width));
    for (const std::string& p : cli_settings.params) put(base_, "param=" + p);
    for (const std::string& r : cli_settings.readable) put(base_, "allow-read=" + r);
    put(base_, cli_settings.accept_invalid ? "accept-invalid" : "");
    for (const std::string& s : cli_settings.stylesheets) {
        put(base_, "stylesheet=" + s);
        std::string error;
        std::size_t eq = s.find('=');
        auto bytes = eq == std::string::npos ? std::nullopt : read_file(s.substr(eq + 1), error);
        put(base_, bytes ? *bytes : "unreadable");
    }
}

std::uint64_t fingerprints::for_input(const std::optional<fs::path>& config) {
    std::string key = config ? config->string() : std::string();
    if (auto it = by_config_.find(key); it != by_config_.end()) return it->second;
    communique::detail::fnv1a h;
    h.field(base_);
    if (config) {
        std::string error;
        auto bytes = read_file(config->string(), error);
        h.field("config").field(bytes ? *bytes : "unreadable");
    }
    return by_config_[key] = h.value();
}

}  // namespace batch
