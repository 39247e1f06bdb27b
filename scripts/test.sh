#!/usr/bin/env bash
# The whole test suite, from a fresh clone: install, build, type-check, lint, format check, layering check,
# schema drift check, and every Vitest test. Ends with the line "vitest: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
bash scripts/install.sh
npm test
