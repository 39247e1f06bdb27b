#!/usr/bin/env bash
# The main job: install, build, and start the server with the tumour-board dashboard on the embedded
# database, seeded with the synthetic demo cohort (13 patients with their records; their bone scans and
# PET/CT are stored and analysed in the background), in a fresh data folder. A clinician account "demo"
# gets a random password, printed once below. Runs until Ctrl-C.
# PORT (default 8080) and HOST (default 127.0.0.1) choose where it listens.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh >&2
data_dir="$(pwd)/.bonemet-demo"
rm -rf "$data_dir"
export BONEMET_DATA_DIR="$data_dir"
export HOST="${HOST:-127.0.0.1}"
export PORT="${PORT:-8080}"
echo "Starting the bonemet demo on http://${HOST}:${PORT}/ (data in ${data_dir}; Ctrl-C stops it)"
exec node apps/server/dist/main.js demo
