"""Terraform rules and the HCL reader: pass and fail cases at exact lines, credentials redacted."""

from __future__ import annotations

import pytest
from test_infra_helpers import analyze, places

from cto.analyzers.infra_hcl import parse

CASES = [
    ("tf-public-bucket", 'resource "aws_s3_bucket" "b" {\n  acl = "public-read"\n}', [2]),
    ("tf-public-bucket", 'resource "aws_s3_bucket_acl" "b" {\n  acl = "public-read-write"\n}', [2]),
    ("tf-public-bucket", 'resource "aws_s3_bucket" "b" {\n  acl = "private"\n}', []),
    ("tf-public-bucket", 'resource "aws_s3_bucket_public_access_block" "b" {\n'
     "  block_public_acls = true\n  block_public_policy = false\n}", [3]),
    ("tf-public-bucket", 'resource "aws_s3_bucket_public_access_block" "b" {\n'
     "  block_public_acls = var.block\n}", []),
    ("tf-open-security-group", 'resource "aws_security_group" "ssh" {\n  ingress {\n'
     '    from_port = 22\n    to_port = 22\n    protocol = "tcp"\n'
     '    cidr_blocks = ["0.0.0.0/0"]\n  }\n}', [2]),
    ("tf-open-security-group", 'resource "aws_security_group" "rdp" {\n  ingress {\n'
     '    from_port = 3000\n    to_port = 4000\n    ipv6_cidr_blocks = ["::/0"]\n  }\n}', [2]),
    ("tf-open-security-group", 'resource "aws_security_group" "all" {\n'
     '  ingress { protocol = "-1"\n cidr_blocks = ["0.0.0.0/0"] }\n}', [2]),
    ("tf-open-security-group", 'resource "aws_security_group" "web" {\n  ingress {\n'
     '    from_port = 443\n    to_port = 443\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}', []),
    ("tf-open-security-group", 'resource "aws_security_group" "vpn" {\n  ingress {\n'
     '    from_port = 22\n    to_port = 22\n    cidr_blocks = ["10.0.0.0/8"]\n  }\n}', []),
    ("tf-open-security-group", 'resource "aws_security_group" "e" {\n  egress {\n'
     '    from_port = 0\n    to_port = 0\n    protocol = "-1"\n'
     '    cidr_blocks = ["0.0.0.0/0"]\n  }\n}', []),
    ("tf-open-security-group", 'resource "aws_security_group_rule" "r" {\n  type = "ingress"\n'
     '  from_port = 0\n  to_port = 65535\n  cidr_blocks = ["0.0.0.0/0"]\n}', [1]),
    ("tf-open-security-group", 'resource "aws_vpc_security_group_ingress_rule" "r" {\n'
     '  ip_protocol = "tcp"\n  from_port = 22\n  to_port = 22\n  cidr_ipv4 = "0.0.0.0/0"\n}', [1]),
    ("tf-open-security-group", 'resource "aws_security_group_rule" "r" {\n  type = "ingress"\n'
     '  from_port = var.port\n  to_port = var.port\n  cidr_blocks = ["0.0.0.0/0"]\n}', []),
    ("tf-unencrypted-storage", 'resource "aws_db_instance" "db" {\n  engine = "postgres"\n}', [1]),
    ("tf-unencrypted-storage",
     'resource "aws_db_instance" "db" {\n  storage_encrypted = false\n}', [2]),
    ("tf-unencrypted-storage",
     'resource "aws_db_instance" "db" {\n  storage_encrypted = true\n}', []),
    ("tf-unencrypted-storage",
     'resource "aws_db_instance" "r" {\n  replicate_source_db = aws_db_instance.db.id\n}', []),
    ("tf-unencrypted-storage", 'resource "aws_ebs_volume" "v" {\n  size = 10\n}', [1]),
    ("tf-unencrypted-storage", 'resource "aws_ebs_volume" "v" {\n  encrypted = true\n}', []),
    ("tf-unencrypted-storage",
     'resource "aws_ebs_volume" "v" {\n  encrypted = var.encrypt\n}', []),
    ("tf-hardcoded-credentials", 'provider "aws" {\n  region = "eu-west-1"\n'
     '  access_key = "AKIAEXAMPLE"\n  secret_key = "wJalrEXAMPLE"\n}', [3, 4]),
    ("tf-hardcoded-credentials", 'provider "aws" {\n  profile = "prod"\n}', []),
    ("tf-hardcoded-credentials", 'resource "aws_db_instance" "db" {\n'
     '  storage_encrypted = true\n  password = "hunter2"\n}', [3]),
    ("tf-hardcoded-credentials", 'resource "aws_db_instance" "db" {\n'
     '  storage_encrypted = true\n  password = var.db_password\n}', []),
    ("tf-hardcoded-credentials", 'resource "aws_db_instance" "db" {\n'
     '  storage_encrypted = true\n  password = data.aws_ssm_parameter.db.value\n}', []),
    ("tf-hardcoded-credentials", 'resource "aws_db_instance" "db" {\n'
     '  storage_encrypted = true\n  password = "${var.prefix}-pw"\n}', []),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "terraform", "lines"), CASES)
def test_rule(rule: str, terraform: str, lines: list[int]) -> None:
    assert places({"infra/main.tf": terraform + "\n"}, rule) == [
        ("infra/main.tf", n) for n in lines
    ]


def test_credentials_are_redacted_in_evidence() -> None:
    text = 'provider "aws" {\n  access_key = "AKIAEXAMPLE"\n  secret_key = "wJalrEXAMPLE"\n}\n'
    analysis = analyze({"main.tf": text})
    assert [h.text for h in analysis.hits] == ["access_key = [redacted]", "secret_key = [redacted]"]
    dumped = repr(analysis.to_dict())
    assert "AKIAEXAMPLE" not in dumped and "wJalrEXAMPLE" not in dumped


HCL = """\
# a comment with a brace {
/* a block comment
   resource "aws_ebs_volume" "ghost" {} */
resource "aws_security_group" "web" {
  name   = "web-${var.env}-${lookup(var.m, "k")}"  // trailing comment
  policy = <<EOF
{ "Statement": "}" }
EOF
  tags = { Name = "x", Team = "y" }
  ingress {
    cidr_blocks = [
      "0.0.0.0/0",
      "::/0",
    ]
  }
  dynamic "ingress" {
    for_each = var.rules
    content { from_port = ingress.value }
  }
}
"""


def test_the_hcl_reader_handles_comments_strings_heredocs_and_nesting() -> None:
    root = parse(HCL)
    [group] = root.blocks
    assert (group.type, group.labels, group.line) == ("resource", ("aws_security_group", "web"), 4)
    assert set(group.attributes) == {"name", "policy", "tags"}
    assert group.attributes["name"].literal is None  # interpolated: not a literal
    assert group.attributes["tags"].line == 9
    ingress, dynamic = group.blocks
    assert ingress.attributes["cidr_blocks"].strings == ("0.0.0.0/0", "::/0")
    assert ingress.attributes["cidr_blocks"].line == 11
    assert (dynamic.type, dynamic.labels) == ("dynamic", ("ingress",))


def test_broken_hcl_does_not_crash() -> None:
    for text in ('resource "aws_ebs_volume" "v" {', '"unterminated', "}}}", "= = =", "<<EOF\n"):
        parse(text)
    assert places({"main.tf": 'resource "aws_ebs_volume" "v" {\n'}, "tf-unencrypted-storage") == [
        ("main.tf", 1)
    ]


def test_terraform_json_is_not_read_but_said_so() -> None:
    analysis = analyze({"main.tf.json": '{"resource": {}}'})
    assert analysis.checked["terraform"] == ()
    assert any("Terraform JSON" in n.reason for n in analysis.not_assessed)
