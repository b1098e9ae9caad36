"""CI systems detected from minimal configs, with what each runs; unreadable configs."""

from __future__ import annotations

import pytest

from cto.analyzers import delivery_setup
from cto.analyzers.code_interface import MemorySnapshot

GITHUB = """name: CI
on: [push]
jobs:
  check:
    runs-on: ubuntu-latest
    env:
      DEPLOY_TOKEN: x
    steps:
      - uses: actions/checkout@v4
      - run: ruff check .
      - run: |
          pip install -e .
          pytest -q
"""
GITLAB = """stages: [build, deploy]
variables:
  DEPLOY_ENV: prod
compile:
  stage: build
  script:
    - go build ./...
release:
  stage: deploy
  script: kubectl apply -f k8s/
"""
CIRCLE = """version: 2.1
jobs:
  build:
    docker: [{image: cimg/node:20.0}]
    steps:
      - checkout
      - run: npm ci
      - run:
          name: Unit
          command: npm test
"""
JENKINS = """pipeline {
  agent any
  stages {
    stage('Lint') { steps { sh 'golangci-lint run' } }
    stage('Package') { steps { sh "docker build -t app ." } }
  }
}
"""
AZURE = """trigger: [main]
steps:
  - task: DotNetCoreCLI@2
    inputs:
      command: test
  - script: dotnet publish -c Release
    displayName: Publish
"""
BITBUCKET = """pipelines:
  default:
    - step:
        name: Lint
        script:
          - npx eslint .
"""
TRAVIS = """language: python
script: tox
deploy:
  provider: heroku
"""
DRONE = """kind: pipeline
steps:
  - name: compile
    image: rust:1.75
    commands: [cargo build --release]
"""
BUILDKITE = """steps:
  - label: ":rspec:"
    command: bundle exec rspec
"""

CASES = [
    ("GitHub Actions", ".github/workflows/ci.yml", GITHUB,
     {"tests": ("pytest -q",), "lint": ("ruff check .",)}),
    ("GitLab CI", ".gitlab-ci.yml", GITLAB,
     {"build": ("compile", "build", "go build ./..."),
      "deploy": ("deploy", "kubectl apply -f k8s/")}),
    ("CircleCI", ".circleci/config.yml", CIRCLE,
     {"tests": ("npm test",), "build": ("build",)}),
    ("Jenkins", "Jenkinsfile", JENKINS,
     {"lint": ("stage('Lint') { steps { sh 'golangci-lint run' } }",),
      "build": ("""stage('Package') { steps { sh "docker build -t app ." } }""",)}),
    ("Azure Pipelines", "azure-pipelines.yml", AZURE,
     {"tests": ("test",), "deploy": ("dotnet publish -c Release", "Publish")}),
    ("Bitbucket Pipelines", "bitbucket-pipelines.yml", BITBUCKET,
     {"lint": ("Lint", "npx eslint .")}),
    ("Travis CI", ".travis.yml", TRAVIS,
     {"tests": ("tox",), "deploy": ("deploy", "heroku")}),
    ("Drone", ".drone.yml", DRONE, {"build": ("compile", "cargo build --release")}),
    ("Buildkite", ".buildkite/pipeline.yml", BUILDKITE,
     {"tests": (":rspec:", "bundle exec rspec")}),
]  # fmt: skip


@pytest.mark.parametrize(("system", "path", "text", "runs"), CASES, ids=[c[0] for c in CASES])
def test_each_ci_system_and_what_it_runs(system, path, text, runs):
    ci = delivery_setup.analyze(MemorySnapshot({path: text, "src/app.py": "x = 1\n"}))
    assert ci.systems == (system,)
    (found,) = ci.files
    assert (found.path, found.system, found.readable) == (path, system, True)
    assert dict(found.runs) == runs
    assert ci.runs == tuple(k for k in delivery_setup.KINDS if k in runs)


def test_several_files_combine_in_kind_order():
    ci = delivery_setup.analyze(
        MemorySnapshot({".github/workflows/a.yaml": GITHUB, ".gitlab-ci.yml": GITLAB})
    )
    assert ci.systems == ("GitHub Actions", "GitLab CI")
    assert ci.runs == ("tests", "lint", "build", "deploy")


@pytest.mark.parametrize(
    "text",
    ["jobs: [unclosed\n", "a: &x 1\nb: *x\n", "just a string\n", b"\0\x01binary"],
)
def test_unreadable_yaml_is_listed_as_could_not_read(text):
    ci = delivery_setup.analyze(MemorySnapshot({".github/workflows/ci.yml": text}))
    (found,) = ci.files
    assert not found.readable
    assert found.runs == {}
    assert found.problem
    assert ci.unreadable == (found,)
    assert ci.systems == ("GitHub Actions",)
    assert ci.runs == ()


def test_no_ci_files():
    ci = delivery_setup.analyze(MemorySnapshot({"ci.yml": GITHUB, "workflows/x.yml": GITHUB}))
    assert (ci.files, ci.systems, ci.runs) == ((), (), ())


@pytest.mark.parametrize(
    ("unit", "kinds"),
    [
        ("pytest --cov", {"tests"}),
        ("go test ./...", {"tests"}),
        ("./mvnw -B verify", {"tests"}),
        ("yarn run test:unit", {"tests"}),
        ("npm run lint", {"lint"}),
        ("golangci-lint run", {"lint"}),
        ("docker build -t app .", {"build"}),
        ("helm upgrade --install app chart/", {"deploy"}),
        ("terraform apply -auto-approve", {"deploy"}),
        ("twine upload dist/*", {"deploy"}),
        ("serverless deploy --stage prod", {"deploy"}),
        ("echo $DEPLOY_TOKEN_NAME", set()),
        ("actions/checkout@v4", set()),
        ("pip install -r requirements.txt", set()),
    ],
)
def test_unit_classification(unit, kinds):
    assert set(delivery_setup.classify([unit])) == kinds
