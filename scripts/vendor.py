#!/usr/bin/env python3
"""The front-end libraries served from static/vendor/<name>/: their one list of versions, and its checks.

static/vendor/VERSIONS.toml names each library's npm package, version, tarball and licence, and every
file taken from it with the file's sha256. This script keeps the files and that list in agreement:

    scripts/vendor.py --check                 the files are exactly those of VERSIONS.toml (CI, offline)
    scripts/vendor.py --outdated              newer releases on the npm registry (a report; never fails
                                              on a network error; --strict: exit 1 when one is newer)
    scripts/vendor.py --verify [NAME ...]     the files equal the recorded releases' tarballs (network)
    scripts/vendor.py --update NAME [VERSION] fetch a release (default: the newest of the same major),
                                              write its files and VERSIONS.toml

Taken from a tarball, a file gets two edits, so that ``collectstatic`` with the manifest storage accepts
it (it fails on a reference to a file that is not shipped): its ``sourceMappingURL`` comment is removed
(no .map files), and the regular expression of the file's ``drop`` is deleted (Bootstrap Icons' .woff
fallback: every browser the portal supports reads the .woff2). Standard library only.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import re
import sys
import tarfile
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "static" / "vendor"
MANIFEST = VENDOR / "VERSIONS.toml"
REGISTRY = "https://registry.npmjs.org"
TIMEOUT = 15

HEADER = """\
# The front-end libraries served from static/vendor/<name>/ (each folder holds its licence): the one place
# for their versions. Written by `scripts/vendor.py --update NAME [VERSION]`; `scripts/vendor.py --check`
# (CI) compares every file with its sha256 here, `--outdated` asks the npm registry for newer releases.
# A file's `from` is its path in the package's tarball; `drop` is a regular expression removed from it.
"""

# The comment's line, as the minified files end: «…}\n/*# sourceMappingURL=x.css.map */», «…;\n//# …map\n».
_SOURCE_MAP = re.compile(rb"^(?://|/\*)# sourceMappingURL=[^\n]*\n?", re.MULTILINE)


class VendorError(Exception):
    pass


def load(path: Path = MANIFEST) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def _toml_string(value: str) -> str:
    if "\\" in value and "'" not in value and "\n" not in value:
        return f"'{value}'"  # a literal string: regular expressions stay readable
    return json.dumps(value, ensure_ascii=False)


def dump(libraries: dict) -> str:
    """VERSIONS.toml's text (the same layout whoever writes it)."""
    out = [HEADER.rstrip("\n")]
    for name, lib in libraries.items():
        out.append(f"\n[{name}]")
        for key in ("package", "version", "license", "homepage", "source", "integrity"):
            if key in lib:
                out.append(f"{key} = {_toml_string(lib[key])}")
        out.append("files = [")
        for entry in lib["files"]:
            fields = ", ".join(
                f"{key} = {_toml_string(entry[key])}"
                for key in ("path", "from", "drop", "sha256")
                if key in entry
            )
            out.append(f"    {{ {fields} }},")
        out.append("]")
    return "\n".join(out) + "\n"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check(libraries: dict, vendor: Path = VENDOR) -> list[str]:
    """Problems: a listed file missing or changed, a file in static/vendor that no library lists."""
    problems = []
    listed = {vendor / "VERSIONS.toml"}
    for name, lib in libraries.items():
        for entry in lib["files"]:
            path = vendor / name / entry["path"]
            listed.add(path)
            if not path.is_file():
                problems.append(f"{name} {lib['version']}: {path.relative_to(vendor)} is missing")
            elif sha256(path.read_bytes()) != entry["sha256"]:
                problems.append(
                    f"{name} {lib['version']}: {path.relative_to(vendor)} differs from the release "
                    "(sha256 in VERSIONS.toml): fetch it again with --update, do not edit it by hand"
                )
    for path in sorted(p for p in vendor.rglob("*") if p.is_file()):
        if path not in listed:
            problems.append(f"{path.relative_to(vendor)} is not listed in VERSIONS.toml")
    return problems


# The npm registry ------------------------------------------------------------------------------------


def _get(url: str, accept: str = "application/json") -> bytes:
    request = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": "mentoring-portal-vendor"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return response.read()


def versions(package: str) -> dict[str, dict]:
    """{version: its dist (tarball, integrity)} of the package's releases, pre-releases left out."""
    # The abbreviated document: a few hundred KB instead of megabytes for Bootstrap.
    data = json.loads(_get(f"{REGISTRY}/{package}", accept="application/vnd.npm.install-v1+json"))
    return {v: meta["dist"] for v, meta in data["versions"].items() if re.fullmatch(r"\d+\.\d+\.\d+", v)}


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def newer(current: str, available: list[str]) -> tuple[str | None, str | None]:
    """(the newest release of the current major if newer, the newest release of all if newer)."""
    major = current.split(".")[0]
    later = sorted((v for v in available if _key(v) > _key(current)), key=_key)
    same_major = [v for v in later if v.split(".")[0] == major]
    return (same_major[-1] if same_major else None), (later[-1] if later else None)


def outdated(libraries: dict, *, strict: bool) -> int:
    found = False
    for name, lib in libraries.items():
        try:
            available = list(versions(lib["package"]))
        except (OSError, urllib.error.URLError, ValueError) as error:
            print(f"The npm registry did not answer ({error}): newer releases not checked.")
            return 0
        minor, latest = newer(lib["version"], available)
        if not latest:
            print(f"{name} {lib['version']}: the newest release")
            continue
        found = True
        parts = []
        if minor:
            parts.append(f"{minor} in {lib['version'].split('.')[0]}.x (scripts/vendor.py --update {name})")
        if latest != minor:
            parts.append(f"{latest} (a new major: read its migration guide first)")
        print(f"{name} {lib['version']}: newer release " + "; ".join(parts))
    return 1 if found and strict else 0


def tarball(dist: dict) -> tarfile.TarFile:
    data = _get(dist["tarball"], accept="application/octet-stream")
    algorithm, _, expected = dist["integrity"].partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        raise VendorError(f"{dist['tarball']}: the download does not match the registry's {algorithm}")
    return tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")


def extract(archive: tarfile.TarFile, entry: dict) -> bytes:
    """The file ``entry['from']`` of an npm tarball (its files lie under package/), with the two edits."""
    try:
        member = archive.extractfile(f"package/{entry['from']}")
    except KeyError:
        member = None
    if member is None:
        raise VendorError(f"the tarball has no {entry['from']}")
    data = member.read()
    if entry["from"].endswith((".js", ".css")):
        data = _SOURCE_MAP.sub(b"", data)
    if "drop" in entry:
        data, count = re.subn(entry["drop"].encode(), b"", data)
        if not count:
            raise VendorError(f"{entry['from']}: `drop` found nothing to remove, check it")
    return data


def release_files(name: str, lib: dict, version: str) -> tuple[dict, dict[str, bytes]]:
    """(the dist of ``version``, {path: bytes}) of the library's files at that release."""
    dist = versions(lib["package"]).get(version)
    if dist is None:
        raise VendorError(f"{lib['package']} has no release {version}")
    archive = tarball(dist)
    return dist, {entry["path"]: extract(archive, entry) for entry in lib["files"]}


def verify(libraries: dict, names: list[str]) -> list[str]:
    problems = []
    for name in names or list(libraries):
        lib = libraries[name]
        _, files = release_files(name, lib, lib["version"])
        for path, data in files.items():
            on_disk = VENDOR / name / path
            if not on_disk.is_file() or on_disk.read_bytes() != data:
                problems.append(f"{name} {lib['version']}: {path} is not the release's file")
        print(f"{name} {lib['version']}: checked against {lib['source']}")
    return problems


def update(libraries: dict, name: str, version: str | None) -> None:
    lib = libraries[name]
    if version is None:
        version = newer(lib["version"], list(versions(lib["package"])))[0] or lib["version"]
    dist, files = release_files(name, lib, version)
    for entry in lib["files"]:
        data = files[entry["path"]]
        target = VENDOR / name / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        entry["sha256"] = sha256(data)
    lib.update(version=version, source=dist["tarball"], integrity=dist["integrity"])
    MANIFEST.write_text(dump(libraries))
    print(f"{name} {version}: {len(files)} files written. Run `make test` and `make e2e` before committing.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--check", action="store_true", help="the files match VERSIONS.toml (offline)")
    group.add_argument("--outdated", action="store_true", help="newer releases on the npm registry")
    group.add_argument("--verify", nargs="*", metavar="NAME", help="the files equal the releases' tarballs")
    group.add_argument("--update", nargs="+", metavar=("NAME", "VERSION"), help="fetch a release")
    parser.add_argument("--strict", action="store_true", help="with --outdated: exit 1 when one is newer")
    args = parser.parse_args(argv)
    libraries = load()
    try:
        if args.check:
            problems = check(libraries)
            for problem in problems:
                print(problem, file=sys.stderr)
            if not problems:
                print(", ".join(f"{name} {lib['version']}" for name, lib in libraries.items()) + ": ok")
            return 1 if problems else 0
        if args.outdated:
            return outdated(libraries, strict=args.strict)
        if args.verify is not None:
            unknown = [n for n in args.verify if n not in libraries]
            if unknown:
                parser.error(f"unknown library: {', '.join(unknown)} (known: {', '.join(libraries)})")
            problems = verify(libraries, args.verify)
            for problem in problems:
                print(problem, file=sys.stderr)
            return 1 if problems else 0
        name, *rest = args.update
        if name not in libraries or len(rest) > 1:
            parser.error(f"--update NAME [VERSION], NAME one of: {', '.join(libraries)}")
        update(libraries, name, rest[0] if rest else None)
        return 0
    except (VendorError, OSError, urllib.error.URLError) as error:
        print(f"vendor.py: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
