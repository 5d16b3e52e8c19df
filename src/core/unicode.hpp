// Small UTF-8 and Unicode helpers shared by the stages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace communique::detail {

// Offset of the first byte that does not start or continue a well-formed
// UTF-8 sequence (overlong forms and surrogates are ill-formed); npos if none.
std::size_t find_invalid_utf8(std::string_view s) noexcept;

// Code points in a well-formed UTF-8 string.
std::size_t count_code_points(std::string_view s) noexcept;

// Bytes taken by the first n code points of s (all of s if it has fewer).
std::size_t advance_code_points(std::string_view s, std::size_t n) noexcept;

// Decodes the code point at s[i] and advances i; U+FFFD for a bad sequence.
char32_t next_code_point(std::string_view s, std::size_t& i) noexcept;

// s in Unicode Normalization Form C.
std::string to_nfc(std::string_view s);

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

// Words (maximal runs of letters, marks and digits) in s, counted.
std::size_t count_words(std::string_view s);

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
