#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian 12 machine, and does nothing when it is all
# there already. Run by build.sh and test.sh; safe to run by hand.
#   patchelf                 RPATH rewriting when the new value does not fit in place
#   conda-package-handling   `cph`, the independent check of the archives we write (tests, benchmarks)
#   zstd, bzip2, xz-utils    peers for benchmarks; xz sources
#   libmpich-dev             a host MPI, for the mpi4py recipe and MPI samples
#   lmod                     environment modules, loaded by build scripts when a site lists CondaModule items
#   git, patch, make, gcc    sources and builds
#   gcc-multilib, binutils-{s390x,mips}-linux-gnu   32-bit and big-endian ELF files for the ELF tests
#   zip                      archives made by the tests' stand-in conda-build
#   python3-setuptools-whl, python3-wheel-whl       local wheels satisfying Python build requirements
#   tmux                     a pseudo-terminal for the tests of what the terminal logger shows
set -euo pipefail

packages=(patchelf conda-package-handling zstd bzip2 xz-utils libmpich-dev lmod git patch make gcc g++
          gcc-multilib binutils-s390x-linux-gnu binutils-mips-linux-gnu zip unzip
          python3-setuptools-whl python3-wheel-whl tmux)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "setup: the .NET SDK (dotnet) is required; see README.md" >&2; exit 1; }
echo "setup: host packages present"
