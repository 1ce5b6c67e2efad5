#ifndef GROUPSPARSE_KERNELS_INTERNAL_H
#define GROUPSPARSE_KERNELS_INTERNAL_H

#include "CKernels.h"

// The scalar code is the reference the vector code must reproduce bit for bit, so no multiply and
// add may be fused behind its back; the vector code asks for fused operations explicitly.
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)
#include <immintrin.h>
#define GS_X86_KERNELS 1
#define GS_AVX2 __attribute__((target("avx2,fma")))
#define GS_AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl")))

/// Lanes `0 ..< count` of a 16-lane register, for the last partial block of a row.
static inline __mmask16 gs_lanes16(size_t count) {
    return count >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << count) - 1u);
}

/// The sum of the eight lanes, pairwise.
GS_AVX2 static inline float gs_sum8(__m256 value) {
    __m128 half = _mm_add_ps(_mm256_castps256_ps128(value), _mm256_extractf128_ps(value, 1));
    half = _mm_add_ps(half, _mm_movehl_ps(half, half));
    half = _mm_add_ss(half, _mm_movehdup_ps(half));
    return _mm_cvtss_f32(half);
}

/// `mask ? value : 0`, lane by lane.
GS_AVX2 static inline __m256 gs_where8(__m256 mask, __m256 value) { return _mm256_and_ps(mask, value); }
#endif

/// Calls `name_avx512`, `name_avx2` or `name_scalar` with the arguments, following `gs_kernels_active()`.
#if defined(GS_X86_KERNELS)
#define GS_DISPATCH(name, ...)                                                        \
    switch (gs_kernels_active()) {                                                    \
    case GS_KERNELS_AVX512: name##_avx512(__VA_ARGS__); break;                        \
    case GS_KERNELS_AVX2: name##_avx2(__VA_ARGS__); break;                            \
    default: name##_scalar(__VA_ARGS__); break;                                       \
    }
/// The version of `name` for the active set, as a function pointer.
#define GS_SELECT(name)                                                                \
    (gs_kernels_active() == GS_KERNELS_AVX512 ? name##_avx512                         \
     : gs_kernels_active() == GS_KERNELS_AVX2 ? name##_avx2 : name##_scalar)
#else
#define GS_DISPATCH(name, ...) name##_scalar(__VA_ARGS__)
#define GS_SELECT(name) (name##_scalar)
#endif

#endif
