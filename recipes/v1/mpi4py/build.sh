#!/usr/bin/env bash
# Build against the host MPI compiler wrapper (cray-mpich's `cc` on Derecho, mpicc elsewhere).
export MPICC="${MPICC:-$(command -v mpicc)}"
echo "building mpi4py ${PKG_VERSION} for Python ${PY_VER} with MPICC=${MPICC}"
"$PYTHON" -m pip install . --no-deps --no-build-isolation -vv
