#pragma once

// Whether this build runs under AddressSanitizer (scripts/test --sanitize). A few tests bound
// wall-clock stalls or memory growth of the real build; under ASan code runs two to three
// times slower and freed memory sits in a quarantine, so those bounds are scaled or the
// memory check is reported instead of asserted there. Everything else is asserted the same.

namespace qd::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

// Scale for time bounds: the instrumented build's slowdown.
inline constexpr int kSanitizerSlowdown = kSanitized ? 3 : 1;

} // namespace qd::test
