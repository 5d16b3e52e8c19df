// The renderer's parts on their own: number and date formatting, the FO
// parser's computed properties, ICU break opportunities, the line breaker,
// fonts (with a .ttc collection made here), shaping and subsetting.
#include "support.hpp"

#include "pdf/fo_parser.hpp"
#include "pdf/font_embedding.hpp"
#include "pdf/fonts.hpp"
#include "pdf/line_breaking.hpp"
#include "pdf/metadata.hpp"
#include "pdf/numbers.hpp"
#include "pdf/pdf_objects.hpp"
#include "pdf/shaping.hpp"

#include <hb.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

using namespace pdf_test;
namespace P = communique::detail::pdf;

TEST_CASE("pdf units: numbers in PDF syntax", "[pdf][units]") {
    auto num = [](double v, int d = 3) {
        std::string s;
        P::append_number(s, v, d);
        return s;
    };
    CHECK(num(12) == "12");
    CHECK(num(0.5) == "0.5");
    CHECK(num(-0.0001) == "0");
    CHECK(num(-1.23456) == "-1.235");
    CHECK(num(595.2756, 2) == "595.28");
    CHECK(num(1e-12) == "0");
    CHECK(num(100000.25) == "100000.25");
    CHECK(num(0.0005) == "0.001");
    CHECK(num(-0.05, 1) == "-0.1");
    CHECK(num(7, 0) == "7");
    CHECK(num(123456789012.5, 6) == "123456789012.5");  // past the shortcut's range: to_chars
    // The shortcut (digits of the rounded whole number, point put in) gives
    // what to_chars prints for the rounded double, on values of every size.
    auto reference = [](double v, int d) {
        const double scale = std::pow(10.0, d);
        double rounded = std::round(v * scale) / scale;
        if (rounded == 0) rounded = 0;
        char buf[64];
        char* end = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, d).ptr;
        if (d > 0) {
            while (end[-1] == '0') --end;
            if (end[-1] == '.') --end;
        }
        return std::string(buf, end);
    };
    std::uint64_t seed = 88172645463325252ull;
    auto next = [&] {  // xorshift: the same values on every machine
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        return seed;
    };
    int mismatches = 0;
    for (int i = 0; i < 200000; ++i) {
        const double magnitude = std::pow(10.0, double(next() % 16) - 6);
        const double v = (double(next() % 2000001) / 1000000.0 - 1) * magnitude;
        const int d = int(next() % 7);
        if (num(v, d) != reference(v, d)) ++mismatches;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("pdf units: objects written without PoDoFo's writer come out as PoDoFo writes them", "[pdf][units]") {
    using namespace PoDoFo;
    auto podofo = [](const PdfVariant& v) {
        PdfRefCountedBuffer buffer;
        PdfOutputDevice device(&buffer);
        v.Write(&device, ePdfWriteMode_Compact, nullptr);
        return std::string(buffer.GetBuffer(), device.GetLength());
    };
    auto ours = [](const PdfVariant& v) {
        std::string s;
        P::append_compact(s, v);
        return s;
    };
    PdfArray numbers;
    for (double r : {0.0, -0.0, 0.1, 250.0, 595.2756, 841.89, -303.5, 1e10, 1234.5678905, 2.5e-7, 777.832})
        numbers.push_back(PdfVariant(r));
    for (pdf_int64 n : {pdf_int64{0}, pdf_int64{-216}, pdf_int64{9007199254740993}}) numbers.push_back(PdfVariant(n));
    numbers.push_back(PdfVariant(true));
    numbers.push_back(PdfVariant());
    numbers.push_back(PdfReference(12, 0));
    PdfDictionary inner;
    inner.AddKey("Registry", PdfString("Adobe"));
    inner.AddKey("Text", PdfString("a (b) \\ c\n"));
    inner.AddKey("Hex", PdfString("\xFE\xFF\x00" "A", 4, true));
    inner.AddKey("Odd name", PdfName("a#b/c"));
    inner.AddKey("Plain", PdfName("ABCDEF+Liberation-Serif_Bold.x"));
    PdfDictionary d;
    d.AddKey("Type", PdfName("Font"));
    d.AddKey("W", numbers);
    d.AddKey("Info", inner);
    d.AddKey("Empty", PdfArray());
    d.AddKey("Raw", PdfVariant(PdfData("[ 1 2]")));
    const PdfVariant all(d);
    CHECK(ours(all) == podofo(all));
    CHECK(ours(all).find("/Type/Font") == 2);  // /Type leads, as in PoDoFo
    // Every kind on its own too, so that a difference is easy to read.
    for (const PdfObject& n : numbers) CHECK(ours(n) == podofo(n));
}

TEST_CASE("pdf units: the file written without PdfWriter is PdfWriter's, /ID aside", "[pdf][units]") {
    using namespace PoDoFo;
    PdfVecObjects objects;
    objects.SetAutoDelete(true);
    PdfObject* pages = objects.CreateObject("Pages");
    PdfObject* content = objects.CreateObject();
    const std::string ops = "BT /F1 12 Tf (Hi) Tj ET\n";
    content->GetStream()->Set(ops.data(), static_cast<pdf_long>(ops.size()), TVecFilters());
    PdfObject* page = objects.CreateObject("Page");
    page->GetDictionary().AddKey("Parent", pages->Reference());
    page->GetDictionary().AddKey("Contents", content->Reference());
    PdfArray box;
    for (double v : {0.0, 0.0, 595.276, 841.89}) box.push_back(PdfVariant(v));
    page->GetDictionary().AddKey("MediaBox", box);
    PdfArray kids;
    kids.push_back(page->Reference());
    pages->GetDictionary().AddKey("Kids", kids);
    pages->GetDictionary().AddKey("Count", pdf_int64{1});
    PdfObject* catalog = objects.CreateObject("Catalog");
    catalog->GetDictionary().AddKey("Pages", pages->Reference());
    PdfObject* info = objects.CreateObject();
    info->GetDictionary().AddKey("Title", PdfString("A (title)"));
    info->GetDictionary().AddKey("Author", PdfString("\xFE\xFF\x00" "A", 4, true));

    std::string ours;
    P::write_file(objects, catalog->Reference(), *info, ours);

    PdfObject trailer;
    trailer.GetDictionary().AddKey("Root", catalog->Reference());
    trailer.GetDictionary().AddKey("Info", info->Reference());
    PdfWriter writer(&objects, &trailer);
    writer.SetPdfVersion(ePdfVersion_1_7);
    writer.SetWriteMode(ePdfWriteMode_Compact);
    writer.SetUseXRefStream(false);
    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    writer.Write(&device);
    std::string podofo(buffer.GetBuffer(), device.GetLength());

    const std::string zeros = "<" + std::string(32, '0') + ">";
    const std::size_t id = podofo.find("/ID[<");
    REQUIRE(id != std::string::npos);
    podofo.replace(id + 4, 2 * zeros.size(), zeros + zeros);
    CHECK(ours == podofo);
    CHECK(ours.find("/ID[" + zeros + zeros + "]") != std::string::npos);
}

TEST_CASE("pdf units: dates without the clock or the C library's time functions", "[pdf][units]") {
    auto epoch = [](std::int64_t s) { return P::pdf_date(*P::from_epoch(s)); };
    CHECK(epoch(0) == "D:19700101000000Z");
    CHECK(epoch(1700000000) == "D:20231114221320Z");
    CHECK(epoch(951782400) == "D:20000229000000Z");  // a leap day in a century year
    CHECK(epoch(-1) == "D:19691231235959Z");
    CHECK(P::xmp_date(*P::from_epoch(1709424000)) == "2024-03-03T00:00:00Z");
    CHECK(P::pdf_date(*P::parse_iso8601("2024-03-03")) == "D:20240303000000");
    CHECK(P::pdf_date(*P::parse_iso8601("2024-03-03T09:30:00+07:00")) == "D:20240303093000+07'00'");
    CHECK(P::xmp_date(*P::parse_iso8601("2024-03-03T09:30:00Z")) == "2024-03-03T09:30:00Z");
    CHECK_FALSE(P::parse_iso8601("2024-02-30"));
    CHECK_FALSE(P::parse_iso8601("2023-02-29"));
    CHECK(P::parse_iso8601("2024-02-29"));
    CHECK_FALSE(P::parse_iso8601("3 March 2024"));
}

namespace {

P::document parse(const std::string& fo) {
    doc_ptr d = parse_xml(fo);
    auto parsed = P::parse_fo(d.get());
    if (!parsed) FAIL(parsed.error().message);
    return std::move(*parsed);
}

const std::string head =
    R"(<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-size="10pt"><fo:layout-master-set>
<fo:simple-page-master master-name="p" page-width="8.5in" page-height="11in" margin-left="1in" margin-right="1in" margin-top="1in" margin-bottom="1in">
<fo:region-body/></fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">)";
const std::string tail = "</fo:flow></fo:page-sequence></fo:root>";

}  // namespace

TEST_CASE("pdf units: the FO parser computes properties", "[pdf][units]") {
    SECTION("page geometry") {
        P::document doc = parse(head + "<fo:block>x</fo:block>" + tail);
        REQUIRE(doc.masters.size() == 1);
        CHECK(doc.masters[0].width == Approx(612));
        CHECK(doc.masters[0].body.x == Approx(72));
        CHECK(doc.masters[0].body.width == Approx(468));
    }
    SECTION("an attribute's value is read as libxml2 gives it: entities, and defaults from a DTD") {
        const std::string with_dtd = R"(<!DOCTYPE fo:root [
<!ENTITY size "14pt">
<!ENTITY two "2">
<!ATTLIST fo:block font-weight CDATA "bold">
]>)";
        P::document doc = parse(with_dtd + head + R"(<fo:block font-size="&size;" space-before=" &two;pt ">x</fo:block>)" +
                                tail);
        const P::node& block = doc.sequences[0].flow.children.at(0);
        CHECK(block.props.space_before == Approx(2));
        const P::text_style& style = doc.styles[block.children.at(0).para.spans.at(0).style];
        CHECK(style.size == Approx(14));
        CHECK(style.font.weight == 700);
    }
    SECTION("white space collapses across inlines; em and % count from the parent's size") {
        P::document doc = parse(head +
                                "<fo:block font-size=\"1.5em\" space-before=\"1em\">\n  Hello,\n <fo:inline "
                                "font-weight=\"bold\" font-size=\"50%\"> big </fo:inline>  world  </fo:block>" +
                                tail);
        const P::node& block = doc.sequences[0].flow.children.at(0);
        CHECK(block.props.space_before == Approx(15));
        const P::node& text = block.children.at(0);
        CHECK(text.para.text == u"Hello, big world");
        REQUIRE(text.para.spans.size() == 3);
        CHECK(doc.styles[text.para.spans[0].style].size == Approx(15));
        CHECK(doc.styles[text.para.spans[1].style].size == Approx(7.5));
        CHECK(doc.styles[text.para.spans[1].style].font.weight == 700);
        CHECK(text.para.text.substr(text.para.spans[1].begin, text.para.spans[1].end - text.para.spans[1].begin) ==
              u"big ");  // the space before "big" came first, outside the inline
    }
    SECTION("lists: body-start() and label-end()") {
        P::document doc = parse(head + R"FO(<fo:list-block start-indent="10mm" provisional-distance-between-starts="20pt" provisional-label-separation="5pt">
<fo:list-item><fo:list-item-label end-indent="label-end()"><fo:block>1.</fo:block></fo:list-item-label>
<fo:list-item-body start-indent="body-start()"><fo:block>Text</fo:block></fo:list-item-body></fo:list-item></fo:list-block>)FO" +
                                tail);
        const P::node& item = doc.sequences[0].flow.children.at(0).children.at(0);
        const P::node& label_text = item.children.at(0).children.at(0).children.at(0);
        const P::node& body_text = item.children.at(1).children.at(0).children.at(0);
        const double ten_mm = 720 / 25.4;
        CHECK(label_text.props.start_indent == Approx(ten_mm));
        CHECK(label_text.props.end_indent == Approx(468 - (20 + ten_mm - 5)));
        CHECK(body_text.props.start_indent == Approx(ten_mm + 20));
    }
    SECTION("text-align-last is relative to text-align") {
        P::document doc = parse(head + R"(<fo:block text-align="justify">a</fo:block><fo:block text-align="center">b</fo:block>)" +
                                tail);
        CHECK(doc.sequences[0].flow.children.at(0).props.align_last == P::text_align::start);
        CHECK(doc.sequences[0].flow.children.at(1).props.align_last == P::text_align::center);
    }
    SECTION("an empty block inside text ends a line") {
        P::document doc = parse(head + "<fo:block>one<fo:block/>two</fo:block>" + tail);
        const P::node& block = doc.sequences[0].flow.children.at(0);
        REQUIRE(block.children.size() == 3);
        CHECK(block.children[0].para.text == u"one");
        CHECK(block.children[2].para.text == u"two");
        CHECK_FALSE(block.children[2].para.first_of_block);
    }
}

TEST_CASE("pdf units: ICU finds Khmer word boundaries without spaces", "[pdf][units]") {
    const std::u16string text = u"សហប្រតិបត្តិការអន្តរជាតិ";
    std::vector<std::uint32_t> breaks = P::break_opportunities(text, "km");
    CHECK(breaks.back() == text.size());
    CHECK(breaks.size() >= 2);  // at least one break inside the run
    const std::u16string latin = u"measles-rubella campaign";
    std::vector<std::uint32_t> lb = P::break_opportunities(latin, "en");
    CHECK(std::find(lb.begin(), lb.end(), 8u) != lb.end());   // after the hyphen
    CHECK(std::find(lb.begin(), lb.end(), 16u) != lb.end());  // after the space
}

namespace {

// The widths of `words` words between 8 and 47, from a linear congruential
// generator whose state is `seed`: the same paragraphs on every machine.
std::vector<double> random_widths(unsigned& seed, int words) {
    std::vector<double> widths;
    for (int i = 0; i < words; ++i) {
        seed = seed * 1103515245u + 12345u;
        widths.push_back(8 + (seed >> 16) % 40);
    }
    return widths;
}

// A paragraph of words of the given widths, spaces 3 wide (stretch 1.5, shrink 1).
std::vector<P::break_candidate> words_to_candidates(const std::vector<double>& widths) {
    std::vector<P::break_candidate> c(1);
    double x = 0, y = 0, z = 0;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        x += widths[i];
        P::break_candidate b;
        b.width_to = x;
        b.stretch_to = y;
        b.shrink_to = z;
        if (i + 1 < widths.size()) {
            x += 3;
            y += 1.5;
            z += 1;
        }
        b.width_from = x;
        b.stretch_from = y;
        b.shrink_from = z;
        c.push_back(b);
    }
    return c;
}

// A break inside a word, after a hyphen 4 wide: no space is skipped there.
void make_hyphen_break(P::break_candidate& b) {
    b.width_from = b.width_to;
    b.stretch_from = b.stretch_to;
    b.shrink_from = b.shrink_to;
    b.width_to += 4;
    b.penalty = 50;
    b.flagged = true;
}

double worst_ratio(const std::vector<P::line_fit>& fits) {
    double worst = 0;
    for (std::size_t i = 0; i + 1 < fits.size(); ++i) worst = std::max(worst, std::abs(fits[i].ratio));
    return worst;
}

// Knuth's badness, summed over all lines but the last.
double total_badness(const std::vector<P::line_fit>& fits) {
    double sum = 0;
    for (std::size_t i = 0; i + 1 < fits.size(); ++i) sum += std::min(10000.0, 100 * std::pow(std::abs(fits[i].ratio), 3));
    return sum;
}

}  // namespace

TEST_CASE("pdf units: total fit spaces lines more evenly than first fit", "[pdf][units]") {
    unsigned seed = 7;
    const std::vector<double> widths = random_widths(seed, 300);
    const auto cands = words_to_candidates(widths);
    P::fit_params p;
    p.first_width = p.width = 300;
    const auto total = P::total_fit(cands, p);
    const auto first = P::first_fit(cands, p);
    REQUIRE(total.back().end == cands.size() - 1);
    REQUIRE(first.back().end == cands.size() - 1);
    CHECK(worst_ratio(total) < worst_ratio(first));
    CHECK(total_badness(total) < total_badness(first));
    for (const auto& f : total) CHECK(f.ratio >= -1);
}

TEST_CASE("pdf units: total fit avoids a last line of one short word when it can", "[pdf][units][runts]") {
    // Random paragraphs: count those whose last line is one short word
    // (a runt), without and with the runt cost.
    int runts_before = 0, runts_after = 0, loose_before = 0, loose_after = 0;
    unsigned seed = 11;
    for (int n = 0; n < 400; ++n) {
        const std::vector<double> widths = random_widths(seed, 25 + n % 30);
        const auto cands = words_to_candidates(widths);
        P::fit_params p;
        p.first_width = p.width = 300;
        auto runt = [&](const std::vector<P::line_fit>& fits) {
            return fits.size() > 1 && fits.back().end == fits[fits.size() - 2].end + 1 && widths.back() < 300 / 4.0;
        };
        const auto plain = P::total_fit(cands, p);
        runts_before += runt(plain);
        for (const auto& f : plain) loose_before += f.ratio > 1;
        p.runt_width = 300 / 4.0;
        const auto fits = P::total_fit(cands, p);
        runts_after += runt(fits);
        for (const auto& f : fits) loose_after += f.ratio > 1;
    }
    CHECK(runts_before > 10);
    CHECK(runts_after < runts_before);
    // Each runt avoided costs at most one line looser than 1.5 spaces.
    CHECK(loose_after - loose_before <= runts_before - runts_after);
}

TEST_CASE("pdf units: total fit never ends three lines in a row with a hyphen", "[pdf][units][hyphenation]") {
    // Every other piece ends in a hyphenation point: left alone, the breaker
    // would often take three in a row.
    unsigned seed = 3;
    const std::vector<double> widths = random_widths(seed, 200);
    auto cands = words_to_candidates(widths);
    for (std::size_t i = 1; i + 1 < cands.size(); i += 2) {
        cands[i].width_from = cands[i].width_to;  // no space: inside a word
        cands[i].stretch_from = cands[i].stretch_to;
        cands[i].shrink_from = cands[i].shrink_to;
        cands[i].width_to += 4;  // the hyphen
        cands[i].penalty = 50;
        cands[i].flagged = true;
    }
    P::fit_params p;
    p.first_width = p.width = 250;
    const auto fits = P::total_fit(cands, p);
    REQUIRE(fits.back().end == cands.size() - 1);
    int in_a_row = 0, most = 0, flagged = 0;
    for (const auto& f : fits) {
        in_a_row = cands[f.end].flagged ? in_a_row + 1 : 0;
        flagged += cands[f.end].flagged;
        most = std::max(most, in_a_row);
    }
    CHECK(flagged > 3);
    CHECK(most <= 2);
}

namespace {

// The demerits of setting a paragraph with the given line ends, by the
// rules line_breaking.hpp states (Knuth and Plass's, with a cost for a
// runt and at most two hyphenated lines in a row); nullopt when the
// setting is not allowed (a line too wide that is not a single piece, a
// third hyphen in a row on a line that fits).
std::optional<double> demerits_of(const std::vector<P::break_candidate>& c, const P::fit_params& p,
                                  const std::vector<std::size_t>& ends) {
    const double inf = std::numeric_limits<double>::infinity();
    double total = 0;
    int fitness = 1, run = 0;
    std::size_t from = 0;
    const std::size_t last = c.size() - 1;
    for (std::size_t line = 0; line < ends.size(); ++line) {
        const std::size_t b = ends[line];
        const double width = line == 0 ? p.first_width : p.width;
        const double natural = c[b].width_to - c[from].width_from;
        const double stretch = c[b].stretch_to - c[from].stretch_from + p.line_stretch;
        const double shrink = c[b].shrink_to - c[from].shrink_from;
        double ratio = 0;
        bool overfull = false;
        if (natural > width + 1e-9) {
            ratio = shrink > 0 ? (width - natural) / shrink : -inf;
            overfull = ratio < -1;
        } else if (b == last && !p.justify_last && !p.balance_last) {
            ratio = 0;
        } else if (natural < width - 1e-9) {
            ratio = stretch > 0 ? (width - natural) / stretch : inf;
        }
        double extra = 0;
        if (overfull) {
            if (b != from + 1) return std::nullopt;
            ratio = -1;
            extra = 1e10;
        }
        const double bad = std::isinf(ratio) ? 10000 : std::min(10000.0, 100 * std::pow(std::abs(ratio), 3));
        double d = (10 + bad) * (10 + bad);
        d += c[b].penalty >= 0 ? c[b].penalty * c[b].penalty : -c[b].penalty * c[b].penalty;
        if (c[b].flagged && c[from].flagged) d += 3000;
        run = c[b].flagged ? run + 1 : 0;
        if (run > 2) {
            if (!overfull) return std::nullopt;
            run = 2;
        }
        const int fit = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
        if (std::abs(fit - fitness) > 1) d += 100;
        if (b == last && b == from + 1 && from != 0 && c[b].width_to - c[from].width_from < p.runt_width) d += 10000;
        total += d + extra;
        fitness = fit;
        from = b;
    }
    return total;
}

}  // namespace

TEST_CASE("pdf units: total fit finds the least demerits of all settings", "[pdf][units]") {
    // Small paragraphs, every setting tried: total fit keeps only the best
    // ways into each break (and drops those that can never be best), so
    // what it finds must cost no more than the cheapest of all.
    unsigned seed = 17;
    int tried = 0;
    for (int n = 0; n < 3000; ++n) {
        const std::vector<double> widths = random_widths(seed, 6 + n % 9);
        auto cands = words_to_candidates(widths);
        // Some breaks inside words, after a hyphen.
        for (std::size_t i = 1 + n % 3; i + 1 < cands.size(); i += 2 + n % 2) {
            make_hyphen_break(cands[i]);
        }
        P::fit_params p;
        p.width = 60 + n % 61;
        p.first_width = p.width - n % 4 * 5;
        if (n % 3 == 1) p.line_stretch = p.width / 2;  // ragged
        if (n % 5 == 2) p.runt_width = p.width / 4;
        const std::size_t last = cands.size() - 1;
        // Every setting: each break but the last taken or not.
        double least = std::numeric_limits<double>::infinity();
        for (std::size_t mask = 0; mask < (std::size_t{1} << (last - 1)); ++mask) {
            std::vector<std::size_t> ends;
            for (std::size_t i = 1; i < last; ++i)
                if (mask >> (i - 1) & 1) ends.push_back(i);
            ends.push_back(last);
            if (auto d = demerits_of(cands, p, ends)) least = std::min(least, *d);
        }
        const auto fits = P::total_fit(cands, p);
        std::vector<std::size_t> ends;
        for (const P::line_fit& f : fits) ends.push_back(f.end);
        const auto found = demerits_of(cands, p, ends);
        INFO("paragraph " << n);
        REQUIRE(found);
        CHECK(*found <= least * (1 + 1e-12));
        tried += ends.size() > 2;
    }
    CHECK(tried > 2000);
}

TEST_CASE("pdf units: total fit's first pass gives what the full search gives", "[pdf][units]") {
    // total_fit weighs only lines that are not too loose first and falls
    // back on the full search when that cannot be proven the same; the
    // answer must be the full search's, bit for bit, whichever way it was
    // reached. Random paragraphs of every kind the breaker meets: words of
    // whole widths (ties between settings) or not, breaks inside words
    // after a hyphen, names, words wider than the measure, ragged and
    // balanced lines, runts, a first line of its own width, a negative
    // penalty, totals that do not only grow.
    unsigned seed = 29;
    auto next = [&seed](unsigned n) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) % n;
    };
    int compared = 0, loose = 0;
    for (int n = 0; n < 4000; ++n) {
        std::vector<double> widths = random_widths(seed, 2 + static_cast<int>(next(n % 4 == 0 ? 150 : 40)));
        if (n % 3 == 0)
            for (double& w : widths) w += next(1000) / 1000.0;
        if (n % 7 == 3) widths[next(static_cast<unsigned>(widths.size()))] = 150 + next(200);  // wider than the line
        auto cands = words_to_candidates(widths);
        const std::size_t last = cands.size() - 1;
        if (n % 2 == 0) {
            for (std::size_t i = 1 + next(3); i < last; i += 1 + next(4)) {
                make_hyphen_break(cands[i]);
            }
        }
        if (n % 4 == 1)
            for (std::size_t i = 1 + next(4); i < last; i += 2 + next(6)) cands[i].soft_penalty = 300;
        if (n % 11 == 5) cands[1 + next(static_cast<unsigned>(last))].penalty = -100;
        if (n % 5 == 4)
            for (std::size_t i = 1 + next(5); i < last; i += 1 + next(5)) cands[i].width_from -= 10 + next(60);
        P::fit_params p;
        p.width = 60 + next(200);
        p.first_width = n % 5 == 0 ? p.width - next(40) : p.width;
        if (n % 3 == 1) p.line_stretch = p.width / (2 + next(8));
        p.balance_last = n % 6 == 2;
        p.justify_last = n % 10 == 7;
        if (n % 4 == 3) p.runt_width = p.width / 4;
        const auto fast = P::total_fit(cands, p), full = P::total_fit_full_search(cands, p);
        INFO("paragraph " << n);
        REQUIRE(fast.size() == full.size());
        for (std::size_t i = 0; i < fast.size(); ++i) {
            CHECK(fast[i].end == full[i].end);
            CHECK(fast[i].ratio == full[i].ratio);
        }
        ++compared;
        for (const P::line_fit& f : full) loose += f.ratio > 2.2;
    }
    CHECK(compared == 4000);
    CHECK(loose > 100);  // settings the first pass cannot make alone
}

TEST_CASE("pdf units: a soft penalty (a name kept whole) never costs a paragraph a line", "[pdf][units][runts]") {
    // Random paragraphs in which one break in four parts a name (a soft
    // penalty of 300, as layout.cpp gives it). Taken as an ordinary
    // penalty, it sometimes buys a name kept whole with a line more; as a
    // soft one, the paragraph keeps the line count it has without it, and
    // otherwise the penalty still chooses its breaks.
    int longer = 0, names_kept = 0;
    unsigned seed = 5;
    for (int n = 0; n < 300; ++n) {
        const std::vector<double> widths = random_widths(seed, 12 + n % 40);
        auto cands = words_to_candidates(widths);
        for (std::size_t i = 2; i + 1 < cands.size(); i += 4) cands[i].soft_penalty = 300;
        auto without = cands, hard = cands;
        for (std::size_t i = 0; i < cands.size(); ++i) {
            without[i].soft_penalty = 0;
            hard[i].penalty = std::max(hard[i].penalty, hard[i].soft_penalty);
            hard[i].soft_penalty = 0;
        }
        P::fit_params p;
        p.first_width = p.width = 200;
        if (n % 2) p.line_stretch = 200 / 8.0;  // weighed as ragged, as Khmer is
        auto ends = [](const std::vector<P::line_fit>& fits) {
            std::vector<std::size_t> e;
            for (const P::line_fit& f : fits) e.push_back(f.end);
            return e;
        };
        auto parted = [&](const std::vector<P::line_fit>& fits) {
            int k = 0;
            for (const P::line_fit& f : fits) k += cands[f.end].soft_penalty > 0;
            return k;
        };
        const auto fits = P::total_fit(cands, p), plain = P::total_fit(without, p), priced = P::total_fit(hard, p);
        INFO("paragraph " << n);
        CHECK(fits.size() <= plain.size());
        if (priced.size() > plain.size()) {
            ++longer;
            CHECK(ends(fits) == ends(plain));
        } else {
            CHECK(ends(fits) == ends(priced));
            names_kept += parted(plain) - parted(fits);
        }
    }
    CHECK(longer >= 5);
    CHECK(names_kept > 50);
}

TEST_CASE("pdf units: hyphenation points by language, from Debian's patterns", "[pdf][units][hyphenation]") {
    using V = std::vector<std::uint32_t>;
    CHECK(P::hyphenation_points(u"apprenticeship", "en") == V{2, 6, 10});  // ap-pren-tice-ship
    CHECK(P::hyphenation_points(u"Programme", "en-GB") == V{3});           // Pro-gramme (not -me: 3 after)
    // Accented letters: libhyphen answers per character, not per UTF-8 byte.
    CHECK(P::hyphenation_points(u"électricité", "fr") == V{4, 7});   // élec-tri-cité
    CHECK(P::hyphenation_points(u"hyphénation", "fr") == V{2, 5, 7});  // hy-phé-na-tion
    // Indonesian ships hyph_id_ID.dic only, in ISO 8859-1.
    CHECK(P::hyphenation_points(u"pemerintahan", "id") == V{2, 4, 7});  // pe-me-rin-tahan
    CHECK(P::can_hyphenate("en-US"));
    CHECK_FALSE(P::can_hyphenate("km"));  // no patterns: never hyphenated
    CHECK(P::hyphenation_points(u"ក្រសួងការបរទេស", "km").empty());
}

TEST_CASE("pdf units: a word wider than the line still gets a line", "[pdf][units]") {
    const auto cands = words_to_candidates({20, 500, 20, 20});
    P::fit_params p;
    p.first_width = p.width = 100;
    for (const auto& fits : {P::total_fit(cands, p), P::first_fit(cands, p)}) {
        REQUIRE(!fits.empty());
        CHECK(fits.back().end == cands.size() - 1);
    }
}

TEST_CASE("pdf units: fonts resolve through fontconfig, with fallback per character", "[pdf][units]") {
    P::font_library& fonts = P::font_library::instance();
    auto serif = fonts.resolve({{"Liberation Serif", "DejaVu Serif"}, 700, false});
    REQUIRE(serif.size() == 2);
    CHECK(serif[0].face->postscript_name() == "LiberationSerif-Bold");
    CHECK_FALSE(serif[0].fake_bold);
    // The same request again is the same face object: cached by path.
    CHECK(fonts.resolve({{"Liberation Serif"}, 700, false})[0].face == serif[0].face);
    // A family that does not exist is skipped.
    auto some = fonts.resolve({{"No Such Family 42", "DejaVu Serif"}, 400, false});
    REQUIRE(some.size() == 1);
    CHECK(some[0].face->postscript_name() == "DejaVuSerif");
    // No bold Khmer OS Battambang exists: it is emboldened.
    auto khmer = fonts.resolve({{"Khmer OS Battambang"}, 700, false});
    REQUIRE(khmer.size() == 1);
    CHECK(khmer[0].fake_bold);
    // Khmer text in a Latin style falls back to a font that has it.
    auto fb = fonts.fallback(U'\u1780', {{"Liberation Serif", "serif"}, 400, false});
    REQUIRE(fb);
    CHECK(fb->face->has(U'\u1780'));
    CHECK_FALSE(fonts.fallback(U'\U0010FFFD', {{"serif"}, 400, false}));
    // Thai in a bold style: a bold face of fontconfig's choosing.
    auto thai = fonts.fallback(U'\u0E01', {{"Liberation Serif", "serif"}, 700, false});
    REQUIRE(thai);
    CHECK(thai->face->weight() >= 600);
    CHECK_FALSE(thai->fake_bold);
}

TEST_CASE("pdf units: shaping uses ligatures and kerning, and falls back per run", "[pdf][units]") {
    P::document doc;
    doc.styles.push_back({{{"DejaVu Serif"}, 400, false}, 10, {}, "en"});
    P::paragraph para;
    para.text = u"office AV ក";
    para.spans.push_back({0, static_cast<std::uint32_t>(para.text.size()), 0});
    P::shaped_paragraph sp;
    REQUIRE(P::shape_paragraph(para, doc.styles, P::font_library::instance(), sp));
    // "ffi" is one glyph (a ligature): fewer glyphs than characters in the first run.
    REQUIRE(sp.runs.size() == 2);  // DejaVu Serif has no Khmer: a second run in a fallback font
    CHECK(sp.runs[0].glyphs.size() < sp.runs[0].end - sp.runs[0].begin);
    CHECK(sp.runs[1].font.face->has(U'\u1780'));
    CHECK(sp.x_before.back() > 0);
}

TEST_CASE("pdf units: a run shaped again has its own place and size", "[pdf][units]") {
    // Runs are cached across paragraphs (by text and context): a repeat
    // must still get its own clusters and its own size.
    P::document doc;
    doc.styles.push_back({{{"Liberation Serif"}, 400, false}, 10, {}, "en"});
    doc.styles.push_back({{{"Liberation Serif"}, 400, false}, 20, {}, "en"});
    auto shape = [&](std::u16string text, std::uint32_t split) {
        P::paragraph para;
        para.text = std::move(text);
        para.spans.push_back({0, split, 1});
        para.spans.push_back({split, static_cast<std::uint32_t>(para.text.size()), 0});
        P::shaped_paragraph sp;
        REQUIRE(P::shape_paragraph(para, doc.styles, P::font_library::instance(), sp));
        REQUIRE(sp.runs.size() == 2);
        return sp.runs[1];
    };
    // The same ten characters before "AV": the same run, at offsets 10 and 11.
    const P::shaped_run first = shape(u"0123456789AV", 10);
    const P::shaped_run again = shape(u"x0123456789AV", 11);
    REQUIRE(first.glyphs.size() == 2);
    REQUIRE(again.glyphs.size() == 2);
    CHECK(first.glyphs[0].cluster == 10);
    CHECK(again.glyphs[0].cluster == 11);
    CHECK(again.glyphs[1].cluster == 12);
    CHECK(again.glyphs[0].advance == first.glyphs[0].advance);  // A kerned against V in both
    // "AV" alone in both styles: one run, cached once, at each style's size.
    auto alone = [&](std::uint32_t style) {
        P::paragraph para;
        para.text = u"AV";
        para.spans.push_back({0, 2, style});
        P::shaped_paragraph sp;
        REQUIRE(P::shape_paragraph(para, doc.styles, P::font_library::instance(), sp));
        REQUIRE(sp.runs.size() == 1);
        return sp.runs[0];
    };
    const P::shaped_run small = alone(0), big = alone(1);
    REQUIRE(big.glyphs.size() == 2);
    CHECK(big.glyphs[0].advance == Approx(2.0 * small.glyphs[0].advance));
    CHECK(big.glyphs[1].advance == Approx(2.0 * small.glyphs[1].advance));
}

TEST_CASE("pdf units: a paragraph shaped in words is placed as when shaped whole", "[pdf][units]") {
    // Latin runs are cut into words after some spaces and the words kept
    // (once a thread has shaped a few hundred runs). Liberation Serif kerns
    // the space with the letters on either side ("o ", " T", " Y", "a T"):
    // a cut there would lose the kern. Every glyph must be what HarfBuzz
    // gives for the text whole: the first time, from the kept words, and
    // with a word or two not seen before among them.
    const std::u16string text =
        u"To Yves, a T. Yoga: AV Wa. y A r. T 'A' f. V, 1 Y \u201cWe\u201d said. The office of Tom, "
        u"and Yves Tom; To Yoga, said To the office a T. Yves Yoga. AV y A Wa. office";
    const std::u16string one_new = text.substr(0, text.size() - 6) + u"offices";
    const std::u16string two_new = u"Tea " + text.substr(0, text.size() - 6) + u"Yvette";
    for (const char* family : {"Liberation Serif", "DejaVu Serif", "Noto Sans"}) {
        INFO(family);
        P::document doc;
        doc.styles.push_back({{{family}, 400, false}, 10, {}, "en"});
        int kerned_spaces = 0;
        // Whether shape_paragraph places text's glyphs as HarfBuzz does whole.
        auto same_as_whole = [&](const std::u16string& s) {
            P::paragraph para;
            para.text = s;
            para.spans.push_back({0, static_cast<std::uint32_t>(s.size()), 0});
            P::shaped_paragraph sp;
            REQUIRE(P::shape_paragraph(para, doc.styles, P::font_library::instance(), sp));
            REQUIRE(sp.runs.size() == 1);
            const P::font_face* face = sp.runs[0].font.face;
            hb_buffer_t* buf = hb_buffer_create();
            hb_buffer_add_utf16(buf, reinterpret_cast<const std::uint16_t*>(s.data()), int(s.size()), 0,
                                int(s.size()));
            hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
            hb_buffer_set_script(buf, HB_SCRIPT_LATIN);
            hb_buffer_set_language(buf, hb_language_from_string("en", -1));
            hb_buffer_set_flags(buf, hb_buffer_flags_t(HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT |
                                                       HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES));
            hb_shape(face->hb(), buf, nullptr, 0);
            unsigned count = 0;
            const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
            const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &count);
            const double scale = 10.0 / face->units_per_em();
            const std::uint32_t space = face->glyph(U' ');
            const std::vector<P::glyph>& got = sp.runs[0].glyphs;
            bool same = got.size() == count;
            kerned_spaces = 0;
            for (unsigned g = 0; same && g < count; ++g) {
                same = got[g].gid == info[g].codepoint && got[g].cluster == info[g].cluster &&
                       got[g].advance == float(pos[g].x_advance * scale) &&
                       got[g].x_offset == float(pos[g].x_offset * scale) &&
                       got[g].y_offset == float(pos[g].y_offset * scale);
                if (info[g].codepoint == space && pos[g].x_advance != face->advance(space)) ++kerned_spaces;
            }
            hb_buffer_destroy(buf);
            return same;
        };
        for (int round = 0; round < 300; ++round) {
            INFO("round " << round);
            REQUIRE(same_as_whole(text));
        }
        CHECK(same_as_whole(one_new));
        CHECK(same_as_whole(two_new));
        // The text does test kerning with the space, where the font has it,
        // and its words were cut and kept.
        if (std::string(family) == "Liberation Serif") {
            CHECK(kerned_spaces >= 5);
            CHECK(P::kept_words() > 10);
        }
    }
}

namespace {

std::uint32_t be32(const std::string& s, std::size_t at) {
    return std::uint32_t(std::uint8_t(s[at])) << 24 | std::uint32_t(std::uint8_t(s[at + 1])) << 16 |
           std::uint32_t(std::uint8_t(s[at + 2])) << 8 | std::uint32_t(std::uint8_t(s[at + 3]));
}
void put32(std::string& s, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) s[at + std::size_t(i)] = char((v >> (24 - 8 * i)) & 0xFF);
}

// Two TrueType fonts joined into a collection: a 'ttcf' header, then each
// font with its table offsets made relative to the file's start.
std::string make_ttc(const std::string& a, const std::string& b) {
    std::string out(20, '\0');
    out.replace(0, 4, "ttcf");
    put32(out, 4, 0x00010000);
    put32(out, 8, 2);
    std::size_t offsets[2];
    int i = 0;
    for (const std::string* font : {&a, &b}) {
        while (out.size() % 4) out += '\0';
        offsets[i] = out.size();
        std::string f = *font;
        const unsigned tables = (unsigned(std::uint8_t(f[4])) << 8) | std::uint8_t(f[5]);
        for (unsigned t = 0; t < tables; ++t) {
            const std::size_t record = 12 + 16 * t;
            put32(f, record + 8, be32(f, record + 8) + std::uint32_t(offsets[i]));
        }
        out += f;
        put32(out, 12 + 4 * std::size_t(i), std::uint32_t(offsets[i]));
        ++i;
    }
    return out;
}

}  // namespace

namespace {

// The glyphs of `text` in `face`, with .notdef, sorted: what a document
// drawing that text draws.
std::vector<std::uint32_t> glyphs_of(const P::font_face& face, std::u32string_view text) {
    std::vector<std::uint32_t> glyphs{0};
    for (char32_t c : text) glyphs.push_back(face.glyph(c));
    std::sort(glyphs.begin(), glyphs.end());
    glyphs.erase(std::unique(glyphs.begin(), glyphs.end()), glyphs.end());
    return glyphs;
}

bool has(const std::vector<std::uint32_t>& glyphs, std::uint32_t g) {
    return std::binary_search(glyphs.begin(), glyphs.end(), g);
}

}  // namespace

TEST_CASE("pdf units: an exact subset cut again is kept, and comes from the cache the same as one cut anew",
          "[pdf][units]") {
    auto face = P::font_face::load("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 0);
    REQUIRE(face);
    // Cyrillic: more glyphs outside the Latin blocks than are ever rounded
    // up, so the set stays exact.
    const std::vector<std::uint32_t> glyphs = glyphs_of(*face, U"Кешированный");
    REQUIRE_FALSE(P::plan_subset(*face, glyphs).rounded);
    // Kept from the second time it is cut: the third request is a hit.
    auto first = P::packed_subset_for(*face, glyphs, false);
    auto second = P::packed_subset_for(*face, glyphs, false);
    auto third = P::packed_subset_for(*face, glyphs, false);
    auto other = P::packed_subset_for(*face, glyphs, true);  // .notdef drawn: another program
    REQUIRE(first);
    REQUIRE(second);
    REQUIRE(third);
    REQUIRE(other);
    CHECK(first->get() != second->get());
    CHECK(second->get() == third->get());
    CHECK((*first)->packed == (*third)->packed);
    CHECK((*first)->packed != (*other)->packed);
    P::font_subset fresh;
    REQUIRE(P::make_subset(*face, glyphs, false, fresh));
    CHECK((*first)->packed == P::deflate(fresh.program));
    CHECK((*first)->program_size == fresh.program.size());
    CHECK((*first)->base_font == fresh.base_font);
    CHECK((*first)->glyphs == glyphs);
    CHECK((*first)->block_to_unicode.empty());
}

TEST_CASE("pdf units: documents drawing different glyphs of the same blocks embed one subset", "[pdf][units]") {
    const P::font_face* face = P::font_library::instance().resolve({{"DejaVu Serif"}, 400, false}).at(0).face;
    REQUIRE(face);
    const auto port = glyphs_of(*face, U"the port opens");
    const auto rice = glyphs_of(*face, U"rice, and fish.");
    REQUIRE(port != rice);
    const P::subset_plan a = P::plan_subset(*face, port), b = P::plan_subset(*face, rice);
    CHECK(a.rounded);
    CHECK(a.glyphs == b.glyphs);
    CHECK(std::includes(a.glyphs.begin(), a.glyphs.end(), port.begin(), port.end()));
    CHECK(has(a.glyphs, face->glyph(U'z')));  // the whole lower-case block
    CHECK_FALSE(has(a.glyphs, face->glyph(U'Z')));  // no capital drawn: no capitals
    CHECK_FALSE(has(a.glyphs, face->glyph(U'7')));

    // The same subset object, from the first use on, and the program one cut of the rounded set gives.
    auto first = P::packed_subset_for(*face, port, false);
    auto second = P::packed_subset_for(*face, rice, false);
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first->get() == second->get());
    P::font_subset fresh;
    REQUIRE(P::make_subset(*face, a.glyphs, false, fresh));
    CHECK((*first)->packed == P::deflate(fresh.program));
    CHECK((*first)->base_font == fresh.base_font);
    CHECK_FALSE((*first)->block_to_unicode.empty());

    // A capital touches another block: another subset, with every capital.
    const P::subset_plan capital = P::plan_subset(*face, glyphs_of(*face, U"Rice, and fish."));
    CHECK(capital.glyphs != a.glyphs);
    CHECK(has(capital.glyphs, face->glyph(U'Q')));
}

TEST_CASE("pdf units: glyphs outside the blocks are kept, a face drawn mostly outside them is not rounded",
          "[pdf][units]") {
    const P::font_face* face = P::font_library::instance().resolve({{"DejaVu Serif"}, 400, false}).at(0).face;
    REQUIRE(face);
    const auto cafe = glyphs_of(*face, U"caf\u00E9 \u014Bam");  // é and ŋ: in no block
    const P::subset_plan plan = P::plan_subset(*face, cafe);
    CHECK(plan.rounded);
    CHECK(has(plan.glyphs, face->glyph(U'\u00E9')));
    CHECK(has(plan.glyphs, face->glyph(U'\u014B')));
    CHECK(has(plan.glyphs, face->glyph(U'q')));
    // Greek: more glyphs outside the blocks than recur; the set stays as drawn.
    const auto greek = glyphs_of(*face, U"\u03B1\u03B2\u03B3\u03B4\u03B5\u03B6\u03B7\u03B8\u03B9 a");
    const P::subset_plan exact = P::plan_subset(*face, greek);
    CHECK_FALSE(exact.rounded);
    CHECK(exact.glyphs == greek);
}

TEST_CASE("pdf units: a face inside a .ttc collection is loaded and subset", "[pdf][units]") {
    const std::string serif = slurp("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf");
    const std::string sans = slurp("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    REQUIRE(!serif.empty());
    REQUIRE(!sans.empty());
    const fs::path ttc = scratch() / "pair.ttc";
    spit(ttc, make_ttc(serif, sans));
    auto face = P::font_face::load(ttc.string(), 1);
    REQUIRE(face);
    CHECK(face->postscript_name() == "DejaVuSans");
    std::vector<std::uint32_t> glyphs{0};
    for (char32_t c : std::u32string(U"Subset")) glyphs.push_back(face->glyph(c));
    std::sort(glyphs.begin(), glyphs.end());
    glyphs.erase(std::unique(glyphs.begin(), glyphs.end()), glyphs.end());
    P::font_subset subset;
    REQUIRE(P::make_subset(*face, glyphs, false, subset));
    // The subset's outlines are the second face's, glyph for glyph (IDs kept).
    hb_blob_t* blob = hb_blob_create(subset.program.data(), unsigned(subset.program.size()), HB_MEMORY_MODE_READONLY,
                                     nullptr, nullptr);
    hb_face_t* sf = hb_face_create(blob, 0);
    hb_font_t* font = hb_font_create(sf);
    for (std::uint32_t g : glyphs) {
        if (g == 0) continue;  // .notdef's outline is dropped: it is never drawn
        hb_glyph_extents_t want{}, got{};
        hb_font_get_glyph_extents(face->hb(), g, &want);
        hb_font_get_glyph_extents(font, g, &got);
        INFO("glyph " << g);
        CHECK(got.width == want.width);
        CHECK(got.height == want.height);
        CHECK(got.x_bearing == want.x_bearing);
    }
    hb_font_destroy(font);
    hb_face_destroy(sf);
    hb_blob_destroy(blob);
    CHECK(subset.program.size() < sans.size() / 10);
    CHECK(subset.base_font.substr(6) == "+DejaVuSans");
}

TEST_CASE("pdf units: the font dictionaries written as text are what PoDoFo writes for them", "[pdf][units]") {
    using namespace PoDoFo;
    const P::font_face* face = P::font_library::instance().resolve({{"DejaVu Serif"}, 400, true}).at(0).face;
    REQUIRE(face);
    const auto drawn = glyphs_of(*face, U"The port opens, 8 January.");
    auto subset = P::packed_subset_for(*face, drawn, false);
    REQUIRE(subset);
    PdfVecObjects objects;
    objects.SetAutoDelete(true);
    const P::glyph_text text(*face);
    P::embed_font(objects, *face, **subset, drawn, text);
    int dictionaries = 0;
    for (const PdfObject* o : objects) {
        if (o->GetDataType() != ePdfDataType_RawData) continue;
        ++dictionaries;
        const std::string& raw = o->GetRawData().data();
        // Read back by PoDoFo's parser and written by its compact writer: the same bytes.
        PdfTokenizer tokenizer(raw.data(), raw.size());
        PdfVariant parsed;
        tokenizer.GetNextVariant(parsed, nullptr);
        PdfRefCountedBuffer buffer;
        PdfOutputDevice device(&buffer);
        parsed.Write(&device, ePdfWriteMode_Compact, nullptr);
        CHECK(std::string(buffer.GetBuffer(), device.GetLength()) == raw);
    }
    CHECK(dictionaries == 3);  // FontDescriptor, CIDFontType2, Type0
}

namespace {

std::string small_release(const std::string& body) {
    return R"(<release xmlns="urn:communique:release:1" version="1.0" xml:lang="en" kind="press-release">
  <header><issuer><organisation>MINISTRY OF COMMERCE</organisation></issuer><genre>PRESS RELEASE</genre></header>
  <headline>Markets open</headline><body><p>)" +
           body + R"(</p></body><dateline position="end"><place>Phnom Penh</place>, )"
                  R"(<date when="2024-01-08">8 January 2024</date></dateline></release>)";
}

// The FontFile2 streams of a PDF, as written (compressed), in order.
std::vector<std::string> font_programs(const std::string& pdf) {
    std::vector<std::string> out;
    const std::string key = "/Length1 ";
    for (std::size_t at = pdf.find(key); at != std::string::npos; at = pdf.find(key, at + 1)) {
        const std::size_t dict = pdf.rfind("<<", at), length = pdf.find("/Length ", dict);
        const std::size_t size = std::stoul(pdf.substr(length + 8));
        const std::size_t data = pdf.find("stream\n", at) + 7;
        out.push_back(pdf.substr(data, size));
    }
    return out;
}

}  // namespace

TEST_CASE("pdf: releases with different small glyph sets embed the same subsets, and every glyph extracts",
          "[pdf][units]") {
    const rendered port = render_xml("blocks-port", small_release("The port opens for the season."));
    const rendered rice = render_xml("blocks-rice", small_release("Rice and fish sell well at the market."));
    const rendered cafe = render_xml("blocks-cafe", small_release("The caf\xC3\xA9 at \xC5\x8A" "am opens."));
    const std::vector<std::string> a = font_programs(port.pdf), b = font_programs(rice.pdf);
    const std::vector<std::string> c = font_programs(cafe.pdf);
    REQUIRE(a.size() == 2);  // bold (header, headline) and regular
    CHECK(a == b);
    REQUIRE(c.size() == 2);
    CHECK(c != a);  // é and Ŋ are drawn: the regular subset has them too

    auto text = [](const rendered& r) {
        return run(std::string(PDFTOTEXT_EXE) + " -enc UTF-8 " + quote(r.pdf_path) + " -");
    };
    CHECK(text(port).find("The port opens for the season.") != std::string::npos);
    CHECK(text(rice).find("Rice and fish sell well at the market.") != std::string::npos);
    CHECK(text(cafe).find("The caf\xC3\xA9 at \xC5\x8A" "am opens.") != std::string::npos);

    // The glyphs the subset was rounded up with have their meaning in
    // /ToUnicode too: 'z', drawn by none of these releases, stands for z.
    const P::font_face* serif = P::font_library::instance().resolve({{"Liberation Serif"}, 400, false}).at(0).face;
    std::string z = "<";
    P::append_hex4(z, serif->glyph(U'z'));
    z += "> <007A>";
    const std::string qdf =
        run(std::string(QPDF_EXE) + " --qdf --object-streams=disable " + quote(port.pdf_path) + " -");
    CHECK(qdf.find(z) != std::string::npos);
}
