#include "cli/manual.hpp"

#include "cli/commands.hpp"

#include <communique/communique.hpp>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

namespace cli {

namespace {

// ---- What the CLI11 tree says, in one shape for every output ---------------

struct option_doc {
    std::vector<std::string> names;  // "-f", "--from"; empty for a positional
    std::string positional;          // "files"
    std::string value;               // what the value is called ("FORMAT", "GLOB"); empty for a flag
    std::vector<std::string> choices;
    std::string description;         // without the value's name when the description began with it
    std::string default_value;
    bool numeric = false;        // a number: nothing to complete
    bool comma_list = false;     // --to html,txt
    bool many = false;           // a positional that takes several
    bool required = false;
};

struct command_doc {
    std::string name, description, footer;
    std::vector<option_doc> options, positionals;
};

// "GLOB: skip files..." names its value GLOB: a word of capitals (and
// = / | . and the odd lower-case suffix, FILE.json) before ": ".
std::optional<std::string> value_named_in(std::string_view description) {
    std::size_t colon = description.find(": ");
    if (colon == std::string_view::npos || colon == 0 || colon > 24) return std::nullopt;
    std::string_view word = description.substr(0, colon);
    if (word.find(' ') != std::string_view::npos || word[0] < 'A' || word[0] > 'Z') return std::nullopt;
    std::size_t capitals = std::count_if(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (capitals < 2) return std::nullopt;
    return std::string(word);
}

// The values an IsMember validator allows: "TEXT:{auto,markdown}".
std::vector<std::string> choices_in(const std::string& type_name) {
    std::vector<std::string> out;
    std::size_t open = type_name.find('{'), close = type_name.find('}');
    if (open == std::string::npos || close == std::string::npos || close < open) return out;
    std::stringstream list(type_name.substr(open + 1, close - open - 1));
    for (std::string item; std::getline(list, item, ',');) out.push_back(item);
    return out;
}

option_doc describe(const CLI::Option& opt) {
    option_doc d;
    for (const std::string& s : opt.get_snames()) d.names.push_back("-" + s);
    for (const std::string& l : opt.get_lnames()) d.names.push_back("--" + l);
    if (d.names.empty()) d.positional = opt.get_name(true);
    d.description = opt.get_description();
    d.default_value = opt.get_default_str();
    d.required = opt.get_required();
    d.many = opt.get_items_expected_max() > 1;
    const std::string type = opt.get_type_name();
    if (opt.get_expected_max() == 0) return d;  // a flag: it takes no value
    d.choices = choices_in(type);
    d.comma_list = opt.get_delimiter() == ',';
    // The output formats are not a validator's choices (an unknown one gets
    // communique's own message), but the format table's names.
    if (std::find(d.names.begin(), d.names.end(), "--to") != d.names.end())
        for (const communique::format_info& f : communique::formats()) d.choices.emplace_back(f.name);
    if (auto named = value_named_in(d.description)) {
        d.value = *named;
        d.description.erase(0, named->size() + 2);
        if (!d.description.empty())
            d.description[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(d.description[0])));
    } else if (type.find(":SIZE") != std::string::npos) {
        d.value = "SIZE";
    } else if (type.starts_with("UINT") || type.starts_with("INT")) {
        d.value = "N";
    } else {
        d.value = d.comma_list ? "FORMAT" : "VALUE";
    }
    d.numeric = d.value == "N" || d.value == "SIZE";
    return d;
}

command_doc describe(const CLI::App& app) {
    command_doc c{app.get_name(), app.get_description(), app.get_footer(), {}, {}};
    for (const CLI::Option* opt : app.get_options()) {
        option_doc d = describe(*opt);
        (d.names.empty() ? c.positionals : c.options).push_back(std::move(d));
    }
    return c;
}

std::vector<command_doc> subcommands_of(const CLI::App& app) {
    std::vector<command_doc> out;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) out.push_back(describe(*sub));
    return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

// ---- roff -----------------------------------------------------------------

// Text as roff reads it literally: a backslash is \e, every - is \- (the
// ASCII minus, so that options copied from the page work), and a line may
// not begin with a control character.
std::string roff(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\')
            out += "\\e";
        else if (c == '-')
            out += "\\-";
        else
            out += c;
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
    return out;
}

// --help's text is wrapped for a terminal: the page joins its lines into
// paragraphs (roff fills them) and keeps indented lines, a table such as
// --to's formats, as they are. In a footer (`paragraphs`), a label after a
// full stop ("Exit status:") begins a paragraph; in an option's text, a
// line that begins with one of its `choices` ("json: ...") a line.
// "Exit status: 0 all valid", "Details: docs/bulk.md": a paragraph's label.
bool begins_with_label(std::string_view line) {
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || line[0] < 'A' || line[0] > 'Z') return false;
    std::string_view label = line.substr(0, colon);
    return std::count(label.begin(), label.end(), ' ') <= 1;
}

bool begins_with_one_of(std::string_view line, const std::vector<std::string>& choices) {
    return std::any_of(choices.begin(), choices.end(),
                       [&](const std::string& c) { return line.starts_with(c + ": "); });
}

std::string roff_text(std::string_view text, bool paragraphs, const std::vector<std::string>& choices = {}) {
    std::string out, line_run;
    bool in_table = false;
    auto flush = [&] {
        if (!line_run.empty()) out += roff(line_run) + "\n";
        line_run.clear();
    };
    std::istringstream lines{std::string(text)};
    for (std::string line; std::getline(lines, line);) {
        const bool indented = line.starts_with("  ");
        if (indented != in_table) {
            flush();
            out += indented ? ".nf\n" : ".fi\n";
            in_table = indented;
        }
        if (indented) {
            out += roff(line) + "\n";
            continue;
        }
        if (!line_run.empty() && paragraphs && line_run.ends_with('.') && begins_with_label(line)) {
            flush();
            out += ".PP\n";
        } else if (!line_run.empty() && begins_with_one_of(line, choices)) {
            // "json: a versioned report...": one value's line.
            flush();
            out += ".br\n";
        }
        if (!line_run.empty()) line_run += ' ';
        line_run += line;
    }
    flush();
    if (in_table) out += ".fi\n";
    return out;
}

std::string option_tag(const option_doc& d) {
    std::vector<std::string> names;
    for (const std::string& n : d.names) names.push_back("\\fB" + roff(n) + "\\fR");
    std::string tag = joined(names, ", ");
    if (!d.value.empty()) {
        std::string value = d.choices.empty() || d.comma_list ? d.value : joined(d.choices, "|");
        tag += " \\fI" + roff(value) + "\\fR";
        if (d.comma_list) tag += "[,\\fI" + roff(d.value) + "\\fR...]";
    }
    return tag;
}

std::string option_entry(const option_doc& d) {
    std::string out = ".TP\n" + (d.names.empty() ? "\\fI" + roff(d.positional) + "\\fR" : option_tag(d)) + "\n";
    out += roff_text(d.description, false, d.choices);
    if (!d.default_value.empty()) out += "(default: " + roff(d.default_value) + ")\n";
    if (d.required && !d.names.empty()) out += "(required)\n";
    return out;
}

std::string synopsis_of(const command_doc& c) {
    std::string out = "\\fBcommunique " + roff(c.name) + "\\fR [\\fIoptions\\fR]";
    for (const option_doc& p : c.positionals) {
        std::string word = "\\fI" + roff(p.positional) + "\\fR" + (p.many ? "..." : "");
        out += p.required ? " " + word : " [" + word + "]";
    }
    return out;
}

// ---- The README's sections --------------------------------------------------

struct node_deleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using node_ptr = std::unique_ptr<cmark_node, node_deleter>;

std::string plain_text(cmark_node* node) {
    std::string out;
    cmark_iter* it = cmark_iter_new(node);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node* n = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER && (cmark_node_get_type(n) == CMARK_NODE_TEXT ||
                                        cmark_node_get_type(n) == CMARK_NODE_CODE))
            out += cmark_node_get_literal(n);
    }
    cmark_iter_free(it);
    return out;
}

bool is(cmark_node* node, std::string_view type) { return type == cmark_node_get_type_string(node); }

// Blocks (or a cell's inlines) in roff, as cmark renders them; the blocks
// are moved out of the README's tree.
std::string rendered(std::vector<cmark_node*> nodes, cmark_node_type holder) {
    node_ptr doc(cmark_node_new(CMARK_NODE_DOCUMENT));
    cmark_node* parent = doc.get();
    if (holder != CMARK_NODE_DOCUMENT) {
        parent = cmark_node_new(holder);
        cmark_node_append_child(doc.get(), parent);
    }
    for (cmark_node* n : nodes) {
        cmark_node_unlink(n);
        cmark_node_append_child(parent, n);
    }
    char* text = cmark_render_man(doc.get(), CMARK_OPT_DEFAULT, 0);
    std::string out = text ? text : "";
    std::free(text);
    return out;
}

// A table of two columns (the exit codes) as a man page lists codes: each
// row a tagged paragraph, the first cell its tag. cmark's own tables are
// tbl tables of centred columns, wider than a terminal.
std::string rendered_table(cmark_node* table) {
    std::string out;
    for (cmark_node* row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
        if (cmark_gfm_extensions_get_table_row_is_header(row)) continue;
        out += ".TP\n";
        for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
            std::vector<cmark_node*> inlines;
            for (cmark_node* n = cmark_node_first_child(cell); n; n = cmark_node_next(n)) inlines.push_back(n);
            std::string text = rendered(inlines, CMARK_NODE_PARAGRAPH);
            if (text.starts_with(".PP\n")) text.erase(0, 4);
            out += text;
        }
    }
    return out;
}

// A README section as a man page's section: what follows the heading whose
// text begins with `title`, up to the next heading of its level or above
// (its own subheadings become .SS); with `first_code_only`, only the first
// code block in it. Empty when there is no such heading.
std::string readme_section(cmark_node* readme, std::string_view title, bool first_code_only) {
    cmark_node* heading = nullptr;
    for (cmark_node* n = cmark_node_first_child(readme); n; n = cmark_node_next(n))
        if (cmark_node_get_type(n) == CMARK_NODE_HEADING && plain_text(n).starts_with(title)) {
            heading = n;
            break;
        }
    if (!heading) return {};
    const int level = cmark_node_get_heading_level(heading);
    std::string out;
    for (cmark_node* n = cmark_node_next(heading); n;) {
        if (cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) <= level) break;
        cmark_node* next = cmark_node_next(n);
        const bool code = cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK;
        if (is(n, "table")) {
            out += rendered_table(n);
        } else if (!first_code_only || code) {
            // Subheadings are the page's subsections (.SS).
            if (cmark_node_get_type(n) == CMARK_NODE_HEADING) cmark_node_set_heading_level(n, 2);
            out += rendered({n}, CMARK_NODE_DOCUMENT);
        }
        if (first_code_only && code) break;
        n = next;
    }
    return out;
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// ---- The page ----------------------------------------------------------------

// The page's sections taken from the README: the man page's name, the
// README heading's first words, and whether only its first code block is
// wanted (The command's summary of every subcommand, as examples).
struct prose_section {
    std::string_view man, readme;
    bool first_code_only;
};
constexpr prose_section prose_sections[] = {
    {"EXIT STATUS", "Exit codes", false},   {"CONFIGURATION", "Configuration", false},
    {"ENVIRONMENT", "Environment", false},  {"FILES", "Files", false},
    {"EXAMPLES", "The command", true},
};

int manual_page(const CLI::App& app, const std::string& readme_path) {
    std::optional<std::string> readme_text = read_file(readme_path);
    if (!readme_text) {
        fmt::print(stderr, "communique: --generate-man: cannot read {}\n", readme_path);
        return exit_usage;
    }
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    if (cmark_syntax_extension* table = cmark_find_syntax_extension("table"))
        cmark_parser_attach_syntax_extension(parser, table);
    cmark_parser_feed(parser, readme_text->data(), readme_text->size());
    node_ptr readme(cmark_parser_finish(parser));
    cmark_parser_free(parser);

    std::string page;
    page += fmt::format(".\\\" Made by communique --generate-man from its options and {}: do not edit.\n",
                        readme_path.substr(readme_path.find_last_of('/') + 1));
    page += fmt::format(".TH COMMUNIQUE 1 \"\" \"communique {}\" \"User Commands\"\n", communique::version());

    // "communique: read, check and convert official press releases.\nA release is..."
    const std::string description = app.get_description();
    const std::size_t first_end = description.find('\n');
    std::string summary = description.substr(0, first_end);
    if (summary.starts_with("communique: ")) summary.erase(0, 12);
    if (summary.ends_with('.')) summary.pop_back();
    page += ".SH NAME\ncommunique \\- " + roff(summary) + "\n";

    const std::vector<command_doc> commands = subcommands_of(app);
    page += ".SH SYNOPSIS\n";
    for (const command_doc& c : commands) page += synopsis_of(c) + "\n.br\n";
    page += "\\fBcommunique help\\fR [\\fIsubcommand\\fR]\n.br\n\\fBcommunique \\-\\-version\\fR\n";

    page += ".SH DESCRIPTION\n";
    if (first_end != std::string::npos) page += roff_text(description.substr(first_end + 1), false);
    page += ".SH OPTIONS\n";
    for (const CLI::Option* opt : app.get_options()) page += option_entry(describe(*opt));
    page += ".PP\n" + roff_text(app.get_footer(), true);

    page += ".SH COMMANDS\n";
    for (const command_doc& c : commands) {
        page += fmt::format(".SS \"communique {}\"\n", roff(c.name));
        page += roff_text(c.description, false);
        for (const option_doc& p : c.positionals) page += option_entry(p);
        for (const option_doc& o : c.options) page += option_entry(o);
        if (!c.footer.empty()) page += ".PP\n" + roff_text(c.footer, true);
    }
    page += ".SS \"communique help\"\n\\fBcommunique help\\fR [\\fIsubcommand\\fR] is \\fBcommunique\\fR "
            "[\\fIsubcommand\\fR] \\fB\\-\\-help\\fR.\n";

    for (const prose_section& s : prose_sections) {
        std::string text = readme_section(readme.get(), s.readme, s.first_code_only);
        if (text.empty()) {
            fmt::print(stderr, "communique: --generate-man: {} has no section '{}' (for {})\n", readme_path,
                       s.readme, s.man);
            return exit_usage;
        }
        page += fmt::format(".SH \"{}\"\n", s.man) + text;
    }
    page += ".SH \"SEE ALSO\"\nThe README and \\fIdocs/\\fR of communique's source: archives, shards and reports "
            "in \\fIdocs/bulk.md\\fR, the PDF renderer in \\fIdocs/pdf.md\\fR, the library in "
            "\\fIdocs/api.md\\fR.\n";
    fmt::print("{}", page);
    return exit_ok;
}

// ---- Completions ---------------------------------------------------------------

// The first line of a description, for a completion menu.
std::string first_line(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    std::size_t stop = line.find(". ");
    if (stop != std::string::npos) line.resize(stop);
    if (line.ends_with(':')) line.pop_back();  // "Output formats (default xml):", a list below
    return line;
}

// In single quotes, for bash, zsh and fish ('\'' closes, escapes, reopens;
// fish reads \' inside single quotes instead).
std::string shell_quoted(std::string_view text, bool fish = false) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += fish ? "\\'" : "'\\''";
        else if (fish && c == '\\')
            out += "\\\\";
        else
            out += c;
    }
    return out + "'";
}

std::string command_words(const std::vector<command_doc>& commands) {
    std::vector<std::string> names;
    for (const command_doc& c : commands) names.push_back(c.name);
    names.push_back("help");
    return joined(names, " ");
}

std::string bash_completion(const CLI::App& app) {
    const std::vector<command_doc> commands = subcommands_of(app);
    std::string top_options;
    for (const CLI::Option* opt : app.get_options()) top_options += " " + joined(describe(*opt).names, " ");
    std::string out = fmt::format(R"(# bash completion for communique: made by communique --generate-completion bash
# from its options; do not edit.
_communique() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}} sub="" i
    COMPREPLY=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${{COMP_WORDS[i]}} in -*) ;; *) sub=${{COMP_WORDS[i]}}; break ;; esac
    done
    local commands={}
    case $sub in
    "")
        COMPREPLY=($(compgen -W "$commands{}" -- "$cur"))
        return ;;
    help)
        [ "$i" -eq $((COMP_CWORD - 1)) ] && COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        return ;;
)",
                                  shell_quoted(command_words(commands)), top_options);
    for (const command_doc& c : commands) {
        out += fmt::format("    {})\n        case $prev in\n", c.name);
        std::vector<std::string> names;
        for (const option_doc& o : c.options) {
            names.insert(names.end(), o.names.begin(), o.names.end());
            if (o.value.empty()) continue;
            out += fmt::format("        {})\n", joined(o.names, "|"));
            if (o.comma_list)
                out += fmt::format("            local done=\"\"; [[ $cur == *,* ]] && done=${{cur%,*}},\n"
                                   "            COMPREPLY=($(compgen -P \"$done\" -W {} -- \"${{cur##*,}}\"))\n"
                                   "            compopt -o nospace 2>/dev/null\n",
                                   shell_quoted(joined(o.choices, " ")));
            else if (!o.choices.empty())
                out += fmt::format("            COMPREPLY=($(compgen -W {} -- \"$cur\"))\n",
                                   shell_quoted(joined(o.choices, " ")));
            else if (!o.numeric)
                out += "            compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))\n";
            out += "            return ;;\n";
        }
        out += fmt::format("        esac\n        if [[ $cur == -* ]]; then\n"
                           "            COMPREPLY=($(compgen -W {} -- \"$cur\"))\n",
                           shell_quoted(joined(names, " ")));
        if (!c.positionals.empty())
            out += "        else\n"
                   "            compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))\n";
        out += "        fi ;;\n";
    }
    out += "    esac\n}\ncomplete -F _communique communique\n";
    return out;
}

// zsh's _arguments: 'names[description]:value:action'; in a description
// [ ] : and \ are escaped.
std::string zsh_spec_text(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

std::string zsh_completion(const CLI::App& app) {
    const std::vector<command_doc> commands = subcommands_of(app);
    std::string out = "#compdef communique\n# zsh completion for communique: made by communique "
                      "--generate-completion zsh from its options; do not edit.\n\n_communique() {\n"
                      "    local curcontext=$curcontext state line ret=1\n    local -a commands=(\n";
    for (const command_doc& c : commands)
        out += "        " + shell_quoted(c.name + ":" + zsh_spec_text(first_line(c.description))) + "\n";
    out += "        'help:show a subcommand'\\''s options'\n    )\n"
           "    _arguments -C '(- *)'{-h,--help}'[show the options]' '(- *)--version[show the version]' \\\n"
           "        '1: :->command' '*:: :->argument' && ret=0\n"
           "    case $state in\n    command) _describe -t commands 'communique subcommand' commands && ret=0 ;;\n"
           "    argument)\n        case $words[1] in\n"
           "        help) _describe -t commands 'communique subcommand' commands && ret=0 ;;\n";
    for (const command_doc& c : commands) {
        out += fmt::format("        {}) _arguments", c.name);
        for (const option_doc& o : c.options) {
            std::string names = o.names.size() == 1 ? o.names[0] : "{" + joined(o.names, ",") + "}";
            std::string exclusive = o.names.size() > 1 ? "(" + joined(o.names, " ") + ")" : "";
            std::string action;
            if (!o.value.empty()) {
                action = ":" + zsh_spec_text(o.value) + ":";
                if (o.comma_list)
                    action += "_sequence compadd - " + joined(o.choices, " ");
                else if (!o.choices.empty())
                    action += "(" + joined(o.choices, " ") + ")";
                else if (!o.numeric)
                    action += "_files";
                else
                    action += " ";
            }
            const bool repeatable = o.comma_list || o.description.find("repeatable") != std::string::npos;
            std::string spec = (repeatable ? "*" : exclusive) + "[" + zsh_spec_text(first_line(o.description)) +
                               "]" + action;
            // {-f,--from} must stand outside the quotes, for the shell to expand it.
            if (o.names.size() > 1)
                out += " \\\n            " + shell_quoted(repeatable ? "*" : exclusive) + names +
                       shell_quoted(spec.substr(repeatable ? 1 : exclusive.size()));
            else
                out += " \\\n            " + shell_quoted(names + spec);
        }
        for (const option_doc& p : c.positionals)
            out += " \\\n            " + shell_quoted(std::string(p.many ? "*" : "1") + ":" + p.positional + ":_files");
        out += " && ret=0 ;;\n";
    }
    out += "        esac ;;\n    esac\n    return ret\n}\n\n_communique \"$@\"\n";
    return out;
}

std::string fish_completion(const CLI::App& app) {
    const std::vector<command_doc> commands = subcommands_of(app);
    const std::string all = command_words(commands);
    std::string out = "# fish completion for communique: made by communique --generate-completion fish from its\n"
                      "# options; do not edit.\ncomplete -c communique -f\n";
    out += fmt::format("complete -c communique -n {} -s h -l help -d 'Show the options'\n",
                       shell_quoted("not __fish_seen_subcommand_from " + all, true));
    out += fmt::format("complete -c communique -n __fish_use_subcommand -l version -d 'Show the version'\n");
    for (const command_doc& c : commands)
        out += fmt::format("complete -c communique -n __fish_use_subcommand -a {} -d {}\n", c.name,
                           shell_quoted(first_line(c.description), true));
    out += "complete -c communique -n __fish_use_subcommand -a help -d 'Show a subcommand'\\''s options'\n";
    out += fmt::format("complete -c communique -n '__fish_seen_subcommand_from help' -a {}\n",
                       shell_quoted(all.substr(0, all.rfind(' ')), true));
    for (const command_doc& c : commands) {
        const std::string when = shell_quoted("__fish_seen_subcommand_from " + c.name, true);
        for (const option_doc& o : c.options) {
            std::string line = "complete -c communique -n " + when;
            for (const std::string& n : o.names)
                line += n.starts_with("--") ? " -l " + n.substr(2) : " -s " + n.substr(1);
            if (!o.value.empty()) {
                if (o.choices.empty() && !o.numeric)
                    line += " -r -F";
                else
                    line += " -x";
                if (!o.choices.empty()) line += " -a " + shell_quoted(joined(o.choices, " "), true);
            }
            out += line + " -d " + shell_quoted(first_line(o.description), true) + "\n";
        }
        if (!c.positionals.empty()) out += "complete -c communique -n " + when + " -F\n";
    }
    return out;
}

}  // namespace

bool is_generator_option(std::string_view word) {
    return word == "--generate-man" || word == "--generate-completion";
}

int generate(const CLI::App& app, const std::vector<std::string>& args) {
    if (args.size() == 2 && args[0] == "--generate-man") return manual_page(app, args[1]);
    if (args.size() == 2 && args[0] == "--generate-completion") {
        if (args[1] == "bash") return fmt::print("{}", bash_completion(app)), exit_ok;
        if (args[1] == "zsh") return fmt::print("{}", zsh_completion(app)), exit_ok;
        if (args[1] == "fish") return fmt::print("{}", fish_completion(app)), exit_ok;
    }
    fmt::print(stderr, "communique: usage: communique --generate-man README.md, or communique "
                       "--generate-completion bash|zsh|fish\n");
    return exit_usage;
}

}  // namespace cli
