#include "core/source.hpp"
#include "core/unicode.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

using namespace communique::detail;
using communique::source_position;

TEST_CASE("positions count lines across LF, CRLF and CR, and columns in code points", "[source]") {
    source_text s("ab\r\ncd\ref\nខ្មែរ x");
    CHECK(s.line_count() == 4);
    CHECK(s.line(2) == "cd");
    CHECK(s.line(3) == "ef");
    CHECK(s.position_at(s.text().find('d')) == source_position{2, 2});
    // "ខ្មែរ" is five code points in fifteen bytes: x is column 7.
    CHECK(s.position_at(s.text().find('x')) == source_position{4, 7});
    CHECK(s.from_byte_column(4, 17) == source_position{4, 7});
    CHECK(s.offset_of({4, 7}) == s.text().find('x'));
}

TEST_CASE("a text of LF line ends alone has the lines of the same text with CRLF", "[source]") {
    // Such text is split by the fast path: lines, empty ones and the last
    // line end included, must come out as the general path gives them.
    for (std::string_view lf : {"a\n\nbc\n", "a\n\nbc", "\n", "abc", "", "\n\nx"}) {
        std::string crlf;
        for (char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        source_text fast(lf), general(crlf);
        INFO(lf);
        REQUIRE(fast.line_count() == general.line_count());
        for (std::uint32_t n = 1; n <= fast.line_count(); ++n) CHECK(fast.line(n) == general.line(n));
    }
    source_text s("a\n\nbc\n");
    CHECK(s.line_count() == 3);
    CHECK(s.position_at(s.text().find('c')) == source_position{3, 2});
}

TEST_CASE("a UTF-8 byte order mark is not part of the text", "[source]") {
    source_text s("\xEF\xBB\xBFKINGDOM");
    CHECK(s.text() == "KINGDOM");
    CHECK(s.position_at(0) == source_position{1, 1});
}

TEST_CASE("encoding problems are reported with their position", "[source]") {
    SECTION("invalid UTF-8 in the middle of line 2") {
        source_text s("line one\nab\xFF" "cd\n");
        auto fine = check_encoding(s);
        REQUIRE_FALSE(fine);
        CHECK(fine.error().id == rule::input_encoding);
        CHECK(fine.error().at_level().rule == "input-encoding");
        CHECK(fine.error().begin == source_position{2, 3});
    }
    SECTION("overlong forms and surrogates are not UTF-8") {
        CHECK(find_invalid_utf8("a\xC0\xAF") == 1);
        CHECK(find_invalid_utf8("\xED\xA0\x80") == 0);
        CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);
        CHECK(find_invalid_utf8("ok \xE1\x9E\x80") == std::string_view::npos);
    }
    SECTION("UTF-16 with and without a byte order mark") {
        auto with_bom = check_encoding(source_text(std::string_view("\xFF\xFEK\0I\0", 6)));
        REQUIRE_FALSE(with_bom);
        CHECK(with_bom.error().message.find("UTF-16") != std::string::npos);
        auto without = check_encoding(source_text(std::string_view("K\0I\0N\0G\0D\0O\0M\0", 14)));
        REQUIRE_FALSE(without);
        CHECK(without.error().message.find("UTF-16") != std::string::npos);
    }
    SECTION("NUL bytes in otherwise plain text are binary data") {
        auto fine = check_encoding(source_text(std::string_view("hello\0world, a longer text", 26)));
        REQUIRE_FALSE(fine);
        CHECK(fine.error().message.find("binary") != std::string::npos);
        CHECK(fine.error().begin == source_position{1, 6});
    }
    SECTION("plain UTF-8 is fine") { CHECK(check_encoding(source_text("ព្រះរាជាណាចក្រកម្ពុជា\n"))); }
}

TEST_CASE("text is normalised to NFC", "[unicode]") {
    // e + COMBINING ACUTE becomes é.
    CHECK(to_nfc("communiqu\x65\xCC\x81") == "communiqu\xC3\xA9");
    CHECK(to_nfc("plain") == "plain");
}

TEST_CASE("the language of a text is told from its script", "[unicode]") {
    CHECK(detect_language("The Ministry of Foreign Affairs") == "en");
    CHECK(detect_language("ក្រសួងការបរទេស និងសហប្រតិបត្តិការអន្តរជាតិ") == "km");
    CHECK(detect_language("กระทรวงการต่างประเทศ") == "th");
    CHECK(detect_language("Bộ Ngoại giao Việt Nam thông báo về chuyến thăm") == "vi");
    CHECK(detect_language("12345", "km") == "km");
}

TEST_CASE("the region's languages are told apart", "[unicode]") {
    CHECK(detect_language("ກະຊວງການຕ່າງປະເທດ ແຈ້ງການ") == "lo");
    CHECK(detect_language("နိုင်ငံခြားရေးဝန်ကြီးဌာန သတင်းထုတ်ပြန်ချက်") == "my");
    CHECK(detect_language("外交部发言人答记者问") == "zh");
    CHECK(detect_language("Thủ tướng Chính phủ đã chủ trì cuộc họp về phát triển kinh tế") == "vi");
    CHECK(detect_language("ƠN ƯU ĂN") == "vi");  // Vietnamese capitals without tone marks
    CHECK(detect_language("Kementerian Kesehatan telah memperluas kegiatan skrining yang akan dilakukan di 100 "
                          "kabupaten karena jumlah kasus tersebut meningkat setelah pemerintah daerah melapor") == "id");
    // Malay told from Indonesian by words only Malay spells so: boleh, sentiasa, terkini, selepas.
    CHECK(detect_language("Jabatan Meteorologi mengeluarkan amaran hujan dan orang ramai boleh merujuk laman web "
                          "serta sentiasa mengikuti maklumat terkini selepas amaran itu dikeluarkan di negeri") == "ms");
    CHECK(detect_language("Nananawagan ang Kagawaran ng Kalusugan sa mga magulang na dalhin ang kanilang mga anak "
                          "sa pinakamalapit na health center upang mabakunahan") == "fil");
}

TEST_CASE("Malay and Indonesian told by their own spellings, else by the release's", "[unicode]") {
    CHECK(detect_language("Kementerian Kesihatan menggesa ibu bapa membawa anak mereka ke klinik yang berhampiran "
                          "untuk mendapatkan dos vaksin dan ini dibuat secara percuma") == "ms");
    CHECK(detect_language("Kementerian Kesehatan mengimbau orang tua membawa anak mereka ke puskesmas yang terdekat "
                          "untuk mendapatkan dosis vaksin dan ini dilakukan secara gratis") == "id");
    const char* shared = "Logo ini akan digunakan dalam semua promosi di dalam dan luar negara dan juga oleh "
                         "agensi yang berkaitan dengan pelaksanaan program";
    CHECK(detect_language(shared, "ms") == "ms");
    CHECK(detect_language(shared, "id") == "id");
}

TEST_CASE("English is told by its words, not taken from the fallback", "[unicode]") {
    const char* english = "The Minister said that the new service will be open to all citizens from next month, "
                          "and that the ministry has trained staff in every province.";
    CHECK(detect_language(english, "id") == "en");
    CHECK(detect_language(english, "ms") == "en");
    // A few words, or Latin text in none of the languages told: the fallback.
    CHECK(detect_language("Phnom Penh", "km") == "km");
    CHECK(detect_language("Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod", "km") == "km");
}
