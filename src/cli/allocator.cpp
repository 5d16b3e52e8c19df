// mimalloc's settings for the command (linked only with COMMUNIQUE_MIMALLOC).
#include <mimalloc.h>

#include <cstdlib>

namespace {

// mimalloc's memory in 2 MiB pages where the kernel gives them (transparent
// huge pages): a check touches about 2 MB of heap, and page faults were half
// of its start-up on a VM where a fault is dear (docs/performance.md, Round
// 4). MIMALLOC_LARGE_OS_PAGES still decides when it is set. A constructor,
// so that the heap the command's own static objects take is in them too.
[[gnu::constructor(101)]] void use_large_pages() {
    if (!std::getenv("MIMALLOC_LARGE_OS_PAGES")) mi_option_set_enabled(mi_option_large_os_pages, true);
}

}  // namespace
