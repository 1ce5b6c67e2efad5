#include "similarity_pairs.h"

// The vector sets keep the scalar set's order over rows and members for every q, but fuse the
// multiply and add of each term, so their sums differ from the scalar set's in the last bits.

/// Whether a pair's weight depends on kappa and its gradient contributes: self pairs and clamped
/// pairs have weight exactly one.
static inline int gs_pair_counts(float weight, float gradient) { return weight < 1.0f && gradient != 0.0f; }

static void similarity_kappa_gradient_scalar(
    const float *pilot, size_t m, const int32_t *indices, size_t k, const float *kappa, float bias,
    const float *weights, const float *weight_gradient, size_t first, size_t count, float *partial
) {
    for (size_t row = first; row < first + count; row++) {
        const float *x = pilot + row * m;
        for (size_t member = 0; member < k; member++) {
            size_t position = row * k + member;
            if (!gs_pair_counts(weights[position], weight_gradient[position])) continue;
            const float *other = pilot + (size_t)indices[position] * m;
            float scale = -2.0f * weights[position] * weight_gradient[position];
            for (size_t q = 0; q < m; q++) {
                float difference = x[q] - other[q];
                partial[q] += scale * kappa[q] * (difference * difference - bias);
            }
        }
    }
}

#if defined(GS_X86_KERNELS)
// One band of q at a time, kept in a register over all pairs of the rows.
GS_AVX512 static void similarity_kappa_gradient_avx512(
    const float *pilot, size_t m, const int32_t *indices, size_t k, const float *kappa, float bias,
    const float *weights, const float *weight_gradient, size_t first, size_t count, float *partial
) {
    const __m512 biases = _mm512_set1_ps(bias);
    for (size_t q = 0; q < m; q += 16) {
        __mmask16 lanes = gs_lanes16(m - q);
        const __m512 scales = _mm512_maskz_loadu_ps(lanes, kappa + q);
        __m512 sum = _mm512_maskz_loadu_ps(lanes, partial + q);
        for (size_t row = first; row < first + count; row++) {
            const __m512 x = _mm512_maskz_loadu_ps(lanes, pilot + row * m + q);
            for (size_t member = 0; member < k; member++) {
                size_t position = row * k + member;
                if (!gs_pair_counts(weights[position], weight_gradient[position])) continue;
                const float *other = pilot + (size_t)indices[position] * m;
                __m512 scale = _mm512_set1_ps(-2.0f * weights[position] * weight_gradient[position]);
                __m512 term = gs_biased_square16(x, _mm512_maskz_loadu_ps(lanes, other + q), biases);
                sum = _mm512_fmadd_ps(_mm512_mul_ps(scale, scales), term, sum);
            }
        }
        _mm512_mask_storeu_ps(partial + q, lanes, sum);
    }
}

GS_AVX2 static void similarity_kappa_gradient_avx2(
    const float *pilot, size_t m, const int32_t *indices, size_t k, const float *kappa, float bias,
    const float *weights, const float *weight_gradient, size_t first, size_t count, float *partial
) {
    const __m256 biases = _mm256_set1_ps(bias);
    for (size_t q = 0; q < m; q += 8) {
        __m256i lanes = gs_lanes8(m - q);
        const __m256 scales = _mm256_maskload_ps(kappa + q, lanes);
        __m256 sum = _mm256_maskload_ps(partial + q, lanes);
        for (size_t row = first; row < first + count; row++) {
            const __m256 x = _mm256_maskload_ps(pilot + row * m + q, lanes);
            for (size_t member = 0; member < k; member++) {
                size_t position = row * k + member;
                if (!gs_pair_counts(weights[position], weight_gradient[position])) continue;
                const float *other = pilot + (size_t)indices[position] * m;
                __m256 scale = _mm256_set1_ps(-2.0f * weights[position] * weight_gradient[position]);
                __m256 term = gs_biased_square8(x, _mm256_maskload_ps(other + q, lanes), biases);
                sum = _mm256_fmadd_ps(_mm256_mul_ps(scale, scales), term, sum);
            }
        }
        _mm256_maskstore_ps(partial + q, lanes, sum);
    }
}
#endif

void gs_similarity_kappa_gradient(
    const float *pilot, size_t patch_length, const int32_t *indices, size_t neighbour_count,
    const float *kappa, float bias, const float *weights, const float *weight_gradient,
    size_t first_row, size_t row_count, float *partial
) {
    GS_DISPATCH(similarity_kappa_gradient, pilot, patch_length, indices, neighbour_count, kappa, bias,
                weights, weight_gradient, first_row, row_count, partial);
}
