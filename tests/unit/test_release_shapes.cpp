// Release shapes of other offices than the house example's, each read
// into the right parts: the corpus in fixtures/corpus measures them
// together, these tests one at a time.
#include <communique/communique.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace communique;

namespace {

// The release XML as read, even when a rule finds it invalid.
std::string xml_of(const std::string& draft) {
    options o;
    o.write_invalid = true;
    result r = engine(o).convert(draft, std::vector<std::string>{"xml"});
    REQUIRE(r.outputs.size() == 1);
    return r.outputs[0];
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string body = "The two ministers signed the agreement on 13 March 2024 in the presence of officials.\n\n"
                         "The agreement enters into force on signature.\n\n";

}  // namespace

TEST_CASE("an issuer signing off over the place and the date", "[shapes]") {
    // No issuer at the top: the sign-off names it.
    std::string xml = xml_of("MFA Press Statement: Signing of a consular agreement with Vestaria\n\n" + body +
                             "MINISTRY OF FOREIGN AFFAIRS\nSINGAPORE\n14 MARCH 2024\n");
    CHECK(has(xml, "<organisation>MINISTRY OF FOREIGN AFFAIRS</organisation>"));
    CHECK(has(xml, "<dateline position=\"end\"><place>SINGAPORE</place> <date when=\"2024-03-14\">"));
    CHECK(has(xml, "<headline>Signing of a consular agreement with Vestaria</headline>"));
    CHECK_FALSE(has(xml, "<p>MINISTRY OF FOREIGN AFFAIRS"));

    // An issuer at the top: the sign-off stays in the closing, nothing lost.
    std::string both = xml_of("MINISTRY OF FOREIGN AFFAIRS MALAYSIA\n\nPRESS RELEASE\n\nConsular counter opens\n\n" +
                              body + "WISMA PUTRA\nPUTRAJAYA\n9 May 2024\n");
    CHECK(has(both, "<organisation>MINISTRY OF FOREIGN AFFAIRS MALAYSIA</organisation>"));
    CHECK(has(both, "<place>PUTRAJAYA</place>"));
    CHECK(has(both, "<closing>\n    <p>WISMA PUTRA</p>\n  </closing>"));

    // A bare date under the office's lines: a dateline without a place.
    std::string bare = xml_of("Press Release\n\nVisa exemption extended\n\n" + body +
                              "Department of Information\nMinistry of Foreign Affairs\n12 March 2024\n");
    CHECK(has(bare, "<dateline position=\"end\"><date when=\"2024-03-12\">12 March 2024</date></dateline>"));
    // The department over its ministry is the ministry's unit.
    CHECK(has(bare, "<organisation>Ministry of Foreign Affairs</organisation>"));
    CHECK(has(bare, "<unit>Department of Information</unit>"));
}

TEST_CASE("a second release in the file ends the first before its letterhead", "[shapes]") {
    const std::string one = "**MINISTRY OF TOURISM**\n\nPRESS RELEASE\n\nFirst headline\n\n" + body +
                            "Phnom Penh, 20 December 2024\n\n";
    const std::string two = "**MINISTRY OF TOURISM**\n\nPRESS RELEASE\n\nSecond headline\n\nOther news.\n\n"
                            "Phnom Penh, 23 December 2024\n";
    result r = engine().check(one + two);
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics[0].rule == "several-releases");
    CHECK(r.diagnostics[0].begin.line == 13);  // the second letterhead, not its genre label
    std::string xml = xml_of(one + two);
    // The first release keeps its issuer and its own dateline; the second is
    // kept, in the closing.
    CHECK(has(xml, "<organisation>MINISTRY OF TOURISM</organisation>"));
    CHECK(has(xml, "<date when=\"2024-12-20\">"));
    CHECK(has(xml, "<closing>"));
    CHECK(has(xml, "Second headline"));
}

TEST_CASE("a document number and a date under the genre label stay in the header", "[shapes]") {
    std::string xml = xml_of("UNITED NATIONS\n\nPress Release\n\nSG/SM/22187\n\n12 March 2024\n\n"
                             "# Secretary-General welcomes the humanitarian corridor\n\n" + body);
    CHECK(has(xml, "<reference>SG/SM/22187</reference>"));
    CHECK(has(xml, "<headline>Secretary-General welcomes the humanitarian corridor</headline>"));
    CHECK(has(xml, "<dateline position=\"top\"><date when=\"2024-03-12\">"));
}

TEST_CASE("a title set above the genre label, a web page's title heading", "[shapes]") {
    // The U.S. State Department's layout.
    std::string state = xml_of("United States and Mekong Partners Launch Fisheries Exchange\n\nMEDIA NOTE\n\n"
                               "OFFICE OF THE SPOKESPERSON\n\nMAY 3, 2024\n\n" + body);
    CHECK(has(state, "<headline>United States and Mekong Partners Launch Fisheries Exchange</headline>"));
    CHECK(has(state, "<organisation>OFFICE OF THE SPOKESPERSON</organisation>"));
    CHECK(has(state, "<date when=\"2024-05-03\">MAY 3, 2024</date>"));

    // A CMS page: the <h1> above the release's genre label and dateline.
    std::string page = xml_of(
        "<!DOCTYPE html><html><body><main><article><h1>Kemenkes Perketat Pengawasan Pintu Masuk Negara</h1>"
        "<p><strong>SIARAN PERS</strong></p><p><strong>Jakarta, 28 Agustus 2024</strong></p>"
        "<p>Kementerian Kesehatan memperketat pengawasan di bandara dan pelabuhan sejak 20 Agustus 2024.</p>"
        "</article></main></body></html>");
    CHECK(has(page, "<headline>Kemenkes Perketat Pengawasan Pintu Masuk Negara</headline>"));
    CHECK_FALSE(has(page, "<organisation>Kemenkes"));
    CHECK(has(page, "<place>Jakarta</place>"));
}

TEST_CASE("a wire release's summary line before its run-in dateline is the subheadline", "[shapes]") {
    std::string xml = xml_of(
        "FOR IMMEDIATE RELEASE\n\nSiam Cold Chain Opens Solar-Powered Cold Storage Hub\n\n"
        "New facility cuts transit time for fruit exports\n\n"
        "BANGKOK, March 4, 2024 /PRNewswire/ -- Siam Cold Chain today opened its new hub.\n\nMore text.\n");
    CHECK(has(xml, "<subheadline>New facility cuts transit time for fruit exports</subheadline>"));
    CHECK(has(xml, "<dateline position=\"run-in\"><place>BANGKOK</place>"));
}

TEST_CASE("a state line beside the issuer in a two-column letterhead", "[shapes]") {
    std::string xml = xml_of("VĂN PHÒNG CHÍNH PHỦ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
                             "THÔNG CÁO BÁO CHÍ\n\nPhiên họp Chính phủ thường kỳ tháng 10\n\n"
                             "Chính phủ tổ chức phiên họp ngày 5 tháng 11 năm 2024.\n\nHà Nội, ngày 5 tháng 11 năm 2024\n");
    CHECK(has(xml, "<state>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</state>"));
    CHECK(has(xml, "<organisation>VĂN PHÒNG CHÍNH PHỦ</organisation>"));
}

TEST_CASE("a signature of several blocks under the dateline is the closing", "[shapes]") {
    std::string xml = xml_of("**MINISTRY OF COMMERCE**\n\nANNOUNCEMENT\n\nOnline certificates of origin\n\n" + body +
                             "Phnom Penh, 5 June 2024\n\n**Minister of Commerce**\n\n*(Signed and sealed)*\n\n"
                             "**CHAN Sokunthea**\n");
    CHECK(has(xml, "<place>Phnom Penh</place>"));
    CHECK(has(xml, "<closing>"));
    CHECK(has(xml, "CHAN Sokunthea"));
}

TEST_CASE("the place over its date: what the date line prints before the date is kept", "[shapes]") {
    std::string xml = xml_of("MINISTRY OF FOREIGN AFFAIRS\n\nPRESS RELEASE\n\nBIMSTEC senior officials meet\n\n" + body +
                             "နေပြည်တော်\nရက်စွဲ၊ ၂၀၂၄ ခုနှစ်၊ ဇွန်လ ၁၈ ရက်\n");
    CHECK(has(xml, "<place>နေပြည်တော်</place> ရက်စွဲ၊ <date when=\"2024-06-18\">"));
}

TEST_CASE("in a script without capitals, the paragraph under the ministry is its unit", "[shapes]") {
    std::string xml = xml_of("ព្រះរាជាណាចក្រកម្ពុជា\nជាតិ សាសនា ព្រះមហាក្សត្រ\n\n**ទីស្តីការគណៈរដ្ឋមន្ត្រី**\n\n"
                             "អង្គភាពអ្នកនាំពាក្យរាជរដ្ឋាភិបាល\n\nសេចក្ដីថ្លែងការណ៍\n\nស្ដីពីព័ត៌មានមិនពិត\n\n"
                             "អង្គភាពបានទទួលព័ត៌មាននៅថ្ងៃទី៨ ខែមករា ឆ្នាំ២០២៥។\n\nរាជធានីភ្នំពេញ ថ្ងៃទី១០ ខែមករា ឆ្នាំ២០២៥\n");
    CHECK(has(xml, "<organisation>ទីស្តីការគណៈរដ្ឋមន្ត្រី</organisation>"));
    CHECK(has(xml, "<unit>អង្គភាពអ្នកនាំពាក្យរាជរដ្ឋាភិបាល</unit>"));
}

TEST_CASE("a title that reads like a place and a date is no dateline", "[shapes]") {
    std::string xml = xml_of("BANK OF THAILAND\n\nPress Release\nNo. 41/2024\n\n"
                             "Monetary Policy Committee's Decision on 21 August 2024\n\n"
                             "At the meeting on 21 August 2024, the Committee voted to hold the rate.\n\n"
                             "Bank of Thailand\n21 August 2024\n");
    CHECK(has(xml, "<reference>No. 41/2024</reference>"));
    CHECK(has(xml, "<headline>Monetary Policy Committee's Decision on <date when=\"2024-08-21\">"));
    CHECK_FALSE(has(xml, "<place>Monetary Policy"));
}

TEST_CASE("a wire service's date and time under the title and its run-in place are one dateline", "[shapes]") {
    std::string xml = xml_of("NEWS RELEASE\n\nJune 4, 2024 08:00 AM Singapore Standard Time\n\n"
                             "Lumen Pay Launches a Remittance Corridor\n\n"
                             "SINGAPORE--(BUSINESS WIRE)--Lumen Pay today launched a remittance service.\n");
    CHECK(has(xml, "<headline>Lumen Pay Launches a Remittance Corridor</headline>"));
    CHECK(has(xml, "<dateline position=\"run-in\"><place>SINGAPORE</place>--(BUSINESS WIRE) <date "
                   "when=\"2024-06-04\">June 4, 2024</date> 08:00 AM Singapore Standard Time</dateline>"));
    CHECK(has(xml, "<p>Lumen Pay today launched a remittance service.</p>"));
    // A place with a credit and no year, the date above.
    xml = xml_of("MEKONG WIRE\n\nAugust 8, 2024 10:14 AM GMT+7\n\nRice exporters expect higher prices\n\n"
                 "PHNOM PENH, Aug 8 (Mekong Wire) - Exporters expect prices to rise.\n");
    CHECK(has(xml, "<dateline position=\"run-in\"><place>PHNOM PENH</place>, Aug 8 (Mekong Wire) <date "
                   "when=\"2024-08-08\">August 8, 2024</date> 10:14 AM GMT+7</dateline>"));
    CHECK(has(xml, "<p>Exporters expect prices to rise.</p>"));
    // A sentence with a dash is no place.
    xml = xml_of("NEWS RELEASE\n\nJune 4, 2024 08:00 AM\n\nA Headline for the Test\n\n"
                 "The company, which was founded in 2020 - and grew fast - launched a service.\n");
    CHECK_FALSE(has(xml, "<place>"));
}

TEST_CASE("a portal page: its posting time left out, the letterhead table after it read", "[shapes]") {
    std::string xml = xml_of(
        "<!DOCTYPE html><html><body><main><p>08/10/2024 16:45</p>"
        "<table><tr><td><strong>BỘ Y TẾ</strong><br>Số: 1087/TB-BYT</td>"
        "<td><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br><strong>Độc lập - Tự do - Hạnh phúc</strong>"
        "<br>Hà Nội, ngày 8 tháng 10 năm 2024</td></tr></table>"
        "<p><strong>THÔNG CÁO BÁO CHÍ</strong></p><p><strong>Hà Nội ghi nhận số ca sốt xuất huyết tăng</strong></p>"
        "<p>Theo báo cáo của Sở Y tế Hà Nội, thành phố ghi nhận hơn 7.200 ca mắc trong năm nay.</p>"
        "</main></body></html>");
    CHECK(has(xml, "<organisation>BỘ Y TẾ</organisation>"));
    CHECK(has(xml, "<reference>Số: 1087/TB-BYT</reference>"));
    CHECK(has(xml, "<place>Hà Nội</place>"));
    CHECK(has(xml, "<headline>Hà Nội ghi nhận số ca sốt xuất huyết tăng</headline>"));
    CHECK_FALSE(has(xml, "16:45"));
}

TEST_CASE("a CMS page: the title outside the body's element, its genre prefix, its date and the sign-off", "[shapes]") {
    std::string xml = xml_of(
        "<!DOCTYPE html><html><body><div class=\"nav\"><a href=\"/\">Home</a></div><section>"
        "<h1>MFA Press Statement: Signing of the Consular Agreement with Vestaria</h1>"
        "<p class=\"date\">20 November 2024</p><div class=\"rte\">"
        "<p>1 The two ministers signed a consular agreement in Singapore today, after two years of talks.</p>"
        "<p>2 The agreement sets out how each country notifies the other when its nationals are detained.</p>"
        "<p>MINISTRY OF FOREIGN AFFAIRS<br>SINGAPORE<br>20 NOVEMBER 2024</p></div></section>"
        "<footer>Privacy</footer></body></html>");
    CHECK(has(xml, "<genre>MFA Press Statement</genre>"));
    CHECK(has(xml, "<headline>Signing of the Consular Agreement with Vestaria</headline>"));
    CHECK(has(xml, "<organisation>MINISTRY OF FOREIGN AFFAIRS</organisation>"));
    CHECK(has(xml, "<place>SINGAPORE</place>"));
    CHECK(has(xml, "<p><date when=\"2024-11-20\">20 November 2024</date></p>"));  // the page's date kept, as text
}

TEST_CASE("a sign-off whose date carries the time of issue", "[shapes]") {
    std::string xml = xml_of("POLICE NEWS RELEASE\n\nPolice advisory on job scams\n\n" + body +
                             "PUBLIC AFFAIRS DEPARTMENT\nSINGAPORE POLICE FORCE\n3 February 2024 @ 4:15 PM\n");
    CHECK(has(xml, "<organisation>SINGAPORE POLICE FORCE</organisation>"));
    CHECK(has(xml, "<unit>PUBLIC AFFAIRS DEPARTMENT</unit>"));
    CHECK(has(xml, "<date when=\"2024-02-03\">3 February 2024</date> @ 4:15 PM</dateline>"));
}

TEST_CASE("a news agency's name over the date and time of its story is the issuer", "[shapes]") {
    std::string xml = xml_of("MEKONG WIRE\n\nAugust 8, 2024 10:14 AM GMT+7\n\n"
                             "Cambodian rice exporters expect higher prices\n\n"
                             "Exporters expect prices to rise by as much as 8% in the coming months.\n");
    CHECK(has(xml, "<organisation>MEKONG WIRE</organisation>"));
    CHECK(has(xml, "<headline>Cambodian rice exporters expect higher prices</headline>"));
    CHECK(has(xml, "<date when=\"2024-08-08\">"));
}

TEST_CASE("a web page's index of releases is not a release", "[shapes]") {
    std::string page = "<!DOCTYPE html><html><body><main><p><strong>PRESS RELEASES</strong></p>";
    for (int day = 20; day < 25; ++day)
        page += "<h3><a href=\"/news/" + std::to_string(day) + "\">Ministry opens a new service number " +
                std::to_string(day) + "</a></h3><p>" + std::to_string(day) + " August 2024</p>";
    page += "</main></body></html>";
    result r = engine().check(page);
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics[0].rule == "not-a-release");
    CHECK(has(r.diagnostics[0].message, "a list of releases"));
}

TEST_CASE("a web page's date under the title gives way to the release's run-in dateline of that day", "[shapes]") {
    std::string xml = xml_of(
        "<!DOCTYPE html><html><body><main><article><div>Press release</div>"
        "<h1>One in five young children still has no birth certificate, UNICEF warns</h1>"
        "<div class=\"date\"><time>01 June 2024</time></div><div class=\"body\">"
        "<p><em>Free mobile registration teams will visit 300 remote communes</em></p>"
        "<p>PHNOM PENH, 1 June 2024 – About one in five Cambodian children has no birth certificate, UNICEF said.</p>"
        "<p>Children without one can face difficulties enrolling in school.</p></div></article></main></body></html>");
    CHECK(has(xml, "<dateline position=\"run-in\"><place>PHNOM PENH</place>"));
    CHECK(has(xml, "<subheadline>Free mobile registration teams will visit 300 remote communes</subheadline>"));
    CHECK_FALSE(has(xml, "01 June 2024"));
    result r = engine().check(
        "<!DOCTYPE html><html><body><main><article><h1>A title of several words for the test</h1>"
        "<div>01 June 2024</div><p>PHNOM PENH, 1 June 2024 – Text of the release, with more words.</p>"
        "</article></main></body></html>");
    bool noted = false;
    for (const diagnostic& d : r.diagnostics) noted = noted || (d.rule == "page-remnant" && has(d.message, "01 June"));
    CHECK(noted);
}

TEST_CASE("the web page's lines among the letterhead's are left out, a date alone kept", "[shapes]") {
    std::string xml = xml_of("Home > News Highlights > Press Releases\n\nPosted on 12 Jan 2025\n\n"
                             "MINISTRY OF HEALTH\n\nPRESS RELEASE\n\nMore polyclinics open in the evening\n\n" + body +
                             "Singapore, 12 January 2025\n");
    CHECK(has(xml, "<organisation>MINISTRY OF HEALTH</organisation>"));
    CHECK_FALSE(has(xml, "Home &gt; News"));
    std::string dated = xml_of("Hon Mark Tollemache\nMinister of Foreign Affairs\n\n25 July 2024\n\nMEDIA RELEASE\n\n"
                               "# New Zealand supports a maternity ward\n\n" + body);
    CHECK(has(dated, "<date when=\"2024-07-25\">25 July 2024</date></dateline>"));
}

TEST_CASE("an issuer named with its country, or only after the end mark", "[shapes]") {
    std::string embassy = xml_of("Australian Embassy\nCambodia\n\nMEDIA RELEASE\n\n# Support for mine clearance\n\n" +
                                 body + "Phnom Penh, 14 November 2024\n");
    CHECK(has(embassy, "<organisation>Australian Embassy<br/>Cambodia</organisation>"));
    std::string mas = xml_of("Media Release\n\n# MAS keeps its exchange rate policy\n\nSingapore, 15 October 2024\n\n" +
                             body + "***\n\nMonetary Authority of Singapore\n");
    CHECK(has(mas, "<organisation>Monetary Authority of Singapore</organisation>"));
    CHECK(has(mas, "<end-mark>"));
}

TEST_CASE("a signature under a place-over-date dateline, its title set as a heading", "[shapes]") {
    std::string xml = xml_of("**MINISTRY OF COMMERCE**\n\nANNOUNCEMENT\n\nOnline registration for sole traders\n\n" + body +
                             "Phnom Penh\\\n18 March 2025\n\n## Minister of Commerce\n\n(Signed and sealed)\n\n"
                             "## CHAN Sokunthea\n");
    CHECK(has(xml, "<place>Phnom Penh</place>"));
    CHECK(has(xml, "<date when=\"2025-03-18\">"));
    CHECK(has(xml, "<closing>"));
}

TEST_CASE("front matter's title over a long first paragraph that opens with a genre label", "[shapes]") {
    std::string long_paragraph = "Press release: the ministry";
    for (int i = 0; i < 40; ++i) long_paragraph += " word";
    std::string xml = xml_of("---\ntitle: Ferry service resumes\ndate: 2024-04-12\n---\n" + long_paragraph + ".\n\n" +
                             body);
    CHECK(has(xml, "<headline>Ferry service resumes</headline>"));
    CHECK(has(xml, "<p>Press release: the ministry word"));  // the paragraph whole, in the body
}

TEST_CASE("one subheadline, whichever shape gives it", "[shapes]") {
    std::string xml = xml_of("FOR IMMEDIATE RELEASE\n\nSiam Cold Chain opens a solar-powered hub\\\n"
                             "*Its first in the east*\n\nNew facility cuts transit time for fruit exports\n\n"
                             "BANGKOK, March 4, 2024 /PRNewswire/ -- Siam Cold Chain today opened its new hub.\n");
    std::size_t first = xml.find("<subheadline>");
    REQUIRE(first != std::string::npos);
    CHECK(xml.find("<subheadline>", first + 1) == std::string::npos);
    CHECK(has(xml, "New facility cuts transit time for fruit exports"));
}

TEST_CASE("a Burmese lunar date over the dateline in one paragraph, above the headline", "[shapes]") {
    std::string xml = xml_of("ပြန်ကြားရေးဝန်ကြီးဌာန\n\nသတင်းထုတ်ပြန်ချက်\n\n"
                             "၁၃၈၅ ခုနှစ်၊ တန်ခူးလဆန်း ၄ ရက်\nနေပြည်တော်၊ ၂၀၂၄ ခုနှစ်၊ ဧပြီလ ၁၂ ရက်\n\n"
                             "သင်္ကြန်အစီအစဉ်များ ထုတ်လွှင့်မည်\n\n"
                             "ပြန်ကြားရေးဝန်ကြီးဌာနသည် အထူးအစီအစဉ်များကို ထုတ်လွှင့်သွားမည် ဖြစ်သည်။\n");
    CHECK(has(xml, "<lunar-date>၁၃၈၅ ခုနှစ်၊ တန်ခူးလဆန်း ၄ ရက်</lunar-date>"));
    CHECK(has(xml, "<headline>သင်္ကြန်အစီအစဉ်များ ထုတ်လွှင့်မည်</headline>"));
    CHECK(has(xml, "<place>နေပြည်တော်</place>"));
}
