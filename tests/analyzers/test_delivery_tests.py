"""Test files, frameworks, test-to-code ratio and source areas, from minimal trees per language."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from cto.analyzers import testing
from cto.analyzers.code_interface import CodeFacts, MemorySnapshot, SourceFile
from cto.analyzers.testing import SourceArea

LANGUAGES = {
    ".py": "Python", ".js": "JavaScript", ".ts": "TypeScript", ".go": "Go", ".java": "Java",
    ".rb": "Ruby", ".php": "PHP", ".cs": "C#", ".rs": "Rust", ".swift": "Swift",
    ".md": "Markdown", ".json": "JSON", ".xml": "XML", ".yml": "YAML",
}  # fmt: skip


def facts(files: dict[str, str]) -> CodeFacts:
    """Code facts whose code lines are the non-blank lines of each file."""
    counted = tuple(
        SourceFile(
            path,
            LANGUAGES.get(PurePosixPath(path).suffix, ""),
            len(text),
            text.count("\n"),
            sum(1 for line in text.splitlines() if line.strip()),
            0,
            0,
        )
        for path, text in files.items()
    )
    return CodeFacts("shop", "abc", counted, (), (), (), MemorySnapshot(files))


CASES = {
    "pytest": (
        {"app/cart.py": "x = 1\n", "tests/test_cart.py": "def test(): pass\n", "pytest.ini": ""},
        ["tests/test_cart.py"], ["pytest"],
    ),
    "unittest": (
        {"shop/cart.py": "x = 1\n", "shop/cart_test.py": "import unittest\n"},
        ["shop/cart_test.py"], ["unittest"],
    ),
    "jest": (
        {"src/cart.js": "a\n", "src/cart.test.js": "t\n", "package.json": '{"jest": {}}'},
        ["src/cart.test.js"], ["Jest"],
    ),
    "vitest": (
        {"src/a.ts": "a\n", "src/__tests__/a.ts": "t\n",
         "package.json": '{"devDependencies": {"vitest": "^1.0.0"}}'},
        ["src/__tests__/a.ts"], ["Vitest"],
    ),
    "mocha": (
        {"lib/a.js": "a\n", "test/a.js": "t\n",
         "package.json": '{"devDependencies": {"mocha": "10"}}'},
        ["test/a.js"], ["Mocha"],
    ),
    "playwright": (
        {"web/a.ts": "a\n", "e2e/login.spec.ts": "t\n", "playwright.config.ts": "c\n"},
        ["e2e/login.spec.ts"], ["Playwright"],
    ),
    "cypress": (
        {"web/a.ts": "a\n", "cypress/e2e/login.cy.js": "t\n", "cypress.config.js": "c\n"},
        ["cypress/e2e/login.cy.js"], ["Cypress"],
    ),
    "go": (
        {"cart/cart.go": "package cart\n", "cart/cart_test.go": 'import "testing"\n'},
        ["cart/cart_test.go"], ["go test"],
    ),
    "junit5": (
        {"src/main/java/com/acme/Cart.java": "class Cart {}\n",
         "src/test/java/com/acme/CartTest.java": "class CartTest {}\n",
         "pom.xml": "<artifactId>junit-jupiter</artifactId>"},
        ["src/test/java/com/acme/CartTest.java"], ["JUnit 5"],
    ),
    "junit4": (
        {"src/main/java/Cart.java": "c\n", "src/test/java/CartTest.java": "t\n",
         "build.gradle": "testImplementation 'junit:junit:4.13.2'"},
        ["src/test/java/CartTest.java"], ["JUnit 4"],
    ),
    "testng": (
        {"app/Cart.java": "c\n", "app/CartTest.java": "import org.testng.annotations.Test;\n"},
        ["app/CartTest.java"], ["TestNG"],
    ),
    "rspec": (
        {"lib/cart.rb": "c\n", "spec/cart_spec.rb": "t\n", "Gemfile": "gem 'rspec'\n"},
        ["spec/cart_spec.rb"], ["RSpec"],
    ),
    "minitest": (
        {"lib/cart.rb": "c\n", "test/cart_test.rb": 'require "minitest/autorun"\n'},
        ["test/cart_test.rb"], ["Minitest"],
    ),
    "phpunit": (
        {"src/Cart.php": "c\n", "tests/CartTest.php": "t\n",
         "composer.json": '{"require-dev": {"phpunit/phpunit": "^10"}}'},
        ["tests/CartTest.php"], ["PHPUnit"],
    ),
    "xunit": (
        {"Shop/Cart.cs": "c\n", "Shop.Tests/CartTests.cs": "using Xunit;\n",
         "Shop.Tests/Shop.Tests.csproj": '<PackageReference Include="xunit" Version="2.6" />'},
        ["Shop.Tests/CartTests.cs"], ["xUnit"],
    ),
    "nunit": (
        {"Shop/Cart.cs": "c\n", "Shop.UnitTests/Basket.cs": "using NUnit.Framework;\n"},
        ["Shop.UnitTests/Basket.cs"], ["NUnit"],
    ),
    "mstest": (
        {"Shop/Cart.cs": "c\n", "Shop/CartTest.cs": "t\n",
         "Shop.csproj": '<PackageReference Include="MSTest.TestFramework" />'},
        ["Shop/CartTest.cs"], ["MSTest"],
    ),
    "swift": (
        {"Sources/Cart/Cart.swift": "c\n", "Tests/CartTests/CartTests.swift": "import XCTest\n"},
        ["Tests/CartTests/CartTests.swift"], ["XCTest"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_test_files_and_framework_per_language(case):
    files, test_files, frameworks = CASES[case]
    result = testing.analyze(facts(files))
    assert list(result.test_files) == test_files
    assert list(result.frameworks) == frameworks
    assert result.has_tests


def test_rust_integration_tests_and_inline_unit_tests():
    result = testing.analyze(
        facts(
            {
                "src/lib.rs": "pub fn a() {}\n#[cfg(test)]\nmod tests {}\n",
                "src/main.rs": "fn main() {}\n",
                "tests/it.rs": "#[test]\nfn t() {}\n",
            }
        )
    )
    assert result.test_files == ("tests/it.rs",)
    assert result.inline_test_files == ("src/lib.rs",)
    assert result.frameworks == ("cargo test",)
    assert result.production_lines == 4  # inline tests stay production code


def test_names_that_only_look_like_tests_are_not_tests():
    result = testing.analyze(
        facts({"app/contest.py": "a\n", "app/latest.py": "b\n", "docs/test_guide.md": "# t\n"})
    )
    assert result.test_files == ()
    assert not result.has_tests
    assert result.frameworks == ()


def test_ratio_counts_code_lines_of_tests_over_production_source():
    result = testing.analyze(
        facts(
            {
                "app/a.py": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
                "app/b.js": "1\n\n2\n3\n4\n5\n",
                "docs/conf.py": "1\n2\n3\n",  # documentation: not production
                "webpack.config.js": "1\n2\n3\n4\n",  # tool configuration
                "README.md": "# readme\n",  # not a programming language
                "tests/test_a.py": "1\n2\n\n3\n",
            }
        )
    )
    assert (result.test_lines, result.production_lines) == (3, 15)
    assert result.ratio == pytest.approx(0.2)


def test_no_production_code_means_no_ratio():
    result = testing.analyze(facts({"README.md": "# hi\n", "tests/test_a.py": "x\n"}))
    assert (result.production_lines, result.ratio, result.untested_share) == (0, None, None)


def test_areas_are_packages_below_src_and_tested_when_a_test_names_them():
    result = testing.analyze(
        facts(
            {
                "src/shop/billing/invoice.py": "x\n" * 40,
                "src/shop/billing/tax.py": "x\n" * 10,
                "src/shop/users/account.py": "x\n" * 30,
                "src/shop/reports/pdf.py": "x\n" * 20,
                "src/shop/cli.py": "x\n" * 5,  # directly in the package: in no area
                "tests/test_billing.py": "t\n",
                "tests/users/test_login.py": "t\n",  # "users" names the users area
            }
        )
    )
    assert result.areas == (
        SourceArea("src/shop/billing", 50, True),
        SourceArea("src/shop/users", 30, True),
        SourceArea("src/shop/reports", 20, False),
    )
    assert result.untested_share == pytest.approx(100 * 20 / 105)


def test_java_areas_skip_the_package_prefix_and_match_camel_case_test_names():
    result = testing.analyze(
        facts(
            {
                "src/main/java/com/acme/billing/Invoice.java": "x\n" * 3,
                "src/main/java/com/acme/userService/User.java": "x\n" * 2,
                "src/main/java/com/acme/models/Order.java": "x\n",
                "src/test/java/com/acme/UserServiceTest.java": "t\n",
                "spec/model/order_spec.rb": "t\n",  # "model" names "models"
            }
        )
    )
    assert {a.path: a.tested for a in result.areas} == {
        "src/main/java/com/acme/billing": False,
        "src/main/java/com/acme/userService": True,
        "src/main/java/com/acme/models": True,
    }


def test_colocated_tests_make_their_area_tested():
    areas = testing.source_areas(
        {"web/cart/cart.ts": 10, "web/pay/pay.ts": 5}, ["web/cart/__tests__/x.test.ts"]
    )
    assert areas == (SourceArea("web/cart", 10, True), SourceArea("web/pay", 5, False))


def test_area_of_a_path():
    areas = (SourceArea("src/a", 1, True), SourceArea("src/ab", 1, True))
    assert testing.area_of("src/ab/x.py", areas) == areas[1]
    assert testing.area_of("src/x.py", areas) is None
