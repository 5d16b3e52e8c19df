// Justification read back from the layout: where the renderer added width
// to a line (placed_glyph::justification, part of each glyph's advance)
// and what it did with the word spaces.
#include "support.hpp"

#include "pdf/fo_parser.hpp"
#include "pdf/fonts.hpp"
#include "pdf/layout.hpp"

using namespace pdf_test;
namespace P = communique::detail::pdf;

namespace {

// A fixture laid out, through the library's reader, fo.xsl and the layout.
std::vector<P::laid_out_page> lay_out_fixture(const std::string& stem) {
    doc_ptr release = parse_xml(canonical_xml(source_dir / "fixtures" / "releases" / (stem + ".md")));
    doc_ptr fo = stylesheet().apply(release.get());
    P::document model;
    std::string error;
    REQUIRE(P::parse_fo(fo.get(), model, error));
    std::vector<P::laid_out_page> pages;
    REQUIRE(P::lay_out(model, P::font_library::instance(), 500, pages, error));
    return pages;
}

bool is_khmer(char16_t c) { return c >= 0x1780 && c <= 0x17FF; }

}  // namespace

TEST_CASE("pdf: Khmer justification opens no gap inside a phrase, only at spaces", "[pdf][khmer][justify]") {
    const auto pages = lay_out_fixture("2024-04-12-km-trade-delegation");
    int stretched_at_space = 0, khmer_runs = 0;
    for (const P::laid_out_page& page : pages)
        for (const P::placed_run& run : page.runs) {
            if (std::any_of(run.text.begin(), run.text.end(), is_khmer)) ++khmer_runs;
            for (const P::placed_glyph& g : run.glyphs) {
                if (g.justification == 0) continue;
                // Every bit of width justification adds sits on a space:
                // never on a Khmer cluster before a dictionary word boundary.
                INFO("cluster " << g.cluster << " of a run of " << run.text.size() << " characters");
                REQUIRE(g.cluster < run.text.size());
                CHECK(run.text[g.cluster] == u' ');
                if (run.text[g.cluster] == u' ') ++stretched_at_space;
            }
        }
    CHECK(khmer_runs > 10);
    CHECK(stretched_at_space > 0);  // justified lines still stretch, at their spaces
}

TEST_CASE("pdf: a Khmer word is not split by a gap in the text pdftotext reads", "[pdf][khmer][justify]") {
    // ក្រសួង (ministry) came out as "ការក្រ សួង" when dictionary boundaries were widened.
    const std::string km = canonical_xml(source_dir / "fixtures" / "releases" / "2024-04-12-km-trade-delegation.md");
    const rendered r = render_xml("km-trade-delegation", km);
    const std::string text = run(std::string(PDFTOTEXT_EXE) + " -enc UTF-8 " + quote(r.pdf_path) + " -");
    REQUIRE(text.find("\xE1\x9E\x80") != std::string::npos);  // Khmer text came out at all
    CHECK(text.find("ការក្រ សួង") == std::string::npos);
    CHECK(text.find("នាយក ដ្ឋាន") == std::string::npos);
}
