#ifndef GROUPSPARSE_CKERNELS_H
#define GROUPSPARSE_CKERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A family of kernel implementations. Later members need more of the CPU and are faster.
typedef enum gs_kernel_set {
    /// Portable C, compiled for the package's baseline target.
    GS_KERNELS_SCALAR = 0,
    /// x86-64 AVX2 and FMA, 8 floats per register.
    GS_KERNELS_AVX2 = 1,
    /// x86-64 AVX-512 (F, DQ, BW, VL), 16 floats per register.
    GS_KERNELS_AVX512 = 2
} gs_kernel_set;

/// Whether this CPU (and its operating system) can run `set`.
int gs_kernels_cpu_supports(gs_kernel_set set);

/// The fastest set this CPU supports.
gs_kernel_set gs_kernels_best(void);

/// The set a value of the `GROUPSPARSE_KERNELS` environment variable asks for (`scalar`, `avx2` or
/// `avx512`), lowered to the best supported set when the CPU cannot run it; `NULL` or an unknown
/// value gives `gs_kernels_best()`.
gs_kernel_set gs_kernels_resolve(const char *request);

/// The set the kernels use. On first use it is `gs_kernels_resolve(getenv("GROUPSPARSE_KERNELS"))`.
gs_kernel_set gs_kernels_active(void);

/// Makes the kernels use `set`, or the best supported set below it; returns the set now in use.
gs_kernel_set gs_kernels_select(gs_kernel_set set);

/// `codes[i, j] = S_lambda[j](z[i, j])` for `rows` rows of `atoms` entries, where
/// `S_t(v) = v - t` for `v > t`, `v + t` for `v < -t`, and 0 otherwise. Every set gives the same bits.
void gs_soft_threshold(const float *z, const float *lambda, size_t rows, size_t atoms, float *codes);

/// The adjoint of `gs_soft_threshold` at `z` for rows of one noise level `sigma`. Where
/// `|z[i, j]| > lambda[j]`, adds `t = -sign(z[i, j]) g[i, j]` to `offset_gradient[j]` and `t * sigma`
/// to `slope_gradient[j]`, row after row; elsewhere sets `g[i, j]` to 0. Every set gives the same bits.
void gs_soft_threshold_adjoint(
    const float *z, const float *lambda, float sigma, size_t rows, size_t atoms,
    float *code_gradient, float *offset_gradient, float *slope_gradient);

/// The codes before group shrinkage and the groups that share their energy.
typedef struct gs_group_table {
    /// `beta`, one row of `atom_count` per patch.
    const float *betas;
    /// `neighbour_count` row indices of `betas` per patch, itself first.
    const int32_t *indices;
    /// The similarity weights `S_il`, laid out as `indices`.
    const float *weights;
    /// `K`, the members of each group.
    size_t neighbour_count;
    /// `p`, the entries of each code.
    size_t atom_count;
} gs_group_table;

/// Group shrinkage of rows `first_row ..< first_row + row_count`:
/// `codes[i, j] = beta_i[j] * max(0, 1 - lambda[j] sqrt(s_i) / sqrt(n_i[j] + epsilon))`, with
/// `s_i = sum_l S_il` and `n_i[j] = sum_l S_il beta_l[j]^2` summed over the members in order.
/// Every set gives the same bits.
void gs_group_shrinkage(
    const gs_group_table *groups, const float *lambda, float epsilon,
    size_t first_row, size_t row_count, float *codes);

/// The row-local part of the adjoint of `gs_group_shrinkage` for rows
/// `first_row ..< first_row + row_count`: writes dL/dbeta_i through the factor, dL/dn_i
/// (`energy_gradient`) and dL/ds_i (`weight_sum_gradient`), and subtracts the threshold terms from
/// `threshold_gradient`. All but `weight_sum_gradient` are the same bits in every set.
void gs_group_shrinkage_adjoint(
    const gs_group_table *groups, const float *lambda, float epsilon,
    size_t first_row, size_t row_count, const float *code_gradient,
    float *beta_gradient, float *threshold_gradient, float *energy_gradient, float *weight_sum_gradient);

/// `weight_gradient[i, l] += weight_sum_gradient[i] + sum_j energy_gradient[i, j] * beta_l[j]^2`
/// for every member `l` of the groups of rows `first_row ..< first_row + row_count`.
void gs_group_weight_gradient(
    const gs_group_table *groups, size_t first_row, size_t row_count,
    const float *energy_gradient, const float *weight_sum_gradient, float *weight_gradient);

/// `beta_gradient[l] += 2 beta_l * sum S_il energy_gradient[i]` for rows `l` in
/// `first_row ..< first_row + row_count`, over the group slots `positions[offsets[l] ..< offsets[l + 1]]`
/// (indices into `groups->weights`, so that slot `q` belongs to group row `q / K`), in slot order.
void gs_group_energy_gather(
    const gs_group_table *groups, const int32_t *offsets, const int32_t *positions,
    size_t first_row, size_t row_count, const float *energy_gradient, float *beta_gradient);

/// The similarity weights of the groups of rows `first_row ..< first_row + row_count`:
/// `weights[i K + l] = exp(-max(0, sum_q kappa_q^2 ((x_i - x_l)_q^2 - bias)))`, with `x_i` row `i` of
/// `pilot` (`patch_length` floats per row) and `x_l` the row `indices[i K + l]`. The scalar set sums
/// over `q` in order without fused operations and calls `expf`; the vector sets sum lane-wise and use
/// a polynomial exponential within about one ulp. Inputs must be finite.
void gs_similarity_weights(
    const float *pilot, size_t patch_length, const int32_t *indices, size_t neighbour_count,
    const float *kappa, float bias, size_t first_row, size_t row_count, float *weights);

/// Adds to `partial[q]` (`patch_length` floats), for the rows `first_row ..< first_row + row_count`
/// and each member `l` whose weight is below one and whose weight gradient `G` is not zero,
/// `-2 S_il G_il kappa_q ((x_i - x_l)_q^2 - bias)`: the rows' share of dL/dkappa. Pairs are taken in
/// row and member order for every `q`; the vector sets fuse each term's multiply and add.
void gs_similarity_kappa_gradient(
    const float *pilot, size_t patch_length, const int32_t *indices, size_t neighbour_count,
    const float *kappa, float bias, const float *weights, const float *weight_gradient,
    size_t first_row, size_t row_count, float *partial);

#ifdef __cplusplus
}
#endif

#endif
