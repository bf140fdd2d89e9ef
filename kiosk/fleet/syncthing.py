# SPDX-License-Identifier: GPL-3.0-or-later
"""Syncthing's config.xml for the staff PC or for one kiosk, filled from hall.config.xml beside this file.

    kiosk fleet syncthing-config staff --this STAFF_ID --kiosk KIOSK_ID [--kiosk KIOSK_ID ...] > config.xml
    kiosk fleet syncthing-config kiosk --this KIOSK_ID --staff STAFF_ID > config.xml

Device ids come from `syncthing --device-id --home DIR` on each machine. Addresses default to
`dynamic` (found by local discovery); give `--address ID=tcp://192.168.10.21:22000` where the hall
network blocks broadcast.
"""

from __future__ import annotations

import secrets
from pathlib import Path

TEMPLATE = Path(__file__).with_name("hall.config.xml")


def device(device_id: str, name: str, address: str) -> str:
    return (
        f'    <device id="{device_id}" name="{name}" compression="metadata" introducer="false">\n'
        f"        <address>{address}</address>\n"
        "        <autoAcceptFolders>false</autoAcceptFolders>\n"
        "    </device>"
    )


def folder_devices(ids: list[str]) -> str:
    return "\n".join(f'        <device id="{device_id}"></device>' for device_id in ids)


def fill(
    role: str,
    this: str,
    peers: list[str],
    *,
    hall_dir: str,
    status_dir: str,
    addresses: dict[str, str] | None = None,
    listen: str = "tcp://0.0.0.0:22000",
    gui: str = "127.0.0.1:8384",
    api_key: str | None = None,
    local_discovery: bool = True,
    rescan_s: int = 3600,
    # Syncthing's default is 10 s: most of the 5 s the hall's emergency message may take to reach the
    # screens. A hall folder changes seldom, so noticing a change within 1 s costs nothing, and a
    # content pack arriving file by file is held back by its manifest whatever the delay.
    watch_delay_s: int = 1,
    reconnect_s: int = 60,
) -> str:
    """The config.xml text for `role` ("staff" or "kiosk") with this device and its peers."""
    addresses = addresses or {}
    names = {this: role}
    names.update({peer: ("kiosk" if role == "staff" else "staff") for peer in peers})
    values = {
        "HALL_DIR": hall_dir,
        "STATUS_DIR": status_dir,
        "HALL_TYPE": "sendonly" if role == "staff" else "receiveonly",
        "STATUS_TYPE": "receiveonly" if role == "staff" else "sendonly",
        "HALL_DEVICES": folder_devices([this, *peers]),
        "STATUS_DEVICES": folder_devices([this, *peers]),
        "DEVICES": "\n".join(
            device(device_id, f"{names[device_id]}-{device_id[:7]}", addresses.get(device_id, "dynamic"))
            for device_id in [this, *peers]
        ),
        "GUI_ADDRESS": gui,
        "API_KEY": api_key or secrets.token_urlsafe(24),
        "LISTEN_ADDRESS": listen,
        "LOCAL_DISCOVERY": "true" if local_discovery else "false",
        "RESCAN_S": str(rescan_s),
        "WATCH_DELAY_S": str(watch_delay_s),
        "RECONNECT_S": str(reconnect_s),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text
