// The pieces of knowledge kept once in core and the format table: the UTF-8
// decoder, the hash, which formats are binary.
#include "check/rules.hpp"
#include "core/expected.hpp"
#include "core/hash.hpp"
#include "core/unicode.hpp"
#include "write/formats.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

using namespace communique::detail;
using namespace std::string_view_literals;

TEST_CASE("the UTF-8 decoder is strict: overlong forms, surrogates and code points past U+10FFFF are bad bytes",
          "[unicode]") {
    CHECK(decode_utf8_at("\xC3\xA9", 0).cp == U'\u00E9');
    CHECK(decode_utf8_at("\xC3\xA9", 0).len == 2);
    CHECK(decode_utf8_at("\xF0\x9F\x98\x80", 0).cp == U'\U0001F600');
    CHECK(decode_utf8_at("\xF0\x9F\x98\x80", 0).len == 4);
    for (std::string_view bad : {"\xC0\x80"sv, "\xE0\x80\x80"sv, "\xED\xA0\x80"sv, "\xF4\x90\x80\x80"sv, "\x80"sv,
                                 "\xE2\x82"sv}) {
        CHECK(utf8_length_at(bad, 0) == 0);
        CHECK(decode_utf8_at(bad, 0).cp == U'\uFFFD');
        CHECK(decode_utf8_at(bad, 0).len == 1);
    }
    CHECK(decode_utf8_at("a", 1).len == 0);
}

TEST_CASE("counting by first bytes is lenient: a stray continuation byte joins the character before it", "[unicode]") {
    CHECK(is_utf8_continuation(0x80));
    CHECK(is_utf8_continuation(0xBF));
    CHECK_FALSE(is_utf8_continuation('a'));
    CHECK_FALSE(is_utf8_continuation(0xC3));
    CHECK(count_code_points("a\xC3\xA9\x80z") == 3);
}

TEST_CASE("FNV-1a is the specified 64-bit hash, and add_le32 hashes a number's bytes least significant first",
          "[hash]") {
    CHECK(hash_bytes("") == 0xcbf29ce484222325ULL);
    CHECK(hash_bytes("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(fnv1a().add_le32(0x04030201).value() == hash_bytes("\x01\x02\x03\x04"));
}

TEST_CASE("the format table says which formats are binary and which one pdf is rendered from", "[formats]") {
    for (const format_entry& f : format_entries())
        CHECK(f.binary == (f.info.name == "pdf" || f.info.name == "docx"));
    REQUIRE(find_format("pdf"));
    CHECK(find_format("pdf")->rendered_from == "fo"sv);
    CHECK_FALSE(find_format("html")->rendered_from);
}

TEST_CASE("the rule enum and the public rule table come from one list, in the same order", "[rules]") {
    auto table = communique::rules();
    REQUIRE(table.size() == std::size(rule_ids));
    for (std::size_t i = 0; i < table.size(); ++i) CHECK(table[i].id == rule_id(static_cast<rule>(i)));
    CHECK(rule_id(rule::dateline_missing) == "dateline-missing");
    CHECK(find_rule(rule_id(rule::header_missing))->level(communique::house_profile::general) == std::nullopt);
    CHECK(make_diagnostic(communique::severity::note, rule::page_remnant, "m").rule == "page-remnant");
}

namespace {
expected<int> halve(int n) {
    if (n % 2) return problem_at(rule::pdf, "odd", {3, 4});
    return n / 2;
}
expected<void> must_be_even(int n) {
    if (auto h = halve(n); !h) return std::move(h).error();
    return {};
}
}  // namespace

TEST_CASE("expected holds a value or the problem that stopped it", "[expected]") {
    auto fine = halve(8);
    REQUIRE(fine);
    CHECK(*fine == 4);
    CHECK(fine.value() == 4);
    auto odd = halve(7);
    REQUIRE_FALSE(odd.has_value());
    CHECK(odd.error().id == rule::pdf);
    CHECK(odd.error().begin == communique::source_position{3, 4});
    CHECK_THROWS(odd.value());
    auto d = std::move(odd).error().at_level(communique::severity::warning);
    CHECK(d.rule == "pdf");
    CHECK(d.message == "odd");
    CHECK(d.level == communique::severity::warning);
    CHECK(must_be_even(2));
    CHECK_FALSE(must_be_even(3));
    CHECK(must_be_even(3).error().message == "odd");
    expected<std::string> text = std::string("bytes");
    CHECK(text->size() == 5);
}

// ---- reading's fast paths: each gives what the plain reading gives, at the
// edges where a byte test or a word-at-a-time loop could go wrong.

TEST_CASE("language counts add up: a text's are the sums of its pieces joined by spaces", "[unicode][language]") {
    const std::vector<std::string> pieces = {
        "The Ministry of Foreign Affairs AND THE EMBASSY", "Kementerian Luar Negeri akan mengadakan lawatan rasmi",
        "Bộ Ngoại giao Việt Nam thông báo", "ក្រសួងការបរទេស និងសហប្រតិបត្តិការអន្តរជាតិ", "外交部发言人答记者问",
        "ang mga bata ay masaya", "thé café naïve", "", "12 April 2024, 10:00", "internasional pariwisata"};
    std::string joined;
    language_counts sum;
    for (const std::string& p : pieces) {
        joined += p;
        joined += ' ';
        sum += count_language(p);
    }
    const language_counts whole = count_language(joined);
    CHECK(whole.latin == sum.latin);
    CHECK(whole.khmer == sum.khmer);
    CHECK(whole.han == sum.han);
    CHECK(whole.vietnamese == sum.vietnamese);
    CHECK(whole.words == sum.words);
    CHECK(whole.mi == sum.mi);
    CHECK(whole.ms == sum.ms);
    CHECK(whole.id == sum.id);
    CHECK(whole.fil == sum.fil);
    CHECK(whole.en == sum.en);
    for (std::string_view fallback : {"en", "ms", "id", "km", ""})
        CHECK(decide_language(sum, fallback) == detect_language(joined, fallback));
}

TEST_CASE("language counts: words end at every byte that is not an ASCII letter, wherever it falls",
          "[unicode][language]") {
    // Words of 1 to 20 letters after 0 to 9 spaces: each word's end is
    // found at every offset of an eight-byte read.
    for (std::size_t lead = 0; lead < 10; ++lead) {
        for (std::size_t length = 1; length <= 20; ++length) {
            const std::string text = std::string(lead, ' ') + std::string(length, 'q') + " x";
            const language_counts n = count_language(text);
            CHECK(n.words == 2);
            CHECK(n.latin == length + 1);
        }
    }
    // The bytes either side of the letters' ranges, and letters past ASCII,
    // end a word: "a@b[c`d{e" is five words, "thé" the word "th" and a Latin letter.
    CHECK(count_language("a@b[c`d{e").words == 5);
    CHECK(count_language("a@b[c`d{e").latin == 5);
    const language_counts accented = count_language("thé thé thé thé thé thé thé thé thé thé");
    CHECK(accented.words == 10);
    CHECK(accented.latin == 30);
    CHECK(accented.en == 0);  // "th" is not "the"
    // Common words in capitals count; words that only share their length and
    // their first and last letters with one do not.
    CHECK(detect_language("THE MINISTRY OF WORKS AND THE PEOPLE IS HERE TO STAY", "xx") == "en");
    CHECK(detect_language("tie toe tae tie toe tae tie toe tae tie toe tae", "xx") == "xx");
    CHECK(detect_language("theme ofa andy thee off ann iss too tho wass", "xx") == "xx");
}

TEST_CASE("count_words with a bound counts no further than the bound", "[unicode]") {
    for (std::string_view s : {"", "one", "one two three four five", "  a-b c_d 12 345 ", "ក្រសួង ការបរទេស និង",
                               "Bộ Ngoại giao Việt Nam", "word\xCC\x81 word"}) {
        const std::size_t all = count_words(s);
        for (std::size_t n = 0; n < 8; ++n) CHECK(count_words(s, n) == std::min(all, n));
    }
}

TEST_CASE("to_nfc and find_invalid_utf8 find the first byte past ASCII wherever it falls", "[unicode]") {
    for (std::size_t k = 0; k < 20; ++k) {
        const std::string ascii(k, 'a');
        // e and a combining acute, composed; the rest kept as it is.
        CHECK(to_nfc(ascii + "e\xCC\x81" + ascii) == ascii + "\xC3\xA9" + ascii);
        CHECK(to_nfc(ascii) == ascii);
        CHECK(find_invalid_utf8(ascii + "\xFF" + ascii) == k);
        CHECK(find_invalid_utf8(ascii + "\xC3\xA9" + ascii + "\xE2\x82") == 2 * k + 2);
        CHECK(find_invalid_utf8(ascii + "\xE1\x9E\x80" + ascii) == std::string_view::npos);
    }
}

TEST_CASE("count_code_points counts a character past ASCII wherever it falls", "[unicode]") {
    for (std::size_t k = 0; k < 20; ++k) {
        const std::string ascii(k, 'a');
        CHECK(count_code_points(ascii) == k);
        CHECK(count_code_points(ascii + "\xC3\xA9" + ascii) == 2 * k + 1);
        CHECK(count_code_points(ascii + "\xE1\x9E\x80\xF0\x9F\x98\x80" + ascii) == 2 * k + 2);
    }
}
