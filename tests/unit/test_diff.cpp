#include "cli/diff.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using cli::unified_diff;

namespace {

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = text.find('\n', at);
        end = end == std::string::npos ? text.size() : end + 1;
        out.push_back(text.substr(at, end - at));
        at = end;
    }
    return out;
}

// Applies a unified diff as patch does, checking every context and removed
// line against `before`.
std::string patched(const std::string& before, const std::string& diff) {
    std::vector<std::string> old = split(before), lines = split(diff);
    // The diff's lines without their "\n", and whether the text they stand
    // for had one (a "\ No newline" line says it had not).
    std::vector<std::string> body;
    for (std::size_t i = 2; i < lines.size(); ++i) {
        std::string l = lines[i].substr(0, lines[i].size() - 1);
        if (l.starts_with("\\")) {
            body.back().pop_back();
            continue;
        }
        body.push_back(l + "\n");
    }
    std::string out;
    std::size_t next = 0;  // the next line of `old` to copy
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (!body[i].starts_with("@@ -")) throw std::runtime_error("not a hunk: " + body[i]);
        std::size_t start = std::stoul(body[i].substr(4));
        std::size_t comma = body[i].find(',');
        bool empty = comma < body[i].find(' ', 4) && std::stoul(body[i].substr(comma + 1)) == 0;
        std::size_t first = empty ? start : start - 1;  // 0-based line the hunk starts at
        if (first < next) throw std::runtime_error("hunks overlap");
        while (next < first) out += old.at(next++);
        for (++i; i < body.size() && !body[i].starts_with("@@ "); ++i) {
            char op = body[i][0];
            std::string text = body[i].substr(1);
            if (op != '+' && old.at(next++) != text) throw std::runtime_error("context differs: " + text);
            if (op != '-') out += text;
        }
        --i;
    }
    while (next < old.size()) out += old[next++];
    return out;
}

std::size_t changed_lines(const std::string& diff) {
    std::size_t n = 0;
    for (const std::string& l : split(diff))
        if ((l[0] == '+' || l[0] == '-') && !l.starts_with("+++ ") && !l.starts_with("--- ")) ++n;
    return n;
}

std::size_t lcs(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::vector<std::size_t>> t(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = a.size(); i-- > 0;)
        for (std::size_t j = b.size(); j-- > 0;)
            t[i][j] = a[i] == b[j] ? t[i + 1][j + 1] + 1 : std::max(t[i + 1][j], t[i][j + 1]);
    return t[0][0];
}

}  // namespace

TEST_CASE("a unified diff as diff -u writes it", "[diff]") {
    CHECK(unified_diff("f.md", "a\nb\n", "a\nb\n").empty());
    CHECK(unified_diff("f.md", "a\nb\nc\n", "a\nB\nc\n") == "--- f.md\n+++ f.md\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
    // Three lines of context; hunks further apart than six lines stay apart.
    CHECK(unified_diff("f", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "1\nx\n3\n4\n5\n6\n7\n8\n9\n10\ny\n12\n") ==
          "--- f\n+++ f\n@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n@@ -8,5 +8,5 @@\n 8\n 9\n 10\n-11\n+y\n 12\n");
    CHECK(unified_diff("f", "", "a\n") == "--- f\n+++ f\n@@ -0,0 +1 @@\n+a\n");
    CHECK(unified_diff("f", "a\nb", "a\nb\n") ==
          "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
    CHECK(unified_diff("f", "a\r\nb\r\n", "a\r\nc\r\n") == "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n");
}

TEST_CASE("a diff applies, and changes as few lines as can be", "[diff]") {
    std::mt19937 random(7);
    for (int round = 0; round < 2000; ++round) {
        auto text = [&] {
            std::string t;
            int lines = static_cast<int>(random() % 25);
            for (int i = 0; i < lines; ++i) t += std::string(1, static_cast<char>('a' + random() % 4)) + "\n";
            if (!t.empty() && random() % 4 == 0) t.pop_back();  // no newline at the end
            return t;
        };
        std::string before = text(), after = text();
        std::string diff = unified_diff("f", before, after);
        INFO("before:\n" << before << "\nafter:\n" << after << "\ndiff:\n" << diff);
        CHECK((diff.empty() == (before == after)));
        if (diff.empty()) continue;
        CHECK(patched(before, diff) == after);
        auto a = split(before), b = split(after);
        CHECK(changed_lines(diff) == a.size() + b.size() - 2 * lcs(a, b));
    }
}

TEST_CASE("texts that share nothing give a diff that applies", "[diff]") {
    std::string before, after;
    for (int i = 0; i < 5000; ++i) {
        before += "old " + std::to_string(i) + "\n";
        after += "new " + std::to_string(i) + "\n";
    }
    std::string diff = unified_diff("f", before, after);
    CHECK(patched(before, diff) == after);
}
