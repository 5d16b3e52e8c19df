#include "cli/signals.hpp"

#include <atomic>
#include <csignal>

namespace cli {

namespace {

// Lock-free, so that the handler may touch it.
std::atomic<int> caught_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);
std::atomic<communique::job*> job_to_cancel{nullptr};
static_assert(std::atomic<communique::job*>::is_always_lock_free);

struct sigaction previous_int, previous_term;

extern "C" void on_signal(int signo) {
    caught_signal.store(signo, std::memory_order_relaxed);
    if (communique::job* j = job_to_cancel.load(std::memory_order_relaxed)) j->cancel(signo);
    // The next one is not caught: sigaction is async-signal-safe.
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(signo, &dfl, nullptr);
}

}  // namespace

stop_signals::stop_signals(communique::job& running) {
    caught_signal.store(0);
    job_to_cancel.store(&running);
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, &previous_int);
    sigaction(SIGTERM, &sa, &previous_term);
}

stop_signals::~stop_signals() {
    sigaction(SIGINT, &previous_int, nullptr);
    sigaction(SIGTERM, &previous_term, nullptr);
    job_to_cancel.store(nullptr);
}

int stop_signals::caught() noexcept { return caught_signal.load(std::memory_order_relaxed); }

}  // namespace cli
