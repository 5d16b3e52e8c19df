// communique-pdf-render: a test driver (not installed). Reads a draft
// (.md, .txt: read by the library into canonical XML), canonical release
// XML or an FO document, runs xslt/fo.xsl with libxslt unless given FO, and
// renders the PDF with the renderer the writers will use.
//
//   communique-pdf-render [--param NAME=VALUE]... [--fo FILE] [--epoch N]
//                         [--max-pages N] INPUT OUTPUT.pdf
//
// --fo FILE writes the FO it rendered. Exit status 0, or 1 with the
// renderer's one-line reason on stderr.
#include "fo_source.hpp"
#include "pdf/renderer.hpp"

#include <communique/communique.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

int main(int argc, char** argv) {
    std::map<std::string, std::string> params;
    std::string fo_out, input, output;
    communique::detail::pdf::render_options opts;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << a << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--param") {
            std::string p = value();
            auto eq = p.find('=');
            params[p.substr(0, eq)] = eq == std::string::npos ? "" : p.substr(eq + 1);
        } else if (a == "--fo") {
            fo_out = value();
        } else if (a == "--epoch") {
            opts.source_date_epoch = std::stoll(value());
        } else if (a == "--max-pages") {
            opts.max_pages = std::stoul(value());
        } else if (input.empty()) {
            input = a;
        } else if (output.empty()) {
            output = a;
        } else {
            std::cerr << "usage: communique-pdf-render [--param N=V] [--fo FILE] [--epoch N] INPUT OUTPUT.pdf\n";
            return 2;
        }
    }
    if (input.empty() || output.empty()) {
        std::cerr << "usage: communique-pdf-render [--param N=V] [--fo FILE] [--epoch N] INPUT OUTPUT.pdf\n";
        return 2;
    }
    try {
        std::ifstream in(input, std::ios::binary);
        std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        if (input.ends_with(".md") || input.ends_with(".txt")) {
            const std::string formats[] = {"xml"};
            communique::result res = communique::engine().convert(bytes, formats);
            if (!res.ok() || res.outputs.empty()) throw std::runtime_error("the draft did not convert to XML");
            bytes = res.outputs.front();
        }
        pdf_test::doc_ptr doc = pdf_test::parse_xml(bytes);
        pdf_test::doc_ptr fo;
        if (pdf_test::is_fo(doc.get())) {
            fo = std::move(doc);
        } else {
            pdf_test::fo_stylesheet sheet(CQ_SOURCE_DIR "/xslt/fo.xsl");
            fo = sheet.apply(doc.get(), params);
            if (!fo_out.empty()) std::ofstream(fo_out, std::ios::binary) << sheet.serialize(fo.get());
        }
        if (auto it = params.find("pdf-tagged"); it != params.end() && it->second == "false") opts.tagged = false;
        communique::detail::pdf::renderer r;
        std::string pdf;
        if (auto rendered = r.render(fo.get(), opts, pdf); !rendered) {
            std::cerr << input << ": " << rendered.error().message << "\n";
            return 1;
        }
        std::ofstream(output, std::ios::binary) << pdf;
    } catch (const std::exception& e) {
        std::cerr << input << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
