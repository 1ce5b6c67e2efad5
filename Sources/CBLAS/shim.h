#include <cblas.h>

// OpenBLAS names the CPU core its kernels were built or chosen for; other CBLAS libraries have no
// such call, so the name is NULL there.
static inline const char *gs_blas_core_name(void) {
#if defined(OPENBLAS_VERSION)
    return openblas_get_corename();
#else
    return 0;
#endif
}
