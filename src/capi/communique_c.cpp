// The C API (include/communique/communique.h) over the C++ one. Every entry
// point is noexcept: exceptions are caught here and become the thread's last
// error, and the function returns NULL or -1.
#include <communique/communique.h>
#include <communique/communique.hpp>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct communique_options {
    communique::options opts;
};

struct communique_engine {
    communique::engine eng;
    explicit communique_engine(communique::options opts) : eng(std::move(opts)) {}
};

struct communique_result {
    communique::result res;
};

struct communique_job {
    communique::job_options opts;
    bool formats_given = false;  // the first format added replaces the default
    communique_job_progress_fn progress = nullptr;
    void* progress_user = nullptr;
    communique_job_message_fn message = nullptr;
    void* message_user = nullptr;
    // Set by communique_job_cancel, perhaps from a signal handler; the run
    // passes it on to the C++ job at its next progress tick.
    std::atomic<bool> cancelled{false};
    static_assert(std::atomic<bool>::is_always_lock_free);
};

static_assert(COMMUNIQUE_SEVERITY_NOTE == static_cast<int>(communique::severity::note));
static_assert(COMMUNIQUE_SEVERITY_WARNING == static_cast<int>(communique::severity::warning));
static_assert(COMMUNIQUE_SEVERITY_ERROR == static_cast<int>(communique::severity::error));

namespace {

// The one piece of state the library keeps between calls.
thread_local std::string last_error_text;
thread_local const char* last_error_message = "";

void set_error(std::string_view message) noexcept {
    try {
        last_error_text.assign(message);
        last_error_message = last_error_text.c_str();
    } catch (...) {
        last_error_message = "out of memory";
    }
}

// A failure found by the API itself (misuse), reported the same way as an
// exception from below.
struct misuse {
    std::string message;
};

// Runs `body`; any exception becomes the last error and `failed` is returned.
template <class T, class Body>
T guarded(T failed, Body&& body) noexcept {
    try {
        return body();
    } catch (const misuse& e) {
        set_error(e.message);
    } catch (const std::bad_alloc&) {
        set_error("out of memory");
    } catch (const std::exception& e) {
        set_error(e.what());
    } catch (...) {
        set_error("unknown error");
    }
    return failed;
}

void require(bool condition, const char* function, const char* what) {
    if (!condition) throw misuse{std::string(function) + ": " + what};
}

std::string_view bytes_of(const char* bytes, std::size_t size, const char* function) {
    require(bytes || size == 0, function, "the bytes are NULL but the size is not 0");
    return bytes ? std::string_view(bytes, size) : std::string_view();
}

}  // namespace

extern "C" {

// The version the library was built with (communique::version() too).
const char* communique_version(void) noexcept { return COMMUNIQUE_VERSION_STRING; }

const char* communique_last_error(void) noexcept { return last_error_message; }

void communique_free(void* p) noexcept { std::free(p); }

communique_options* communique_options_new(void) noexcept {
    return guarded<communique_options*>(nullptr, [] { return new communique_options(); });
}

void communique_options_free(communique_options* options) noexcept { delete options; }

int communique_options_set_stylesheet(communique_options* options, const char* format, const char* path) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_options_set_stylesheet";
        require(options, f, "the options are NULL");
        require(format, f, "the format is NULL");
        require(path, f, "the path is NULL");
        options->opts.stylesheets.insert_or_assign(std::string(format), std::string(path));
        return 0;
    });
}

int communique_options_set_param(communique_options* options, const char* name, const char* value) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_options_set_param";
        require(options, f, "the options are NULL");
        require(name, f, "the name is NULL");
        require(value, f, "the value is NULL");
        options->opts.parameters.insert_or_assign(std::string(name), std::string(value));
        return 0;
    });
}

int communique_options_set_rule_level(communique_options* options, const char* rule_id, int level) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_options_set_rule_level";
        require(options, f, "the options are NULL");
        require(rule_id, f, "the rule ID is NULL");
        auto rules = communique::rules();
        if (std::none_of(rules.begin(), rules.end(), [&](const communique::rule_info& r) { return r.id == rule_id; }))
            throw misuse{std::string(f) + ": unknown rule ID: " + rule_id};
        std::optional<communique::severity> value;
        switch (level) {
            case COMMUNIQUE_RULE_OFF: break;
            case COMMUNIQUE_SEVERITY_NOTE: value = communique::severity::note; break;
            case COMMUNIQUE_SEVERITY_WARNING: value = communique::severity::warning; break;
            case COMMUNIQUE_SEVERITY_ERROR: value = communique::severity::error; break;
            default: throw misuse{std::string(f) + ": unknown level: " + std::to_string(level)};
        }
        options->opts.rule_levels.insert_or_assign(std::string(rule_id), value);
        return 0;
    });
}

int communique_options_set_text_width(communique_options* options, unsigned width) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_options_set_text_width";
        require(options, f, "the options are NULL");
        require(width > 0, f, "the width is 0");
        options->opts.text_width = width;
        return 0;
    });
}

int communique_options_set_input_format(communique_options* options, const char* name) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_options_set_input_format";
        require(options, f, "the options are NULL");
        require(name, f, "the format name is NULL");
        auto format = communique::input_format_named(name);
        require(format.has_value(), f, "the input format is none of auto, markdown, docx, html, xml");
        options->opts.input = *format;
        return 0;
    });
}

int communique_options_set_profile(communique_options* options, const char* name) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_options_set_profile";
        require(options, f, "the options are NULL");
        require(name, f, "the profile name is NULL");
        auto profile = communique::house_profile_named(name);
        require(profile.has_value(), f, "the profile is neither general nor kh-ministry");
        options->opts.profile = *profile;
        return 0;
    });
}

int communique_options_set_html_content(communique_options* options, const char* xpath) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_options_set_html_content";
        require(options, f, "the options are NULL");
        require(xpath, f, "the XPath is NULL");
        options->opts.html_content = xpath;
        return 0;
    });
}

int communique_options_add_readable_folder(communique_options* options, const char* path) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_options_add_readable_folder";
        require(options, f, "the options are NULL");
        require(path, f, "the path is NULL");
        options->opts.readable_folders.emplace_back(path);
        return 0;
    });
}

communique_result* communique_options_parse_config(communique_options* options, const char* toml,
                                                   size_t size) noexcept {
    return guarded<communique_result*>(nullptr, [&] {
        const char* f = "communique_options_parse_config";
        require(options, f, "the options are NULL");
        std::string_view text = bytes_of(toml, size, f);
        communique::config_result parsed = communique::parse_config(text, options->opts);
        auto out = std::make_unique<communique_result>();
        out->res.diagnostics = std::move(parsed.diagnostics);
        // Nothing below throws: the options change only when all went well.
        options->opts = std::move(parsed.opts);
        return out.release();
    });
}

communique_engine* communique_engine_new(const communique_options* options) noexcept {
    return guarded<communique_engine*>(nullptr, [&] {
        return new communique_engine(options ? options->opts : communique::options{});
    });
}

void communique_engine_free(communique_engine* engine) noexcept { delete engine; }

communique_result* communique_check(const communique_engine* engine, const char* bytes, size_t size) noexcept {
    return guarded<communique_result*>(nullptr, [&] {
        const char* f = "communique_check";
        require(engine, f, "the engine is NULL");
        std::string_view text = bytes_of(bytes, size, f);
        auto out = std::make_unique<communique_result>();
        out->res = engine->eng.check(text);
        return out.release();
    });
}

communique_result* communique_convert(const communique_engine* engine, const char* bytes, size_t size,
                                      const char* const* formats, size_t n) noexcept {
    return guarded<communique_result*>(nullptr, [&] {
        const char* f = "communique_convert";
        require(engine, f, "the engine is NULL");
        std::string_view text = bytes_of(bytes, size, f);
        require(formats || n == 0, f, "the formats are NULL but n is not 0");
        std::vector<std::string> names;
        names.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            if (!formats[i]) throw misuse{std::string(f) + ": format name " + std::to_string(i) + " is NULL"};
            names.emplace_back(formats[i]);
        }
        auto out = std::make_unique<communique_result>();
        out->res = engine->eng.convert(text, names);
        return out.release();
    });
}

int communique_result_ok(const communique_result* result) noexcept { return result && result->res.ok() ? 1 : 0; }

size_t communique_result_output_count(const communique_result* result) noexcept {
    return result ? result->res.outputs.size() : 0;
}

const char* communique_result_output(const communique_result* result, size_t i, size_t* size) noexcept {
    return guarded<const char*>(nullptr, [&] {
        const char* f = "communique_result_output";
        require(result, f, "the result is NULL");
        require(i < result->res.outputs.size(), f, "no output has that index");
        const std::string& output = result->res.outputs[i];
        if (size) *size = output.size();
        return output.c_str();
    });
}

size_t communique_result_diagnostic_count(const communique_result* result) noexcept {
    return result ? result->res.diagnostics.size() : 0;
}

int communique_result_diagnostic(const communique_result* result, size_t i, communique_diagnostic* out) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_result_diagnostic";
        require(result, f, "the result is NULL");
        require(out, f, "the output struct is NULL");
        require(i < result->res.diagnostics.size(), f, "no diagnostic has that index");
        const communique::diagnostic& d = result->res.diagnostics[i];
        out->severity = static_cast<communique_severity>(d.level);
        out->rule = d.rule.c_str();
        out->message = d.message.c_str();
        out->line = d.begin.line;
        out->column = d.begin.column;
        out->end_line = d.end.line;
        out->end_column = d.end.column;
        return 0;
    });
}

void communique_result_free(communique_result* result) noexcept { delete result; }

char* communique_diagnostic_format(const communique_diagnostic* d, const char* file) noexcept {
    return guarded<char*>(nullptr, [&] {
        const char* f = "communique_diagnostic_format";
        require(d, f, "the diagnostic is NULL");
        std::string where = file ? file : "";
        auto add = [&](std::uint32_t n) {
            if (n == 0) return;
            if (!where.empty()) where += ':';
            where += std::to_string(n);
        };
        add(d->line);
        if (d->line > 0) add(d->column);
        std::string line = where.empty() ? std::string() : where + ": ";
        int level = d->severity;
        line += level == COMMUNIQUE_SEVERITY_NOTE      ? "note"
                : level == COMMUNIQUE_SEVERITY_WARNING ? "warning"
                                                       : "error";
        line += '[';
        line += d->rule ? d->rule : "";
        line += "]: ";
        line += d->message ? d->message : "";
        char* out = static_cast<char*>(std::malloc(line.size() + 1));
        if (!out) throw std::bad_alloc();
        std::memcpy(out, line.c_str(), line.size() + 1);
        return out;
    });
}

// ---- Jobs ----------------------------------------------------------------

communique_job* communique_job_new(void) noexcept {
    return guarded<communique_job*>(nullptr, [] { return new communique_job(); });
}

void communique_job_free(communique_job* job) noexcept { delete job; }

int communique_job_add_input(communique_job* job, const char* path) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_job_add_input";
        require(job, f, "the job is NULL");
        require(path, f, "the path is NULL");
        job->opts.inputs.emplace_back(path);
        return 0;
    });
}

int communique_job_add_include(communique_job* job, const char* glob) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_job_add_include";
        require(job, f, "the job is NULL");
        require(glob, f, "the glob is NULL");
        job->opts.include.emplace_back(glob);
        return 0;
    });
}

int communique_job_add_exclude(communique_job* job, const char* glob) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_job_add_exclude";
        require(job, f, "the job is NULL");
        require(glob, f, "the glob is NULL");
        job->opts.exclude.emplace_back(glob);
        return 0;
    });
}

int communique_job_set_output_dir(communique_job* job, const char* path) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_job_set_output_dir";
        require(job, f, "the job is NULL");
        require(path, f, "the path is NULL");
        job->opts.output_dir = path;
        return 0;
    });
}

int communique_job_add_format(communique_job* job, const char* name) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_job_add_format";
        require(job, f, "the job is NULL");
        require(name, f, "the format name is NULL");
        auto known = communique::formats();
        if (std::none_of(known.begin(), known.end(), [&](const communique::format_info& i) { return i.name == name; }))
            throw misuse{std::string(f) + ": unknown format: " + name};
        job->opts.formats.emplace_back(name);
        return 0;
    });
}

int communique_job_set_jobs(communique_job* job, unsigned threads) noexcept {
    return guarded(-1, [&] {
        require(job, "communique_job_set_jobs", "the job is NULL");
        job->opts.jobs = threads;
        return 0;
    });
}

int communique_job_set_report(communique_job* job, const char* path) noexcept {
    return guarded(-1, [&] {
        require(job, "communique_job_set_report", "the job is NULL");
        job->opts.report = path ? path : "";
        return 0;
    });
}

int communique_job_set_catalog(communique_job* job, int on) noexcept {
    return guarded(-1, [&] {
        require(job, "communique_job_set_catalog", "the job is NULL");
        job->opts.catalog = on != 0;
        return 0;
    });
}

int communique_job_set_shard(communique_job* job, unsigned index, unsigned count) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_job_set_shard";
        require(job, f, "the job is NULL");
        require((index == 0 && count == 0) || (index >= 1 && index <= count), f,
                "the shard must be 1..count of count, or 0 of 0");
        job->opts.shard_index = index;
        job->opts.shard_count = count;
        return 0;
    });
}

int communique_job_set_force(communique_job* job, int on) noexcept {
    return guarded(-1, [&] {
        require(job, "communique_job_set_force", "the job is NULL");
        job->opts.force = on != 0;
        return 0;
    });
}

int communique_job_set_accept_invalid(communique_job* job, int on) noexcept {
    return guarded(-1, [&] {
        require(job, "communique_job_set_accept_invalid", "the job is NULL");
        job->opts.accept_invalid = on != 0;
        return 0;
    });
}

int communique_job_set_options(communique_job* job, const communique_options* options) noexcept {
    return guarded(-1, [&] {
        require(job, "communique_job_set_options", "the job is NULL");
        job->opts.engine = options ? options->opts : communique::options{};
        return 0;
    });
}

int communique_job_set_follow_symlinks(communique_job* job, int on) noexcept {
    return guarded(-1, [&] {
        require(job, "communique_job_set_follow_symlinks", "the job is NULL");
        job->opts.follow_symlinks = on != 0;
        return 0;
    });
}

int communique_job_set_files_from(communique_job* job, const char* path) noexcept {
    return guarded(-1, [&] {
        require(job, "communique_job_set_files_from", "the job is NULL");
        job->opts.files_from = path ? path : "";
        return 0;
    });
}

int communique_job_set_find_config_files(communique_job* job, int on) noexcept {
    return guarded(-1, [&] {
        require(job, "communique_job_set_find_config_files", "the job is NULL");
        job->opts.find_config_files = on != 0;
        return 0;
    });
}

int communique_job_set_config_file(communique_job* job, const char* path) noexcept {
    return guarded(-1, [&] {
        require(job, "communique_job_set_config_file", "the job is NULL");
        job->opts.config_file = path ? path : "";
        return 0;
    });
}

int communique_job_set_catalog_param(communique_job* job, const char* name, const char* value) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_job_set_catalog_param";
        require(job, f, "the job is NULL");
        require(name, f, "the name is NULL");
        require(value, f, "the value is NULL");
        job->opts.catalog_settings.parameters.insert_or_assign(std::string(name), std::string(value));
        return 0;
    });
}

int communique_job_set_catalog_base_url(communique_job* job, const char* url) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_job_set_catalog_base_url";
        require(job, f, "the job is NULL");
        std::string_view u = url ? url : "";
        require(u.empty() || u.starts_with("https://") || u.starts_with("http://"), f,
                "the base URL must be an absolute http or https URL");
        job->opts.catalog_settings.base_url = u;
        return 0;
    });
}

int communique_job_set_progress(communique_job* job, communique_job_progress_fn progress, void* user) noexcept {
    return guarded(-1, [&] {
        require(job, "communique_job_set_progress", "the job is NULL");
        job->progress = progress;
        job->progress_user = user;
        return 0;
    });
}

int communique_job_set_messages(communique_job* job, communique_job_message_fn message, void* user) noexcept {
    return guarded(-1, [&] {
        require(job, "communique_job_set_messages", "the job is NULL");
        job->message = message;
        job->message_user = user;
        return 0;
    });
}

int communique_job_cancel(communique_job* job) noexcept {
    // One lock-free store and nothing else, as a signal handler needs (only
    // the misuse of a NULL job goes through guarded(), which allocates).
    if (!job) {
        return guarded(-1, [] {
            require(false, "communique_job_cancel", "the job is NULL");
            return 0;
        });
    }
    job->cancelled.store(true, std::memory_order_relaxed);
    return 0;
}

int communique_job_run(communique_job* job, communique_job_summary* summary) noexcept {
    return guarded(-1, [&] {
        const char* f = "communique_job_run";
        require(job, f, "the job is NULL");
        require(!job->opts.inputs.empty() || !job->opts.files_from.empty(), f, "the job has no input");
        require(!job->opts.output_dir.empty(), f, "the job has no output folder");
        communique::job run(job->opts);
        if (job->cancelled.load()) run.cancel();
        // The progress tick also passes a cancel on (communique::job::cancel
        // would need the job, which lives only during this call).
        run.on_progress([job, &run](const communique::job_progress& p) {
            if (job->cancelled.load()) run.cancel();
            if (!job->progress) return;
            std::string path(p.path);
            job->progress(job->progress_user, p.done, p.total, path.c_str());
        });
        if (job->message) {
            run.on_message([job](std::string_view m) {
                std::string text(m);
                job->message(job->message_user, text.c_str());
            });
        }
        communique::job_summary done = run.run();
        if (summary) {
            summary->converted = done.converted;
            summary->converted_invalid = done.converted_invalid;
            summary->up_to_date = done.up_to_date;
            summary->invalid = done.invalid;
            summary->failed = done.failed;
            summary->not_started = done.not_started;
            summary->total = done.total;
        }
        return done.status;
    });
}

}  // extern "C"
