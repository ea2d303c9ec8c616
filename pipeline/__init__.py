"""Emulation-campaign consolidation for a ward's Hội đồng Thi đua – Khen thưởng."""

VERSION = "0.1.0"
