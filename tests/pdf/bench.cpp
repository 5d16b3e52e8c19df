// communique-pdf-bench: how long the renderer takes, fonts loaded once per
// process (as in a server or a batch conversion). Not installed; run by
// tools/bench-pdf.
//
//   communique-pdf-bench [--iterations N] [--threads T] [--untagged] INPUT...
//
// INPUT is a draft (.md), canonical XML or FO. Each is turned into FO once;
// the FO is then rendered N times per thread. Prints the first render (fonts
// loaded, fontconfig queried, ICU data read) and the steady state: wall and
// CPU milliseconds per document and per page, pages per second.
#include "fo_source.hpp"
#include "pdf/fo_parser.hpp"
#include "pdf/fonts.hpp"
#include "pdf/layout.hpp"
#include "pdf/pdf_writer.hpp"
#include "pdf/renderer.hpp"

#include <communique/communique.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <thread>

namespace {

double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double wall_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int page_count(const std::string& pdf) {
    // The page tree's /Count, as the writer emits it.
    const auto at = pdf.find("/Count ");
    return at == std::string::npos ? 0 : std::atoi(pdf.c_str() + at + 7);
}

}  // namespace

int main(int argc, char** argv) {
    int iterations = 500, threads = 1;
    communique::detail::pdf::render_options opts;
    std::vector<std::string> inputs;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--iterations" && i + 1 < argc) iterations = std::max(1, std::atoi(argv[++i]));
        else if (a == "--threads" && i + 1 < argc) threads = std::max(1, std::atoi(argv[++i]));
        else if (a == "--untagged") opts.tagged = false;  // as --param pdf-tagged=false
        else inputs.push_back(a);
    }
    if (inputs.empty()) {
        std::cerr << "usage: communique-pdf-bench [--iterations N] [--threads T] [--untagged] INPUT...\n";
        return 2;
    }
    pdf_test::fo_stylesheet sheet(CQ_SOURCE_DIR "/xslt/fo.xsl");
    communique::engine engine;
    communique::detail::pdf::renderer renderer;
    bool first = true;
    for (const std::string& input : inputs) {
        std::ifstream in(input, std::ios::binary);
        std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        pdf_test::doc_ptr fo;
        try {
            if (input.ends_with(".md") || input.ends_with(".txt")) {
                const std::string formats[] = {"xml"};
                communique::result res = engine.convert(bytes, formats);
                if (!res.ok()) throw std::runtime_error("the draft did not convert");
                bytes = res.outputs.front();
            }
            pdf_test::doc_ptr doc = pdf_test::parse_xml(bytes);
            fo = pdf_test::is_fo(doc.get()) ? std::move(doc) : sheet.apply(doc.get());
        } catch (const std::exception& e) {
            std::cerr << input << ": " << e.what() << "\n";
            return 1;
        }
        std::string pdf;
        const double w0 = wall_ms(), c0 = cpu_ms();
        if (auto rendered = renderer.render(fo.get(), opts, pdf); !rendered) {
            std::cerr << input << ": " << rendered.error().message << "\n";
            return 1;
        }
        const double first_wall = wall_ms() - w0, first_cpu = cpu_ms() - c0;
        const int pages = page_count(pdf);

        const double w1 = wall_ms(), c1 = cpu_ms();
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&] {
                std::string out;
                for (int i = 0; i < iterations; ++i) (void)renderer.render(fo.get(), opts, out);
            });
        for (std::thread& t : pool) t.join();
        const double wall = wall_ms() - w1, cpu = cpu_ms() - c1;
        const double docs = double(iterations) * threads;

        // Where the time goes, stage by stage (one thread).
        namespace P = communique::detail::pdf;
        double parse = 0, layout = 0, write = 0;
        for (int i = 0; i < iterations; ++i) {
            double t = cpu_ms();
            P::document model = std::move(*P::parse_fo(fo.get()));
            if (opts.tagged) P::build_structure(model);
            parse += cpu_ms() - t;
            t = cpu_ms();
            std::vector<P::laid_out_page> laid = std::move(*P::lay_out(model, P::font_library::instance(), 500));
            layout += cpu_ms() - t;
            t = cpu_ms();
            std::string out;
            (void)P::write_pdf(laid, model.meta, model.structure, std::nullopt, out);
            write += cpu_ms() - t;
        }
        std::printf("%s\n", input.substr(input.find_last_of('/') + 1).c_str());
        std::printf("  %d page(s), %zu bytes\n", pages, pdf.size());
        std::printf("  first render%s: %.1f ms wall, %.1f ms CPU\n", first ? " (loads fonts, ICU data)" : "",
                    first_wall, first_cpu);
        std::printf("  %d renders x %d thread(s): %.3f ms CPU/page, %.3f ms wall/document, %.0f pages/s\n",
                    iterations, threads, cpu / (docs * pages), wall / docs * threads, docs * pages / (wall / 1000));
        std::printf("  CPU per document: %.3f ms parsing the FO, %.3f ms layout (shaping, line breaking, pages), "
                    "%.3f ms writing (subsets, PoDoFo, zlib)\n",
                    parse / iterations, layout / iterations, write / iterations);
        first = false;
    }
    return 0;
}
