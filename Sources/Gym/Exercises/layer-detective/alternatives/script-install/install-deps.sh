#!/bin/sh
# installs the dependencies listed in the file given, without keeping pip's cache
set -eu
python -m pip install --no-cache-dir --requirement "$1"
