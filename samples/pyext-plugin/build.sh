#!/usr/bin/env bash
# pyext-demo was installed into the host prefix from the local channel: it must import here.
"$PYTHON" -c "import pyext_demo; print('building against pyext_demo, triple(2) =', pyext_demo.triple(2))"
mkdir -p "$SP_DIR/pyext_plugin"
cp pyext_plugin/__init__.py "$SP_DIR/pyext_plugin/"
