#!/usr/bin/env bash
# Downloads the AWS Lambda Runtime Interface Emulator (x86_64) of release VERSION to DEST and checks its SHA-256
# against the digest GitHub records for that release asset: the project publishes no checksum file to pin instead.
# Needs GH_TOKEN for `gh api`.
#   install-rie.sh VERSION DEST
set -euo pipefail
version=${1:?usage: install-rie.sh VERSION DEST}
dest=${2:?usage: install-rie.sh VERSION DEST}
repo=aws/aws-lambda-runtime-interface-emulator
asset=aws-lambda-rie-x86_64

curl -fsSL --retry 3 -o "$dest" "https://github.com/$repo/releases/download/$version/$asset"
recorded=$(gh api "repos/$repo/releases/tags/$version" --jq ".assets[] | select(.name == \"$asset\") | .digest")
actual="sha256:$(sha256sum "$dest" | cut -d' ' -f1)"
if [ "$recorded" != "$actual" ]; then
  echo "::error::$asset $version is $actual, but GitHub records '${recorded:-no digest}' for the release asset"
  exit 1
fi
chmod +x "$dest"
echo "$asset $version: $actual"
