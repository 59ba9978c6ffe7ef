"""Print the SIMD features numpy dispatches to on this CPU (space-separated), for NPY_DISABLE_CPU_FEATURES.

numpy picks exp/log/pow kernels at run time among its dispatched features (AVX2, AVX-512 on x86-64;
ASIMD extensions on ARM). Naming every one that this CPU has in NPY_DISABLE_CPU_FEATURES makes numpy
use its baseline kernels only: a second, different kernel path on the same machine.
Prints nothing when numpy dispatches to no feature beyond its baseline here.
"""

from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

print(" ".join(f for f in __cpu_dispatch__ if __cpu_features__.get(f)))
