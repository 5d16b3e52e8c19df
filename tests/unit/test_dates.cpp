// Unit tests for the date, dateline and lunar-date recognisers.
#include "read/dates.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

using communique::detail::date_match;
using communique::detail::date_order;
using communique::detail::date_at_start;
using communique::detail::dateline_match;
using communique::detail::find_dates;
using communique::detail::is_lunar_date_line;
using communique::detail::is_place_name;
using communique::detail::match_dateline;

namespace {

// The one date in `text`; fails the test if there is not exactly one.
date_match only_date(std::string_view text, date_order order = date_order::day_first) {
    const auto found = find_dates(text, order);
    INFO("text: " << text);
    REQUIRE(found.size() == 1);
    return found.front();
}

std::string_view printed(std::string_view text, const date_match& m) { return text.substr(m.begin, m.end - m.begin); }

std::string_view place_of(std::string_view line, const dateline_match& d) {
    return line.substr(d.place_begin, d.place_end - d.place_begin);
}

bool on_boundary(std::string_view text, std::size_t i) {
    return i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
}

// Checks the printed text, the ISO date and validity of the one date in `text`.
void check_date(std::string_view text, std::string_view expect_printed, std::string_view expect_iso,
                bool expect_valid = true, date_order order = date_order::day_first) {
    const date_match m = only_date(text, order);
    INFO("text: " << text);
    CHECK(printed(text, m) == expect_printed);
    CHECK(m.iso() == expect_iso);
    CHECK(m.valid == expect_valid);
    CHECK(on_boundary(text, m.begin));
    CHECK(on_boundary(text, m.end));
}

}  // namespace

// ---------------------------------------------------------------------------
// English shapes

TEST_CASE("dates: day month-name year", "[dates]") {
    const std::string_view text = "The meeting on 12 April 2024 was held.";
    const date_match m = only_date(text);
    CHECK(m.begin == 15);
    CHECK(m.end == 28);
    CHECK(printed(text, m) == "12 April 2024");
    CHECK(m.year == 2024);
    CHECK(m.month == 4);
    CHECK(m.day == 12);
    CHECK(m.valid);
    CHECK(m.iso() == "2024-04-12");
}

TEST_CASE("dates: English variants", "[dates]") {
    SECTION("upper case month") { check_date("12 APRIL 2024", "12 APRIL 2024", "2024-04-12"); }
    SECTION("lower case month") { check_date("on 12 april 2024.", "12 april 2024", "2024-04-12"); }
    SECTION("ordinal day") { check_date("the 12th April 2024 session", "12th April 2024", "2024-04-12"); }
    SECTION("ordinal 1st 2nd 3rd") {
        check_date("1st May 2024", "1st May 2024", "2024-05-01");
        check_date("2nd June 2024", "2nd June 2024", "2024-06-02");
        check_date("3rd July 2024", "3rd July 2024", "2024-07-03");
    }
    SECTION("ordinal with of and comma") { check_date("12th of April, 2024", "12th of April, 2024", "2024-04-12"); }
    SECTION("month first with comma") { check_date("Issued April 12, 2024.", "April 12, 2024", "2024-04-12"); }
    SECTION("month first without comma") { check_date("April 12 2024", "April 12 2024", "2024-04-12"); }
    SECTION("abbreviated month with full stop") { check_date("Apr. 12, 2024", "Apr. 12, 2024", "2024-04-12"); }
    SECTION("abbreviated day first") { check_date("12 Apr 2024", "12 Apr 2024", "2024-04-12"); }
    SECTION("Sept.") { check_date("Sept. 3, 2024", "Sept. 3, 2024", "2024-09-03"); }
    SECTION("month first ordinal") { check_date("April 12th, 2024", "April 12th, 2024", "2024-04-12"); }
    SECTION("comma before year, day first") { check_date("12 April, 2024", "12 April, 2024", "2024-04-12"); }
    SECTION("dashed month abbreviation") { check_date("12-Apr-2024", "12-Apr-2024", "2024-04-12"); }
    SECTION("no-break space") {
        const std::string_view text = "12\u00A0April\u00A02024";
        check_date(text, text, "2024-04-12");
    }
}

TEST_CASE("dates: all English month names and abbreviations", "[dates]") {
    const char* full[] = {"January", "February", "March", "April", "May", "June", "July",
                          "August", "September", "October", "November", "December"};
    const char* abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; ++i) {
        const std::string a = std::string("5 ") + full[i] + " 2024";
        const std::string b = std::string(abbr[i]) + ". 5, 2024";
        INFO(a << " / " << b);
        CHECK(only_date(a).month == i + 1);
        CHECK(only_date(b).month == i + 1);
    }
}

TEST_CASE("dates: a weekday before the date is part of the printed date", "[dates]") {
    SECTION("with comma") { check_date("On Friday, 12 April 2024 we met", "Friday, 12 April 2024", "2024-04-12"); }
    SECTION("without comma") { check_date("Friday 12 April 2024", "Friday 12 April 2024", "2024-04-12"); }
    SECTION("abbreviated") { check_date("Fri, 12 Apr 2024 10:00", "Fri, 12 Apr 2024", "2024-04-12"); }
    SECTION("before month-first") { check_date("Friday, April 12, 2024", "Friday, April 12, 2024", "2024-04-12"); }
    SECTION("weekday without a date is not taken") {
        const std::string_view text = "Friday: see 12 April 2024";
        CHECK(printed(text, only_date(text)) == "12 April 2024");
    }
}

// ---------------------------------------------------------------------------
// Numeric shapes

TEST_CASE("dates: numeric day-first shapes", "[dates]") {
    SECTION("slashes") { check_date("on 12/04/2024.", "12/04/2024", "2024-04-12"); }
    SECTION("dots") { check_date("12.04.2024", "12.04.2024", "2024-04-12"); }
    SECTION("hyphens") { check_date("12-04-2024", "12-04-2024", "2024-04-12"); }
    SECTION("single-digit parts") { check_date("5/4/2024", "5/4/2024", "2024-04-05"); }
}

TEST_CASE("dates: year-first shapes", "[dates]") {
    SECTION("ISO") { check_date("(2024-04-12)", "2024-04-12", "2024-04-12"); }
    SECTION("slashes, short parts") { check_date("2024/4/12", "2024/4/12", "2024-04-12"); }
    SECTION("ISO date-time keeps the date") { check_date("at 2024-04-12T10:00:00Z", "2024-04-12", "2024-04-12"); }
}

TEST_CASE("dates: month_first ordering", "[dates]") {
    SECTION("numeric read month first") {
        check_date("04/12/2024", "04/12/2024", "2024-04-12", true, date_order::month_first);
        check_date("04/12/2024", "04/12/2024", "2024-12-04", true, date_order::day_first);
    }
    SECTION("impossible in month-first order") {
        check_date("04/31/2024", "04/31/2024", "2024-04-31", false, date_order::month_first);
    }
    SECTION("ISO and named months are unaffected") {
        check_date("2024-04-12", "2024-04-12", "2024-04-12", true, date_order::month_first);
        check_date("12 April 2024", "12 April 2024", "2024-04-12", true, date_order::month_first);
    }
    SECTION("a Vietnamese day word forces day-first") {
        check_date("ngày 12/4/2024", "ngày 12/4/2024", "2024-04-12", true, date_order::month_first);
    }
}

// ---------------------------------------------------------------------------
// Non-matches

TEST_CASE("dates: shapes that are not dates", "[dates]") {
    SECTION("no year") { CHECK(find_dates("We met on 10 April and left.").empty()); }
    SECTION("month and year only") { CHECK(find_dates("In April 2024 the plan began.").empty()); }
    SECTION("inside a longer number") { CHECK(find_dates("ref 112/04/20245").empty()); }
    SECTION("ISO with a long day") { CHECK(find_dates("code 2024-04-123").empty()); }
    SECTION("dotted version number") { CHECK(find_dates("version 1.12.04.2024 released").empty()); }
    SECTION("trailing part of a longer sequence") { CHECK(find_dates("12/04/2024/5").empty()); }
    SECTION("five-digit year") { CHECK(find_dates("12 April 20245").empty()); }
    SECTION("year running into letters") { CHECK(find_dates("12 April 2024abc").empty()); }
    SECTION("number glued to letters") { CHECK(find_dates("A12 April 2024x").empty()); }
    SECTION("month name inside a word") { CHECK(find_dates("12 Mayor 2024").empty()); }
    SECTION("three-digit day") { CHECK(find_dates("112 April 2024").empty()); }
    SECTION("two-digit year") { CHECK(find_dates("12/04/24").empty()); }
    SECTION("year prefix code") { CHECK(find_dates("FY2024-04-12").empty()); }
    SECTION("era marker alone") { CHECK(find_dates("B.E. 2567").empty()); }
    SECTION("no digits at all") { CHECK(find_dates("The Minister met the Ambassador on Friday in April.").empty()); }
    SECTION("empty") { CHECK(find_dates("").empty()); }
}

TEST_CASE("dates: the English word 'be' is not an era marker", "[dates]") {
    check_date("will on 12 April 2024 be held", "12 April 2024", "2024-04-12");
}

// ---------------------------------------------------------------------------
// Calendar validity

TEST_CASE("dates: impossible dates keep their shape with valid=false", "[dates]") {
    SECTION("31 April") { check_date("31 April 2024", "31 April 2024", "2024-04-31", false); }
    SECTION("29 February in a common year") { check_date("29 February 2023", "29 February 2023", "2023-02-29", false); }
    SECTION("29 February in a leap year") { check_date("29 February 2024", "29 February 2024", "2024-02-29", true); }
    SECTION("century rule") {
        check_date("29/02/1900", "29/02/1900", "1900-02-29", false);
        check_date("29/02/2000", "29/02/2000", "2000-02-29", true);
    }
    SECTION("30 February numeric") { check_date("30/02/2024", "30/02/2024", "2024-02-30", false); }
    SECTION("31/04 numeric") { check_date("31/04/2024", "31/04/2024", "2024-04-31", false); }
    SECTION("month 13 ISO") { check_date("2024-13-01", "2024-13-01", "2024-13-01", false); }
    SECTION("ISO February 30") { check_date("2024-02-30", "2024-02-30", "2024-02-30", false); }
    SECTION("month 13 numeric") { check_date("13/13/2024", "13/13/2024", "2024-13-13", false); }
    SECTION("day 32 with a month name") { check_date("32 January 2024", "32 January 2024", "2024-01-32", false); }
    SECTION("day 0") { check_date("0 April 2024", "0 April 2024", "2024-04-00", false); }
    SECTION("last days are valid") {
        check_date("31 December 2024", "31 December 2024", "2024-12-31", true);
        check_date("30 April 2024", "30 April 2024", "2024-04-30", true);
    }
}

TEST_CASE("dates: iso() pads every field", "[dates]") {
    date_match m;
    m.year = 987, m.month = 3, m.day = 5;
    CHECK(m.iso() == "0987-03-05");
    m.year = 2024, m.month = 4, m.day = 31;
    CHECK(m.iso() == "2024-04-31");
}

// ---------------------------------------------------------------------------
// Several dates

TEST_CASE("dates: several dates left to right, non-overlapping", "[dates]") {
    const std::string_view text = "From 10 April 2024 to 12/04/2024 and then April 20, 2024.";
    const auto found = find_dates(text);
    REQUIRE(found.size() == 3);
    CHECK(printed(text, found[0]) == "10 April 2024");
    CHECK(printed(text, found[1]) == "12/04/2024");
    CHECK(printed(text, found[2]) == "April 20, 2024");
    CHECK(found[0].end <= found[1].begin);
    CHECK(found[1].end <= found[2].begin);
}

TEST_CASE("dates: ranges keep the complete date", "[dates]") {
    SECTION("named range") { check_date("10-12 April 2024", "12 April 2024", "2024-04-12"); }
    SECTION("numeric range") { check_date("12-14/04/2024", "14/04/2024", "2024-04-14"); }
    SECTION("adjacent numeric dates") {
        const auto found = find_dates("12/04/2024-15/04/2024");
        REQUIRE(found.size() == 2);
        CHECK(found[1].iso() == "2024-04-15");
    }
}

TEST_CASE("dates: found after long digit-free text", "[dates]") {
    std::string text;
    for (int i = 0; i < 200; ++i) text += "The Ministry thanks its partners. ";
    const std::size_t at = text.size();
    text += "Wednesday, September 11, 2024";
    const date_match m = only_date(text);
    CHECK(m.begin == at);
    CHECK(m.iso() == "2024-09-11");

    std::string km;
    for (int i = 0; i < 100; ++i) km += "ក្រសួងសូមជម្រាបជូន ";
    const std::size_t kat = km.size();
    km += "ថ្ងៃព្រហស្បតិ៍ ទី១២ ខែកញ្ញា ឆ្នាំ២០២៤";
    const date_match k = only_date(km);
    CHECK(k.begin == kat);
    CHECK(k.iso() == "2024-09-12");
}

TEST_CASE("dates: the first digit is found wherever it falls, eight bytes at a time or not", "[dates]") {
    // Text of the bytes either side of '0'-'9' ('/' and ':') and others,
    // long enough that the scanner skips to the digit it finds, then a date:
    // its first digit at every offset of an eight-byte read.
    for (std::size_t k = 0; k < 24; ++k) {
        std::string text;
        for (std::size_t i = 0; i < 300 + k; ++i) text += "/:@ x"[i % 5];
        const std::size_t at = text.size() + 1;
        text += " 12 April 2024";
        const date_match m = only_date(text);
        CHECK(m.begin == at);
        CHECK(m.iso() == "2024-04-12");
        // After a character past ASCII, and with Khmer digits.
        const std::string accented = std::string(300 + k, 'e') + "\xC3\xA9 12 April 2024";
        CHECK(only_date(accented).begin == 300 + k + 3);
        const std::string khmer = std::string(300 + k, 'x') + " ថ្ងៃទី១២ ខែមេសា ឆ្នាំ២០២៤";
        CHECK(only_date(khmer).iso() == "2024-04-12");
    }
    CHECK(find_dates(std::string(40, ':') + std::string(40, '/')).empty());
}

TEST_CASE("dates: date_at_start is find_dates' first date when that opens the text", "[dates]") {
    std::string long_text(400, 'x');
    for (std::string_view text : {"12 April 2024", "Friday, 12 April 2024 10:00", "On 12 April 2024", "", "x",
                                  "12/04/2024 and 13/04/2024", " 12 April 2024", "ថ្ងៃទី១២ ខែមេសា ឆ្នាំ២០២៤"}) {
        const auto first = date_at_start(text);
        const auto all = find_dates(text);
        const bool opens = !all.empty() && all[0].begin == 0;
        REQUIRE(first.has_value() == opens);
        if (opens) {
            CHECK(first->end == all[0].end);
            CHECK(first->iso() == all[0].iso());
        }
    }
    CHECK_FALSE(date_at_start(long_text + " 12 April 2024"));
    const auto opening = date_at_start("12 April 2024 " + long_text + " 13 April 2024");
    REQUIRE(opening);
    CHECK(opening->iso() == "2024-04-12");
}

TEST_CASE("dateline: a place's first word is checked against the words that open a sentence in any script",
          "[dateline]") {
    // Lists whose words open with a letter past ASCII are matched whole, as are ASCII ones in capitals.
    CHECK_FALSE(is_place_name("Đến Hà Nội"));
    CHECK_FALSE(is_place_name("đến Hà Nội"));
    CHECK_FALSE(is_place_name("Ngày Hà Nội"));
    CHECK_FALSE(is_place_name("Từ Hà Nội"));
    CHECK_FALSE(is_place_name("ON Monday"));
    CHECK_FALSE(is_place_name("Phnom Penh is"));
    CHECK(is_place_name("Hà Nội"));
    CHECK(is_place_name("Olongapo City"));
    CHECK(is_place_name("Onne"));
    CHECK(is_place_name("Đà Nẵng"));
}

// ---------------------------------------------------------------------------
// Khmer

TEST_CASE("dates: Khmer full form", "[dates][km]") {
    const std::string_view text = "រាជធានីភ្នំពេញ ថ្ងៃទី១២ ខែមេសា ឆ្នាំ២០២៤";
    const date_match m = only_date(text);
    CHECK(m.begin == std::string_view("រាជធានីភ្នំពេញ ").size());
    CHECK(m.end == text.size());
    CHECK(printed(text, m) == "ថ្ងៃទី១២ ខែមេសា ឆ្នាំ២០២៤");
    CHECK(m.iso() == "2024-04-12");
    CHECK(m.valid);
}

TEST_CASE("dates: Khmer variants", "[dates][km]") {
    SECTION("Arabic digits with spaces") {
        check_date("ថ្ងៃទី 12 ខែមេសា ឆ្នាំ 2024", "ថ្ងៃទី 12 ខែមេសា ឆ្នាំ 2024", "2024-04-12");
    }
    SECTION("weekday before") {
        check_date("ថ្ងៃសុក្រ ទី១២ ខែមេសា ឆ្នាំ២០២៤", "ថ្ងៃសុក្រ ទី១២ ខែមេសា ឆ្នាំ២០២៤", "2024-04-12");
    }
    SECTION("Thursday spelling with subscript TA") {
        check_date("ថ្ងៃព្រហស្បត្តិ៍ ទី១១ ខែមេសា ឆ្នាំ២០២៤", "ថ្ងៃព្រហស្បត្តិ៍ ទី១១ ខែមេសា ឆ្នាំ២០២៤", "2024-04-11");
    }
    SECTION("without the day word") { check_date("១២ ខែមេសា ឆ្នាំ២០២៤", "១២ ខែមេសា ឆ្នាំ២០២៤", "2024-04-12"); }
    SECTION("bare numbers and month") { check_date("១២ មេសា ២០២៤", "១២ មេសា ២០២៤", "2024-04-12"); }
    SECTION("no spaces") { check_date("ថ្ងៃទី១២ខែមេសាឆ្នាំ២០២៤", "ថ្ងៃទី១២ខែមេសាឆ្នាំ២០២៤", "2024-04-12"); }
    SECTION("zero-width spaces between words") {
        const std::string text = "ថ្ងៃ\u200Bទី\u200B១២\u200B ខែ\u200Bមេសា\u200B ឆ្នាំ\u200B២០២៤";
        check_date(text, text, "2024-04-12");
    }
    SECTION("February with yuukaleapintu or reahmuk") {
        check_date("១២ កុម្ភៈ ២០២៤", "១២ កុម្ភៈ ២០២៤", "2024-02-12");
        check_date("១២ កុម្ភះ ២០២៤", "១២ កុម្ភះ ២០២៤", "2024-02-12");
    }
    SECTION("numeric month after ខែ") { check_date("ថ្ងៃទី១២ ខែ០៤ ឆ្នាំ២០២៤", "ថ្ងៃទី១២ ខែ០៤ ឆ្នាំ២០២៤", "2024-04-12"); }
    SECTION("impossible Khmer date") {
        check_date("ថ្ងៃទី៣១ ខែមេសា ឆ្នាំ២០២៤", "ថ្ងៃទី៣១ ខែមេសា ឆ្នាំ២០២៤", "2024-04-31", false);
    }
    SECTION("Buddhist Era marker") { check_date("ថ្ងៃទី១២ ខែមេសា ព.ស.២៥៦៧", "ថ្ងៃទី១២ ខែមេសា ព.ស.២៥៦៧", "2024-04-12"); }
    SECTION("no year") { CHECK(find_dates("ថ្ងៃទី១២ ខែមេសា នេះ").empty()); }
    SECTION("mixed-script number is not a number") { CHECK(find_dates("ថ្ងៃទី១2 ខែមេសា ឆ្នាំ២០២៤").empty()); }
}

TEST_CASE("dates: all Khmer month names", "[dates][km]") {
    const char* months[] = {"មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា",
                            "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ"};
    for (int i = 0; i < 12; ++i) {
        const std::string text = std::string("ថ្ងៃទី៥ ខែ") + months[i] + " ឆ្នាំ២០២៤";
        INFO(text);
        const date_match m = only_date(text);
        CHECK(m.month == i + 1);
        CHECK(m.day == 5);
        CHECK(m.end == text.size());
    }
}

// ---------------------------------------------------------------------------
// Thai

TEST_CASE("dates: Thai", "[dates][th]") {
    SECTION("Buddhist Era year without marker") { check_date("12 เมษายน 2567", "12 เมษายน 2567", "2024-04-12"); }
    SECTION("with พ.ศ.") { check_date("12 เมษายน พ.ศ. 2567", "12 เมษายน พ.ศ. 2567", "2024-04-12"); }
    SECTION("with วันที่") { check_date("วันที่ 12 เมษายน 2567", "วันที่ 12 เมษายน 2567", "2024-04-12"); }
    SECTION("weekday and ที่") {
        check_date("วันศุกร์ที่ 12 เมษายน 2567", "วันศุกร์ที่ 12 เมษายน 2567", "2024-04-12");
    }
    SECTION("Thai digits and abbreviated month") { check_date("๑๒ เม.ย. ๒๕๖๗", "๑๒ เม.ย. ๒๕๖๗", "2024-04-12"); }
    SECTION("Gregorian year stays") { check_date("12 เมษายน 2024", "12 เมษายน 2024", "2024-04-12"); }
    SECTION("ค.ศ. marker is Gregorian") { check_date("12 เมษายน ค.ศ. 2024", "12 เมษายน ค.ศ. 2024", "2024-04-12"); }
    SECTION("numeric with Thai digits is Buddhist Era") { check_date("๑๒/๔/๒๕๖๗", "๑๒/๔/๒๕๖๗", "2024-04-12"); }
    SECTION("BE leap rule applies to the Gregorian year") {
        // 2567 BE = 2024 (leap); 2566 BE = 2023 (not leap).
        check_date("29 กุมภาพันธ์ 2567", "29 กุมภาพันธ์ 2567", "2024-02-29", true);
        check_date("29 กุมภาพันธ์ 2566", "29 กุมภาพันธ์ 2566", "2023-02-29", false);
    }
}

TEST_CASE("dates: all Thai month names and abbreviations", "[dates][th]") {
    const char* full[] = {"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
                          "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"};
    const char* abbr[] = {"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                          "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."};
    for (int i = 0; i < 12; ++i) {
        const std::string a = std::string("1 ") + full[i] + " 2567";
        const std::string b = std::string("1 ") + abbr[i] + " 2567";
        INFO(a << " / " << b);
        CHECK(only_date(a).month == i + 1);
        CHECK(only_date(b).month == i + 1);
        CHECK(only_date(b).year == 2024);
        CHECK(only_date(b).end == b.size());
    }
}

// ---------------------------------------------------------------------------
// Vietnamese, Malay, Indonesian

TEST_CASE("dates: Vietnamese", "[dates][vi]") {
    SECTION("full form") { check_date("ngày 12 tháng 4 năm 2024", "ngày 12 tháng 4 năm 2024", "2024-04-12"); }
    SECTION("without ngày") { check_date("Hôm 12 tháng 4 năm 2024,", "12 tháng 4 năm 2024", "2024-04-12"); }
    SECTION("numeric after ngày") { check_date("ngày 12/4/2024", "ngày 12/4/2024", "2024-04-12"); }
    SECTION("capitals and padded month") {
        check_date("Ngày 12 Tháng 04 Năm 2024", "Ngày 12 Tháng 04 Năm 2024", "2024-04-12");
    }
    SECTION("weekday") {
        check_date("Thứ Sáu, ngày 12 tháng 4 năm 2024", "Thứ Sáu, ngày 12 tháng 4 năm 2024", "2024-04-12");
    }
    SECTION("Sunday") {
        check_date("Chủ nhật, ngày 14 tháng 4 năm 2024", "Chủ nhật, ngày 14 tháng 4 năm 2024", "2024-04-14");
    }
    SECTION("numbered weekday after long text") {
        std::string text(300, 'x');
        text += " Thứ 6, ngày 12/4/2024";
        const date_match m = only_date(text);
        CHECK(m.begin == 301);
        CHECK(m.iso() == "2024-04-12");
    }
    SECTION("no year") { CHECK(find_dates("ngày 12 tháng 4").empty()); }
}

TEST_CASE("dates: Malay month names", "[dates][ms]") {
    const char* months[] = {"Januari", "Februari", "Mac", "April", "Mei", "Jun",
                            "Julai", "Ogos", "September", "Oktober", "November", "Disember"};
    for (int i = 0; i < 12; ++i) {
        const std::string text = std::string("12 ") + months[i] + " 2024";
        INFO(text);
        CHECK(only_date(text).month == i + 1);
    }
    check_date("Jumaat, 12 Ogos 2024", "Jumaat, 12 Ogos 2024", "2024-08-12");
}

TEST_CASE("dates: Indonesian month names", "[dates][id]") {
    const char* months[] = {"Januari", "Februari", "Maret", "April", "Mei", "Juni",
                            "Juli", "Agustus", "September", "Oktober", "November", "Desember"};
    for (int i = 0; i < 12; ++i) {
        const std::string text = std::string("17 ") + months[i] + " 2024";
        INFO(text);
        CHECK(only_date(text).month == i + 1);
    }
    check_date("Sabtu, 17 Agustus 2024", "Sabtu, 17 Agustus 2024", "2024-08-17");
}

// ---------------------------------------------------------------------------
// Lao, Burmese, Chinese, Filipino

TEST_CASE("dates: Lao", "[dates][lo]") {
    const char* months[] = {"ມັງກອນ", "ກຸມພາ", "ມີນາ", "ເມສາ", "ພຶດສະພາ", "ມິຖຸນາ",
                            "ກໍລະກົດ", "ສິງຫາ", "ກັນຍາ", "ຕຸລາ", "ພະຈິກ", "ທັນວາ"};
    for (int i = 0; i < 12; ++i) {
        const std::string text = std::string("ວັນທີ 1 ") + months[i] + " 2024";
        INFO(text);
        CHECK(only_date(text).month == i + 1);
        CHECK(only_date(text).end == text.size());
    }
    SECTION("day word") { check_date("ວັນທີ 14 ມີນາ 2024", "ວັນທີ 14 ມີນາ 2024", "2024-03-14"); }
    SECTION("Lao digits") { check_date("ວັນທີ ໑໔ ມີນາ ໒໐໒໔", "ວັນທີ ໑໔ ມີນາ ໒໐໒໔", "2024-03-14"); }
    SECTION("weekday") { check_date("ວັນສຸກ ທີ 12 ເມສາ 2024", "ວັນສຸກ ທີ 12 ເມສາ 2024", "2024-04-12"); }
    SECTION("month word and number") { check_date("ວັນທີ 14 ເດືອນ 3 ປີ 2024", "ວັນທີ 14 ເດືອນ 3 ປີ 2024", "2024-03-14"); }
    SECTION("numeric after the day word is day first") {
        check_date("ວັນທີ 03/04/2024", "ວັນທີ 03/04/2024", "2024-04-03", true, date_order::month_first);
    }
}

TEST_CASE("dates: Burmese", "[dates][my]") {
    const char* months[] = {"ဇန်နဝါရီ", "ဖေဖော်ဝါရီ", "မတ်", "ဧပြီ", "မေ", "ဇွန်",
                            "ဇူလိုင်", "ဩဂုတ်", "စက်တင်ဘာ", "အောက်တိုဘာ", "နိုဝင်ဘာ", "ဒီဇင်ဘာ"};
    for (int i = 0; i < 12; ++i) {
        const std::string text = std::string("၂၀၂၄ ခုနှစ်၊ ") + months[i] + "လ ၁ ရက်";
        INFO(text);
        CHECK(only_date(text).month == i + 1);
        CHECK(only_date(text).end == text.size());
    }
    SECTION("year first") {
        check_date("၂၀၂၄ ခုနှစ်၊ ဧပြီလ ၁၂ ရက်", "၂၀၂၄ ခုနှစ်၊ ဧပြီလ ၁၂ ရက်", "2024-04-12");
    }
    SECTION("year first with ရက်နေ့") {
        check_date("၂၀၂၄ ခုနှစ် ဧပြီလ ၁၂ ရက်နေ့တွင်", "၂၀၂၄ ခုနှစ် ဧပြီလ ၁၂ ရက်နေ့", "2024-04-12");
    }
    SECTION("day first") { check_date("၁၂ ဧပြီ ၂၀၂၄", "၁၂ ဧပြီ ၂၀၂၄", "2024-04-12"); }
    SECTION("day first with its words") {
        check_date("၁၂ ရက် ဧပြီလ ၂၀၂၄ ခုနှစ်", "၁၂ ရက် ဧပြီလ ၂၀၂၄ ခုနှစ်", "2024-04-12");
    }
    SECTION("numeric") { check_date("၁၅-၁-၂၀၂၅", "၁၅-၁-၂၀၂၅", "2025-01-15"); }
    SECTION("a year without a month is no date") { CHECK(find_dates("၂၀၂၄ ခုနှစ်အတွင်း").empty()); }
}

TEST_CASE("dates: Chinese", "[dates][zh]") {
    SECTION("ASCII digits") { check_date("于2024年4月12日在金边", "2024年4月12日", "2024-04-12"); }
    SECTION("full-width digits") { check_date("２０２４年４月１２日", "２０２４年４月１２日", "2024-04-12"); }
    SECTION("spaces") { check_date("2024 年 4 月 12 日", "2024 年 4 月 12 日", "2024-04-12"); }
    SECTION("号 for the day") { check_date("2024年4月12号", "2024年4月12号", "2024-04-12"); }
    SECTION("impossible") { check_date("2024年2月30日", "2024年2月30日", "2024-02-30", false); }
    SECTION("month and year only") { CHECK(find_dates("2024年4月").empty()); }
}

TEST_CASE("dates: Chinese numerals", "[dates][zh]") {
    SECTION("year digit by digit") { check_date("二〇二五年三月十八日", "二〇二五年三月十八日", "2025-03-18"); }
    SECTION("零 for zero") { check_date("二零二四年四月十二日", "二零二四年四月十二日", "2024-04-12"); }
    SECTION("tens") {
        check_date("二〇二四年十月二十日", "二〇二四年十月二十日", "2024-10-20");
        check_date("二〇二四年十二月三十一日", "二〇二四年十二月三十一日", "2024-12-31");
        check_date("二〇二四年一月十日", "二〇二四年一月十日", "2024-01-10");
    }
    SECTION("after long text") {
        std::string text;
        for (int i = 0; i < 100; ++i) text += "中心宣布";
        text += "于二〇二五年三月十八日举办";
        const date_match m = only_date(text);
        CHECK(m.iso() == "2025-03-18");
        CHECK(printed(text, m) == "二〇二五年三月十八日");
    }
    SECTION("impossible") { check_date("二〇二四年二月三十日", "二〇二四年二月三十日", "2024-02-30", false); }
    SECTION("not a date") {
        CHECK(find_dates("第二〇二四号文件").empty());
        CHECK(find_dates("二〇二四年四月").empty());
        CHECK(find_dates("三十一人").empty());
    }
}

TEST_CASE("dates: Filipino", "[dates][fil]") {
    const char* months[] = {"Enero", "Pebrero", "Marso", "Abril", "Mayo", "Hunyo",
                            "Hulyo", "Agosto", "Setyembre", "Oktubre", "Nobyembre", "Disyembre"};
    for (int i = 0; i < 12; ++i) {
        const std::string text = std::string(months[i]) + " 12, 2024";
        INFO(text);
        CHECK(only_date(text).month == i + 1);
    }
    SECTION("ika- and ng") { check_date("noong ika-12 ng Abril 2024.", "ika-12 ng Abril 2024", "2024-04-12"); }
    SECTION("ika- with a comma") { check_date("Ika-12 ng Abril, 2024", "Ika-12 ng Abril, 2024", "2024-04-12"); }
    SECTION("month first") { check_date("Abril 12, 2024", "Abril 12, 2024", "2024-04-12"); }
    SECTION("Spanish spelling and weekday") {
        check_date("Biyernes, Febrero 2, 2024", "Biyernes, Febrero 2, 2024", "2024-02-02");
    }
    SECTION("ika- alone is no date") { CHECK(find_dates("ang ika-12 na pagpupulong").empty()); }
}

// ---------------------------------------------------------------------------
// Buddhist Era

TEST_CASE("dates: Buddhist Era markers convert the year", "[dates][be]") {
    SECTION("B.E. before the year") { check_date("12 April B.E. 2567", "12 April B.E. 2567", "2024-04-12"); }
    SECTION("BE after the year") { check_date("12 April 2567 BE", "12 April 2567 BE", "2024-04-12"); }
    SECTION("no marker, English month: literal year") {
        const date_match m = only_date("12 April 2567");
        CHECK(m.year == 2567);
    }
    SECTION("A.D. marker is Gregorian") { check_date("12 April 2024 A.D.", "12 April 2024 A.D.", "2024-04-12"); }
}

// ---------------------------------------------------------------------------
// Datelines

namespace {

dateline_match only_dateline(std::string_view line, date_order order = date_order::day_first) {
    const auto d = match_dateline(line, order);
    INFO("line: " << line);
    REQUIRE(d.has_value());
    return *d;
}

}  // namespace

TEST_CASE("dateline: place, date", "[dateline]") {
    const std::string_view line = "Phnom Penh, 12 April 2024";
    const dateline_match d = only_dateline(line);
    CHECK(d.place_begin == 0);
    CHECK(d.place_end == 10);
    CHECK(place_of(line, d) == "Phnom Penh");
    CHECK(printed(line, d.date) == "12 April 2024");
    CHECK(d.date.iso() == "2024-04-12");
    CHECK(d.end == line.size());
    CHECK_FALSE(d.run_in);
}

TEST_CASE("dateline: run-in body text after a separator", "[dateline]") {
    SECTION("en dash") {
        const std::string_view line = "PHNOM PENH, 12 April 2024 – The Ministry of Health announced";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "PHNOM PENH");
        CHECK(d.run_in);
        CHECK(d.end == line.find("The"));
    }
    SECTION("em dash") {
        const std::string_view line = "Phnom Penh, 12 April 2024 — Officials said";
        CHECK(only_dateline(line).end == line.find("Officials"));
    }
    SECTION("hyphen") {
        const std::string_view line = "Phnom Penh, 12 April 2024 - Officials said";
        CHECK(only_dateline(line).end == line.find("Officials"));
    }
    SECTION("double hyphen") {
        const std::string_view line = "Phnom Penh, 12 April 2024 -- Officials said";
        CHECK(only_dateline(line).end == line.find("Officials"));
    }
    SECTION("colon") {
        const std::string_view line = "Phnom Penh, 12 April 2024: Officials said";
        const dateline_match d = only_dateline(line);
        CHECK(d.end == line.find("Officials"));
        CHECK(d.run_in);
    }
    SECTION("agency credit before the separator") {
        const std::string_view line = "PHNOM PENH, 12 April 2024 (AKP) -- Officials said";
        CHECK(only_dateline(line).end == line.find("Officials"));
    }
    SECTION("separator with nothing after") {
        const std::string_view line = "Phnom Penh, 12 April 2024 – ";
        const dateline_match d = only_dateline(line);
        CHECK_FALSE(d.run_in);
        CHECK(d.end == line.size());
    }
}

TEST_CASE("dateline: shapes", "[dateline]") {
    SECTION("date in parentheses") {
        const std::string_view line = "PHNOM PENH (12 April 2024) – The Ministry";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "PHNOM PENH");
        CHECK(printed(line, d.date) == "12 April 2024");
        CHECK(d.end == line.find("The"));
    }
    SECTION("place with country") {
        const std::string_view line = "Phnom Penh, Cambodia, 12 April 2024";
        CHECK(place_of(line, only_dateline(line)) == "Phnom Penh, Cambodia");
    }
    SECTION("weekday belongs to the date") {
        const std::string_view line = "Phnom Penh, Friday 12 April 2024";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "Phnom Penh");
        CHECK(printed(line, d.date) == "Friday 12 April 2024");
    }
    SECTION("Done at prefix is not part of the place") {
        const std::string_view line = "Done at Phnom Penh, 12 April 2024";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "Phnom Penh");
        CHECK(d.place_begin == 8);
    }
    SECTION("Issued in prefix") {
        const std::string_view line = "Issued in Kuala Lumpur, 12 April 2024";
        CHECK(place_of(line, only_dateline(line)) == "Kuala Lumpur");
    }
    SECTION("month-first with final full stop") {
        const std::string_view line = "Phnom Penh, April 12, 2024.";
        const dateline_match d = only_dateline(line);
        CHECK(printed(line, d.date) == "April 12, 2024");
        CHECK(d.end == line.size());
        CHECK_FALSE(d.run_in);
    }
    SECTION("impossible date is still a dateline") {
        const dateline_match d = only_dateline("Phnom Penh, 31 April 2024");
        CHECK_FALSE(d.date.valid);
        CHECK(d.date.iso() == "2024-04-31");
    }
    SECTION("numeric date") {
        const std::string_view line = "Phnom Penh, 12/04/2024";
        CHECK(only_dateline(line, date_order::month_first).date.iso() == "2024-12-04");
    }
    SECTION("The Hague") {
        const std::string_view line = "The Hague, 12 April 2024";
        CHECK(place_of(line, only_dateline(line)) == "The Hague");
    }
    SECTION("leading spaces") {
        const std::string_view line = "   Phnom Penh, 12 April 2024";
        const dateline_match d = only_dateline(line);
        CHECK(d.place_begin == 3);
        CHECK(place_of(line, d) == "Phnom Penh");
    }
}

TEST_CASE("dateline: Malay, Indonesian and Vietnamese", "[dateline]") {
    SECTION("Kuala Lumpur") {
        const std::string_view line = "Kuala Lumpur, 12 Ogos 2024";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "Kuala Lumpur");
        CHECK(d.date.iso() == "2024-08-12");
    }
    SECTION("Jakarta") {
        const std::string_view line = "Jakarta, 17 Agustus 2024";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "Jakarta");
        CHECK(d.date.iso() == "2024-08-17");
    }
    SECTION("Indonesian decree form") {
        const std::string_view line = "Ditetapkan di Jakarta pada tanggal 17 Agustus 2024";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "Jakarta");
        CHECK(d.date.iso() == "2024-08-17");
    }
    SECTION("Hà Nội") {
        const std::string_view line = "Hà Nội, ngày 12 tháng 4 năm 2024";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "Hà Nội");
        CHECK(printed(line, d.date) == "ngày 12 tháng 4 năm 2024");
        CHECK(d.date.iso() == "2024-04-12");
    }
    SECTION("Vietnamese lower-case word in the place") {
        const std::string_view line = "Thành phố Hồ Chí Minh, ngày 12 tháng 4 năm 2024";
        CHECK(place_of(line, only_dateline(line)) == "Thành phố Hồ Chí Minh");
    }
}

TEST_CASE("dateline: Thai", "[dateline][th]") {
    SECTION("no comma") {
        const std::string_view line = "กรุงเทพฯ 12 เมษายน 2567";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "กรุงเทพฯ");
        CHECK(d.date.iso() == "2024-04-12");
    }
    SECTION("comma and วันที่") {
        const std::string_view line = "รัฐบาลไทย, วันที่ 12 เมษายน 2567";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "รัฐบาลไทย");
        CHECK(printed(line, d.date) == "วันที่ 12 เมษายน 2567");
    }
    SECTION("sentence opener เมื่อ is not a place") { CHECK_FALSE(match_dateline("เมื่อวันที่ 12 เมษายน 2567").has_value()); }
}

TEST_CASE("dateline: Khmer", "[dateline][km]") {
    SECTION("no comma") {
        const std::string_view line = "រាជធានីភ្នំពេញ ថ្ងៃទី១២ ខែមេសា ឆ្នាំ២០២៤";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "រាជធានីភ្នំពេញ");
        CHECK(d.date.iso() == "2024-04-12");
        CHECK(d.end == line.size());
    }
    SECTION("comma") {
        const std::string_view line = "ភ្នំពេញ, ថ្ងៃទី១២ ខែមេសា ឆ្នាំ២០២៤";
        CHECK(place_of(line, only_dateline(line)) == "ភ្នំពេញ");
    }
    SECTION("ធ្វើនៅ prefix") {
        const std::string_view line = "ធ្វើនៅរាជធានីភ្នំពេញ ថ្ងៃទី១២ ខែមេសា ឆ្នាំ២០២៤";
        CHECK(place_of(line, only_dateline(line)) == "រាជធានីភ្នំពេញ");
    }
    SECTION("នៅ (on) opens a sentence") { CHECK_FALSE(match_dateline("នៅថ្ងៃទី១២ ខែមេសា ឆ្នាំ២០២៤").has_value()); }
    SECTION("a verb marker makes a sentence") {
        CHECK_FALSE(match_dateline("ក្រសួងបានប្រកាស ថ្ងៃទី១២ ខែមេសា ឆ្នាំ២០២៤").has_value());
    }
}

TEST_CASE("dateline: a bare date gives an empty place", "[dateline]") {
    SECTION("date alone") {
        const std::string_view line = "12 April 2024";
        const dateline_match d = only_dateline(line);
        CHECK(d.place_begin == d.place_end);
        CHECK(d.date.iso() == "2024-04-12");
        CHECK(d.end == line.size());
    }
    SECTION("date then run-in text") {
        const std::string_view line = "12 April 2024 – The Ministry";
        const dateline_match d = only_dateline(line);
        CHECK(d.place_begin == d.place_end);
        CHECK(d.run_in);
        CHECK(d.end == line.find("The"));
    }
}

TEST_CASE("dateline: sentences and other lines are not datelines", "[dateline]") {
    SECTION("On ... opens a sentence") {
        CHECK_FALSE(match_dateline("On 10 April 2024, His Excellency met the Ambassador.").has_value());
    }
    SECTION("On with a separator after the date") { CHECK_FALSE(match_dateline("On 10 April 2024 – the talks").has_value()); }
    SECTION("text after the date without a separator") {
        CHECK_FALSE(match_dateline("Phnom Penh, 12 April 2024 was a good day").has_value());
    }
    SECTION("comma after the date") { CHECK_FALSE(match_dateline("12 April 2024, the Ministry said").has_value()); }
    SECTION("lower-case start") { CHECK_FALSE(match_dateline("the meeting, 12 April 2024").has_value()); }
    SECTION("sentence verb") { CHECK_FALSE(match_dateline("The Deadline Is 12 April 2024").has_value()); }
    SECTION("lower-case words mid-phrase") { CHECK_FALSE(match_dateline("The meeting ended 12 April 2024").has_value()); }
    SECTION("too many words") {
        CHECK_FALSE(match_dateline("Ministry Of Foreign Affairs And International Cooperation, 12 April 2024").has_value());
    }
    SECTION("digits in the place") { CHECK_FALSE(match_dateline("Room 12, 12 April 2024").has_value()); }
    SECTION("no date") { CHECK_FALSE(match_dateline("Phnom Penh, April 2024").has_value()); }
    SECTION("no digits") { CHECK_FALSE(match_dateline("Phnom Penh").has_value()); }
    SECTION("empty") { CHECK_FALSE(match_dateline("").has_value()); }
}

// ---------------------------------------------------------------------------
// Lunar date lines

TEST_CASE("lunar: official lunar date lines", "[lunar][km]") {
    CHECK(is_lunar_date_line("ថ្ងៃសុក្រ ៤កើត ខែចេត្រ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៧"));
    CHECK(is_lunar_date_line("ថ្ងៃពុធ ១៥រោច ខែមាឃ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៧"));
    CHECK(is_lunar_date_line("ថ្ងៃអង្គារ ១២ កើត ខែពិសាខ"));                 // spaced day marker alone suffices
    CHECK(is_lunar_date_line("ថ្ងៃពេញបូណ៌មី ខែពិសាខ ឆ្នាំរោង ឆស័ក"));       // month + animal year, no day number
    CHECK(is_lunar_date_line("ខែកត្ដិក ព.ស.២៥៦៨"));                        // month + B.E., subscript DA
    CHECK(is_lunar_date_line("ខែកត្តិក ព.ស.២៥៦៨"));                        // subscript TA spelling
    CHECK(is_lunar_date_line("ខែបឋមាសាឍ ឆ្នាំច ឆស័ក"));                    // leap month, one-letter animal
}

TEST_CASE("lunar: the Burmese lunar date line", "[lunar][my]") {
    CHECK(is_lunar_date_line("၁၃၈၅ ခုနှစ်၊ တန်ခူးလဆန်း ၄ ရက်"));
    CHECK(is_lunar_date_line("မြန်မာသက္ကရာဇ် ၁၃၈၆ ခုနှစ်၊ ဝါခေါင်လပြည့်ကျော် ၁ ရက်"));
    CHECK(find_dates("၁၃၈၅ ခုနှစ်၊ တန်ခူးလဆန်း ၄ ရက်").empty());
    // A Gregorian year, or no moon phase: not the lunar line.
    CHECK_FALSE(is_lunar_date_line("၂၀၂၄ ခုနှစ်၊ ဧပြီလ ၁၂ ရက်"));
    CHECK_FALSE(is_lunar_date_line("၂၀၂၄ ခုနှစ်၊ တန်ခူးလဆန်း ၄ ရက်"));
    CHECK_FALSE(is_lunar_date_line("၁၃၈၅ ခုနှစ် တွင်"));
}

TEST_CASE("lunar: lines that are not lunar dates", "[lunar][km]") {
    CHECK_FALSE(is_lunar_date_line("ថ្ងៃទី១២ ខែមេសា ឆ្នាំ២០២៤"));           // Gregorian
    CHECK_FALSE(is_lunar_date_line("ខែចេត្រ"));                           // month without a year
    CHECK_FALSE(is_lunar_date_line("ខែកត្តិក ឆ្នាំចាស់"));                    // ច opens a longer word
    CHECK_FALSE(is_lunar_date_line("មានករណី ៥ កើតឡើង"));                  // កើតឡើង = to happen
    CHECK_FALSE(is_lunar_date_line("Phnom Penh, 12 April 2024"));
    CHECK_FALSE(is_lunar_date_line(""));
    std::string long_line;
    for (int i = 0; i < 30; ++i) long_line += "ពិធីបុណ្យ ";
    long_line += "ថ្ងៃ១៥កើត ខែពិសាខ";
    CHECK_FALSE(is_lunar_date_line(long_line));                         // body text, not a date line
}

TEST_CASE("lunar: the lunar line carries no Gregorian date", "[lunar][dates]") {
    CHECK(find_dates("ថ្ងៃសុក្រ ៤កើត ខែចេត្រ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៧").empty());
    CHECK_FALSE(match_dateline("ថ្ងៃសុក្រ ៤កើត ខែចេត្រ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៧").has_value());
}

TEST_CASE("dateline: Lao, Burmese, Chinese and Filipino", "[dateline]") {
    SECTION("Lao") {
        const std::string_view line = "ນະຄອນຫຼວງວຽງຈັນ, ວັນທີ 14 ມີນາ 2024";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "ນະຄອນຫຼວງວຽງຈັນ");
        CHECK(d.date.iso() == "2024-03-14");
    }
    SECTION("a Lao sentence is no dateline") {
        CHECK_FALSE(match_dateline("ກອງປະຊຸມໄດ້ຈັດຂຶ້ນໃນວັນທີ 14 ມີນາ 2024"));
    }
    SECTION("Burmese comma") {
        const std::string_view line = "နေပြည်တော်၊ ၂၀၂၄ ခုနှစ်၊ ဧပြီလ ၁၂ ရက်";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "နေပြည်တော်");
        CHECK(d.date.iso() == "2024-04-12");
    }
    SECTION("Burmese 'dated' after the place") {
        const std::string_view line = "ရန်ကုန်မြို့၊ ရက်စွဲ ၁၅-၁-၂၀၂၅";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "ရန်ကုန်မြို့");
        CHECK(d.date.iso() == "2025-01-15");
    }
    SECTION("Burmese 'dated' without a place") {
        const std::string_view line = "ရက်စွဲ၊ ၂၀၂၄ ခုနှစ်၊ ဇွန်လ ၁၈ ရက်";
        const dateline_match d = only_dateline(line);
        CHECK(d.place_begin == d.place_end);
        CHECK(d.date.iso() == "2024-06-18");
    }
    SECTION("Chinese full-width comma") {
        const std::string_view line = "北京，2024年9月27日";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "北京");
        CHECK(d.date.iso() == "2024-09-27");
    }
    SECTION("Chinese place run into the date") {
        const std::string_view line = "北京2024年9月27日";
        CHECK(place_of(line, only_dateline(line)) == "北京");
    }
    SECTION("a Chinese place after the date") {
        const std::string_view line = "2024年4月12日于金边";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "金边");
        CHECK(d.place_begin >= d.date.end);
        CHECK(d.date.iso() == "2024-04-12");
        CHECK(d.text_end == line.size());
        CHECK_FALSE(d.run_in);
        CHECK_FALSE(match_dateline("2024年4月12日于金边举行了仪式，双方签署了协议"));
    }
    SECTION("a Chinese sentence is no dateline") { CHECK_FALSE(match_dateline("外交部发言人于2024年9月27日")); }
    SECTION("Filipino place with ng") {
        const std::string_view line = "Lungsod ng Maynila, ika-12 ng Abril 2024";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "Lungsod ng Maynila");
        CHECK(d.date.iso() == "2024-04-12");
    }
}

TEST_CASE("dateline: a time of issue after the date is the dateline's", "[dateline]") {
    SECTION("Thai, with its lead") {
        const std::string_view line = "ออกประกาศ 18 กันยายน 2567 เวลา 05.00 น.";
        const dateline_match d = only_dateline(line);
        CHECK(d.place_begin == d.place_end);
        CHECK(d.date.iso() == "2024-09-18");
        CHECK(d.text_end == line.size());
        CHECK_FALSE(d.run_in);
    }
    SECTION("Burmese, in brackets") {
        const std::string_view line = "နေပြည်တော်၊ ၂၀၂၄ ခုနှစ်၊ စက်တင်ဘာလ ၁၀ ရက် (နံနက် ၁၀:၀၀ နာရီ)";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "နေပြည်တော်");
        CHECK(d.date.iso() == "2024-09-10");
        CHECK(d.text_end == line.size());
    }
    SECTION("Indonesian, run in") {
        const std::string_view line = "Jakarta, 17 Mei 2024 pukul 10.00 WIB – Kementerian meluncurkan kanal aduan.";
        const dateline_match d = only_dateline(line);
        CHECK(place_of(line, d) == "Jakarta");
        CHECK(line.substr(0, d.text_end) == "Jakarta, 17 Mei 2024 pukul 10.00 WIB");
        CHECK(d.run_in);
    }
    SECTION("a number in brackets that is not a time is not the dateline's") {
        CHECK_FALSE(match_dateline("Phnom Penh, 12 April 2024 (No. 45) more text"));
    }
}

TEST_CASE("dateline: a rule of asterisks before a date", "[dateline][th]") {
    const std::string_view line = "************************** 3 มีนาคม 2567";
    const dateline_match d = only_dateline(line);
    CHECK(d.place_begin == d.place_end);
    CHECK(d.date.iso() == "2024-03-03");
    CHECK_FALSE(match_dateline("** 3 มีนาคม 2567"));
}

TEST_CASE("dateline: a Hijri date before the Gregorian one", "[dateline][ms]") {
    for (std::string_view line : {"12 Syawal 1445 / 21 April 2024", "12 Syawal 1445H - 21 April 2024",
                                  "10 Rabiul Awal 1446 / 14 September 2024"}) {
        const dateline_match d = only_dateline(line);
        INFO(line);
        CHECK(d.place_begin == d.place_end);
        CHECK(line.substr(d.date.begin, d.date.end - d.date.begin).find('/') == std::string_view::npos);
        CHECK(d.date.year == 2024);
    }
    CHECK_FALSE(match_dateline("12 Syawal 1445"));
}
