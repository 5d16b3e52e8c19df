// Ctrl-C and SIGTERM during a bulk run: stop taking new releases, let the
// ones being converted finish, write the report and the manifest, and exit
// 128 + the signal (130, 143). A second signal kills at once (the default
// action is back in place after the first), for a user who will not wait.
#pragma once

#include <communique/communique.hpp>

namespace cli {

class stop_signals {
public:
    // Installs the handlers; a signal cancels `running` (job::cancel is
    // async-signal-safe), which then stops as the comment above says.
    explicit stop_signals(communique::job& running);
    ~stop_signals();  // puts the previous ones back

    stop_signals(const stop_signals&) = delete;
    stop_signals& operator=(const stop_signals&) = delete;

    // 0, or the signal that asked the run to stop. Safe from any thread.
    static int caught() noexcept;
};

}  // namespace cli
