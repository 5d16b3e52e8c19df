// Unit tests for the words that give a release its shape: genre labels,
// state lines and mottos, organisation and unit words, references, closing
// leads and end marks, in the region's languages.
#include "read/vocabulary.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>

using namespace communique::detail;

namespace {

std::string kind_of(std::string_view line) {
    std::optional<std::string_view> k = genre_kind(line);
    return k ? std::string(*k) : std::string("(none)");
}

}  // namespace

TEST_CASE("genre labels: English ones offices print", "[vocabulary][en]") {
    CHECK(kind_of("PRESS BRIEFING") == "other");
    CHECK(kind_of("NOTICE") == "announcement");
    CHECK(kind_of("Public Notice") == "announcement");
    CHECK(kind_of("CLARIFICATION") == "statement");
    CHECK(kind_of("MEDIA ADVISORY") == "media-advisory");
    CHECK(kind_of("Media Note") == "press-release");
    CHECK(kind_of("NOTE TO CORRESPONDENTS") == "media-advisory");
    CHECK(kind_of("JOINT STATEMENT") == "joint-statement");
    CHECK(kind_of("Readout") == "statement");
    CHECK(kind_of("CHAIRMAN\xE2\x80\x99S STATEMENT") == "statement");  // typographic apostrophe
    CHECK(kind_of("MEDIA STATEMENT") == "press-statement");
    CHECK(kind_of("PRESS STATEMENT") == "press-statement");
    CHECK(kind_of("News story") == "press-release");
}

TEST_CASE("genre labels: with their number or the issuer's short name", "[vocabulary]") {
    CHECK(kind_of("PRESS RELEASE NO. 12/2024") == "press-release");
    CHECK(kind_of("SIARAN PERS NO. 211/HM/KOMINFO/05/2024") == "press-release");
    CHECK(kind_of("Siaran Pers Nomor: 45/HM/2024") == "press-release");
    CHECK(kind_of("ข่าว ธปท. ฉบับที่ 38/2567") == "press-release");
    CHECK(kind_of("MFA Press Statement") == "press-statement");
    CHECK(kind_of("POLICE NEWS RELEASE") == "press-release");
    // Not labels: a number with no "No.", a one-word label after a word, a sentence.
    CHECK(kind_of("PRESS RELEASE 2024") == "(none)");
    CHECK(kind_of("Ministry statement") == "(none)");
    CHECK(kind_of("The ministry issued a press release") == "(none)");
    CHECK(kind_of("PRESS RELEASE NO. X") == "(none)");
}

TEST_CASE("genre labels: where the label ends before its number", "[vocabulary]") {
    const std::string_view kominfo = "SIARAN PERS NO. 211/HM/KOMINFO/05/2024";
    CHECK(kominfo.substr(0, genre_label_end(kominfo)) == "SIARAN PERS");
    const std::string_view bot = "ข่าว ธปท. ฉบับที่ 38/2567";
    CHECK(bot.substr(0, genre_label_end(bot)) == "ข่าว ธปท.");
    const std::string_view lower = "Press Release No. 12/2024";
    CHECK(lower.substr(0, genre_label_end(lower)) == "Press Release");
    CHECK(genre_label_end("PRESS RELEASE") == std::string_view("PRESS RELEASE").size());
    CHECK(genre_label_end("The ministry issued a press release") == 0);
}

TEST_CASE("genre labels: Thai, Lao and Burmese", "[vocabulary][th][lo][my]") {
    CHECK(kind_of("ข่าวประชาสัมพันธ์") == "press-release");
    CHECK(kind_of("ข่าวสาร") == "press-release");
    CHECK(kind_of("ข่าวสารนิเทศ") == "press-release");
    CHECK(kind_of("แถลงการณ์") == "statement");
    CHECK(kind_of("แถลงการณ์ร่วม") == "joint-statement");
    CHECK(kind_of("ຖະແຫຼງການ") == "statement");
    CHECK(kind_of("ຖະແຫລງການ") == "statement");  // ຫ + ລ typed for ຫຼ
    CHECK(kind_of("ແຈ້ງການ") == "announcement");
    CHECK(kind_of("ຂ່າວເຜີຍແຜ່") == "press-release");
    CHECK(kind_of("ຖະແຫຼງຂ່າວ") == "press-statement");
    CHECK(kind_of("သတင်းထုတ်ပြန်ချက်") == "press-release");
    CHECK(kind_of("ကြေညာချက်") == "statement");
    CHECK(kind_of("ပူးတွဲကြေညာချက်") == "joint-statement");
}

TEST_CASE("genre labels: Vietnamese, Malay, Indonesian, Filipino and Chinese", "[vocabulary]") {
    CHECK(kind_of("THÔNG CÁO BÁO CHÍ") == "press-release");
    CHECK(kind_of("Thông cáo báo chí") == "press-release");
    CHECK(kind_of("THÔNG BÁO") == "announcement");
    CHECK(kind_of("TIN BÁO CHÍ") == "press-release");
    CHECK(kind_of("KENYATAAN MEDIA") == "press-statement");
    CHECK(kind_of("SIARAN MEDIA") == "press-release");
    CHECK(kind_of("KENYATAAN AKHBAR") == "press-statement");
    CHECK(kind_of("PENGUMUMAN") == "announcement");
    CHECK(kind_of("SIARAN PERS") == "press-release");
    CHECK(kind_of("KETERANGAN PERS") == "press-statement");
    CHECK(kind_of("PAHAYAG") == "statement");
    CHECK(kind_of("PABATID") == "announcement");
    CHECK(kind_of("PAHAYAG SA MEDIA") == "press-statement");
    CHECK(kind_of("新闻稿") == "press-release");
    CHECK(kind_of("新聞稿") == "press-release");
    CHECK(kind_of("声明") == "statement");
    CHECK(kind_of("新闻公报") == "communique");
    CHECK(kind_of("通知") == "announcement");
    CHECK(kind_of("通知：") == "announcement");  // full-width colon
    CHECK(kind_of("关于举办活动的通知") == "(none)");
}

TEST_CASE("state lines and mottos of the region", "[vocabulary]") {
    CHECK(is_state_line("ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ"));
    CHECK(is_state_line("ສາທາລະນະລັດປະຊາທິປະໄຕປະຊາຊົນລາວ"));
    CHECK(is_known_motto("ສັນຕິພາບ ເອກະລາດ ປະຊາທິປະໄຕ ເອກະພາບ ວັດທະນະຖາວອນ"));
    CHECK(is_state_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    CHECK(is_state_line("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"));  // the older accent placement
    CHECK(is_known_motto("Độc lập - Tự do - Hạnh phúc"));
    CHECK(is_known_motto("Độc lập – Tự do – Hạnh phúc"));
    CHECK(is_known_motto("ĐỘC LẬP-TỰ DO-HẠNH PHÚC"));
    CHECK(is_known_motto("Nation, Religion, King"));
    CHECK(is_state_line("ပြည်ထောင်စုသမ္မတ မြန်မာနိုင်ငံတော်"));
    CHECK(is_state_line("ราชอาณาจักรไทย"));
    CHECK(is_state_line("中华人民共和国"));
    CHECK(is_state_line("Republika ng Pilipinas"));
    CHECK(is_state_line("REPUBLIK INDONESIA"));
    CHECK_FALSE(is_state_line("中华人民共和国外交部"));
    CHECK_FALSE(is_known_motto("Độc lập"));
    CHECK(motto_after_state("ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ ສັນຕິພາບ ເອກະລາດ ປະຊາທິປະໄຕ ເອກະພາບ ວັດທະນະຖາວອນ") > 0);
}

TEST_CASE("organisation and unit words of the region", "[vocabulary]") {
    CHECK(has_organisation_word("ກະຊວງການຕ່າງປະເທດ"));
    CHECK(has_organisation_word("နိုင်ငံခြားရေးဝန်ကြီးဌာန"));
    CHECK(has_organisation_word("BỘ NGOẠI GIAO"));
    CHECK(has_organisation_word("KEMENTERIAN LUAR NEGERI"));
    CHECK(has_organisation_word("KAGAWARAN NG UGNAYANG PANLABAS"));
    CHECK(has_organisation_word("中华人民共和国外交部"));
    CHECK(has_organisation_word("中华人民共和国驻柬埔寨王国大使馆"));
    CHECK(has_organisation_word("DEPARTMENT OF FOREIGN AFFAIRS"));
    CHECK_FALSE(has_organisation_word("外交部发言人就有关问题答记者问"));  // a headline going on past the office
    CHECK_FALSE(has_organisation_word("Department of Fixtures"));
    CHECK(has_unit_word("กรมสารนิเทศ"));
    CHECK(has_unit_word("ກົມຂ່າວ"));
    CHECK(has_unit_word("CỤC THÔNG TIN ĐỐI NGOẠI"));
    CHECK(has_unit_word("Jabatan Komunikasi Korporat"));
    CHECK(has_unit_word("Direktorat Informasi dan Media"));
    CHECK(has_unit_word("Biro Hubungan Masyarakat"));
    CHECK(has_unit_word("TANGGAPAN NG TAGAPAGSALITA"));
    CHECK(has_unit_word("外交部新闻司"));
    CHECK(has_unit_word("ပြန်ကြားရေးနှင့် ပြည်သူ့ဆက်ဆံရေးဦးစီးဌာန"));
}

TEST_CASE("references, closing leads and end marks of the region", "[vocabulary]") {
    CHECK(is_reference_line("Nomor: HM.01.01/B/1412/2024"));
    CHECK(is_reference_line("Số: 123/TB-BNG"));
    CHECK(is_reference_line("ເລກທີ 045/ກຕ"));
    CHECK_FALSE(is_reference_line("Nomor telepon darurat"));
    CHECK(is_closing_lead("Untuk maklumat lanjut, sila hubungi:"));
    CHECK(is_closing_lead("Informasi lebih lanjut:"));
    CHECK(is_closing_lead("联系人：王先生"));
    CHECK(is_end_mark("-TAMAT-"));
    CHECK(is_end_mark("-HẾT-"));
    CHECK(is_end_mark("（完）"));
    CHECK_FALSE(is_end_mark("TAMAN"));
}

TEST_CASE("closing leads: a line is ruled out by its first letter only when that letter opens no lead",
          "[vocabulary]") {
    // Emphasis markers and spaces before the first letter, as fold() drops them.
    CHECK(is_closing_lead("**Contact:** Ms. Dara, Press Office"));
    CHECK(is_closing_lead(" _Tel:_ +855 23 214 441"));
    CHECK(is_closing_lead("source"));
    // Vietnamese leads open with an ASCII letter or one past ASCII.
    CHECK(is_closing_lead("Liên hệ: Vụ Thông tin Báo chí"));
    CHECK(is_closing_lead("liên hệ báo chí"));
    CHECK(is_closing_lead("Để biết thêm thông tin, xin liên hệ"));
    // A first letter past ASCII that capitals make ASCII ("ſ" is "S") is folded.
    CHECK(is_closing_lead("\xC5\xBFource: Ministry of Information"));
    CHECK_FALSE(is_closing_lead("The Minister thanked the guests."));
    CHECK_FALSE(is_closing_lead("Lorem ipsum"));
    CHECK_FALSE(is_closing_lead("**"));
    CHECK_FALSE(is_closing_lead(""));
}

TEST_CASE("honorifics: each compared from the first byte, chains and all", "[vocabulary]") {
    CHECK(honorific_length("His Excellency Dr. KEO Vannarith") == std::string_view("His Excellency Dr.").size());
    CHECK(honorific_length("H.E. Ambassador Anna Berg") == std::string_view("H.E. Ambassador").size());
    CHECK(honorific_length("Ambassador Anna Berg") == 0);  // only after another honorific
    CHECK(honorific_length("HE Sok Chenda") == 2);
    CHECK(honorific_length("Ông Nguyễn Văn An") == std::string_view("Ông").size());
    CHECK(honorific_length("ông Nguyễn Văn An") == std::string_view("ông").size());
    CHECK(honorific_length("ឯកឧត្តម កែវ") == std::string_view("ឯកឧត្តម").size());
    CHECK(honorific_length("Minister Sok") == 0);
    CHECK(honorific_length("") == 0);
}

TEST_CASE("a motto after the state line: found whatever the case of its ASCII letters", "[vocabulary]") {
    const std::string_view line = "KINGDOM OF CAMBODIA nation religion king";
    CHECK(motto_after_state(line) == line.find("nation"));
    const std::string_view khmer = "ព្រះរាជាណាចក្រកម្ពុជា ជាតិ សាសនា ព្រះមហាក្សត្រ";
    CHECK(motto_after_state(khmer) == khmer.find("ជាតិ"));
    // The motto's first place in the line is where it must end it.
    CHECK(motto_after_state("NATION RELIGION KING KINGDOM OF CAMBODIA NATION RELIGION KING") == 0);
    CHECK(motto_after_state("KINGDOM OF CAMBODIA NATION RELIGION KINGS") == 0);
}

TEST_CASE("may_fold_to_open_with: false only when fold()'s first byte is ASCII and none of the letters",
          "[vocabulary]") {
    CHECK(may_fold_to_open_with("**Contact:**", "C"));
    CHECK(may_fold_to_open_with(" \t_contact", "C"));  // in capitals, as fold() writes it
    CHECK_FALSE(may_fold_to_open_with("**Contact:**", "ST"));
    CHECK_FALSE(may_fold_to_open_with("", "C"));
    CHECK_FALSE(may_fold_to_open_with("*_ \t*", "C"));  // fold() gives nothing
    CHECK_FALSE(may_fold_to_open_with("\rContact", "C"));  // fold() keeps the carriage return
    CHECK(may_fold_to_open_with("\xC5\xBFource", "X"));  // past ASCII: "ſ" is "S" in capitals
    for (std::string_view line : {"**Contact:**", " _Tel_", "The Minister", "1. Item", "\xC5\xBFource", "x"}) {
        const std::string f = fold(line);
        for (std::string_view letters : {"C", "T", "ST", "X"})
            if (!f.empty() && letters.find(f[0]) != std::string_view::npos)
                CHECK(may_fold_to_open_with(line, letters));
    }
}

TEST_CASE("fold with a limit stops at the first byte kept past it that is not ':' or '.'", "[vocabulary]") {
    const std::string forty(40, 'A');
    CHECK(fold(forty + ": rest of the line", 40) == forty + ": R");
    CHECK(fold(forty + ".* more", 40) == forty + ". M");
    CHECK(fold(forty + "  **x**", 40) == forty + " X");
    CHECK(fold("*" + forty + "b", 40) == forty + "B");
    CHECK(fold(forty + ":", 40) == forty);  // not cut: trimmed as a whole line is
    CHECK(fold(forty + "é and more", 40) == forty + "É AND MORE");  // past ASCII: folded whole
}
