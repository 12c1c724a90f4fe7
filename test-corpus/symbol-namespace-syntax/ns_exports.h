/* SPDX-License-Identifier: GPL-2.0 */
/* what the exporters of this scenario export */
int kml_token_fn(void);
int kml_flag_fn(void);
