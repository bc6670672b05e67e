#include "CSlipwaySystem.h"

#include <stdlib.h>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
_Static_assert(SLIPWAY_M_TRIM_THRESHOLD == M_TRIM_THRESHOLD, "glibc's M_TRIM_THRESHOLD");
_Static_assert(SLIPWAY_M_TOP_PAD == M_TOP_PAD, "glibc's M_TOP_PAD");
_Static_assert(SLIPWAY_M_MMAP_THRESHOLD == M_MMAP_THRESHOLD, "glibc's M_MMAP_THRESHOLD");
#endif

int slipway_mallopt(int parameter, int value) {
#if defined(__GLIBC__)
    return mallopt(parameter, value);
#else
    (void)parameter;
    (void)value;
    return 0;
#endif
}
