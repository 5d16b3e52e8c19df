// The bulk runner's thread pool: a fixed set of workers taking job indices
// in order from one counter, while the calling thread ticks the progress.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>

namespace batch {

// Calls work(i) for i = 0, 1, ... count - 1 on `threads` threads (at most
// `count`), each index once, handed out in order as threads free up. Once
// stop() is true no new index is handed out; the calls under way finish.
// Meanwhile the calling thread calls tick() every `interval` and once more
// when every worker is done. Returns after all workers have exited.
//
// work must be safe to call from several threads at once for different
// indices; stop and tick are called from the calling thread and the workers
// (stop) only.
void run_pool(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work,
              const std::function<bool()>& stop, const std::function<void()>& tick,
              std::chrono::milliseconds interval = std::chrono::milliseconds(100));

}  // namespace batch
