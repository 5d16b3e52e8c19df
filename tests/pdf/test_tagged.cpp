// The tagged PDF (PDF/UA-1, docs/pdf.md "Tagged PDF"), read back with
// tools independent of the writer: pdfinfo says whether the file is tagged,
// and qpdf's JSON gives every object and every decoded content stream, from
// which the structure tree is walked and matched against the marked content
// of each page.
#include "support.hpp"

#include <nlohmann/json.hpp>

#include <regex>
#include <set>

using namespace pdf_test;
using json = nlohmann::json;

namespace {

std::string base64_decode(const std::string& in) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (char c : in) {
        const int v = value(c);
        if (v < 0) continue;
        bits = (bits << 6) | unsigned(v);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += char((bits >> count) & 0xFF);
        }
    }
    return out;
}

// One PDF as qpdf's JSON (version 2) shows it: objects by reference
// ("12 0 R"), streams decoded.
class pdf_objects {
public:
    explicit pdf_objects(const fs::path& pdf) {
        const std::string out = run(std::string(QPDF_EXE) +
                                    " --json=2 --json-key=qpdf --json-stream-data=inline --decode-level=generalized " +
                                    quote(pdf));
        const json j = json::parse(out);
        for (const auto& [key, value] : j.at("qpdf").at(1).items()) {
            if (key.starts_with("obj:")) objects_[key.substr(4)] = value;
            else if (key == "trailer") trailer_ = value.at("value");
        }
    }

    // The value (a dictionary or other) of a reference, or the value itself.
    const json& deref(const json& v) const {
        if (v.is_string() && v.get<std::string>().ends_with(" R")) {
            const json& o = objects_.at(v.get<std::string>());
            return o.contains("stream") ? o.at("stream").at("dict") : o.at("value");
        }
        return v;
    }
    std::string stream(const std::string& ref) const {
        return base64_decode(objects_.at(ref).at("stream").at("data").get<std::string>());
    }
    const json& catalog() const { return deref(trailer_.at("/Root")); }

    // Page object references in order (the page tree is one level here, as written).
    std::vector<std::string> pages() const {
        std::vector<std::string> out;
        for (const json& k : deref(catalog().at("/Pages")).at("/Kids")) out.push_back(k.get<std::string>());
        return out;
    }

private:
    std::map<std::string, json> objects_;
    json trailer_;
};

struct marked {
    std::string role;  // the BDC's tag
    int mcid = 0;
    bool has_text = false;
};

// The marked-content sequences with an MCID on one page, in content order,
// and whether everything else drawn as text is inside an artifact.
struct page_content {
    std::vector<marked> sequences;
    int artifacts = 0;
    int artifact_text = 0;  // text objects inside an artifact (the footer)
    int text_outside = 0;   // text objects in no marked content at all
};

page_content read_content(const std::string& s) {
    page_content out;
    // An MCID's BDC, another BDC (ActualText, Lang), a BMC (Artifact), EMC, BT.
    static const std::regex token(
        R"(/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC|/(\w+)\s*<<.*?>>\s*BDC|/(\w+)\s+BMC|\bEMC\b|\bBT\b)");
    // The stack of open marked content: an index into sequences, -2 for an
    // artifact, -1 for other (ActualText spans).
    std::vector<int> open;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), token); it != std::sregex_iterator(); ++it) {
        const std::smatch& m = *it;
        const std::string t = m.str(0);
        if (m[1].matched) {
            out.sequences.push_back({m.str(1), std::stoi(m.str(2)), false});
            open.push_back(int(out.sequences.size()) - 1);
        } else if (m[3].matched) {
            open.push_back(-1);
        } else if (m[4].matched) {
            open.push_back(m.str(4) == "Artifact" ? -2 : -1);
            if (m.str(4) == "Artifact") ++out.artifacts;
        } else if (t == "EMC") {
            if (!open.empty()) open.pop_back();
        } else {  // BT: text, inside the innermost MCID or artifact
            auto owner = std::find_if(open.rbegin(), open.rend(), [](int v) { return v != -1; });
            if (owner == open.rend()) ++out.text_outside;
            else if (*owner >= 0) out.sequences[std::size_t(*owner)].has_text = true;
            else ++out.artifact_text;
        }
    }
    return out;
}

// What the structure tree says: each element's type, and every MCID kid
// (page, MCID) in the tree's depth-first order with its element.
struct tree_walk {
    struct mcid_ref {
        std::string page;
        int mcid;
        std::string element;  // its reference
    };
    std::vector<mcid_ref> order;
    std::map<std::string, std::string> role;   // element reference -> /S
    std::map<std::string, std::string> lang;   // element reference -> /Lang, where present
    std::map<std::string, std::vector<std::string>> children;  // element reference -> child elements
    std::vector<std::pair<std::string, std::string>> objr;     // (annotation, Link element)

    void walk(const pdf_objects& pdf, const std::string& ref) {
        const json& e = pdf.deref(json(ref));
        role[ref] = e.at("/S").get<std::string>().substr(1);
        if (e.contains("/Lang")) lang[ref] = e.at("/Lang").get<std::string>().substr(2);
        const std::string pg = e.contains("/Pg") ? e.at("/Pg").get<std::string>() : "";
        json kids = e.at("/K");
        if (!kids.is_array()) kids = json::array({kids});
        for (const json& k : kids) {
            if (k.is_number_integer()) {
                order.push_back({pg, k.get<int>(), ref});
            } else if (k.is_string()) {
                children[ref].push_back(k.get<std::string>());
                walk(pdf, k.get<std::string>());
            } else {
                const std::string type = k.at("/Type").get<std::string>();
                if (type == "/MCR") order.push_back({k.at("/Pg").get<std::string>(), k.at("/MCID").get<int>(), ref});
                else if (type == "/OBJR") objr.emplace_back(k.at("/Obj").get<std::string>(), ref);
            }
        }
    }
};

// The ParentTree's number tree, flat here (one /Nums array).
std::map<long, json> parent_tree(const pdf_objects& pdf, const json& root) {
    std::map<long, json> out;
    const json& nums = pdf.deref(root.at("/ParentTree")).at("/Nums");
    for (std::size_t i = 0; i + 1 < nums.size(); i += 2) out[nums[i].get<long>()] = nums[i + 1];
    return out;
}

bool has_list(const std::string& xml) { return xml.find("<list") != std::string::npos; }

}  // namespace

TEST_CASE("pdf: pdfinfo says every fixture's PDF is tagged", "[pdf][tagged]") {
    for (const auto& [name, r] : fixtures()) {
        INFO(name);
        const std::string out = run(std::string(PDFINFO_EXE) + " " + quote(r.pdf_path));
        INFO(out);
        CHECK(std::regex_search(out, std::regex("Tagged:\\s+yes")));
    }
}

TEST_CASE("pdf: the structure tree covers every marked-content sequence once, in reading order", "[pdf][tagged]") {
    bool saw_list = false, saw_km = false, saw_link = false, saw_table = false;
    for (const auto& [name, r] : fixtures()) {
        INFO(name);
        const pdf_objects pdf(r.pdf_path);
        const json& cat = pdf.catalog();
        CHECK(cat.at("/MarkInfo").at("/Marked") == true);
        CHECK(cat.at("/ViewerPreferences").at("/DisplayDocTitle") == true);
        CHECK(cat.contains("/Lang"));
        const std::string xmp = pdf.stream(cat.at("/Metadata").get<std::string>());
        CHECK(xmp.find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);

        const json& root = pdf.deref(cat.at("/StructTreeRoot"));
        tree_walk tree;
        for (const json& k : root.at("/K")) tree.walk(pdf, k.get<std::string>());
        const std::map<long, json> parents = parent_tree(pdf, root);

        // Exactly one H1: the headline.
        CHECK(std::count_if(tree.role.begin(), tree.role.end(), [](const auto& e) { return e.second == "H1"; }) == 1);

        std::set<std::pair<std::string, int>> in_tree;
        for (const auto& m : tree.order) CHECK(in_tree.insert({m.page, m.mcid}).second);  // no MCID twice

        std::size_t total = 0;
        for (const std::string& page : pdf.pages()) {
            INFO(page);
            const json& p = pdf.deref(json(page));
            const page_content content = read_content(pdf.stream(p.at("/Contents").get<std::string>()));
            CHECK(content.text_outside == 0);
            CHECK(content.artifact_text > 0);  // the footer's "Page N of M" is an artifact
            const json& tree_of_page = parents.at(p.at("/StructParents").get<long>());
            REQUIRE(tree_of_page.size() == content.sequences.size());
            std::vector<int> content_order, tree_order;
            for (const marked& m : content.sequences) {
                INFO("MCID " << m.mcid);
                CHECK(m.has_text);
                content_order.push_back(m.mcid);
                // The ParentTree names the one element whose kid it is.
                const std::string owner = tree_of_page.at(std::size_t(m.mcid)).get<std::string>();
                CHECK(tree.role.at(owner) == m.role);
                const auto kid = std::find_if(tree.order.begin(), tree.order.end(), [&](const auto& k) {
                    return k.page == page && k.mcid == m.mcid;
                });
                REQUIRE(kid != tree.order.end());
                CHECK(kid->element == owner);
            }
            for (const auto& k : tree.order)
                if (k.page == page) tree_order.push_back(k.mcid);
            CHECK(tree_order == content_order);  // reading order is the order of the text
            total += content.sequences.size();

            // Every link annotation is the OBJR of the Link its StructParent names.
            if (p.contains("/Annots"))
                for (const json& a : p.at("/Annots")) {
                    const json& annot = pdf.deref(a);
                    const std::string owner = parents.at(annot.at("/StructParent").get<long>()).get<std::string>();
                    CHECK(tree.role.at(owner) == "Link");
                    CHECK(std::count(tree.objr.begin(), tree.objr.end(), std::pair{a.get<std::string>(), owner}) == 1);
                    CHECK(annot.contains("/Contents"));
                    saw_link = true;
                }
        }
        CHECK(total == tree.order.size());  // nothing in the tree that is not drawn

        // Lists are L of LI, each with its Lbl and LBody.
        if (has_list(r.xml)) {
            std::size_t lists = 0;
            for (const auto& [ref, role] : tree.role) {
                if (role != "L") continue;
                ++lists;
                for (const std::string& li : tree.children[ref]) {
                    CHECK(tree.role.at(li) == "LI");
                    std::vector<std::string> parts;
                    for (const std::string& c : tree.children[li]) parts.push_back(tree.role.at(c));
                    CHECK(parts == std::vector<std::string>{"Lbl", "LBody"});
                }
            }
            CHECK(lists > 0);
            saw_list = true;
        }
        // Khmer names in an English sentence are marked as Khmer where they
        // are drawn; a Khmer release's Khmer text needs no such mark.
        std::string all_content;
        for (const std::string& page : pdf.pages())
            all_content += pdf.stream(pdf.deref(json(page)).at("/Contents").get<std::string>());
        if (name.find("en-khmer-names") != std::string::npos)
            CHECK(all_content.find("/Span<</Lang(km)>>BDC") != std::string::npos);
        if (name.find("km-trade-delegation") != std::string::npos)
            CHECK(all_content.find("/Lang(km)") == std::string::npos);
        // A table is a Table of TR, its heading row's cells TH, the others TD.
        const bool header = r.fo.find("fo:table-header") != std::string::npos;
        for (const auto& [ref, role] : tree.role) {
            if (role != "Table") continue;
            const std::vector<std::string>& rows = tree.children[ref];
            REQUIRE(rows.size() >= 2);
            for (std::size_t i = 0; i < rows.size(); ++i) {
                CHECK(tree.role.at(rows[i]) == "TR");
                for (const std::string& cell : tree.children[rows[i]])
                    CHECK(tree.role.at(cell) == (i == 0 && header ? "TH" : "TD"));
            }
            saw_table = true;
        }
        if (name.find("km-en-bilingual") != std::string::npos) {
            // The Khmer paragraphs of an English release carry their language.
            const auto km = std::count_if(tree.lang.begin(), tree.lang.end(), [&](const auto& l) {
                return l.second == "km" && tree.role.at(l.first) == "P";
            });
            CHECK(km >= 2);
            saw_km = true;
        }
    }
    CHECK(saw_list);
    CHECK(saw_km);
    CHECK(saw_link);
    CHECK(saw_table);
}

TEST_CASE("pdf: --param pdf-tagged=false gives an untagged PDF", "[pdf][tagged]") {
    const auto& [name, tagged] = fixtures().front();
    communique::detail::pdf::render_options opts;
    opts.tagged = false;
    const rendered plain = render_xml(name + "-untagged", tagged.xml, {}, opts);
    const std::string info = run(std::string(PDFINFO_EXE) + " " + quote(plain.pdf_path));
    INFO(info);
    CHECK(std::regex_search(info, std::regex("Tagged:\\s+no")));
    const pdf_objects pdf(plain.pdf_path);
    CHECK_FALSE(pdf.catalog().contains("/StructTreeRoot"));
    CHECK_FALSE(pdf.catalog().contains("/MarkInfo"));
    CHECK(plain.pdf.find("/MCID") == std::string::npos);
    CHECK(plain.pdf.size() < tagged.pdf.size());
}

TEST_CASE("pdf: the parameter pdf-tagged=false reaches the renderer through the library", "[pdf][tagged]") {
    const fs::path draft = fixture_drafts().front();
    const std::string formats[] = {"pdf"};
    communique::options plain;
    plain.parameters["pdf-tagged"] = "false";
    communique::result untagged = communique::engine(plain).convert(slurp(draft), formats);
    communique::result tagged = communique::engine().convert(slurp(draft), formats);
    REQUIRE(untagged.ok());
    REQUIRE(tagged.ok());
    CHECK(untagged.outputs.front().find("/StructTreeRoot") == std::string::npos);
    CHECK(tagged.outputs.front().find("/StructTreeRoot") != std::string::npos);
}
