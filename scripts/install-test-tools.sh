#!/usr/bin/env bash
# Debian packages the test suite needs (run as root on Debian 12): dicom3tools provides dciodvfy, the DICOM
# validator run on every object the phantoms write; dcmtk provides dcmcjpeg, dcmcjpls, dcmcrle and dcmconv, which
# the DICOM reader's tests use to compress real slices at test time. Installs only what is missing.
set -euo pipefail
missing=()
command -v dciodvfy >/dev/null || missing+=(dicom3tools)
command -v dcmcjpls >/dev/null || missing+=(dcmtk)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
