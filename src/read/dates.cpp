#include "read/dates.hpp"

#include "core/unicode.hpp"

#include <bit>
#include <cstdint>
#include <cstdio>

namespace communique::detail {

namespace {

using std::size_t;
using std::string_view;
constexpr size_t npos = string_view::npos;

// ---------------------------------------------------------------------------
// UTF-8 decoding (core/unicode.hpp). Malformed bytes decode as U+FFFD of
// length 1, so every offset we produce is either a character boundary or a
// lone bad byte.

using cp_info = utf8_char;


unsigned char byte_at(string_view s, size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0; }

cp_info cp_at(string_view s, size_t i) { return decode_utf8_at(s, i); }

// The code point that ends just before i; len 0 at the start of the text.
cp_info cp_before(string_view s, size_t i) {
    if (i == 0 || i > s.size()) return {};
    size_t j = i - 1;
    for (int k = 0; k < 3 && j > 0 && is_utf8_continuation(byte_at(s, j)); ++k) --j;
    const cp_info c = cp_at(s, j);
    if (j + c.len == i) return c;
    return {0xFFFD, 1};
}

// ---------------------------------------------------------------------------
// Character classes.

enum class script { none, latin, khmer, thai, lao, myanmar, han };

// Value of a decimal digit in the scripts the archives use; -1 otherwise.
int digit_value(char32_t c) {
    if (c >= '0' && c <= '9') return int(c - '0');
    if (c < 0x0E50) return -1;
    if (c >= 0x17E0 && c <= 0x17E9) return int(c - 0x17E0);  // Khmer
    if (c >= 0x0E50 && c <= 0x0E59) return int(c - 0x0E50);  // Thai
    if (c >= 0x0ED0 && c <= 0x0ED9) return int(c - 0x0ED0);  // Lao
    if (c >= 0x1040 && c <= 0x1049) return int(c - 0x1040);  // Myanmar
    if (c >= 0xFF10 && c <= 0xFF19) return int(c - 0xFF10);  // full-width, in Chinese text
    return -1;
}
bool is_digit(char32_t c) { return digit_value(c) >= 0; }

script digit_script(char32_t c) {
    if (c >= 0x17E0 && c <= 0x17E9) return script::khmer;
    if (c >= 0x0E50 && c <= 0x0E59) return script::thai;
    if (c >= 0x0ED0 && c <= 0x0ED9) return script::lao;
    if (c >= 0x1040 && c <= 0x1049) return script::myanmar;
    if (c >= 0xFF10 && c <= 0xFF19) return script::han;
    return script::latin;
}

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Letters of the Latin script, including Vietnamese precomposed letters and
// stray combining marks (so "Hà" is one word even if not fully composed).
bool is_latin_letter(char32_t c) {
    return is_ascii_letter(c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x300 && c <= 0x36F) ||
           (c >= 0x1E00 && c <= 0x1EFF);
}

bool is_khmer(char32_t c) { return c >= 0x1780 && c <= 0x17FF; }
bool is_thai(char32_t c) { return c >= 0x0E00 && c <= 0x0E7F; }
bool is_lao(char32_t c) { return c >= 0x0E80 && c <= 0x0EFF; }
bool is_myanmar(char32_t c) { return c >= 0x1000 && c <= 0x109F; }
bool is_han(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }
// Scripts written without spaces between words, whose places may run straight into the date.
bool is_unspaced(char32_t c) { return is_khmer(c) || is_thai(c) || is_lao(c) || is_myanmar(c) || is_han(c); }

// Spaces that may separate the parts of a date. ZWSP and ZWNJ count: Khmer
// text inserts them between words.
bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || (c >= 0x2000 && c <= 0x200C) ||
           c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// Simple lower-casing for the letters our Latin keywords use (ASCII, Latin-1,
// the Latin Extended-A pairs, Ơ/Ư and the Vietnamese block U+1EA0..U+1EFF).
char32_t fold_cp(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) && c % 2 == 0) return c + 1;
    if (c == 0x1A0 || c == 0x1AF) return c + 1;
    if (c >= 0x1EA0 && c <= 0x1EFF && c % 2 == 0) return c + 1;
    return c;
}

// A comma: ASCII, Burmese ၊, full-width ， and ideographic 、.
bool is_comma(char32_t c) { return c == ',' || c == 0x104A || c == 0xFF0C || c == 0x3001; }

bool is_dash(char32_t c) { return c == '-' || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015; }

// At most this many spaces between two parts of a date. Bounding the gaps
// bounds how far before its first digit a date can start, which lets the
// scanner skip long digit-free stretches (see kLookBehind).
constexpr int kMaxGap = 6;

size_t skip_gap(string_view s, size_t i) {
    for (int k = 0; k < kMaxGap; ++k) {
        const cp_info c = cp_at(s, i);
        if (c.len == 0 || !is_space(c.cp)) break;
        i += c.len;
    }
    return i;
}

size_t skip_spaces(string_view s, size_t i) {
    for (;;) {
        const cp_info c = cp_at(s, i);
        if (c.len == 0 || !is_space(c.cp)) return i;
        i += c.len;
    }
}

// Nothing of a Latin word or number continues at i.
bool latin_boundary(string_view s, size_t i) {
    const cp_info c = cp_at(s, i);
    return c.len == 0 || (!is_latin_letter(c.cp) && !is_digit(c.cp));
}

// ---------------------------------------------------------------------------
// Literal matching.

bool da_or_ta(char32_t c) { return c == 0x178A || c == 0x178F; }

// Matches `pat` at s[i], code point by code point; returns the end or npos.
// With `fold`, text letters are lower-cased first (patterns are lower case).
// Subscript DA and subscript TA (U+17D2 + U+178A / U+178F) are interchangeable:
// they look alike and both spellings occur.
size_t match_lit_at(string_view s, size_t i, string_view pat, bool fold) {
    size_t a = i, b = 0;
    char32_t prev = 0;
    while (b < pat.size()) {
        // Fast path for ASCII: no decoding. Nothing non-ASCII folds to ASCII.
        const unsigned char pb = static_cast<unsigned char>(pat[b]);
        if (pb < 0x80) {
            unsigned char tb = byte_at(s, a);
            if (fold && tb >= 'A' && tb <= 'Z') tb = static_cast<unsigned char>(tb | 0x20);
            if (a >= s.size() || tb != pb) return npos;
            prev = pb;
            ++a, ++b;
            continue;
        }
        // Different lead bytes cannot match unless folding or DA/TA may apply.
        if (!fold && prev != 0x17D2 && byte_at(s, a) != pb) return npos;
        const cp_info pc = cp_at(pat, b);
        const cp_info tc = cp_at(s, a);
        if (tc.len == 0) return npos;
        const char32_t t = fold ? fold_cp(tc.cp) : tc.cp;
        if (t != pc.cp && !(prev == 0x17D2 && da_or_ta(t) && da_or_ta(pc.cp))) return npos;
        prev = pc.cp;
        a += tc.len;
        b += pc.len;
    }
    return a;
}

// Most calls are told by the first byte, which match_lit_at would test first
// too: tested here, where it inlines, before a call.
inline size_t match_lit(string_view s, size_t i, string_view pat, bool fold) {
    if (pat.empty()) return i;
    const auto pb = static_cast<unsigned char>(pat[0]);
    unsigned char tb = byte_at(s, i);
    if (pb < 0x80) {
        if (fold && tb >= 'A' && tb <= 'Z') tb = static_cast<unsigned char>(tb | 0x20);
        if (i >= s.size() || tb != pb) return npos;
    } else if (!fold && tb != pb) {
        return npos;
    }
    return match_lit_at(s, i, pat, fold);
}

// A case-insensitive Latin word: must not run on into more letters or digits.
inline size_t match_word(string_view s, size_t i, string_view pat) {
    const size_t e = match_lit(s, i, pat, true);
    return (e != npos && latin_boundary(s, e)) ? e : npos;
}

struct entry {
    string_view text;
    int value;
};

struct hit {
    size_t end = npos;
    int value = 0;
    explicit operator bool() const { return end != npos; }
};

// The set of two-letter openings ("ap", "ju", ...) of a Latin table: most
// words are rejected by their first two letters without looking at entries.
struct bigram_set {
    std::uint64_t bits[11] = {};  // 26 * 26 bits
    static constexpr int index(unsigned char a, unsigned char b) { return (a - 'a') * 26 + (b - 'a'); }
    constexpr void add(unsigned char a, unsigned char b) {
        if (a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z')
            bits[index(a, b) / 64] |= std::uint64_t{1} << (index(a, b) % 64);
    }
    constexpr void add(string_view w) { add(static_cast<unsigned char>(w[0]), static_cast<unsigned char>(w[1])); }
    // True when the text at i opens with one of the bigrams (any case).
    bool opens(string_view s, size_t i) const {
        const unsigned char a = byte_at(s, i), b = byte_at(s, i + 1);
        if (!is_ascii_letter(a) || !is_ascii_letter(b)) return false;
        const int k = index(a | 0x20, b | 0x20);
        return bits[k / 64] >> (k % 64) & 1;
    }
};

template <size_t N>
constexpr bigram_set bigrams_of(const entry (&table)[N]) {
    bigram_set set;
    for (const entry& e : table) set.add(e.text);
    return set;
}

// Longest entry of the table matching at s[i]. Latin tables whose entries all
// open with two ASCII letters pass their bigram_set as a filter.
template <size_t N>
hit match_table(string_view s, size_t i, const entry (&table)[N], bool latin, const bigram_set* filter = nullptr) {
    hit best;
    const unsigned char b0 = byte_at(s, i);
    if (b0 == 0) return best;
    if (filter && !filter->opens(s, i)) return best;
    for (const entry& e : table) {
        // Cheap first-byte filter; Latin tables are lower case ASCII-initial.
        const unsigned char p0 = static_cast<unsigned char>(e.text[0]);
        if (latin ? (b0 | 0x20) != p0 : b0 != p0) continue;
        const size_t end = latin ? match_word(s, i, e.text) : match_lit(s, i, e.text, false);
        if (end != npos && (best.end == npos || end > best.end)) best = {end, e.value};
    }
    return best;
}

// ---------------------------------------------------------------------------
// Vocabulary.

constexpr entry latin_months[] = {
    // English, then Malay (ms) and Indonesian (id) forms and abbreviations.
    {"january", 1},   {"jan", 1},      {"januari", 1},  {"february", 2}, {"feb", 2},      {"februari", 2},
    {"pebruari", 2},  {"march", 3},    {"mar", 3},      {"mac", 3},      {"maret", 3},    {"april", 4},
    {"apr", 4},       {"may", 5},      {"mei", 5},      {"june", 6},     {"jun", 6},      {"juni", 6},
    {"july", 7},      {"jul", 7},      {"julai", 7},    {"juli", 7},     {"august", 8},   {"aug", 8},
    {"ogos", 8},      {"agustus", 8},  {"agu", 8},      {"agt", 8},      {"september", 9}, {"sept", 9},
    {"sep", 9},       {"october", 10}, {"oct", 10},     {"oktober", 10}, {"okt", 10},     {"november", 11},
    {"nov", 11},      {"december", 12}, {"dec", 12},    {"disember", 12}, {"desember", 12}, {"des", 12},
    // Filipino, with the Spanish spellings also printed.
    {"enero", 1},     {"pebrero", 2},  {"febrero", 2},  {"marso", 3},    {"abril", 4},    {"mayo", 5},
    {"hunyo", 6},     {"hulyo", 7},    {"agosto", 8},   {"setyembre", 9}, {"septiyembre", 9}, {"setiyembre", 9},
    {"septyembre", 9}, {"oktubre", 10}, {"nobyembre", 11}, {"disyembre", 12},
};

constexpr entry latin_weekdays[] = {
    {"monday", 1},   {"mon", 1},    {"tuesday", 2}, {"tue", 2},   {"tues", 2},  {"wednesday", 3},
    {"wed", 3},      {"thursday", 4}, {"thu", 4},   {"thur", 4},  {"thurs", 4}, {"friday", 5},
    {"fri", 5},      {"saturday", 6}, {"sat", 6},   {"sunday", 7}, {"sun", 7},
    // Malay / Indonesian
    {"isnin", 1},    {"senin", 1},  {"selasa", 2},  {"rabu", 3},  {"khamis", 4}, {"kamis", 4},
    {"jumaat", 5},   {"jumat", 5},  {"jum'at", 5},  {"sabtu", 6}, {"ahad", 7},   {"minggu", 7},
    // Filipino
    {"lunes", 1},    {"martes", 2}, {"miyerkules", 3}, {"huwebes", 4}, {"biyernes", 5}, {"sabado", 6},
    {"linggo", 7},
};

constexpr bigram_set kLatinMonthBigrams = bigrams_of(latin_months);
constexpr bigram_set kLatinWeekdayBigrams = bigrams_of(latin_weekdays);

// Everything a date can open with in Latin script: weekdays, month names and
// the day words "ngày", "thứ", "chủ", "tanggal", "ika".
constexpr bigram_set latin_lead_bigrams() {
    bigram_set set = kLatinMonthBigrams;
    for (int k = 0; k < 11; ++k) set.bits[k] |= kLatinWeekdayBigrams.bits[k];
    set.add("ng"), set.add("th"), set.add("ch"), set.add("ta"), set.add("ik");
    return set;
}
constexpr bigram_set kLatinLeadBigrams = latin_lead_bigrams();

// After "thứ" (Vietnamese weekdays are "second day" ... "seventh day").
constexpr entry viet_weekday_numbers[] = {
    {"hai", 2}, {"ba", 3}, {"tư", 4}, {"năm", 5}, {"sáu", 6}, {"bảy", 7},
    {"2", 2},   {"3", 3},  {"4", 4},  {"5", 5},   {"6", 6},   {"7", 7},
};

// Gregorian month names. កុម្ភៈ is also typed with reahmuk (ះ) or without the
// final sign, so the bare stem is listed and the sign is consumed separately.
constexpr entry khmer_months[] = {
    {"មករា", 1},  {"កុម្ភ", 2}, {"មីនា", 3},  {"មេសា", 4},   {"ឧសភា", 5}, {"អុសភា", 5}, {"មិថុនា", 6},
    {"កក្កដា", 7}, {"សីហា", 8}, {"កញ្ញា", 9}, {"តុលា", 10}, {"វិច្ឆិកា", 11}, {"ធ្នូ", 12},
};

// After "ថ្ងៃ".
constexpr entry khmer_weekdays[] = {
    {"អាទិត្យ", 7}, {"ច័ន្ទ", 1},  {"ចន្ទ", 1}, {"អង្គារ", 2}, {"ពុធ", 3}, {"ព្រហស្បតិ៍", 4},
    {"ព្រហស្បត្តិ៍", 4}, {"ព្រហស្បតិ", 4}, {"សុក្រ", 5}, {"សៅរ៍", 6}, {"សៅ", 6},
};

// Thai month names and their abbreviations (the final full stop of an
// abbreviation is optional and consumed separately).
constexpr entry thai_months[] = {
    {"มกราคม", 1},  {"ม.ค", 1},  {"กุมภาพันธ์", 2}, {"ก.พ", 2},  {"มีนาคม", 3},    {"มี.ค", 3},
    {"เมษายน", 4},  {"เม.ย", 4}, {"พฤษภาคม", 5},   {"พ.ค", 5},  {"มิถุนายน", 6},   {"มิ.ย", 6},
    {"กรกฎาคม", 7}, {"ก.ค", 7},  {"สิงหาคม", 8},    {"ส.ค", 8},  {"กันยายน", 9},   {"ก.ย", 9},
    {"ตุลาคม", 10},  {"ต.ค", 10}, {"พฤศจิกายน", 11}, {"พ.ย", 11}, {"ธันวาคม", 12},   {"ธ.ค", 12},
};

// Lao month names (ເດືອນ, "month", may come before them).
constexpr entry lao_months[] = {
    {"ມັງກອນ", 1}, {"ກຸມພາ", 2}, {"ມີນາ", 3},  {"ເມສາ", 4},   {"ພຶດສະພາ", 5}, {"ມິຖຸນາ", 6},
    {"ກໍລະກົດ", 7}, {"ສິງຫາ", 8}, {"ກັນຍາ", 9}, {"ຕຸລາ", 10}, {"ພະຈິກ", 11},  {"ທັນວາ", 12},
};

// After "ວັນ".
constexpr entry lao_weekdays[] = {
    {"ຈັນ", 1}, {"ອັງຄານ", 2}, {"ພຸດ", 3}, {"ພະຫັດ", 4}, {"ສຸກ", 5}, {"ເສົາ", 6}, {"ອາທິດ", 7},
};

// Burmese month names; လ ("month") may follow them. Some texts type the
// digit zero ၀ for the letter ဝ, and သြ for ဩ.
constexpr entry myanmar_months[] = {
    {"ဇန်နဝါရီ", 1},    {"ဇန်န၀ါရီ", 1},  {"ဖေဖော်ဝါရီ", 2}, {"ဖေဖော်၀ါရီ", 2}, {"မတ်", 3},       {"ဧပြီ", 4},
    {"မေ", 5},          {"ဇွန်", 6},       {"ဇူလိုင်", 7},     {"ဩဂုတ်", 8},     {"ဪဂုတ်", 8},   {"သြဂုတ်", 8},
    {"စက်တင်ဘာ", 9},   {"အောက်တိုဘာ", 10}, {"နိုဝင်ဘာ", 11},  {"နို၀င်ဘာ", 11},  {"ဒီဇင်ဘာ", 12},
};

// After "วัน".
constexpr entry thai_weekdays[] = {
    {"จันทร์", 1}, {"อังคาร", 2}, {"พุธ", 3},      {"พฤหัสบดี", 4}, {"พฤหัสฯ", 4},
    {"พฤหัส", 4},  {"ศุกร์", 5},  {"เสาร์", 6},    {"อาทิตย์", 7},
};

enum class era { none, buddhist, common };

// Era markers written before the year. Latin ones are case-sensitive so that
// the English word "be" is never read as B.E.
constexpr entry era_prefixes[] = {
    {"B.E.", 1}, {"B.E", 1}, {"BE", 1}, {"A.D.", 2}, {"AD", 2}, {"C.E.", 2}, {"CE", 2},
    {"พ.ศ.", 1}, {"พ.ศ", 1}, {"ค.ศ.", 2}, {"ค.ศ", 2},
    {"ព.ស.", 1}, {"ព.ស", 1}, {"ពុទ្ធសករាជ", 1}, {"គ.ស.", 2}, {"គ.ស", 2}, {"គ្រិស្តសករាជ", 2},
    {"ພ.ສ.", 1}, {"ພ.ສ", 1}, {"ຄ.ສ.", 2}, {"ຄ.ສ", 2},
};
constexpr entry era_suffixes[] = {
    {"B.E.", 1}, {"B.E", 1}, {"BE", 1}, {"A.D.", 2}, {"AD", 2}, {"C.E.", 2}, {"CE", 2},
};

// An exact (case-sensitive) era marker; ASCII-final ones need a word boundary.
template <size_t N>
hit match_era(string_view s, size_t i, const entry (&table)[N]) {
    hit best;
    for (const entry& e : table) {
        const size_t end = match_lit(s, i, e.text, false);
        if (end == npos) continue;
        if (is_ascii_letter(static_cast<unsigned char>(e.text.back())) && !latin_boundary(s, end)) continue;
        if (best.end == npos || end > best.end) best = {end, e.value};
    }
    return best;
}

// ---------------------------------------------------------------------------
// Calendar.

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

void set_date(date_match& out, int y, int m, int d) {
    out.year = y;
    out.month = m;
    out.day = d;
    out.valid = y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

// ---------------------------------------------------------------------------
// Numbers.

struct number {
    bool ok = false;
    int value = 0;
    int digits = 0;
    size_t begin = 0, end = 0;
    script sc = script::none;
};

// A run of decimal digits at s[i], all in one script. Mixed scripts in one
// run ("2០24") are not a number.
number read_number(string_view s, size_t i) {
    number n;
    n.begin = n.end = i;
    for (;;) {
        const cp_info c = cp_at(s, n.end);
        const int v = c.len ? digit_value(c.cp) : -1;
        if (v < 0) break;
        const script sc = digit_script(c.cp);
        if (n.digits == 0) n.sc = sc;
        else if (sc != n.sc) return {};
        if (n.digits < 9) n.value = n.value * 10 + v;
        ++n.digits;
        n.end += c.len;
    }
    n.ok = n.digits > 0;
    return n;
}

bool digit_at(string_view s, size_t i) {
    const cp_info c = cp_at(s, i);
    return c.len && is_digit(c.cp);
}

// "st", "nd", "rd", "th" after a day number.
size_t ordinal_end(string_view s, size_t i) {
    static constexpr string_view suffixes[] = {"st", "nd", "rd", "th"};
    for (string_view suf : suffixes) {
        const size_t e = match_word(s, i, suf);
        if (e != npos) return e;
    }
    return i;
}

// ---------------------------------------------------------------------------
// Date parsing. Each parser takes the position where its part starts and
// returns the end of the date, filling `out` (except begin), or npos.

struct year_part {
    size_t end = npos;
    int value = 0;
    era e = era::none;
};

// [ឆ្នាំ] [era marker] YYYY [era marker]
year_part parse_year(string_view s, size_t i) {
    year_part y;
    size_t q = i;
    // "Year" before the number: Khmer ឆ្នាំ, Lao ປີ, Thai ปี.
    if (byte_at(s, q) >= 0xE0) {
        size_t e = match_lit(s, q, "ឆ្នាំ", false);
        if (e == npos) e = match_lit(s, q, "ປີ", false);
        if (e == npos) e = match_lit(s, q, "ปี", false);
        if (e != npos) q = skip_gap(s, e);
    }
    if (const hit h = match_era(s, q, era_prefixes)) {
        y.e = h.value == 1 ? era::buddhist : era::common;
        q = skip_gap(s, h.end);
    }
    const number n = read_number(s, q);
    if (!n.ok || n.digits != 4) return {};
    const cp_info after = cp_at(s, n.end);
    if (after.len && is_latin_letter(after.cp)) return {};  // "2024abc"
    y.end = n.end;
    y.value = n.value;
    // Burmese "year" after the number: ၂၀၂၄ ခုနှစ်.
    if (n.sc == script::myanmar)
        if (const size_t e = match_lit(s, skip_gap(s, n.end), "ခုနှစ်", false); e != npos) y.end = e;
    if (y.e == era::none) {
        const size_t g = skip_gap(s, n.end);
        if (g > n.end) {
            if (const hit h = match_era(s, g, era_suffixes)) {
                y.e = h.value == 1 ? era::buddhist : era::common;
                y.end = h.end;
            }
        }
    }
    return y;
}

int gregorian_year(const year_part& y, bool thai_context) {
    if (y.e == era::buddhist) return y.value - 543;
    // Thai dates without a marker use the Buddhist Era; the Gregorian
    // calendar will not reach 2400 in any archive we read.
    if (y.e == era::none && thai_context && y.value >= 2400) return y.value - 543;
    return y.value;
}

// D/M/YYYY, M/D/YYYY, YYYY-MM-DD with one separator character throughout.
size_t parse_numeric(string_view s, const number& n1, date_order order, bool force_dmy, date_match& out) {
    const char sep = s[n1.end];
    const number n2 = read_number(s, n1.end + 1);
    if (!n2.ok || byte_at(s, n2.end) != static_cast<unsigned char>(sep)) return npos;
    const number n3 = read_number(s, n2.end + 1);
    if (!n3.ok || n2.sc != n1.sc || n3.sc != n1.sc) return npos;
    const bool ymd = n1.digits == 4 && n2.digits <= 2 && n3.digits <= 2;
    const bool dmy = n1.digits <= 2 && n2.digits <= 2 && n3.digits == 4;
    if (!ymd && !dmy) return npos;
    // Not part of a longer dotted/slashed sequence (version numbers, IPs).
    const cp_info after = cp_at(s, n3.end);
    if (after.len && is_latin_letter(after.cp) && !(ymd && after.cp == 'T' && digit_at(s, n3.end + 1))) return npos;
    if (after.cp == static_cast<unsigned char>(sep) && digit_at(s, n3.end + 1)) return npos;
    const cp_info before = cp_before(s, n1.begin);
    if (before.cp == static_cast<unsigned char>(sep) && is_digit(cp_before(s, n1.begin - 1).cp)) return npos;
    int y, m, d;
    if (ymd) {
        y = n1.value, m = n2.value, d = n3.value;
    } else {
        y = n3.value;
        if (order == date_order::month_first && !force_dmy) m = n1.value, d = n2.value;
        else d = n1.value, m = n2.value;
    }
    // Thai digits mark Thai text, whose numeric dates use the Buddhist Era.
    if (n1.sc == script::thai && (ymd ? n1 : n3).value >= 2400) y -= 543;
    set_date(out, y, m, d);
    return n3.end;
}

// Day-first shapes, starting at the day number:
//   12 April 2024, 12th of April, 2024, 12-Apr-2024, 12 ខែមេសា ឆ្នាំ២០២៤,
//   12 เมษายน พ.ศ. 2567, 12 tháng 4 năm 2024, and the numeric ones.
size_t parse_day_first(string_view s, const number& n1, date_order order, bool force_dmy, date_match& out) {
    const unsigned char c = byte_at(s, n1.end);
    if ((c == '/' || c == '.' || c == '-') && digit_at(s, n1.end + 1))
        return parse_numeric(s, n1, order, force_dmy, out);
    if (n1.digits > 2) return npos;
    const int day = n1.value;
    size_t e = n1.end;
    if (n1.sc == script::latin) e = ordinal_end(s, e);

    // 12-Apr-2024
    if (byte_at(s, e) == '-') {
        const hit m = match_table(s, e + 1, latin_months, true, &kLatinMonthBigrams);
        if (m && byte_at(s, m.end) == '-') {
            const year_part y = parse_year(s, m.end + 1);
            if (y.end == npos) return npos;
            set_date(out, gregorian_year(y, false), m.value, day);
            return y.end;
        }
        return npos;
    }

    size_t g = skip_gap(s, e);
    const bool spaced = g > e;
    if (spaced) {
        // "12th of April", Filipino "ika-12 ng Abril".
        size_t of = match_word(s, g, "of");
        if (of == npos) of = match_word(s, g, "ng");
        if (of != npos && skip_gap(s, of) > of) g = skip_gap(s, of);
    }
    if (n1.sc == script::myanmar) {
        // "၁၂ ရက် ဧပြီလ": the day's own word.
        if (const size_t rk = match_lit(s, g, "ရက်", false); rk != npos) g = skip_gap(s, rk);
    }

    int month = 0;
    script msc = script::none;
    size_t me = npos;
    if (const size_t khe = match_lit(s, g, "ខែ", false); khe != npos) {
        // ខែ + Khmer month name, or ខែ + month number (ខែ០៤).
        const size_t k = skip_gap(s, khe);
        if (const hit m = match_table(s, k, khmer_months, false)) {
            month = m.value, me = m.end;
        } else if (const number mn = read_number(s, k); mn.ok && mn.digits <= 2) {
            month = mn.value, me = mn.end;
        } else {
            return npos;
        }
        msc = script::khmer;
    } else if (const hit km = match_table(s, g, khmer_months, false)) {
        month = km.value, me = km.end, msc = script::khmer;
    } else if (const hit tm = match_table(s, g, thai_months, false)) {
        month = tm.value, me = tm.end, msc = script::thai;
    } else if (byte_at(s, g) == 0xE0 && byte_at(s, g + 1) >= 0xBA) {
        // Lao: ມີນາ, ເດືອນມີນາ, ເດືອນ 3.
        size_t k = g;
        if (const size_t de = match_lit(s, g, "ເດືອນ", false); de != npos) k = skip_gap(s, de);
        if (const hit m = match_table(s, k, lao_months, false)) {
            month = m.value, me = m.end;
        } else if (const number mn = read_number(s, k); k > g && mn.ok && mn.digits <= 2) {
            month = mn.value, me = mn.end;
        } else {
            return npos;
        }
        msc = script::lao;
    } else if (const hit mm = byte_at(s, g) == 0xE1 ? match_table(s, g, myanmar_months, false) : hit{}) {
        month = mm.value, me = mm.end, msc = script::myanmar;
        if (const size_t la = match_lit(s, me, "လ", false); la != npos) me = la;
    } else if (!spaced) {
        return npos;
    } else if (const hit lm = match_table(s, g, latin_months, true, &kLatinMonthBigrams)) {
        month = lm.value, me = lm.end, msc = script::latin;
    } else if (const size_t th = match_word(s, g, "tháng"); th != npos) {
        // Vietnamese: 12 tháng 4 năm 2024
        const size_t g2 = skip_gap(s, th);
        const number mn = read_number(s, g2);
        if (g2 == th || !mn.ok || mn.digits > 2) return npos;
        const size_t g3 = skip_gap(s, mn.end);
        const size_t nam = match_word(s, g3, "năm");
        if (g3 == mn.end || nam == npos) return npos;
        const size_t g4 = skip_gap(s, nam);
        if (g4 == nam) return npos;
        const year_part y = parse_year(s, g4);
        if (y.end == npos) return npos;
        set_date(out, gregorian_year(y, false), mn.value, day);
        return y.end;
    } else {
        return npos;
    }

    // Final signs after the month: កុម្ភៈ/កុម្ភះ, "Apr.", "เม.ย.".
    if (msc == script::khmer) {
        const cp_info k = cp_at(s, me);
        if (k.cp == 0x17C8 || k.cp == 0x17C7) me += k.len;
    } else if (byte_at(s, me) == '.') {
        ++me;
    }

    size_t yg = skip_gap(s, me);
    bool sep = yg > me;
    if (byte_at(s, yg) == ',') yg = skip_gap(s, yg + 1), sep = true;
    if (msc == script::latin && !sep) return npos;
    const year_part y = parse_year(s, yg);
    if (y.end == npos) return npos;
    set_date(out, gregorian_year(y, msc == script::thai || msc == script::lao), month, day);
    return y.end;
}

// A Chinese numeral digit (〇 or 零 for zero, 一 to 九); -1 otherwise.
int han_digit(char32_t c) {
    switch (c) {
        case 0x3007: case 0x96F6: return 0;
        case 0x4E00: return 1;
        case 0x4E8C: return 2;
        case 0x4E09: return 3;
        case 0x56DB: return 4;
        case 0x4E94: return 5;
        case 0x516D: return 6;
        case 0x4E03: return 7;
        case 0x516B: return 8;
        case 0x4E5D: return 9;
        default: return -1;
    }
}

// A month or day in Chinese numerals: 四, 十, 十二, 二十, 三十一. Returns the end, or npos.
size_t read_han_small(string_view s, size_t i, int& value) {
    const cp_info a = cp_at(s, i);
    const int d1 = han_digit(a.cp);
    if (a.cp == 0x5341) {  // 十 opens 10 to 19
        const cp_info b = cp_at(s, i + a.len);
        const int d2 = han_digit(b.cp);
        if (d2 > 0) return value = 10 + d2, i + a.len + b.len;
        return value = 10, i + a.len;
    }
    if (d1 <= 0) return npos;
    const cp_info t = cp_at(s, i + a.len);
    if (t.cp != 0x5341) return value = d1, i + a.len;
    const cp_info b = cp_at(s, i + a.len + t.len);
    const int d2 = han_digit(b.cp);
    if (d2 > 0) return value = d1 * 10 + d2, i + a.len + t.len + b.len;
    return value = d1 * 10, i + a.len + t.len;
}

// 二〇二四年四月十二日: the year digit by digit, month and day as numbers.
size_t parse_han_numerals(string_view s, size_t p, date_match& out) {
    int year = 0;
    size_t i = p;
    for (int k = 0; k < 4; ++k) {
        const cp_info c = cp_at(s, i);
        const int d = han_digit(c.cp);
        if (d < 0) return npos;
        year = year * 10 + d;
        i += c.len;
    }
    const size_t nian = match_lit(s, skip_gap(s, i), "年", false);
    if (nian == npos) return npos;
    int month = 0, day = 0;
    const size_t me = read_han_small(s, skip_gap(s, nian), month);
    if (me == npos) return npos;
    const size_t yue = match_lit(s, skip_gap(s, me), "月", false);
    if (yue == npos) return npos;
    const size_t de = read_han_small(s, skip_gap(s, yue), day);
    if (de == npos) return npos;
    const size_t dg = skip_gap(s, de);
    size_t ri = match_lit(s, dg, "日", false);
    if (ri == npos) ri = match_lit(s, dg, "号", false);
    if (ri == npos) return npos;
    set_date(out, year, month, day);
    return ri;
}

// Year-first shapes, starting at the four-digit year: Chinese 2024年4月12日
// (full-width digits too) and Burmese ၂၀၂၄ ခုနှစ်၊ ဧပြီလ ၁၂ ရက်.
size_t parse_year_first(string_view s, const number& year, date_match& out) {
    size_t g = skip_gap(s, year.end);
    if (const size_t nian = match_lit(s, g, "年", false); nian != npos) {
        const number m = read_number(s, skip_gap(s, nian));
        if (!m.ok || m.digits > 2) return npos;
        const size_t yue = match_lit(s, skip_gap(s, m.end), "月", false);
        if (yue == npos) return npos;
        const number d = read_number(s, skip_gap(s, yue));
        if (!d.ok || d.digits > 2) return npos;
        const size_t dg = skip_gap(s, d.end);
        size_t ri = match_lit(s, dg, "日", false);
        if (ri == npos) ri = match_lit(s, dg, "号", false);
        if (ri == npos) return npos;
        set_date(out, year.value, m.value, d.value);
        return ri;
    }
    if (year.sc != script::myanmar) return npos;
    const size_t kn = match_lit(s, g, "ခုနှစ်", false);
    if (kn == npos) return npos;
    g = skip_gap(s, kn);
    if (const cp_info c = cp_at(s, g); c.cp == 0x104A || c.cp == ',') g = skip_gap(s, g + c.len);  // ၊
    const hit m = match_table(s, g, myanmar_months, false);
    if (!m) return npos;
    size_t e = m.end;
    if (const size_t la = match_lit(s, e, "လ", false); la != npos) e = la;
    const number d = read_number(s, skip_gap(s, e));
    if (!d.ok || d.digits > 2) return npos;
    e = d.end;
    // ရက် ("day"), ရက်နေ့.
    if (const size_t rk = match_lit(s, skip_gap(s, e), "ရက်", false); rk != npos) {
        e = rk;
        if (const size_t ne = match_lit(s, e, "နေ့", false); ne != npos) e = ne;
    }
    set_date(out, year.value, m.value, d.value);
    return e;
}

// April 12, 2024 / Apr. 12 2024 / Sept. 3, 2024 / April 12th, 2024
size_t parse_month_first(string_view s, size_t p, date_match& out) {
    const hit m = match_table(s, p, latin_months, true, &kLatinMonthBigrams);
    if (!m) return npos;
    size_t e = m.end;
    if (byte_at(s, e) == '.') ++e;
    const size_t g = skip_gap(s, e);
    if (g == e) return npos;
    const number d = read_number(s, g);
    if (!d.ok || d.digits > 2) return npos;
    e = d.sc == script::latin ? ordinal_end(s, d.end) : d.end;
    if (!latin_boundary(s, e)) return npos;
    size_t yg = skip_gap(s, e);
    bool sep = yg > e;
    if (byte_at(s, yg) == ',') yg = skip_gap(s, yg + 1), sep = true;
    if (!sep) return npos;
    const year_part y = parse_year(s, yg);
    if (y.end == npos) return npos;
    set_date(out, gregorian_year(y, false), m.value, d.value);
    return y.end;
}

// A weekday at s[p] (with its own trailing full stop); returns its end.
size_t match_weekday(string_view s, size_t p, bool& latin) {
    latin = false;
    const unsigned char b = byte_at(s, p);
    if (b == 0xE1) {  // Khmer
        const size_t e = match_lit(s, p, "ថ្ងៃ", false);
        const hit w = e != npos ? match_table(s, skip_gap(s, e), khmer_weekdays, false) : hit{};
        return w ? w.end : npos;
    }
    if (b == 0xE0) {  // Thai, Lao
        size_t e = match_lit(s, p, "วัน", false);
        hit w = e != npos ? match_table(s, e, thai_weekdays, false) : hit{};
        if (!w && (e = match_lit(s, p, "ວັນ", false)) != npos) w = match_table(s, e, lao_weekdays, false);
        return w ? w.end : npos;
    }
    if (!is_ascii_letter(b)) return npos;
    latin = true;
    const unsigned char lower = b | 0x20;
    if (lower == 't') {
        if (const size_t e = match_word(s, p, "thứ"); e != npos) {
            const size_t g = skip_gap(s, e);
            if (g == e) return npos;
            const hit w = match_table(s, g, viet_weekday_numbers, true);
            return w ? w.end : npos;
        }
    } else if (lower == 'c') {
        if (const size_t e = match_word(s, p, "chủ"); e != npos) {
            const size_t g = skip_gap(s, e);
            return g > e ? match_word(s, g, "nhật") : npos;
        }
    }
    const hit w = match_table(s, p, latin_weekdays, true, &kLatinWeekdayBigrams);
    if (!w) return npos;
    return byte_at(s, w.end) == '.' ? w.end + 1 : w.end;
}

// The date proper, after any weekday: an optional day word, then day-first or
// month-first shapes.
size_t parse_core(string_view s, size_t p, date_order order, date_match& out) {
    size_t q = p;
    bool force_dmy = false;  // day words belong to day-first languages
    const unsigned char b = byte_at(s, p);
    if (b == 0xE1) {  // Khmer: ថ្ងៃទី, ថ្ងៃ ទី, ទី, ថ្ងៃ
        size_t e = match_lit(s, q, "ថ្ងៃ", false);
        if (e != npos) {
            const size_t t = match_lit(s, skip_gap(s, e), "ទី", false);
            if (t != npos) e = t;
        } else {
            e = match_lit(s, q, "ទី", false);
        }
        if (e != npos) q = skip_gap(s, e), force_dmy = true;
    } else if (b == 0xE0) {  // Thai: วันที่, ที่; Lao: ວັນທີ, ທີ
        size_t e = match_lit(s, q, "วันที่", false);
        if (e == npos) e = match_lit(s, q, "ที่", false);
        if (e == npos) e = match_lit(s, q, "ວັນທີ", false);
        if (e == npos) e = match_lit(s, q, "ທີ", false);
        if (e != npos) q = skip_gap(s, e), force_dmy = true;
    } else if ((b | 0x20) == 'n' || (b | 0x20) == 't') {
        size_t kw = match_word(s, q, "ngày");
        if (kw == npos) kw = match_word(s, q, "tanggal");
        if (kw != npos) {
            q = skip_gap(s, kw), force_dmy = true;
            if (q == kw) return npos;
        }
    } else if ((b | 0x20) == 'i') {
        // Filipino "ika-12", the twelfth.
        if (const size_t ika = match_word(s, q, "ika"); ika != npos) {
            q = byte_at(s, ika) == '-' ? ika + 1 : skip_gap(s, ika);
            if (q == ika) return npos;
            force_dmy = true;
        }
    }
    if (b >= 0xE3 && b <= 0xE9 && q == p && han_digit(cp_at(s, p).cp) >= 0) return parse_han_numerals(s, p, out);
    const number n1 = read_number(s, q);
    if (n1.ok && n1.digits == 4 && (n1.sc == script::latin || n1.sc == script::han || n1.sc == script::myanmar))
        if (const size_t e = parse_year_first(s, n1, out); e != npos) return e;
    if (n1.ok) return parse_day_first(s, n1, order, force_dmy, out);
    if (q != p) return npos;  // a day word must be followed by the day
    return parse_month_first(s, p, out);
}

// A date starting exactly at s[p], optionally opened by a weekday.
bool date_at(string_view s, size_t p, date_order order, date_match& out) {
    bool latin = false;
    if (const size_t w = match_weekday(s, p, latin); w != npos) {
        size_t g = skip_gap(s, w);
        bool sep = g > w;
        if (byte_at(s, g) == ',') g = skip_gap(s, g + 1), sep = true;
        if (latin && !sep) return false;
        const size_t e = parse_core(s, g, order, out);
        if (e == npos) return false;
        out.begin = p, out.end = e;
        return true;
    }
    const size_t e = parse_core(s, p, order, out);
    if (e == npos) return false;
    out.begin = p, out.end = e;
    return true;
}

size_t find_digit(string_view s, size_t i) {
    const size_t n = s.size();
    for (; i < n; ++i) {
        // Eight ASCII bytes at a time, most of a paragraph.
        for (std::uint64_t w; i + 8 <= n && ((w = load_word(s.data() + i)) & word_high_bits) == 0; i += 8) {
            const std::uint64_t digits = bytes_between(w, '0', '9');
            // The first digit's byte is the lowest set bit's on a little-endian machine.
            if (digits) {
                if constexpr (std::endian::native == std::endian::little) return i + std::countr_zero(digits) / 8;
                break;
            }
        }
        if (i >= n) break;
        const unsigned char b = byte_at(s, i);
        if (b < 0x80) {
            if (b >= '0' && b <= '9') return i;
            continue;
        }
        const unsigned char b1 = byte_at(s, i + 1), b2 = byte_at(s, i + 2);
        if (b == 0xE1) {
            if (b1 == 0x9F && b2 >= 0xA0 && b2 <= 0xA9) return i;  // Khmer
            if (b1 == 0x81 && b2 >= 0x80 && b2 <= 0x89) return i;  // Myanmar
        } else if (b == 0xE0) {
            if ((b1 == 0xB9 || b1 == 0xBB) && b2 >= 0x90 && b2 <= 0x99) return i;  // Thai, Lao
        } else if (b == 0xEF) {
            if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) return i;  // full-width
        } else if (b == 0xE3) {
            if (b1 == 0x80 && b2 == 0x87) return i;  // 〇, in every year of this century in Chinese numerals
        } else if (b == 0xE9) {
            if (b1 == 0x9B && b2 == 0xB6) return i;  // 零, its other spelling
        }
    }
    return npos;
}

// No date starts more than this many bytes before its first digit, so
// positions farther from the next digit are skipped. Gaps are at most kMaxGap
// spaces of at most 3 bytes (18 bytes). The longest lead is Khmer: "ថ្ងៃ" gap
// "ព្រហស្បត្តិ៍" gap "," gap "ថ្ងៃ" gap "ទី" gap = 12+18+36+18+1+18+12+18+6+18
// = 157 bytes; Thai "วันพฤหัสบดี" gap "," gap "วันที่" gap is shorter.
constexpr size_t kLookBehind = 256;

// The same bound for dates that open with a Latin word: "chủ" gap "nhật" gap
// "," gap "ngày" gap = 5+18+6+18+1+18+5+18 = 89 bytes; "Wednesday.", gap ","
// gap "September." gap = 75 bytes.
constexpr size_t kLatinLookBehind = 128;

// The first date starting in [from, last_start].
std::optional<date_match> scan(string_view s, size_t from, size_t last_start, date_order order) {
    const size_t n = s.size();
    size_t next_digit = find_digit(s, from);
    size_t p = from;
    bool after_word = false;  // the previous character is a Latin letter or a digit
    bool fresh = true;        // after_word must be recomputed (start or jump)
    while (p < n && p <= last_start) {
        if (next_digit == npos) return std::nullopt;
        if (next_digit < p) {
            next_digit = find_digit(s, p);
            continue;
        }
        if (next_digit - p > kLookBehind) {
            p = next_digit - kLookBehind;
            while (p < n && is_utf8_continuation(byte_at(s, p))) ++p;
            fresh = true;
            continue;
        }
        if (fresh) {
            const cp_info b = cp_before(s, p);
            after_word = b.len && (is_latin_letter(b.cp) || is_digit(b.cp));
            fresh = false;
        }
        const unsigned char b0 = byte_at(s, p);
        if (b0 < 0x80 && !is_ascii_letter(b0) && !(b0 >= '0' && b0 <= '9')) {
            // ASCII space or punctuation: the common case, decided here.
            after_word = false;
            ++p;
            continue;
        }
        const cp_info c = cp_at(s, p);
        const bool word = is_latin_letter(c.cp) || is_digit(c.cp);
        // Digits and Latin letters start a date only at a word start; Khmer,
        // Thai and Lao dates only at their day words (ថ្ងៃ, ទី, วัน, ที่, ວັນ, ທີ). Latin leads are
        // short ("Wednesday, September 12"), so Latin word starts far from
        // the next digit are not tried.
        bool candidate;
        if (is_digit(c.cp)) candidate = !after_word;
        else if (is_ascii_letter(c.cp))
            candidate = !after_word && next_digit - p <= kLatinLookBehind && kLatinLeadBigrams.opens(s, p);
        else if (han_digit(c.cp) >= 0) candidate = han_digit(cp_before(s, p).cp) < 0;  // 二〇二四年...
        else candidate = c.cp == 0x1790 || c.cp == 0x1791 || c.cp == 0x0E27 || c.cp == 0x0E17 || c.cp == 0x0EA7 ||
                         c.cp == 0x0E97;
        if (candidate) {
            date_match m;
            if (date_at(s, p, order, m)) return m;
        }
        after_word = word;
        p += c.len;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// Datelines.

// "Done at Phnom Penh, ..." and its kin: a lead that is not part of the place.
// The first of the words at s[i] (Latin ones case-insensitive and whole): its end, or npos.
size_t match_any(string_view s, size_t i, std::initializer_list<string_view> words) {
    for (string_view w : words) {
        const size_t e = static_cast<unsigned char>(w[0]) < 0x80 ? match_word(s, i, w) : match_lit(s, i, w, false);
        if (e != npos) return e;
    }
    return npos;
}

// "12 Syawal 1445 / ", "12 Syawal 1445H - ": a Hijri date printed before the
// Gregorian one, as Brunei and Malaysia do. Its end with the separator, or npos.
size_t hijri_lead(string_view s, size_t i) {
    static constexpr string_view months[] = {
        "muharam",     "muharram",      "safar",        "rabiulawal",  "rabiul awal",  "rabiulakhir", "rabiul akhir",
        "jamadilawal", "jamadil awal",  "jamadilakhir", "jamadil akhir", "jumadil awal", "jumadil akhir", "rejab",
        "rajab",       "syaaban",       "syakban",      "sya'ban",     "ramadan",      "ramadhan",    "syawal",
        "zulkaedah",   "zulkaidah",     "zulhijjah",    "zulhijah",    "dzulhijjah"};
    const number d = read_number(s, i);
    if (!d.ok || d.digits > 2 || d.sc != script::latin) return npos;
    const size_t g = skip_gap(s, d.end);
    if (g == d.end) return npos;
    size_t e = npos;
    for (string_view m : months)
        if (e == npos) e = match_word(s, g, m);
    if (e == npos) return npos;
    const number y = read_number(s, skip_gap(s, e));
    if (!y.ok || y.digits != 4 || y.value >= 1600) return npos;
    size_t q = y.end;
    if (const size_t h = match_any(s, q, {"h", "hijrah"}); h != npos) q = h;
    q = skip_spaces(s, q);
    const unsigned char sep = byte_at(s, q);
    if (sep != '/' && sep != ',' && !is_dash(cp_at(s, q).cp)) return npos;
    q += cp_at(s, q).len;
    return skip_spaces(s, q) > q ? skip_spaces(s, q) : npos;
}

size_t skip_dateline_lead(string_view s, size_t i) {
    if (const size_t h = hijri_lead(s, i); h != npos) return h;
    // A rule of asterisks or equals signs before the date, as Thai ministries print it.
    if (const unsigned char r = byte_at(s, i); r == '*' || r == '=') {
        size_t e = i;
        while (byte_at(s, e) == r) ++e;
        if (e - i >= 3 && skip_spaces(s, e) > e) return skip_spaces(s, e);
    }
    static constexpr string_view latin_leads[] = {
        "done at",   "done in",      "issued at",      "issued in",     "made at",
        "made in",   "signed at",    "signed in",      "given at",      "given in",
        "dibuat di", "dikeluarkan di", "ditetapkan di", "ditandatangani di", "ginawa sa", "nilagdaan sa",
    };
    for (string_view lead : latin_leads) {
        const size_t e = match_word(s, i, lead);
        if (e != npos) {
            const size_t g = skip_spaces(s, e);
            if (g > e) return g;
        }
    }
    static constexpr string_view other_leads[] = {"ធ្វើនៅ", "ให้ไว้ ณ", "ประกาศ ณ", "ออกประกาศ", "ทำที่", "ทำ ณ",
                                                  "ເຮັດທີ່"};
    for (string_view lead : other_leads) {
        const size_t e = match_lit(s, i, lead, false);
        if (e != npos) return skip_spaces(s, e);
    }
    // Burmese "dated", before a date without a place: "ရက်စွဲ၊ ၂၀၂၄ ခုနှစ်...".
    if (const size_t e = match_lit(s, i, "ရက်စွဲ", false); e != npos) {
        size_t g = skip_spaces(s, e);
        if (const cp_info c = cp_at(s, g); c.cp == 0x104A || c.cp == ':') g = skip_spaces(s, g + c.len);
        return g;
    }
    return i;
}

inline bool equals_ci(string_view word, string_view lower) {
    // Most words of a place are none of a list's: an ASCII first letter that
    // differs tells so without matching (what match_lit would find first).
    if (!lower.empty() && static_cast<unsigned char>(lower[0]) < 0x80) {
        unsigned char first = byte_at(word, 0);
        if (first >= 'A' && first <= 'Z') first = static_cast<unsigned char>(first | 0x20);
        if (word.empty() || first != static_cast<unsigned char>(lower[0])) return false;
    }
    return match_lit(word, 0, lower, true) == word.size();
}

template <size_t N>
bool in_list(string_view word, const string_view (&list)[N]) {
    for (string_view w : list)
        if (equals_ci(word, w)) return true;
    return false;
}

template <size_t N>
bool ends_with_any(string_view s, const string_view (&list)[N]) {
    for (string_view w : list)
        if (s.size() >= w.size() && match_lit(s, s.size() - w.size(), w, false) == s.size()) return true;
    return false;
}

template <size_t N>
bool starts_with_any(string_view s, const string_view (&list)[N]) {
    for (string_view w : list)
        if (match_lit(s, 0, w, false) != npos) return true;
    return false;
}

template <size_t N>
bool contains_any(string_view s, const string_view (&list)[N]) {
    for (string_view w : list)
        if (s.find(w) != npos) return true;
    return false;
}

// Words that open a sentence, not a place ("On 10 April 2024, ...").
constexpr string_view kSentenceOpeners[] = {
    "on",    "in",     "at",     "since",  "from",   "until",   "till",      "by",    "as",    "of",
    "for",   "during", "before", "after",  "between", "to",     "and",       "or",    "but",   "if",
    "when",  "dated",  "date",   "updated", "published", "posted", "effective", "today", "yesterday",
    "tomorrow", "last", "next",  "every",  "pada",   "di",      "sejak",     "hingga", "sampai", "tanggal",
    "ngày",  "vào",    "từ",     "đến",    "hôm"};

// Words that make the text before the date a sentence.
constexpr string_view kSentenceWords[] = {
    "is",   "was",   "were", "are",  "be",   "been",  "will",  "would", "shall", "should", "has",
    "have", "had",   "said", "says", "announced", "held", "met", "took",  "did",   "does",   "telah",
    "akan", "adalah", "ialah", "yang", "berkata"};

// Lower-case words allowed inside a place name ("Kingdom of Cambodia",
// "Rio de Janeiro", "Frankfurt am Main").
constexpr string_view kPlaceParticles[] = {
    "of", "de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "les", "am",
    "an", "der", "den", "upon", "sur", "en", "y", "and", "al", "el", "bin", "binti", "van", "von",
    "ng", "sa"};  // Filipino: "Lungsod ng Maynila"

// Khmer and Thai text has no spaces between words: judge by particles at the
// edges ("នៅ" at, "កាលពី" on, "เมื่อ" when) and verb markers anywhere.
constexpr string_view kKhmerEdgeParticles[] = {"នៅ", "នា", "កាលពី", "ពី", "ដល់", "ត្រឹម", "ក្នុង", "គឺ", "ថា", "ចាប់ពី"};
constexpr string_view kKhmerSentenceMarks[] = {"បាន", "នឹង", "កំពុង", "ត្រូវ", "ព្រឹក", "ល្ងាច", "រសៀល", "យប់"};
constexpr string_view kThaiEdgeParticles[] = {"เมื่อ", "ใน", "ตั้งแต่", "ถึง", "ณ", "ภายใน"};
constexpr string_view kThaiSentenceMarks[] = {"ได้", "จะ", "กำลัง", "เมื่อ"};
constexpr string_view kLaoEdgeParticles[] = {"ໃນ", "ເມື່ອ", "ແຕ່", "ເຖິງ", "ຮອດ", "ວ່າ", "ທີ່"};
constexpr string_view kLaoSentenceMarks[] = {"ໄດ້", "ຈະ", "ກຳລັງ", "ແມ່ນ", "ເມື່ອ"};
// Burmese: "at/in" (တွင်, ၌), past (ခဲ့), verb endings (သည်, မည်), the full stop ။.
constexpr string_view kMyanmarSentenceMarks[] = {"တွင်", "၌", "ခဲ့", "သည်", "မည်", "။"};
// Chinese: at/on (在, 于, 於), and the commonest particles of a sentence.
constexpr string_view kHanSentenceMarks[] = {"在", "于", "於", "的", "了", "将", "將", "已", "是", "。"};

constexpr size_t kMaxPlaceBytes = 128;
constexpr int kMaxPlaceWords = 6;

// A short place name: "Phnom Penh", "PHNOM PENH", "Phnom Penh, Cambodia",
// "Hà Nội", "Thành phố Hồ Chí Minh", "กรุงเทพฯ", "រាជធានីភ្នំពេញ".
bool valid_place(string_view place) {
    if (place.empty() || place.size() > kMaxPlaceBytes) return false;
    int words = 0, commas = 0;
    bool any_non_latin = false;
    size_t i = 0;
    while (i < place.size()) {
        cp_info c = cp_at(place, i);
        if (is_space(c.cp) || c.cp == ',') {
            if (c.cp == ',' && ++commas > 2) return false;
            i += c.len;
            continue;
        }
        // A word: up to the next space or comma.
        const size_t wb = i;
        bool ascii_only = true;
        while (i < place.size()) {
            c = cp_at(place, i);
            if (is_space(c.cp) || c.cp == ',') break;
            if (is_digit(c.cp)) return false;
            if (c.cp < 0x80 && !is_ascii_letter(c.cp) && c.cp != '.' && c.cp != '-' && c.cp != '\'' && c.cp != '&')
                return false;
            if (c.cp >= 0x2018 && c.cp <= 0x201F && c.cp != 0x2019) return false;  // quotes
            if (c.cp >= 0x80) ascii_only = false;
            if (is_unspaced(c.cp)) any_non_latin = true;
            i += c.len;
        }
        const string_view word = place.substr(wb, i - wb);
        if (++words > kMaxPlaceWords) return false;
        const char32_t first = cp_at(word, 0).cp;
        if ((first < 0x80 && !is_ascii_letter(first)) || (first >= 0x2000 && first <= 0x2BFF))
            return false;  // ".", "-", "&", bullets, dashes, quotes
        if (in_list(word, kSentenceWords)) return false;
        if (words == 1) {
            if (is_latin_letter(first) && fold_cp(first) == first) return false;  // lower-case start
            if (in_list(word, kSentenceOpeners)) return false;
        } else if (is_latin_letter(first) && fold_cp(first) == first && ascii_only &&
                   !in_list(word, kPlaceParticles)) {
            // A lower-case English/Malay word mid-name is a sentence; lower-case
            // Vietnamese words ("Thành phố") are fine.
            return false;
        }
    }
    if (words == 0) return false;
    if (any_non_latin) {
        if (ends_with_any(place, kKhmerEdgeParticles) || starts_with_any(place, kKhmerEdgeParticles) ||
            contains_any(place, kKhmerSentenceMarks))
            return false;
        if (ends_with_any(place, kThaiEdgeParticles) || starts_with_any(place, kThaiEdgeParticles) ||
            contains_any(place, kThaiSentenceMarks))
            return false;
        if (ends_with_any(place, kLaoEdgeParticles) || starts_with_any(place, kLaoEdgeParticles) ||
            contains_any(place, kLaoSentenceMarks))
            return false;
        if (contains_any(place, kMyanmarSentenceMarks) || contains_any(place, kHanSentenceMarks)) return false;
    }
    return true;
}

// Words between the place and the date that belong to neither
// ("Jakarta pada tanggal 17 Agustus", "กรุงเทพฯ ณ วันที่", "ភ្នំពេញ នាថ្ងៃទី").
size_t strip_trailing_link(string_view s, size_t b, size_t e) {
    // Burmese ရက်စွဲ is "dated": "ရန်ကုန်မြို့၊ ရက်စွဲ ၁၅-၁-၂၀၂၅".
    static constexpr string_view links[] = {"pada", "ณ", "នា", "ရက်စွဲ"};
    for (string_view w : links) {
        if (e - b < w.size()) continue;
        const size_t at = e - w.size();
        if (match_lit(s, at, w, true) != e) continue;
        const cp_info before = cp_before(s, at);
        if (at == b || is_space(before.cp) || is_comma(before.cp)) {
            size_t j = at;
            for (cp_info c = cp_before(s, j); j > b && (is_space(c.cp) || is_comma(c.cp)); c = cp_before(s, j))
                j -= c.len;
            return j;
        }
    }
    return e;
}

// A clock time at s[i], "10:00", "05.00", "၁၀:၀၀": its end, or npos.
size_t match_clock(string_view s, size_t i) {
    const number h = read_number(s, i);
    if (!h.ok || h.digits > 2) return npos;
    const unsigned char sep = byte_at(s, h.end);
    if (sep != ':' && sep != '.') return npos;
    const number m = read_number(s, h.end + 1);
    if (!m.ok || m.digits != 2 || m.sc != h.sc || is_digit(cp_at(s, m.end).cp)) return npos;
    return m.end;
}

// The time a dateline may give after its date: "เวลา 05.00 น.", "10:00 ICT",
// "pukul 10.00 WIB". Its end, or npos.
size_t time_after_date(string_view s, size_t i) {
    size_t q = skip_spaces(s, i);
    if (q == i) return npos;
    if (const size_t e = match_any(s, q, {"เวลา", "ເວລາ", "at", "pukul", "jam", "lúc"}); e != npos) q = skip_spaces(s, e);
    const size_t e = match_clock(s, q);
    if (e == npos) return npos;
    const size_t g = skip_spaces(s, e);
    const size_t f = match_any(s, g, {"น.", "นาฬิกา", "ໂມງ", "နာရီ", "am", "pm", "a.m.", "p.m.", "hrs", "hours", "h",
                                      "ict", "wib", "wita", "wit", "giờ"});
    return f != npos ? f : e;
}

// A time in brackets after the date, "(နံနက် ၁၀:၀၀ နာရီ)", "(10:00 ICT)": a
// clock and no other number.
bool is_time_aside(string_view inside) {
    bool clock = false;
    for (size_t i = 0; i < inside.size();) {
        const cp_info c = cp_at(inside, i);
        if (!is_digit(c.cp)) {
            i += c.len;
            continue;
        }
        const size_t e = match_clock(inside, i);
        if (e == npos) return false;
        clock = true;
        i = e;
    }
    return clock;
}

// Separator after the date; returns its end or npos.
size_t match_separator(string_view s, size_t i) {
    if (s.substr(i, 2) == "--") return i + 2;
    const cp_info c = cp_at(s, i);
    if (c.len && (is_dash(c.cp) || c.cp == ':')) return i + c.len;
    return npos;
}

}  // namespace

std::string date_match::iso() const {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::vector<date_match> find_dates(std::string_view utf8, date_order order) {
    std::vector<date_match> out;
    size_t p = 0;
    while (p < utf8.size()) {
        const std::optional<date_match> m = scan(utf8, p, utf8.size(), order);
        if (!m) break;
        out.push_back(*m);
        p = m->end;
    }
    return out;
}

std::optional<date_match> date_at_start(std::string_view utf8, date_order order) {
    if (utf8.empty()) return std::nullopt;
    return scan(utf8, 0, 0, order);
}

std::optional<dateline_match> match_dateline(std::string_view line, date_order order) {
    if (find_digit(line, 0) == npos) return std::nullopt;
    const size_t lead = skip_spaces(line, 0);
    const size_t place_start = skip_dateline_lead(line, lead);
    const std::optional<date_match> dm = scan(line, place_start, place_start + kMaxPlaceBytes + 16, order);
    if (!dm) return std::nullopt;

    // Walk back from the date over the gap: spaces, one comma, one dash, one
    // "(", and one "on" ("Phnom Penh, on 12 April 2024", "Issued in Phnom
    // Penh on 12 April 2024").
    size_t j = dm->begin;
    bool paren = false, comma = false, dash = false, space = false, on = false;
    while (j > place_start) {
        const cp_info c = cp_before(line, j);
        if (is_space(c.cp)) space = true;
        else if (c.cp == '(' && !paren) paren = true;
        else if (is_comma(c.cp) && !comma) comma = true;
        else if (is_dash(c.cp) && !dash) dash = true;
        else if (!on && space && j >= place_start + 3 && equals_ci(line.substr(j - 2, 2), "on") &&
                 (line[j - 3] == ' ' || line[j - 3] == ',')) {
            on = true;
            j -= 2;
            continue;
        } else break;
        j -= c.len;
    }
    j = strip_trailing_link(line, place_start, j);

    dateline_match r;
    r.date = *dm;
    r.place_begin = place_start;
    r.place_end = j;
    if (j == place_start) {
        // The line opens with the date: a dateline without a place.
        if (comma || dash) return std::nullopt;
        r.place_end = r.place_begin = place_start;
    } else {
        // Latin places are set off by a space, comma or parenthesis; Khmer and
        // Thai may run straight into the date.
        const cp_info last = cp_before(line, j);
        if (!space && !comma && !paren && !dash && !is_unspaced(last.cp)) return std::nullopt;
        if (!valid_place(line.substr(place_start, j - place_start))) return std::nullopt;
    }

    size_t k = dm->end;
    if (paren) {
        k = skip_spaces(line, k);
        if (byte_at(line, k) != ')') return std::nullopt;
        ++k;
    }
    // An agency credit: "12 April 2024 (AKP) –", a wire's "March 3, 2024
    // /PRNewswire/ --".
    // A time in brackets is the dateline's too: "(နံနက် ၁၀:၀၀ နာရီ)".
    if (const size_t t = skip_spaces(line, k); t > k && (byte_at(line, t) == '(' || byte_at(line, t) == '/')) {
        const size_t close = line.find(byte_at(line, t) == '(' ? ')' : '/', t + 1);
        const bool credit = close != npos && close - t <= 40 && find_digit(line.substr(0, close), t) == npos;
        if (credit || (close != npos && close - t <= 80 && byte_at(line, t) == '(' &&
                       is_time_aside(line.substr(t + 1, close - t - 1)))) {
            k = close + 1;
            r.text_end = k;  // the credit is the dateline's
        }
    } else if (const size_t te = time_after_date(line, k); te != npos) {
        // "ออกประกาศ 18 กันยายน 2567 เวลา 05.00 น.": the time of issue.
        k = r.text_end = te;
    }
    // A Chinese place after its date, "2024年4月12日于金边": the dateline's
    // text, the whole line, the place after the date.
    if (r.place_end == r.place_begin) {
        size_t e = match_lit(line, k, "于", false);
        if (e == npos) e = match_lit(line, k, "於", false);
        const size_t place = e;
        size_t chars = 0;
        while (e != npos && e < line.size() && chars <= 10) {
            const cp_info c = cp_at(line, e);
            if (!is_han(c.cp)) break;
            e += c.len, ++chars;
        }
        if (e != npos && chars > 0 && chars <= 10 && skip_spaces(line, e) == line.size()) {
            r.end = r.text_end = line.size();
            r.place_begin = place;
            r.place_end = e;
            return r;
        }
    }
    // A treaty's formula after a led dateline: "Done in Phnom Penh on 16 March
    // 2024, in two originals in the Khmer and English languages." The whole
    // line is the dateline.
    if (place_start > lead && byte_at(line, k) == ',') {
        r.end = line.size();
        r.text_end = line.size();
        while (r.text_end > k && is_space(cp_before(line, r.text_end).cp)) r.text_end -= cp_before(line, r.text_end).len;
        return r;
    }
    const size_t n = line.size();
    size_t t = skip_spaces(line, k);
    size_t after_sep = npos;
    if (t == n) {
        after_sep = n;
    } else if (t == k && byte_at(line, t) == '.' && (t + 1 == n || is_space(cp_at(line, t + 1).cp))) {
        after_sep = t + 1;  // "April 12, 2024." and "12 April 2024. The ..."
    } else {
        after_sep = match_separator(line, t);
    }
    if (after_sep == npos) return std::nullopt;
    r.end = skip_spaces(line, after_sep);
    r.run_in = r.end < n;
    return r;
}

bool is_place_name(std::string_view text) { return valid_place(text); }

namespace {

// "၁၃၈၅ ခုနှစ်၊ တန်ခူးလဆန်း ၄ ရက်": a year of the Myanmar era (before 1500)
// before ခုနှစ်, and a moon phase: waxing (လဆန်း), waning (လဆုတ်), full (လပြည့်), new (လကွယ်).
bool is_myanmar_lunar_line(string_view line) {
    bool phase = false;
    for (string_view w : {"လဆန်း", "လဆုတ်", "လပြည့်", "လကွယ်"}) phase = phase || line.find(w) != npos;
    if (!phase) return false;
    for (size_t at = line.find("ခုနှစ်"); at != npos; at = line.find("ခုနှစ်", at + 1)) {
        size_t b = at;
        while (b > 0 && is_space(cp_before(line, b).cp)) b -= cp_before(line, b).len;
        size_t digits = 0, value = 0, scale = 1;
        while (b > 0 && cp_before(line, b).cp >= 0x1040 && cp_before(line, b).cp <= 0x1049) {
            value += (cp_before(line, b).cp - 0x1040) * scale;
            scale *= 10, ++digits;
            b -= 3;
        }
        if (digits == 4 && value < 1500) return true;
    }
    return false;
}

}  // namespace

bool is_lunar_date_line(std::string_view line) {
    // A date line is short; a paragraph that mentions a lunar date is body text.
    if (line.size() > 600) return false;
    // Khmer letters and signs are all E1 9E xx / E1 9F xx; Burmese ones E1 80 xx / E1 81 xx.
    bool khmer = false, myanmar = false;
    for (size_t i = 0; i + 1 < line.size() && !khmer; ++i) {
        khmer = byte_at(line, i) == 0xE1 && (byte_at(line, i + 1) == 0x9E || byte_at(line, i + 1) == 0x9F);
        myanmar = myanmar || (byte_at(line, i) == 0xE1 && (byte_at(line, i + 1) == 0x80 || byte_at(line, i + 1) == 0x81));
    }
    if (!khmer) return myanmar && is_myanmar_lunar_line(line);

    static constexpr string_view lunar_months[] = {
        "មិគសិរ", "បុស្ស", "មាឃ", "ផល្គុន", "ចេត្រ", "ពិសាខ", "វិសាខ", "ជេស្ឋ", "អាសាឍ", "បឋមាសាឍ",
        "ទុតិយាសាឍ", "ស្រាពណ៍", "ភទ្របទ", "អស្សុជ", "កត្តិក"};
    static constexpr string_view animals[] = {"ជូត", "ឆ្លូវ", "ខាល", "ថោះ", "រោង", "ម្សាញ់",
                                              "មមី", "មមែ", "វក", "រកា", "ច", "អ"};

    bool lunar_month = false, year_mark = false;
    size_t i = 0;
    while (i < line.size()) {
        const cp_info c = cp_at(line, i);
        if (is_digit(c.cp) && !is_digit(cp_before(line, i).cp)) {
            // "៤កើត", "១៤ រោច": a waxing or waning day. Not "កើតឡើង" (to happen).
            const number num = read_number(line, i);
            const size_t g = skip_gap(line, num.end);
            size_t e = match_lit(line, g, "កើត", false);
            if (e == npos) e = match_lit(line, g, "រោច", false);
            if (num.ok && num.digits <= 2 && e != npos && match_lit(line, e, "ឡើង", false) == npos) return true;
            i = num.end > i ? num.end : i + c.len;
            continue;
        }
        if (c.cp == 0x1781) {  // ខ
            if (const size_t e = match_lit(line, i, "ខែ", false); e != npos) {
                const size_t g = skip_gap(line, e);
                for (string_view m : lunar_months)
                    if (match_lit(line, g, m, false) != npos) lunar_month = true;
            }
        } else if (c.cp == 0x1786) {  // ឆ
            if (const size_t e = match_lit(line, i, "ឆ្នាំ", false); e != npos) {
                const size_t g = skip_gap(line, e);
                for (string_view a : animals) {
                    const size_t ae = match_lit(line, g, a, false);
                    if (ae == npos) continue;
                    // One-letter names (ច, អ) must stand alone, not open a syllable.
                    const char32_t next = cp_at(line, ae).cp;
                    if (a.size() == 3 && next >= 0x17B4 && next <= 0x17DD) continue;
                    year_mark = true;
                }
            }
        } else if (c.cp == 0x1796) {  // ព
            if (match_lit(line, i, "ព.ស", false) != npos || match_lit(line, i, "ពុទ្ធសករាជ", false) != npos)
                year_mark = true;
        }
        i += c.len;
    }
    return lunar_month && year_mark;
}

}  // namespace communique::detail
