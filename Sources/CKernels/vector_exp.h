#ifndef GROUPSPARSE_VECTOR_EXP_H
#define GROUPSPARSE_VECTOR_EXP_H

#include "kernels_internal.h"

// e^x for a register of floats, within about one ulp of the exact value over [-150, 88.5], where
// inputs below the range give 0 and the result underflows gradually below FLT_MIN. The scalar set
// calls expf instead; these exist because libm has no vector entry point that the package can rely
// on. The method: x = n ln2 + r with n an integer and |r| <= ln2 / 2 (ln2 split in two so that n ln2
// is exact), e^r by its Taylor polynomial of degree 7 (truncation below 6e-9 relative), and 2^n
// applied as two factors that stay normal when 2^n alone would not.

#if defined(GS_X86_KERNELS)
#define GS_EXP_LOG2E 1.44269504088896341f
#define GS_EXP_LN2_HI 0.693145751953125f /* 16 significant bits: n * hi is exact for |n| < 256 */
#define GS_EXP_LN2_LO 1.42860682030941723212e-6f
#define GS_EXP_LOWEST -150.0f
#define GS_EXP_HIGHEST 88.5f

GS_AVX512 static inline __m512 gs_exp16(__m512 x) {
    x = _mm512_min_ps(_mm512_max_ps(x, _mm512_set1_ps(GS_EXP_LOWEST)), _mm512_set1_ps(GS_EXP_HIGHEST));
    __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(GS_EXP_LOG2E)),
                                    _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(GS_EXP_LN2_HI), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(GS_EXP_LN2_LO), r);
    __m512 p = _mm512_set1_ps(1.0f / 5040.0f);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 720.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    __m512i exponent = _mm512_cvtps_epi32(n);
    __m512i half = _mm512_srai_epi32(exponent, 1);
    __m512i rest = _mm512_sub_epi32(exponent, half);
    const __m512i bias = _mm512_set1_epi32(127);
    __m512 first = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(half, bias), 23));
    __m512 second = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(rest, bias), 23));
    return _mm512_mul_ps(_mm512_mul_ps(p, first), second);
}

GS_AVX2 static inline __m256 gs_exp8(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(GS_EXP_LOWEST)), _mm256_set1_ps(GS_EXP_HIGHEST));
    __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(GS_EXP_LOG2E)),
                               _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(GS_EXP_LN2_HI), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(GS_EXP_LN2_LO), r);
    __m256 p = _mm256_set1_ps(1.0f / 5040.0f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 720.0f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 120.0f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 24.0f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 6.0f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
    __m256i exponent = _mm256_cvtps_epi32(n);
    __m256i half = _mm256_srai_epi32(exponent, 1);
    __m256i rest = _mm256_sub_epi32(exponent, half);
    const __m256i bias = _mm256_set1_epi32(127);
    __m256 first = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(half, bias), 23));
    __m256 second = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(rest, bias), 23));
    return _mm256_mul_ps(_mm256_mul_ps(p, first), second);
}
#endif

#endif
