#!/usr/bin/env bash
# Installs the torch wheel built beforehand for this version and Python. Wheels may carry a local version
# label (torch-2.7.0+derecho.gcc...-cp311-cp311-linux_x86_64.whl) or not.
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
py="cp${PY_VER//./}"
wheel="$(pick_wheel "torch-${PYTORCH_VERSION:?PYTORCH_VERSION is not set}[-+]*${py}-${py}-linux_x86_64.whl")"
"$PYTHON" -m pip install --no-deps --no-index --no-build-isolation -vv "$wheel"
