#!/usr/bin/env bash
# Builds the benchmark corpus from registry packages, at pinned versions, in a
# directory OUTSIDE the repository:
#
#   ${SEAMLINE_CORPUS:-$HOME/.cache/seamline-bench/corpus}
#     crates/<name>-<version>/   Rust crate sources (cargo vendor, crates.io)
#     django-<version>/          Python sdist (pip download --no-binary, PyPI)
#     three-<version>/           JavaScript package (npm pack, npm registry)
#
# Idempotent: a package whose directory already exists is not fetched again.
# Nothing downloaded here ever goes into the repository.
set -euo pipefail

CORPUS="${SEAMLINE_CORPUS:-$HOME/.cache/seamline-bench/corpus}"

# Pinned versions. Keep BENCHMARKS.md's corpus table in step with these lists.
CRATES=(
    tokio@1.41.1
    syn@2.0.87
    regex@1.11.1
    regex-automata@0.4.9
    regex-syntax@0.8.5
    serde@1.0.215
    serde_json@1.0.133
    clap@4.5.21
    clap_builder@4.5.21
    rayon@1.10.0
    rayon-core@1.12.1
    hyper@1.5.1
    nom@7.1.3
    chrono@0.4.38
    gimli@0.31.1
    object@0.36.5
)
DJANGO_VERSION=5.1
THREE_VERSION=0.170.0

log() { printf '[corpus] %s\n' "$*" >&2; }
die() { printf '[corpus] error: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required but not installed"; }

case "$CORPUS" in
    /work/main | /work/main/*) die "corpus must live outside the repository: $CORPUS" ;;
esac
mkdir -p "$CORPUS/crates"
if git -C "$CORPUS" rev-parse --show-toplevel >/dev/null 2>&1; then
    log "warning: $CORPUS is inside a git work tree; .gitignore rules may apply to it"
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# --- Rust crates -------------------------------------------------------------
missing=()
for spec in "${CRATES[@]}"; do
    name="${spec%@*}" version="${spec#*@}"
    [ -d "$CORPUS/crates/$name-$version" ] || missing+=("$spec")
done
if [ "${#missing[@]}" -gt 0 ]; then
    need cargo
    log "vendoring ${#missing[@]} crate(s): ${missing[*]}"
    mkdir -p "$TMP/manifest/src"
    {
        printf '[package]\nname = "seamline-bench-corpus"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
        printf '[workspace]\n\n[dependencies]\n'
        for spec in "${CRATES[@]}"; do
            printf '%s = "=%s"\n' "${spec%@*}" "${spec#*@}"
        done
    } >"$TMP/manifest/Cargo.toml"
    : >"$TMP/manifest/src/lib.rs"
    # Vendor the whole graph into a temp dir, then keep only the pinned crates:
    # transitive versions are not pinned, so they stay out of the corpus.
    (cd "$TMP/manifest" && cargo vendor --quiet --versioned-dirs "$TMP/vendor" >/dev/null)
    for spec in "${missing[@]}"; do
        name="${spec%@*}" version="${spec#*@}"
        src="$TMP/vendor/$name-$version"
        [ -d "$src" ] || die "cargo vendor did not produce $name-$version"
        rm -f "$src/.cargo-checksum.json"
        mv "$src" "$CORPUS/crates/$name-$version"
    done
else
    log "crates: all ${#CRATES[@]} present"
fi

# --- Python sdist ------------------------------------------------------------
if [ ! -d "$CORPUS/django-$DJANGO_VERSION" ]; then
    need pip
    log "pip download django==$DJANGO_VERSION (sdist)"
    # PIP_FIND_LINKS may point at local wheels; --no-binary forces the sdist.
    pip download --quiet --no-deps --no-binary :all: --dest "$TMP/pip" "django==$DJANGO_VERSION"
    sdist="$(find "$TMP/pip" -maxdepth 1 -iname 'django-*.tar.gz' | head -n1)"
    [ -n "$sdist" ] || die "pip download produced no Django sdist"
    mkdir -p "$TMP/django"
    tar -xzf "$sdist" -C "$TMP/django"
    top="$(find "$TMP/django" -mindepth 1 -maxdepth 1 -type d | head -n1)"
    mv "$top" "$CORPUS/django-$DJANGO_VERSION"
else
    log "django-$DJANGO_VERSION present"
fi

# --- npm package -------------------------------------------------------------
if [ ! -d "$CORPUS/three-$THREE_VERSION" ]; then
    need npm
    log "npm pack three@$THREE_VERSION"
    mkdir -p "$TMP/npm"
    (cd "$TMP/npm" && npm pack --silent "three@$THREE_VERSION" >/dev/null 2>&1)
    tgz="$(find "$TMP/npm" -maxdepth 1 -name 'three-*.tgz' | head -n1)"
    [ -n "$tgz" ] || die "npm pack produced no tarball"
    tar -xzf "$tgz" -C "$TMP/npm"
    mv "$TMP/npm/package" "$CORPUS/three-$THREE_VERSION"
else
    log "three-$THREE_VERSION present"
fi

# --- Summary -----------------------------------------------------------------
{
    printf '# seamline benchmark corpus (written by bench/corpus.sh)\n'
    for spec in "${CRATES[@]}"; do printf 'crate %s\n' "$spec"; done
    printf 'pypi django==%s (sdist)\n' "$DJANGO_VERSION"
    printf 'npm three@%s\n' "$THREE_VERSION"
} >"$CORPUS/MANIFEST.txt"

big="$(find "$CORPUS" -type f -size +2048k | wc -l)"
log "corpus at $CORPUS: $(find "$CORPUS" -type f | wc -l) files, $(du -sh "$CORPUS" | cut -f1); $big file(s) over 2 MiB (skipped by seamline's default limit)"
TOKEI_BIN="${TOKEI:-$(command -v tokei || true)}"
if [ -n "$TOKEI_BIN" ]; then
    "$TOKEI_BIN" "$CORPUS"
else
    log "tokei not found (run bench/peers.sh, or set TOKEI=); line count by wc instead:"
    find "$CORPUS" -type f -print0 | wc -l --files0-from=- | tail -n1
fi
