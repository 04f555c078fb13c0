#!/usr/bin/env bash
# Installs the locally built jaxlib wheels for this Python, then activation scripts pointing XLA at the
# host CUDA the wheels were built against.
set -euxo pipefail

# The one wheel in CONDA_WHEEL_DIR matching a pattern, or a clear failure.
pick_wheel() {
  local matches
  shopt -s nullglob
  matches=( "$CONDA_WHEEL_DIR"/$1 )
  shopt -u nullglob
  if [ "${#matches[@]}" -ne 1 ]; then
    echo "build.sh: expected one wheel $1 in ${CONDA_WHEEL_DIR} (CondaWheelDir), found ${#matches[@]}: ${matches[*]:-none}" >&2
    exit 1
  fi
  echo "${matches[0]}"
}

: "${CONDA_WHEEL_DIR:?CONDA_WHEEL_DIR (CondaWheelDir) names the folder of locally built wheels}"
version="${JAX_VERSION:?JAX_VERSION is not set}"
py="cp${PY_VER//./}"
"$PYTHON" -m pip install --no-deps --no-index --no-build-isolation -vv \
    "$(pick_wheel "jaxlib-${version}-${py}-${py}-*.whl")" \
    "$(pick_wheel "jax_cuda12_plugin-${version}-${py}-${py}-*.whl")" \
    "$(pick_wheel "jax_cuda12_pjrt-${version}-py3-none-*.whl")"

cuda_home="${CUDA_HOME:-${NCAR_CUDA_ROOT:?neither CUDA_HOME (cuda module) nor NCAR_CUDA_ROOT is set}}"
cat > "$SRC_DIR/jaxlib-host-cuda.cfg" <<CFG
# XLA finds ptxas and libdevice in the host CUDA the wheels were built against.
XLA_FLAGS=--xla_gpu_cuda_data_dir=${cuda_home}
CUDA_HOME=${cuda_home}
CFG
bash "$RECIPE_DIR/gen-activate.sh" "$SRC_DIR/jaxlib-host-cuda.cfg" "$PKG_NAME" "$PREFIX/etc/conda"
