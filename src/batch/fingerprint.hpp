// The settings hash of the manifest: everything other than the input's bytes
// that shapes a release's outputs, so that changing any of it converts the
// release again.
//
// It covers communique's version (which stands for the built-in stylesheets
// and the schema, compiled into the binary), the formats asked for, the
// command line's options (--date-order, --width, --param, --allow-read,
// --accept-invalid, --config), the bytes of every --stylesheet, and the bytes
// of the .communique.toml that applies to the input. Not covered: files a
// user stylesheet reads with document() or xsl:include at run time (use
// --force after changing them).
#pragma once

#include "cli/commands.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace batch {

class fingerprints {
public:
    fingerprints(const std::vector<std::string>& formats, const cli::settings& cli_settings);

    // The hash for an input under `config` (cli::engines::config_for_input).
    // Not thread-safe (it caches): called from the main thread while the
    // jobs are prepared.
    std::uint64_t for_input(const std::optional<std::filesystem::path>& config);

private:
    std::string base_;  // the command line, as bytes to hash
    std::map<std::string, std::uint64_t> by_config_;
};

}  // namespace batch
