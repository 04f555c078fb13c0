#!/usr/bin/env bash
# The main job: installs host prerequisites if missing, then builds every sample into the local channel
# output/. Extra arguments go to `dotnet build` (e.g. -m, -p:CondaForce=true).
set -euo pipefail
cd "$(dirname "$0")"
bash eng/setup.sh
exec dotnet build samples.proj -nologo "$@"
