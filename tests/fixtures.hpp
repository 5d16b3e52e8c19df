// Helpers for tests that read fixtures and compare with golden files.
#pragma once

#include <communique/communique.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

namespace test {

inline const std::filesystem::path source_dir{CQ_SOURCE_DIR};

// The formats every valid fixture has a golden file for.
inline const std::vector<std::string> golden_formats{"xml", "html", "txt", "draft", "nitf", "fo"};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void spit(const std::filesystem::path& p, const std::string& data) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << data;
}

// A fresh folder under the system's temporary folder, removed with all it
// holds when the object goes.
struct temp_dir {
    std::filesystem::path path;
    temp_dir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               ("cq-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
};

// fixtures/<folder>/*.md (and .txt, .xml), sorted.
inline std::vector<std::filesystem::path> fixtures(const std::string& folder) {
    std::vector<std::filesystem::path> out;
    for (const auto& entry : std::filesystem::directory_iterator(source_dir / "fixtures" / folder)) {
        auto ext = entry.path().extension();
        if (ext == ".md" || ext == ".txt" || ext == ".xml") out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// tests/golden/<folder>/<stem>.<format>
inline std::filesystem::path golden_path(const std::string& folder, const std::filesystem::path& draft,
                                         const std::string& format) {
    return source_dir / "tests" / "golden" / folder / (draft.stem().string() + "." + format);
}

inline bool accepting() {
    const char* v = std::getenv("COMMUNIQUE_ACCEPT");
    return v && *v && std::string(v) != "0";
}

inline void check_golden(const std::filesystem::path& golden, const std::string& actual) {
    if (accepting()) {
        spit(golden, actual);
        return;
    }
    INFO("golden file: " << golden.string() << " (COMMUNIQUE_ACCEPT=1 rewrites it)");
    REQUIRE(std::filesystem::exists(golden));
    CHECK(slurp(golden) == actual);
}

// One line per diagnostic, as the CLI's first line: file:line:col: severity[rule]: message
inline std::string format_diagnostics(const std::string& file, const std::vector<communique::diagnostic>& diags) {
    std::string out;
    for (const auto& d : diags) {
        out += file + ":" + std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column) + ": " +
               std::string(communique::to_string(d.level)) + "[" + d.rule + "]: " + d.message + "\n";
    }
    return out;
}

}  // namespace test
