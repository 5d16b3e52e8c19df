// Small UTF-8 and Unicode helpers shared by the stages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace communique::detail {

// Eight bytes at a time, for the fast paths that pass ASCII text so: the
// eight bytes at p as one word (p must have eight to read), bit 7 of each
// byte, and bit 7 set in each byte of w from lo to hi, for a word whose
// bytes are all under 0x80 (adding 0x80 - lo sets bit 7 from lo up, adding
// 0x7F - hi from hi + 1 up, and no sum carries into the next byte).
inline std::uint64_t load_word(const void* p) noexcept {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
}
inline constexpr std::uint64_t word_high_bits = 0x8080808080808080u;
constexpr std::uint64_t bytes_between(std::uint64_t w, unsigned char lo, unsigned char hi) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101u;
    return (w + ones * (0x80u - lo)) & ~(w + ones * (0x7Fu - hi)) & word_high_bits;
}

// A byte that continues a UTF-8 sequence (10xxxxxx). Counting or stepping
// over characters by their first bytes alone, as the functions below that say
// so do, is the lenient reading: a stray continuation byte joins the
// character before it instead of counting as one of its own.
constexpr bool is_utf8_continuation(unsigned char b) noexcept { return (b & 0xC0) == 0x80; }

// The length in bytes of the well-formed UTF-8 sequence at s[i] (overlong
// forms, surrogates and code points past U+10FFFF are ill-formed), or 0 when
// none starts there or i is past the end. The one UTF-8 decoder: inline
// because the date scanner calls it for every character it reads.
inline std::size_t utf8_length_at(std::string_view s, std::size_t i) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    if (i >= n) return 0;
    const unsigned char c = p[i];
    if (c < 0x80) return 1;
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) len = 3;
    else if (c == 0xED) { len = 3; hi = 0x9F; }  // no surrogates
    else if (c >= 0xEE && c <= 0xEF) len = 3;
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) { len = 4; hi = 0x8F; }
    else return 0;
    if (len > n - i || p[i + 1] < lo || p[i + 1] > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if ((p[i + k] & 0xC0) != 0x80) return 0;
    return len;
}

// A code point decoded from UTF-8 and the bytes it took.
struct utf8_char {
    char32_t cp = 0;
    std::size_t len = 0;  // 0 only past the end of the text
};

// The character at s[i]: U+FFFD of length 1 for a byte that starts no
// well-formed sequence, so every offset a caller steps to is a character
// boundary or a lone bad byte.
inline utf8_char decode_utf8_at(std::string_view s, std::size_t i) noexcept {
    auto b = [&](std::size_t k) { return char32_t(static_cast<unsigned char>(s[i + k])); };
    if (i < s.size() && b(0) < 0x80) return {b(0), 1};  // most of the text the date scanner reads
    switch (utf8_length_at(s, i)) {
    case 2: return {(b(0) & 0x1Fu) << 6 | (b(1) & 0x3Fu), 2};
    case 3: return {(b(0) & 0x0Fu) << 12 | (b(1) & 0x3Fu) << 6 | (b(2) & 0x3Fu), 3};
    case 4: return {(b(0) & 0x07u) << 18 | (b(1) & 0x3Fu) << 12 | (b(2) & 0x3Fu) << 6 | (b(3) & 0x3Fu), 4};
    default: return i < s.size() ? utf8_char{0xFFFD, 1} : utf8_char{};
    }
}

// Offset of the first byte that does not start or continue a well-formed
// UTF-8 sequence; npos if none.
std::size_t find_invalid_utf8(std::string_view s) noexcept;

// Code points in a well-formed UTF-8 string (the bytes that do not continue
// a sequence, in any string).
std::size_t count_code_points(std::string_view s) noexcept;

// Bytes taken by the first n code points of s (all of s if it has fewer).
std::size_t advance_code_points(std::string_view s, std::size_t n) noexcept;

// Decodes the code point at s[i] and advances i; U+FFFD for a byte that
// starts no well-formed sequence (i advances past that byte alone).
char32_t next_code_point(std::string_view s, std::size_t& i) noexcept;

// s in Unicode Normalization Form C.
std::string to_nfc(std::string_view s);
// Loads ICU's NFC data, which ICU otherwise loads at the first to_nfc: done
// before threads start, every thread sees it loaded (ICU's own once-only
// guard is invisible to ThreadSanitizer, ICU not being built with it).
void load_nfc_data();

// s in capitals (full Unicode case mapping, root locale).
std::string to_upper(std::string_view s);

// Letters, for the purposes of deciding whether a line is set in capitals.
bool has_lowercase(std::string_view s);
// An upper-case letter: false for scripts without case (Khmer, Thai, Chinese...).
bool has_uppercase(std::string_view s);
bool has_letter(std::string_view s);

// The language a text is most likely written in, as a BCP 47 tag, from the
// scripts of its letters ("km", "th", "lo", "my", "zh"), Vietnamese's own
// letters ("vi") and, for other Latin text, its commonest words ("en", "id",
// "ms", "fil"); `fallback` when the text has no letters or its Latin words
// tell none of those (a few words, another language).
std::string detect_language(std::string_view s, std::string_view fallback = "en");

// What detect_language decides from, counted in one pass over the text. The
// counts of texts joined with a space (or any character that is not a
// letter) between them are the sums of theirs: a release's language comes
// from the counts of its paragraphs, which tell each paragraph's own.
struct language_counts {
    std::size_t latin = 0, khmer = 0, thai = 0, lao = 0, myanmar = 0, han = 0, vietnamese = 0;
    // Latin words (runs of ASCII letters), and those of the region's
    // languages' commonest words among them.
    std::size_t words = 0, mi = 0, ms = 0, id = 0, fil = 0, en = 0;
    language_counts& operator+=(const language_counts& o) noexcept;
};
language_counts count_language(std::string_view s);
// detect_language(s, fallback) is decide_language(count_language(s), fallback).
std::string decide_language(const language_counts& n, std::string_view fallback = "en");

// Words (maximal runs of letters, marks and digits) in s, counted.
std::size_t count_words(std::string_view s);
// The same counted no further than `enough`: min(count_words(s), enough),
// which tells whether a line has more than so many words without reading a
// whole paragraph.
std::size_t count_words(std::string_view s, std::size_t enough);

// s with &, <, > and " written as XML's character references, for text and
// attribute values put together by hand.
std::string escape_xml(std::string_view s);

// s with every run of ASCII whitespace (space, tab, CR, LF) made one space,
// and none at either end.
std::string collapse_spaces(std::string_view s);

// The start of s as a diagnostic quotes it: its spaces collapsed, at most
// eight words and 60 code points, "…" when cut, and every control character
// (an escape sequence meant for a terminal) a U+FFFD.
std::string excerpt(std::string_view s);

}  // namespace communique::detail
