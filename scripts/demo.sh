#!/usr/bin/env bash
# The main job until the server exists: install, build, and run the recommendation engine on the bundled
# synthetic patients. Pass an example name (e.g. spinal-cord-compression) to see only that report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh >&2
example=${1:-painful-uncomplicated}
npx --no-install bonemet assess "examples/${example}.json"
echo
echo "Other synthetic patients (bonemet assess examples/<name>.json [--json]):"
for f in examples/*.json; do
  name=$(basename "$f" .json)
  alerts=$(npx --no-install bonemet assess "$f" --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);console.log(r.alerts.length)})')
  echo "  ${name}: ${alerts} urgent alert(s)"
done
echo
echo "Calculators: npx bonemet score --list"
