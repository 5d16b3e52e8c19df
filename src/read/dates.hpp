// Recognisers for printed dates, datelines ("Phnom Penh, 12 April 2024 –")
// and the Khmer lunar-calendar line of official documents. Hand-written
// scanners over UTF-8 bytes: no regex, no allocation unless a date is found,
// no mutable global state. Input is expected in NFC.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace communique::detail {

// How to read an all-numeric date such as 12/04/2024. Year-first shapes
// (2024-04-12) and dates introduced by a Khmer, Thai or Vietnamese day word
// ("ថ្ងៃទី", "วันที่", "ngày") are always year-month-day / day-month-year.
enum class date_order { day_first, month_first };

struct date_match {
    // Byte offsets of the printed date in the searched text. The range covers
    // a leading weekday ("Friday, "), a leading day word ("ngày", "ថ្ងៃទី",
    // "วันที่") and era markers ("พ.ศ.", "B.E."), so the printed text is kept whole.
    std::size_t begin = 0, end = 0;
    int year = 0, month = 0, day = 0;  // Gregorian (Buddhist Era years already converted: BE - 543)
    // False when the text has a date's shape but names no real day
    // (31 April 2024, 29/02/2023, 2024-13-01, day 0).
    bool valid = false;
    std::string iso() const;  // "YYYY-MM-DD" zero-padded, even when !valid ("2024-04-31")
};

// Every date in the text, left to right, non-overlapping. Dates without a
// year ("10 April") and two-digit years ("12/04/24") are not reported.
std::vector<date_match> find_dates(std::string_view utf8, date_order order = date_order::day_first);

// The date that opens the text, when one does: find_dates' first date when
// that starts at 0, without looking for the others.
std::optional<date_match> date_at_start(std::string_view utf8, date_order order = date_order::day_first);

struct dateline_match {
    // Byte range of the place name ("Phnom Penh"). Equal (empty place) when the
    // line starts with the date itself ("12 April 2024 – ...") so the caller can
    // report a dateline without a place; after the date in a Chinese dateline
    // ("2024年4月12日于金边").
    std::size_t place_begin = 0, place_end = 0;
    date_match date;
    // Byte offset just past the dateline including a trailing separator and
    // spaces (" – ", " — ", " - ", ": ", " -- ", ". "), i.e. where run-in body
    // text starts; the line's size when nothing follows.
    std::size_t end = 0;
    bool run_in = false;  // true when body text follows on the same line after the separator
    // Just past the dateline's own text when a clause follows its date as
    // part of it ("Done in ... on 16 March 2024, in two originals ..."); 0
    // when the dateline ends at its date.
    std::size_t text_end = 0;
};

// A dateline at the START of `line` (one line of text, no newline):
// "[Done at ]Place[,] [(]Date[)]" optionally followed by a separator and
// run-in text. The match always starts at offset 0 (leading spaces and a
// "Done at"/"Issued in"/"ធ្វើនៅ" prefix are part of it but not of the place).
// nullopt when the text before the date is not a short place name (a sentence,
// a lower-case start, "On ...") or when the date is followed by other text
// without a separator.
std::optional<dateline_match> match_dateline(std::string_view line, date_order order = date_order::day_first);

// True when the text can be a dateline's place: a few words of letters, no
// digits or sentence punctuation ("Phnom Penh", "BANGKOK, Thailand").
bool is_place_name(std::string_view text);

// True for the Khmer lunar-calendar line of official documents, e.g.
// "ថ្ងៃសុក្រ ៤កើត ខែចេត្រ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៧": a lunar day (a number then
// កើត/រោច), or ខែ + a lunar month together with an animal year (after ឆ្នាំ) or
// ព.ស. Also the Burmese one, "၁၃၈၅ ခုနှစ်၊ တန်ခူးလဆန်း ၄ ရက်": a Myanmar-era
// year and a waxing, waning, full or new moon day. Lines longer than 600
// bytes are body text, not a date line, and give false.
bool is_lunar_date_line(std::string_view line);

}  // namespace communique::detail
