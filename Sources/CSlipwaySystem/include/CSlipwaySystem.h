// C declarations that Swift's Glibc module does not carry. Kept to what SlipwayCore needs.
#pragma once

/// The `mallopt` parameters SlipwayCore sets (glibc's values; see mallopt(3)).
enum {
    SLIPWAY_M_TRIM_THRESHOLD = -1,
    SLIPWAY_M_TOP_PAD = -2,
    SLIPWAY_M_MMAP_THRESHOLD = -3,
};

/// glibc's `mallopt`; returns 0 where there is no glibc (the setting is then ignored).
int slipway_mallopt(int parameter, int value);
