#ifndef GROUPSPARSE_FUZZER_DRIVER_H
#define GROUPSPARSE_FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (in the runtime `-sanitize=fuzzer` links): parses the libFuzzer options in
/// `argv` and fuzzes `callback`, as libFuzzer's own `main` would.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
