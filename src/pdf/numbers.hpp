// Numbers written into PDF syntax. std::to_chars never looks at the C
// locale, so a caller's setlocale(LC_NUMERIC, "de_DE") cannot turn "0.5"
// into "0,5" inside a content stream.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

namespace communique::detail::pdf {

// The most bytes write_number writes.
inline constexpr std::size_t max_number_chars = 64;

// v rounded to at most `decimals` (0 to 6) decimals, trailing zeros dropped: "12",
// "-0.5", "0.125"; never "-0" and never an exponent. Written at `out`, which
// has room for max_number_chars; returns the end.
inline char* write_number(char* out, double v, int decimals = 3) {
    static constexpr double scales[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    decimals = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
    const double scale = scales[decimals];
    const double units = std::round(v * scale);  // v in units of the last decimal, a whole number
    if (std::abs(units) < 1e15) {
        // The common case, without to_chars' fixed-precision formatting:
        // the double nearest units / scale, printed to `decimals` places,
        // is exactly units / scale, so the digits are those of `units`
        // with the point put in (a unit test compares the two ways).
        auto k = static_cast<std::int64_t>(units);
        if (k == 0) {
            *out++ = '0';
            return out;
        }
        if (k < 0) {
            *out++ = '-';
            k = -k;
        }
        char digits[24];
        const auto res = std::to_chars(digits, digits + sizeof digits, k);
        auto n = static_cast<int>(res.ptr - digits);
        int places = decimals;
        while (places > 0 && digits[n - 1] == '0') {  // trailing zeros of the fraction dropped
            --n;
            --places;
        }
        const int whole = n - places;  // digits before the point (none: "0.")
        if (whole <= 0) {
            *out++ = '0';
            *out++ = '.';
            out = std::fill_n(out, -whole, '0');
            return std::copy_n(digits, n, out);
        }
        out = std::copy_n(digits, whole, out);
        if (places > 0) {
            *out++ = '.';
            out = std::copy_n(digits + whole, places, out);
        }
        return out;
    }
    double rounded = units / scale;
    if (rounded == 0 || !std::isfinite(rounded)) rounded = 0;  // also turns -0 into 0
    char buf[400];  // the longest double in fixed notation, with six decimals
    auto res = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, decimals);
    char* end = res.ptr;
    if (decimals > 0) {
        while (end[-1] == '0') --end;
        if (end[-1] == '.') --end;
    }
    // Beyond any page: cut short rather than overrun.
    return std::copy(buf, std::min(end, buf + max_number_chars), out);
}

inline void append_number(std::string& out, double v, int decimals = 3) {
    char buf[max_number_chars];
    out.append(buf, write_number(buf, v, decimals));
}

inline void append_int(std::string& out, std::int64_t v) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

// Four upper-case hex digits: a glyph code or a UTF-16 unit.
inline void append_hex4(std::string& out, unsigned v) {
    static constexpr char digits[] = "0123456789ABCDEF";
    const char hex[4] = {digits[(v >> 12) & 15], digits[(v >> 8) & 15], digits[(v >> 4) & 15], digits[v & 15]};
    out.append(hex, 4);
}

}  // namespace communique::detail::pdf
