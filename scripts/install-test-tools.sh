#!/usr/bin/env bash
# Debian packages the test suite needs (run as root on Debian 12), installing only what is missing:
# - dicom3tools: dciodvfy, the DICOM validator run on every object the phantoms write;
# - dcmtk: dcmcjpeg, dcmcjpls, dcmcrle and dcmconv, used to compress real slices at test time;
# - libgdcm-tools: gdcmconv, the JPEG 2000 encoder for the JPEG 2000 reading tests (DCMTK has none);
# - orthanc and orthanc-dicomweb: a real PACS with QIDO-RS/WADO-RS for the DICOMweb reading tests (each test
#   starts its own Orthanc on a loopback port it chooses and stops it by PID; the Debian service is not used);
# - postgresql and redis-server: the server's storage tests on a real PostgreSQL and its job-queue tests on a real
#   Redis (each test runs its own server on a loopback port from a temporary folder and stops it by PID);
# - chromium: the browser the dashboard's end-to-end tests drive through playwright-core (no browser download);
# - fonts-dejavu-core: the font of the labels in the PNG plots the command line writes (rendered with resvg).
set -euo pipefail
missing=()
command -v dciodvfy >/dev/null || missing+=(dicom3tools)
command -v dcmcjpls >/dev/null || missing+=(dcmtk)
command -v gdcmconv >/dev/null || missing+=(libgdcm-tools)
command -v Orthanc >/dev/null || missing+=(orthanc)
[ -e /usr/share/orthanc/plugins/libOrthancDicomWeb.so ] || missing+=(orthanc-dicomweb)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v chromium >/dev/null || missing+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
