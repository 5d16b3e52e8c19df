// Counters written as a list prints them: Roman numerals and letters. Shared
// by the list markers the stylesheets count (transform/list_markers) and the
// readers that print a Word or HTML list's own numbering.
#pragma once

#include <cmath>
#include <string>

namespace communique::detail {

// 14 -> "XIV" ("xiv" unless upper); nothing for less than one.
inline std::string roman_numeral(double n, bool upper = true) {
    static constexpr struct {
        int value;
        const char* digits;
    } steps[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
                 {40, "XL"},  {10, "X"},   {9, "IX"},   {5, "V"},    {4, "IV"},   {1, "I"}};
    std::string out;
    for (const auto& step : steps)
        while (n >= step.value) {
            out += step.digits;
            n -= step.value;
        }
    if (!upper)
        for (char& c : out) c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// 1 -> a, 26 -> z, 27 -> aa (spreadsheet columns; capitals when upper);
// nothing for less than one.
inline std::string alphabetic_numeral(double n, bool upper) {
    std::string out;
    for (; n >= 1; n = std::floor((n - 1) / 26))
        out.insert(out.begin(), static_cast<char>((upper ? 'A' : 'a') + static_cast<int>(std::fmod(n - 1, 26))));
    return out;
}

}  // namespace communique::detail
