#ifndef GROUPSPARSE_GROUP_ENERGY_H
#define GROUPSPARSE_GROUP_ENERGY_H

#include "kernels_internal.h"

// The group sums of group shrinkage, shared by its forward and adjoint kernels so that both see the
// same bits. Each sum runs over the members in order, without fused operations, in every set.

/// `s_i = sum_l S_il`.
static inline float gs_weight_sum(const gs_group_table *groups, size_t row) {
    const float *weights = groups->weights + row * groups->neighbour_count;
    float sum = 0.0f;
    for (size_t member = 0; member < groups->neighbour_count; member++) sum += weights[member];
    return sum;
}

/// The first entry of member `member`'s code in the group of `row`.
static inline const float *gs_member_code(const gs_group_table *groups, size_t row, size_t member) {
    size_t index = (size_t)groups->indices[row * groups->neighbour_count + member];
    return groups->betas + index * groups->atom_count;
}

/// `n_i[atom] = sum_l S_il beta_l[atom]^2`.
static inline float gs_energy(const gs_group_table *groups, size_t row, size_t atom) {
    float energy = 0.0f;
    for (size_t member = 0; member < groups->neighbour_count; member++) {
        float beta = gs_member_code(groups, row, member)[atom];
        float weighted = groups->weights[row * groups->neighbour_count + member] * beta;
        energy += weighted * beta;
    }
    return energy;
}

#if defined(GS_X86_KERNELS)
/// `n_i` for the eight atoms from `atom`.
GS_AVX2 static inline __m256 gs_energy8(const gs_group_table *groups, size_t row, size_t atom) {
    __m256 energy = _mm256_setzero_ps();
    for (size_t member = 0; member < groups->neighbour_count; member++) {
        __m256 beta = _mm256_loadu_ps(gs_member_code(groups, row, member) + atom);
        __m256 weight = _mm256_set1_ps(groups->weights[row * groups->neighbour_count + member]);
        energy = _mm256_add_ps(energy, _mm256_mul_ps(_mm256_mul_ps(weight, beta), beta));
    }
    return energy;
}

/// `n_i` for the atoms from `atom` in `lanes` (0 elsewhere).
GS_AVX512 static inline __m512 gs_energy16(const gs_group_table *groups, size_t row, size_t atom, __mmask16 lanes) {
    __m512 energy = _mm512_setzero_ps();
    for (size_t member = 0; member < groups->neighbour_count; member++) {
        __m512 beta = _mm512_maskz_loadu_ps(lanes, gs_member_code(groups, row, member) + atom);
        __m512 weight = _mm512_set1_ps(groups->weights[row * groups->neighbour_count + member]);
        energy = _mm512_add_ps(energy, _mm512_mul_ps(_mm512_mul_ps(weight, beta), beta));
    }
    return energy;
}
#endif

#endif
