# SPDX-License-Identifier: GPL-3.0-or-later
"""Exhibition kiosk: the Hunan Xiangjiang New Area in 2023."""

__version__ = "0.1.0"
