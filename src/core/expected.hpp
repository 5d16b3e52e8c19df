// The one error convention below the public API: a function that can fail
// returns expected<T> (or expected<void>), which holds either its value or
// the problem that stopped it. A problem names its rule from the rule table,
// where in the user's text it happened when that is known, and a message; a
// caller that reports it turns it into a diagnostic (problem::at_level) and
// never has to choose the rule ID again.
//
// GCC 12 and C++20 have no std::expected; this is the small part of it the
// library uses, with the same names (has_value, value, error, *, ->).
#pragma once

#include "core/rule.hpp"

#include <communique/diagnostic.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace communique::detail {

struct problem {
    rule id;
    std::string message;
    source_position begin;  // 0: not known (an output, a stylesheet, a file as a whole)
    source_position end;
    int errno_value = 0;  // the errno of the system call that failed, when one did

    problem(rule which, std::string why, source_position from = {}, source_position to = {}, int err = 0)
        : id(which), message(std::move(why)), begin(from), end(to), errno_value(err) {}

    // The diagnostic that reports this problem at `level`.
    diagnostic at_level(severity level = severity::error) && {
        return make_diagnostic(level, id, std::move(message), begin, end);
    }
    diagnostic at_level(severity level = severity::error) const& {
        return make_diagnostic(level, id, message, begin, end);
    }
};

// A problem at a point of the text (begin and end the same).
inline problem problem_at(rule id, std::string message, source_position at) {
    return {id, std::move(message), at, at};
}

template <class T, class E = problem>
class [[nodiscard]] expected {
    static_assert(!std::is_convertible_v<E, T> && !std::is_convertible_v<T, E>,
                  "a value and an error that convert into each other would be ambiguous");

public:
    using value_type = T;
    using error_type = E;

    expected() requires std::is_default_constructible_v<T> : v_(std::in_place_index<0>) {}
    template <class U = T>
        requires(std::is_constructible_v<T, U &&> && !std::is_same_v<std::remove_cvref_t<U>, expected> &&
                 !std::is_same_v<std::remove_cvref_t<U>, E>)
    expected(U&& value) : v_(std::in_place_index<0>, std::forward<U>(value)) {}
    expected(E error) : v_(std::in_place_index<1>, std::move(error)) {}

    bool has_value() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    // value() on a failure is misuse and throws std::bad_variant_access;
    // * and -> do not check.
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T& operator*() & noexcept { return *std::get_if<0>(&v_); }
    const T& operator*() const& noexcept { return *std::get_if<0>(&v_); }
    T&& operator*() && noexcept { return std::move(*std::get_if<0>(&v_)); }
    T* operator->() noexcept { return std::get_if<0>(&v_); }
    const T* operator->() const noexcept { return std::get_if<0>(&v_); }

    E& error() & noexcept { return *std::get_if<1>(&v_); }
    const E& error() const& noexcept { return *std::get_if<1>(&v_); }
    E&& error() && noexcept { return std::move(*std::get_if<1>(&v_)); }

private:
    std::variant<T, E> v_;
};

// A step that gives nothing back but can fail: `return {};` is success.
template <class E>
class [[nodiscard]] expected<void, E> {
public:
    using value_type = void;
    using error_type = E;

    expected() noexcept = default;
    expected(E error) : error_(std::move(error)) {}

    bool has_value() const noexcept { return !error_; }
    explicit operator bool() const noexcept { return has_value(); }
    void value() const {
        if (error_) throw std::logic_error("expected<void>::value() on a failure");
    }

    E& error() & noexcept { return *error_; }
    const E& error() const& noexcept { return *error_; }
    E&& error() && noexcept { return std::move(*error_); }

private:
    std::optional<E> error_;
};

}  // namespace communique::detail
