#!/bin/sh
# scripts/check-paths.sh: fail if a file of the tree names a path that only
# exists on some build machine, or points outside the repository, since a
# user's clone has only the repository. `make test` runs it. Checked: every
# file git knows (tracked or new, not ignored). Flagged (the patterns below):
#  - a path into a home or work directory (home, root, work, Users), but in
#    the guest's own files (user/rootfs*/: the guest's etc/passwd names the
#    guest's home directories);
#  - a path into tmp in the host-side files (Makefile, *.mk, scripts, *.py,
#    .ci), which make their scratch files with mktemp; the tmp directory named
#    in the kernel's and the user programs' C files is the guest's own;
#  - a reference out of the repository: the shared folder beside it, a
#    Markdown link up out of it (from docs/, one level up is the top of the
#    repository: up two is out), and the names of the notes kept there.
set -eu
cd "$(dirname "$0")/.."
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	files=$(git ls-files --cached --others --exclude-standard |
		while IFS= read -r f; do [ -f "$f" ] && printf '%s\n' "$f"; done)
else
	files=$(find . \( -path ./build -o -path ./.git \) -prune -o -type f -print | sed 's|^\./||')
fi
# Written so that this file does not match itself.
absolute='(^|[^[:alnum:]_.~-])/(home|root|work|Users)\b'
outside='\.\./shared\b|\b(seed-claims|linux-reference(-2)?|platform-notes|CONVENTIONS)\.md\b'
uplink='\]\(\.\./'
docs_uplink='\]\(\.\./\.\./'
hosttmp='(^|[^[:alnum:]_.~$-])/t[m]p\b'

guest=$(printf '%s\n' "$files" | grep -E '^user/rootfs[^/]*/' || true)
hits=$(printf '%s\n' "$files" | grep -vE '^(user/rootfs[^/]*|docs)/' | tr '\n' '\0' |
	xargs -0 grep -nIE "$absolute|$outside|$uplink" -- 2>/dev/null || true)
docs=$(printf '%s\n' "$files" | grep -E '^docs/' || true)
[ -n "$docs" ] && hits="$hits
$(printf '%s\n' "$docs" | tr '\n' '\0' | xargs -0 grep -nIE "$absolute|$outside|$docs_uplink" -- 2>/dev/null || true)"
[ -n "$guest" ] && hits="$hits
$(printf '%s\n' "$guest" | tr '\n' '\0' | xargs -0 grep -nIE "$outside" -- 2>/dev/null || true)"
host=$(printf '%s\n' "$files" | grep -E '^(Makefile|.*\.mk|scripts/.*|.*\.py|\.ci/.*)$' || true)
[ -n "$host" ] && hits="$hits
$(printf '%s\n' "$host" | tr '\n' '\0' | xargs -0 grep -nIE "$hosttmp" -- 2>/dev/null || true)"
hits=$(printf '%s\n' "$hits" | sed '/^$/d')
if [ -n "$hits" ]; then
	echo "check-paths: FAILED: build-machine paths or references outside the repository:"
	printf '%s\n' "$hits" | sed 's/^/    /'
	exit 1
fi
echo "check-paths: ok ($(printf '%s\n' "$files" | wc -l) files name no build-machine path and nothing outside the repository)"
