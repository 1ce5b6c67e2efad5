#include "kernels_internal.h"

static inline float soft_threshold_value(float value, float threshold) {
    if (value > threshold) return value - threshold;
    if (value < -threshold) return value + threshold;
    return 0.0f;
}

static void soft_threshold_scalar(const float *z, const float *lambda, size_t rows, size_t p, float *codes) {
    for (size_t row = 0; row < rows; row++) {
        for (size_t atom = 0; atom < p; atom++) {
            codes[row * p + atom] = soft_threshold_value(z[row * p + atom], lambda[atom]);
        }
    }
}

#if defined(GS_X86_KERNELS)
GS_AVX2 static void soft_threshold_avx2(const float *z, const float *lambda, size_t rows, size_t p, float *codes) {
    const __m256 sign = _mm256_set1_ps(-0.0f);
    for (size_t row = 0; row < rows; row++) {
        const float *zRow = z + row * p;
        float *alpha = codes + row * p;
        size_t atom = 0;
        for (; atom + 8 <= p; atom += 8) {
            __m256 value = _mm256_loadu_ps(zRow + atom), threshold = _mm256_loadu_ps(lambda + atom);
            __m256 above = _mm256_cmp_ps(value, threshold, _CMP_GT_OQ);
            __m256 below = _mm256_cmp_ps(value, _mm256_xor_ps(threshold, sign), _CMP_LT_OQ);
            // `above` wins where both hold (a negative threshold), as in the scalar code.
            __m256 result = gs_where8(below, _mm256_add_ps(value, threshold));
            result = _mm256_blendv_ps(result, _mm256_sub_ps(value, threshold), above);
            _mm256_storeu_ps(alpha + atom, result);
        }
        for (; atom < p; atom++) alpha[atom] = soft_threshold_value(zRow[atom], lambda[atom]);
    }
}

GS_AVX512 static void soft_threshold_avx512(const float *z, const float *lambda, size_t rows, size_t p, float *codes) {
    for (size_t row = 0; row < rows; row++) {
        const float *zRow = z + row * p;
        float *alpha = codes + row * p;
        for (size_t atom = 0; atom < p; atom += 16) {
            __mmask16 lanes = gs_lanes16(p - atom);
            __m512 value = _mm512_maskz_loadu_ps(lanes, zRow + atom);
            __m512 threshold = _mm512_maskz_loadu_ps(lanes, lambda + atom);
            __mmask16 above = _mm512_cmp_ps_mask(value, threshold, _CMP_GT_OQ);
            __mmask16 below = _mm512_cmp_ps_mask(value, _mm512_xor_ps(threshold, _mm512_set1_ps(-0.0f)), _CMP_LT_OQ);
            __m512 result = _mm512_maskz_add_ps(below, value, threshold);
            result = _mm512_mask_sub_ps(result, above, value, threshold);
            _mm512_mask_storeu_ps(alpha + atom, lanes, result);
        }
    }
}
#endif

void gs_soft_threshold(const float *z, const float *lambda, size_t rows, size_t atoms, float *codes) {
    GS_DISPATCH(soft_threshold, z, lambda, rows, atoms, codes);
}
