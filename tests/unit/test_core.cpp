// The pieces of knowledge kept once in core and the format table: the UTF-8
// decoder, the hash, which formats are binary.
#include "check/rules.hpp"
#include "core/expected.hpp"
#include "core/hash.hpp"
#include "core/unicode.hpp"
#include "write/formats.hpp"

#include <catch2/catch.hpp>

#include <string_view>

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
