// Embedding communique in C++: build an engine once, convert a draft to
// HTML, print the diagnostics.   Usage: embed DRAFT > release.html
#include <communique/communique.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: embed DRAFT\n";
        return 2;
    }
    std::ifstream file(argv[1], std::ios::binary);
    std::ostringstream draft;
    if (!(draft << file.rdbuf())) {
        std::cerr << argv[1] << ": cannot read the file\n";
        return 2;
    }

    const communique::engine engine;  // once: it compiles the schema and the stylesheets
    const std::string formats[] = {"html"};
    const communique::result result = engine.convert(draft.str(), formats);  // thread-safe
    for (const communique::diagnostic& d : result.diagnostics)
        std::cerr << argv[1] << ':' << d.begin.line << ':' << d.begin.column << ": "
                  << communique::to_string(d.level) << '[' << d.rule << "]: " << d.message << '\n';
    if (!result.ok()) return 1;
    std::cout << result.outputs[0];
    return 0;
}
