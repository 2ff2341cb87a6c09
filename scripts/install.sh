#!/usr/bin/env bash
# Puts a built ocop-trace under a prefix, or takes it away again (`make install`, `make uninstall`):
#   bin/ocop-trace                                   the binary (Swift runtime linked in)
#   share/ocop-trace/Templates/                      label, stamp, sheet and web templates
#   share/man/man1/ocop-trace.1                      the man page (swift-argument-parser's generate-manual)
#   share/bash-completion/completions/ocop-trace     bash completion
#   share/zsh/site-functions/_ocop-trace             zsh completion
#   share/fish/vendor_completions.d/ocop-trace.fish  fish completion
#   lib/systemd/system/ocop-trace-serve.service      the resolver's unit, ExecStart pointing at bin/
# DESTDIR, when set, stages everything under another root (packagers); paths written into files
# name PREFIX only.
# Usage: scripts/install.sh install PREFIX BINARY GENERATE_MANUAL
#        scripts/install.sh uninstall PREFIX
set -euo pipefail
cd "$(dirname "$0")/.."

action=${1:-}
prefix=${2:-}
[ -n "$prefix" ] || { echo "install: PREFIX is empty" >&2; exit 64; }
case "$prefix" in /*) ;; *) echo "install: PREFIX '$prefix' is not an absolute path" >&2; exit 64 ;; esac
root="${DESTDIR:-}$prefix"

bin="$root/bin/ocop-trace"
templates="$root/share/ocop-trace"
manual="$root/share/man/man1/ocop-trace.1"
bash_completion="$root/share/bash-completion/completions/ocop-trace"
zsh_completion="$root/share/zsh/site-functions/_ocop-trace"
fish_completion="$root/share/fish/vendor_completions.d/ocop-trace.fish"
unit="$root/lib/systemd/system/ocop-trace-serve.service"

case "$action" in
install)
    binary=${3:?install: the built binary is missing from the arguments}
    generate_manual=${4:?install: the generate-manual tool is missing from the arguments}
    [ -x "$binary" ] || { echo "install: $binary is not an executable (run \`make build-release\`)" >&2; exit 66; }

    install -d "$root/bin" "$(dirname "$manual")" "$(dirname "$bash_completion")" \
        "$(dirname "$zsh_completion")" "$(dirname "$fish_completion")" "$(dirname "$unit")"
    # Stripped: the symbol tables are half the file and nothing at run time reads them.
    install -m 0755 -s "$binary" "$bin"

    # The templates without their preview images (README pictures, not read by the tool).
    rm -rf "$templates/Templates"
    install -d "$templates/Templates"
    (cd Templates && find . -path '*/previews' -prune -o -type f -print) | while read -r file; do
        install -D -m 0644 "Templates/$file" "$templates/Templates/$file"
    done

    # The man page's date is the last commit's, so the same sources give the same page.
    day=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)
    pages=$(mktemp -d)
    trap 'rm -rf "$pages"' EXIT
    "$generate_manual" "$binary" --date "$day" --output-directory "$pages"
    # generate-manual keeps the help's blank lines, which mdoc warns about: a blank line is a paragraph.
    sed 's/^$/.Pp/' "$pages/ocop-trace.1" > "$manual"
    chmod 0644 "$manual"

    "$binary" --generate-completion-script bash > "$bash_completion"
    "$binary" --generate-completion-script zsh > "$zsh_completion"
    "$binary" --generate-completion-script fish > "$fish_completion"
    chmod 0644 "$bash_completion" "$zsh_completion" "$fish_completion"

    sed "s|/usr/local/bin/ocop-trace|$prefix/bin/ocop-trace|g" packaging/ocop-trace-serve.service > "$unit"
    chmod 0644 "$unit"
    echo "installed ocop-trace in $root (templates: $templates/Templates)"
    ;;
uninstall)
    rm -f "$bin" "$manual" "$bash_completion" "$zsh_completion" "$fish_completion" "$unit"
    # Only what this script wrote: shared folders (share/man, lib/systemd, …) stay.
    rm -rf "$templates"
    echo "removed ocop-trace from $root"
    ;;
*)
    echo "install: action '$action' is not install or uninstall" >&2
    exit 64
    ;;
esac
