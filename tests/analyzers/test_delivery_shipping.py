"""How this ships: each kind of deployment file detected or not, and the one-sentence summary."""

from __future__ import annotations

import pytest

from cto.analyzers import delivery_shipping
from cto.analyzers.code_interface import MemorySnapshot

DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
PLAYBOOK = "- hosts: web\n  tasks:\n    - name: ping\n      ping: {}\n"

CASES = [
    ("docker", {"Dockerfile": "FROM python:3.12\n"}, {"docs/dockerfile-guide.md": "x"}),
    ("docker", {"api/Dockerfile.prod": "FROM x\n"}, {"Dockerfiles.md": "x"}),
    ("compose", {"docker-compose.yml": "services: {}\n"}, {"composer.json": "{}"}),
    ("compose", {"deploy/compose.prod.yaml": "services: {}\n"}, {"compose.txt": ""}),
    ("kubernetes", {"k8s/app.yaml": "---\n" + DEPLOYMENT}, {"k8s/values.yaml": "image: x\n"}),
    ("kubernetes", {"k8s/app.yml": DEPLOYMENT},
     {"k8s/k.yaml": "kind: Kustomization\napiVersion: v1\n"}),
    ("helm", {"charts/web/Chart.yaml": "apiVersion: v2\nname: web\n"},
     {"charts/web/chart.yml": ""}),
    ("kustomize", {"k8s/kustomization.yaml": "resources: []\n"}, {"k8s/kustom.yaml": "a: 1\n"}),
    ("terraform", {"infra/main.tf": 'resource "x" "y" {}\n'}, {"infra/main.tfvars.md": ""}),
    ("pulumi", {"Pulumi.yaml": "name: x\n"}, {"pulumi.md": ""}),
    ("cloudformation", {"template.yaml": "AWSTemplateFormatVersion: '2010-09-09'\n"},
     {"template.yaml": "Resources: {}\n"}),
    ("cloudformation", {"sam.yml": "Transform: AWS::Serverless-2016-10-31\n"},
     {"sam.yml": "a: 1\n"}),
    ("cdk", {"cdk.json": '{"app": "npx ts-node bin/app.ts"}'}, {"cdk.md": ""}),
    ("serverless", {"serverless.yml": "service: api\n"}, {"serverless.md": ""}),
    ("heroku", {"Procfile": "web: gunicorn app:app\n"}, {"docs/Procfile.md": ""}),
    ("fly", {"fly.toml": 'app = "x"\n'}, {"flyer.toml": ""}),
    ("vercel", {"vercel.json": "{}"}, {"vercel.md": ""}),
    ("netlify", {"netlify.toml": "[build]\n"}, {"netlify.md": ""}),
    ("app_engine", {"app.yaml": "runtime: python312\n"}, {"app.yaml": "name: not-gae\n"}),
    ("ansible", {"deploy/site.yml": PLAYBOOK}, {"deploy/site.yml": "- name: list\n"}),
    ("ansible", {"roles/web/tasks/main.yml": "- ping: {}\n"},
     {"roles/web/vars/main.yml": "a: 1\n"}),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "present", "absent"), CASES, ids=[c[0] for c in CASES])
def test_each_kind_detected_and_not(kind, present, absent):
    found = delivery_shipping.analyze(MemorySnapshot(present))
    assert kind in [k.kind for k in found.kinds]
    assert [k.files for k in found.kinds if k.kind == kind] == [tuple(sorted(present))]
    missed = delivery_shipping.analyze(MemorySnapshot(absent))
    assert kind not in [k.kind for k in missed.kinds]


def test_sentence_for_a_docker_kubernetes_helm_terraform_stack():
    found = delivery_shipping.analyze(
        MemorySnapshot(
            {
                "Dockerfile": "FROM x\n",
                "deploy/app.yaml": DEPLOYMENT,
                "charts/app/Chart.yaml": "apiVersion: v2\nname: app\n",
                "infra/main.tf": "",
            }
        )
    )
    assert found.sentence == (
        "Ships as a Docker image deployed to Kubernetes with Helm; infrastructure in Terraform."
    )
    assert found.deployment_described


@pytest.mark.parametrize(
    ("files", "sentence", "described"),
    [
        ({}, "Nothing in the repository shows how this ships: no container, deployment or "
             "infrastructure files.", False),
        ({"Dockerfile": "", "compose.yaml": ""},
         "Ships as a Docker image; where it runs is not described in the repository. "
         "Docker Compose describes how its services run together.", False),
        ({"Procfile": "", "fly.toml": ""}, "Ships to Heroku and Fly.io.", True),
        ({"main.tf": ""},
         "Infrastructure in Terraform; how the application is deployed is not described.", True),
        ({"serverless.yml": "service: a\n"}, "Ships with the Serverless Framework.", True),
    ],
)  # fmt: skip
def test_sentences(files, sentence, described):
    found = delivery_shipping.analyze(MemorySnapshot(files))
    assert found.sentence == sentence
    assert found.deployment_described is described


def test_yaml_files_over_the_cap_are_counted_not_parsed(monkeypatch):
    monkeypatch.setattr(delivery_shipping, "MAX_YAML_FILES", 2)
    files = {f"k8s/{n}.yaml": DEPLOYMENT for n in "abc"}
    found = delivery_shipping.analyze(MemorySnapshot(files))
    assert [k.files for k in found.kinds] == [("k8s/a.yaml", "k8s/b.yaml")]
    assert found.yaml_not_checked == 1
