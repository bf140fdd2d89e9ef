"""`kiosk fleet syncthing-config`: the hall's Syncthing configuration from the kiosk command itself, so
a kiosk PC with only the frozen build (no python3) can write it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from kiosk.cli import main

STAFF = "AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA"
KIOSK = "BBBBBBB-BBBBBBB-BBBBBBB-BBBBBBB-BBBBBBB-BBBBBBB-BBBBBBB-BBBBBBB"


def config(capsys: pytest.CaptureFixture[str], *argv: str) -> ET.Element:
    assert main(["fleet", "syncthing-config", *argv]) == 0
    return ET.fromstring(capsys.readouterr().out)


def test_a_kiosk_receives_the_hall_and_sends_its_status_to_the_staff_pc_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = config(
        capsys, "kiosk", "--this", KIOSK, "--staff", STAFF, "--address", f"{STAFF}=tcp://192.168.10.2:22000"
    )
    folders = {folder.get("id"): folder for folder in root.iter("folder")}
    assert folders["xiangjiang-hall"].get("type") == "receiveonly"
    assert folders["xiangjiang-hall"].get("path") == "/home/kiosk/hall"
    assert folders["xiangjiang-hall-status"].get("type") == "sendonly"
    devices = {device.get("id"): device for device in root.findall("device")}
    assert set(devices) == {KIOSK, STAFF}
    assert devices[STAFF].findtext("address") == "tcp://192.168.10.2:22000"
    assert root.findtext("gui/address") == "127.0.0.1:8384"
    assert "{{" not in ET.tostring(root, encoding="unicode")


def test_the_staff_pc_sends_the_hall_to_every_kiosk_it_names(capsys: pytest.CaptureFixture[str]) -> None:
    root = config(capsys, "staff", "--this", STAFF, "--kiosk", KIOSK, "--hall-dir", "/home/staff/hall")
    hall = next(folder for folder in root.iter("folder") if folder.get("id") == "xiangjiang-hall")
    assert hall.get("type") == "sendonly"
    assert hall.get("path") == "/home/staff/hall"
    assert {device.get("id") for device in hall.findall("device")} == {STAFF, KIOSK}


def test_a_kiosk_without_the_staff_pc_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["fleet", "syncthing-config", "kiosk", "--this", KIOSK])
    assert refused.value.code == 2
    assert "--staff" in capsys.readouterr().err


def test_an_address_without_its_device_id_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(
            [
                "fleet",
                "syncthing-config",
                "kiosk",
                "--this",
                KIOSK,
                "--staff",
                STAFF,
                "--address",
                "tcp://10.0.0.2",
            ]
        )
    assert refused.value.code == 2
    assert "ID=tcp://HOST:PORT" in capsys.readouterr().err
