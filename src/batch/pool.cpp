#include "batch/pool.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace batch {

void run_pool(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work,
              const std::function<bool()>& stop, const std::function<void()>& tick, std::chrono::milliseconds interval) {
    auto n = static_cast<unsigned>(std::min<std::size_t>(std::max(threads, 1u), count));
    std::atomic<std::size_t> next{0};
    std::mutex m;
    std::condition_variable cv;
    unsigned exited = 0;  // under m
    std::vector<std::thread> workers;
    workers.reserve(n);
    for (unsigned w = 0; w < n; ++w) {
        workers.emplace_back([&] {
            // One shared counter, not pre-cut ranges: a slow release (a long
            // PDF) holds up one thread, not a whole range.
            while (!stop()) {
                std::size_t i = next.fetch_add(1);
                if (i >= count) break;
                work(i);
            }
            {
                std::lock_guard lock(m);
                ++exited;
            }
            cv.notify_all();
        });
    }
    // The last tick comes after every worker is seen to have exited, so
    // that it sees all the work done.
    std::unique_lock lock(m);
    for (bool all_done = false; !all_done;) {
        if (exited < n) cv.wait_for(lock, interval);
        all_done = exited == n;
        lock.unlock();
        tick();
        lock.lock();
    }
    lock.unlock();
    for (std::thread& t : workers) t.join();
}

}  // namespace batch
