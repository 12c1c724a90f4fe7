# SPDX-License-Identifier: GPL-2.0
# The chip's own objects, included by the top Makefile.
_CHIP_FILES := $(foreach part,phy rf,hal/$(CHIP)/$(CHIP)_$(part).o)
