"""Runs in the test prefix: the extension loads against the host MPI and reports its library."""
from mpi4py import MPI

version = MPI.Get_version()
print("MPI standard", version, "library:", MPI.Get_library_version().splitlines()[0])
assert version[0] >= 3, version
assert MPI.COMM_WORLD.Get_size() >= 1
