// List markers counted in the list's own style: the rules of
// xslt/markers.xsl, in C++ for the stylesheets run by communique (cq:marker).
#pragma once

#include <string>
#include <string_view>

namespace communique::detail {

// The marker of item number `index` (0-based) of a list whose first item's
// marker is `first`. The counter is the first run of ASCII letters or digits
// and what surrounds it is kept: "1." 2. 3.; "(a)" (b) (c); "I." II. III.;
// "(i)" (ii) (iii); a single letter other than i or I counts alphabetically
// (z, aa). A marker without a counter ("•", "-"), and one whose counter is
// longer than nine characters, is repeated as it is; so is any marker for an
// index that is infinite or not a number, or a Roman one past a million.
std::string list_marker(std::string_view first, double index);

}  // namespace communique::detail
