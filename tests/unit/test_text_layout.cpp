#include "transform/text_layout.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace communique::detail;

namespace {

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    for (std::string line; std::getline(ss, line);) out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("terminal widths: marks take no column, wide characters two", "[text]") {
    CHECK(display_width("Phnom Penh") == 10);
    CHECK(display_width("e\xCC\x81") == 1);        // e + combining acute
    CHECK(display_width("\xE4\xB8\xAD\xE6\x96\x87") == 4);  // 中文
    // ព្រះ: PO, COENG (a non-spacing mark), RO, REAHMUK (a spacing mark)
    CHECK(display_width("ព្រះ") == 3);
}

TEST_CASE("wrapping English between words within the width", "[text]") {
    std::string text = "The two sides commended the good momentum of relations and recalled the successful "
                       "establishment of the partnership in 2022.";
    for (std::size_t width : {20u, 40u, 72u}) {
        auto lines = lines_of(wrap(text, width));
        REQUIRE(lines.size() > 1);
        std::string joined;
        for (const auto& l : lines) {
            CHECK(display_width(l) <= width);
            CHECK_FALSE(l.ends_with(' '));
            joined += (joined.empty() ? "" : " ") + l;
        }
        CHECK(joined == text);  // nothing lost, breaks only at spaces
    }
}

TEST_CASE("prefixes for list markers and hanging indents count in the width", "[text]") {
    auto lines = lines_of(wrap("one two three four five six seven eight nine ten", 16, "(a) ", "    "));
    REQUIRE(lines.size() >= 3);
    CHECK(lines[0].starts_with("(a) one"));
    for (std::size_t i = 1; i < lines.size(); ++i) CHECK(lines[i].starts_with("    "));
    for (const auto& l : lines) CHECK(display_width(l) <= 16);
}

TEST_CASE("Khmer wraps between words, never inside a cluster", "[text]") {
    // No spaces between the words: breaks come from ICU's Khmer dictionary.
    std::string text = "ក្រសួងការបរទេសនិងសហប្រតិបត្តិការអន្តរជាតិបានរៀបចំកិច្ចប្រជុំពិភាក្សាជាមួយឯកអគ្គរដ្ឋទូត";
    auto lines = lines_of(wrap(text, 20));
    REQUIRE(lines.size() >= 2);
    std::string joined;
    for (const auto& l : lines) {
        CHECK(display_width(l) <= 20);
        joined += l;
        // A line never starts with a COENG or a dependent vowel sign (inside a cluster).
        unsigned char b2 = static_cast<unsigned char>(l[1]), b3 = static_cast<unsigned char>(l[2]);
        bool dependent = static_cast<unsigned char>(l[0]) == 0xE1 &&
                         ((b2 == 0x9E && b3 >= 0xB6) || (b2 == 0x9F && b3 <= 0x93));
        CHECK_FALSE(dependent);
    }
    CHECK(joined == text);
}

TEST_CASE("a word wider than the line is cut between clusters", "[text]") {
    std::string word = "Ministry-of-Foreign-Affairs-and-International-Cooperation";
    auto lines = lines_of(wrap(word, 12));
    REQUIRE(lines.size() >= 5);
    std::string joined;
    for (const auto& l : lines) {
        CHECK(display_width(l) <= 12);
        joined += l;
    }
    CHECK(joined == word);
}

TEST_CASE("centring", "[text]") {
    CHECK(center("PRESS RELEASE", 21) == "    PRESS RELEASE");
    CHECK(center("  KINGDOM   OF CAMBODIA ", 23) == "  KINGDOM OF CAMBODIA");
    CHECK(center("too wide for it", 5) == "too wide for it");
}
