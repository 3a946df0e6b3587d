#!/usr/bin/env bash
# Installs code-server (a real VS Code, served to a browser) from the npm registry, for the VS Code
# tests on machines that reach only the npm registry and Debian's packages (see
# ../shared/design/vscode-e2e.md). Nothing is downloaded from anywhere else: every step that would
# fetch a prebuilt binary (ripgrep, argon2, node-pty) is replaced by an offline equivalent.
#
# Idempotent: a finished install leaves a stamp file and a second run only checks it.
#
#   scripts/e2e/install-code-server.sh            # install into .vscode-test/code-server
#   STS_CODE_SERVER_DIR=/some/dir scripts/e2e/install-code-server.sh
#   STS_SKIP_APT=1 ...                              # never call apt-get (you installed the packages)
#
# Needs: Node 20 (code-server 4.100.3 accepts only 20), npm, python3/make/g++ for node-gyp, and
# either root (for apt-get) or chromium, ripgrep and libkrb5-dev already installed.
set -euo pipefail

CODE_SERVER_VERSION="${STS_CODE_SERVER_VERSION:-4.100.3}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${STS_CODE_SERVER_DIR:-$REPO_ROOT/.vscode-test/code-server}"
STAMP="$DIR/.installed-$CODE_SERVER_VERSION"
CS="$DIR/node_modules/code-server"
VSC="$CS/lib/vscode"

start=$(date +%s)
log() { printf '[install-code-server] %s\n' "$*" >&2; }
elapsed() { echo "$(( $(date +%s) - start ))s"; }

# Native modules of VS Code's server that must be rebuilt from source here. The Windows-only
# ones, ssh2 and cpu-features are left alone (they are optional or never loaded on Linux).
is_skipped_native() {
  case "$1" in
    @vscode/windows-*|windows-*|*/windows-*|ssh2|cpu-features) return 0 ;;
    *) return 1 ;;
  esac
}

verify() {
  [ -f "$CS/out/node/entry.js" ] || return 1
  [ -x "$VSC/node_modules/@vscode/ripgrep/bin/rg" ] || return 1
  [ -L "$VSC/node_modules.asar" ] || return 1
  [ -e "$VSC/bin/remote-cli/code-server" ] || return 1
  [ -e "$VSC/bin/helpers/browser.sh" ] || return 1
  (cd "$VSC" && node -e "for (const m of ['node-pty','@vscode/spdlog','native-watchdog','@parcel/watcher','kerberos']) require(m)") || return 1
  (cd "$CS" && node -e "require('argon2')") || return 1
  command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || return 1
}

# --- 0. already installed? -------------------------------------------------------------------
if [ -f "$STAMP" ] && verify 2>/dev/null; then
  log "code-server $CODE_SERVER_VERSION already installed in $DIR ($(elapsed))"
  exit 0
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" != "20" ] && [ -z "${FORCE_NODE_VERSION:-}" ]; then
  log "warning: code-server $CODE_SERVER_VERSION wants Node 20, this is Node $node_major"
fi

# --- 1. Debian packages: chromium (the browser), ripgrep (VS Code's search), libkrb5-dev -------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ -n "${STS_SKIP_APT:-}" ]; then
    log "missing Debian packages: ${missing[*]} (STS_SKIP_APT is set; install them yourself)"
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then SUDO="sudo -n"; else
      log "need root to apt-get install ${missing[*]}"; exit 1
    fi
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "${missing[@]}"
  fi
  log "apt done ($(elapsed))"
fi

# --- 2. code-server itself, without its install scripts (they download from GitHub) ----------
mkdir -p "$DIR"
rm -f "$DIR"/.installed-*
cd "$DIR"
if [ ! -f package.json ]; then
  printf '{\n  "name": "sts-code-server-cache",\n  "private": true,\n  "description": "code-server for the VS Code tests; made by scripts/e2e/install-code-server.sh"\n}\n' > package.json
fi
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
log "npm install code-server@$CODE_SERVER_VERSION"
npm install --ignore-scripts --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION"
# argon2: its prebuilt download fails, node-pre-gyp falls back to building from source.
log "npm rebuild argon2 ($(elapsed))"
npm rebuild --loglevel=error argon2 2>&1 | grep -v 'Unknown \(user \|cli \)\?config' || true
(cd "$CS" && node -e "require('argon2')") || { log "argon2 did not build"; exit 1; }

# --- 3. VS Code's own server dependencies, then rebuild its native modules --------------------
cd "$VSC"
log "npm install in lib/vscode ($(elapsed))"
npm install --omit=dev --ignore-scripts --no-save --loglevel=error
natives=()
while IFS= read -r gyp; do
  pkg="${gyp#node_modules/}"; pkg="${pkg%/binding.gyp}"
  if is_skipped_native "$pkg"; then continue; fi
  natives+=("$pkg")
done < <(find node_modules -mindepth 2 -maxdepth 3 -name binding.gyp -not -path '*/node_modules/*/node_modules/*' | sort)
log "npm rebuild ${natives[*]} ($(elapsed))"
# node-pty's optional post-install step runs npx, which refuses to run without "yes".
npm_config_yes=true npm rebuild --loglevel=error "${natives[@]}" 2>&1 \
  | grep -v 'Unknown \(user \|cli \)\?config' || true

# --- 4. ripgrep: the package's postinstall downloads it from GitHub; use Debian's ------------
mkdir -p node_modules/@vscode/ripgrep/bin
cp -f "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
chmod +x node_modules/@vscode/ripgrep/bin/rg

# --- 5. what code-server's postinstall.sh does ------------------------------------------------
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
log "npm install in lib/vscode/extensions ($(elapsed))"
(cd extensions && npm install --omit=dev --no-save --loglevel=error)

if ! verify; then
  log "install finished but the check failed; see the output above"
  exit 1
fi
date -u +%FT%TZ > "$STAMP"
log "code-server $CODE_SERVER_VERSION installed in $DIR ($(du -sh "$DIR" | cut -f1), $(elapsed))"
