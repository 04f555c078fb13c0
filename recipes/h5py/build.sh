#!/usr/bin/env bash
# Parallel h5py against the host HDF5: the cray-hdf5-parallel module sets HDF5_DIR on Derecho;
# NCAR_HDF5_ROOT is the site's fallback.
export CC="${MPICC:-$(command -v mpicc)}"
export HDF5_MPI=ON
export HDF5_DIR="${HDF5_DIR:-${NCAR_HDF5_ROOT:?set NCAR_HDF5_ROOT or load cray-hdf5-parallel}}"
echo "building h5py ${PKG_VERSION} for Python ${PY_VER} against ${HDF5_DIR}"
"$PYTHON" -m pip install . --no-deps --no-build-isolation -vv
