// One engine, four threads: every fixture (valid and invalid drafts, release
// XML) converted to every format at once from four threads gives, byte for
// byte, what a single thread gives. Run under ThreadSanitizer by
// tools/sanitize (label "concurrency").
#include "support.hpp"

#include <atomic>
#include <thread>

using namespace hostile;

namespace {

struct input {
    std::string name, bytes;
};

std::vector<input> inputs() {
    std::vector<input> out;
    for (const char* folder : {"fixtures/releases", "fixtures/invalid", "tests/golden/releases"}) {
        for (const auto& e : fs::directory_iterator(source_dir / folder)) {
            auto ext = e.path().extension();
            if (ext == ".md" || ext == ".txt" || ext == ".xml") out.push_back({e.path().string(), slurp(e.path())});
        }
    }
    std::sort(out.begin(), out.end(), [](const input& a, const input& b) { return a.name < b.name; });
    return out;
}

// Everything a result holds, as one string.
std::string flatten(const communique::result& r) {
    std::string s;
    for (const auto& d : r.diagnostics)
        s += d.rule + "@" + std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column) + " " + d.message + "\n";
    for (const auto& o : r.outputs) s += "---\n" + o;
    if (r.info) s += "---\n" + r.info->headline + "|" + r.info->date + "|" + r.info->issuer;
    return s;
}

}  // namespace

// Run alone in its process (its own ctest entry): ICU loads its NFC data at
// the first text that needs it, behind a once-only guard ThreadSanitizer
// cannot see (ICU is not built with it). The engine loads it before any
// thread exists; otherwise the first thread's loading and the others'
// reading of it are reported as a race.
TEST_CASE("threads started on a new engine find the data it reads with loaded", "[hostile][threads][first-use]") {
    const std::string khmer = slurp(source_dir / "fixtures/releases/2024-04-12-km-trade-delegation.md");
    const communique::engine e{communique::options{}};
    constexpr int threads = 4;
    std::vector<std::string> got(threads);
    {
        std::vector<std::jthread> running;
        for (int t = 0; t < threads; ++t) running.emplace_back([&, t] { got[t] = flatten(e.check(khmer)); });
    }
    CHECK(got[0].find("---") != std::string::npos);  // checked, with an info summary
    for (const std::string& g : got) CHECK(g == got[0]);
}

TEST_CASE("four threads through one engine give byte-identical results to one thread", "[hostile][threads]") {
    const std::vector<input> all = inputs();
    REQUIRE(all.size() > 40);
    const std::vector<std::string> formats = all_formats();
    communique::options o;
    o.write_invalid = true;  // the writers see invalid releases too
    const communique::engine e(o);
    // Nothing is converted before the threads start: the writers' first use
    // (loading and compiling stylesheets, fonts) happens under contention.
    std::vector<std::string> expected(all.size());
    {
        const communique::engine reference(o);
        for (std::size_t i = 0; i < all.size(); ++i) expected[i] = flatten(reference.convert(all[i].bytes, formats));
    }

    constexpr int threads = 4;
    const int rounds = slowdown() > 1 ? 1 : 2;
    std::vector<std::vector<std::string>> got(threads, std::vector<std::string>(all.size() * rounds));
    std::atomic<int> ready{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            ++ready;
            while (ready.load() < threads) std::this_thread::yield();
            for (int round = 0; round < rounds; ++round) {
                // Each thread walks the inputs from its own starting point.
                for (std::size_t k = 0; k < all.size(); ++k) {
                    std::size_t i = (k + static_cast<std::size_t>(t) * all.size() / threads) % all.size();
                    got[t][round * all.size() + i] = flatten(e.convert(all[i].bytes, formats));
                }
            }
        });
    }
    for (auto& th : pool) th.join();

    std::size_t mismatches = 0;
    for (int t = 0; t < threads; ++t) {
        for (int round = 0; round < rounds; ++round) {
            for (std::size_t i = 0; i < all.size(); ++i) {
                if (got[t][round * all.size() + i] != expected[i]) {
                    ++mismatches;
                    UNSCOPED_INFO("thread " << t << " round " << round << ": " << all[i].name);
                }
            }
        }
    }
    CHECK(mismatches == 0);
}
