// The subcommands, each a short loop over its inputs around the engine.
#pragma once

#include "cli/report.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cli {

// Exit codes, as documented in the README.
inline constexpr int exit_ok = 0;       // every release valid (warnings allowed)
inline constexpr int exit_invalid = 1;  // a release has an error (or, for fmt --check, would change)
inline constexpr int exit_usage = 2;    // bad command line or config, unreadable input, unwritable output

// What the command line says about reading and writing releases; unset
// values come from the configuration file, then from the defaults.
struct settings {
    std::optional<std::string> config;
    std::optional<std::string> date_order;  // "day-first" or "month-first"
    std::optional<unsigned> width;
    std::vector<std::string> stylesheets;  // FORMAT=PATH
    std::vector<std::string> params;       // NAME=VALUE
    std::vector<std::string> readable;     // folders stylesheets may read
};

int run_check(const std::vector<std::string>& files, const settings& how, report_format format, bool fail_on_warning);
int list_rules();
int run_convert(const std::vector<std::string>& files, const std::vector<std::string>& to, const std::string& out_dir,
                const settings& how);
int run_fmt(const std::vector<std::string>& files, const settings& how, bool check_only);

}  // namespace cli
