"""npm, Yarn and pnpm manifests and lockfiles, each written here in its real format."""

# ruff: noqa: E501 - fixtures keep real lockfile lines (hashes, integrity) at full length

from __future__ import annotations

from test_manifests_python import facts, rows

PACKAGE_JSON = """\
    {
      "name": "acme-web",
      "version": "1.0.0",
      "private": true,
      "dependencies": {
        "@babel/runtime": "^7.23.2",
        "lodash": "4.17.21",
        "react": "~18.2.0",
        "shared": "workspace:*",
        "left-pad": "npm:left-pad@1.3.0",
        "lib": "github:acme/lib#v1"
      },
      "devDependencies": {
        "typescript": "5.3.2",
        "jest": "^29.7.0"
      },
      "optionalDependencies": {
        "fsevents": "2.3.3"
      },
      "peerDependencies": {
        "react-dom": ">=18"
      }
    }
"""


def test_package_json_sections_pins_and_local_specs() -> None:
    found = facts({"package.json": PACKAGE_JSON})
    assert rows(found, "package.json") == [
        ("@babel/runtime", None, "^7.23.2", True, "runtime", 6),
        ("lodash", "4.17.21", "4.17.21", True, "runtime", 7),
        ("react", None, "~18.2.0", True, "runtime", 8),
        ("left-pad", "1.3.0", "1.3.0", True, "runtime", 10),
        ("lib", None, "github:acme/lib#v1", True, "runtime", 11),
        ("typescript", "5.3.2", "5.3.2", True, "dev", 14),
        ("jest", None, "^29.7.0", True, "dev", 15),
        ("fsevents", "2.3.3", "2.3.3", True, "optional", 18),
        ("react-dom", None, ">=18", True, "runtime", 21),
    ]
    babel = next(d for d in found.dependencies if d.name == "@babel/runtime")
    assert babel.purl == "pkg:npm/%40babel/runtime"


PACKAGE_LOCK_V1 = """\
    {
      "name": "acme-web",
      "version": "1.0.0",
      "lockfileVersion": 1,
      "requires": true,
      "dependencies": {
        "lodash": {
          "version": "4.17.21",
          "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",
          "integrity": "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg=="
        },
        "jest": {
          "version": "29.7.0",
          "dev": true,
          "requires": {"jest-cli": "^29.7.0"},
          "dependencies": {
            "jest-cli": {"version": "29.7.0", "dev": true}
          }
        },
        "fsevents": {"version": "2.3.3", "optional": true}
      }
    }
"""


def test_package_lock_v1_nested_tree_direct_from_package_json() -> None:
    found = facts({"package.json": PACKAGE_JSON, "package-lock.json": PACKAGE_LOCK_V1})
    assert rows(found, "package-lock.json") == [
        ("lodash", "4.17.21", None, True, "runtime", None),
        ("jest", "29.7.0", None, True, "dev", None),
        ("jest-cli", "29.7.0", None, False, "dev", None),
        ("fsevents", "2.3.3", None, True, "optional", None),
    ]


PACKAGE_LOCK_V3 = """\
    {
      "name": "acme-web",
      "version": "1.0.0",
      "lockfileVersion": 3,
      "requires": true,
      "packages": {
        "": {
          "name": "acme-web",
          "version": "1.0.0",
          "workspaces": ["packages/*"],
          "dependencies": {"@babel/runtime": "^7.23.2", "lodash": "4.17.21"},
          "devDependencies": {"jest": "^29.7.0"}
        },
        "node_modules/@babel/runtime": {
          "version": "7.23.2",
          "resolved": "https://registry.npmjs.org/@babel/runtime/-/runtime-7.23.2.tgz",
          "integrity": "sha512-mM8eg4yl5D6i3lu2QKPuPH4FArvJ8KhTofbE7jwMUv9KX5mBvwPAqnV3MlyBNqdp9RyRKP6Yck8TrfYrPvX3bg==",
          "license": "MIT",
          "dependencies": {"regenerator-runtime": "^0.14.0"}
        },
        "node_modules/regenerator-runtime": {"version": "0.14.0", "license": "MIT"},
        "node_modules/lodash": {"version": "4.17.21", "license": "MIT"},
        "node_modules/jest": {"version": "29.7.0", "dev": true, "license": "MIT"},
        "node_modules/jest/node_modules/lodash": {"version": "3.10.1", "dev": true},
        "node_modules/shared": {"resolved": "packages/shared", "link": true},
        "packages/shared": {"name": "shared", "version": "0.0.1", "dependencies": {"ms": "2.1.3"}},
        "node_modules/ms": {"version": "2.1.3", "devOptional": true},
        "node_modules/old-lodash": {"name": "lodash", "version": "2.4.2"}
      }
    }
"""


def test_package_lock_v3_packages_with_workspaces_links_and_licenses() -> None:
    found = facts({"package-lock.json": PACKAGE_LOCK_V3})
    assert rows(found, "package-lock.json") == [
        ("@babel/runtime", "7.23.2", None, True, "runtime", None),
        ("regenerator-runtime", "0.14.0", None, False, "runtime", None),
        ("lodash", "4.17.21", None, True, "runtime", None),
        ("jest", "29.7.0", None, True, "dev", None),
        ("lodash", "3.10.1", None, False, "dev", None),
        ("ms", "2.1.3", None, True, "optional", None),
        ("lodash", "2.4.2", None, True, "runtime", None),
    ]
    licenses = {(d.name, d.version): d.license for d in found.dependencies}
    assert licenses[("@babel/runtime", "7.23.2")] == "MIT"
    assert licenses[("lodash", "3.10.1")] is None


YARN_V1 = """\
    # THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
    # yarn lockfile v1


    "@babel/code-frame@^7.0.0", "@babel/code-frame@^7.22.13":
      version "7.22.13"
      resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.22.13.tgz#e3c1c099402598483b7a8c46a721d1038803755e"
      integrity sha512-XktuhWlJ5g+3TJXc5upd9Ks1HutSArik6jf2eAjYFyIOf4ej3RN+184cZbzDvbPnuTJIUhPKKJE3cIsYTiAT3w==
      dependencies:
        "@babel/highlight" "^7.22.13"
        chalk "^2.4.2"

    chalk@^2.4.2:
      version "2.4.2"
      resolved "https://registry.yarnpkg.com/chalk/-/chalk-2.4.2.tgz#cd42541677a54333cf541a49108c1432b44c9424"
      integrity sha512-Mti+f9lpJNcwF4tWV8/OrTTtF1gZi+f8FqlyAdouralcFWFQWF2+NgCHShjkCb+IFBLq9buZwE1xckQU4peSuw==

    lodash@4.17.21, lodash@^4.17.20:
      version "4.17.21"
      resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz#679591c564c3bffaae8454cf0b3df370c3d6911c"

    "left-pad@npm:left-pad@1.3.0":
      version "1.3.0"
"""


def test_yarn_lock_v1() -> None:
    package = '{"dependencies": {"lodash": "^4.17.20"}, "devDependencies": {"chalk": "^2.4.2"}}'
    found = facts({"web/yarn.lock": YARN_V1, "web/package.json": package})
    assert rows(found, "web/yarn.lock") == [
        ("@babel/code-frame", "7.22.13", None, False, "runtime", 5),
        ("chalk", "2.4.2", None, True, "dev", 13),
        ("lodash", "4.17.21", None, True, "runtime", 18),
        ("left-pad", "1.3.0", None, False, "runtime", 22),
    ]
    assert [(m.path, m.manager, m.kind) for m in found.manifests] == [
        ("web/package.json", "npm", "manifest"),
        ("web/yarn.lock", "yarn", "lockfile"),
    ]


YARN_BERRY = """\
    # This file is generated by running "yarn install" inside your project.
    # Manual changes might be lost - proceed with caution!

    __metadata:
      version: 8
      cacheKey: 10c0

    "@types/node@npm:^20.10.0":
      version: 20.10.0
      resolution: "@types/node@npm:20.10.0"
      dependencies:
        undici-types: "npm:~5.26.4"
      checksum: 10c0/1d2ac5f5bcd50e3dd0f8fd2d8c8f3e8e6e9a8d1c5b5e4e4d6c2f3a1b0c9d8e7f6
      languageName: node
      linkType: hard

    "acme-web@workspace:.":
      version: 0.0.0-use.local
      resolution: "acme-web@workspace:."
      dependencies:
        "@types/node": "npm:^20.10.0"
        resolve: "npm:^1.22.8"
      languageName: unknown
      linkType: soft

    "resolve@npm:^1.22.8":
      version: 1.22.8
      resolution: "resolve@npm:1.22.8"
      languageName: node
      linkType: hard

    "resolve@patch:resolve@npm%3A^1.22.8#optional!builtin<compat/resolve>":
      version: 1.22.8
      resolution: "resolve@patch:resolve@npm%3A1.22.8#optional!builtin<compat/resolve>::version=1.22.8&hash=c3c19d"
      languageName: node
      linkType: hard

    "undici-types@npm:~5.26.4":
      version: 5.26.5
      resolution: "undici-types@npm:5.26.5"
      languageName: node
      linkType: hard
"""


def test_yarn_berry_lockfile() -> None:
    found = facts({"yarn.lock": YARN_BERRY})
    assert rows(found, "yarn.lock") == [
        ("@types/node", "20.10.0", None, True, "runtime", 8),
        ("resolve", "1.22.8", None, True, "runtime", 26),
        ("undici-types", "5.26.5", None, False, "runtime", 38),
    ]


PNPM_V5 = """\
    lockfileVersion: 5.4

    specifiers:
      lodash: ^4.17.21
      typescript: ^4.9.5

    dependencies:
      lodash: 4.17.21

    devDependencies:
      typescript: 4.9.5

    packages:

      /@babel/core/7.20.0_supports-color@5.5.0:
        resolution: {integrity: sha512-abc}
        dev: false

      /lodash/4.17.21:
        resolution: {integrity: sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==}
        dev: false

      /typescript/4.9.5:
        resolution: {integrity: sha512-1FXk9E2Hm+QzZQ7z+McJiHL4NW1F995jxv0ZiOQjRzSp2ayp6BaCLeXzzeV4R7lAnpMk9Ws7jJbuOFX6KDhXA==}
        engines: {node: '>=4.2.0'}
        hasBin: true
        dev: true
"""
PNPM_V6 = """\
    lockfileVersion: '6.0'

    settings:
      autoInstallPeers: true
      excludeLinksFromLockfile: false

    dependencies:
      lodash:
        specifier: ^4.17.21
        version: 4.17.21
      shared:
        specifier: link:../shared
        version: link:../shared

    devDependencies:
      typescript:
        specifier: ^5.3.2
        version: 5.3.2

    packages:

      /@babel/core@7.23.3(supports-color@5.5.0):
        resolution: {integrity: sha512-abc}
        dev: false

      /lodash@4.17.21:
        resolution: {integrity: sha512-xyz}
        dev: false

      /typescript@5.3.2:
        resolution: {integrity: sha512-def}
        engines: {node: '>=14.17'}
        hasBin: true
        dev: true
"""
PNPM_V9 = """\
    lockfileVersion: '9.0'

    settings:
      autoInstallPeers: true
      excludeLinksFromLockfile: false

    importers:

      .:
        dependencies:
          lodash:
            specifier: ^4.17.21
            version: 4.17.21
        devDependencies:
          typescript:
            specifier: ^5.4.5
            version: 5.4.5

      packages/api:
        dependencies:
          '@acme/shared':
            specifier: workspace:*
            version: link:../shared
          express:
            specifier: ^4.19.2
            version: 4.19.2

    packages:

      express@4.19.2:
        resolution: {integrity: sha512-abc}
        engines: {node: '>= 0.10.0'}

      lodash@4.17.21:
        resolution: {integrity: sha512-xyz}

      ms@2.0.0:
        resolution: {integrity: sha512-ms}

      typescript@5.4.5:
        resolution: {integrity: sha512-ts}
        engines: {node: '>=14.17'}
        hasBin: true

      tarball@https://codeload.github.com/acme/tarball/tar.gz/abc:
        resolution: {tarball: https://codeload.github.com/acme/tarball/tar.gz/abc}
        version: 1.0.0

    snapshots:

      express@4.19.2:
        dependencies:
          ms: 2.0.0

      lodash@4.17.21: {}

      ms@2.0.0: {}

      typescript@5.4.5: {}
"""


def test_pnpm_lock_5_6_and_9() -> None:
    found = facts({
        "v5/pnpm-lock.yaml": PNPM_V5, "v6/pnpm-lock.yaml": PNPM_V6, "v9/pnpm-lock.yaml": PNPM_V9,
    })  # fmt: skip
    assert rows(found, "v5/pnpm-lock.yaml") == [
        ("@babel/core", "7.20.0", None, False, "runtime", None),
        ("lodash", "4.17.21", None, True, "runtime", None),
        ("typescript", "4.9.5", None, True, "dev", None),
    ]
    assert rows(found, "v6/pnpm-lock.yaml") == [
        ("@babel/core", "7.23.3", None, False, "runtime", None),
        ("lodash", "4.17.21", None, True, "runtime", None),
        ("typescript", "5.3.2", None, True, "dev", None),
    ]
    assert rows(found, "v9/pnpm-lock.yaml") == [
        ("express", "4.19.2", None, True, "runtime", None),
        ("lodash", "4.17.21", None, True, "runtime", None),
        ("ms", "2.0.0", None, False, "runtime", None),
        ("typescript", "5.4.5", None, True, "dev", None),
    ]
    assert [n.reason for n in found.not_assessed] == [
        "v9/pnpm-lock.yaml: package key tarball@https://codeload.github.com/acme/tarball/tar.gz/abc"
        " not understood"
    ]
