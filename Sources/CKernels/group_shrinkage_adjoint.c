#include "group_energy.h"

/// One atom of the row-local adjoint; returns the atom's term of dL/ds_i, to be subtracted.
static inline float group_shrinkage_adjoint_value(
    float energy, float beta, float gradient, float threshold, float root_sum, float epsilon,
    float *beta_gradient, float *threshold_gradient, float *energy_gradient
) {
    float r = __builtin_sqrtf(energy + epsilon);
    float factor = 1.0f - threshold * root_sum / r;
    if (!(factor > 0)) {
        *beta_gradient = 0.0f;
        *energy_gradient = 0.0f;
        return 0.0f;
    }
    float h = gradient * beta;
    *beta_gradient = gradient * factor;
    *threshold_gradient -= h * root_sum / r;
    *energy_gradient = h * threshold * root_sum / (2 * r * r * r);
    return h * threshold / (2 * root_sum * r);
}

static void group_shrinkage_adjoint_scalar(
    const gs_group_table *groups, const float *lambda, float epsilon, size_t first, size_t count,
    const float *g, float *g_beta, float *g_lambda, float *g_n, float *g_s
) {
    const size_t p = groups->atom_count;
    for (size_t row = first; row < first + count; row++) {
        float root_sum = __builtin_sqrtf(gs_weight_sum(groups, row));
        size_t at = row * p;
        float sum_gradient = 0.0f;
        for (size_t atom = 0; atom < p; atom++) {
            sum_gradient -= group_shrinkage_adjoint_value(
                gs_energy(groups, row, atom), groups->betas[at + atom], g[at + atom], lambda[atom], root_sum,
                epsilon, g_beta + at + atom, g_lambda + atom, g_n + at + atom);
        }
        g_s[row] = sum_gradient;
    }
}

#if defined(GS_X86_KERNELS)
GS_AVX2 static void group_shrinkage_adjoint_avx2(
    const gs_group_table *groups, const float *lambda, float epsilon, size_t first, size_t count,
    const float *g, float *g_beta, float *g_lambda, float *g_n, float *g_s
) {
    const size_t p = groups->atom_count;
    const __m256 one = _mm256_set1_ps(1.0f), two = _mm256_set1_ps(2.0f), eps = _mm256_set1_ps(epsilon);
    for (size_t row = first; row < first + count; row++) {
        float root_sum = __builtin_sqrtf(gs_weight_sum(groups, row));
        const __m256 rootSum = _mm256_set1_ps(root_sum);
        size_t at = row * p;
        __m256 sumGradient = _mm256_setzero_ps();
        size_t atom = 0;
        for (; atom + 8 <= p; atom += 8) {
            __m256 r = _mm256_sqrt_ps(_mm256_add_ps(gs_energy8(groups, row, atom), eps));
            __m256 threshold = _mm256_loadu_ps(lambda + atom);
            __m256 factor = _mm256_sub_ps(one, _mm256_div_ps(_mm256_mul_ps(threshold, rootSum), r));
            __m256 active = _mm256_cmp_ps(factor, _mm256_setzero_ps(), _CMP_GT_OQ);
            __m256 gradient = _mm256_loadu_ps(g + at + atom);
            __m256 h = _mm256_mul_ps(gradient, _mm256_loadu_ps(groups->betas + at + atom));
            __m256 ht = _mm256_mul_ps(h, threshold);
            _mm256_storeu_ps(g_beta + at + atom, gs_where8(active, _mm256_mul_ps(gradient, factor)));
            __m256 thresholdTerm = gs_where8(active, _mm256_div_ps(_mm256_mul_ps(h, rootSum), r));
            _mm256_storeu_ps(g_lambda + atom, _mm256_sub_ps(_mm256_loadu_ps(g_lambda + atom), thresholdTerm));
            __m256 cube = _mm256_mul_ps(_mm256_mul_ps(_mm256_mul_ps(two, r), r), r);
            _mm256_storeu_ps(g_n + at + atom, gs_where8(active, _mm256_div_ps(_mm256_mul_ps(ht, rootSum), cube)));
            __m256 sumTerm = _mm256_div_ps(ht, _mm256_mul_ps(_mm256_mul_ps(two, rootSum), r));
            sumGradient = _mm256_sub_ps(sumGradient, gs_where8(active, sumTerm));
        }
        float sum_gradient = gs_sum8(sumGradient);
        for (; atom < p; atom++) {
            sum_gradient -= group_shrinkage_adjoint_value(
                gs_energy(groups, row, atom), groups->betas[at + atom], g[at + atom], lambda[atom], root_sum,
                epsilon, g_beta + at + atom, g_lambda + atom, g_n + at + atom);
        }
        g_s[row] = sum_gradient;
    }
}

GS_AVX512 static void group_shrinkage_adjoint_avx512(
    const gs_group_table *groups, const float *lambda, float epsilon, size_t first, size_t count,
    const float *g, float *g_beta, float *g_lambda, float *g_n, float *g_s
) {
    const size_t p = groups->atom_count;
    const __m512 one = _mm512_set1_ps(1.0f), two = _mm512_set1_ps(2.0f), eps = _mm512_set1_ps(epsilon);
    for (size_t row = first; row < first + count; row++) {
        const __m512 rootSum = _mm512_set1_ps(__builtin_sqrtf(gs_weight_sum(groups, row)));
        size_t at = row * p;
        __m512 sumGradient = _mm512_setzero_ps();
        for (size_t atom = 0; atom < p; atom += 16) {
            __mmask16 lanes = gs_lanes16(p - atom);
            __m512 r = _mm512_sqrt_ps(_mm512_add_ps(gs_energy16(groups, row, atom, lanes), eps));
            __m512 threshold = _mm512_maskz_loadu_ps(lanes, lambda + atom);
            __m512 factor = _mm512_sub_ps(one, _mm512_div_ps(_mm512_mul_ps(threshold, rootSum), r));
            __mmask16 active = _mm512_mask_cmp_ps_mask(lanes, factor, _mm512_setzero_ps(), _CMP_GT_OQ);
            __m512 gradient = _mm512_maskz_loadu_ps(lanes, g + at + atom);
            __m512 h = _mm512_mul_ps(gradient, _mm512_maskz_loadu_ps(lanes, groups->betas + at + atom));
            __m512 ht = _mm512_mul_ps(h, threshold);
            _mm512_mask_storeu_ps(g_beta + at + atom, lanes, _mm512_maskz_mul_ps(active, gradient, factor));
            __m512 partial = _mm512_maskz_loadu_ps(lanes, g_lambda + atom);
            partial = _mm512_mask_sub_ps(partial, active, partial, _mm512_div_ps(_mm512_mul_ps(h, rootSum), r));
            _mm512_mask_storeu_ps(g_lambda + atom, lanes, partial);
            __m512 cube = _mm512_mul_ps(_mm512_mul_ps(_mm512_mul_ps(two, r), r), r);
            _mm512_mask_storeu_ps(g_n + at + atom, lanes, _mm512_maskz_div_ps(active, _mm512_mul_ps(ht, rootSum), cube));
            __m512 sumTerm = _mm512_div_ps(ht, _mm512_mul_ps(_mm512_mul_ps(two, rootSum), r));
            sumGradient = _mm512_mask_sub_ps(sumGradient, active, sumGradient, sumTerm);
        }
        g_s[row] = _mm512_reduce_add_ps(sumGradient);
    }
}
#endif

void gs_group_shrinkage_adjoint(
    const gs_group_table *groups, const float *lambda, float epsilon,
    size_t first_row, size_t row_count, const float *code_gradient,
    float *beta_gradient, float *threshold_gradient, float *energy_gradient, float *weight_sum_gradient
) {
    GS_DISPATCH(group_shrinkage_adjoint, groups, lambda, epsilon, first_row, row_count, code_gradient,
                beta_gradient, threshold_gradient, energy_gradient, weight_sum_gradient);
}
