"""Inventory: lines per language added up by hand, and the stack detected from minimal manifests."""

from __future__ import annotations

import pytest
from test_code_support import code_facts, source

from cto.analyzers import inventory
from cto.analyzers.interface import ExcludedPath
from cto.analyzers.stack import dependencies, detect, stack_data


def test_lines_per_language_added_up() -> None:
    facts = code_facts(
        [
            source("a.py", 10, 2, 3),
            source("b.py", 5, 0, 1),
            source("web/app.ts", 20, 4, 0),
            source("logo.png", 0, size=900, binary=True, language=""),
            source("LICENSE.weird", 7, language=""),
        ],
        skipped=[ExcludedPath("vendor/x.js", "vendored: vendor/"), ExcludedPath("a.min.js", "min")],
    )
    inv = inventory.analyze(facts)
    rows = [(t.language, t.files, t.code, t.comment, t.blank, t.lines) for t in inv.languages]
    assert rows == [
        ("TypeScript", 1, 20, 4, 0, 24),
        ("Python", 2, 15, 2, 4, 21),
        ("Other", 1, 7, 0, 0, 7),
    ]
    assert (inv.text_files, inv.code, inv.comment, inv.blank) == (4, 42, 6, 4)
    assert (inv.binary_files, inv.binary_bytes) == (1, 900)
    assert [s.path for s in inv.skipped] == ["a.min.js", "vendor/x.js"]
    assert inv.share(inv.languages[0]) == pytest.approx(100 * 20 / 42)
    assert not inv.not_assessed


def test_empty_tree_is_not_assessed() -> None:
    inv = inventory.analyze(code_facts())
    assert inv.languages == () and inv.code == 0 and inv.stack == ()
    assert inv.not_assessed[0].reason == "no files to count in the tree"


FRAMEWORKS = [
    ("requirements.txt", "Django==4.2\nrequests\n", "Django"),
    ("requirements-dev.txt", "# django\ndjango-environ\n", None),
    ("requirements/base.txt", "x\n", None),  # not requirements*.txt by base name
    ("pyproject.toml", '[project]\ndependencies = ["Flask>=2", "click"]\n', "Flask"),
    ("pyproject.toml", '[tool.poetry.dependencies]\npython = "^3.11"\nFastAPI = "^0.110"\n',
     "FastAPI"),
    ("pyproject.toml", "[project\nbroken", None),
    ("Pipfile", '[packages]\nflask = "*"\n', "Flask"),
    ("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\n", "Ruby on Rails"),
    ("Gemfile", "gem 'rails-html-sanitizer'\n", None),
    ("Gemfile", 'gem "sinatra"\n', "Sinatra"),
    ("package.json", '{"dependencies": {"next": "14.1.0", "react": "18"}}', "Next.js"),
    ("package.json", '{"devDependencies": {"react": "^18.2.0"}}', "React"),
    ("package.json", '{"dependencies": {"express-session": "1"}}', None),
    ("package.json", '{"dependencies": {"express": "4"}}', "Express"),
    ("package.json", '{"dependencies": {"@angular/core": "17"}}', "Angular"),
    ("package.json", '{"dependencies": {"@nestjs/core": "10"}}', "NestJS"),
    ("package.json", '{"dependencies": {"vue": "3"}}', "Vue"),
    ("package.json", '{"devDependencies": {"svelte": "4"}}', "Svelte"),
    ("package.json", "{not json", None),
    ("package.json", '{"dependencies": ["react"]}', None),
    ("pom.xml", "<project><parent><artifactId>spring-boot-starter-parent</artifactId></parent>"
     "</project>", "Spring Boot"),
    ("build.gradle", "plugins { id 'org.springframework.boot' version '3.2.0' }", "Spring Boot"),
    ("build.gradle.kts", 'dependencies { implementation("org.springframework.boot:'
     'spring-boot-starter-web") }', "Spring Boot"),
    ("build.gradle", "dependencies { implementation 'com.google.guava:guava:33.0' }", None),
    ("go.mod", "module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n)\n", "Gin"),
    ("go.mod", "module x\nrequire github.com/labstack/echo/v4 v4.11.4\n", "Echo"),
    ("go.mod", "module x\nrequire github.com/gofiber/fiber/v2 v2.52.0\n", "Fiber"),
    ("go.mod", "module github.com/gin-gonic/gin\n", None),
    ("Cargo.toml", '[dependencies]\nactix-web = "4"\n', "Actix Web"),
    ("Cargo.toml", '[dependencies]\naxum = { version = "0.7" }\n', "Axum"),
    ("Cargo.toml", '[package]\nname = "rocket"\n', None),
    ("Cargo.toml", '[dependencies]\nrocket = "0.5"\n', "Rocket"),
    ("composer.json", '{"require": {"laravel/framework": "^11.0"}}', "Laravel"),
    ("composer.json", '{"require": {"symfony/framework-bundle": "7.*"}}', "Symfony"),
    ("composer.json", '{"require": {"symfony/console": "7.*"}}', None),
    ("api/Api.csproj", '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>', "ASP.NET Core"),
    ("Lib.csproj", '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference '
     'Include="Microsoft.AspNetCore.Mvc.Core" Version="2.2.5" /></ItemGroup></Project>',
     "ASP.NET Core"),
    ("Lib.csproj", '<Project Sdk="Microsoft.NET.Sdk"></Project>', None),
]  # fmt: skip


@pytest.mark.parametrize(("path", "text", "framework"), FRAMEWORKS)
def test_framework_detection(path: str, text: str, framework: str | None) -> None:
    found = [t.name for t in detect(code_facts(texts={path: text})) if t.kind != "runtime"]
    assert (found[0] if found else None) == framework


RUNTIMES = [
    ("package.json", '{"engines": {"node": ">=20"}}', "Node.js", ">=20"),
    (".nvmrc", "v18.19.0\n", "Node.js", "18.19.0"),
    ("pyproject.toml", '[project]\nrequires-python = ">=3.11"\n', "Python", ">=3.11"),
    (".python-version", "3.12.1\n", "Python", "3.12.1"),
    ("docker/Dockerfile", "FROM python:3.12-slim AS base\n", "Python", "3.12"),
    ("Dockerfile", "FROM node:20-alpine\n", "Node.js", "20"),
    ("go.mod", "module x\n\ngo 1.22.1\n", "Go", "1.22.1"),
    ("pom.xml", "<properties><java.version>17</java.version></properties>", "Java", "17"),
    ("build.gradle.kts", "java { toolchain { languageVersion.set(JavaLanguageVersion.of(21)) } }",
     "Java", "21"),
    (".ruby-version", "3.3.0\n", "Ruby", "3.3.0"),
    ("App.csproj", "<PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>",
     ".NET", "net8.0"),
    ("composer.json", '{"require": {"php": "^8.2"}}', "PHP", "^8.2"),
    ("Cargo.toml", '[package]\nrust-version = "1.75"\n', "Rust", "1.75"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "text", "runtime", "version"), RUNTIMES)
def test_runtime_detection(path: str, text: str, runtime: str, version: str) -> None:
    found = [(t.name, t.version) for t in detect(code_facts(texts={path: text}))
             if t.kind == "runtime"]  # fmt: skip
    assert found == [(runtime, version)]


def test_one_entry_per_technology_with_every_source_and_vendored_ignored() -> None:
    texts = {
        "web/package.json": '{"dependencies": {"react": "18"}}',
        "admin/package.json": '{"dependencies": {"react": "17"}}',
        "node_modules/x/package.json": '{"dependencies": {"express": "4"}}',
        "Gemfile.lock": "rails (7.1)",
    }
    skipped = [ExcludedPath("node_modules/x/package.json", "vendored: node_modules/")]
    stack = detect(code_facts(texts=texts, skipped=skipped))
    assert [(t.name, t.kind, t.found_in) for t in stack] == [
        ("React", "front-end library", ("admin/package.json", "web/package.json"))
    ]
    assert stack[0].version == "17"  # the first manifest read, in path order


def test_dependency_names_keep_versions() -> None:
    assert dependencies("requirements", "Django[argon2]>=4.2 ; python_version>'3'\n-r x.txt") == {
        "Django": ">=4.2"
    }
    assert dependencies("go_mod", "require (\n  golang.org/x/sync v0.6.0 // indirect\n)") == {
        "golang.org/x/sync": "v0.6.0"
    }
    for fmt in stack_data().manifests.values():  # every format named in the data has a parser
        assert dependencies(fmt, "") == {}
