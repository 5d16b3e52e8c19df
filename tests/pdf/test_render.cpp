// The page as a reader sees it: page 1 of a fixture rasterised with
// pdftoppm (72 dpi, so a pixel is a point) and measured. A broken layout -
// text not centred, justification not reaching the margin, text off the
// page - fails here even when every byte of the PDF is well-formed.
#include "support.hpp"

using namespace pdf_test;

namespace {

// 2024-05-08-digital-skills-partnership: the reference shape (centred
// header, four justified paragraphs, dateline at the end).
const rendered& reference() {
    for (const auto& [name, r] : fixtures())
        if (name == "2024-05-08-digital-skills-partnership") return r;
    FAIL("the fixture 2024-05-08-digital-skills-partnership is missing");
    throw;
}

constexpr double mm = 72.0 / 25.4;
constexpr double body_left = 25 * mm, body_right = (210 - 25) * mm;  // xslt/fo.xsl's A4 margins

}  // namespace

TEST_CASE("pdf: page 1 looks like an official document", "[pdf][render]") {
    const rendered& r = reference();
    // Also a PNG next to the PDF, for a person to look at.
    run(std::string(PDFTOPPM_EXE) + " -r 72 -png -f 1 -l 1 -singlefile " + quote(r.pdf_path) + " " +
        quote(r.pdf_path.string() + ".page1"));
    const grey_image img = page_image(r.pdf_path, 1, 72);
    REQUIRE(std::abs(img.width - 595.3) < 1);  // A4 at 72 dpi
    REQUIRE(std::abs(img.height - 841.9) < 1);
    std::vector<band> bands = ink_bands(img);
    REQUIRE(bands.size() > 15);
    // The footer is the last band; leave it out.
    const band footer = bands.back();
    bands.pop_back();
    CHECK(footer.top > img.height - 30 * mm);  // in the bottom margin
    CHECK(std::abs((footer.left + footer.right) / 2.0 - img.width / 2.0) <= 3);

    // The first body line: starts at the left margin and runs most of the measure.
    std::size_t first_body = 0;
    while (first_body < bands.size() &&
           !(std::abs(bands[first_body].left - body_left) <= 2 &&
             bands[first_body].right - bands[first_body].left > 0.8 * (body_right - body_left)))
        ++first_body;
    REQUIRE(first_body >= 6);  // state, motto, organisation (2 lines), unit, genre, headline
    REQUIRE(first_body < bands.size());

    SECTION("the header and the headline are centred") {
        for (std::size_t i = 0; i < first_body; ++i) {
            INFO("band " << i << ": rows " << bands[i].top << "-" << bands[i].bottom << ", ink " << bands[i].left
                         << "-" << bands[i].right);
            const double left_margin = bands[i].left, right_margin = img.width - 1 - bands[i].right;
            CHECK(std::abs(left_margin - right_margin) <= 3);
        }
    }

    SECTION("justified lines end at the right margin") {
        // Paragraphs: runs of bands whose tops are one line apart; all lines
        // but a paragraph's last are full.
        std::vector<std::vector<band>> paragraphs{{bands[first_body]}};
        for (std::size_t i = first_body + 1; i < bands.size(); ++i) {
            const int pitch = bands[i].top - paragraphs.back().back().top;
            if (pitch <= 17) paragraphs.back().push_back(bands[i]);  // 11pt type at 1.35: 14.85pt a line
            else paragraphs.push_back({bands[i]});
        }
        int full_lines = 0;
        int rightmost = 0, leftmost = img.width;
        std::vector<int> rights;
        for (const auto& p : paragraphs)
            for (std::size_t k = 0; k + 1 < p.size(); ++k) {
                rights.push_back(p[k].right);
                rightmost = std::max(rightmost, p[k].right);
                leftmost = std::min(leftmost, p[k].left);
                ++full_lines;
            }
        REQUIRE(full_lines >= 10);
        for (int right : rights) CHECK(rightmost - right <= 2);
        CHECK(std::abs(rightmost - body_right) <= 2);
        CHECK(std::abs(leftmost - body_left) <= 2);
        // The dateline at the end is set to the right too.
        CHECK(std::abs(paragraphs.back().back().right - body_right) <= 3);  // a digit's side bearing
    }
}

TEST_CASE("pdf: the page-size parameter gives US Letter", "[pdf][render]") {
    const auto& [name, a4] = fixtures().front();
    rendered letter = render_xml(name + "-letter", a4.xml, {{"page-size", "letter"}});
    const std::string info = run(std::string(PDFINFO_EXE) + " " + quote(letter.pdf_path));
    CHECK(info.find("612 x 792 pts (letter)") != std::string::npos);
    const std::string a4_info = run(std::string(PDFINFO_EXE) + " " + quote(a4.pdf_path));
    CHECK(a4_info.find("(A4)") != std::string::npos);
}
