// The language server: one thread reads framed messages from standard input
// into a queue, the main thread answers them in order and checks documents
// once they have been left alone for a moment (the debounce). Checks run on
// the main thread, one at a time, on a document's latest text, so that at
// most one check per document is ever in flight and none can publish a
// stale result over a newer one.
#include "cli/lsp.hpp"

#include "batch/configs.hpp"
#include "core/rule.hpp"
#include "core/unicode.hpp"

#include <communique/communique.hpp>

#include <fmt/core.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <csignal>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <thread>

namespace fs = std::filesystem;
namespace cq = communique::detail;
using json = nlohmann::json;
using clock_type = std::chrono::steady_clock;

namespace cli {
namespace lsp {

namespace {

// The length of the UTF-8 sequence at text[i] (i < text.size()) and its
// UTF-16 length; a byte that starts no well-formed sequence counts as one
// unit. The text arrives in JSON, which nlohmann::json accepts only as
// well-formed UTF-8, so the strict decoder reads it as the lenient one this
// replaced did.
std::pair<std::size_t, std::uint32_t> code_point_at(std::string_view text, std::size_t i) {
    const communique::detail::utf8_char c = communique::detail::decode_utf8_at(text, i);
    return {c.len, c.cp > 0xFFFF ? 2u : 1u};
}

// Where line `line` (from 0) starts; the text's size when it has fewer lines.
std::size_t line_start(std::string_view text, std::uint32_t line) {
    std::size_t at = 0;
    for (std::uint32_t l = 0; l < line; ++l) {
        std::size_t nl = text.find('\n', at);
        if (nl == std::string_view::npos) return text.size();
        at = nl + 1;
    }
    return at;
}

bool at_line_end(std::string_view text, std::size_t i) {
    return i >= text.size() || text[i] == '\n' || (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
}

}  // namespace

position to_lsp(std::string_view text, communique::source_position where) {
    if (where.line == 0) return {};
    std::size_t at = line_start(text, where.line - 1);
    position p{where.line - 1, 0};
    if (at >= text.size() && where.line > 1 && (text.empty() || text.back() != '\n')) {
        // Past the last line: the end of the text.
        std::uint32_t lines = 0;
        for (char c : text) lines += c == '\n';
        p.line = lines;
        at = line_start(text, lines);
        for (std::size_t i = at; i < text.size();) {
            auto [n, units] = code_point_at(text, i);
            p.character += units, i += n;
        }
        return p;
    }
    for (std::uint32_t col = 1; col < where.column && !at_line_end(text, at); ++col) {
        auto [n, units] = code_point_at(text, at);
        p.character += units, at += n;
    }
    return p;
}

std::size_t to_offset(std::string_view text, position where) {
    std::size_t at = line_start(text, where.line);
    for (std::uint32_t units = 0; units < where.character && !at_line_end(text, at);) {
        auto [n, u] = code_point_at(text, at);
        units += u, at += n;
    }
    return at;
}

namespace {

position offset_to_lsp(std::string_view text, std::size_t offset) {
    position p;
    std::size_t start = 0;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n') ++p.line, start = i + 1;
    for (std::size_t i = start; i < offset && i < text.size();) {
        auto [n, units] = code_point_at(text, i);
        p.character += units, i += n;
    }
    return p;
}

unsigned days_in(int year, unsigned month) {
    using namespace std::chrono;
    year_month_day_last last{std::chrono::year{year}, month_day_last{std::chrono::month{month}}};
    return static_cast<unsigned>(last.day());
}

}  // namespace

std::string nearest_real_date(std::string_view printed, std::string_view iso) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::sscanf(std::string(iso).c_str(), "%d-%u-%u", &y, &m, &d) != 3 || m < 1 || m > 12) return {};
    unsigned last = days_in(y, m);
    if (d <= last) return {};
    // The run of digits that is the day: the first whose value is d.
    for (std::size_t i = 0; i < printed.size();) {
        if (printed[i] < '0' || printed[i] > '9') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < printed.size() && printed[j] >= '0' && printed[j] <= '9') ++j;
        if (j - i <= 2 && std::stoul(std::string(printed.substr(i, j - i))) == d)
            return std::string(printed.substr(0, i)) + std::to_string(last) + std::string(printed.substr(j));
        i = j;
    }
    return {};
}

namespace {

// What the release says of itself, from its XML: what hover and the outline show.
struct found_date {
    std::string when, text;
};
struct found_person {
    std::string name, full, role;
};
struct release_outline {
    std::vector<std::string> header;  // each header element's first line, in order
    std::string headline;
    std::vector<std::string> subheadings;
    std::string place;
    std::optional<found_date> dateline_date;
    bool dateline_at_end = true;
    std::vector<found_date> dates;
    std::vector<found_person> persons;
};

std::string local_name(xmlNode* n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }

std::string text_of(xmlNode* n) {
    std::string out;
    for (xmlNode* c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) out += reinterpret_cast<const char*>(c->content);
        else if (c->type == XML_ELEMENT_NODE && local_name(c) == "br") out += '\n';
        else if (c->type == XML_ELEMENT_NODE) out += text_of(c);
    }
    return out;
}

std::string attribute(xmlNode* n, const char* name) {
    xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
    std::string out = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

void walk(xmlNode* n, release_outline& o, bool in_header, bool in_dateline) {
    for (xmlNode* c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        std::string name = local_name(c);
        if (in_header && name != "issuer") o.header.push_back(first_line(text_of(c)));
        if (name == "headline") o.headline = text_of(c);
        else if (name == "subheading") o.subheadings.push_back(text_of(c));
        else if (name == "date") {
            found_date d{attribute(c, "when"), text_of(c)};
            o.dates.push_back(d);
            if (in_dateline) o.dateline_date = d;
        } else if (name == "place" && in_dateline) o.place = text_of(c);
        else if (name == "person") {
            found_person p;
            for (xmlNode* k = c->children; k; k = k->next)
                if (k->type == XML_ELEMENT_NODE && local_name(k) == "name") p.name = text_of(k);
                else if (k->type == XML_ELEMENT_NODE && local_name(k) == "role") p.role = text_of(k);
            p.full = text_of(c);
            if (!p.name.empty()) o.persons.push_back(std::move(p));
        }
        if (name == "dateline") o.dateline_at_end = attribute(c, "position") != "start";
        if (name != "date" && name != "person")
            walk(c, o, in_header || name == "header", in_dateline || name == "dateline");
    }
}

std::optional<release_outline> outline_of(const std::string& xml) {
    xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) return std::nullopt;
    release_outline o;
    if (xmlNode* root = xmlDocGetRootElement(doc)) walk(root, o, false, false);
    xmlFreeDoc(doc);
    return o;
}

// Every offset where `needle` occurs in `text`.
std::vector<std::size_t> occurrences(std::string_view text, std::string_view needle) {
    std::vector<std::size_t> out;
    if (needle.empty()) return out;
    for (std::size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1))
        out.push_back(at);
    return out;
}

std::string weekday_of(const std::string& iso) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::sscanf(iso.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return {};
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) return {};
    static constexpr const char* names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                            "Thursday", "Friday", "Saturday"};
    return names[std::chrono::weekday(std::chrono::sys_days(ymd)).c_encoding()];
}

std::string describe_date(const std::string& iso) {
    std::string day = weekday_of(iso);
    return day.empty() ? fmt::format("`{}`: not a real calendar date", iso) : fmt::format("`{}`, a {}", iso, day);
}

json range_json(position a, position b) {
    return {{"start", {{"line", a.line}, {"character", a.character}}},
            {"end", {{"line", b.line}, {"character", b.character}}}};
}

position position_of(const json& j) {
    return {j.at("line").get<std::uint32_t>(), j.at("character").get<std::uint32_t>()};
}

// file:///a%20b/c.md -> /a b/c.md; nothing for another scheme.
std::optional<std::string> path_of_uri(std::string_view uri) {
    constexpr std::string_view scheme = "file://";
    if (!uri.starts_with(scheme)) return std::nullopt;
    uri.remove_prefix(scheme.size());
    std::size_t slash = uri.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    uri.remove_prefix(slash);  // a host (file://localhost/...) is this machine
    std::string out;
    for (std::size_t i = 0; i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size() && std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(uri.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += uri[i];
        }
    }
    return out;
}

void log(std::string_view what) { fmt::print(stderr, "communique lsp: {}\n", what); }

// JSON-RPC's and the protocol's error codes.
constexpr int parse_error = -32700, invalid_request = -32600, method_not_found = -32601, invalid_params = -32602,
              server_not_initialized = -32002, request_failed = -32803;

constexpr std::size_t max_message_bytes = 64u << 20;
constexpr auto debounce = std::chrono::milliseconds(200);

// Messages from standard input, framed by their Content-Length headers.
struct inbox {
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<std::string> messages;
    bool ended = false;

    void push(std::string m) {
        std::lock_guard lock(mutex);
        messages.push_back(std::move(m));
        ready.notify_one();
    }
    void end() {
        std::lock_guard lock(mutex);
        ended = true;
        ready.notify_one();
    }
};

// Reads standard input until it ends. A frame without a usable
// Content-Length is reported and skipped header by header, so that one bad
// frame does not end the session.
void read_messages(std::shared_ptr<inbox> in) {
    std::string line;
    std::size_t length = 0;
    bool has_length = false;
    for (int c; (c = std::getc(stdin)) != EOF;) {
        if (c != '\n') {
            line += static_cast<char>(c);
            continue;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) {
            constexpr std::string_view key = "content-length:";
            std::string lower;
            for (char ch : line) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            if (lower.starts_with(key)) {
                char* end = nullptr;
                unsigned long long n = std::strtoull(line.c_str() + key.size(), &end, 10);
                has_length = end && *end == '\0' && n <= max_message_bytes;
                length = has_length ? static_cast<std::size_t>(n) : 0;
                if (!has_length) log(fmt::format("ignored a bad or oversized header: {}", line.substr(0, 80)));
            }
            line.clear();
            continue;
        }
        if (!has_length) {
            log("ignored a message without a Content-Length header");
            continue;
        }
        std::string body(length, '\0');
        std::size_t got = std::fread(body.data(), 1, body.size(), stdin);
        has_length = false;
        if (got != body.size()) break;
        in->push(std::move(body));
    }
    in->end();
}

void send(const json& message) {
    std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    std::fprintf(stdout, "Content-Length: %zu\r\n\r\n", body.size());
    std::fwrite(body.data(), 1, body.size(), stdout);
    std::fflush(stdout);
}

void respond(const json& id, json result) { send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}); }

void respond_error(const json& id, int code, const std::string& message) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

struct document {
    std::string uri;
    std::string name;  // the path engines look a configuration up from; "-" for an unsaved buffer
    std::string text;
    std::int64_t version = 0;
    std::optional<clock_type::time_point> due;  // when to check it next
    std::vector<communique::diagnostic> diagnostics;  // the last check's
};

class server {
public:
    explicit server(std::optional<std::string> config) : config_(std::move(config)) { reset_engines(); }

    // The exit status once `exit` has come; nothing until then.
    std::optional<int> handle(const std::string& body);
    std::optional<clock_type::time_point> next_due() const;
    void check_due_documents();

private:
    void handle_notification(const std::string& method, const json& params);
    json handle_request(const std::string& method, const json& params);

    void reset_engines();
    document* find(const json& params);
    const communique::engine* engine_for(document& d, std::vector<communique::diagnostic>& problems);
    void check(document& d);
    std::optional<release_outline> outline(document& d);

    json formatting(document& d);
    json hover(document& d, position p);
    json symbols(document& d);
    json code_actions(document& d, position from, position to);

    std::optional<std::string> config_;
    std::unique_ptr<batch::engine_cache> engines_;
    std::map<std::string, fs::file_time_type> config_times_;  // configuration file -> its time when read
    std::map<std::string, std::vector<communique::diagnostic>> config_problems_;
    std::map<std::string, document> documents_;
    bool initialized_ = false, shut_down_ = false, watch_config_ = false;
};

void server::reset_engines() {
    // Hover and the outline read the release XML of drafts with errors too.
    engines_ = std::make_unique<batch::engine_cache>(config_ ? std::optional<fs::path>(*config_) : std::nullopt,
                                                     [](communique::options& o) { o.write_invalid = true; });
    config_times_.clear();
    config_problems_.clear();
}

document* server::find(const json& params) {
    auto it = documents_.find(params.at("textDocument").at("uri").get<std::string>());
    return it == documents_.end() ? nullptr : &it->second;
}

// The engine of a document's nearest configuration, read again when that
// file has changed since.
const communique::engine* server::engine_for(document& d, std::vector<communique::diagnostic>& problems) {
    std::optional<fs::path> config = engines_->config_for_input(d.name);
    std::string key = config ? config->string() : "";
    if (config) {
        std::error_code ec;
        fs::file_time_type t = fs::last_write_time(*config, ec);
        auto seen = config_times_.find(key);
        if (seen != config_times_.end() && seen->second != t) {
            reset_engines();
            config = engines_->config_for_input(d.name);
            key = config ? config->string() : "";
        }
        config_times_[key] = t;
    }
    std::vector<batch::config_problem> found;
    batch::expected<const communique::engine*> e = engines_->for_input(d.name, found);
    for (const batch::config_problem& p : found)
        for (const communique::diagnostic& c : p.diagnostics) {
            // The configuration's own positions mean nothing in the draft: the
            // diagnostic goes on the draft's first line, naming the file's.
            communique::diagnostic moved = c;
            moved.message = fmt::format("{}:{}: {}", p.file, c.begin.line, c.message);
            moved.begin = moved.end = {1, 1};
            config_problems_[key].push_back(std::move(moved));
        }
    problems = config_problems_[key];
    if (e) return *e;
    problems.push_back(
        cq::make_diagnostic(communique::severity::error, cq::rule::config, e.error().message, {1, 1}, {1, 1}));
    return nullptr;
}

json diagnostic_json(const std::string& text, const communique::diagnostic& d) {
    position a = to_lsp(text, d.begin), b = to_lsp(text, d.end);
    if (b.line < a.line || (b.line == a.line && b.character <= a.character)) {
        // A point: marked to its line's end, or it would not show.
        std::size_t from = to_offset(text, a), to = from;
        while (!at_line_end(text, to)) ++to;
        b = offset_to_lsp(text, to);
    }
    static constexpr int severities[] = {3, 2, 1};  // note, warning, error
    json out = {{"range", range_json(a, b)},
                {"severity", severities[static_cast<int>(d.level)]},
                {"code", d.rule},
                {"source", "communique"},
                {"message", d.message}};
#ifdef CQ_RULES_URL
    if (*CQ_RULES_URL) out["codeDescription"] = {{"href", std::string(CQ_RULES_URL) + d.rule}};
#endif
    return out;
}

void server::check(document& d) {
    d.due.reset();
    std::vector<communique::diagnostic> all;
    if (const communique::engine* e = engine_for(d, all)) {
        communique::result r = e->check(d.text);
        all.insert(all.end(), r.diagnostics.begin(), r.diagnostics.end());
    }
    d.diagnostics = all;
    json list = json::array();
    for (const communique::diagnostic& x : all) list.push_back(diagnostic_json(d.text, x));
    send({{"jsonrpc", "2.0"},
          {"method", "textDocument/publishDiagnostics"},
          {"params", {{"uri", d.uri}, {"version", d.version}, {"diagnostics", std::move(list)}}}});
}

std::optional<clock_type::time_point> server::next_due() const {
    std::optional<clock_type::time_point> next;
    for (const auto& [uri, d] : documents_)
        if (d.due && (!next || *d.due < *next)) next = d.due;
    return next;
}

void server::check_due_documents() {
    auto now = clock_type::now();
    for (auto& [uri, d] : documents_)
        if (d.due && *d.due <= now) check(d);
}

// Editors open drafts (Markdown, plain text); a .docx or a web page is not
// text they edit.
bool editable(const std::string& uri) {
    std::string lower;
    for (char c : uri) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return !lower.ends_with(".docx") && !lower.ends_with(".html") && !lower.ends_with(".htm");
}

void server::handle_notification(const std::string& method, const json& params) {
    if (method == "initialized" || method.starts_with("$/")) {
        if (method == "initialized" && watch_config_) {
            json watcher = {{"globPattern", "**/" + std::string(batch::config_name)}};
            send({{"jsonrpc", "2.0"},
                  {"id", "watch-config"},
                  {"method", "client/registerCapability"},
                  {"params",
                   {{"registrations",
                     {{{"id", "watch-config"},
                       {"method", "workspace/didChangeWatchedFiles"},
                       {"registerOptions", {{"watchers", {watcher}}}}}}}}}});
        }
        return;
    }
    if (method == "textDocument/didOpen") {
        const json& item = params.at("textDocument");
        std::string uri = item.at("uri").get<std::string>();
        if (uri.ends_with(batch::config_name)) reset_engines();
        if (!editable(uri)) return;
        document d{uri, path_of_uri(uri).value_or("-"), item.at("text").get<std::string>(),
                   item.value("version", std::int64_t{0}), clock_type::now(), {}};
        documents_[uri] = std::move(d);
    } else if (method == "textDocument/didChange") {
        document* d = find(params);
        if (!d) return;
        for (const json& change : params.at("contentChanges")) {
            std::string text = change.at("text").get<std::string>();
            if (change.contains("range")) {
                std::size_t from = to_offset(d->text, position_of(change["range"].at("start")));
                std::size_t to = std::max(from, to_offset(d->text, position_of(change["range"].at("end"))));
                d->text.replace(from, to - from, text);
            } else {
                d->text = std::move(text);
            }
        }
        d->version = params.at("textDocument").value("version", d->version);
        d->due = clock_type::now() + debounce;
    } else if (method == "textDocument/didClose") {
        std::string uri = params.at("textDocument").at("uri").get<std::string>();
        if (documents_.erase(uri))
            send({{"jsonrpc", "2.0"},
                  {"method", "textDocument/publishDiagnostics"},
                  {"params", {{"uri", uri}, {"diagnostics", json::array()}}}});
    } else if (method == "textDocument/didSave" || method == "workspace/didChangeWatchedFiles") {
        bool config_changed = method == "workspace/didChangeWatchedFiles" ||
                              params.at("textDocument").at("uri").get<std::string>().ends_with(batch::config_name);
        if (config_changed) {
            reset_engines();
            for (auto& [uri, d] : documents_) d.due = clock_type::now();
        }
    } else if (method != "exit") {
        log(fmt::format("ignored the notification {}", method));
    }
}

std::optional<release_outline> server::outline(document& d) {
    std::vector<communique::diagnostic> problems;
    const communique::engine* e = engine_for(d, problems);
    if (!e) return std::nullopt;
    communique::result r = e->convert(d.text, std::vector<std::string>{"xml"});
    if (r.outputs.empty()) return std::nullopt;
    return outline_of(r.outputs[0]);
}

json server::formatting(document& d) {
    if (communique::detect_input_format(d.text) != communique::input_format::markdown)
        throw std::runtime_error("only drafts (Markdown or plain text) are formatted");
    std::vector<communique::diagnostic> problems;
    const communique::engine* e = engine_for(d, problems);
    if (!e) throw std::runtime_error(problems.empty() ? "no engine" : problems.back().message);
    formatted_draft f = format_draft(*e, d.text);
    switch (f.outcome) {
    case formatted_draft::has_errors:
        throw std::runtime_error("the draft has errors; fix them first (it is left as it is)");
    case formatted_draft::leaves_out_line:
        throw std::runtime_error(fmt::format("the release leaves out line {} (a comment, or text read as a web "
                                             "page's), which the canonical form would delete; left as it is",
                                             f.left_out_line));
    case formatted_draft::not_same_release:
        throw std::runtime_error("the canonical form would not read back the same; left as it is (please report this)");
    case formatted_draft::unchanged: return json::array();
    case formatted_draft::changed: break;
    }
    return json::array({{{"range", range_json({}, offset_to_lsp(d.text, d.text.size()))}, {"newText", f.text}}});
}

json server::hover(document& d, position p) {
    std::size_t at = to_offset(d.text, p);
    std::vector<std::string> parts;
    std::optional<json> range;
    auto mark = [&](std::size_t from, std::size_t length) {
        if (!range) range = range_json(offset_to_lsp(d.text, from), offset_to_lsp(d.text, from + length));
    };
    if (std::optional<release_outline> o = outline(d)) {
        for (const found_date& date : o->dates)
            for (std::size_t occ : occurrences(d.text, date.text))
                if (at >= occ && at < occ + date.text.size()) {
                    parts.push_back(fmt::format("**Date** {}", describe_date(date.when)));
                    mark(occ, date.text.size());
                }
        for (const found_person& person : o->persons)
            for (std::size_t occ : occurrences(d.text, person.name))
                if (at >= occ && at < occ + person.name.size()) {
                    std::string what = fmt::format("**Person** {}", person.full);
                    if (!person.role.empty()) what += fmt::format(" ({})", person.role);
                    parts.push_back(what);
                    mark(occ, person.name.size());
                }
        if (o->dateline_date && parts.empty()) {
            std::vector<std::size_t> where = occurrences(d.text, o->dateline_date->text);
            if (!where.empty()) {
                std::size_t date_at = o->dateline_at_end ? where.back() : where.front();
                if (offset_to_lsp(d.text, date_at).line == p.line) {
                    std::string place = o->place.empty() ? "no place" : o->place;
                    parts.push_back(
                        fmt::format("**Dateline** {}, {}", place, describe_date(o->dateline_date->when)));
                }
            }
        }
    }
    for (const communique::diagnostic& x : d.diagnostics) {
        position a = to_lsp(d.text, x.begin);
        if (a.line != p.line) continue;
        for (const communique::rule_info& rule : communique::rules())
            if (rule.id == x.rule) parts.push_back(fmt::format("`{}`: {}", rule.id, rule.description));
    }
    if (parts.empty()) return nullptr;
    std::string value;
    for (const std::string& s : parts) value += (value.empty() ? "" : "\n\n") + s;
    json out = {{"contents", {{"kind", "markdown"}, {"value", value}}}};
    if (range) out["range"] = *range;
    return out;
}

json server::symbols(document& d) {
    json out = json::array();
    std::optional<release_outline> o = outline(d);
    if (!o) return out;
    auto line_of = [&](std::string_view needle, bool last = false) -> std::optional<std::uint32_t> {
        std::vector<std::size_t> where = occurrences(d.text, needle);
        if (where.empty()) return std::nullopt;
        return offset_to_lsp(d.text, last ? where.back() : where.front()).line;
    };
    auto line_range = [&](std::uint32_t from, std::uint32_t to) {
        std::size_t end = to_offset(d.text, {to, 0});
        while (!at_line_end(d.text, end)) ++end;
        return range_json({from, 0}, offset_to_lsp(d.text, end));
    };
    auto symbol = [&](std::string name, int kind, std::uint32_t from, std::uint32_t to) {
        json r = line_range(from, to);
        return json{
            {"name", std::move(name)}, {"kind", kind}, {"range", r}, {"selectionRange", line_range(from, from)}};
    };
    constexpr int kind_namespace = 3, kind_string = 15, kind_module = 2, kind_field = 8, kind_event = 24;
    std::optional<std::uint32_t> headline = line_of(first_line(o->headline));
    std::optional<std::uint32_t> dateline;
    if (o->dateline_date) dateline = line_of(o->dateline_date->text, o->dateline_at_end);
    std::optional<std::uint32_t> header_end;
    for (const std::string& h : o->header)
        if (std::optional<std::uint32_t> l = line_of(h); l && (!headline || *l < *headline)) header_end = l;
    if (header_end) out.push_back(symbol("Header", kind_namespace, 0, *header_end));
    if (headline) out.push_back(symbol(first_line(o->headline), kind_string, *headline, *headline));
    std::uint32_t last_line = offset_to_lsp(d.text, d.text.size()).line;
    if (headline && *headline < last_line) {
        std::uint32_t from = *headline + 1;
        std::uint32_t to = dateline && o->dateline_at_end && *dateline > from ? *dateline - 1 : last_line;
        json body = symbol("Body", kind_module, from, to);
        body["children"] = json::array();
        for (const std::string& s : o->subheadings)
            if (std::optional<std::uint32_t> l = line_of(first_line(s)))
                body["children"].push_back(symbol(first_line(s), kind_field, *l, *l));
        out.push_back(std::move(body));
    }
    if (dateline) out.push_back(symbol("Dateline", kind_event, *dateline, *dateline));
    return out;
}

json server::code_actions(document& d, position from, position to) {
    json out = json::array();
    auto before = [](position a, position b) {
        return a.line < b.line || (a.line == b.line && a.character < b.character);
    };
    for (const communique::diagnostic& x : d.diagnostics) {
        json diag = diagnostic_json(d.text, x);
        position a = position_of(diag["range"]["start"]), b = position_of(diag["range"]["end"]);
        if (before(b, from) || before(to, a)) continue;  // not in the asked range
        json edit;
        std::string title;
        if (x.rule == cq::rule_id(cq::rule::date_invalid)) {
            std::size_t s = to_offset(d.text, a), e = to_offset(d.text, b);
            static const std::regex iso_date(R"(\d{4}-\d{2}-\d{2})");
            std::smatch iso;
            if (!std::regex_search(x.message, iso, iso_date)) continue;
            std::string fixed = nearest_real_date(d.text.substr(s, e - s), iso.str());
            if (fixed.empty()) continue;
            title = fmt::format("Did you mean {}?", fixed);
            edit = {{"range", diag["range"]}, {"newText", fixed}};
        } else if (x.rule == cq::rule_id(cq::rule::dateline_missing)) {
            std::time_t now = std::time(nullptr);
            std::tm today{};
            localtime_r(&now, &today);
            static constexpr const char* months[] = {"January", "February", "March",     "April",
                                                     "May",     "June",     "July",      "August",
                                                     "September", "October", "November", "December"};
            std::string line =
                fmt::format("Place, {} {} {}", today.tm_mday, months[today.tm_mon], today.tm_year + 1900);
            std::string text = d.text.ends_with("\n\n") ? line + "\n" : d.text.ends_with("\n") ? "\n" + line + "\n"
                                                                                                : "\n\n" + line + "\n";
            title = "Insert a dateline (its place, today's date)";
            position end = offset_to_lsp(d.text, d.text.size());
            edit = {{"range", range_json(end, end)}, {"newText", text}};
        } else {
            continue;
        }
        out.push_back({{"title", title},
                       {"kind", "quickfix"},
                       {"isPreferred", true},
                       {"diagnostics", json::array({diag})},
                       {"edit", {{"changes", {{d.uri, json::array({edit})}}}}}});
    }
    return out;
}

json server::handle_request(const std::string& method, const json& params) {
    if (method == "initialize") {
        initialized_ = true;
        if (params.is_object())
            watch_config_ = params.value(
                "/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration"_json_pointer, false);
        return {{"capabilities",
                 {{"positionEncoding", "utf-16"},
                  {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
                  {"documentFormattingProvider", true},
                  {"hoverProvider", true},
                  {"documentSymbolProvider", true},
                  {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}}}},
                {"serverInfo", {{"name", "communique"}, {"version", std::string(communique::version())}}}};
    }
    if (method == "shutdown") {
        shut_down_ = true;
        return nullptr;
    }
    if (method == "textDocument/rangeFormatting" || method == "textDocument/rangesFormatting")
        throw std::runtime_error("range formatting is not supported: a release is formatted whole");
    document* d = method.starts_with("textDocument/") ? find(params) : nullptr;
    if (method == "textDocument/formatting") {
        if (!d) return nullptr;
        return formatting(*d);
    }
    if (method == "textDocument/hover") return d ? hover(*d, position_of(params.at("position"))) : json(nullptr);
    if (method == "textDocument/documentSymbol") return d ? symbols(*d) : json(nullptr);
    if (method == "textDocument/codeAction") {
        if (!d) return json::array();
        const json& r = params.at("range");
        return code_actions(*d, position_of(r.at("start")), position_of(r.at("end")));
    }
    throw std::out_of_range("");  // method not found
}

std::optional<int> server::handle(const std::string& body) {
    json message = json::parse(body, nullptr, false);
    if (message.is_discarded() || !message.is_object()) {
        log(message.is_discarded() ? "a message is not JSON" : "a message is not a JSON object");
        respond_error(nullptr, message.is_discarded() ? parse_error : invalid_request, "not a JSON-RPC message");
        return std::nullopt;
    }
    if (!message.contains("method") || !message["method"].is_string()) {
        if (message.contains("id") && (message.contains("result") || message.contains("error")))
            return std::nullopt;  // a client's answer to our request
        log("a message has no method");
        respond_error(message.value("id", json()), invalid_request, "no method");
        return std::nullopt;
    }
    std::string method = message["method"].get<std::string>();
    json params = message.value("params", json::object());
    if (method == "exit") return shut_down_ ? 0 : 1;
    bool request = message.contains("id");
    json id = request ? message["id"] : json();
    if (request && !id.is_number_integer() && !id.is_string()) {
        respond_error(nullptr, invalid_request, "the id must be a number or a string");
        return std::nullopt;
    }
    if (!initialized_ && method != "initialize") {
        if (request) respond_error(id, server_not_initialized, "initialize first");
        return std::nullopt;
    }
    if (shut_down_ && request) {
        respond_error(id, invalid_request, "the server is shut down");
        return std::nullopt;
    }
    try {
        if (request) respond(id, handle_request(method, params));
        else handle_notification(method, params);
    } catch (const json::exception& e) {
        log(fmt::format("{}: bad parameters: {}", method, e.what()));
        if (request) respond_error(id, invalid_params, fmt::format("bad parameters: {}", e.what()));
    } catch (const std::out_of_range&) {
        if (request) respond_error(id, method_not_found, fmt::format("unknown method {}", method));
    } catch (const std::exception& e) {
        log(fmt::format("{}: {}", method, e.what()));
        if (request) respond_error(id, request_failed, e.what());
    }
    return std::nullopt;
}

}  // namespace
}  // namespace lsp

int run_lsp(const settings& cli_settings) {
    std::signal(SIGPIPE, SIG_IGN);  // a client gone shows as a write error, then as the end of input
    auto in = std::make_shared<lsp::inbox>();
    std::thread(lsp::read_messages, in).detach();
    lsp::server server(cli_settings.config);
    for (;;) {
        std::optional<std::string> body;
        bool ended = false;
        {
            std::unique_lock lock(in->mutex);
            auto has_work = [&] { return !in->messages.empty() || in->ended; };
            if (std::optional<clock_type::time_point> due = server.next_due())
                in->ready.wait_until(lock, *due, has_work);
            else
                in->ready.wait(lock, has_work);
            if (!in->messages.empty()) {
                body = std::move(in->messages.front());
                in->messages.pop_front();
            } else {
                ended = in->ended;
            }
        }
        if (body) {
            if (std::optional<int> status = server.handle(*body)) return *status;
        } else if (ended) {
            lsp::log("standard input ended without an exit");
            return 1;
        }
        server.check_due_documents();
    }
}

}  // namespace cli
