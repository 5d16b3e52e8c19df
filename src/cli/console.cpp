#include "cli/console.hpp"

#include <fmt/core.h>

#include <cmath>
#include <cstdio>
#include <sys/ioctl.h>
#include <unistd.h>

namespace cli {

namespace {

std::size_t terminal_columns() {
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

}  // namespace

std::string clock_text(double seconds) {
    auto s = static_cast<long long>(std::llround(std::max(seconds, 0.0)));
    if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    return fmt::format("{}:{:02}", s / 60, s % 60);
}

console::console(bool live) : reporter_(report_format::human), live_(live) {}

void console::wipe() {
    if (line_.empty()) return;
    // \r back to column 1, ESC[K clears to the end of the line.
    std::fputs("\r\033[K", stdout);
    std::fflush(stdout);
}

void console::show() {
    if (line_.empty()) return;
    std::fputs(line_.c_str(), stdout);
    std::fflush(stdout);
}

void console::diagnostics(std::string_view file, std::string_view text,
                          std::span<const communique::diagnostic> diags) {
    if (diags.empty()) return;
    std::lock_guard lock(mutex_);
    wipe();
    reporter_.add(file, text, diags);
    std::fflush(stderr);
    show();
}

void console::error(std::string_view message) {
    std::lock_guard lock(mutex_);
    wipe();
    fmt::print(stderr, "communique: {}\n", message);
    std::fflush(stderr);
    show();
}

void console::draw(const progress& p) {
    if (!live_) return;
    double rate = p.seconds > 0 ? static_cast<double>(p.done) / p.seconds : 0;
    std::string text = fmt::format("{}/{} releases", p.done, p.total);
    if (rate > 0) {
        text += fmt::format("  {:.1f}/s", rate);
        if (p.done < p.total) text += "  ETA " + clock_text(static_cast<double>(p.total - p.done) / rate);
    }
    if (p.failed > 0) text += fmt::format("  {} failed", p.failed);
    // A line wider than the terminal would wrap, and \r would then redraw
    // only its last part.
    std::size_t width = terminal_columns() - 1;
    if (text.size() > width) text.resize(width);
    std::lock_guard lock(mutex_);
    wipe();
    line_ = text;
    show();
}

void console::clear() {
    std::lock_guard lock(mutex_);
    wipe();
    line_.clear();
}

}  // namespace cli
