#pragma once

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// The one entry point every fuzz target defines. libFuzzer calls it under clang; ReplayMain.cpp
// calls it for each corpus file under any compiler, so the corpus is a regression test too.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace qd::fuzz {

inline QByteArray bytes(const std::uint8_t* data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

// A broken promise of the code under test: abort, so libFuzzer saves the input and the replay
// test fails, whatever the build type (assert() would vanish in release builds).
[[noreturn]] inline void violated(const char* what)
{
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
}

} // namespace qd::fuzz
