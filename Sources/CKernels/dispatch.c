#include "kernels_internal.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

int gs_kernels_cpu_supports(gs_kernel_set set) {
    switch (set) {
    case GS_KERNELS_SCALAR:
        return 1;
#if defined(GS_X86_KERNELS)
    // __builtin_cpu_supports also checks that the OS saves the wider registers (XGETBV).
    case GS_KERNELS_AVX2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case GS_KERNELS_AVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")
            && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
#endif
    default:
        return 0;
    }
}

/// The best set at or below `set` that the CPU supports; the scalar set always is.
static gs_kernel_set gs_kernels_select_supported(gs_kernel_set set) {
    for (int candidate = (int)set; candidate > GS_KERNELS_SCALAR; candidate--) {
        if (gs_kernels_cpu_supports((gs_kernel_set)candidate)) return (gs_kernel_set)candidate;
    }
    return GS_KERNELS_SCALAR;
}

gs_kernel_set gs_kernels_best(void) {
    return gs_kernels_select_supported(GS_KERNELS_AVX512);
}

gs_kernel_set gs_kernels_resolve(const char *request) {
    if (request != NULL) {
        if (strcmp(request, "scalar") == 0) return GS_KERNELS_SCALAR;
        if (strcmp(request, "avx2") == 0) return gs_kernels_select_supported(GS_KERNELS_AVX2);
        if (strcmp(request, "avx512") == 0) return gs_kernels_select_supported(GS_KERNELS_AVX512);
    }
    return gs_kernels_best();
}

// -1 until first use. Resolving is idempotent, so threads that race on first use store the same value.
static _Atomic int active_set = -1;

gs_kernel_set gs_kernels_active(void) {
    int set = atomic_load_explicit(&active_set, memory_order_relaxed);
    if (set < 0) {
        set = (int)gs_kernels_resolve(getenv("GROUPSPARSE_KERNELS"));
        int unset = -1;
        if (!atomic_compare_exchange_strong(&active_set, &unset, set)) set = unset;
    }
    return (gs_kernel_set)set;
}

gs_kernel_set gs_kernels_select(gs_kernel_set set) {
    gs_kernel_set chosen = gs_kernels_select_supported(set);
    atomic_store(&active_set, (int)chosen);
    return chosen;
}
