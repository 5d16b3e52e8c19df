// communique-preview.so: the preview's HTTP server, on 127.0.0.1 only, with
// Server-Sent Events at /events (see cli/preview_http.hpp).
#include "cli/preview_http.hpp"

#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

namespace {

// Only pages asked for by this machine's own name: a web page elsewhere
// cannot reach the preview through a name that resolves here (DNS rebinding).
bool local_host(const httplib::Request& request, int port) {
    std::string host = request.get_header_value("Host");
    std::string suffix = ":" + std::to_string(port);
    return host == "127.0.0.1" + suffix || host == "localhost" + suffix;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) bool communique_preview_serve(
    const cli::preview::http_service* service, std::string* error) {
    httplib::Server server;
    // An idle connection is let go soon, so that Ctrl-C ends the server soon.
    server.set_keep_alive_timeout(1);
    int port = service->port;
    server.set_pre_routing_handler([&](const httplib::Request& request, httplib::Response& response) {
        if (local_host(request, port)) return httplib::Server::HandlerResponse::Unhandled;
        response.status = 403;
        response.set_content("only http://127.0.0.1 or http://localhost may ask\n", "text/plain");
        return httplib::Server::HandlerResponse::Handled;
    });
    server.Get("/events", [&](const httplib::Request&, httplib::Response& response) {
        response.set_header("Cache-Control", "no-store");
        auto seen = std::make_shared<std::optional<std::uint64_t>>();
        auto provider = [service, seen](std::size_t, httplib::DataSink& sink) {
            if (!*seen) {
                // The first event names the current generation.
                auto now = service->wait_for_change(UINT64_MAX);
                if (!now) return false;
                *seen = *now;
                std::string event = "retry: 500\ndata: " + std::to_string(**seen) + "\n\n";
                return sink.write(event.data(), event.size());
            }
            std::optional<std::uint64_t> next = service->wait_for_change(**seen);
            if (!next) {
                sink.done();
                return true;
            }
            std::string event =
                *next == **seen ? std::string(": keep-alive\n\n") : "data: " + std::to_string(*next) + "\n\n";
            *seen = *next;
            return sink.write(event.data(), event.size());
        };
        response.set_chunked_content_provider("text/event-stream", provider);
    });
    server.Get(".*", [&](const httplib::Request& request, httplib::Response& response) {
        std::optional<cli::preview::answer> a = service->get(request.path);
        if (!a) {
            response.status = 404;
            response.set_content("not found\n", "text/plain");
            return;
        }
        response.status = a->status;
        response.set_header("Cache-Control", "no-store");
        response.set_content(std::move(a->body), a->content_type.c_str());
    });
    if (port == 0) {
        port = server.bind_to_any_port("127.0.0.1");
        if (port < 0) {
            *error = "cannot listen on 127.0.0.1";
            return false;
        }
    } else if (!server.bind_to_port("127.0.0.1", port)) {
        *error = "cannot listen on 127.0.0.1:" + std::to_string(port) + " (is it in use?)";
        return false;
    }
    service->listening(port);
    std::atomic<bool> ended{false};
    std::thread stopper([&] {
        while (!service->stopping->load() && !ended.load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        server.stop();
    });
    bool listened = server.listen_after_bind();
    ended = true;
    stopper.join();
    if (!listened && !service->stopping->load()) *error = "the server stopped listening";
    return listened || service->stopping->load();
}
