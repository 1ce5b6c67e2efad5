#include "kernels_internal.h"

static inline void soft_threshold_adjoint_value(
    float value, float threshold, float sigma, float *gradient, float *offset_gradient, float *slope_gradient
) {
    float magnitude = __builtin_fabsf(value);
    if (magnitude > threshold) {
        float threshold_gradient = value > 0 ? -*gradient : *gradient;
        *offset_gradient += threshold_gradient;
        *slope_gradient += threshold_gradient * sigma;
    } else {
        *gradient = 0.0f;
    }
}

static void soft_threshold_adjoint_scalar(
    const float *z, const float *lambda, float sigma, size_t rows, size_t p,
    float *g, float *offset_gradient, float *slope_gradient
) {
    for (size_t row = 0; row < rows; row++) {
        for (size_t atom = 0; atom < p; atom++) {
            soft_threshold_adjoint_value(z[row * p + atom], lambda[atom], sigma, g + row * p + atom,
                                         offset_gradient + atom, slope_gradient + atom);
        }
    }
}

#if defined(GS_X86_KERNELS)
// The sums over rows stay in row order for each atom; only atoms are processed side by side. Lanes
// that do not pass the threshold keep their sums untouched (adding 0 would turn -0 into +0).
GS_AVX2 static void soft_threshold_adjoint_avx2(
    const float *z, const float *lambda, float sigma, size_t rows, size_t p,
    float *g, float *offset_gradient, float *slope_gradient
) {
    const __m256 sign = _mm256_set1_ps(-0.0f), scale = _mm256_set1_ps(sigma);
    for (size_t row = 0; row < rows; row++) {
        const float *zRow = z + row * p;
        float *gRow = g + row * p;
        size_t atom = 0;
        for (; atom + 8 <= p; atom += 8) {
            __m256 value = _mm256_loadu_ps(zRow + atom), gradient = _mm256_loadu_ps(gRow + atom);
            __m256 active = _mm256_cmp_ps(_mm256_andnot_ps(sign, value), _mm256_loadu_ps(lambda + atom), _CMP_GT_OQ);
            __m256 positive = _mm256_cmp_ps(value, _mm256_setzero_ps(), _CMP_GT_OQ);
            __m256 thresholdGradient = _mm256_xor_ps(gradient, _mm256_and_ps(positive, sign));
            __m256 offsets = _mm256_loadu_ps(offset_gradient + atom);
            __m256 slopes = _mm256_loadu_ps(slope_gradient + atom);
            offsets = _mm256_blendv_ps(offsets, _mm256_add_ps(offsets, thresholdGradient), active);
            slopes = _mm256_blendv_ps(slopes, _mm256_add_ps(slopes, _mm256_mul_ps(thresholdGradient, scale)), active);
            _mm256_storeu_ps(offset_gradient + atom, offsets);
            _mm256_storeu_ps(slope_gradient + atom, slopes);
            _mm256_storeu_ps(gRow + atom, gs_where8(active, gradient));
        }
        for (; atom < p; atom++) {
            soft_threshold_adjoint_value(zRow[atom], lambda[atom], sigma, gRow + atom,
                                         offset_gradient + atom, slope_gradient + atom);
        }
    }
}

GS_AVX512 static void soft_threshold_adjoint_avx512(
    const float *z, const float *lambda, float sigma, size_t rows, size_t p,
    float *g, float *offset_gradient, float *slope_gradient
) {
    const __m512 sign = _mm512_set1_ps(-0.0f), scale = _mm512_set1_ps(sigma);
    for (size_t row = 0; row < rows; row++) {
        const float *zRow = z + row * p;
        float *gRow = g + row * p;
        for (size_t atom = 0; atom < p; atom += 16) {
            __mmask16 lanes = gs_lanes16(p - atom);
            __m512 value = _mm512_maskz_loadu_ps(lanes, zRow + atom);
            __m512 gradient = _mm512_maskz_loadu_ps(lanes, gRow + atom);
            __m512 threshold = _mm512_maskz_loadu_ps(lanes, lambda + atom);
            __mmask16 active = _mm512_mask_cmp_ps_mask(lanes, _mm512_andnot_ps(sign, value), threshold, _CMP_GT_OQ);
            __mmask16 positive = _mm512_cmp_ps_mask(value, _mm512_setzero_ps(), _CMP_GT_OQ);
            __m512 thresholdGradient = _mm512_mask_xor_ps(gradient, positive, gradient, sign);
            __m512 offsets = _mm512_maskz_loadu_ps(lanes, offset_gradient + atom);
            __m512 slopes = _mm512_maskz_loadu_ps(lanes, slope_gradient + atom);
            offsets = _mm512_mask_add_ps(offsets, active, offsets, thresholdGradient);
            slopes = _mm512_mask_add_ps(slopes, active, slopes, _mm512_mul_ps(thresholdGradient, scale));
            _mm512_mask_storeu_ps(offset_gradient + atom, lanes, offsets);
            _mm512_mask_storeu_ps(slope_gradient + atom, lanes, slopes);
            _mm512_mask_storeu_ps(gRow + atom, lanes, _mm512_maskz_mov_ps(active, gradient));
        }
    }
}
#endif

void gs_soft_threshold_adjoint(
    const float *z, const float *lambda, float sigma, size_t rows, size_t atoms,
    float *code_gradient, float *offset_gradient, float *slope_gradient
) {
    GS_DISPATCH(soft_threshold_adjoint, z, lambda, sigma, rows, atoms, code_gradient, offset_gradient, slope_gradient);
}
