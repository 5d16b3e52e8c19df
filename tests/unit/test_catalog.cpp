// The catalog (communique::write_catalog) is made in parts so that its
// memory does not grow with the archive (issue #24): whatever the part size,
// the files are the same bytes as from one part, and they reach the caller
// piece by piece.
#include "write/catalog.hpp"

#include <communique/communique.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <span>
#include <string>
#include <vector>

using namespace communique;

namespace {

// Releases that put every kind of part boundary somewhere: long years,
// years of one and two releases, undated releases last, text that must be
// escaped, releases without a headline or without outputs.
std::vector<catalog_entry> entries(std::size_t n) {
    static const char* const dates[] = {"2024-03-01", "2024-02-11", "2024-01-05", "2023-07-07", "2022-05-05",
                                        "2022-04-04", "2019-09-09", ""};
    std::vector<catalog_entry> out;
    for (std::size_t i = 0; i < n; ++i) {
        catalog_entry e;
        e.source = "archive/" + std::to_string(i) + (i % 5 == 0 ? " a#b?.md" : ".md");
        e.info.date = dates[(i * 7) % std::size(dates)];
        if (i % 11 == 3) e.info.date = "2024-12-2" + std::to_string(i % 10);
        if (i == 5) e.info.date = "2020-06-06";  // years of one release, in the middle and last
        if (i == 17) e.info.date = "2001-01-01";
        e.info.headline = i % 6 == 1 ? "" : "Headline <" + std::to_string(i) + "> & \"quoted\" \\ ខ្មែរ";
        e.info.issuer = "MINISTRY OF TESTING";
        e.info.genre = i % 2 ? "PRESS RELEASE" : "STATEMENT";
        e.info.place = i % 3 ? "Phnom Penh" : "";
        e.info.kind = "press-release";
        e.info.language = i % 4 ? "en" : "km";
        if (i % 7 != 2) e.outputs = {{"html", "out/" + std::to_string(i) + ".html"}, {"pdf", "out/x y.pdf"}};
        out.push_back(std::move(e));
    }
    return out;
}

std::string file(const std::vector<catalog_entry>& e, const catalog_options& o, std::size_t f, std::size_t part,
                 std::size_t* pieces = nullptr) {
    std::string out;
    REQUIRE(detail::write_catalog_file(detail::catalog_span(e), o, f, [&](std::string_view piece) {
        out += piece;
        if (pieces) ++*pieces;
        return true;
    }, part));
    return out;
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("the catalog in parts is the catalog in one part") {
    catalog_options options;
    options.parameters["title"] = "Ferries & <boats>";
    options.base_url = "https://example.org/r";
    for (std::size_t n : {0, 1, 2, 3, 9, 41}) {
        const std::vector<catalog_entry> e = entries(n);
        const std::string html = file(e, options, 0, n + 1), json = file(e, options, 1, n + 1);
        for (std::size_t part : {1, 2, 3, 4, 7, 16}) {
            INFO(n << " releases in parts of " << part);
            CHECK(file(e, options, 0, part) == html);
            CHECK(file(e, options, 1, part) == json);
        }
        // The public call returns the same files whole.
        auto files = write_catalog(e, options);
        REQUIRE(files.size() == 3);
        CHECK(files[0] == std::pair<std::string, std::string>("index.html", html));
        CHECK(files[1] == std::pair<std::string, std::string>("catalog.json", json));
        CHECK(files[2].second == file(e, options, 2, 1));
    }
}

TEST_CASE("the catalog's page in one part is laid out as the HTML serialiser lays out a whole page") {
    const std::vector<catalog_entry> e = entries(41);
    const std::string html = file(e, {}, 0, 1000);
    CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta http-equiv=\"Content-Type\""));
    CHECK(html.find("</head>\n<body>\n<header><h1>Press releases</h1>") != std::string::npos);
    CHECK(html.ends_with("</tr>\n</tbody>\n</table></section></main>\n</body>\n</html>\n"));
    CHECK(count(html, "<section>") == 7);  // six years and "Undated"
    CHECK(count(html, "<tr>") == 41 + 7);
    // A year of one release has no line breaks around its row; the others do.
    CHECK(count(html, "<tbody><tr>") == 2);
    CHECK(count(html, "</tr></tbody>") == 2);
    CHECK(count(html, "<tbody>\n<tr>") == 5);
    CHECK(file(entries(0), {}, 0, 5).find("<main><p>No releases.</p></main>") != std::string::npos);
}

TEST_CASE("the catalog reaches its caller a part at a time") {
    const std::vector<catalog_entry> e = entries(41);
    std::size_t html = 0, json = 0, feed = 0;
    file(e, {}, 0, 4, &html);
    file(e, {}, 1, 4, &json);
    file(e, {}, 2, 4, &feed);
    CHECK(html == 11);
    CHECK(json == 11);
    CHECK(feed == 1);
    std::size_t calls = 0;
    const detail::catalog_span releases(e);
    CHECK_FALSE(detail::write_catalog_file(releases, {}, 0, [&](std::string_view) { return ++calls > 2; }, 4));
    CHECK(calls == 1);
    CHECK_THROWS_AS(detail::write_catalog_file(releases, {}, 3, [](std::string_view) { return true; }),
                    std::invalid_argument);
}

namespace {

// Releases that count the entries asked for, and those asked for since the
// last piece was handed over.
class counted final : public detail::catalog_releases {
public:
    explicit counted(std::span<const catalog_entry> e) : span_(e) {}
    std::size_t size() const override { return span_.size(); }
    std::string_view date(std::size_t i) const override { return span_.date(i); }
    std::string_view source(std::size_t i) const override { return span_.source(i); }
    catalog_entry entry(std::size_t i) const override {
        ++asked;
        ++since_piece;
        return span_.entry(i);
    }
    mutable std::size_t asked = 0, since_piece = 0;

private:
    detail::catalog_span span_;
};

}  // namespace

TEST_CASE("the catalog asks for each release's entry only when the part that shows it is made") {
    const std::vector<catalog_entry> e = entries(41);
    for (std::size_t f : {0, 1}) {
        counted releases(e);
        std::size_t most = 0;
        REQUIRE(detail::write_catalog_file(releases, {}, f, [&](std::string_view) {
            most = std::max(most, releases.since_piece);
            releases.since_piece = 0;
            return true;
        }, 4));
        CHECK(releases.asked == 41);
        CHECK(most == 4);
    }
    counted feed(e);
    catalog_options three;
    three.parameters["limit"] = "3";
    REQUIRE(detail::write_catalog_file(feed, three, 2, [](std::string_view) { return true; }));
    CHECK(feed.asked == 3);
}

TEST_CASE("the feed is made from the releases it shows, as many as its limit") {
    const std::vector<catalog_entry> e = entries(41);
    std::size_t dated = 0;
    for (const auto& x : e) dated += !x.info.date.empty();
    REQUIRE(dated > 5);
    auto entries_for = [&](const char* limit) {
        catalog_options o;
        if (limit) o.parameters["limit"] = limit;
        return count(file(e, o, 2, 256), "<entry");
    };
    CHECK(entries_for(nullptr) == dated);  // 50 by default
    CHECK(entries_for("3") == 3);
    CHECK(entries_for(" 4.5 ") == 4);
    CHECK(entries_for("1e3") == dated);  // libxml2 reads exponents; the feed is then given every dated release
    CHECK(entries_for("-1") == 0);
    CHECK(entries_for("0") == 0);
    CHECK(entries_for("abc") == 0);
    CHECK(entries_for("99999999999999") == dated);
}
