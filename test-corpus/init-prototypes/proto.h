/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PROTO_H
#define PROTO_H
/* the header's __init reaches the plain definition in core.c: both are one translation unit */
int __init proto_calibrate(void);
/* plain here, __init in board.c: board.c's definition decides */
int proto_board_setup(void);
#endif
