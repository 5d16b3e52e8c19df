// The words that give a release its shape: genre labels, state lines,
// honorifics, organisation and unit words, closing leads. Matching is on
// NFC text; Latin words match in any case.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace communique::detail {

// The line with emphasis markers, surrounding spaces and trailing colons or
// full stops removed, inner spaces collapsed, ASCII letters upper-cased and
// the Khmer subscript DA folded into subscript TA (both spellings are used).
// With a limit, a line that surely folds to more than limit bytes gives only
// its first limit + 1 or so: enough for a caller that wants short lines only.
std::string fold(std::string_view line, std::size_t limit = std::string_view::npos);

// Whether fold(line) may open with one of `capitals` (ASCII capital letters):
// false only when the first byte fold() keeps (not '*', '_', a space or a
// tab) is ASCII and, in capitals, none of them. A byte past ASCII may open a
// letter that capitals make ASCII ("ſ" is "S"): true. Lets a predicate
// whose every label opens with one of those letters leave most lines unfolded.
bool may_fold_to_open_with(std::string_view line, std::string_view capitals) noexcept;

// The /release/@kind of a genre label line ("PRESS RELEASE" -> "press-release").
std::optional<std::string_view> genre_kind(std::string_view line);

// Where the label of a genre line ends: before its number in "SIARAN PERS
// NO. 211/HM/KOMINFO/05/2024" or "ข่าว ธปท. ฉบับที่ 38/2567" (so that the
// number can be kept apart, as a reference) or before the bar of "News
// Release | 4 December 2024", the line's size when the whole
// line is the label, 0 when it is not a genre line.
std::size_t genre_label_end(std::string_view line);

// "KINGDOM OF CAMBODIA", "REPUBLIC OF ...", "ព្រះរាជាណាចក្រកម្ពុជា", ...
bool is_state_line(std::string_view line);

// "NATION RELIGION KING", "ជាតិ សាសនា ព្រះមហាក្សត្រ", ...: known mottos.
bool is_known_motto(std::string_view line);

// Where a known motto starts in a line that opens with a state line
// ("KINGDOM OF CAMBODIA NATION RELIGION KING", as a paste joins them): its
// byte offset, or 0 when the line is not one of those.
std::size_t motto_after_state(std::string_view line);

// "No. 045/24 MFAIC", "Ref: MOH/PR/2024/117", "លេខ ១២៣ ...".
bool is_reference_line(std::string_view line);

// Names an organisation (ministry, embassy, government, ...).
bool has_organisation_word(std::string_view line);

// Names a unit inside an organisation (department, office, ...).
bool has_unit_word(std::string_view line);

// The byte length of an honorific (or a chain of them, "His Excellency Dr.")
// at the start of text, not counting the space after it; 0 if none.
std::size_t honorific_length(std::string_view text);

// The label in front of an issuer's name on a web page ("From: ",
// "| Source: ", "Issued by: "): its byte length with the spaces after it, 0
// when the line has none or nothing follows it.
std::size_t issuer_label_length(std::string_view line);

// Opens a closing block: "For media enquiries:", "Source:", "Contact:", ...
bool is_closing_lead(std::string_view line);

// An end-of-release mark: "-END-", "###", "* * *", "- ENDS -", "– END –", ". . .", ...
bool is_end_mark(std::string_view line);

}  // namespace communique::detail
