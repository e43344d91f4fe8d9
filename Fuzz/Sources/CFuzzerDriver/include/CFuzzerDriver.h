#ifndef FOCAL_C_FUZZER_DRIVER_H
#define FOCAL_C_FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (from the toolchain's libclang_rt.fuzzer, linked by -sanitize=fuzzer):
/// parses libFuzzer's command line and runs `callback` on each input.
///
/// The fuzz targets call it from their own `main`, because SwiftPM renames an executable's
/// `main` (for testing) and so libFuzzer's `main` cannot be the entry point.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
