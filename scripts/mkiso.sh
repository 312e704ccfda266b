#!/bin/sh
# scripts/mkiso.sh KERNEL ISO [CMDLINE]: a GRUB 2 rescue ISO that boots KERNEL
# through the real multiboot path, with the serial port as GRUB's terminal.
set -eu
kernel=$1 iso=$2 cmdline=${3:-}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/boot/grub"
cp "$kernel" "$dir/boot/tasklab.elf"
[ -f build/initramfs.cpio ] && cp build/initramfs.cpio "$dir/boot/initramfs.cpio"
{
	echo 'serial --unit=0 --speed=115200'
	echo 'terminal_input serial console'
	echo 'terminal_output serial console'
	echo 'set timeout=0'
	echo 'menuentry "Tasklab" {'
	echo "    multiboot /boot/tasklab.elf $cmdline"
	[ -f build/initramfs.cpio ] && echo '    module /boot/initramfs.cpio initramfs'
	echo '}'
} > "$dir/boot/grub/grub.cfg"
grub-mkrescue -o "$iso" "$dir" >/dev/null 2>&1 || { grub-mkrescue -o "$iso" "$dir"; exit 1; }
echo "ISO: $iso (cmdline: '${cmdline}')"
