#include "similarity_pairs.h"
#include "vector_exp.h"

#include <math.h>

// The vector sets sum the exponent lane-wise and use their own e^x, so their weights differ from the
// scalar set's by the rounding of the exponent's terms and an ulp or two of the exponential.

/// The member slots whose exponents one vector call of e^x handles at a time.
#define GS_MEMBER_BLOCK 16

static void similarity_weights_scalar(
    const float *pilot, size_t m, const int32_t *indices, size_t k, const float *kappa, float bias,
    size_t first, size_t count, float *weights
) {
    for (size_t row = first; row < first + count; row++) {
        const float *x = pilot + row * m;
        for (size_t member = 0; member < k; member++) {
            const float *other = pilot + (size_t)indices[row * k + member] * m;
            float exponent = 0.0f;
            for (size_t q = 0; q < m; q++) {
                float difference = x[q] - other[q];
                exponent += kappa[q] * kappa[q] * (difference * difference - bias);
            }
            weights[row * k + member] = expf(-(exponent >= 0.0f ? exponent : 0.0f));
        }
    }
}

#if defined(GS_X86_KERNELS)
GS_AVX512 static void similarity_weights_avx512(
    const float *pilot, size_t m, const int32_t *indices, size_t k, const float *kappa, float bias,
    size_t first, size_t count, float *weights
) {
    const __m512 biases = _mm512_set1_ps(bias);
    float exponents[GS_MEMBER_BLOCK];
    for (size_t row = first; row < first + count; row++) {
        const float *x = pilot + row * m;
        for (size_t block = 0; block < k; block += GS_MEMBER_BLOCK) {
            size_t members = k - block < GS_MEMBER_BLOCK ? k - block : GS_MEMBER_BLOCK;
            for (size_t member = 0; member < members; member++) {
                const float *other = pilot + (size_t)indices[row * k + block + member] * m;
                __m512 sum = _mm512_setzero_ps();
                for (size_t q = 0; q < m; q += 16) {
                    __mmask16 lanes = gs_lanes16(m - q);
                    __m512 scale = _mm512_maskz_loadu_ps(lanes, kappa + q);
                    __m512 term = gs_biased_square16(_mm512_maskz_loadu_ps(lanes, x + q),
                                                     _mm512_maskz_loadu_ps(lanes, other + q), biases);
                    sum = _mm512_fmadd_ps(_mm512_mul_ps(scale, scale), term, sum);
                }
                exponents[member] = _mm512_reduce_add_ps(sum);
            }
            __mmask16 lanes = gs_lanes16(members);
            // max(e, 0) takes 0 for a NaN exponent, as the scalar comparison does.
            __m512 clamped = _mm512_max_ps(_mm512_maskz_loadu_ps(lanes, exponents), _mm512_setzero_ps());
            __m512 weight = gs_exp16(_mm512_sub_ps(_mm512_setzero_ps(), clamped));
            _mm512_mask_storeu_ps(weights + row * k + block, lanes, weight);
        }
    }
}

GS_AVX2 static void similarity_weights_avx2(
    const float *pilot, size_t m, const int32_t *indices, size_t k, const float *kappa, float bias,
    size_t first, size_t count, float *weights
) {
    const __m256 biases = _mm256_set1_ps(bias);
    float exponents[8];
    float block_weights[8];
    for (size_t row = first; row < first + count; row++) {
        const float *x = pilot + row * m;
        for (size_t block = 0; block < k; block += 8) {
            size_t members = k - block < 8 ? k - block : 8;
            for (size_t member = 0; member < 8; member++) exponents[member] = 0.0f;
            for (size_t member = 0; member < members; member++) {
                const float *other = pilot + (size_t)indices[row * k + block + member] * m;
                __m256 sum = _mm256_setzero_ps();
                for (size_t q = 0; q < m; q += 8) {
                    __m256i lanes = gs_lanes8(m - q);
                    __m256 scale = _mm256_maskload_ps(kappa + q, lanes);
                    __m256 term = gs_biased_square8(_mm256_maskload_ps(x + q, lanes),
                                                    _mm256_maskload_ps(other + q, lanes), biases);
                    sum = _mm256_fmadd_ps(_mm256_mul_ps(scale, scale), term, sum);
                }
                exponents[member] = gs_sum8(sum);
            }
            __m256 clamped = _mm256_max_ps(_mm256_loadu_ps(exponents), _mm256_setzero_ps());
            _mm256_storeu_ps(block_weights, gs_exp8(_mm256_sub_ps(_mm256_setzero_ps(), clamped)));
            for (size_t member = 0; member < members; member++) weights[row * k + block + member] = block_weights[member];
        }
    }
}
#endif

void gs_similarity_weights(
    const float *pilot, size_t patch_length, const int32_t *indices, size_t neighbour_count,
    const float *kappa, float bias, size_t first_row, size_t row_count, float *weights
) {
    GS_DISPATCH(similarity_weights, pilot, patch_length, indices, neighbour_count, kappa, bias,
                first_row, row_count, weights);
}
