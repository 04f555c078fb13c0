#!/usr/bin/env bash
# Compiles mpi4jax's MPI bridge with the host MPI wrapper, and its CUDA bridge against the host CUDA.
set -euxo pipefail
export MPICC="${MPICC:-$(command -v cc || command -v mpicc)}"   # cray-mpich's wrapper is `cc`
export CUDA_ROOT="${CUDA_HOME:-${NCAR_CUDA_ROOT:-}}"
echo "building mpi4jax ${PKG_VERSION} for Python ${PY_VER} against mpi4py ${MPI4PY_VERSION}, MPICC=${MPICC}, CUDA_ROOT=${CUDA_ROOT}"
"$PYTHON" -m pip install . --no-deps --no-build-isolation -vv
