// Khmer: tests/pdf/khmer_release.xml (a release in Khmer) through
// xslt/fo.xsl to PDF. The glyphs in the content stream are compared with
// HarfBuzz's shaping of the same string done here independently, no
// dotted circle (HarfBuzz's mark for a broken syllable) may be drawn, and
// text extraction must give the text back exactly, in logical order.
#include "hb_oracle.hpp"
#include "support.hpp"

using namespace pdf_test;

namespace {

const rendered& khmer() {
    static const rendered r = render_xml("khmer-release", slurp(source_dir / "tests" / "pdf" / "khmer_release.xml"));
    return r;
}

}  // namespace

TEST_CASE("pdf: a Khmer release embeds Khmer OS Muol Light and Khmer OS Battambang", "[pdf][khmer]") {
    const std::string out = run(std::string(PDFFONTS_EXE) + " " + quote(khmer().pdf_path));
    INFO(out);
    CHECK(out.find("+KhmerOSMuolLight ") != std::string::npos);
    CHECK(out.find("+KhmerOSbattambang ") != std::string::npos);
    CHECK(out.find(" no ") == std::string::npos);  // every emb/sub/uni flag says yes
    CHECK(khmer().pdf.find("/Lang(km)") != std::string::npos);
    int status = 0;
    run(std::string(QPDF_EXE) + " --check " + quote(khmer().pdf_path), &status);
    CHECK(status == 0);
}

TEST_CASE("pdf: the Khmer state line's glyphs are HarfBuzz's, at HarfBuzz's positions", "[pdf][khmer]") {
    const std::string state = "ព្រះរាជាណាចក្រកម្ពុជា";
    hb_file_font muol(font_file("Khmer OS Muol Light"));
    REQUIRE(hb_face_get_glyph_count(muol.face) > 0);
    const std::vector<hb_glyph> expected = shape(muol, state, 12);  // the state line is 12pt in fo.xsl
    REQUIRE(expected.size() > 10);

    qdf_pdf q = to_qdf(khmer().pdf_path);
    auto w = cid_widths(q.text);
    REQUIRE(!q.contents.empty());
    auto objects = text_objects(q.contents.front(), [&](const std::string& font, unsigned cid) {
        return double(w[q.base_font[font]][cid]);
    });
    REQUIRE(!objects.empty());
    const text_object& first = objects.front();  // the first line on the page
    INFO("font " << q.base_font[first.font]);
    CHECK(q.base_font[first.font].ends_with("+KhmerOSMuolLight"));
    CHECK(first.size == 12);
    REQUIRE(first.glyphs.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("glyph " << i);
        CHECK(first.glyphs[i].cid == expected[i].gid);  // CIDs are glyph IDs (/CIDToGIDMap /Identity)
        CHECK(std::abs(first.glyphs[i].x - expected[i].x) < 0.01);
        CHECK(std::abs(first.glyphs[i].y - expected[i].y) < 0.01);
    }
    // The same, as the hb-shape tool prints it (libharfbuzz-bin).
    const std::string hb = run("hb-shape --no-glyph-names --no-positions --script=khmr --language=km '" +
                               font_file("Khmer OS Muol Light") + "' '" + state + "'");
    std::string ours = "[";
    for (std::size_t i = 0; i < first.glyphs.size(); ++i) ours += (i ? "|" : "") + std::to_string(first.glyphs[i].cid);
    // hb-shape prints gid=cluster; drop the clusters.
    std::string tool;
    for (std::size_t i = 0; i < hb.size(); ++i) {
        if (hb[i] == '=') {
            while (i < hb.size() && hb[i] != '|' && hb[i] != ']') ++i;
            --i;
            continue;
        }
        if (hb[i] != '\n') tool += hb[i];
    }
    CHECK(tool == ours + "]");
}

TEST_CASE("pdf: no dotted circle is drawn for Khmer text", "[pdf][khmer]") {
    qdf_pdf q = to_qdf(khmer().pdf_path);
    std::map<std::string, unsigned> dotted;  // by BaseFont
    hb_file_font muol(font_file("Khmer OS Muol Light")), battambang(font_file("Khmer OS Battambang"));
    REQUIRE(muol.glyph(0x25CC) != 0);  // the fonts have one: HarfBuzz would use it for a broken syllable
    REQUIRE(battambang.glyph(0x25CC) != 0);
    int khmer_glyphs = 0;
    for (const std::string& content : q.contents) {
        for (const text_object& t : text_objects(content, [](const std::string&, unsigned) { return 0.0; })) {
            const std::string& base = q.base_font[t.font];
            const unsigned circle = base.ends_with("+KhmerOSMuolLight")    ? muol.glyph(0x25CC)
                                    : base.ends_with("+KhmerOSbattambang") ? battambang.glyph(0x25CC)
                                                                           : 0;
            REQUIRE(circle != 0);
            for (const shown_glyph& g : t.glyphs) {
                CHECK(g.cid != circle);
                CHECK(g.cid != 0);  // nor .notdef
                ++khmer_glyphs;
            }
        }
    }
    CHECK(khmer_glyphs > 300);

    SECTION("the check would see one") {
        // A vowel sign with no consonant is a broken syllable: HarfBuzz
        // inserts the dotted circle, and the same scan finds it.
        const std::string fo =
            R"(<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="km" font-family="Khmer OS Battambang">
  <fo:layout-master-set><fo:simple-page-master master-name="p"><fo:region-body margin="20mm"/></fo:simple-page-master></fo:layout-master-set>
  <fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body"><fo:block>ាក</fo:block></fo:flow></fo:page-sequence>
</fo:root>)";
        doc_ptr d = parse_xml(fo);
        std::string pdf;
        REQUIRE(renderer().render(d.get(), {}, pdf));
        spit(scratch() / "broken-syllable.pdf", pdf);
        qdf_pdf b = to_qdf(scratch() / "broken-syllable.pdf");
        bool seen = false;
        for (const text_object& t : text_objects(b.contents.front(), [](const std::string&, unsigned) { return 0.0; }))
            for (const shown_glyph& g : t.glyphs) seen = seen || g.cid == battambang.glyph(0x25CC);
        CHECK(seen);
    }
}

TEST_CASE("pdf: pdftotext gives the Khmer text exactly, in logical order", "[pdf][khmer]") {
    const std::string raw = run(std::string(PDFTOTEXT_EXE) + " -enc UTF-8 " + quote(khmer().pdf_path) + " -");
    INFO(raw);
    // Whole lines as they were written (the header does not wrap).
    for (const char* line : {"ព្រះរាជាណាចក្រកម្ពុជា", "ជាតិ សាសនា ព្រះមហាក្សត្រ", "ក្រសួងការបរទេស",
                             "និងសហប្រតិបត្តិការអន្តរជាតិ", "សេចក្តីប្រកាសព័ត៌មាន"})
        CHECK(raw.find(line) != std::string::npos);
    const std::string text = without_space(raw);
    const release_text release = text_of_release(khmer().xml);
    std::size_t from = 0;
    CHECK(first_missing(text, words(release.body), from).empty());
    // Each paragraph, spaces aside, comes back whole: the lines break
    // between words only (ICU's Khmer dictionary), never inside a syllable.
    CHECK(text.find(without_space("ភាគីទាំងពីរក៏បានផ្លាស់ប្តូរទស្សនៈលើបញ្ហាតំបន់ និងអន្តរជាតិដែលមានការយកចិត្តទុកដាក់រួម "
                                  "ព្រមទាំងបានបញ្ជាក់ជាថ្មីនូវការប្តេជ្ញាចិត្តគាំទ្រគ្នាទៅវិញទៅមកនៅក្នុងវេទិកាពហុភាគី "
                                  "ជាពិសេសនៅក្នុងក្របខ័ណ្ឌអង្គការសហប្រជាជាតិ។")) != std::string::npos);
    std::size_t anywhere = 0;
    CHECK(first_missing(text, words(release.dateline), anywhere).empty());
    // The footer in Khmer.
    CHECK(raw.find("ទំព័រ") != std::string::npos);
}

TEST_CASE("pdf: /ActualText marks the Khmer runs and only those", "[pdf][khmer]") {
    const qdf_pdf km = to_qdf(khmer().pdf_path);
    std::size_t spans = 0;
    for (std::size_t at = km.text.find("/ActualText"); at != std::string::npos; at = km.text.find("/ActualText", at + 1))
        ++spans;
    CHECK(spans >= 15);  // the Khmer lines (their glyphs are reordered)
    // Latin text reads back through /ToUnicode alone: no span at all.
    const auto& [name, r] = fixtures().front();
    INFO(name);
    CHECK(to_qdf(r.pdf_path).text.find("/ActualText") == std::string::npos);
}

TEST_CASE("pdf: Khmer paragraphs break inside runs without spaces", "[pdf][khmer]") {
    // Lines end at ICU's dictionary boundaries inside phrases too. The line
    // after such a break starts with the rest of the phrase, drawn under an
    // empty /ActualText (the line above reads it, so that pdftotext does
    // not split the phrase; test_justify.cpp checks the text): one such
    // span per line that began inside a phrase.
    const qdf_pdf q = to_qdf(khmer().pdf_path);
    int inside_runs = 0;
    for (const std::string& content : q.contents)
        for (std::size_t at = content.find("/ActualText <feff>>>BDC"); at != std::string::npos;
             at = content.find("/ActualText <feff>>>BDC", at + 1))
            ++inside_runs;
    CHECK(inside_runs >= 1);
}
