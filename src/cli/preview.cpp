// The preview: pages made here, served by the HTTP module
// (communique-preview.so, loaded by this subcommand only), refreshed through
// Server-Sent Events when inotify sees a file saved.
#include "cli/preview.hpp"

#include "batch/configs.hpp"
#include "batch/diagnostic_json.hpp"
#include "cli/files.hpp"
#include "cli/preview_http.hpp"

#include <communique/communique.hpp>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <dlfcn.h>
#include <linux/limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

extern char** environ;

namespace fs = std::filesystem;

namespace cli {

namespace {

// COMMUNIQUE_PREVIEW_MODULE, beside an installed command
// (bin/../lib/communique/), or in the build tree: as the writers module.
// The problem's message is what dlopen said of each candidate, each after
// "; " (empty when there was none).
expected<void*> load_module() {
    std::string why;
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("COMMUNIQUE_PREVIEW_MODULE"); env && *env) candidates.emplace_back(env);
    char buffer[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    fs::path here = n > 0 ? fs::path(std::string(buffer, static_cast<std::size_t>(n))).parent_path() : fs::path();
    candidates.push_back(here / ".." / CQ_WRITERS_INSTALL_DIR / CQ_PREVIEW_FILE);
    candidates.push_back(here / CQ_PREVIEW_FILE);
    candidates.emplace_back(CQ_PREVIEW_BUILD_PATH);
    for (const fs::path& path : candidates) {
        std::error_code ec;
        if (!fs::exists(path, ec)) continue;
        if (void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) return handle;
        why += std::string("; ") + ::dlerror();
    }
    return problem{communique::detail::rule::io, why};
}

std::string escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

// A path for a URL: each byte outside the unreserved set and '/' escaped.
std::string url_path(std::string_view path) {
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else out += fmt::format("%{:02X}", c);
    }
    return out;
}

bool is_release_file(const fs::path& p) {
    static constexpr std::array<std::string_view, 7> extensions{".md", ".markdown", ".txt", ".xml",
                                                                ".docx", ".html", ".htm"};
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
}

constexpr std::size_t max_listed = 10000;

constexpr const char* page_style = R"(
body { font-family: system-ui, sans-serif; margin: 0; }
header { padding: .5rem 1rem; background: #f3f3f3; border-bottom: 1px solid #ccc; }
header h1 { font-size: 1.1rem; margin: .2rem 0; }
nav button { font: inherit; padding: .2rem .8rem; }
nav button[aria-selected=true] { font-weight: bold; }
iframe { width: 100%; height: 70vh; border: 0; }
#problems { padding: 0 1rem; }
.diagnostic { margin: .4rem 0; }
.diagnostic pre { margin: .1rem 0; background: #f7f7f7; padding: .2rem; white-space: pre-wrap; }
.error { color: #a00; } .warning { color: #850; } .note { color: #045; }
)";

class site {
public:
    site(fs::path target, const settings& cli_settings)
        : target_(std::move(target)), cli_settings_(cli_settings), single_(!fs::is_directory(target_)) {
        root_ = single_ ? target_.parent_path() : target_;
        if (root_.empty()) root_ = ".";
        reset_engines();
    }

    std::optional<preview::answer> get(const std::string& path);
    std::optional<std::uint64_t> wait_for_change(std::uint64_t seen);
    void watch();  // the inotify loop, until stopping
    void stop() {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        changed_.notify_all();
    }
    const std::atomic<bool>* stopping() const { return &stopping_; }

private:
    void reset_engines() {
        engines_ = std::make_unique<batch::engine_cache>(
            cli_settings_.config ? std::optional<fs::path>(*cli_settings_.config) : std::nullopt,
            [](communique::options& o) { o.write_invalid = true; });
    }
    std::optional<fs::path> resolve(std::string_view rel);
    std::string relative(const fs::path& p) const {
        return single_ ? p.filename().string() : p.lexically_relative(root_).string();
    }
    struct rendered {
        std::string input;
        communique::result r;
        std::optional<std::string> unreadable;
    };
    rendered render(const fs::path& file, const char* format);
    preview::answer view_page(const fs::path& file);
    preview::answer index_page();
    preview::answer status(const fs::path& file);

    fs::path target_, root_;
    settings cli_settings_;
    bool single_;
    std::mutex render_mutex_;  // engines are built lazily; one render at a time
    std::unique_ptr<batch::engine_cache> engines_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::uint64_t generation_ = 1;
    bool reset_engines_ = false;
    std::atomic<bool> stopping_{false};
};

// Only the target file, or files under the folder (no .. out of it, no
// symbolic link leading out), with a release's extension.
std::optional<fs::path> site::resolve(std::string_view rel) {
    if (single_) return rel == target_.filename().string() ? std::optional<fs::path>(target_) : std::nullopt;
    std::error_code ec;
    fs::path root = fs::canonical(root_, ec);
    if (ec) return std::nullopt;
    fs::path p = fs::weakly_canonical(root / fs::path(std::string(rel)), ec);
    if (ec || !is_release_file(p) || !fs::is_regular_file(p, ec)) return std::nullopt;
    auto [r, q] = std::mismatch(root.begin(), root.end(), p.begin(), p.end());
    if (r != root.end()) return std::nullopt;
    return root_ / p.lexically_relative(root);
}

site::rendered site::render(const fs::path& file, const char* format) {
    rendered out;
    expected<input> in = read_input(file.string());
    if (!in) {
        out.unreadable = std::move(in).error().message;
        return out;
    }
    out.input = std::move(in->bytes);
    std::lock_guard lock(render_mutex_);
    {
        std::lock_guard state(mutex_);
        if (reset_engines_) reset_engines(), reset_engines_ = false;
    }
    std::vector<batch::config_problem> problems;
    expected<const communique::engine*> found = engines_->for_input(file.string(), problems);
    if (!found) {
        out.unreadable = std::move(found).error().message;
        return out;
    }
    const communique::engine* e = *found;
    out.r = format ? e->convert(out.input, std::vector<std::string>{format}) : e->check(out.input);
    return out;
}

std::optional<preview::answer> site::get(const std::string& path) {
    if (path == "/" && !single_) return index_page();
    if (path == "/") return view_page(target_);
    for (std::string_view prefix : {"/view/", "/render/", "/pdf/", "/status/"}) {
        if (!path.starts_with(prefix)) continue;
        std::optional<fs::path> file = resolve(std::string_view(path).substr(prefix.size()));
        if (!file) return std::nullopt;
        if (prefix == "/view/") return view_page(*file);
        if (prefix == "/status/") return status(*file);
        bool pdf = prefix == "/pdf/";
        rendered r = render(*file, pdf ? "pdf" : "html");
        if (r.unreadable || r.r.outputs.empty()) {
            std::string why = r.unreadable.value_or("the release cannot be read; see the problems below it");
            return preview::answer{200, "text/html; charset=utf-8",
                                   fmt::format("<!DOCTYPE html><meta charset=utf-8><title>not readable</title>"
                                               "<p class=error>{}</p>",
                                               escape(why))};
        }
        return preview::answer{200, pdf ? "application/pdf" : "text/html; charset=utf-8", std::move(r.r.outputs[0])};
    }
    return std::nullopt;
}

// The headline, the diagnostics with their source lines, and the generation
// they were made at.
preview::answer site::status(const fs::path& file) {
    std::uint64_t generation;
    {
        std::lock_guard lock(mutex_);
        generation = generation_;
    }
    rendered r = render(file, nullptr);
    nlohmann::ordered_json out = {{"generation", generation},
                                  {"headline", r.r.info ? r.r.info->headline : ""},
                                  {"diagnostics", nlohmann::ordered_json::array()}};
    if (r.unreadable) {
        out["diagnostics"].push_back(batch::diagnostic_json(relative(file), io_diagnostic(*r.unreadable)));
    }
    std::vector<std::string_view> lines;
    for (std::size_t at = 0; at <= r.input.size();) {
        std::size_t nl = r.input.find('\n', at);
        if (nl == std::string::npos) nl = r.input.size();
        lines.push_back(std::string_view(r.input).substr(at, nl - at));
        at = nl + 1;
    }
    for (const communique::diagnostic& d : r.r.diagnostics) {
        nlohmann::ordered_json j = batch::diagnostic_json(relative(file), d);
        if (d.begin.line >= 1 && d.begin.line <= lines.size()) j["source"] = lines[d.begin.line - 1];
        out["diagnostics"].push_back(std::move(j));
    }
    return {200, "application/json", out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)};
}

preview::answer site::view_page(const fs::path& file) {
    std::string rel = relative(file), url = url_path(rel);
    std::string back = single_ ? "" : "<a href=\"/\">all releases</a> · ";
    return {200, "text/html; charset=utf-8", fmt::format(R"html(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{0}</title><style>{3}</style></head>
<body>
<header>{2}<span id="file">{0}</span>
<h1 id="headline"></h1>
<nav><button id="tab-html" aria-selected="true">HTML</button> <button id="tab-pdf" aria-selected="false">PDF</button>
<span id="state"></span></nav>
</header>
<iframe id="html" title="the release as HTML"></iframe>
<iframe id="pdf" title="the release as PDF" hidden></iframe>
<section id="problems"></section>
<script>
const file = "{1}";
let generation = 0;
const frames = {{ html: document.getElementById("html"), pdf: document.getElementById("pdf") }};
let tab = "html";
function load(which) {{
  const src = "/" + (which === "html" ? "render" : "pdf") + "/" + file + "?g=" + generation;
  if (frames[which].dataset.src !== src) {{ frames[which].dataset.src = src; frames[which].src = src; }}
}}
function show(which) {{
  tab = which;
  for (const k of ["html", "pdf"]) {{
    frames[k].hidden = k !== which;
    document.getElementById("tab-" + k).setAttribute("aria-selected", k === which);
  }}
  load(which);
}}
document.getElementById("tab-html").onclick = () => show("html");
document.getElementById("tab-pdf").onclick = () => show("pdf");
async function refresh() {{
  const status = await (await fetch("/status/" + file, {{ cache: "no-store" }})).json();
  generation = status.generation;
  document.getElementById("headline").textContent = status.headline || "(no headline)";
  const problems = document.getElementById("problems");
  problems.replaceChildren();
  for (const d of status.diagnostics) {{
    const div = document.createElement("div");
    div.className = "diagnostic " + d.severity;
    const where = d.line ? "line " + d.line + (d.column ? ", column " + d.column : "") + ": " : "";
    div.append(where + d.severity + " [" + d.rule + "] " + d.message);
    if (d.source !== undefined) {{
      const pre = document.createElement("pre");
      pre.textContent = d.line + " | " + d.source;
      div.append(pre);
    }}
    problems.append(div);
  }}
  load(tab);
  document.body.dataset.generation = generation;
}}
const events = new EventSource("/events");
events.onmessage = () => refresh();
events.onopen = () => document.getElementById("state").textContent = "";
events.onerror = () => document.getElementById("state").textContent = "(the preview has stopped)";
</script>
</body></html>
)html",
                                                         escape(rel), url, back, page_style)};
}

preview::answer site::index_page() {
    std::vector<std::string> found;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root_, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator() && found.size() < max_listed; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.starts_with(".")) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec) && is_release_file(it->path()))
            found.push_back(it->path().lexically_relative(root_).string());
    }
    std::sort(found.begin(), found.end());
    std::string items;
    for (const std::string& rel : found)
        items += fmt::format("<li><a href=\"/view/{}\">{}</a></li>\n", url_path(rel), escape(rel));
    return {200, "text/html; charset=utf-8",
            fmt::format("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{0}</title>"
                        "<style>{2}</style></head>\n<body><header><h1>{0}</h1></header>\n<ul id=\"releases\">\n{1}</ul>"
                        "<script>new EventSource(\"/events\").onmessage = (e) => {{ if (window.seen && "
                        "window.seen !== e.data) location.reload(); window.seen = e.data; }};</script>"
                        "</body></html>\n",
                        escape(root_.string()), items, page_style)};
}

std::optional<std::uint64_t> site::wait_for_change(std::uint64_t seen) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(15), [&] { return stopping_ || generation_ != seen; });
    if (stopping_) return std::nullopt;
    return generation_;
}

// Editors save by writing the file or by renaming a new one over it: both
// are seen in the folder. Events that come together are one change.
void site::watch() {
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
        fmt::print(stderr, "communique preview: cannot watch files (inotify): {}; pages will not follow saves\n",
                   std::strerror(errno));
        return;
    }
    constexpr std::uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE;
    std::map<int, fs::path> folders;
    auto add = [&](const fs::path& folder) {
        int wd = inotify_add_watch(fd, folder.c_str(), mask);
        if (wd >= 0) folders[wd] = folder;
    };
    add(root_);
    if (!single_) {
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(root_, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator() && folders.size() < max_listed; it.increment(ec))
            if (it->is_directory(ec) && !it->path().filename().string().starts_with(".")) add(it->path());
    }
    alignas(inotify_event) char buffer[64 * 1024];
    while (!stopping_) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0) continue;
        bool relevant = false, config = false;
        for (int round = 0; round < 2; ++round) {  // and what follows within a moment
            for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) {
                for (char* at = buffer; at < buffer + n;) {
                    auto* e = reinterpret_cast<inotify_event*>(at);
                    std::string name = e->len ? e->name : "";
                    if (name == batch::config_name) config = relevant = true;
                    else if (single_ ? name == target_.filename().string() : is_release_file(name)) relevant = true;
                    if (!single_ && (e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO)) &&
                        folders.count(e->wd) && !name.starts_with("."))
                        add(folders[e->wd] / name);
                    at += sizeof(inotify_event) + e->len;
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
        }
        if (!relevant) continue;
        std::lock_guard lock(mutex_);
        ++generation_;
        if (config) reset_engines_ = true;
        changed_.notify_all();
    }
    ::close(fd);
}

void open_in_browser(const std::string& url) {
    pid_t pid = 0;
    const char* argv[] = {"xdg-open", url.c_str(), nullptr};
    if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, const_cast<char* const*>(argv), environ) != 0)
        fmt::print(stderr, "communique preview: cannot start xdg-open; open {} yourself\n", url);
    else
        std::thread([pid] { ::waitpid(pid, nullptr, 0); }).detach();
}

}  // namespace

int run_preview(const std::string& target, unsigned port, bool open_browser, const settings& cli_settings) {
    std::error_code ec;
    if (!fs::exists(target, ec)) {
        fmt::print(stderr, "communique preview: {}: no such file or folder\n", target);
        return exit_usage;
    }
    expected<void*> module = load_module();
    auto serve = module ? reinterpret_cast<preview::serve_function>(::dlsym(*module, preview::serve_entry)) : nullptr;
    if (!serve) {
        fmt::print(stderr,
                   "communique preview: cannot load the preview module (" CQ_PREVIEW_FILE
                   "); set COMMUNIQUE_PREVIEW_MODULE to its path{}\n",
                   module ? std::string() : module.error().message);
        return exit_usage;
    }
    // Ctrl-C and SIGTERM are taken by one thread (sigwait), before any other
    // starts, so that every thread leaves them to it.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    site pages(fs::path(target), cli_settings);
    std::thread([&pages, signals] {
        int sig = 0;
        sigwait(&signals, &sig);
        pages.stop();
    }).detach();
    std::thread watcher([&pages] { pages.watch(); });

    preview::http_service service;
    service.port = static_cast<int>(port);
    service.get = [&pages](const std::string& path) { return pages.get(path); };
    service.wait_for_change = [&pages](std::uint64_t seen) { return pages.wait_for_change(seen); };
    service.listening = [&](int bound) {
        std::string url = fmt::format("http://127.0.0.1:{}/", bound);
        fmt::print(stderr, "communique preview: {} (Ctrl-C stops)\n", url);
        if (open_browser) open_in_browser(url);
    };
    service.stopping = pages.stopping();
    std::string error;
    bool ok = serve(&service, &error);
    pages.stop();
    watcher.join();
    if (!ok) {
        fmt::print(stderr, "communique preview: {}\n", error);
        return exit_usage;
    }
    return exit_ok;
}

}  // namespace cli
