/* arch/i386/acpi.c: what the firmware says about the CPUs and interrupt
 * controllers, read from the ACPI MADT ("APIC" table): the RSDP is found
 * in the EBDA's first KiB or the BIOS area 0xE0000-0xFFFFF, it points at
 * the RSDT, whose entries are the physical addresses of the other tables.
 * The MADT lists one entry per local APIC (with its APIC id and whether it
 * is usable), the I/O APICs (address, first GSI) and the interrupt source
 * overrides (ISA IRQ n arrives on another pin: QEMU wires IRQ 0 to GSI 2).
 *
 * Why the MADT and not the MP table: ACPI is what firmware keeps current
 * (the MP spec 1.4 dates from 1997 and Linux prefers ACPI when both
 * exist; machines after 2010 often ship no MP table), and the MADT gives
 * the same facts in simpler, fixed-size entries. SeaBIOS builds both.
 *
 * The tables may lie above lowmem (QEMU puts them at the top of RAM), so
 * they are read through a window of fixed mappings, CPU 0 at boot only. */
#include <kernel.h>
#include <asm/apic.h>
#include <asm/page.h>

struct madt_info madt;

struct acpi_table_header {
	char signature[4];
	u32 length;
	u8 revision, checksum;
	char oem_id[6], oem_table_id[8];
	u32 oem_revision, creator_id, creator_revision;
} __attribute__((packed));

struct acpi_rsdp {
	char signature[8];                   /* "RSD PTR " */
	u8 checksum;
	char oem_id[6];
	u8 revision;
	u32 rsdt_address;
} __attribute__((packed));

/* MADT entry types (ACPI 6.x, 5.2.12). */
enum { MADT_LAPIC = 0, MADT_IOAPIC = 1, MADT_INT_OVERRIDE = 2 };

static bool checksum_ok(const void *p, u32 len)
{
	u8 sum = 0;

	for (u32 i = 0; i < len; i++)
		sum += ((const u8 *)p)[i];
	return sum == 0;
}

/* Map [phys, phys + len) into the window; NULL if it does not fit. */
static void *acpi_map(phys_addr_t phys, u32 len)
{
	phys_addr_t first = phys & PAGE_MASK;
	u32 pages = (phys - first + len + PAGE_SIZE - 1) >> PAGE_SHIFT;

	if (pages > ACPI_WINDOW_PAGES)
		return NULL;
	for (u32 i = 0; i < pages; i++)
		set_fixmap_nocache(ACPI_WINDOW_VADDR + i * PAGE_SIZE, first + i * PAGE_SIZE);
	return (void *)(ACPI_WINDOW_VADDR + (phys - first));
}

/* Map a whole table (header first, for its length); checksum verified. */
static const struct acpi_table_header *acpi_map_table(phys_addr_t phys)
{
	const struct acpi_table_header *h = acpi_map(phys, sizeof(*h));

	if (!h)
		return NULL;
	h = acpi_map(phys, h->length);
	return h && checksum_ok(h, h->length) ? h : NULL;
}

static const struct acpi_rsdp *scan_rsdp(phys_addr_t start, u32 len)
{
	for (phys_addr_t p = start; p + sizeof(struct acpi_rsdp) <= start + len; p += 16) {
		const struct acpi_rsdp *r = __va(p);

		if (!memcmp(r->signature, "RSD PTR ", 8) && checksum_ok(r, 20))
			return r;
	}
	return NULL;
}

/* The RSDP: the EBDA's first KiB (its segment is at 0x40E), then the BIOS
 * read-only area. Both lie in the first MiB, which the direct map covers. */
static const struct acpi_rsdp *find_rsdp(void)
{
	phys_addr_t ebda = (phys_addr_t)*(const u16 *)__va(0x40E) << 4;
	const struct acpi_rsdp *r = NULL;

	if (ebda >= 0x80000 && ebda < 0xA0000)
		r = scan_rsdp(ebda, 1024);
	return r ? r : scan_rsdp(0xE0000, 0x20000);
}

/* The RSDT entry whose table has signature sig, or 0. */
static phys_addr_t find_table(phys_addr_t rsdt_phys, const char *sig)
{
	const struct acpi_table_header *rsdt = acpi_map_table(rsdt_phys);
	u32 n, entries[64];

	if (!rsdt || memcmp(rsdt->signature, "RSDT", 4))
		return 0;
	n = min((rsdt->length - sizeof(*rsdt)) / 4, (u32)ARRAY_SIZE(entries));
	memcpy(entries, rsdt + 1, n * 4);    /* the window is reused below */
	for (u32 i = 0; i < n; i++) {
		const struct acpi_table_header *h = acpi_map(entries[i], sizeof(*h));

		if (h && !memcmp(h->signature, sig, 4))
			return entries[i];
	}
	return 0;
}

static void madt_entry(const u8 *e)
{
	switch (e[0]) {
	case MADT_LAPIC:                      /* ACPI id, APIC id, flags (bit 0: enabled) */
		if ((e[4] & 1) && madt.nr_lapics < NR_CPUS)
			madt.lapic_ids[madt.nr_lapics++] = e[3];
		else if (e[4] & 1)
			pr_warn("ACPI: CPU with APIC id %u ignored (NR_CPUS %d)\n", e[3], NR_CPUS);
		break;
	case MADT_IOAPIC:                     /* id, reserved, address, GSI base */
		if (!madt.ioapic_phys) {
			madt.ioapic_phys = *(const u32 *)(e + 4);
			madt.ioapic_gsi_base = *(const u32 *)(e + 8);
		}
		break;
	case MADT_INT_OVERRIDE:               /* bus, source IRQ, GSI, flags */
		if (e[2] == 0 && e[3] < 16) {
			madt.isa_gsi[e[3]] = *(const u32 *)(e + 4);
			madt.isa_flags[e[3]] = *(const u16 *)(e + 8);
		}
		break;
	}
}

/* Contract: fill `madt` from the firmware's tables; false when there is no
 * usable MADT (then the machine runs on the 8259 and PIT, one CPU). Boot,
 * CPU 0, before any other user of the window. */
bool acpi_parse_madt(void)
{
	const struct acpi_rsdp *rsdp = find_rsdp();
	const struct acpi_table_header *h;
	phys_addr_t madt_phys;
	const u8 *e, *end;

	for (int irq = 0; irq < 16; irq++)
		madt.isa_gsi[irq] = irq;         /* ISA IRQ n on GSI n unless overridden */
	if (!rsdp || !(madt_phys = find_table(rsdp->rsdt_address, "APIC")))
		return false;
	h = acpi_map_table(madt_phys);
	if (!h)
		return false;
	madt.lapic_phys = *(const u32 *)(h + 1);
	madt.pcat_compat = *((const u32 *)(h + 1) + 1) & 1;
	end = (const u8 *)h + h->length;
	for (e = (const u8 *)h + sizeof(*h) + 8; e + 2 <= end && e[1] >= 2; e += e[1])
		madt_entry(e);
	pr_info("ACPI: MADT at %#x: %u CPUs, local APIC %#x, I/O APIC %#x (GSI %u), IRQ 0 on GSI %u\n",
		madt_phys, madt.nr_lapics, madt.lapic_phys, madt.ioapic_phys,
		madt.ioapic_gsi_base, madt.isa_gsi[0]);
	return madt.nr_lapics && madt.ioapic_phys;
}
