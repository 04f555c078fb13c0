#!/usr/bin/env bash
make -j"${CPU_COUNT}" PREFIX="$PREFIX"
make install PREFIX="$PREFIX"
