// communique::job, the public face of the bulk runner (batch/runner.cpp).
#include "batch/runner.hpp"
#include "write/formats.hpp"

#include <communique/communique.hpp>

#include <atomic>
#include <stdexcept>

namespace communique {
COMMUNIQUE_INLINE_NAMESPACE_BEGIN

struct job::impl {
    job_options opts;
    batch::events events;
    // 0, the signal that asked the job to stop, or -1 (cancel() without
    // one). Lock-free, so that a signal handler may set it.
    std::atomic<int> cancelled{0};
    static_assert(std::atomic<int>::is_always_lock_free);
};

job::job(job_options opts) : impl_(std::make_unique<impl>()) {
    if (opts.inputs.empty() && opts.files_from.empty())
        throw std::invalid_argument("a job needs inputs (files, folders or a list of files)");
    if (opts.output_dir.empty()) throw std::invalid_argument("a job needs an output folder");
    for (const std::string& name : opts.formats)
        if (!detail::find_format(name)) throw std::invalid_argument("unknown format: " + name);
    if (opts.shard_count != 0 || opts.shard_index != 0) {
        if (opts.shard_index < 1 || opts.shard_index > opts.shard_count)
            throw std::invalid_argument("the shard must be K of N with 1 <= K <= N, not " +
                                        std::to_string(opts.shard_index) + " of " + std::to_string(opts.shard_count));
    }
    impl_->opts = std::move(opts);
}

job::~job() = default;
job::job(job&&) noexcept = default;
job& job::operator=(job&&) noexcept = default;

void job::on_progress(progress_callback callback) { impl_->events.progress = std::move(callback); }
void job::on_diagnostics(diagnostics_callback callback) { impl_->events.diagnostics = std::move(callback); }
void job::on_message(message_callback callback) { impl_->events.message = std::move(callback); }

void job::cancel(int signal) noexcept { impl_->cancelled.store(signal != 0 ? signal : -1, std::memory_order_relaxed); }

job_summary job::run() { return batch::run(impl_->opts, impl_->events, impl_->cancelled); }

COMMUNIQUE_INLINE_NAMESPACE_END
}  // namespace communique
