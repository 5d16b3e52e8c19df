// The project's one non-cryptographic hash: 64-bit FNV-1a.
//
// In the bulk runner it decides whether a release is up to date (manifest)
// and which shard takes a release (--shard). None of that needs cryptographic
// strength: a collision could at worst skip one release whose input changed
// to bytes with the same hash (chance about 2^-64 per edit), and nobody
// gains anything by forging one in their own archive. What it does need is
// to be the same on every machine, compiler and run, which std::hash is not
// promised to be; FNV-1a is specified to the bit and fast enough for
// megabytes of drafts (its speed: docs/performance.md). The PDF renderer
// names subset fonts with it for the same reason: the same glyphs, the same
// tag on every machine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace communique::detail {

class fnv1a {
public:
    fnv1a& add(std::string_view bytes) noexcept {
        for (unsigned char c : bytes) {
            state_ ^= c;
            state_ *= prime;
        }
        return *this;
    }
    // Four bytes, least significant first: a number hashed the same on
    // every machine whatever its byte order.
    fnv1a& add_le32(std::uint32_t v) noexcept {
        for (int i = 0; i < 4; ++i) {
            state_ ^= (v >> (8 * i)) & 0xFF;
            state_ *= prime;
        }
        return *this;
    }
    // A field with its length in front, so that ("ab", "c") and ("a", "bc")
    // hash differently when several strings are combined.
    fnv1a& field(std::string_view bytes) noexcept {
        std::uint64_t n = bytes.size();
        for (int i = 0; i < 8; ++i) {
            state_ ^= (n >> (8 * i)) & 0xFF;
            state_ *= prime;
        }
        return add(bytes);
    }
    std::uint64_t value() const noexcept { return state_; }

private:
    static constexpr std::uint64_t prime = 0x100000001b3ULL;
    std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

inline std::uint64_t hash_bytes(std::string_view bytes) noexcept { return fnv1a().add(bytes).value(); }

// FNV-1a's low bits depend only on the low bits of the bytes (bit 0 is the
// parity of the odd bytes), so `hash % N` splits badly for small N. This
// finaliser (MurmurHash3's fmix64) spreads every bit over all the others
// before a hash is reduced modulo anything.
constexpr std::uint64_t mix(std::uint64_t h) noexcept {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

// Sixteen lower-case hex digits, as the manifest stores hashes.
inline std::string to_hex(std::uint64_t v) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = digits[v & 0xF];
    return out;
}

}  // namespace communique::detail
