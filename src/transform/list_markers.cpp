#include "transform/list_markers.hpp"

#include "core/numerals.hpp"

#include <libxml/xpathInternals.h>

#include <cmath>

namespace communique::detail {

namespace {

bool is_counter_char(char c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A number as XPath's string() writes it (libxml2's own formatting, so that
// cq:marker and the stylesheets' fallback agree to the digit).
std::string xpath_number(double n) {
    xmlChar* s = xmlXPathCastNumberToString(n);
    std::string out = s ? reinterpret_cast<const char*>(s) : "";
    xmlFree(s);
    return out;
}

int roman_digit(char c) noexcept {
    switch (c) {
        case 'I': return 1;
        case 'V': return 5;
        case 'X': return 10;
        case 'L': return 50;
        case 'C': return 100;
        case 'D': return 500;
        case 'M': return 1000;
        default: return 0;
    }
}

// "XIV" -> 14: a digit before a larger one is subtracted.
double roman_value(std::string_view upper) {
    double value = 0;
    for (std::size_t i = 0; i < upper.size(); ++i) {
        int d = roman_digit(upper[i]);
        int next = i + 1 < upper.size() ? roman_digit(upper[i + 1]) : 0;
        value += d < next ? -d : d;
    }
    return value;
}

bool only_of(std::string_view s, std::string_view chars) noexcept {
    return s.find_first_not_of(chars) == std::string_view::npos;
}

// The counter advanced by add, in the counter's own style.
std::string counter_plus(std::string_view counter, double add) {
    constexpr std::string_view lower = "abcdefghijklmnopqrstuvwxyz", upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if (only_of(counter, "0123456789")) return xpath_number(std::stod(std::string(counter)) + add);
    // "i", "ii", "iv" are Roman; a single other letter ("c", "v") is alphabetic.
    const bool several = counter.size() > 1;
    const bool lower_roman = only_of(counter, "ivxlcdm") && (counter == "i" || several);
    if (lower_roman || (only_of(counter, "IVXLCDM") && (counter == "I" || several))) {
        std::string digits(counter);
        if (lower_roman)
            for (char& c : digits) c = static_cast<char>(c - 'a' + 'A');
        // A Roman number is as long as its value over a thousand: a million
        // is as far as it goes (the stylesheets' recursion stops well before).
        const double n = roman_value(digits) + add;
        if (n > 1e6) return std::string(counter);
        return roman_numeral(n, !lower_roman);
    }
    for (std::string_view letters : {lower, upper})
        if (!several && letters.find(counter) != std::string_view::npos)
            return alphabetic_numeral(static_cast<double>(letters.find(counter)) + 1 + add, letters == upper);
    return std::string(counter);
}

}  // namespace

std::string list_marker(std::string_view first, double index) {
    std::size_t begin = 0;
    while (begin < first.size() && !is_counter_char(first[begin])) ++begin;
    std::size_t end = begin;
    while (end < first.size() && is_counter_char(first[end])) ++end;
    // An index that is no number (from a user's stylesheet) counts nothing.
    if (begin == first.size() || index == 0 || end - begin > 9 || !std::isfinite(index)) return std::string(first);
    return std::string(first.substr(0, begin)) + counter_plus(first.substr(begin, end - begin), index) +
           std::string(first.substr(end));
}

}  // namespace communique::detail
