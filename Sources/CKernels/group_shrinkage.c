#include "group_energy.h"

static inline float group_shrinkage_value(float beta, float energy, float threshold, float scale, float epsilon) {
    float factor = 1.0f - threshold * scale / __builtin_sqrtf(energy + epsilon);
    return factor > 0 ? beta * factor : 0.0f;
}

static void group_shrinkage_scalar(
    const gs_group_table *groups, const float *lambda, float epsilon, size_t first, size_t count, float *codes
) {
    const size_t p = groups->atom_count;
    for (size_t row = first; row < first + count; row++) {
        float scale = __builtin_sqrtf(gs_weight_sum(groups, row));
        const float *beta = groups->betas + row * p;
        for (size_t atom = 0; atom < p; atom++) {
            codes[row * p + atom] = group_shrinkage_value(
                beta[atom], gs_energy(groups, row, atom), lambda[atom], scale, epsilon);
        }
    }
}

#if defined(GS_X86_KERNELS)
GS_AVX2 static void group_shrinkage_avx2(
    const gs_group_table *groups, const float *lambda, float epsilon, size_t first, size_t count, float *codes
) {
    const size_t p = groups->atom_count;
    const __m256 one = _mm256_set1_ps(1.0f), eps = _mm256_set1_ps(epsilon);
    for (size_t row = first; row < first + count; row++) {
        float scale = __builtin_sqrtf(gs_weight_sum(groups, row));
        const __m256 scales = _mm256_set1_ps(scale);
        const float *beta = groups->betas + row * p;
        float *alpha = codes + row * p;
        size_t atom = 0;
        for (; atom + 8 <= p; atom += 8) {
            __m256 root = _mm256_sqrt_ps(_mm256_add_ps(gs_energy8(groups, row, atom), eps));
            __m256 factor = _mm256_sub_ps(one, _mm256_div_ps(_mm256_mul_ps(_mm256_loadu_ps(lambda + atom), scales), root));
            __m256 active = _mm256_cmp_ps(factor, _mm256_setzero_ps(), _CMP_GT_OQ);
            _mm256_storeu_ps(alpha + atom, gs_where8(active, _mm256_mul_ps(_mm256_loadu_ps(beta + atom), factor)));
        }
        for (; atom < p; atom++) {
            alpha[atom] = group_shrinkage_value(beta[atom], gs_energy(groups, row, atom), lambda[atom], scale, epsilon);
        }
    }
}

GS_AVX512 static void group_shrinkage_avx512(
    const gs_group_table *groups, const float *lambda, float epsilon, size_t first, size_t count, float *codes
) {
    const size_t p = groups->atom_count;
    const __m512 one = _mm512_set1_ps(1.0f), eps = _mm512_set1_ps(epsilon);
    for (size_t row = first; row < first + count; row++) {
        const __m512 scale = _mm512_set1_ps(__builtin_sqrtf(gs_weight_sum(groups, row)));
        const float *beta = groups->betas + row * p;
        for (size_t atom = 0; atom < p; atom += 16) {
            __mmask16 lanes = gs_lanes16(p - atom);
            __m512 root = _mm512_sqrt_ps(_mm512_add_ps(gs_energy16(groups, row, atom, lanes), eps));
            __m512 threshold = _mm512_maskz_loadu_ps(lanes, lambda + atom);
            __m512 factor = _mm512_sub_ps(one, _mm512_div_ps(_mm512_mul_ps(threshold, scale), root));
            __mmask16 active = _mm512_cmp_ps_mask(factor, _mm512_setzero_ps(), _CMP_GT_OQ);
            __m512 shrunk = _mm512_maskz_mul_ps(active, _mm512_maskz_loadu_ps(lanes, beta + atom), factor);
            _mm512_mask_storeu_ps(codes + row * p + atom, lanes, shrunk);
        }
    }
}
#endif

void gs_group_shrinkage(
    const gs_group_table *groups, const float *lambda, float epsilon,
    size_t first_row, size_t row_count, float *codes
) {
    GS_DISPATCH(group_shrinkage, groups, lambda, epsilon, first_row, row_count, codes);
}
