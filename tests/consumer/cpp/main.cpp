// A C++ program built against an installed communique: it includes every
// public header, converts a draft to HTML and checks that the headline is
// in it. Exit status 0 only when all went well.
#include <communique/communique.h>
#include <communique/communique.hpp>
#include <communique/diagnostic.hpp>
#include <communique/export.hpp>
#include <communique/version.hpp>

#include <iostream>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view draft = R"(KINGDOM OF CAMBODIA
NATION RELIGION KING

**MINISTRY OF TRADE
AND AGRO-INDUSTRY**

Kampot Provincial Department of Trade

PRESS RELEASE

Kampot pepper and salt fair opens with 60 producers

The third Kampot Pepper and Salt Fair was opened today at the riverside park in Kampot town by **His Excellency PRAK Vichet**, Secretary of State of the Ministry of Trade and Agro-Industry, bringing together 60 producers.

Kampot, 8 January 2024
)";

int fail(const std::string& why) {
    std::cerr << "consumer: " << why << '\n';
    return 1;
}

}  // namespace

int main() {
    if (communique::version() != COMMUNIQUE_VERSION_STRING)
        return fail("the library is " + std::string(communique::version()) + ", the headers " COMMUNIQUE_VERSION_STRING);
    if (std::string_view(communique_version()) != communique::version()) return fail("the C and C++ versions differ");

    const communique::engine engine;
    const std::string formats[] = {"html"};
    const communique::result result = engine.convert(draft, formats);
    for (const communique::diagnostic& d : result.diagnostics)
        std::cerr << d.begin.line << ':' << d.begin.column << ": " << communique::to_string(d.level) << '['
                  << d.rule << "]: " << d.message << '\n';
    if (!result.ok() || result.outputs.size() != 1) return fail("the draft did not convert");
    if (result.outputs[0].find("Kampot pepper and salt fair opens with 60 producers") == std::string::npos)
        return fail("the HTML lacks the headline");
    std::cout << "consumer: converted with communique " << communique::version() << '\n';
    return 0;
}
