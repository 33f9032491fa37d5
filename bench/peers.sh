#!/usr/bin/env bash
# Installs the peer tools the scan benchmark compares seamline against.
# Idempotent: each tool is installed only when it is not already on PATH.
#
#   hyperfine               Debian package (the benchmark driver)
#   GNU time                Debian package `time` (/usr/bin/time -v for peak RSS)
#   lizard                  PyPI
#   rust-code-analysis-cli  crates.io (cargo install --locked)
#   tokei                   crates.io (cargo install --locked)
#
# Cargo installs build in $CARGO_TARGET_DIR (default /tmp/peer-target), never
# in the repository's target/ directory. Set TOKEI=/path/to/tokei to use a
# tokei that is installed somewhere off PATH.
set -euo pipefail

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/peer-target}"
# Pinned peer versions, so results can be reproduced.
RCA_VERSION="${RCA_VERSION:-0.0.25}"
TOKEI_VERSION="${TOKEI_VERSION:-15.0.0}"
# lizard 1.24.3 (newest at the time of writing) crashes with an IndexError on
# three@0.170.0's src/nodes/math/TriNoise3D.js; 1.17.31 reads the whole corpus.
LIZARD_VERSION="${LIZARD_VERSION:-1.17.31}"

log() { printf '[peers] %s\n' "$*" >&2; }

apt_updated=0
apt_install() {
    if [ "$apt_updated" -eq 0 ]; then
        log "apt-get update"
        apt-get update -qq
        apt_updated=1
    fi
    log "apt-get install $*"
    apt-get install -y -qq "$@"
}

if command -v hyperfine >/dev/null 2>&1; then
    log "hyperfine: $(hyperfine --version)"
else
    apt_install hyperfine
fi

if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
    log "GNU time: present"
else
    apt_install time
fi

if command -v lizard >/dev/null 2>&1 &&
    [ "$(lizard --version 2>&1 | head -n1)" = "$LIZARD_VERSION" ]; then
    log "lizard: $LIZARD_VERSION"
else
    log "pip install lizard==$LIZARD_VERSION"
    pip install --quiet "lizard==$LIZARD_VERSION"
fi

if command -v rust-code-analysis-cli >/dev/null 2>&1; then
    log "rust-code-analysis-cli: $(rust-code-analysis-cli --version 2>&1 | head -n1)"
else
    log "cargo install rust-code-analysis-cli@$RCA_VERSION (slow: several minutes)"
    cargo install rust-code-analysis-cli --version "$RCA_VERSION" --locked
fi

if [ -n "${TOKEI:-}" ] && [ -x "$TOKEI" ]; then
    log "tokei (from \$TOKEI): $("$TOKEI" --version 2>&1 | head -n1)"
elif command -v tokei >/dev/null 2>&1; then
    log "tokei: $(tokei --version 2>&1 | head -n1)"
else
    log "cargo install tokei@$TOKEI_VERSION"
    cargo install tokei --version "$TOKEI_VERSION" --locked
fi

log "all peers installed"
for t in hyperfine lizard rust-code-analysis-cli; do
    printf '  %-24s %s\n' "$t" "$(command -v "$t")" >&2
done
printf '  %-24s %s\n' tokei "${TOKEI:-$(command -v tokei)}" >&2
