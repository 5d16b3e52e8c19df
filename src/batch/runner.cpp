#include "batch/runner.hpp"

#include "write/catalog.hpp"
#include "batch/configs.hpp"
#include "batch/fingerprint.hpp"
#include "batch/inputs.hpp"
#include "batch/io.hpp"
#include "batch/manifest.hpp"
#include "batch/paths.hpp"
#include "batch/pool.hpp"
#include "batch/report.hpp"
#include "core/hash.hpp"
#include "write/formats.hpp"
#include "write/writers.hpp"

#include <communique/communique.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <limits>
#include <memory>
#include <sys/stat.h>
#include <thread>
#include <unordered_set>

namespace fs = std::filesystem;
using communique::format_info;

namespace batch {

void events::say(std::string_view text) {
    if (!message) return;
    std::lock_guard lock(mutex_);
    message(text);
}

void events::show(std::string_view file, std::string_view text, std::span<const communique::diagnostic> diags) {
    if (!diagnostics || diags.empty()) return;
    std::lock_guard lock(mutex_);
    diagnostics(file, text, diags);
}

void events::tick(const communique::job_progress& p) {
    if (!progress) return;
    std::lock_guard lock(mutex_);
    progress(p);
}

namespace {

using steady = std::chrono::steady_clock;

using communique::detail::catalog_files;

double seconds_since(steady::time_point t0) { return std::chrono::duration<double>(steady::now() - t0).count(); }

std::string display(const std::string& path) { return path == "-" ? "<stdin>" : path; }

// The job's options as the runner uses them.
struct request {
    std::vector<std::string> args;  // files and folders
    std::optional<std::string> files_from;
    std::vector<std::string> formats;  // known format names, no duplicates
    std::filesystem::path out_dir;
    unsigned threads = 1;
    walk_options walk;
    std::optional<std::string> report;
    bool force = false;
    bool catalog = false;
    communique::catalog_options catalog_options;
    unsigned shard_index = 0, shard_count = 0;  // 0: not sharded
};

request request_of(const communique::job_options& opts) {
    request req;
    req.args = opts.inputs;
    if (!opts.files_from.empty()) req.files_from = opts.files_from;
    for (const std::string& f : opts.formats)
        if (std::find(req.formats.begin(), req.formats.end(), f) == req.formats.end()) req.formats.push_back(f);
    if (req.formats.empty()) req.formats.emplace_back("xml");
    req.out_dir = opts.output_dir;
    req.threads = opts.jobs ? opts.jobs : std::max(1u, std::thread::hardware_concurrency());
    if (!opts.include.empty()) req.walk.include = opts.include;
    req.walk.exclude = opts.exclude;
    req.walk.follow_symlinks = opts.follow_symlinks;
    if (!opts.report.empty()) req.report = opts.report;
    req.force = opts.force;
    req.catalog = opts.catalog;
    req.catalog_options = opts.catalog_settings;
    req.shard_index = opts.shard_index;
    req.shard_count = opts.shard_count;
    return req;
}

// The engine for each input: its configuration file over the job's options,
// then adjust_options, then accept_invalid.
engine_cache engines_of(const communique::job_options& opts) {
    std::optional<fs::path> config;
    if (!opts.config_file.empty()) config = opts.config_file;
    auto adjust = [adjust = opts.adjust_options, accept_invalid = opts.accept_invalid](communique::options& o) {
        if (adjust) adjust(o);
        if (accept_invalid) o.write_invalid = true;
    };
    return engine_cache(config, adjust, opts.engine.input, opts.engine, opts.find_config_files);
}

// What the main thread settles for each job before the workers start.
struct prepared {
    const communique::engine* engine = nullptr;
    std::uint64_t settings = 0;
    std::string refused;  // why it is not converted at all
};

// Everything the workers share. The jobs, the manifest's records and the
// engines are only read while they run; outcomes[i] is written by the one
// worker that took job i and read by the main thread after join().
struct shared {
    const request& req;
    const std::vector<job>& jobs;
    const std::vector<prepared>& prep;
    std::vector<outcome>& outcomes;
    release_log& log;
    std::vector<std::string> extensions;  // per format
    manifest& record;
    events& out;
    const std::atomic<int>& cancelled;
    std::string stdin_bytes;

    std::atomic<std::size_t> done{0}, failed{0};
    std::atomic<bool> fatal{false};  // the output folder cannot take more
    std::mutex last_mutex{};
    std::string last{};  // the input of the last release done, under last_mutex
};

bool should_stop(const shared& s) { return s.cancelled.load() != 0 || s.fatal.load(); }

bool up_to_date(const shared& s, const job& j, const manifest_record& rec) {
    if (rec.status != "converted" && rec.status != "converted-invalid") return false;
    if (rec.outputs.size() != s.req.formats.size()) return false;
    for (std::size_t i = 0; i < rec.outputs.size(); ++i) {
        const output_record& o = rec.outputs[i];
        if (o.format != s.req.formats[i] || o.path != output_path(j.source, s.extensions[i])) return false;
        // The size catches a file cut short by a power cut or edited by hand.
        struct stat st {};
        if (::stat((s.req.out_dir / o.path).c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
            static_cast<std::uint64_t>(st.st_size) != o.size)
            return false;
    }
    return true;
}

// What an earlier run wrote for a release that this run does not write
// again (another format) and that is still there: its outputs all the same.
std::vector<std::string> still_there(const shared& s, const manifest_record& before,
                                     const std::vector<std::string>& targets) {
    std::vector<std::string> paths = before.earlier, out;
    for (const output_record& o : before.outputs) paths.push_back(o.path);
    for (std::string& path : paths) {
        struct stat st {};
        if (std::find(targets.begin(), targets.end(), path) == targets.end() &&
            std::find(out.begin(), out.end(), path) == out.end() && ::stat((s.req.out_dir / path).c_str(), &st) == 0)
            out.push_back(std::move(path));
    }
    return out;
}

void fail_io(shared& s, release_result& r, const std::string& where, const std::string& why) {
    r.state = status::failed;
    r.io_error = true;
    r.error = where + ": " + why;
    s.out.say(r.error);
}

release_result convert_one(shared& s, std::size_t index) {
    const job& j = s.jobs[index];
    const prepared& p = s.prep[index];
    steady::time_point t0 = steady::now();
    release_result r;
    auto finish = [&]() -> release_result {
        r.ms = seconds_since(t0) * 1000;
        return std::move(r);
    };
    if (!p.refused.empty()) {
        fail_io(s, r, display(j.path), p.refused);
        return finish();
    }

    expected<std::string> bytes = j.path == "-" ? expected<std::string>(s.stdin_bytes) : read_file(j.path);
    if (!bytes) {
        fail_io(s, r, j.path, bytes.error().message);
        return finish();
    }
    std::uint64_t input_hash = communique::detail::hash_bytes(*bytes);

    std::optional<manifest_record> before = s.record.find(j.source);
    if (!s.req.force && before && before->input_hash == input_hash && before->settings_hash == p.settings &&
        up_to_date(s, j, *before)) {
        r.state = status::skipped;
        for (const output_record& o : before->outputs) r.outputs.emplace_back(o.format, o.path);
        r.info = before->info;
        return finish();
    }

    std::vector<std::string> targets;
    for (const std::string& ext : s.extensions) targets.push_back(output_path(j.source, ext));

    communique::result res;
    try {
        res = p.engine->convert(*bytes, s.req.formats);
    } catch (const std::exception& e) {
        fail_io(s, r, display(j.path), e.what());
        return finish();
    }
    s.out.show(display(j.path), *bytes, res.diagnostics);
    std::string().swap(*bytes);  // nothing of the input is kept past here
    bool valid = res.ok();
    r.diagnostics = std::move(res.diagnostics);
    r.info = std::move(res.info);
    if (res.outputs.empty()) {
        // Invalid (or unreadable as a release): nothing is written.
        r.state = status::failed;
        return finish();
    }

    manifest_record rec{j.source, input_hash, p.settings, valid ? "converted" : "converted-invalid", {}, {}, {}};
    for (std::size_t i = 0; i < targets.size(); ++i) {
        fs::path file = s.req.out_dir / targets[i];
        std::error_code ec;
        fs::create_directories(file.parent_path(), ec);
        expected<void> written =
            ec ? problem{communique::detail::rule::io, "cannot create the folder: " + ec.message(), {}, {}, ec.value()}
               : write_atomically(file, res.outputs[i]);
        if (!written) {
            fail_io(s, r, file.string(), written.error().message);
            r.outputs.clear();
            if (is_fatal_write_error(written.error().errno_value)) s.fatal = true;
            return finish();
        }
        rec.outputs.push_back({s.req.formats[i], targets[i], res.outputs[i].size()});
        r.outputs.emplace_back(s.req.formats[i], targets[i]);
        std::string().swap(res.outputs[i]);  // written: let it go now
    }
    if (r.info) rec.info = *r.info;
    if (before) rec.earlier = still_there(s, *before, targets);
    if (expected<void> recorded = s.record.append(rec); !recorded) {
        // The outputs are whole; only the next run will not know it and
        // convert the release again. The manifest is one file for the whole
        // folder: what cannot be recorded now cannot be later either, so the
        // run stops.
        s.out.say(fmt::format("{}: {}", (s.req.out_dir / manifest_name).string(), recorded.error().message));
        s.fatal = true;
    }
    r.state = valid ? status::converted : status::converted_invalid;
    return finish();
}

// Drops exact repeats and refuses a job whose output another job (earlier in
// the order given) or the catalog already claims: two inputs "x.md" and
// "x.txt" in one folder would both make x.html. Done on the whole list
// before sharding, so that all shards agree.
std::vector<std::pair<job, std::string>> plan(std::vector<job> jobs, const request& req,
                                              const std::vector<std::string>& extensions, std::size_t& all_shards) {
    std::vector<std::pair<job, std::string>> out;
    out.reserve(jobs.size());
    // The two sets hold numbers, not strings: what a number stands for is
    // worked out when it is hashed or compared, so that planning a large
    // archive does not hold its paths three times over.
    auto text_of_job = [&](std::size_t i) { return out[i].first.path + '\0' + out[i].first.source; };
    auto hash_job = [&](std::size_t i) { return std::hash<std::string>{}(text_of_job(i)); };
    auto same_job = [&](std::size_t a, std::size_t b) {
        return out[a].first.path == out[b].first.path && out[a].first.source == out[b].first.source;
    };
    std::unordered_set<std::size_t, decltype(hash_job), decltype(same_job)> seen(jobs.size(), hash_job, same_job);
    // An output: job * extensions + format, or from catalog_key on, a file of --catalog.
    const std::size_t per_job = std::max<std::size_t>(extensions.size(), 1);
    constexpr std::size_t catalog_key = std::numeric_limits<std::size_t>::max() - std::size(catalog_files);
    auto target_of = [&](std::size_t key) {
        return key >= catalog_key ? std::string(catalog_files[key - catalog_key])
                                  : output_path(out[key / per_job].first.source, extensions[key % per_job]);
    };
    auto hash_target = [&](std::size_t key) { return std::hash<std::string>{}(target_of(key)); };
    auto same_target = [&](std::size_t a, std::size_t b) { return target_of(a) == target_of(b); };
    std::unordered_set<std::size_t, decltype(hash_target), decltype(same_target)> owner(
        jobs.size() * per_job, hash_target, same_target);
    if (req.catalog)
        for (std::size_t i = 0; i < std::size(catalog_files); ++i) owner.insert(catalog_key + i);

    for (job& j : jobs) {
        std::size_t index = out.size();
        out.emplace_back(std::move(j), std::string());
        if (!seen.insert(index).second) {
            out.pop_back();
            continue;
        }
        std::string& refused = out.back().second;
        for (std::size_t k = 0; k < extensions.size(); ++k) {
            auto [it, fresh] = owner.insert(index * per_job + k);
            if (fresh || !refused.empty()) continue;
            std::string target = target_of(index * per_job + k);
            refused = *it >= catalog_key
                          ? fmt::format("its output {} is where --catalog writes; rename the input", target)
                          : fmt::format("its output {} would overwrite that of {}", target,
                                        display(out[*it / per_job].first.path));
        }
    }
    all_shards = out.size();
    std::erase_if(out, [&](const auto& p) { return !in_shard(p.first.source, req.shard_index, req.shard_count); });
    return out;
}

// Engines and settings hashes for every job. engine_cache is not thread-safe, so
// each job gets its engine here, before the workers start; what is wrong
// with a configuration is told once, the first time an input needs it.
// True when a job reads standard input.
bool prepare(std::vector<std::pair<job, std::string>> planned, const request& req, engine_cache& engines_by_config,
             events& out, std::vector<job>& jobs, std::vector<prepared>& prep) {
    fingerprints settings(req.formats);
    std::unordered_set<std::string> told;
    jobs.reserve(planned.size());
    prep.resize(planned.size());
    bool reads_stdin = false;
    for (std::size_t i = 0; i < planned.size(); ++i) {
        jobs.push_back(std::move(planned[i].first));
        prep[i].refused = std::move(planned[i].second);
        if (!prep[i].refused.empty()) continue;
        std::vector<config_problem> problems;
        expected<const communique::engine*> engine = engines_by_config.for_input(jobs[i].path, problems);
        prep[i].engine = engine ? *engine : nullptr;
        for (const config_problem& p : problems) out.show(p.file, p.text, p.diagnostics);
        // A configuration's mistakes are its diagnostics above; an engine
        // that could not be built (a stylesheet that cannot be loaded) has
        // this only.
        if (!engine && engine.error().id != communique::detail::rule::config &&
            told.insert(engine.error().message).second)
            out.say(engine.error().message);
        if (!prep[i].engine) prep[i].refused = "not converted: the configuration for it has errors (see above)";
        else prep[i].settings = settings.of(*engines_by_config.options_for_input(jobs[i].path));
        reads_stdin = reads_stdin || jobs[i].path == "-";
    }
    return reads_stdin;
}

// Refuses, before anything is written, every output that would land on an
// input (this run's, not only its own: a.md's a.xml may be another input),
// whatever the paths look like (`-o in/..`, a symbolic link): files are
// compared by device and inode. Returns how many were found.
std::size_t refuse_overwrites(const std::vector<job>& jobs, const std::vector<prepared>& prep,
                              const std::vector<std::string>& extensions, const fs::path& out_dir, bool catalog,
                              events& out) {
    auto key = [](const struct stat& st) {
        return std::to_string(st.st_dev) + ':' + std::to_string(st.st_ino);
    };
    std::unordered_set<std::string> inputs;
    for (const job& j : jobs) {
        struct stat st {};
        if (j.path != "-" && ::stat(j.path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) inputs.insert(key(st));
    }
    std::size_t found = 0;
    // A folder converted in place may hold an input where --catalog writes.
    for (const char* name : catalog_files) {
        struct stat st {};
        if (catalog && ::stat((out_dir / name).c_str(), &st) == 0 && inputs.count(key(st))) {
            out.say(fmt::format("{}: refusing to overwrite the input with the catalog; rename it or choose "
                                  "another output folder",
                                  (out_dir / name).string()));
            ++found;
        }
    }
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        if (!prep[i].refused.empty()) continue;
        for (const std::string& ext : extensions) {
            fs::path target = out_dir / output_path(jobs[i].source, ext);
            struct stat st {};
            if (::stat(target.c_str(), &st) == 0 && inputs.count(key(st))) {
                out.say(fmt::format("{}: refusing to overwrite the input (it would be the output of {}); "
                                      "choose another output folder",
                                      target.string(), display(jobs[i].path)));
                ++found;
            }
        }
    }
    return found;
}

}  // namespace

bool write_catalog_files(const fs::path& out_dir, const communique::detail::catalog_releases& releases,
                         const communique::catalog_options& options, const std::function<void(std::string_view)>& say) {
    std::unique_ptr<communique::detail::writers> writers;
    try {
        // The writers have the catalog's stylesheets (the command loads them
        // as a module); their options play no part in it.
        writers = communique::detail::make_writers(communique::options{});
    } catch (const std::exception& e) {
        say(fmt::format("the catalog: {}", e.what()));
        return false;
    }
    // Each file streamed into its temporary file as it is made (a catalog
    // whole in memory grows with the archive), renamed when complete.
    for (std::size_t i = 0; i < std::size(catalog_files); ++i) {
        const fs::path path = out_dir / catalog_files[i];
        std::string failed;
        expected<void> written = write_atomically(path, [&](std::FILE* f) {
            try {
                return writers->catalog_file(releases, options, i, [&](std::string_view piece) {
                    return piece.empty() || std::fwrite(piece.data(), 1, piece.size(), f) == piece.size();
                });
            } catch (const std::exception& e) {
                failed = e.what();
                return false;
            }
        });
        if (!failed.empty() || !written) {
            say(failed.empty() ? fmt::format("{}: {}", path.string(), written.error().message)
                               : fmt::format("the catalog: {}", failed));
            return false;
        }
    }
    return true;
}

communique::job_summary run(const communique::job_options& opts, events& out, const std::atomic<int>& cancelled) {
    steady::time_point t0 = steady::now();
    const request req = request_of(opts);
    communique::job_summary summary;
    auto failing = [&](communique::job_summary& sum) -> communique::job_summary {
        sum.status = 2;
        sum.finished = false;
        sum.seconds = seconds_since(t0);
        return sum;
    };

    // The output folder first: it must not be walked, and a folder that
    // cannot be written ends the run before anything is converted.
    std::error_code ec;
    const bool made = fs::create_directories(req.out_dir, ec);
    if (ec || !fs::is_directory(req.out_dir)) {
        out.say(fmt::format("{}: cannot create the output folder: {}", req.out_dir.string(),
                            ec ? ec.message() : "not a folder"));
        return failing(summary);
    }
    std::vector<std::string> extensions;
    for (const std::string& name : req.formats)
        if (const communique::detail::format_entry* f = communique::detail::find_format(name))
            extensions.emplace_back(f->info.extension);

    walk_options walk = req.walk;
    walk.output_folder = req.out_dir;
    gathered found = gather(req.args, req.files_from, walk, [&](const std::string& m) { out.say(m); });
    std::size_t all_shards = 0;
    auto planned = plan(std::move(found.jobs), req, extensions, all_shards);
    summary.all_shards = all_shards;
    // Nothing to convert is a mistake (an empty folder, a typo in
    // --include), and nothing is written, not even the manifest. An empty
    // shard of a larger run is not: it still writes its report.
    if (all_shards == 0 && !found.io_error) {
        out.say("no releases found in the inputs given (an empty folder? see --include and --exclude)");
        if (made) fs::remove(req.out_dir, ec);  // only the last folder made, and only if it stayed empty
        return failing(summary);
    }

    engine_cache engines_by_config = engines_of(opts);
    std::vector<job> jobs;
    std::vector<prepared> prep;
    bool reads_stdin = prepare(std::move(planned), req, engines_by_config, out, jobs, prep);
    summary.total = jobs.size();
    // Nothing, not even the manifest, is written into a folder that would
    // take an input's place.
    if (refuse_overwrites(jobs, prep, extensions, req.out_dir, req.catalog, out) > 0) return failing(summary);

    manifest record(req.out_dir);
    if (expected<void> opened = record.open(); !opened) {
        out.say(
            fmt::format("{}: the output folder cannot be written: {}", req.out_dir.string(), opened.error().message));
        return failing(summary);
    }
    summary.started = true;
    remove_stale_temps(req.out_dir);
    record.load();

    std::vector<outcome> outcomes(jobs.size());
    release_log log(req.out_dir, jobs.size(), req.report || req.catalog);
    shared s{req, jobs, prep, outcomes, log, extensions, record, out, cancelled, {}};
    if (reads_stdin)
        s.stdin_bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());

    run_pool(
        jobs.size(), req.threads,
        [&](std::size_t i) {
            release_result r = convert_one(s, i);
            log.record(i, jobs[i], r);
            outcomes[i] = {r.state, r.io_error};
            if (r.state == status::failed) ++s.failed;
            {
                std::lock_guard lock(s.last_mutex);
                s.last = display(jobs[i].path);
            }
            ++s.done;
        },
        [&] { return should_stop(s); },
        [&] {
            std::string last;
            {
                std::lock_guard lock(s.last_mutex);
                last = s.last;
            }
            out.tick({s.done.load(), jobs.size(), s.failed.load(), last});
        });
    const int signo = cancelled.load();

    if (s.fatal)
        out.say("stopped: the output folder cannot take more outputs (see above); the releases not started "
                "are converted by the next run");
    bool io_trouble = found.io_error || s.fatal.load();
    bool invalid = false;
    for (const outcome& o : outcomes) {
        switch (o.state) {
            case status::not_started: ++summary.not_started; break;
            case status::converted: ++summary.converted; break;
            case status::converted_invalid: ++summary.converted_invalid; break;
            case status::skipped: ++summary.up_to_date; break;
            case status::failed: ++(o.io_error ? summary.failed : summary.invalid); break;
        }
        if (o.state == status::failed) (o.io_error ? io_trouble : invalid) = true;
    }
    summary.finished = !signo && !s.fatal;
    // The catalog's files are outputs too: a folder converted in place must
    // not read index.html as a release next time.
    if (req.catalog && summary.finished) {
        manifest_record files{catalog_source, 0, 0, "catalog", {}, {}, {}};
        for (const char* name : catalog_files) files.outputs.push_back({"catalog", name, 0});
        if (expected<void> recorded = record.append(files); !recorded) {
            out.say(fmt::format("{}: {}", (req.out_dir / manifest_name).string(), recorded.error().message));
            io_trouble = true;
        }
    }
    if (expected<void> compacted = record.compact(); !compacted) {
        out.say(fmt::format("{}: {}", (req.out_dir / manifest_name).string(), compacted.error().message));
        io_trouble = true;
    }

    summary.seconds = seconds_since(t0);
    if (req.report) {
        run_facts facts{opts.output_dir, req.formats, req.shard_index, req.shard_count, signo, summary.seconds};
        if (expected<void> written = write_report(*req.report, facts, jobs, outcomes, log); !written) {
            out.say(written.error().message);
            io_trouble = true;
        }
    }

    if (req.catalog && summary.finished) {
        if (std::string why = log.error(); !why.empty()) {
            out.say(fmt::format("the catalog: {}", why));
            io_trouble = true;
        } else {
            const logged_releases releases(log, jobs.size());
            if (write_catalog_files(req.out_dir, releases, req.catalog_options, [&](std::string_view m) { out.say(m); }))
                summary.catalog_releases = releases.size();
            else
                io_trouble = true;
        }
    }

    summary.status = io_trouble || !summary.finished ? 2 : invalid ? 1 : 0;
    return summary;
}

}  // namespace batch
