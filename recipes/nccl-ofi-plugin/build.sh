#!/usr/bin/env bash
# NCCL from its release tarball, then the AWS OFI plugin against the host's libfabric, then the activation
# scripts with the site's NCCL/libfabric defaults.
set -euxo pipefail

cuda_home="${CUDA_HOME:-${NCAR_CUDA_ROOT:?neither CUDA_HOME (cuda module) nor NCAR_CUDA_ROOT is set}}"
libfabric="${NCAR_LIBFABRIC_ROOT:?NCAR_LIBFABRIC_ROOT (CondaLibfabricRoot) names the host libfabric}"
arch="${NCAR_CUDA_ARCH:-80}"
jobs="${CPU_COUNT:-4}"

echo "========== NCCL =========="
make -C "$SRC_DIR/nccl" -j "$jobs" src.build CUDA_HOME="$cuda_home" \
    NVCC_GENCODE="-gencode=arch=compute_${arch},code=sm_${arch}"
make -C "$SRC_DIR/nccl" install PREFIX="$PREFIX" CUDA_HOME="$cuda_home"
rm -f "$PREFIX/lib/libnccl_static.a"

echo "========== AWS OFI plugin =========="
cd "$SRC_DIR/aws-ofi-nccl"
./autogen.sh
./configure --prefix="$PREFIX" --with-cuda="$cuda_home" --with-libfabric="$libfabric" --with-nccl="$PREFIX" \
    --disable-tests LDFLAGS="-Wl,-rpath,$libfabric/lib64"
make -j "$jobs" install

echo "========== activation scripts =========="
bash "$RECIPE_DIR/gen-activate.sh" "$RECIPE_DIR/derecho-nccl-aws-ofi.cfg" "$PKG_NAME" "$PREFIX/etc/conda"
