#!/usr/bin/env bash
bash "$RECIPE_DIR/gen-activate.sh" "$RECIPE_DIR/site-defaults.cfg" "$PKG_NAME" "$PREFIX/etc/conda"
