#!/usr/bin/env bash
# The same generator as samples/activate-env/gen-activate.sh, copied so that this recipe folder is
# self-contained (a real conda-build gets only the recipe folder). Keep every copy identical below this note.
# gen-activate.sh CONFIG NAME ETC_CONDA_DIR
# Writes activate.d/NAME_activate.sh and deactivate.d/NAME_deactivate.sh from CONFIG. Activation saves the
# previous value (or that there was none) of every variable it touches; deactivation puts each back.
set -euo pipefail
cfg=$1 name=$2 etc=$3
mkdir -p "$etc/activate.d" "$etc/deactivate.d"
tag="_CR_SAVED_${name//[^A-Za-z0-9_]/_}"   # where the previous values are kept
act="$etc/activate.d/${name}_activate.sh"
deact="$etc/deactivate.d/${name}_deactivate.sh"

{
  echo "# Generated from $(basename "$cfg") by gen-activate.sh; sourced by conda activate."
  # POSIX eval instead of bash-only ${!name}: conda also sources these from zsh.
  echo "_cr_save() { eval \"_cr_s=\\\${${tag}_\$1+x}\"; if [ -z \"\$_cr_s\" ]; then eval \"_cr_v=\\\${\$1+x}\"; if [ -n \"\$_cr_v\" ]; then eval \"export ${tag}_\$1=\\\"set:\\\${\$1}\\\"\"; else eval \"export ${tag}_\$1=unset:\"; fi; fi; unset _cr_s _cr_v; }"
} > "$act"
{
  echo "# Generated from $(basename "$cfg") by gen-activate.sh; sourced by conda deactivate."
  echo "_cr_restore() { eval \"_cr_s=\\\${${tag}_\$1-}\"; case \"\$_cr_s\" in set:*) eval \"export \$1=\\\"\\\${${tag}_\$1#set:}\\\"\";; unset:) unset \"\$1\";; esac; unset \"${tag}_\$1\" _cr_s; }"
} > "$deact"

while IFS= read -r line || [ -n "$line" ]; do
  line="${line%%#*}"; line="$(echo "$line" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')"
  [ -z "$line" ] && continue
  if [[ "$line" =~ ^unset[[:space:]]+([A-Za-z_][A-Za-z0-9_]*)$ ]]; then
    var=${BASH_REMATCH[1]}
    printf '_cr_save %s; unset %s\n' "$var" "$var" >> "$act"
  elif [[ "$line" =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
    var=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    # Strip one level of matching quotes, then single-quote for the script.
    if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
    printf "_cr_save %s; export %s='%s'\n" "$var" "$var" "${value//\'/\'\\\'\'}" >> "$act"
  else
    echo "gen-activate.sh: $cfg: cannot read line: $line" >&2; exit 1
  fi
  printf '_cr_restore %s\n' "$var" >> "$deact"
done < "$cfg"
echo 'unset -f _cr_save' >> "$act"
echo 'unset -f _cr_restore' >> "$deact"
