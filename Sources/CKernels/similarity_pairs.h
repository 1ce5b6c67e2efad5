#ifndef GROUPSPARSE_SIMILARITY_PAIRS_H
#define GROUPSPARSE_SIMILARITY_PAIRS_H

#include "kernels_internal.h"

// The squared differences of two pilot patches, shared by the similarity weights and their kappa
// gradient: each term is `kappa_q^2 ((x_i - x_l)_q^2 - bias)` or, for the gradient, a scaled
// `kappa_q ((x_i - x_l)_q^2 - bias)`.

#if defined(GS_X86_KERNELS)
/// Lanes `0 ..< count` of an eight-lane register as a mask for `maskload`.
GS_AVX2 static inline __m256i gs_lanes8(size_t count) {
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(count < 8 ? count : 8)), lane);
}

/// `(x - y)^2 - bias` lane by lane, fused.
GS_AVX512 static inline __m512 gs_biased_square16(__m512 x, __m512 y, __m512 bias) {
    __m512 difference = _mm512_sub_ps(x, y);
    return _mm512_fmsub_ps(difference, difference, bias);
}

GS_AVX2 static inline __m256 gs_biased_square8(__m256 x, __m256 y, __m256 bias) {
    __m256 difference = _mm256_sub_ps(x, y);
    return _mm256_fmsub_ps(difference, difference, bias);
}
#endif

#endif
