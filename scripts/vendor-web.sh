#!/usr/bin/env bash
# Refreshes web/vendor/ from web/package-lock.json: the socket.io browser client the chat widget
# uses, and the licences of everything bundled in it; and tests/vendor/axe.min.js, the axe-core
# accessibility checker the browser tests inject (never served to visitors). Needs Node.js and npm; running the site does
# not (web/vendor/ is committed). To change the version: edit web/package.json, run
# `npm install --package-lock-only` in web/, then this script, and commit the three files.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT/web"
command -v npm >/dev/null || { echo "npm est requis pour rafraîchir web/vendor/ (pas pour lancer le site)." >&2; exit 1; }

npm ci --ignore-scripts --no-audit --no-fund
mkdir -p vendor
cp node_modules/socket.io-client/dist/socket.io.min.js vendor/socket.io.min.js

version() { node -p "require('./node_modules/$1/package.json').version"; }
# The packages bundled into dist/socket.io.min.js (see its source map), all under the MIT licence.
{
  echo "web/vendor/socket.io.min.js is node_modules/socket.io-client/dist/socket.io.min.js"
  echo "from socket.io-client $(version socket.io-client), unchanged (sha256 $(sha256sum vendor/socket.io.min.js | cut -d' ' -f1))."
  echo "It bundles the packages below; their licences follow. Refreshed by scripts/vendor-web.sh."
  for package in socket.io-client engine.io-client engine.io-parser socket.io-parser @socket.io/component-emitter; do
    echo
    echo "================================================================================"
    echo "$package $(version "$package")"
    echo "================================================================================"
    cat "node_modules/$package/LICENSE"
  done
} > vendor/socket.io.LICENSE.txt

mkdir -p ../tests/vendor
cp node_modules/axe-core/axe.min.js ../tests/vendor/axe.min.js
{
  echo "tests/vendor/axe.min.js is node_modules/axe-core/axe.min.js from axe-core $(version axe-core), unchanged"
  echo "(sha256 $(sha256sum ../tests/vendor/axe.min.js | cut -d' ' -f1)). Refreshed by scripts/vendor-web.sh."
  echo
  cat node_modules/axe-core/LICENSE
} > ../tests/vendor/axe.LICENSE.txt
echo "web/vendor/ et tests/vendor/ mis à jour : socket.io-client $(version socket.io-client), axe-core $(version axe-core)."
