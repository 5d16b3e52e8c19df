// What a bulk run shows while it works: one progress line on standard output
// (only on a terminal), redrawn in place, and diagnostics on standard error
// in check's human format. Workers print through here, under one lock, so a
// diagnostic never lands in the middle of the progress line: the line is
// wiped, the diagnostic printed, the line drawn again below it.
#pragma once

#include "cli/report.hpp"

#include <communique/diagnostic.hpp>

#include <cstddef>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

namespace cli {

struct progress {
    std::size_t done = 0;  // converted, skipped or failed
    std::size_t total = 0;
    std::size_t failed = 0;
    double seconds = 0;
};

class console {
public:
    // `live`: draw the progress line (standard output is a terminal and the
    // user did not ask for --quiet).
    explicit console(bool live);

    // Thread-safe.
    void diagnostics(std::string_view file, std::string_view text, std::span<const communique::diagnostic> diags);
    void error(std::string_view message);  // "communique: MESSAGE" on standard error

    // From the one thread that ticks the progress (10 times a second).
    void draw(const progress& p);
    // Wipes the progress line, before the summary.
    void clear();

    bool live() const { return live_; }

private:
    void wipe();  // under mutex_
    void show();  // under mutex_

    std::mutex mutex_;
    reporter reporter_;
    bool live_;
    std::string line_;  // what is drawn, empty when nothing is
};

// "1:05", "12:00:07".
std::string clock_text(double seconds);

}  // namespace cli
