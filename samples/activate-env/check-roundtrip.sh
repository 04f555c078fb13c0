#!/usr/bin/env bash
# check-roundtrip.sh PREFIX: activating then deactivating leaves the environment exactly as it was.
set -euo pipefail
prefix=$1
# The test environment is already activated (as conda-build's is): start from the deactivated state.
for f in "$prefix"/etc/conda/deactivate.d/*.sh; do . "$f"; done
export SAMPLE_DEBUG=INFO              # set before: must come back
export SAMPLE_VISIBLE_DEVICES=0,1     # unset by activation: must come back
unset SAMPLE_NET || true              # unset before: must be unset again
before=$(env | grep -v '^_=' | sort)
for f in "$prefix"/etc/conda/activate.d/*.sh; do . "$f"; done
[ "$SAMPLE_NET" = "Example Fabric" ] || { echo "activation did not set SAMPLE_NET"; exit 1; }
[ -z "${SAMPLE_VISIBLE_DEVICES+x}" ] || { echo "activation did not unset SAMPLE_VISIBLE_DEVICES"; exit 1; }
for f in "$prefix"/etc/conda/deactivate.d/*.sh; do . "$f"; done
after=$(env | grep -v '^_=' | sort)
if [ "$before" != "$after" ]; then diff <(echo "$before") <(echo "$after"); exit 1; fi
echo "activate/deactivate round trip: environment restored"
