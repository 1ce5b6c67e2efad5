#include "group_energy.h"

// The parts of the group-shrinkage adjoint that reach the other members of each group: the gradient
// of the weights, and the energy term of the codes gathered through the transposed group relation.
// The loops over rows and members are shared; only the loops over atoms differ between sets.

/// `sum_j g_n[j] * beta[j]^2`.
typedef float (*weighted_energy_kernel)(const float *g_n, const float *beta, size_t p);

/// `g_beta[j] += sum over slots of 2 S_slot * beta[j] * g_n[row(slot), j]`, slot after slot.
typedef void (*gather_kernel)(const gs_group_table *groups, const int32_t *slots, size_t slot_count,
                              const float *beta, const float *g_n, float *g_beta);

static float weighted_energy_scalar(const float *g_n, const float *beta, size_t p) {
    float sum = 0.0f;
    for (size_t atom = 0; atom < p; atom++) sum += g_n[atom] * beta[atom] * beta[atom];
    return sum;
}

static void gather_atoms_scalar(const gs_group_table *groups, const int32_t *slots, size_t slot_count,
                                const float *beta, const float *g_n, float *g_beta, size_t first_atom) {
    const size_t k = groups->neighbour_count, p = groups->atom_count;
    for (size_t atom = first_atom; atom < p; atom++) {
        for (size_t slot = 0; slot < slot_count; slot++) {
            size_t position = (size_t)slots[slot];
            g_beta[atom] += 2 * groups->weights[position] * beta[atom] * g_n[(position / k) * p + atom];
        }
    }
}

static void gather_scalar(const gs_group_table *groups, const int32_t *slots, size_t slot_count,
                          const float *beta, const float *g_n, float *g_beta) {
    gather_atoms_scalar(groups, slots, slot_count, beta, g_n, g_beta, 0);
}

#if defined(GS_X86_KERNELS)
GS_AVX2 static float weighted_energy_avx2(const float *g_n, const float *beta, size_t p) {
    __m256 lanes = _mm256_setzero_ps();
    size_t atom = 0;
    for (; atom + 8 <= p; atom += 8) {
        __m256 value = _mm256_loadu_ps(beta + atom);
        lanes = _mm256_fmadd_ps(_mm256_mul_ps(_mm256_loadu_ps(g_n + atom), value), value, lanes);
    }
    return gs_sum8(lanes) + weighted_energy_scalar(g_n + atom, beta + atom, p - atom);
}

GS_AVX512 static float weighted_energy_avx512(const float *g_n, const float *beta, size_t p) {
    __m512 lanes = _mm512_setzero_ps();
    for (size_t atom = 0; atom < p; atom += 16) {
        __mmask16 valid = gs_lanes16(p - atom);
        __m512 value = _mm512_maskz_loadu_ps(valid, beta + atom);
        lanes = _mm512_fmadd_ps(_mm512_mul_ps(_mm512_maskz_loadu_ps(valid, g_n + atom), value), value, lanes);
    }
    return _mm512_reduce_add_ps(lanes);
}

// The gathers keep a block of atoms in a register across the slots, so each code is read once.
GS_AVX2 static void gather_avx2(const gs_group_table *groups, const int32_t *slots, size_t slot_count,
                                const float *beta, const float *g_n, float *g_beta) {
    const size_t k = groups->neighbour_count, p = groups->atom_count;
    size_t atom = 0;
    for (; atom + 8 <= p; atom += 8) {
        __m256 value = _mm256_loadu_ps(beta + atom), sum = _mm256_loadu_ps(g_beta + atom);
        for (size_t slot = 0; slot < slot_count; slot++) {
            size_t position = (size_t)slots[slot];
            __m256 weighted = _mm256_mul_ps(_mm256_set1_ps(2 * groups->weights[position]), value);
            sum = _mm256_fmadd_ps(weighted, _mm256_loadu_ps(g_n + (position / k) * p + atom), sum);
        }
        _mm256_storeu_ps(g_beta + atom, sum);
    }
    gather_atoms_scalar(groups, slots, slot_count, beta, g_n, g_beta, atom);
}

GS_AVX512 static void gather_avx512(const gs_group_table *groups, const int32_t *slots, size_t slot_count,
                                    const float *beta, const float *g_n, float *g_beta) {
    const size_t k = groups->neighbour_count, p = groups->atom_count;
    for (size_t atom = 0; atom < p; atom += 16) {
        __mmask16 valid = gs_lanes16(p - atom);
        __m512 value = _mm512_maskz_loadu_ps(valid, beta + atom);
        __m512 sum = _mm512_maskz_loadu_ps(valid, g_beta + atom);
        for (size_t slot = 0; slot < slot_count; slot++) {
            size_t position = (size_t)slots[slot];
            __m512 weighted = _mm512_mul_ps(_mm512_set1_ps(2 * groups->weights[position]), value);
            sum = _mm512_fmadd_ps(weighted, _mm512_maskz_loadu_ps(valid, g_n + (position / k) * p + atom), sum);
        }
        _mm512_mask_storeu_ps(g_beta + atom, valid, sum);
    }
}
#endif

void gs_group_weight_gradient(
    const gs_group_table *groups, size_t first_row, size_t row_count,
    const float *energy_gradient, const float *weight_sum_gradient, float *weight_gradient
) {
    const weighted_energy_kernel weighted_energy = GS_SELECT(weighted_energy);
    const size_t k = groups->neighbour_count, p = groups->atom_count;
    for (size_t row = first_row; row < first_row + row_count; row++) {
        for (size_t member = 0; member < k; member++) {
            float sum = weighted_energy(energy_gradient + row * p, gs_member_code(groups, row, member), p);
            weight_gradient[row * k + member] += weight_sum_gradient[row] + sum;
        }
    }
}

void gs_group_energy_gather(
    const gs_group_table *groups, const int32_t *offsets, const int32_t *positions,
    size_t first_row, size_t row_count, const float *energy_gradient, float *beta_gradient
) {
    const gather_kernel gather = GS_SELECT(gather);
    const size_t p = groups->atom_count;
    for (size_t member = first_row; member < first_row + row_count; member++) {
        gather(groups, positions + offsets[member], (size_t)(offsets[member + 1] - offsets[member]),
               groups->betas + member * p, energy_gradient, beta_gradient + member * p);
    }
}
