#!/bin/sh
# scripts/check-fresh-build.sh [TREE]: prove that the first `make -j2` on a
# machine without the cross tools works with no second try. `make test` runs
# it. TREE (default: this checkout) is copied into a scratch directory as a
# clone would have it (git's files, without build/), and built there with a
# PATH that lacks every ${CROSS}* program (i686-linux-gnu-gcc, -ld, ...)
# until the tool step: scripts/ensure-tools.sh in the copy is replaced by a
# stand-in that makes the real ones appear in an empty PATH directory, as
# apt-get would. The stand-ins left in their place record any call made
# before the tool step (a parse-time probe of the compiler, a compile started
# early under -j) and answer "not found", as a fresh machine would. Passes
# when both builds succeed, the tool step ran, and no cross tool was asked
# anything before it. The scratch directory is removed on exit.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
tree=$(cd "${1:-$here}" && pwd)
cross=${CROSS:-i686-linux-gnu-}
gcc=$(command -v "${cross}gcc") || {
	echo "check-fresh-build: ${cross}gcc is not installed (run make's tool step first)" >&2
	exit 1
}
crossdir=$(dirname "$gcc")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
src=$work/src host=$work/host later=$work/later
mkdir "$src" "$host" "$later"

# The tree as a clone has it: the files git knows (tracked or new, not
# ignored; deleted ones skipped), or everything but build/ outside git.
if git -C "$tree" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$tree" && git ls-files --cached --others --exclude-standard |
		while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done |
		tar -cf - -T -) | tar -xf - -C "$src"
else
	(cd "$tree" && tar -cf - --exclude=./build .) | tar -xf - -C "$src"
fi

# The host's programs, first PATH directory first, minus the cross tools.
for d in $(echo "$PATH" | tr ':' '\n' | sed -n '/^\//p' | tac); do
	[ -d "$d" ] || continue
	find "$d" -maxdepth 1 ! -type d -exec ln -sft "$host" {} + 2>/dev/null || true
done
for f in "$host/$cross"*; do
	[ -e "$f" ] || [ -L "$f" ] || continue
	name=$(basename "$f")
	rm -f "$f"
	printf '#!/bin/sh\necho "%s $*" >> "%s/early-calls"\necho "%s: not found" >&2\nexit 127\n' \
		"$name" "$work" "$name" > "$f"
	chmod +x "$f"
done
printf '#!/bin/sh\n# stand-in for apt-get: the cross tools appear now\necho "$*" >> "%s/tool-steps"\nln -sf "%s/%s"* "%s/"\n' \
	"$work" "$crossdir" "$cross" "$later" > "$src/scripts/ensure-tools.sh"

# Build with the parent make's settings (MAKEFLAGS, TASKLAB_INNER) cleared.
fresh_make() {
	(cd "$src" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
		-u TASKLAB_INNER PATH="$later:$host" make -j2 "$@") >> "$work/log" 2>&1
}
verdict() {
	if [ -s "$work/early-calls" ]; then
		echo "check-fresh-build: FAILED ($1): cross tools called before the tool step:"
		sort "$work/early-calls" | uniq -c | sed 's/^/    /'
		return 1
	fi
	[ -s "$work/tool-steps" ] || { echo "check-fresh-build: FAILED ($1): no tool step ran"; return 1; }
}
fail() { echo "    ... last lines of the build:"; tail -n 15 "$work/log" | sed 's/^/    /'; exit 1; }

# 1. A fresh clone's first `make -j2`: kernel, user programs, initramfs.
echo "check-fresh-build: make -j2 in a copy of the tree, without ${cross}* in PATH until the tool step"
fresh_make || { verdict "make -j2" || true; echo "check-fresh-build: FAILED: make -j2 failed"; fail; }
verdict "make -j2" || fail
[ -f "$src/build/tasklab.elf" ] && [ -f "$src/build/initramfs.cpio" ] ||
	{ echo "check-fresh-build: FAILED: no build/tasklab.elf or build/initramfs.cpio"; fail; }

# 2. The tools gone again and the kernel to link again: `make -j2 iso` must
# also take the tool step first (LIBGCC is probed at link time too).
rm -f "$later"/* "$work/tool-steps" "$src/build/tasklab.elf" "$src/build/pass1.elf"
fresh_make iso || { verdict "make -j2 iso" || true; echo "check-fresh-build: FAILED: make -j2 iso failed"; fail; }
verdict "make -j2 iso" || fail
[ -f "$src/build/tasklab.iso" ] || { echo "check-fresh-build: FAILED: no build/tasklab.iso"; fail; }
echo "check-fresh-build: ok (make -j2 and make -j2 iso built first time; no ${cross}* call before the tool step)"
