// A main() for the fuzz harnesses without libFuzzer, built by
// tests/hostile/tests.cmake with the ordinary compiler (and under the
// sanitizers by tools/sanitize): every harness is compiled in, its
// LLVMFuzzerTestOneInput renamed to cq_replay_<target>, and
//
//   communique-fuzz-replay TARGET FILE-OR-FOLDER...
//
// runs the target once on each file (folders: every file in them, sorted),
// so that ctest replays the seeds and every input the fuzzers ever found
// (tests/hostile/regressions/TARGET). Prints the slowest input; exits 1 when
// one took longer than CQ_REPLAY_MAX_SECONDS (default 10: libFuzzer's
// -timeout in tools/fuzz), so a hang that comes back fails too.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int cq_replay_draft(const std::uint8_t* data, std::size_t size);
extern "C" int cq_replay_xml(const std::uint8_t* data, std::size_t size);
extern "C" int cq_replay_docx(const std::uint8_t* data, std::size_t size);
extern "C" int cq_replay_html(const std::uint8_t* data, std::size_t size);
extern "C" int cq_replay_pipeline(const std::uint8_t* data, std::size_t size);
#ifdef CQ_REPLAY_HAVE_FO
extern "C" int cq_replay_fo(const std::uint8_t* data, std::size_t size);
#endif

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    using target_fn = int (*)(const std::uint8_t*, std::size_t);
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s draft|xml|docx|html|fo|pipeline FILE-OR-FOLDER...\n", argv[0]);
        return 2;
    }
    target_fn target = nullptr;
    std::string name = argv[1];
    if (name == "draft") target = cq_replay_draft;
    if (name == "xml") target = cq_replay_xml;
    if (name == "docx") target = cq_replay_docx;
    if (name == "html") target = cq_replay_html;
    if (name == "pipeline") target = cq_replay_pipeline;
#ifdef CQ_REPLAY_HAVE_FO
    if (name == "fo") target = cq_replay_fo;
#endif
    if (!target) {
        std::fprintf(stderr, "replay: no target '%s' in this build\n", argv[1]);
        return 2;
    }
    std::vector<fs::path> files;
    for (int i = 2; i < argc; ++i) {
        fs::path p = argv[i];
        if (fs::is_directory(p)) {
            for (const auto& e : fs::recursive_directory_iterator(p))
                if (e.is_regular_file() && e.path().filename().string().front() != '.') files.push_back(e.path());
        } else if (fs::exists(p)) {
            files.push_back(p);
        } else {
            std::fprintf(stderr, "replay: %s does not exist\n", argv[i]);
            return 2;
        }
    }
    std::sort(files.begin(), files.end());
    double limit = 10;
    if (const char* s = std::getenv("CQ_REPLAY_MAX_SECONDS")) limit = std::atof(s);
    double slowest = 0;
    std::string slowest_name;
    int failures = 0;
    for (const fs::path& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        auto start = std::chrono::steady_clock::now();
        target(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (s > slowest) {
            slowest = s;
            slowest_name = f.string();
        }
        if (s > limit) {
            std::fprintf(stderr, "replay: %s took %.2f s (limit %.0f s)\n", f.c_str(), s, limit);
            ++failures;
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "replay: no inputs\n");
        return 2;
    }
    std::printf("replay %s: %zu inputs, slowest %.3f s (%s)\n", argv[1], files.size(), slowest, slowest_name.c_str());
    return failures ? 1 : 0;
}
