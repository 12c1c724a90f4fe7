// SPDX-License-Identifier: GPL-2.0
/* kmodlint-disable-file param/missing-description -- documented in the README instead */ /* ok: meta/unused-suppression */
/* kmodlint-disable-file symbol/extern-in-c */ /* expect: meta/unused-suppression@26 */
#include <linux/module.h>
#include <linux/init.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Suppressions in source");

static int debug;
/* kmodlint-disable-next-line param/world-writable -- test rig only, never shipped */ /* ok: meta/unused-suppression */
module_param(debug, int, 0666); /* ok: param/world-writable, param/missing-description */

static int level;
module_param(level, int, S_IRUGO | S_IWUGO); // kmodlint-disable-line param/world-writable, param/symbolic-permission

static int mode;
/* kmodlint-disable-next-line param -- a family: every param/ rule */ /* ok: meta/unknown-suppression */
module_param(mode, int, 0666); /* ok: param/world-writable */

static int loud;
/* kmodlint-disable-next-line param/world-writeable */ /* expect: meta/unknown-suppression@31 */
module_param(loud, int, 0666); /* expect: param/world-writable@25 */

static int bare;
/* kmodlint-disable-next-line */ /* expect: meta/unknown-suppression@21 */
module_param(bare, int, 0444);

/* A misspelt directive is not read: the finding stays, and the misspelling is reported. */
static int typo1;
/* kmodlint-disabel-next-line param/world-writable */ /* expect: meta/unknown-suppression@4 */
module_param(typo1, int, 0666); /* expect: param/world-writable@26 */

static int typo2;
/* kmodlint: disable param/world-writable */ /* expect: meta/unknown-suppression@4 */
module_param(typo2, int, 0666); /* expect: param/world-writable@26 */

static int typo3;
/* kmodlint-disable-nextline param/world-writable */ /* expect: meta/unknown-suppression@4 */
module_param(typo3, int, 0666); /* expect: param/world-writable@26 */

/* kmodlint: checked in CI, see the README */ /* ok: meta/unknown-suppression */

/* A suppression that silences nothing is reported: the code it was written for has changed. */
static int calm;
/* kmodlint-disable-next-line param/world-writable -- it was 0666 once */ /* expect: meta/unused-suppression@31 */
module_param(calm, int, 0444);
/* kmodlint-disable-next-line init -- a family that reports nothing here */ /* expect: meta/unused-suppression@31 */
static int spare;
/* kmodlint-disable-next-line param/world-writable, meta/unused-suppression -- kept on purpose */ /* ok: meta/unused-suppression */
static int kept;

static int __init quiet_init(void)
{
	return debug + level + mode + loud + bare + typo1 + typo2 + typo3 + calm + spare + kept;
}

static void __exit quiet_exit(void)
{
}

module_init(quiet_init);
module_exit(quiet_exit);
