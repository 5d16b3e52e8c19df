// Helpers of the hostile-input tests: files, temporary folders, timing that
// holds on a loaded machine, and a loopback listener that tells whether
// anything tried to reach the network.
#pragma once

#include "fixtures.hpp"

#include <communique/communique.hpp>

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace hostile {

namespace fs = std::filesystem;

// The test suite's own (tests/fixtures.hpp).
using test::slurp;
using test::source_dir;
using test::spit;
using test::temp_dir;

// Built with AddressSanitizer (the asan preset, the fuzz targets)?
constexpr bool under_asan() {
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return true;
#else
    return false;
#endif
#else
    return false;
#endif
}

// How much slower than a plain build this one runs: the time limits are
// stretched under the sanitizers and valgrind, never loosened otherwise.
inline double slowdown() {
    double f = 1;
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    f = 10;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
    f = 10;
#endif
#endif
    if (const char* s = std::getenv("CQ_HOSTILE_SLOWDOWN")) f = std::max(f, std::atof(s));
    return f;
}

// CPU time of the calling thread, in seconds: what a call cost, whatever
// else the machine is doing (ctest -j, other builds).
inline double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct timing {
    double wall = 0, cpu = 0;
};

template <class F>
timing time_it(F&& f) {
    auto w0 = std::chrono::steady_clock::now();
    double c0 = thread_cpu_seconds();
    f();
    timing t;
    t.cpu = thread_cpu_seconds() - c0;
    t.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
    return t;
}

// The bound of the growth tests: 8x the input may take at most 8^1.5 (about
// 22.6) times as long. On a log scale that is halfway between linear (8x)
// and quadratic (64x): a quadratic path fails it, while linear code, whose
// measured ratios run from 5 to 14 here, two tests at a time (the larger
// input leaves the caches), passes it.
inline constexpr double linear_growth_bound = 22.6;

// The least CPU time of `runs` calls: noise only ever adds time.
template <class F>
double best_cpu(int runs, F&& f) {
    double best = 1e9;
    for (int i = 0; i < runs; ++i) best = std::min(best, time_it(f).cpu);
    return best;
}

inline std::vector<std::string> all_formats() {
    std::vector<std::string> out;
    for (const auto& f : communique::formats()) out.emplace_back(f.name);
    return out;
}

inline bool has_rule(const communique::result& r, std::string_view rule) {
    return std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [&](const auto& d) { return d.rule == rule; });
}

inline const communique::diagnostic* find_rule(const communique::result& r, std::string_view rule) {
    for (const auto& d : r.diagnostics)
        if (d.rule == rule) return &d;
    return nullptr;
}

// Every message and every output, to look for a secret that must not leak.
inline std::string everything(const communique::result& r) {
    std::string all;
    for (const auto& d : r.diagnostics) all += d.message + "\n";
    for (const auto& o : r.outputs) all += o + "\n";
    if (r.info) all += r.info->headline + r.info->issuer + r.info->place;
    return all;
}

// A TCP listener on 127.0.0.1 (a free port): after an operation, connected()
// says whether anything connected to it. Nothing ever answers.
class loopback_listener {
public:
    loopback_listener() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(::listen(fd_, 8) == 0);
        socklen_t len = sizeof a;
        REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0);
        port_ = ntohs(a.sin_port);
    }
    ~loopback_listener() { ::close(fd_); }
    loopback_listener(const loopback_listener&) = delete;
    loopback_listener& operator=(const loopback_listener&) = delete;

    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
    bool connected() const {
        pollfd p{fd_, POLLIN, 0};
        return ::poll(&p, 1, 50) > 0;
    }

private:
    int fd_ = -1;
    int port_ = 0;
};

// A minimal valid draft, and one around a given body.
inline std::string release_with(const std::string& body) {
    return "KINGDOM OF CAMBODIA\nNATION RELIGION KING\n\n**MINISTRY OF TESTING**\n\nPRESS RELEASE\n\n"
           "Hostile input holds\n\n" +
           body + "\n\nPhnom Penh, 2 April 2024\n";
}

}  // namespace hostile
