#include "cli/diff.hpp"

#include <algorithm>
#include <vector>

namespace cli {

namespace {

// Each line with its line end, if it has one.
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> out;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = text.find('\n', at);
        end = end == std::string_view::npos ? text.size() : end + 1;
        out.push_back(text.substr(at, end - at));
        at = end;
    }
    return out;
}

struct edit {
    char op;  // ' ' kept, '-' removed, '+' added
    std::string_view line;
};

// The edits of a shortest edit script between a and b (Myers' greedy
// algorithm, one copy of the frontier kept per edit for the way back). Past
// `max_edits` edits the middle is replaced whole: still a correct diff, only
// not the shortest, and memory stays bounded for texts that share nothing.
std::vector<edit> middle_edits(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    constexpr long max_edits = 2000;
    const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
    std::vector<std::vector<long>> trace;  // trace[d][k + d]: furthest x on diagonal k after d edits
    std::vector<long> v(static_cast<std::size_t>(2 * (n + m) + 3), 0);
    const long mid = n + m + 1;
    long found = -1;
    for (long d = 0; d <= std::min(n + m, max_edits) && found < 0; ++d) {
        for (long k = -d; k <= d; k += 2) {
            long x = k == -d || (k != d && v[mid + k - 1] < v[mid + k + 1]) ? v[mid + k + 1] : v[mid + k - 1] + 1;
            long y = x - k;
            while (x < n && y < m && a[x] == b[y]) ++x, ++y;
            v[mid + k] = x;
            if (x >= n && y >= m) found = d;
        }
        trace.emplace_back(v.begin() + mid - d, v.begin() + mid + d + 1);
    }
    std::vector<edit> out;
    if (found < 0) {
        for (std::string_view l : a) out.push_back({'-', l});
        for (std::string_view l : b) out.push_back({'+', l});
        return out;
    }
    long x = n, y = m;
    for (long d = found; d > 0; --d) {
        const std::vector<long>& prev = trace[d - 1];
        auto at = [&](long k) { return prev[k + d - 1]; };
        long k = x - y;
        long prev_k = k == -d || (k != d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
        long prev_x = at(prev_k), prev_y = prev_x - prev_k;
        while (x > prev_x && y > prev_y) out.push_back({' ', a[--x]}), --y;
        if (prev_k == k + 1)
            out.push_back({'+', b[--y]});
        else
            out.push_back({'-', a[--x]});
    }
    while (x > 0) out.push_back({' ', a[--x]}), --y;
    std::reverse(out.begin(), out.end());
    return out;
}

std::vector<edit> edits(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    std::size_t head = 0, tail = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
        ++tail;
    std::vector<edit> out;
    for (std::size_t i = 0; i < head; ++i) out.push_back({' ', a[i]});
    std::vector<edit> middle = middle_edits({a.begin() + static_cast<long>(head), a.end() - static_cast<long>(tail)},
                                            {b.begin() + static_cast<long>(head), b.end() - static_cast<long>(tail)});
    out.insert(out.end(), middle.begin(), middle.end());
    for (std::size_t i = a.size() - tail; i < a.size(); ++i) out.push_back({' ', a[i]});
    return out;
}

// "3,4", or "3" for one line; an empty range is named by the line before it.
std::string range(std::size_t first, std::size_t count) {
    if (count == 1) return std::to_string(first);
    return std::to_string(count == 0 ? first - 1 : first) + ',' + std::to_string(count);
}

}  // namespace

std::string unified_diff(std::string_view name, std::string_view before, std::string_view after) {
    if (before == after) return {};
    constexpr std::size_t context = 3;
    std::vector<edit> all = edits(lines_of(before), lines_of(after));
    std::string out = "--- " + std::string(name) + "\n+++ " + std::string(name) + "\n";
    std::size_t i = 0, old_line = 1, new_line = 1;
    while (i < all.size()) {
        if (all[i].op == ' ') {
            ++i, ++old_line, ++new_line;
            continue;
        }
        // A hunk: from `context` lines before this change to `context`
        // lines after the last change that is at most 2 * context lines
        // from the one before it.
        std::size_t lead = std::min(context, old_line - 1);
        std::size_t from = i - lead, end = i;
        for (std::size_t gap = 0; end < all.size() && gap <= 2 * context; ++end)
            gap = all[end].op == ' ' ? gap + 1 : 0;
        // `end` went one past the gap that ends the hunk: keep only
        // `context` lines of it.
        std::size_t trailing = 0;
        while (trailing < end - from && all[end - 1 - trailing].op == ' ') ++trailing;
        end -= trailing - std::min(trailing, context);
        std::size_t old_count = 0, new_count = 0;
        for (std::size_t j = from; j < end; ++j) {
            old_count += all[j].op != '+';
            new_count += all[j].op != '-';
        }
        out += "@@ -" + range(old_line - lead, old_count) + " +" + range(new_line - lead, new_count) + " @@\n";
        for (std::size_t j = from; j < end; ++j) {
            out += all[j].op;
            out += all[j].line;
            if (all[j].line.empty() || all[j].line.back() != '\n') out += "\n\\ No newline at end of file\n";
        }
        old_line += old_count - lead;
        new_line += new_count - lead;
        i = end;
    }
    return out;
}

}  // namespace cli
