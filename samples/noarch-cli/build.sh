#!/usr/bin/env bash
# Installs the pure-Python package by copying it (no build backend needed) and adds a plain script to
# bin/; conda's noarch layout moves them to site-packages/ and python-scripts/ in the package.
mkdir -p "$SP_DIR"
cp -r hello_cli "$SP_DIR/"

dist="$SP_DIR/hello_cli-${PKG_VERSION}.dist-info"
mkdir -p "$dist"
printf 'Metadata-Version: 2.1\nName: hello-cli\nVersion: %s\n' "$PKG_VERSION" > "$dist/METADATA"
printf '[console_scripts]\nhello-cli = hello_cli.main:run\n' > "$dist/entry_points.txt"
echo conda > "$dist/INSTALLER"

mkdir -p "$PREFIX/bin"
cat > "$PREFIX/bin/hello-cli-report" <<SCRIPT
#!$PYTHON
import importlib.metadata, sys
print("hello_cli", importlib.metadata.version("hello-cli"), "on Python", "%d.%d" % sys.version_info[:2])
SCRIPT
chmod 755 "$PREFIX/bin/hello-cli-report"
