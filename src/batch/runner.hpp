// The bulk runner behind `communique convert ... -o DIR`: gathers the
// inputs, converts them on a pool of threads that share the engines, writes
// each output atomically, records it in the manifest, and ends with the
// summary, the report and (with --catalog) the catalog.
#pragma once

#include "batch/inputs.hpp"
#include "cli/commands.hpp"
#include "cli/configs.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace batch {

struct request {
    std::vector<std::string> args;  // files and folders
    std::optional<std::string> files_from;
    std::vector<std::string> formats;  // known format names, no duplicates
    std::filesystem::path out_dir;
    unsigned threads = 1;
    walk_options walk;  // output_folder is filled in by run()
    std::optional<std::string> report;
    bool force = false;
    bool catalog = false;
    communique::catalog_options catalog_options;  // --param, --base-url
    bool quiet = false;
    unsigned shard_index = 0, shard_count = 0;  // 0: not sharded
};

// The exit status: 0 every release converted or up to date (converted-invalid
// ones included), 1 a release is invalid, 2 an input could not be read or an
// output written (or the output folder is unusable), 128 + signal when
// interrupted (130 Ctrl-C, 143 SIGTERM).
int run(const request& req, const cli::settings& cli_settings, cli::engines& engines_by_config);

// `communique catalog REPORT.json... -o DIR`: one catalog from the reports of
// several runs (shards), whose outputs are all under DIR.
int run_catalog(const std::vector<std::string>& reports, const std::filesystem::path& out_dir,
                const communique::catalog_options& options);

}  // namespace batch
