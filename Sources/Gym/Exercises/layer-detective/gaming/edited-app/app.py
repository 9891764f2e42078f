print("next class: Thursday 2026-11-26 18:00")
