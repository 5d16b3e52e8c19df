// The bulk job (communique::job, src/batch/job.cpp): gathers the inputs,
// converts them on a pool of threads that share the engines, writes each
// output atomically, records it in the manifest, and ends with the report
// and (with a catalog) the catalog. It prints nothing: what a person should
// see goes to the job's callbacks, and the command prints it.
#pragma once

#include "write/catalog.hpp"

#include <communique/communique.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace batch {

// The job's callbacks, called one at a time (under `mutex`), each only when set.
class events {
public:
    communique::job::progress_callback progress;
    communique::job::diagnostics_callback diagnostics;
    communique::job::message_callback message;

    void say(std::string_view text);
    void show(std::string_view file, std::string_view text, std::span<const communique::diagnostic> diags);
    void tick(const communique::job_progress& p);

private:
    std::mutex mutex_;
};

// `opts` as checked by communique::job's constructor. `cancelled`: 0, a
// signal number, or -1 for a cancel without one; read while the job runs.
communique::job_summary run(const communique::job_options& opts, events& say, const std::atomic<int>& cancelled);

// Writes a catalog's files (communique::write_catalog) into `out_dir`;
// false after telling `say` why.
bool write_catalog_files(const std::filesystem::path& out_dir, const communique::detail::catalog_releases& releases,
                         const communique::catalog_options& options, const std::function<void(std::string_view)>& say);

}  // namespace batch
