#!/usr/bin/env bash
# Debian packages the PET pipeline benchmark needs (run as root on Debian 12): numpy, scipy and pydicom for
# Debian's own python (/usr/bin/python3), which runs the numpy/scipy peer bench/pet-pipeline/pipeline_peer.py.
# Installs only what is missing.
set -euo pipefail
missing=()
for pair in numpy:python3-numpy scipy:python3-scipy pydicom:python3-pydicom; do
  module=${pair%%:*}
  package=${pair#*:}
  /usr/bin/python3 -c "import ${module}" >/dev/null 2>&1 || missing+=("${package}")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  # Quiet on success; on failure the captured output is shown.
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
fi
