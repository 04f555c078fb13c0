#!/usr/bin/env bash
# Runs every test: installs host prerequisites, starts the single-node Slurm the scheduler tests submit to,
# then `dotnet test`. Extra arguments go to `dotnet test` (e.g. --filter FullyQualifiedName~Elf).
set -uo pipefail
cd "$(dirname "$0")"
bash eng/setup.sh || exit 1
if [ -x eng/slurm/start.sh ]; then
  bash eng/slurm/start.sh || { echo "test: could not start the local Slurm (see above)" >&2; exit 1; }
fi

log=$(mktemp)
dotnet test CondaRecipes.sln -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One closing line for the whole run, summed over test assemblies.
awk '/(Passed|Failed)!  - Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
