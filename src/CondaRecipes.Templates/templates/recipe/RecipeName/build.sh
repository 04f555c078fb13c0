#!/usr/bin/env bash
# Runs in the work folder (a copy of src/) with the host environment in $PREFIX; what it installs under
# $PREFIX is the package. Replace with the real build: ./configure --prefix="$PREFIX" && make -j"$CPU_COUNT" install.
set -euo pipefail
mkdir -p "$PREFIX/share/RecipeName"
cp README "$PREFIX/share/RecipeName/README"
echo "$PKG_VERSION" > "$PREFIX/share/RecipeName/VERSION"
#if (python)
mkdir -p "$SP_DIR"
printf 'VERSION = "%s"\n' "$PKG_VERSION" > "$SP_DIR/recipe_module.py"
#endif
