// What `communique preview` asks of its HTTP module (communique-preview.so):
// serve answers on 127.0.0.1 until told to stop. The module holds the HTTP
// server (Debian's cpp-httplib, which brings OpenSSL and brotli with it), so
// that the command loads none of that for check, fmt or convert; the pages
// themselves are made by the command.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace cli::preview {

struct answer {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
};

struct http_service {
    int port = 0;  // 0: any free port
    // The answer to a GET of a path (decoded, from '/'); nothing: 404.
    std::function<std::optional<answer>(const std::string& path)> get;
    // Blocks until the watched files change after generation `seen` (the new
    // generation), or for a while (the same `seen`: a keep-alive is sent);
    // nothing once the server stops.
    std::function<std::optional<std::uint64_t>(std::uint64_t seen)> wait_for_change;
    std::function<void(int port)> listening;  // once bound
    const std::atomic<bool>* stopping = nullptr;
};

// The module's entry point: serves until *stopping; false, with why in
// `error`, when it cannot listen.
using serve_function = bool (*)(const http_service*, std::string* error);
inline constexpr const char* serve_entry = "communique_preview_serve";

}  // namespace cli::preview
